"""The benchmark report: what a stopped or a slow rdflib query shows, and how often each is run."""

from __future__ import annotations

import pytest

from mandates import bench


class CountingStore:
    def __init__(self) -> None:
        self.calls = 0

    def select(self, text: str) -> tuple[list[str], list[dict]]:
        self.calls += 1
        return ["x"], [{"x": "1"}]


@pytest.mark.parametrize(("one_run_ms", "calls"), [(-1.0, 1), (1e9, 3)])
def test_a_slow_rdflib_query_is_timed_once(
    monkeypatch: pytest.MonkeyPatch, one_run_ms: float, calls: int
) -> None:
    monkeypatch.setattr(bench, "RDFLIB_ONE_RUN_MS", one_run_ms)
    store = CountingStore()
    ms, rows = bench._rdflib_median(store, "SELECT * WHERE { ?s ?p ?o }", 3)
    assert (store.calls, rows) == (calls, 1) and ms >= 0


def test_a_stopped_query_shows_the_limit_of_its_run_as_a_bound() -> None:
    result = bench.SizeResult(100_000, 0.4, 12.0, 2.6, 54.0)
    result.queries["leads_by_area"] = bench.Timing(
        None, 7.0, 40.0, 223, rd_stopped=True, rd_limit_ms=10_000.0
    )
    result.queries["lineage"] = bench.Timing(43.3, 0.5, 29.5, 2)
    text = bench.table([result])
    assert "| leads_by_area | 223 | > 10000.0 | 7.0 | 40.0 | > 1429× | > 250× |" in text
    assert "| lineage | 2 | 43.3 | 0.5 | 29.5 | 87× | 1× |" in text
    assert "leads_by_area > 1429×" in text  # the goal line keeps the bound
