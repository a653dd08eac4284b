"""Who holds a task today: its assigned agencies followed through the reorganisation events."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, URIRef
from rdflib.namespace import RDFS, SKOS

from mandates import policy_areas
from mandates.agencies import display_name
from mandates.namespaces import MND
from mandates.reference import Reference
from mandates.reorg import Resolution, resolve


@dataclass
class Holding:
    task: URIRef
    text: str
    document: str
    since: str
    areas: list[str]
    resolutions: list[tuple[str, Resolution]] = field(default_factory=list)  # (role, resolution)


def _agency_parts(node: URIRef) -> tuple[str, str] | None:
    """mid:agency/<jurisdiction>/<key> → (jurisdiction, key)."""
    parts = str(node).rsplit("/", 3)
    return (parts[-2], parts[-1]) if len(parts) >= 3 and parts[-3].endswith("agency") else None


def since(g: Graph, doc: URIRef) -> str:
    for prop in (MND.dateIssued, MND.notBefore):
        value = g.value(doc, prop)
        if value is not None:
            return str(value)
    return "2020-01-01"


def holding(g: Graph, task: URIRef) -> Holding:
    doc = g.value(task, MND.inDocument)
    text = str(g.value(task, MND.text) or "")
    stated = [str(a).rsplit("/", 1)[-1] for a in g.objects(task, MND.policyArea)]
    areas = stated or policy_areas.classify(text)
    h = Holding(task, text, str(g.value(doc, RDFS.label) or doc), since(g, doc), areas)  # type: ignore[arg-type]
    actors = [(t, "lead") for t in g.objects(task, MND.leadAgency)]
    actors += [(t, "coordinate") for t in g.objects(task, MND.coordinatingAgency)]
    for sub in g.subjects(MND.partOf, task):  # clauses of a bullet
        actors += [(t, "lead") for t in g.objects(sub, MND.leadAgency)]
    for agency, role in sorted(set(actors)):
        parts = _agency_parts(agency)  # type: ignore[arg-type]
        if parts is None:
            continue
        # The most specific area decides first; only if it decides nothing are the others tried.
        res = resolve(parts[0], parts[1], areas[:1], h.since)
        if not res.decided and len(areas) > 1:
            res = resolve(parts[0], parts[1], areas, h.since)
        h.resolutions.append((role, res))
    return h


def name(ref: Reference, place_key: tuple[str, str], g: Graph | None = None) -> str:
    place, key = place_key
    return display_name(ref.agencies.get(key), key, place, ref)


def label(g: Graph, node: URIRef) -> str:
    return str(g.value(node, SKOS.prefLabel) or node)


def basis_label(ref: Reference, code: str) -> str:
    """ "45/2025/NĐ-CP" → "Nghị định 45/2025/NĐ-CP" (the type word from the registry)."""
    from mandates.labels import TYPE_LABELS

    known = ref.directive_by_code("vn", code)
    return f"{TYPE_LABELS.get(known.doc_type, known.doc_type)} {code}" if known else code
