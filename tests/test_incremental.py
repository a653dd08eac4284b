"""`mandates add`: one document added or replaced in the store, the rest untouched."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
from click.testing import CliRunner
from tests.conftest import PLANS

from mandates.cli import main
from mandates.stores import rebuild_store

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def _count(store_dir: Path) -> int:
    store = pyoxigraph.Store.read_only(str(store_dir))
    return int(next(iter(store.query(COUNT)))["n"].value)


def _ask(store_dir: Path, text: str) -> bool:
    store = pyoxigraph.Store.read_only(str(store_dir))
    query = 'PREFIX mnd: <https://w3id.org/mandates/ontology#> ASK { ?t mnd:text ?x FILTER (CONTAINS(STR(?x), "%s")) }'
    return bool(store.query(query % text, use_default_graph_as_union=True))


def test_add_same_file_twice_changes_nothing_and_a_changed_file_replaces(
    graph_file: Path, tmp_path: Path
) -> None:
    store_dir = tmp_path / "store"
    rebuild_store(graph_file, store_dir)
    plan = tmp_path / PLANS[-1].name
    plan.write_text(PLANS[-1].read_text(encoding="utf-8"), encoding="utf-8")
    runner = CliRunner()
    first = runner.invoke(main, ["add", str(plan), "--store", str(store_dir)])
    assert first.exit_code == 0, first.output
    after_first = _count(store_dir)
    assert runner.invoke(main, ["add", str(plan), "--store", str(store_dir)]).exit_code == 0
    assert _count(store_dir) == after_first
    changed = plan.read_text(encoding="utf-8").replace(
        "Tăng cường hoạt động Đội kiểm", "Đẩy mạnh hoạt động Tổ kiểm"
    )
    plan.write_text(changed, encoding="utf-8")
    result = runner.invoke(main, ["add", str(plan), "--store", str(store_dir)])
    assert result.exit_code == 0 and result.output.startswith("replaced")
    assert _ask(store_dir, "Đẩy mạnh hoạt động Tổ kiểm") and not _ask(
        store_dir, "Tăng cường hoạt động Đội kiểm"
    )


def test_added_plan_gets_its_lineage_from_the_store(graph_file: Path, tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    rebuild_store(graph_file, store_dir)
    assert CliRunner().invoke(main, ["add", str(PLANS[0]), "--store", str(store_dir)]).exit_code == 0
    store = pyoxigraph.Store.read_only(str(store_dir))
    query = (
        f'PREFIX mnd: <https://w3id.org/mandates/ontology#> ASK {{ ?d mnd:sourceFile "{PLANS[0].name}" ; mnd:derivesFrom ?r . '
        '?r mnd:code "42-NQ/TW" }'
    )
    assert bool(store.query(query, use_default_graph_as_union=True))
