"""Canned queries: expected answers on the built graph, and the same answers from rdflib, embedded
Oxigraph and a real Oxigraph server loaded by `mandates push`; parameters bound safely."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery

from mandates import canned
from mandates.cli import main
from mandates.constants import ONTOLOGY_PATH, QUERIES_DIR
from mandates.errors import MandatesError
from mandates.namespaces import MND
from mandates.stores import (
    BACKENDS,
    EndpointStore,
    MemoryStore,
    OxigraphStore,
    UpdateRefused,
    is_stale,
    named_graphs,
    open_store,
    push,
    rebuild_store,
    register,
)

MID = "https://w3id.org/mandates/id/"
GIA_LAI_PLAN = MID + "doc/gia-lai/kh-ubnd/undated/draft-7d2c6b73"
GIA_LAI_TASK = GIA_LAI_PLAN + "/part/iii-1-1"
CTR_99 = MID + "doc/gia-lai/ctr-tu/2025/99"
NQ_42 = MID + "doc/vn/nq-tw/2023/42"
NAMES = sorted(canned.catalogue())


# --- backends ------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _oxigraph_exe() -> str | None:
    exe = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    return exe if Path(exe).exists() else None


@pytest.fixture(scope="module")
def store_dir(graph_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("oxi") / "store"
    rebuild_store(graph_file, directory)
    return directory


@pytest.fixture(scope="module")
def oxigraph_server(graph_file: Path, store_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    """A real Oxigraph server (PyPI package oxigraph) on a free loopback port, loaded by our push."""
    exe = _oxigraph_exe()
    if exe is None:
        pytest.skip("the Oxigraph server (PyPI package oxigraph, in the test extras) is not installed")
    port = _free_port()
    location = tmp_path_factory.mktemp("oxigraph-server")
    proc = subprocess.Popen(
        [exe, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1)
                break
            except OSError:
                time.sleep(0.05)
        push(f"{base}/store", named_graphs(graph_file, store_dir))
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def backends(graph_file: Path, store_dir: Path, oxigraph_server: str) -> dict:
    return {
        "rdflib": MemoryStore(graph_file),
        "oxigraph": OxigraphStore(store_dir, graph_file),
        "server": EndpointStore(f"{oxigraph_server}/query"),
    }


def _bound(name: str, params: dict[str, str] | None = None) -> str:
    q = canned.get(name)
    return canned.bind(q, q.example_params() if params is None else params)


# --- the catalogue -------------------------------------------------------------------------------

MND_TERM = re.compile(r"\bmnd:([A-Za-z]\w*)")


@pytest.mark.parametrize("name", NAMES)
def test_header_states_question_parameters_example(name: str) -> None:
    q = canned.get(name)
    assert q.question.endswith("?") or "?" in q.question, q.question
    assert q.example.startswith(f"mandates query {name}"), q.example
    assert q.columns, "a '# columns:' line says what each column holds"
    assert set(q.example_params()) <= set(q.params)
    assert {n for n in q.params if n not in q.optional} <= set(q.example_params())
    assert "# param:" in q.text  # "(none)" is written too


@pytest.mark.parametrize("name", NAMES)
def test_query_is_standard_sparql(name: str) -> None:
    """rdflib's parser is the referee: with the example's values and with every optional one left out."""
    q = canned.get(name)
    prepareQuery(_bound(name))
    required = {k: v for k, v in q.example_params().items() if k not in q.optional}
    prepareQuery(_bound(name, required))


def test_every_mnd_term_in_queries_is_declared() -> None:
    ontology = Graph().parse(ONTOLOGY_PATH)
    declared = {str(s).rsplit("#", 1)[-1] for s in ontology.subjects() if str(s).startswith(str(MND))}
    used = {t for p in QUERIES_DIR.glob("*.rq") for t in MND_TERM.findall(p.read_text(encoding="utf-8"))}
    assert used - declared == set()


def test_readme_lists_every_query() -> None:
    readme = (QUERIES_DIR / "README.md").read_text(encoding="utf-8")
    assert [n for n in NAMES if f"`{n}`" not in readme] == []


def test_questions_of_the_issue_are_covered() -> None:
    """Issue #4: one query per question of PRODUCT.md."""
    assert {
        "lineage",
        "descendants",
        "responsibilities",
        "tasks_by_area",
        "targets",
        "calendar",
        "unassigned",
        "missing_directives",
    } <= set(NAMES)


