"""The site in a real headless Chromium: pages load without console errors or outside requests, graph views
draw their nodes, search ignores diacritics, and a script hidden in a document title never runs."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS, SKOS

from mandates.namespaces import MND
from mandates.site.builder import SiteBuilder, page

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (make test installs it)")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--enable-logging=stderr",
    "--v=0",
]


def browse(url: str, tmp: Path, budget: int = 6000) -> tuple[str, str]:
    """The DOM after scripts ran, and Chromium's log (console messages included)."""
    proc = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp / 'profile'}", f"--virtual-time-budget={budget}",
                           "--dump-dom", url], capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    return proc.stdout, proc.stderr


def console_errors(log: str) -> list[str]:
    return [
        line for line in log.splitlines() if "CONSOLE" in line and ("Uncaught" in line or "Error" in line)
    ]


@pytest.fixture(scope="module")
def site(graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from mandates.constants import DOCUMENTS_DIR

    out = tmp_path_factory.mktemp("site") / "site"
    SiteBuilder(graph, out, DOCUMENTS_DIR).build()
    return out


def test_home_search_without_diacritics(site: Path, tmp_path: Path) -> None:
    dom, log = browse((site / "index.html").as_uri() + "?q=so%20y%20te", tmp_path)
    results = dom.split('id="results"', 1)[1]
    first = re.search(r"<a [^>]*>([^<]+)</a>", results)
    assert first and first.group(1).startswith("Sở Y tế tỉnh")
    assert console_errors(log) == []


@pytest.mark.parametrize("kind", ["doc", "task", "agency", "indicator", "area"])
def test_every_page_kind_loads_cleanly(site: Path, tmp_path: Path, kind: str) -> None:
    path = min((site / kind).glob("*.html"))
    dom, log = browse(path.as_uri(), tmp_path)
    assert "<main>" in dom and "mandates" in dom
    assert console_errors(log) == []


def test_graph_view_draws_nodes(site: Path, tmp_path: Path, graph: Graph) -> None:
    doc = next(d for d in graph.subjects(MND.code, Literal("322/KH-UBND")))
    dom, log = browse((site / page(doc, "doc")).as_uri(), tmp_path, budget=10000)
    drawn = re.search(r'data-nodes="(\d+)"', dom)
    assert drawn and int(drawn.group(1)) >= 3 and "<canvas" in dom
    assert console_errors(log) == []


def test_no_resource_from_outside_the_site(site: Path) -> None:
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r'(?:src|href)="(?:https?:)?//', text), path


def test_task_page_answers_who_and_where_from(site: Path, tmp_path: Path, graph: Graph) -> None:
    task = next(
        t
        for t, x in graph.subject_objects(MND.text)
        if "Lệ Thanh" in str(x) and (t, RDF.type, MND.Task) in graph
    )
    dom, _ = browse((site / page(task, "task")).as_uri(), tmp_path)
    assert "Sở Khoa học và Công nghệ" in dom and "42-NQ/TW" in dom and "99-CTr/TU" in dom


def test_script_in_a_document_never_runs(tmp_path: Path) -> None:
    g = Graph()
    doc = URIRef("https://w3id.org/mandates/id/doc/vn/kh-ubnd/2024/1")
    task = URIRef(f"{doc}/part/i-1")
    payload = "<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">"
    g.add((doc, RDF.type, MND.Document))
    g.add((doc, RDFS.label, Literal(payload, lang="vi")))
    g.add((doc, DCTERMS.title, Literal(payload, lang="vi")))
    g.add((task, RDF.type, MND.Task))
    g.add((task, MND.text, Literal(payload)))
    g.add((task, MND.inDocument, doc))
    g.add((doc, SKOS.prefLabel, Literal(payload)))
    out = tmp_path / "site"
    SiteBuilder(g, out).build()
    for rel in ("index.html", page(doc, "doc"), page(task, "task")):
        dom, _ = browse((out / rel).as_uri() + "?q=script", tmp_path)
        assert "pwned · mandates" not in dom and "<title>pwned" not in dom
        assert "&lt;script&gt;" in dom or "&lt;script" in dom
