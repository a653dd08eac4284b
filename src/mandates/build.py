"""The pipeline: plan files + reference data → one RDF graph, validated, written atomically."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from mandates import closure
from mandates.alignment import align, groups, section_texts
from mandates.atomic import write_text
from mandates.constants import SCHEMES_PATH
from mandates.duties import find_duties, plan_year
from mandates.errors import InputError
from mandates.extract import DocumentExtract, extract_document
from mandates.ids import Ids
from mandates.rdf_reorg import write_events
from mandates.rdfwriter import GraphWriter
from mandates.reference import Reference, load
from mandates.resolve import DocIndex
from mandates.responsibility import assign
from mandates.sources import read_plan


@dataclass
class BuildResult:
    graph: Graph
    extracts: list[DocumentExtract]
    errors: list[InputError] = field(default_factory=list)


def extract_files(paths: Iterable[Path], ref: Reference) -> tuple[list[DocumentExtract], list[InputError]]:
    extracts, errors = [], []
    for path in paths:
        try:
            text = read_plan(path)
        except InputError as exc:
            errors.append(exc)
            continue
        doc = extract_document(path, text, ref)
        if not doc.outline.sections and not doc.citations:
            errors.append(InputError(path, "no numbered parts and no cited document: not a plan"))
            continue
        doc.responsibilities = assign(doc, ref)
        doc.duties = find_duties(doc.source, doc.outline, plan_year(doc.identity.title))
        extracts.append(doc)
    return extracts, errors


def build_graph(paths: Iterable[Path], ref: Reference | None = None, ids: Ids | None = None) -> BuildResult:
    ref = ref or load()
    extracts, errors = extract_files(sorted(paths), ref)
    index = DocIndex(ref)
    index.collect(extracts)
    writer = GraphWriter(ref, index, ids)
    corpus = [t for d in extracts for t in section_texts(d.source, d.outline).values()]
    for doc in extracts:
        node = writer.document(doc)
        parts = section_texts(doc.source, doc.outline)
        for directive in sorted(ancestors_with_groups(doc, index)):
            writer.alignments(doc, node, align(parts, directive, corpus))
    write_events(writer, {d.identity.jurisdiction or "vn" for d in extracts})
    g = writer.finish()
    # The SKOS schemes travel with the data: a query can read a concept's notation and labels.
    g += Graph().parse(SCHEMES_PATH, format="turtle")
    closure.materialise(g)
    return BuildResult(g, extracts, errors)


def ancestors_with_groups(doc: DocumentExtract, index: DocIndex) -> set[str]:
    """Central documents the plan derives from (as its text states) whose task groups are known."""
    parents: dict[str, set[str]] = {}
    for c in doc.citations:
        if c.relation in ("implements", "basedOn"):
            source = index.key(c.subject) if c.subject else "SELF"
            parents.setdefault(source, set()).add(index.key(c.ref))
    seen, todo = set(), ["SELF"]
    while todo:
        for nxt in parents.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen & set(groups())


def serialise(g: Graph) -> str:
    """Turtle with a stable order: the same graph gives the same bytes."""
    text: str = g.serialize(format="turtle")
    return text


def write_graph(g: Graph, path: Path, extracts: list[DocumentExtract] | None = None) -> None:
    """The graph, and beside it (texts/) the text of every source that was not plain text already."""
    for doc in extracts or []:
        if not doc.source_file.lower().endswith(".txt"):
            write_text(path.parent / "texts" / f"{doc.source_file}.txt", doc.source)
    write_text(path, serialise(g))