# --- expected answers ----------------------------------------------------------------------------

# (query, parameters (None: the header's example), column, values the column must hold)
EXPECTED = [
    ("lineage", {"node": GIA_LAI_TASK}, "to", {CTR_99, NQ_42}),
    ("lineage", {"node": GIA_LAI_TASK}, "from", {GIA_LAI_PLAN, CTR_99, GIA_LAI_TASK}),
    ("lineage", {"node": CTR_99}, "code", {"42-NQ/TW"}),
    ("lineage", {"node": MID + "doc/an-giang/kh-ubnd/2022/322"}, "code", {"92-KL/TW", "1983/QĐ-TTg"}),
    (
        "lineage",
        {"node": MID + "doc/dak-nong/kh-ubnd/undated/draft-b571097b"},
        "to",
        {MID + "doc/vn/kl-tw/2020/92", MID + "doc/vn/nq-tw/2012/15"},
    ),
    ("descendants", None, "place", {"Đắk Nông", "An Giang"}),
    ("descendants", None, "label", {"Kế hoạch 322/KH-UBND", "Quyết định 1983/QĐ-TTg"}),
    (
        "descendants",
        {"directive": "42-NQ/TW"},
        "document",
        {GIA_LAI_PLAN, CTR_99, MID + "doc/binh-dinh/kh-tu/2024/109", MID + "doc/vn/nq-cp/2024/68"},
    ),
    ("responsibilities", None, "role", {"lead", "coordinate"}),
    ("responsibilities", {"agency": "Sở Y tế"}, "place", {"Gia Lai", "Bình Định", "Đắk Nông", "An Giang"}),
    ("task_actors", None, "actor", {"Sở Văn hóa, Thể thao và Du lịch tỉnh Gia Lai"}),
    ("task_actors", None, "number", {"iii-1-1-2"}),
    ("tasks_by_area", {"area": "giảm nghèo"}, "place", {"Gia Lai", "Bình Định", "Đắk Nông", "An Giang"}),
    ("leads_by_area", None, "lead", {"Sở Lao động - Thương binh và Xã hội tỉnh Đắk Nông"}),
    ("targets", None, "value", {"2.5", "2.45"}),
    ("targets", {}, "indicator", {"tỷ lệ thất nghiệp chung", "tỷ lệ dân số tham gia bảo hiểm y tế"}),
    ("calendar", {}, "deadline", {"--11-25", "--12-15", "--06-30"}),
    ("calendar", None, "deadline", {"--06-30", "--12-31"}),
    ("unassigned", {}, "place", {"Bình Định", "Gia Lai"}),
    ("successors", None, "resulting", {"Sở Nội vụ tỉnh Bình Định", "Sở Y tế tỉnh Bình Định"}),
    ("successors", None, "basis", {"Nghị định 45/2025/NĐ-CP"}),
    ("coverage", None, "group", {f"III.{i}" for i in range(1, 10)}),
    ("coverage", {}, "place", {"Gia Lai", "Bình Định"}),
]


@pytest.mark.parametrize(("name", "params", "column", "values"), EXPECTED)
def test_expected_answers(backends: dict, name: str, params: dict | None, column: str, values: set) -> None:
    names, rows = backends["oxigraph"].select(_bound(name, params))
    assert column in names
    assert values <= {r[column] for r in rows}


# (query, parameters, column, the only value the column may hold)
EXPECTED_ONLY = [
    ("responsibilities", None, "name", "Sở Y tế tỉnh Gia Lai"),
    ("tasks_by_area", None, "place", "Gia Lai"),
    ("leads_by_area", None, "area", "giảm nghèo"),
    ("targets", None, "indicator", "tỷ lệ thất nghiệp chung"),
    ("targets", None, "comparator", "<"),
    ("coverage", None, "place", "Gia Lai"),
    ("unassigned", None, "place", "Gia Lai"),
    ("successors", None, "original", "Sở Lao động - Thương binh và Xã hội tỉnh Bình Định"),
]


@pytest.mark.parametrize(("name", "params", "column", "value"), EXPECTED_ONLY)
def test_parameters_restrict_the_answer(
    backends: dict, name: str, params: dict | None, column: str, value: str
) -> None:
    _, rows = backends["oxigraph"].select(_bound(name, params))
    assert rows and {r[column] for r in rows} == {value}


