"""SHACL validation of a built graph against ontology/shapes.ttl, with a readable report."""

from __future__ import annotations

from dataclasses import dataclass

from pyshacl import validate
from rdflib import Graph, Namespace

from mandates.constants import SHAPES_PATH

SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass
class Finding:
    focus: str
    path: str
    message: str
    severity: str


def check(g: Graph, shapes: Graph | None = None) -> list[Finding]:
    """Findings of the SHACL shapes on ``g``; empty when it conforms."""
    if shapes is None:
        shapes = Graph().parse(SHAPES_PATH)
    conforms, report, _ = validate(
        g, shacl_graph=shapes, inference="none", advanced=False, allow_warnings=True
    )
    if conforms:
        return []
    out = []
    for result in report.subjects(SH.resultSeverity, None):
        out.append(
            Finding(
                str(report.value(result, SH.focusNode)),
                str(report.value(result, SH.resultPath) or ""),
                str(report.value(result, SH.resultMessage) or ""),
                str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1],
            )
        )
    return sorted(out, key=lambda f: (f.severity, f.focus, f.path))


def report_lines(findings: list[Finding], limit: int = 30) -> list[str]:
    lines = [f"{f.severity}: {f.focus} {f.path.rsplit('#', 1)[-1]}: {f.message}" for f in findings[:limit]]
    if len(findings) > limit:
        lines.append(f"… and {len(findings) - limit} more")
    return lines
