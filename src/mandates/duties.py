"""Targets and reporting duties of a plan, placed in its outline.

The phrase-level extractors (``targets``, ``reporting``) read one block at a time; this module
runs them over the right blocks and ties each result to its task or section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mandates.model import ReportingMatch, TargetMatch
from mandates.reporting import extract_reporting
from mandates.structure import Outline
from mandates.targets import extract_targets


@dataclass
class PlacedTarget:
    match: TargetMatch
    section: str | None
    task: str | None


@dataclass
class PlacedReporting:
    match: ReportingMatch
    section: str | None
    task: str | None


@dataclass
class Duties:
    targets: list[PlacedTarget] = field(default_factory=list)
    reporting: list[PlacedReporting] = field(default_factory=list)


def _task_of(outline: Outline, start: int, end: int) -> str | None:
    best = None
    for task in outline.tasks:
        if task.span.start <= start and end <= task.span.end:
            best = task.number
    return best


def plan_year(title: str | None) -> int | None:
    """The year a plan's title sets for its targets ("… NĂM 2022", "… đến năm 2025"), not a cited date."""
    if not title:
        return None
    years = [
        int(m.group(1))
        for m in re.finditer(
            r"(?<!tháng )(?<!tháng \d )(?<!tháng \d\d )năm\s+((?:19|20)\d\d)(?!\s*[-–])", title, re.IGNORECASE
        )
    ]
    return max(years) if years else None


def find_duties(source: str, outline: Outline, year: int | None) -> Duties:
    out = Duties()
    for block, section in outline.body_blocks:
        span = block.body or block.span
        default_year = outline.default_year.get(section or "", year)
        for t in extract_targets(source, span.start, span.end, default_year=default_year):
            out.targets.append(PlacedTarget(t, section, _task_of(outline, t.span.start, t.span.end)))
        if section in outline.objective_sections:
            continue
        for r in extract_reporting(source, span.start, span.end):
            out.reporting.append(PlacedReporting(r, section, _task_of(outline, r.span.start, r.span.end)))
    return out