def test_lineage_of_a_gia_lai_task_reaches_42_through_99(backends: dict) -> None:
    _, rows = backends["oxigraph"].select(_bound("lineage", {"node": GIA_LAI_TASK}))
    hops = {(r["from"], r["relation"], r["to"]) for r in rows}
    assert (GIA_LAI_PLAN, "implements", CTR_99) in hops
    assert (CTR_99, "implements", NQ_42) in hops
    assert {r["root"] for r in rows if r["to"] == NQ_42} == {"true"}
    assert {r["root"] for r in rows if r["to"] == CTR_99} == {"false"}
    assert all(r["evidence"] for r in rows if r["from"] == CTR_99)  # the sentence that says so


def test_unassigned_tasks_have_no_actor(backends: dict, graph: Graph) -> None:
    _, rows = backends["oxigraph"].select(_bound("unassigned"))
    assert rows
    for r in rows:
        task = URIRef(r["task"])
        assert (task, MND.responsibleActor, None) not in graph
        assert (task, MND.leadAgency, None) not in graph


def test_missing_directives(graph_file: Path, tmp_path: Path) -> None:
    """Every document the shipped plans cite is in the registry; a cited stub without one is listed."""
    assert MemoryStore(graph_file).select(_bound("missing_directives"))[1] == []
    g = Graph().parse(graph_file)
    stub = URIRef(MID + "doc/vn/qd-ttg/2099/1")
    g.add((URIRef(GIA_LAI_PLAN), MND.cites, stub))
    g.add((stub, MND.code, Literal("1/QĐ-TTg")))
    path = tmp_path / "with-stub.ttl"
    g.serialize(path, format="turtle")
    _, rows = MemoryStore(path).select(_bound("missing_directives"))
    assert [(r["cited"], r["code"], r["citing"]) for r in rows] == [(str(stub), "1/QĐ-TTg", GIA_LAI_PLAN)]


# --- the three backends agree --------------------------------------------------------------------


def _cases() -> list[tuple[str, dict[str, str] | None]]:
    """Each query with its example, and with every optional parameter left out."""
    out: list[tuple[str, dict[str, str] | None]] = []
    for name in NAMES:
        q = canned.get(name)
        out.append((name, None))
        if q.optional:
            out.append((name, {k: v for k, v in q.example_params().items() if k not in q.optional}))
    return out


@pytest.mark.parametrize(("name", "params"), _cases())
def test_backends_give_identical_answers(backends: dict, name: str, params: dict | None) -> None:
    text = _bound(name, params)
    answers = {b: store.select(text) for b, store in backends.items()}
    names, rows = answers["rdflib"]
    assert rows or name == "missing_directives", "an empty answer proves little"
    for backend, (other_names, other_rows) in answers.items():
        assert other_names == names, backend
        assert other_rows == rows, backend  # same rows in the same order: ORDER BY covers every column


def test_cli_answers_identically_on_the_three_backends(
    graph_file: Path, store_dir: Path, oxigraph_server: str
) -> None:
    runner = CliRunner()
    # Every query is compared on the three stores above; here the command line, on three kinds of answer
    # (a path, a list with labels, an aggregation), since each memory run parses the graph again.
    for name in ("lineage", "responsibilities", "leads_by_area"):
        args = ["query", name, "--graph", str(graph_file), "--format", "csv"]
        args += [a for k, v in canned.get(name).example_params().items() for a in ("--param", f"{k}={v}")]
        outputs = {}
        for backend in (
            ["--store", "memory"],
            ["--store", "oxigraph"],
            ["--endpoint", f"{oxigraph_server}/query"],
        ):
            result = runner.invoke(main, args + backend)
            assert result.exit_code == 0, (name, backend, result.output)
            outputs[backend[-1]] = result.output
        assert len(set(outputs.values())) == 1, name


# --- parameters are bound, never pasted ----------------------------------------------------------

INJECTIONS = [
    'x" } ; DROP ALL ; #',
    '"} INSERT DATA { <http://a> <http://b> <http://c> } #',
    "x' } ; CLEAR DEFAULT ; #",
    '" . } UNION { ?s ?p ?o } #',
    'Sở Y tế" ; DELETE WHERE { ?s ?p ?o } #',
]
IRI_INJECTIONS = [
    "<http://a> } INSERT DATA {",
    "http://a> } INSERT DATA { <http://b> <http://c> <http://d> } #",
    'http://x"} DROP ALL',
    "http://a\\u003E } DROP ALL #",
]


