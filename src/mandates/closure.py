"""Lineage closure: mnd:derivesFrom materialised from implements and basedOn, by code.

A reasoner would do it too, but takes minutes on a large graph; a breadth-first walk per node is
linear in the size of its ancestry.
"""

from __future__ import annotations

from collections import defaultdict

from rdflib import Graph, Literal, URIRef

from mandates.namespaces import MND


def ancestors(parents: dict[URIRef, set[URIRef]], start: URIRef) -> set[URIRef]:
    seen: set[URIRef] = set()
    todo = list(parents.get(start, ()))
    while todo:
        node = todo.pop()
        if node in seen or node == start:
            continue
        seen.add(node)
        todo.extend(parents.get(node, ()))
    return seen


def materialise(g: Graph) -> int:
    """Add mnd:derivesFrom for every document and task; returns the number of triples added."""
    parents: dict[URIRef, set[URIRef]] = defaultdict(set)
    for prop in (MND.implements, MND.basedOn):
        for s, o in g.subject_objects(prop):
            parents[s].add(o)  # type: ignore[index,arg-type]
    # A task derives from what its own sentence says it implements, and from its document's lineage.
    for st in g.subjects(MND.relation, Literal("implements")):
        task = g.value(st, MND.statedIn)
        if task is not None and (task, MND.inDocument, None) in g:
            parents[task].add(g.value(st, MND.citedDocument))  # type: ignore[index,arg-type]
    before = len(g)
    for task, doc in g.subject_objects(MND.inDocument):
        if (task, MND.text, None) in g:
            parents[task] |= parents.get(doc, set())  # type: ignore[arg-type,index]
    for node in list(parents):
        for anc in ancestors(parents, node):
            g.add((node, MND.derivesFrom, anc))
    return len(g) - before
