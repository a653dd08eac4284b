"""One query interface, three backends registered by name (as rdflib registers its store plugins):

- "memory": rdflib in memory — for building and small graphs;
- "oxigraph": Oxigraph embedded on disk under graph/store — the default for the commands, rebuilt by
  `mandates build` (rebuild_store) and again whenever graph/mandates.ttl is newer than the store;
- "endpoint": any SPARQL 1.1 endpoint through SPARQLWrapper (Oxigraph server, Fuseki, GraphDB, Virtuoso…).

Every backend answers the same way: `run(query)` gives an Answer (SELECT rows, ASK boolean, or the
triples of CONSTRUCT/DESCRIBE as N-Triples); `select(query)` gives the variables and rows of plain
strings (IRIs and the lexical form of literals; None when unbound), so answers of different backends
compare equal. Every backend is read-only: updates are refused, never run.

Callers name a backend (`open_store("oxigraph")`), they do not import one; `register` adds another.
`push` loads the graph into a remote server, one named graph per source document (publish.partition).
"""

from __future__ import annotations

import json
import shutil
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Protocol

from mandates.constants import GRAPH_DIR, GRAPH_PATH
from mandates.errors import InputError, MandatesError

STORE_DIR = GRAPH_DIR / "store"
STAMP = "mandates-source.json"  # in the store folder: which Turtle file it was built from
Row = dict[str, str | None]


class QueryFailed(MandatesError):
    exit_code = 2


class UpdateRefused(QueryFailed):
    """A SPARQL Update was sent where only queries are answered."""


@dataclass
class Answer:
    """The answer of a read-only query: kind is "select", "ask" or "graph"."""

    kind: str
    names: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    boolean: bool | None = None
    triples: str = ""  # N-Triples, for CONSTRUCT and DESCRIBE


class Store(Protocol):
    name: str

    def run(self, query: str) -> Answer: ...

    def select(self, query: str) -> tuple[list[str], list[Row]]: ...

    def size(self) -> int: ...


XSD_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"


def lexical(value: str, datatype: str | None) -> str:
    """The form every backend agrees on: engines write the same decimal differently (rdflib keeps the
    file's "32.0", Oxigraph writes the canonical "32"), so decimals are given in canonical form."""
    if datatype != XSD_DECIMAL:
        return value
    try:
        text = format(Decimal(value).normalize(), "f")
    except InvalidOperation:
        return value
    return "0" if text == "-0" else text


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


class _SelectMixin:
    name = "store"

    def run(self, query: str) -> Answer:  # pragma: no cover - every backend overrides it
        raise NotImplementedError

    def select(self, query: str) -> tuple[list[str], list[Row]]:
        answer = self.run(query)
        if answer.kind != "select":
            raise QueryFailed("a SELECT query is expected here")
        return answer.names, answer.rows

    def size(self) -> int:
        _, rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(rows[0]["n"] or 0)


class MemoryStore(_SelectMixin):
    """rdflib in memory: reads the Turtle (or N-Triples) file whole."""

    name = "memory"

    def __init__(self, ttl: Path = GRAPH_PATH) -> None:
        from rdflib import Graph

        if not ttl.exists():
            raise InputError(ttl, "no graph yet: run `mandates build` first")
        self.graph = Graph().parse(ttl, format="nt" if ttl.suffix == ".nt" else "turtle")

    def run(self, query: str) -> Answer:
        from rdflib.plugins.sparql.parser import parseUpdate

        try:
            result = self.graph.query(query)
        except Exception as exc:  # noqa: BLE001 - rdflib raises many kinds on a bad query
            if _parses_as_update(query, parseUpdate):
                raise UpdateRefused("this store is read-only: SPARQL Update is refused") from None
            raise QueryFailed(f"query failed: {_first_line(exc)}") from None
        if result.type == "ASK":
            return Answer("ask", boolean=bool(result.askAnswer))
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            return Answer("graph", triples=result.graph.serialize(format="nt"))  # type: ignore[union-attr]
        names = [str(v) for v in result.vars or []]
        rows = [{n: _rdflib_value(r[i]) for i, n in enumerate(names)} for r in result]  # type: ignore[index]
        return Answer("select", names, rows)

    def size(self) -> int:
        return len(self.graph)