@pytest.mark.parametrize("attack", INJECTIONS)
@pytest.mark.parametrize(("name", "param"), [("responsibilities", "agency"), ("descendants", "directive")])
def test_injection_stays_a_value(backends: dict, name: str, param: str, attack: str) -> None:
    sizes = {b: s.size() for b, s in backends.items()}
    text = _bound(name, {param: attack})
    parsed = prepareQuery(text)  # still one well-formed SELECT: the value stayed one literal
    assert parsed.algebra.name == "SelectQuery"
    for backend, store in backends.items():
        assert store.select(text)[1] == [], backend
    assert {b: s.size() for b, s in backends.items()} == sizes


@pytest.mark.parametrize("attack", IRI_INJECTIONS)
def test_iri_injection_is_refused(attack: str) -> None:
    with pytest.raises(canned.BadParameter, match="not an absolute IRI"):
        canned.bind(canned.get("lineage"), {"node": attack})


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("lineage", {"node": "not an iri"}, "not an absolute IRI"),
        ("lineage", {"node": "http://a b"}, "not an absolute IRI"),
        ("lineage", {"node": "<http://x>"}, "not an absolute IRI"),
        ("lineage", {"node": "doc/vn/nq-tw/2023/42"}, "not an absolute IRI"),
        ("lineage", {"node": "http://a\x00b"}, "not an absolute IRI"),
        ("responsibilities", {"agency": "line\nbreak"}, "control characters"),
        ("responsibilities", {"agency": 'x\\" } #'}, "backslashes"),
        ("responsibilities", {"agency": ""}, "empty"),
        ("responsibilities", {"agency": "x" * 501}, "longer than"),
        ("responsibilities", {}, "needs --param agency"),
        ("responsibilities", {"agency": "x", "place": "y"}, "has no parameter place"),
    ],
)
def test_bad_values_are_refused_with_a_clear_error(name: str, params: dict, message: str) -> None:
    with pytest.raises(canned.BadParameter, match=message):
        canned.bind(canned.get(name), params)


def test_prefixed_iri_and_nfd_label_are_normalised(backends: dict) -> None:
    store = backends["rdflib"]
    full = store.select(_bound("lineage", {"node": CTR_99}))
    short = store.select(_bound("lineage", {"node": "mid:doc/gia-lai/ctr-tu/2025/99"}))
    assert full == short and full[1]
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Sở Y tế tỉnh Gia Lai")
    assert store.select(_bound("responsibilities", {"agency": nfd}))[1]


def test_optional_parameter_left_out_is_undef() -> None:
    text = canned.bind(canned.get("tasks_by_area"), {"area": "giảm nghèo"})
    assert 'VALUES ?area { "giảm nghèo"@vi } VALUES ?place { UNDEF }' in text


def test_a_header_that_disagrees_with_its_query_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.rq"
    bad.write_text(
        "# question: ?\n# param: who (label) — x\nSELECT ?x WHERE { ?x ?p ?o }\n", encoding="utf-8"
    )
    with pytest.raises(canned.BadQueryFile, match="#PARAMS"):
        canned.parse(bad)
    bad.write_text(
        "# question: ?\n# param: who (label) — x\nSELECT ?x WHERE {\n#PARAMS\n?x ?p ?o }\n", encoding="utf-8"
    )
    with pytest.raises(canned.BadQueryFile, match="not in the query"):
        canned.parse(bad)


HEAD = "# question: ?\n# param: a (label) — x\n# param: b (label, optional) — y\n"
A, B = 'VALUES ?a { "x"@vi }', "VALUES ?b { UNDEF }"


