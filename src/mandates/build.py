"""The pipeline: plan files + reference data → one RDF graph, validated, written atomically."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph, URIRef

from mandates import closure
from mandates.alignment import align, groups, section_texts
from mandates.atomic import write_text
from mandates.constants import SCHEMES_PATH
from mandates.duties import find_duties, plan_year
from mandates.errors import InputError, ValidationFailed
from mandates.extract import DocumentExtract, extract_document
from mandates.ids import Ids
from mandates.namespaces import MND
from mandates.rdf_reorg import write_events
from mandates.rdfwriter import GraphWriter
from mandates.reference import Reference, load
from mandates.resolve import DocIndex
from mandates.responsibility import assign
from mandates.sources import read_plan

if TYPE_CHECKING:
    from mandates.validate import Finding


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


def build_validated(paths: Iterable[Path], ref: Reference | None = None) -> BuildResult:
    """Build, check SHACL, and leave out any document whose facts break a shape.

    One odd document must not cost the others: its file is reported with the first broken
    constraint and the rest are built again without it. A violation that belongs to no
    document (reference data) still fails the whole build.
    """
    from mandates.validate import check  # pyshacl is slow to import: only when checking

    paths = sorted(paths)
    result = build_graph(paths, ref)
    errors = list(result.errors)
    for _ in range(3):  # a second pass only drops documents the first one exposed
        findings = [f for f in check(result.graph) if f.severity == "Violation"]
        if not findings:
            return BuildResult(result.graph, result.extracts, errors)
        by_file = _findings_by_file(result.graph, findings)
        if None in by_file or not by_file:
            raise ValidationFailed(
                f"the graph breaks {len(findings)} SHACL constraint(s) outside any document "
                f"(first: {findings[0].focus} {findings[0].path.rsplit('#', 1)[-1]}: {findings[0].message}); "
                "nothing was written"
            )
        bad = {name for name in by_file if name is not None}
        for name in sorted(bad):
            first = by_file[name][0]
            errors.append(
                InputError(
                    next((p for p in paths if p.name == name), name),
                    f"left out: its extracted graph breaks {len(by_file[name])} SHACL constraint(s) "
                    f"(first: {first.focus.rsplit('/', 1)[-1]} {first.path.rsplit('#', 1)[-1]}: {first.message})",
                )
            )
        paths = [p for p in paths if p.name not in bad]
        result = build_graph(paths, ref)
    raise ValidationFailed("the graph still breaks SHACL constraints after leaving out bad documents")


def _findings_by_file(g: Graph, findings: list[Finding]) -> dict[str | None, list[Finding]]:
    """Findings grouped by the source file of the document they belong to (None: no document)."""
    docs = {str(d): str(f) for d, f in g.subject_objects(MND.sourceFile)}
    out: dict[str | None, list[Finding]] = {}
    for f in findings:
        owner = g.value(URIRef(f.focus), MND.inDocument)
        name = docs.get(str(owner)) if owner is not None else docs.get(f.focus)
        if name is None:
            name = next((n for d, n in docs.items() if f.focus.startswith(d + "/")), None)
        out.setdefault(name, []).append(f)
    return out
