"""Lineage: every chain from a task or document up to the directives it derives from.

Each hop carries its relation and the sentence that states it (the evidence of a mnd:Citation).
"""

from __future__ import annotations

import difflib
from dataclasses import asdict, dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS, SKOS

from mandates.codes import normalise_code
from mandates.errors import NotFound
from mandates.namespaces import MND, OA
from mandates.textnorm import plain


@dataclass
class Hop:
    source: str
    target: str
    relation: str
    target_label: str
    target_date: str | None
    target_issuer: str | None
    evidence: str | None
    evidence_start: int | None = None
    evidence_end: int | None = None


@dataclass
class Match:
    node: str
    label: str
    text: str | None
    chains: list[list[Hop]] = field(default_factory=list)


def _label(g: Graph, node: URIRef) -> str:
    for prop in (RDFS.label, SKOS.prefLabel, MND.number):
        value = g.value(node, prop)
        if value is not None:
            return str(value)
    return str(node).rsplit("/", 1)[-1]


def _evidence(g: Graph, statement: URIRef) -> tuple[str | None, int | None, int | None]:
    ann = g.value(statement, MND.evidence)
    if ann is None:
        return None, None, None
    target = g.value(ann, OA.hasTarget)
    quote = start = end = None
    for sel in g.objects(target, OA.hasSelector):
        if g.value(sel, OA.exact) is not None:
            quote = str(g.value(sel, OA.exact))
        if g.value(sel, OA.start) is not None:
            start, end = int(g.value(sel, OA.start)), int(g.value(sel, OA.end))  # type: ignore[arg-type]
    return quote, start, end


class Lineage:
    def __init__(self, g: Graph) -> None:
        self.g = g
        self.statements: dict[tuple[URIRef, URIRef], list[tuple[str, URIRef]]] = {}
        for st in g.subjects(MND.relation, None):
            rel = str(g.value(st, MND.relation))
            if rel == "cites":
                continue
            a, b = g.value(st, MND.citingDocument), g.value(st, MND.citedDocument)
            self.statements.setdefault((a, b), []).append((rel, st))  # type: ignore[arg-type]

    def parents(self, node: URIRef) -> list[tuple[URIRef, str, URIRef | None]]:
        """(parent, relation, statement) for each direct lineage edge out of ``node``."""
        out = []
        for (a, b), sts in sorted(self.statements.items()):
            if a == node:
                rel, st = min(sts, key=lambda x: (x[0] != "implements", str(x[1])))
                out.append((b, rel, st))
        return out

    def hop(self, source: URIRef, target: URIRef, relation: str, statement: URIRef | None) -> Hop:
        g = self.g
        quote, start, end = _evidence(g, statement) if statement is not None else (None, None, None)
        date = g.value(target, MND.dateIssued)
        issuer = g.value(target, MND.issuedBy)
        return Hop(
            str(source),
            str(target),
            relation,
            _label(g, target),
            str(date) if date else None,
            _label(g, issuer) if issuer is not None else None,
            quote,
            start,
            end,
        )

    def chains(self, start: URIRef) -> list[list[Hop]]:
        g = self.g
        first: list[Hop] = []
        origin = start
        doc = g.value(start, MND.inDocument)
        if doc is not None:
            quote = g.value(start, MND.text)
            first = [
                Hop(str(start), str(doc), "partOf", _label(g, doc), None, None, str(quote) if quote else None)
            ]
            origin = doc  # type: ignore[assignment]
        out: list[list[Hop]] = []

        def walk(node: URIRef, path: list[Hop], seen: set[URIRef]) -> None:
            parents = [p for p in self.parents(node) if p[0] not in seen]
            if not parents:
                if path:
                    out.append(path)
                return
            for parent, rel, st in parents:
                walk(parent, [*path, self.hop(node, parent, rel, st)], seen | {parent})

        # A task's own "thực hiện Quyết định X" is lineage too, beside its document's.
        for parent, rel, st in self.parents(start) if doc is not None else []:
            walk(parent, [self.hop(start, parent, rel, st)], {start, parent})
        walk(origin, first, {start, origin})
        # The longest chains tell the most: the direct "plan → resolution" edge comes after "plan → programme → resolution".
        out.sort(key=lambda chain: -len(chain))
        return out or ([first] if first else [])

    # -- finding what the user means --------------------------------------------------------------
    def resolve(self, query: str, limit: int = 5) -> list[URIRef]:
        g = self.g
        q = query.strip()
        if q.startswith(("http://", "https://")):
            node = URIRef(q)
            if (node, None, None) in g:
                return [node]
            raise NotFound(f"no node {q} in the graph")
        code = normalise_code(q)
        if code:
            hits = [d for d, c in g.subject_objects(MND.code) if str(c).upper() == code.upper()]
            if hits:
                return sorted(hits)  # type: ignore[arg-type]
            codes = sorted({str(c) for c in g.objects(None, MND.code)})
            near = difflib.get_close_matches(code, codes, n=5, cutoff=0.6)
            raise NotFound(
                f"no document with code {code}" + (f"; did you mean: {', '.join(near)}?" if near else "")
            )
        want = _key(q)
        tasks = [(t, str(x)) for t, x in g.subject_objects(MND.text) if (t, MND.inDocument, None) in g]
        hits = sorted(t for t, text in tasks if want in _key(text))
        if hits:
            return hits[:limit]  # type: ignore[return-value]
        titles = [(d, str(x)) for d, x in g.subject_objects(DCTERMS.title)]
        hits = sorted(d for d, text in titles if want in _key(text))
        if hits:
            return hits[:limit]  # type: ignore[return-value]
        raise NotFound(f"nothing matches {q!r}" + _suggest(want, tasks))

    def match(self, node: URIRef) -> Match:
        text = self.g.value(node, MND.text)
        return Match(str(node), _label(self.g, node), str(text) if text else None, self.chains(node))


def _key(text: str) -> str:
    return plain(text)


def _suggest(want: str, tasks: list[tuple[URIRef, str]]) -> str:
    words = set(want.split())
    scored = sorted(((len(words & set(_key(text).split())), text) for _, text in tasks), reverse=True)[:3]
    scored = [(s, t) for s, t in scored if s]
    if not scored:
        return ""
    return "; did you mean: " + " | ".join(f"“{t[:70]}…”" for _, t in scored)


def as_dict(m: Match) -> dict[str, object]:
    return asdict(m)


__all__ = ["Hop", "Lineage", "Literal", "Match", "as_dict"]
