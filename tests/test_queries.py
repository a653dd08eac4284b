"""Canned queries: the same answers from rdflib, embedded Oxigraph and a real Oxigraph server."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.plugins.sparql import prepareQuery

from mandates import canned
from mandates.cli import main
from mandates.stores import EndpointStore, MemoryStore, OxigraphStore, rebuild_store

EXAMPLES = {
    "lineage": {"node": "https://w3id.org/mandates/id/doc/gia-lai/ctr-tu/2025/99"},
    "descendants": {"directive": "92-KL/TW"},
    "responsibilities": {"agency": "Sở Y tế tỉnh Gia Lai"},
    "tasks_by_area": {"area": "giảm nghèo"},
    "targets": {"indicator": "tỷ lệ thất nghiệp chung"},
}
INJECTIONS = [
    'x" } ; DROP ALL ; #',
    '"} INSERT DATA { <http://a> <http://b> <http://c> } #',
    'x\\" } UNION { ?s ?p ?o } #',
    "line\nbreak } #",
]


def _sorted(rows: list[dict]) -> list[tuple]:
    return sorted(tuple(sorted((k, v or "") for k, v in r.items())) for r in rows)


@pytest.fixture(scope="module")
def stores(graph_file: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    store_dir = tmp_path_factory.mktemp("oxi") / "store"
    rebuild_store(graph_file, store_dir)
    return {"memory": MemoryStore(graph_file), "oxigraph": OxigraphStore(store_dir, graph_file)}


def _bound(name: str) -> str:
    return canned.bind(canned.get(name), EXAMPLES.get(name, {}))


@pytest.mark.parametrize("name", sorted(canned.catalogue()))
def test_query_is_standard_sparql_with_a_documented_header(name: str) -> None:
    q = canned.get(name)
    assert q.question and q.example.startswith("mandates query")
    prepareQuery(_bound(name))  # standard SPARQL 1.1: rdflib parses it


@pytest.mark.parametrize("name", sorted(canned.catalogue()))
def test_rdflib_and_oxigraph_agree(stores: dict, name: str) -> None:
    text = _bound(name)
    names_a, rows_a = stores["memory"].select(text)
    names_b, rows_b = stores["oxigraph"].select(text)
    assert names_a == names_b
    assert _sorted(rows_a) == _sorted(rows_b)


EXPECTED = [
    # (query, column, a value the answer must hold)
    ("lineage", "label", "Nghị quyết 42-NQ/TW"),
    ("descendants", "place", "Đắk Nông"),
    ("descendants", "place", "An Giang"),
    ("responsibilities", "role", "lead"),
    ("targets", "value", "2.5"),
    ("calendar", "deadline", "--11-25"),
    ("coverage", "group", "III.9"),
]


@pytest.mark.parametrize(("name", "column", "value"), EXPECTED)
def test_expected_answers(stores: dict, name: str, column: str, value: str) -> None:
    _, rows = stores["oxigraph"].select(_bound(name))
    assert value in {r[column] for r in rows}


@pytest.mark.parametrize("attack", INJECTIONS)
def test_injection_cannot_change_the_query(stores: dict, graph_file: Path, attack: str) -> None:
    before = len(Graph().parse(graph_file))
    text = canned.bind(canned.get("responsibilities"), {"agency": attack})
    prepareQuery(text)  # still one well-formed query: the value stayed a literal
    _, rows = stores["memory"].select(text)
    assert rows == []
    assert len(stores["memory"].graph) == before


@pytest.mark.parametrize("bad", ["not an iri", "http://a b", "<http://x>", 'http://x"}'])
def test_invalid_iri_is_refused(bad: str) -> None:
    with pytest.raises(canned.BadParameter):
        canned.bind(canned.get("lineage"), {"node": bad})


def test_cli_query_and_errors(graph_file: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(main, ["query", "targets", "-p", "indicator=tỷ lệ thất nghiệp chung", "--store", "memory",
                              "--graph", str(graph_file), "--format", "csv"])  # fmt: skip
    assert ok.exit_code == 0 and "2.45" in ok.output
    bad = runner.invoke(main, ["query", "target", "--graph", str(graph_file)])
    assert bad.exit_code != 0 and "did you mean: targets" in bad.output and "Traceback" not in bad.output
    missing = runner.invoke(main, ["query", "targets", "--graph", str(graph_file)])
    assert missing.exit_code != 0 and "needs --param indicator" in missing.output


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def oxigraph_server(graph_file: Path, tmp_path_factory: pytest.TempPathFactory):
    exe = shutil.which("oxigraph") or str(Path(__import__("sys").executable).parent / "oxigraph")
    if not Path(exe).exists():
        pytest.skip("the oxigraph server (PyPI package oxigraph) is not installed")
    port = _free_port()
    proc = subprocess.Popen([exe, "serve", "--location", str(tmp_path_factory.mktemp("srv")), "--bind",
                             f"127.0.0.1:{port}", "--union-default-graph"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    result = CliRunner().invoke(main, ["push", "--endpoint", f"{base}/store", "--graph", str(graph_file)])
    assert result.exit_code == 0, result.output
    yield base
    proc.terminate()
    proc.wait(timeout=10)


def test_push_twice_replaces(oxigraph_server: str, graph_file: Path) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    first = EndpointStore(f"{oxigraph_server}/query").select(count)[1][0]["n"]
    CliRunner().invoke(main, ["push", "--endpoint", f"{oxigraph_server}/store", "--graph", str(graph_file)])
    assert EndpointStore(f"{oxigraph_server}/query").select(count)[1][0]["n"] == first
    assert int(first) == len(Graph().parse(graph_file))


@pytest.mark.parametrize("name", sorted(canned.catalogue()))
def test_server_gives_the_same_answers(stores: dict, oxigraph_server: str, name: str) -> None:
    text = _bound(name)
    _, remote = EndpointStore(f"{oxigraph_server}/query").select(text)
    _, local = stores["oxigraph"].select(text)
    assert _sorted(remote) == _sorted(local)