# (query body, the VALUES blocks in the bound text in order, or the error)
@pytest.mark.parametrize(
    ("body", "blocks", "error"),
    [
        ("SELECT * WHERE {\n#PARAMS(a)\n{ SELECT ?a WHERE {\n#PARAMS(b)\n?a ?p ?b } } }", [A, B], None),
        ("SELECT * WHERE {\n#PARAMS(b)\n{ SELECT ?a WHERE {\n#PARAMS\n?a ?p ?b } } }", [B, A], None),
        (
            "SELECT * WHERE {\n{\n#PARAMS(a, b)\n?a ?p ?b } UNION {\n#PARAMS(b, a)\n?b ?p ?a } }",
            [A, B, A, B],
            None,
        ),
        ("SELECT * WHERE {\n#PARAMS(a)\n?a ?p ?b }", None, "b has no '#PARAMS' line"),
        ("SELECT * WHERE {\n#PARAMS(a, c)\n#PARAMS\n?a ?p ?b }", None, "names no declared parameter"),
        ("SELECT * WHERE {\n#PARAMS\n#PARAMS\n?a ?p ?b }", None, "exactly one"),
    ],
)
def test_params_placed_per_part(
    tmp_path: Path, body: str, blocks: list[str] | None, error: str | None
) -> None:
    f = tmp_path / "q.rq"
    f.write_text(HEAD + body, encoding="utf-8")
    if error:
        with pytest.raises(canned.BadQueryFile, match=error):
            canned.parse(f)
        return
    text = canned.bind(canned.parse(f), {"a": "x"})
    # given values before absent ones within a block line; each block line where its marker was
    assert re.findall(r"VALUES \?\w+ \{ [^}]* \}", text) == blocks
    assert "#PARAMS" not in text


def test_given_values_are_bound_before_absent_ones() -> None:
    text = canned.bind(canned.get("tasks_by_area"), {"area": "giảm nghèo", "place": "Gia Lai"})
    assert text.index("VALUES ?place") < text.index("VALUES ?area")  # the province first: fewer tasks
    text = canned.bind(canned.get("tasks_by_area"), {"area": "giảm nghèo"})
    assert text.index("VALUES ?area") < text.index("VALUES ?place { UNDEF }")


# --- stores --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "update", ["DROP ALL", "INSERT DATA { <http://a> <http://b> <http://c> }", "CLEAR DEFAULT"]
)
def test_every_backend_refuses_updates(backends: dict, update: str) -> None:
    sizes = {b: s.size() for b, s in backends.items()}
    for backend, store in backends.items():
        with pytest.raises(UpdateRefused):
            store.run(update)
        assert store.size() == sizes[backend]


def test_ask_and_construct(backends: dict) -> None:
    ask = f"ASK {{ <{CTR_99}> <{MND.implements}> <{NQ_42}> }}"
    construct = f"CONSTRUCT {{ <{CTR_99}> ?p ?o }} WHERE {{ <{CTR_99}> ?p ?o }}"
    triples = set()
    for backend, store in backends.items():
        assert store.run(ask).boolean is True, backend
        answer = store.run(construct)
        assert answer.kind == "graph"
        triples.add(frozenset(Graph().parse(data=answer.triples, format="nt")))
    assert len(triples) == 1 and len(next(iter(triples))) > 5


def test_registry_by_name(graph_file: Path) -> None:
    assert {"memory", "oxigraph", "endpoint"} <= set(BACKENDS)
    with pytest.raises(MandatesError, match="unknown store 'fuseki'; valid: memory, oxigraph"):
        open_store("fuseki", ttl=graph_file)
    register("test-memory", lambda ttl, **_: MemoryStore(ttl))
    try:
        assert open_store("test-memory", ttl=graph_file).size() > 1000
    finally:
        del BACKENDS["test-memory"]


def test_store_is_rebuilt_when_the_graph_changes(graph_file: Path, tmp_path: Path) -> None:
    ttl = tmp_path / "mandates.ttl"
    shutil.copy(graph_file, ttl)
    store = open_store("oxigraph", ttl=ttl)  # built on first use, next to the Turtle file
    assert (tmp_path / "store").is_dir() and not is_stale(ttl, tmp_path / "store")
    before = store.size()
    del store
    with ttl.open("a", encoding="utf-8") as fh:
        fh.write('\n<http://example.org/x> <http://example.org/y> "z" .\n')
    assert is_stale(ttl, tmp_path / "store")
    assert open_store("oxigraph", ttl=ttl).size() == before + 1


# --- push ----------------------------------------------------------------------------------------


