"""The graph cut into named graphs: one per source document, one for the reference data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from rdflib import Graph, URIRef

from mandates.namespaces import MND


def partition(source: Path | Graph, fmt: str = "turtle") -> Iterator[tuple[str, str]]:
    """(named-graph IRI, serialised triples) pairs; every triple lands in exactly one of them."""
    g = source if isinstance(source, Graph) else Graph().parse(source, format="turtle")
    docs = sorted(str(d) for d in g.subjects(MND.sourceFile, None))
    graphs: dict[str, Graph] = {d: Graph() for d in docs}
    reference = Graph()
    for s, p, o in g:
        subject = str(s)
        owner = next((d for d in docs if subject == d or subject.startswith(d + "/")), None)
        (graphs[owner] if owner else reference).add((s, p, o))
    base = docs[0].split("/doc/", 1)[0] if docs else "https://w3id.org/mandates/id"
    for d in docs:
        yield f"{d}/graph", graphs[d].serialize(format=fmt)
    yield f"{base}/graph/reference", reference.serialize(format=fmt)


__all__ = ["URIRef", "partition"]
