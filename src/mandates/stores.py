"""One query interface, three backends registered by name (as rdflib registers its plugins):

- "memory": rdflib in memory — for building and small graphs;
- "oxigraph": Oxigraph embedded on disk under graph/store — the default for the commands;
- "endpoint": any SPARQL 1.1 endpoint through SPARQLWrapper (Fuseki, GraphDB, Virtuoso, Oxigraph server…).

Every backend returns the same thing: the variables and rows of plain strings (IRIs and the lexical
form of literals; None when unbound), so their answers compare equal.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from mandates.constants import GRAPH_DIR, GRAPH_PATH
from mandates.errors import InputError, MandatesError

STORE_DIR = GRAPH_DIR / "store"
Row = dict[str, str | None]


class QueryFailed(MandatesError):
    exit_code = 2


class Store(Protocol):
    def select(self, query: str) -> tuple[list[str], list[Row]]: ...


class MemoryStore:
    def __init__(self, ttl: Path = GRAPH_PATH) -> None:
        from rdflib import Graph

        if not ttl.exists():
            raise InputError(ttl, "no graph yet: run `mandates build` first")
        self.graph = Graph().parse(ttl, format="turtle")

    def select(self, query: str) -> tuple[list[str], list[Row]]:
        try:
            result = self.graph.query(query)
        except Exception as exc:  # noqa: BLE001 - rdflib raises many kinds on a bad query
            raise QueryFailed(f"query failed: {str(exc).splitlines()[0]}") from None
        names = [str(v) for v in result.vars or []]
        rows = [{n: (None if r[i] is None else str(r[i])) for i, n in enumerate(names)} for r in result]
        return names, rows


class OxigraphStore:
    def __init__(self, directory: Path = STORE_DIR, ttl: Path = GRAPH_PATH) -> None:
        import pyoxigraph

        if not directory.exists():
            rebuild_store(ttl, directory)
        self.store = pyoxigraph.Store.read_only(str(directory))

    def select(self, query: str) -> tuple[list[str], list[Row]]:
        import pyoxigraph

        try:
            # One named graph per source document: a query sees them all as one default graph.
            result = self.store.query(query, use_default_graph_as_union=True)
        except (SyntaxError, OSError, ValueError) as exc:
            raise QueryFailed(f"query failed: {str(exc).splitlines()[0]}") from None
        if not isinstance(result, pyoxigraph.QuerySolutions):
            raise QueryFailed("only SELECT queries are answered here")
        names = [v.value for v in result.variables]
        rows = [{n: (None if s[n] is None else s[n].value) for n in names} for s in result]
        return names, rows


class EndpointStore:
    def __init__(self, url: str) -> None:
        from SPARQLWrapper import JSON, SPARQLWrapper

        self.client = SPARQLWrapper(url)
        self.client.setReturnFormat(JSON)
        self.client.setTimeout(60)
        self.url = url

    def select(self, query: str) -> tuple[list[str], list[Row]]:
        self.client.setQuery(query)
        try:
            data = self.client.queryAndConvert()
        except Exception as exc:  # noqa: BLE001 - network errors, HTTP errors, bad answers
            raise QueryFailed(f"{self.url}: {str(exc).splitlines()[0]}") from None
        names = data["head"]["vars"]  # type: ignore[index]
        rows = [{n: (b[n]["value"] if n in b else None) for n in names} for b in data["results"]["bindings"]]  # type: ignore[index]
        return names, rows


BACKENDS: dict[str, Callable[..., Store]] = {
    "memory": MemoryStore,
    "oxigraph": OxigraphStore,
    "endpoint": EndpointStore,
}


def open_store(name: str = "oxigraph", endpoint: str | None = None, ttl: Path = GRAPH_PATH) -> Store:
    if endpoint:
        return EndpointStore(endpoint)
    if name not in BACKENDS or name == "endpoint":
        raise MandatesError(f"unknown store {name!r}; valid: memory, oxigraph, or --endpoint URL")
    if name == "memory":
        return MemoryStore(ttl)
    return OxigraphStore(ttl=ttl) if ttl == GRAPH_PATH else OxigraphStore(ttl.parent / "store", ttl)


def rebuild_store(ttl: Path, directory: Path, graph: object | None = None) -> None:
    """Load the Turtle file into a fresh Oxigraph store, one named graph per source document (so that
    `mandates add` can replace one), swapped in whole: a crash keeps the old store."""
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
    del store
    old = directory.with_name(directory.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if directory.exists():
        directory.rename(old)
    tmp.rename(directory)
    shutil.rmtree(old, ignore_errors=True)
