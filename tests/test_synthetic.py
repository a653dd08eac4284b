"""The synthetic national corpus of the benchmarks: seeded, sized as asked, shaped like the real graph."""

from __future__ import annotations

import pytest
from rdflib import Graph

from mandates import canned
from mandates.bench import synthetic_params
from mandates.stores import MemoryStore
from mandates.synthetic import generate


@pytest.fixture(scope="module")
def corpus() -> Graph:
    return generate(20_000)


def test_same_seed_same_triples(corpus: Graph) -> None:
    assert set(generate(20_000)) == set(corpus)
    assert set(generate(20_000, seed=7)) != set(corpus)


@pytest.mark.parametrize("size", [10_000, 50_000])
def test_size_is_near_the_request(size: int) -> None:
    assert 0.85 * size <= len(generate(size)) <= 1.15 * size


def _store(g: Graph) -> MemoryStore:
    store = MemoryStore.__new__(MemoryStore)
    store.graph = g
    return store


@pytest.mark.parametrize(
    "name",
    ["responsibilities", "calendar", "tasks_by_area", "leads_by_area", "targets", "unassigned", "lineage"],
)
def test_the_benchmark_questions_have_answers(corpus: Graph, name: str) -> None:
    """A benchmark of queries that find nothing would measure nothing."""
    sample = next(str(s) for s in sorted(corpus.subjects()) if str(s).endswith("/t1"))
    _, rows = _store(corpus).select(canned.bind(canned.get(name), synthetic_params(name, sample)))
    assert rows
