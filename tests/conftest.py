"""Shared fixtures: the shipped plans, and the graph built from them once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from mandates.build import BuildResult, build_graph
from mandates.constants import DOCUMENTS_DIR, ROOT

SHARED = ROOT.parent / "shared"
GOLD_DIR = SHARED / "eval" / "gold"
SCORER = SHARED / "eval" / "score.py"
PLANS = sorted(DOCUMENTS_DIR.glob("*.txt"))


def plan(prefix: str) -> str:
    """Text of the shipped plan whose file name starts with ``prefix`` ("000", "004")."""
    path = next(p for p in PLANS if p.name.startswith(prefix))
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def built() -> BuildResult:
    return build_graph(PLANS)


@pytest.fixture(scope="session")
def graph(built: BuildResult) -> Graph:
    return built.graph


@pytest.fixture(scope="session")
def graph_file(built: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from mandates.build import write_graph

    path = tmp_path_factory.mktemp("graph") / "mandates.ttl"
    write_graph(built.graph, path)
    return path
