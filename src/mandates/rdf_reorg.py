"""Reorganisation events as org:ChangeEvent nodes, with their dates, legal bases and sources.

Events that apply to every province (a department split or merger) are written for the provinces
the graph holds; province mergers once. The legal bases are document nodes too.
"""

from __future__ import annotations

from rdflib import RDF, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from mandates.agencies import AgencyRef
from mandates.codes import doc_key, parse_code
from mandates.namespaces import MND, ORG
from mandates.rdfwriter import GraphWriter
from mandates.reorg import Event, events, from_registry
from mandates.resolve import MergedDoc

BASIS_TYPE = {"QH": "NQ"}  # "202/2025/QH15" carries no type: the reorganisation bases are resolutions


def basis_node(writer: GraphWriter, code_text: str) -> URIRef | None:
    code = parse_code(code_text)
    if code is None:
        return None
    known = writer.ref.directive_by_code("vn", code.text)
    doc_type = known.doc_type if known else code.doc_type or BASIS_TYPE["QH"]
    key = known.key if known else doc_key("vn", doc_type, code.issuer, code.year, code.number)
    merged = MergedDoc(
        key,
        doc_type,
        code=code.text,
        number=code.number,
        issuer_code=code.issuer,
        year=code.year,
        title=known.title if known else None,
        registry_source=known.source_url if known else None,
        registry_date=known.date if known else None,
    )
    if code.issuer.startswith("QH"):
        merged.registry_issuer = "quoc-hoi"
    return writer._doc_node(merged)


def write_events(writer: GraphWriter, provinces: set[str]) -> None:
    g = writer.g
    for e in events():
        if e.kind == "territory":
            # The registry's mergers only for the provinces the graph holds: not 30 UBND nodes for 4 plans.
            if not from_registry(e) or e.original in provinces:
                _territory(writer, e)
            continue
        central = e.original.startswith(("bo-", "uy-ban-dan-toc")) or e.id.startswith("C")
        places = ["vn"] if central else sorted(p for p in provinces if p != "vn")
        for place in places:
            node = writer.ids.iri(f"event/{e.id.lower()}" + ("" if central else f"/{place}"))
            g.add((node, RDF.type, ORG.ChangeEvent))
            g.add((node, DCTERMS.date, Literal(e.date, datatype=XSD.date)))
            g.add((node, DCTERMS.source, Literal(e.source_url)))
            g.add((node, SKOS.note, Literal(f"{e.status}: {e.kind}", lang="en")))
            before = writer.agency(AgencyRef(place, e.original))
            after = writer.agency(AgencyRef(place, e.resulting))
            g.add((node, ORG.originalOrganization, before))
            g.add((node, ORG.resultingOrganization, after))
            g.add((after, ORG.resultedFrom, node))
            g.add((before, ORG.changedBy, node))
            for area in e.areas:
                g.add((node, MND.transfersFunction, writer.ids.policy_area(area)))
            if e.kind in ("merger", "level"):
                g.add((before, MND.successor, after))
            _bases(writer, node, e)


def _territory(writer: GraphWriter, e: Event) -> None:
    g = writer.g
    node = writer.ids.iri(f"event/{e.id.lower()}")
    g.add((node, RDF.type, ORG.ChangeEvent))
    g.add((node, DCTERMS.date, Literal(e.date, datatype=XSD.date)))
    g.add((node, DCTERMS.source, Literal(e.source_url)))
    g.add((node, SKOS.note, Literal(f"{e.status}: province merger", lang="en")))
    before = writer.agency(AgencyRef(e.original, "ubnd-tinh"))
    after = writer.agency(AgencyRef(e.resulting, "ubnd-tinh"))
    g.add((node, ORG.originalOrganization, before))
    g.add((node, ORG.resultingOrganization, after))
    g.add((before, MND.successor, after))
    g.add((writer.jurisdiction(e.original), DCTERMS.isReplacedBy, writer.jurisdiction(e.resulting)))
    _bases(writer, node, e)


def _bases(writer: GraphWriter, node: URIRef, e: Event) -> None:
    for code in e.legal_basis:
        doc = basis_node(writer, code)
        if doc is not None:
            writer.g.add((node, MND.legalBasis, doc))
