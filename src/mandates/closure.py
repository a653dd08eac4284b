"""Materialised closures: lineage (mnd:derivesFrom) and the policy areas a task falls under.

A reasoner would do it too, but takes minutes on a large graph; a breadth-first walk per node is
linear in the size of its ancestry.
"""

from __future__ import annotations

from collections import defaultdict

from rdflib import RDF, Graph, Literal, URIRef

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
    """Add mnd:derivesFrom for every document and task, and mnd:inPolicyArea; returns the triples added."""
    parents: dict[URIRef, set[URIRef]] = defaultdict(set)
    for prop in (MND.implements, MND.basedOn):
        for s, o in g.subject_objects(prop):
            parents[s].add(o)  # type: ignore[index,arg-type]
    # A task derives from what its own sentence says it implements, and from its document's lineage.
    for st in g.subjects(MND.relation, Literal("implements")):
        task = g.value(st, MND.statedIn)
        if task is not None and (task, MND.inDocument, None) in g:
            parents[task].add(g.value(st, MND.citedDocument))  # type: ignore[index,arg-type]
    added = areas(g)
    before = len(g)
    # Tasks only: a target or a reporting duty reaches its lineage through the task holding it
    # (mnd:partOf), and counting what derives from a directive then needs no type check per part.
    for task, doc in g.subject_objects(MND.inDocument):
        if (task, RDF.type, MND.Task) in g:
            parents[task] |= parents.get(doc, set())  # type: ignore[arg-type,index]
    for node in list(parents):
        for anc in ancestors(parents, node):
            g.add((node, MND.derivesFrom, anc))
    return added + len(g) - before


def areas(g: Graph) -> int:
    """Add mnd:inPolicyArea on every task: its own areas and those of each section or task holding it.

    The same as the path mnd:partOf*/mnd:policyArea, which Oxigraph walks per task: on 2·10^6
    triples the walk alone took longer than the whole answer may (see docs/benchmarks.md).
    Returns the number of triples added.
    """
    before = len(g)
    holder: dict[URIRef, URIRef] = {s: o for s, o in g.subject_objects(MND.partOf)}  # type: ignore[misc]
    own: dict[URIRef, set[URIRef]] = defaultdict(set)
    for s, o in g.subject_objects(MND.policyArea):
        if s in holder:
            own[s].add(o)  # type: ignore[index,arg-type]
    for task in g.subjects(RDF.type, MND.Task):
        node: URIRef | None = task  # type: ignore[assignment]
        seen: set[URIRef] = set()
        while node is not None and node not in seen:
            seen.add(node)
            for area in own.get(node, ()):
                g.add((task, MND.inPolicyArea, area))
            node = holder.get(node)
    return len(g) - before