def _rdflib_value(term: Any) -> str | None:
    if term is None:
        return None
    datatype = getattr(term, "datatype", None)
    return lexical(str(term), str(datatype) if datatype else None)


def _parses_as_update(query: str, parse_update: Callable[[str], Any]) -> bool:
    try:
        parse_update(query)
    except Exception:  # noqa: BLE001 - not an update either
        return False
    return True


def is_update(query: str) -> bool:
    """True when the text is a SPARQL Update (parsed by rdflib, never run)."""
    from rdflib.plugins.sparql.parser import parseUpdate

    return _parses_as_update(query, parseUpdate)


_FORMS = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}


def query_form(query: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE, as rdflib parses the query (None when it cannot)."""
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        return _FORMS.get(parseQuery(query)[1].name)
    except Exception:  # noqa: BLE001 - a query rdflib cannot parse: let the endpoint judge it
        return None


def oxigraph_answer(result: Any, limit: int | None = None) -> Answer:
    """An Answer from what pyoxigraph's Store.query returned (rows beyond `limit` are dropped)."""
    import pyoxigraph

    if isinstance(result, pyoxigraph.QueryBoolean):
        return Answer("ask", boolean=bool(result))
    if isinstance(result, pyoxigraph.QueryTriples):
        return Answer(
            "graph", triples=result.serialize(format=pyoxigraph.RdfFormat.N_TRIPLES).decode("utf-8")
        )
    names = [v.value for v in result.variables]
    rows = []
    for i, s in enumerate(result):
        if limit is not None and i >= limit:
            break
        rows.append({n: _oxigraph_value(s[n]) for n in names})
    return Answer("select", names, rows)


def _oxigraph_value(term: Any) -> str | None:
    if term is None:
        return None
    datatype = getattr(term, "datatype", None)
    return lexical(term.value, datatype.value if datatype is not None else None)


class OxigraphStore(_SelectMixin):
    """Oxigraph embedded on disk, opened read-only; the default graph is the union of the named graphs."""

    name = "oxigraph"

    def __init__(self, directory: Path = STORE_DIR, ttl: Path = GRAPH_PATH) -> None:
        import pyoxigraph

        if not ttl.exists() and not directory.exists():
            raise InputError(ttl, "no graph yet: run `mandates build` first")
        if ttl.exists() and is_stale(ttl, directory):
            rebuild_store(ttl, directory)
        try:
            self.store = pyoxigraph.Store.read_only(str(directory))
        except OSError as exc:
            raise InputError(directory, f"cannot open the store: {_first_line(exc)}") from None
        self.directory = directory

    def run(self, query: str) -> Answer:
        try:
            result = self.store.query(query, use_default_graph_as_union=True)
            return oxigraph_answer(result)
        except SyntaxError as exc:
            if is_update(query):
                raise UpdateRefused("this store is read-only: SPARQL Update is refused") from None
            raise QueryFailed(f"query failed: {_first_line(exc)}") from None
        except (OSError, ValueError, TypeError) as exc:
            raise QueryFailed(f"query failed: {_first_line(exc)}") from None

    def size(self) -> int:
        return len(self.store)

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self.store.named_graphs())

    def dump_graph(self, graph_iri: str) -> bytes:
        import pyoxigraph

        return bytes(
            self.store.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.NamedNode(graph_iri))
        )


