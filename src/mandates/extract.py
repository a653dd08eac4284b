"""One plan's text to extracted records: identity, outline, citations and relations.

Nothing here touches RDF; ``rdfwriter`` turns the records into a graph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mandates import citations as cit
from mandates import patterns
from mandates.identity import Identity, identify
from mandates.model import Block, Citation, Span
from mandates.reference import Reference
from mandates.structure import Outline, outline
from mandates.textnorm import fold


@dataclass
class DocumentExtract:
    source_file: str
    source: str
    identity: Identity
    outline: Outline
    citations: list[Citation] = field(default_factory=list)  # subject None: the plan itself
    task_citations: dict[str, list[Citation]] = field(default_factory=dict)  # task number -> citations
    responsibilities: Any = None  # responsibility.Responsibilities, filled by the pipeline
    duties: Any = None  # duties.Duties: targets and reporting, filled by the pipeline


def _purpose_sections(out: Outline) -> set[str]:
    return {s.number for s in out.sections if fold(s.heading).startswith("mục đích")}


def _starts_with_type_word(text: str) -> bool:
    words = [w for w in patterns.load("citations")["type_words"] if w != "_comment"]
    return any(text.lstrip("-–+• ").casefold().startswith(w.casefold()) for w in words)


def extract_document(path: Path, source: str, ref: Reference) -> DocumentExtract:
    out = outline(source)
    ident = identify(source, out.blocks, out.preamble, ref)
    doc = DocumentExtract(path.name, source, ident, out)
    jurisdiction = ident.jurisdiction or "vn"
    preamble_starts = {b.span.start for b in out.preamble}
    purpose = _purpose_sections(out)
    section_of = {b.span.start: number for b, number in out.body_blocks}
    closing_re = patterns.compiled("citations", "relations.closing")
    purpose_re = patterns.compiled("citations", "relations.purpose_implements")
    task_re = patterns.compiled("citations", "relations.task_implements")
    inherited: str | None = None
    for block in out.blocks:
        norm = cit.block_norm(source, block)
        found = cit.find(norm, jurisdiction, ref, ident.code)
        in_preamble = block.span.start in preamble_starts
        if in_preamble:
            lead = cit.lead_relation(norm.text)
            if lead:
                inherited = lead
            elif not _starts_with_type_word(norm.text):
                inherited = None
        if not found:
            continue
        related = cit.relate(norm, found)
        doc.citations.extend(related.citations)
        task = _task_at(out, block)
        for f, sentence in related.heads:
            before = norm.text[sentence[0] : f.start]
            relation = "cites"
            if in_preamble:
                relation = cit.lead_relation(norm.text[sentence[0] :]) or inherited or "cites"
                if relation == "cites" and re.search(
                    r"(?:Kế hoạch|Chương trình)[^;.]{0,30}thực hiện\s*$", before, re.IGNORECASE
                ):
                    relation = "implements"
            elif (
                section_of.get(block.span.start) in purpose and purpose_re.match(norm.text[sentence[0] :])
            ) or (section_of.get(block.span.start) == "closing" and closing_re.match(before)):
                relation = "implements"
            c = cit.as_citation(norm, f, sentence, relation)
            if task is not None and not in_preamble:
                task_rel = "implements" if task_re.search(before[-80:]) else "cites"
                doc.task_citations.setdefault(task, []).append(Citation(c.ref, c.span, c.sentence, task_rel))
                if relation == "cites":
                    c.relation = "cites"
            doc.citations.append(c)
    return doc


def _task_at(out: Outline, block: Block) -> str | None:
    for task in out.tasks:
        if task.span.start >= block.span.start and task.span.end <= block.span.end:
            return task.number
    return None


def latest_citation_date(doc: DocumentExtract) -> str | None:
    dates = [c.ref.date for c in doc.citations if c.ref.date]
    return max(dates) if dates else None


__all__ = ["DocumentExtract", "Span", "extract_document", "latest_citation_date"]
