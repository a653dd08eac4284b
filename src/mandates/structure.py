"""The section tree and the tasks of a plan, from its logical blocks.

Sections are numbered by their path ("III.7.a"); every bullet or paragraph of a part that assigns
work is a task, and so is a numbered heading that carries its own assignment
("13. Bảo hiểm xã hội tỉnh: Thực hiện tốt nhiệm vụ …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mandates import patterns
from mandates.ids import part_slug
from mandates.layout import blocks, strip_emphasis
from mandates.model import Block, Section, Span, Task

_WORD = re.compile(r"\w+")
_YEAR_IN_HEADING = re.compile(r"năm\s*((?:19|20)\s?\d\s?\d)", re.IGNORECASE)


@dataclass
class Outline:
    """What the layout of one plan yields."""

    blocks: list[Block] = field(default_factory=list)  # every block of the text, recipients included
    preamble: list[Block] = field(default_factory=list)  # before the first top-level heading
    sections: list[Section] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    section_blocks: dict[str, Block] = field(default_factory=dict)
    body_blocks: list[tuple[Block, str | None]] = field(default_factory=list)  # (block, section number)
    objective_sections: set[str] = field(default_factory=set)
    default_year: dict[str, int] = field(default_factory=dict)  # a year a section heading states
    fields: list[tuple[Block, str | None]] = field(default_factory=list)  # labelled lines: (block, section)

    def section(self, number: str | None) -> Section | None:
        return next((s for s in self.sections if s.number == number), None)


def _clean(source: str, span: Span) -> str:
    return " ".join(strip_emphasis(source[span.start : span.end]).split())


def _split_heading(source: str, block: Block) -> tuple[str, bool]:
    """The heading text of a numbered block, and whether the block also states a task."""
    assert block.body is not None
    body = _clean(source, block.body)
    colon = body.find(":")
    if 0 < colon < 160:
        rest = body[colon + 1 :].strip()
        return body[:colon].strip(), len(_WORD.findall(rest)) >= 3
    words = len(_WORD.findall(body))
    if body.endswith(":") or words < 12 or not re.search(r"[.;]$", body):
        return body.rstrip(":").strip(), False
    first = re.split(r"(?<=[.;])\s", body, maxsplit=1)[0]
    return first[:200].rstrip(".;"), True


def _heading_year(text: str) -> int | None:
    years = [int(re.sub(r"\s", "", y)) for y in _YEAR_IN_HEADING.findall(text)]
    return min(years) if years else None


def outline(source: str) -> Outline:
    """Sections and tasks of ``source``."""
    no_task = patterns.compiled("layout", "no_task_headings")
    recipients = patterns.compiled("layout", "recipients_start")
    closing = patterns.compiled("layout", "closing_start")
    annex = patterns.compiled("layout", "annex_note")
    labelled = patterns.compiled("layout", "field_label")
    out = Outline()
    roman: str | None = None
    path: list[str] = []  # current number path under the roman section
    letter: str | None = None
    task_part = False
    current: str | None = None
    ordinals: dict[str | None, int] = {}
    started = False
    out.blocks = blocks(source)
    has_roman = any(b.kind == "heading" and b.marker.startswith("R:") for b in out.blocks)
    for block in out.blocks:
        text = _clean(source, block.span)
        if recipients.match(text):
            break
        if closing.match(text) and started:
            current, task_part = "closing", True
            if out.section("closing") is None:
                out.sections.append(Section("closing", "", block.span, 1, None))
        kind = block.marker[:1]
        # Without Roman parts, the top numbers ("1. MỤC ĐÍCH", "2. NHIỆM VỤ") are the parts.
        top = kind == "R" or (not has_roman and kind == "N" and "." not in block.marker[2:])
        if block.kind == "heading" and (top or (started and kind in "NL")):
            started = True
            number, level, parent = _number(block.marker, roman, path, letter)
            if kind == "R":
                roman, path, letter = block.marker[2:], [], None
            elif kind == "N":
                path, letter = block.marker[2:].split("."), None
            if top:
                heading_probe = _clean(source, block.body or block.span)
                task_part = not no_task.search(heading_probe)
            else:
                letter = block.marker[2:]
            heading, is_task = _split_heading(source, block)
            ordinals.setdefault(parent, 0)
            ordinals[parent] += 1
            section = Section(number, heading, block.span, level, parent, ordinals[parent])
            out.sections.append(section)
            out.section_blocks[number] = block
            year = _heading_year(heading) or (out.default_year.get(parent) if parent else None)
            if year:
                out.default_year[number] = year
            if not task_part:
                out.objective_sections.add(number)
            current = number
            out.body_blocks.append((block, number))
            if is_task and task_part:
                out.tasks.append(Task(f"{part_slug(number)}-0", block.body or block.span, number))
            continue
        if not started:
            out.preamble.append(block)
            continue
        if annex.match(text) and roman and current not in (None, "closing"):
            # "(Đính kèm các phụ lục I, II)" closes the numbered list: what follows belongs to the part.
            current = roman
        out.body_blocks.append((block, current))
        if labelled.match(text) and current not in (None, "closing"):
            out.fields.append((block, current))
            continue
        if task_part or current == "closing":
            ordinals.setdefault(f"task:{current}", 0)
            ordinals[f"task:{current}"] += 1
            n = ordinals[f"task:{current}"]
            out.tasks.append(Task(f"{part_slug(current or 'body')}-{n}", block.span, current))
    _disambiguate(out)
    return out


def _disambiguate(out: Outline) -> None:
    """A task IRI never equals a section's: the first paragraph under VI is "vi-p1" when VI.1 exists."""
    sections = {part_slug(s.number) for s in out.sections}
    for task in out.tasks:
        if task.number in sections:
            head, _, n = task.number.rpartition("-")
            task.number = f"{head}-p{n}"


def _number(
    marker: str, roman: str | None, path: list[str], letter: str | None
) -> tuple[str, int, str | None]:
    """(section number, level, parent number) of a heading marker in the current context."""
    kind, value = marker[0], marker[2:]
    if kind == "R":
        return value, 1, None
    base = [roman] if roman else []
    if kind == "N":
        parts = value.split(".")
        number = ".".join([*base, *parts])
        parent = ".".join([*base, *parts[:-1]]) or None
        return number, len(base) + len(parts), parent
    parent = ".".join([*base, *path]) or None
    number = f"{parent}.{value}" if parent else value
    return number, len(base) + len(path) + 1, parent