class EndpointStore(_SelectMixin):
    """Any SPARQL 1.1 Protocol endpoint; its default graph should be the union of the named graphs
    (Oxigraph server --union-default-graph, Fuseki unionDefaultGraph, GraphDB and Virtuoso by default)."""

    name = "endpoint"

    def __init__(self, url: str, timeout: float = 60) -> None:
        from SPARQLWrapper import POST, SPARQLWrapper

        parsed = urllib.parse.urlparse(url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise MandatesError(f"--endpoint {url!r}: an http:// or https:// URL is expected")
        self.client = SPARQLWrapper(url)
        self.client.setMethod(POST)  # long queries do not fit in a URL
        self.client.setTimeout(int(timeout))
        self.url = url

    def run(self, query: str) -> Answer:
        from SPARQLWrapper import JSON, TURTLE

        if is_update(query):
            raise UpdateRefused("queries only: SPARQL Update is refused (use `mandates push` to load data)")
        self.client.resetQuery()
        self.client.setQuery(query)
        # SPARQLWrapper guesses the form from keywords and is fooled by words in comments ("moved" → MOVE).
        kind = query_form(query) or self.client.queryType
        self.client.queryType = kind
        graph = kind in ("CONSTRUCT", "DESCRIBE")
        self.client.setReturnFormat(TURTLE if graph else JSON)
        try:
            response = self.client.query()
            if graph:
                from rdflib import Graph

                g = Graph().parse(data=response.response.read(), format="turtle")  # N-Triples is Turtle too
                return Answer("graph", triples=g.serialize(format="nt"))
            result = response.convert()
        except Exception as exc:  # noqa: BLE001 - network errors, HTTP errors, bad answers
            raise QueryFailed(f"{self.url}: {_first_line(exc)}") from None
        if not isinstance(result, dict):
            raise QueryFailed(f"{self.url}: the answer is not SPARQL JSON results")
        if "boolean" in result:
            return Answer("ask", boolean=bool(result["boolean"]))
        names = list(result["head"]["vars"])
        rows = [
            {n: (lexical(b[n]["value"], b[n].get("datatype")) if n in b else None) for n in names}
            for b in result["results"]["bindings"]
        ]
        return Answer("select", names, rows)


BACKENDS: dict[str, Callable[..., Store]] = {}


def register(name: str, factory: Callable[..., Store]) -> None:
    """Make a backend available to open_store under `name`."""
    BACKENDS[name] = factory


register("memory", lambda ttl=GRAPH_PATH, **_: MemoryStore(ttl))
register(
    "oxigraph",
    lambda ttl=GRAPH_PATH, store_dir=None, **_: OxigraphStore(store_dir or store_dir_for(ttl), ttl),
)
register("endpoint", lambda endpoint, **_: EndpointStore(endpoint))


def store_dir_for(ttl: Path) -> Path:
    """The embedded store that belongs to a Turtle file: graph/store next to graph/mandates.ttl."""
    return STORE_DIR if ttl == GRAPH_PATH else ttl.parent / "store"


def open_store(
    name: str = "oxigraph", endpoint: str | None = None, ttl: Path = GRAPH_PATH, store_dir: Path | None = None
) -> Store:
    """The backend called `name`; a remote endpoint when `endpoint` is given."""
    if endpoint:
        return BACKENDS["endpoint"](endpoint=endpoint)
    if name not in BACKENDS or name == "endpoint":
        valid = ", ".join(sorted(n for n in BACKENDS if n != "endpoint"))
        raise MandatesError(f"unknown store {name!r}; valid: {valid}, or --endpoint URL")
    return BACKENDS[name](ttl=ttl, store_dir=store_dir)


def _source_stamp(ttl: Path) -> dict[str, object]:
    st = ttl.stat()
    return {"file": str(ttl.resolve()), "size": st.st_size, "mtime_ns": st.st_mtime_ns}


def is_stale(ttl: Path, directory: Path) -> bool:
    """True when the store is missing, or was built from another state of the Turtle file.

    A store without a stamp (built by an older version, or by `mandates add` from scratch) is kept as
    long as it is newer than the Turtle file."""
    if not directory.exists():
        return True
    stamp = directory / STAMP
    if not stamp.exists():
        return ttl.stat().st_mtime > directory.stat().st_mtime
    try:
        recorded = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return True
    now = _source_stamp(ttl)
    return recorded.get("size") != now["size"] or recorded.get("mtime_ns") != now["mtime_ns"]


def rebuild_store(ttl: Path, directory: Path, graph: object | None = None) -> None:
    """Load the Turtle file into a fresh Oxigraph store, one named graph per source document (so that
    `mandates add` can replace one, and `mandates push` can send them one by one), swapped in whole:
    a crash keeps the old store. `graph`, when given, is the rdflib Graph already in memory."""
    import pyoxigraph

    from mandates.publish import partition

    tmp = directory.with_name(directory.name + ".new")
    shutil.rmtree(tmp, ignore_errors=True)
    store = pyoxigraph.Store(str(tmp))
    for graph_iri, triples in partition(graph if graph is not None else ttl, fmt="nt"):  # type: ignore[arg-type]
        store.bulk_load(
            triples.encode("utf-8"),
            format=pyoxigraph.RdfFormat.N_TRIPLES,
            to_graph=pyoxigraph.NamedNode(graph_iri),
        )
    store.flush()
    # Compacted once loaded: queries on a fresh bulk load are 1.7× slower (docs/benchmarks.md).
    store.optimize()
    del store
    (tmp / STAMP).write_text(json.dumps(_source_stamp(ttl)), encoding="utf-8")
    old = directory.with_name(directory.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if directory.exists():
        directory.rename(old)
    tmp.rename(directory)
    shutil.rmtree(old, ignore_errors=True)


# --- push: the graph into a remote server ---------------------------------------------------------

PUSH_METHODS = ("gsp", "update")


@dataclass
class Pushed:
    graph: str
    triples: int


def _send(url: str, body: bytes, method: str, content_type: str, timeout: float) -> None:
    req = urllib.request.Request(  # noqa: S310 - the user names the server
        url, data=body, method=method, headers={"Content-Type": content_type}
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - the user's server
            resp.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace").strip().splitlines()
        raise MandatesError(
            f"{url.split('?', 1)[0]}: push refused: HTTP {exc.code} {exc.reason}"
            + (f": {detail[0][:200]}" if detail else "")
        ) from None
    except (urllib.error.URLError, OSError) as exc:
        raise MandatesError(f"{url.split('?', 1)[0]}: push failed: {_first_line(exc)}") from None


def named_graphs(ttl: Path = GRAPH_PATH, store_dir: Path | None = None) -> Iterator[tuple[str, bytes]]:
    """(named-graph IRI, N-Triples) of every named graph, read from the embedded store (rebuilt first
    when the Turtle file is newer), so that documents added with `mandates add` are pushed too."""
    store = OxigraphStore(store_dir or store_dir_for(ttl), ttl)
    for g in store.graphs():
        yield g, store.dump_graph(g)


def push(
    endpoint: str,
    graphs: Iterator[tuple[str, bytes]],
    method: str = "gsp",
    timeout: float = 300,
) -> list[Pushed]:
    """Replace each named graph on the server: pushing twice leaves one copy.

    method "gsp": SPARQL 1.1 Graph Store Protocol, `PUT endpoint?graph=IRI` with N-Triples (Oxigraph
    …/store, Fuseki …/dataset/data); "update": SPARQL 1.1 Update, `DROP SILENT GRAPH <IRI> ;
    INSERT DATA { GRAPH <IRI> { … } }` posted to the update endpoint (Oxigraph …/update, Fuseki …/update)."""
    if method not in PUSH_METHODS:
        raise MandatesError(f"unknown push method {method!r}; valid: {', '.join(PUSH_METHODS)}")
    parsed = urllib.parse.urlparse(endpoint)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise MandatesError(f"--endpoint {endpoint!r}: an http:// or https:// URL is expected")
    out = []
    for graph_iri, ntriples in graphs:
        count = ntriples.count(b"\n")
        if method == "gsp":
            sep = "&" if "?" in endpoint else "?"
            url = f"{endpoint}{sep}graph={urllib.parse.quote(graph_iri, safe='')}"
            _send(url, ntriples, "PUT", "application/n-triples", timeout)
        else:
            body = (
                f"DROP SILENT GRAPH <{graph_iri}> ;\nINSERT DATA {{ GRAPH <{graph_iri}> {{\n".encode()
                + ntriples
                + b"\n} }\n"
            )
            _send(endpoint, body, "POST", "application/sparql-update; charset=utf-8", timeout)
        out.append(Pushed(graph_iri, count))
    return out
