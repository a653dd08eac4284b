"""`mandates add`: add or replace documents in the store without rebuilding the rest.

Each source document lives in its own named graph of the Oxigraph store; adding a file builds its
graph alone (with the reference data), completes its lineage closure with the edges the store
already holds, validates it with SHACL, and swaps it in for the graph the same file had before.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from mandates import closure
from mandates.build import extract_files
from mandates.canned import term
from mandates.constants import SCHEMES_PATH
from mandates.errors import InputError, ValidationFailed
from mandates.namespaces import MND
from mandates.publish import partition
from mandates.rdfwriter import GraphWriter
from mandates.reference import load
from mandates.resolve import DocIndex

PREFIX = "PREFIX mnd: <https://w3id.org/mandates/ontology#>\n"


@dataclass
class Added:
    file: str
    graph: str
    triples: int
    replaced: int
    seconds: float


def add(paths: list[Path], store_dir: Path) -> tuple[list[Added], list[InputError]]:
    import pyoxigraph

    from mandates.validate import check, report_lines

    started = time.perf_counter()
    ref = load()
    extracts, errors = extract_files(paths, ref)
    store = pyoxigraph.Store(str(store_dir))
    out = []
    for doc in extracts:
        index = DocIndex(ref)
        index.collect([doc])
        writer = GraphWriter(ref, index)
        writer.document(doc)
        g = writer.finish()
        _closure_with_store(g, store)
        findings = [f for f in check(g + Graph().parse(SCHEMES_PATH)) if f.severity == "Violation"]
        if findings:
            raise ValidationFailed(
                f"{doc.source_file}: {len(findings)} SHACL violation(s): {report_lines(findings, 1)[0]}"
            )
        graphs = list(partition(g, fmt="nt"))
        doc_graph, triples = graphs[0]
        literal = term(doc.source_file, "literal", "file")  # checked and escaped: a file name is user input
        old = [
            r["g"].value
            for r in store.query(
                PREFIX + f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?d mnd:sourceFile {literal} }} }}"
            )
        ]
        for name in old:
            store.remove_graph(pyoxigraph.NamedNode(name))
        for graph_iri, data in graphs:
            # The reference nodes this document uses travel in its own graph: replacing it removes them too.
            target = doc_graph if graph_iri != doc_graph else graph_iri
            store.load(
                data.encode("utf-8"),
                format=pyoxigraph.RdfFormat.N_TRIPLES,
                to_graph=pyoxigraph.NamedNode(target),
            )
        out.append(Added(doc.source_file, doc_graph, len(g), len(old), time.perf_counter() - started))
        del triples
    store.flush()
    return out, errors


def _closure_with_store(g: Graph, store: object) -> None:
    """Lineage of the new document through documents other graphs already link ("99-CTr/TU → 42-NQ/TW")."""
    for row in store.query(
        PREFIX + "SELECT ?s ?p ?o WHERE { ?s mnd:implements|mnd:basedOn ?o . ?s ?p ?o "  # type: ignore[attr-defined]
        "FILTER (?p IN (mnd:implements, mnd:basedOn)) }",
        use_default_graph_as_union=True,
    ):
        g.add((URIRef(row["s"].value), URIRef(row["p"].value), URIRef(row["o"].value)))
    before = {(s, o) for s, o in g.subject_objects(MND.derivesFrom)}
    closure.materialise(g)
    del before


__all__ = ["Added", "Literal", "add"]