def test_push_twice_replaces(oxigraph_server: str, graph_file: Path, store_dir: Path) -> None:
    server = EndpointStore(f"{oxigraph_server}/query")
    expected = len(Graph().parse(graph_file))
    assert server.size() == expected
    result = CliRunner().invoke(
        main, ["push", "--endpoint", f"{oxigraph_server}/store", "--graph", str(graph_file)]
    )
    assert result.exit_code == 0, result.output
    assert "pushed 5 named graphs" in result.output
    assert server.size() == expected
    pushed = push(f"{oxigraph_server}/update", named_graphs(graph_file, store_dir), method="update")
    assert server.size() == expected
    graphs = {p.graph for p in pushed}
    assert GIA_LAI_PLAN + "/graph" in graphs and MID + "graph/reference" in graphs
    _, rows = server.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert {r["g"] for r in rows} == graphs


def test_push_to_nowhere_fails_in_one_line(graph_file: Path) -> None:
    url = f"http://127.0.0.1:{_free_port()}/store"
    result = CliRunner().invoke(main, ["push", "--endpoint", url, "--graph", str(graph_file)])
    assert result.exit_code != 0
    assert "push failed" in result.output and "Traceback" not in result.output


# --- the commands --------------------------------------------------------------------------------


def test_cli_query_formats_and_errors(graph_file: Path) -> None:
    runner = CliRunner()
    base = ["--store", "memory", "--graph", str(graph_file)]
    ok = runner.invoke(
        main, ["query", "targets", "-p", "indicator=tỷ lệ thất nghiệp chung", "--format", "csv", *base]
    )
    assert ok.exit_code == 0 and "2.45" in ok.output
    js = runner.invoke(
        main, ["query", "targets", "-p", "indicator=tỷ lệ thất nghiệp chung", "--format", "json", *base]
    )
    assert '"value": "2.5"' in js.output
    md = runner.invoke(main, ["query", "descendants", "-p", "directive=92-KL/TW", "--format", "md", *base])
    assert md.output.startswith("| document | label |") and "mid:doc/an-giang/kh-ubnd/2022/322" in md.output
    table = runner.invoke(main, ["query", "descendants", "-p", "directive=92-KL/TW", *base])
    assert table.output.rstrip().endswith("(3 rows)")
    for args, message in [
        (["query", "target"], "did you mean: targets"),
        (["query", "targets", "-p", "indicator"], "write it as name=value"),
        (["query", "descendants"], "needs --param directive"),
        (["query", "lineage", "-p", "node=<http://a> } INSERT DATA {"], "not an absolute IRI"),
    ]:
        bad = runner.invoke(main, args + base)
        assert bad.exit_code == 2, (args, bad.output)
        assert message in bad.output and "Traceback" not in bad.output
        assert len(bad.output.strip().splitlines()) == 1


def test_cli_queries_lists_every_question(graph_file: Path) -> None:
    result = CliRunner().invoke(main, ["queries"])
    assert result.exit_code == 0
    for name in NAMES:
        assert f"\n{name}\n" in "\n" + result.output
        assert canned.get(name).question in result.output


def test_cli_queries_time_prints_a_table(graph_file: Path, store_dir: Path) -> None:
    result = CliRunner().invoke(main, ["queries", "--time", "--runs", "1", "--graph", str(graph_file)])
    assert result.exit_code == 0, result.output
    assert "| query | rows | rdflib ms | oxigraph ms |" in result.output
    assert all(f"| {n} |" in result.output for n in NAMES)


def test_cli_sparql_from_stdin_file_and_update(graph_file: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    base = ["--graph", str(graph_file), "--format", "csv"]
    query = f'SELECT ?d WHERE {{ ?d <{MND.code}> "42-NQ/TW" }}'
    for store in ("memory", "oxigraph"):
        out = runner.invoke(main, ["sparql", "-", "--store", store, *base], input=query)
        assert out.exit_code == 0 and out.output.split() == ["d", NQ_42]
    path = tmp_path / "ask.rq"
    path.write_text(f"ASK {{ <{NQ_42}> ?p ?o }}", encoding="utf-8")
    assert runner.invoke(main, ["sparql", str(path), *base]).output.strip() == "true"
    refused = runner.invoke(main, ["sparql", "-", "--store", "memory", *base], input="DROP ALL")
    assert refused.exit_code == 2 and "read-only" in refused.output and "Traceback" not in refused.output
    bad = runner.invoke(main, ["sparql", "-", "--store", "oxigraph", *base], input="SELECT WHERE {")
    assert bad.exit_code == 2 and bad.output.startswith("error: query failed")
