"""`mandates serve`: a real read-only SPARQL endpoint on loopback, queried with SPARQLWrapper."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from SPARQLWrapper import JSON, POST, SPARQLWrapper

from mandates.server import serve
from mandates.stores import OxigraphStore, rebuild_store


@pytest.fixture(scope="module")
def endpoint(graph_file: Path, tmp_path_factory: pytest.TempPathFactory):
    store_dir = tmp_path_factory.mktemp("serve") / "store"
    rebuild_store(graph_file, store_dir)
    site = tmp_path_factory.mktemp("site")
    (site / "index.html").write_text("<h1>mandates</h1>", encoding="utf-8")
    (site.parent / "secret.txt").write_text("outside the site", encoding="utf-8")
    server = serve(OxigraphStore(store_dir, graph_file).store, "127.0.0.1", 0, site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_sparqlwrapper_select(endpoint: str) -> None:
    client = SPARQLWrapper(f"{endpoint}/sparql")
    client.setReturnFormat(JSON)
    client.setQuery(
        'PREFIX mnd: <https://w3id.org/mandates/ontology#> SELECT ?d WHERE { ?d mnd:code "42-NQ/TW" }'
    )
    data = client.queryAndConvert()
    assert [b["d"]["value"] for b in data["results"]["bindings"]] == [
        "https://w3id.org/mandates/id/doc/vn/nq-tw/2023/42"
    ]


def test_updates_are_refused(endpoint: str) -> None:
    client = SPARQLWrapper(f"{endpoint}/sparql")
    client.setMethod(POST)
    client.setQuery("DROP ALL")
    with pytest.raises(Exception, match=r"403|Forbidden|read-only|Unauthorized|EndPoint"):
        client.query()
    req = urllib.request.Request(f"{endpoint}/sparql", data=b"update=DROP%20ALL", method="POST")
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req)
    assert err.value.code == 403
    ask = urllib.request.urlopen(f"{endpoint}/sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D")
    assert b"true" in ask.read()


def test_csv_and_xml_results(endpoint: str) -> None:
    url = f"{endpoint}/sparql?query=SELECT%20%3Fs%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D%20LIMIT%202"
    req = urllib.request.Request(url, headers={"Accept": "text/csv"})
    assert urllib.request.urlopen(req).read().decode().startswith("s\r\n")
    req = urllib.request.Request(url, headers={"Accept": "application/sparql-results+xml"})
    assert b"<sparql" in urllib.request.urlopen(req).read()


@pytest.mark.parametrize(
    "path", ["/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/nothing.html"]
)
def test_no_file_outside_the_site(endpoint: str, path: str) -> None:
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(f"{endpoint}{path}")
    assert err.value.code == 404


def test_site_is_served(endpoint: str) -> None:
    assert b"mandates" in urllib.request.urlopen(f"{endpoint}/").read()
