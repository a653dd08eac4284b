"""Commands that answer the responsibility questions: who, tasks, targets, calendar."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import click

from mandates import answers
from mandates.atomic import write_text
from mandates.constants import GRAPH_PATH
from mandates.labels import ROLE_VI

FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True
)
GRAPH = click.option(
    "--graph", "graph_path", type=click.Path(path_type=Path), default=GRAPH_PATH, show_default=True
)


def _emit(rows: list[dict[str, Any]], fmt: str, text: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1, default=str))
    elif fmt == "csv":
        buf = io.StringIO()
        if rows:
            writer = csv.DictWriter(buf, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(
                {k: "; ".join(v) if isinstance(v, list) else v for k, v in r.items()} for r in rows
            )
        click.echo(buf.getvalue(), nl=False)
    else:
        click.echo(text)


def _short(text: str, width: int = 160) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def register(main: click.Group, friendly: Any, load_graph: Any) -> None:
    @main.command()
    @click.argument("agency")
    @click.option("--jurisdiction", "-j", help='Province, e.g. "Gia Lai".')
    @FORMAT
    @GRAPH
    @friendly
    def who(agency: str, jurisdiction: str | None, fmt: str, graph_path: Path) -> None:
        """Every task AGENCY leads or coordinates, and its reporting duties, grouped by document."""
        g = load_graph(graph_path)
        rows: list[dict[str, Any]] = []
        lines: list[str] = []
        for a in answers.find_agencies(g, agency, jurisdiction):
            ds = answers.duties(g, a.iri)
            reps = answers.reporting(g, a)
            if not ds and not reps:
                continue
            lead = sum(1 for d in ds if d.role == "lead")
            lines.append(
                f"■ {a.name} — {lead} task(s) as lead, {len(ds) - lead} other role(s), {len(reps)} reporting duty(ies)"
            )
            document = None
            for d in ds:
                if d.document != document:
                    document = d.document
                    lines.append(f"  {d.document}" + (f"  [{d.source_file}]" if d.source_file else ""))
                how = f"  ({d.inferred})" if d.inferred else ""
                lines.append(
                    f"    [{ROLE_VI.get(d.role, d.role)}] {d.section or ''} {d.number}: “{_short(d.text)}”{how}"
                )
                rows.append(
                    {
                        "agency": a.name,
                        "role": d.role,
                        "document": d.document,
                        "section": d.section,
                        "task": d.task,
                        "text": d.text,
                        "inferred": d.inferred,
                    }
                )
            for r in reps:
                lines.append(
                    f"    [báo cáo] {r['every'] or ''} {(r['deadline'] or '')[2:]} → {r['recipient'] or ''}: "
                    f"“{_short(str(r['text']))}”"
                )
                rows.append(
                    {
                        "agency": a.name,
                        "role": "reporting",
                        "document": r["docLabel"],
                        "section": None,
                        "task": r["duty"],
                        "text": r["text"],
                        "inferred": None,
                    }
                )
        if not rows:
            lines.append(f"{agency}: named in the graph, but assigned no task")
        _emit(rows, fmt, "\n".join(lines))

    @main.command()
    @click.option("--area", "-a", help='Policy area, e.g. "giảm nghèo".')
    @click.option("--jurisdiction", "-j")
    @click.option("--document", "-d", help="Document code or source file name.")
    @FORMAT
    @GRAPH
    @friendly
    def tasks(
        area: str | None, jurisdiction: str | None, document: str | None, fmt: str, graph_path: Path
    ) -> None:
        """Tasks by policy area, jurisdiction and document, with their leads."""
        rows = answers.tasks(load_graph(graph_path), area, jurisdiction, document)
        text = (
            "\n".join(
                f"{r['place']} · {r['document']} · {r['number']} [{', '.join(r['leads']) or '—'}] "
                f"“{_short(str(r['text']), 120)}”"
                for r in rows
            )
            or "no task matches"
        )
        _emit(rows, fmt, text)

    @main.command()
    @click.option("--indicator", "-i", help='e.g. "tỷ lệ thất nghiệp chung" (any spelling).')
    @click.option("--year", "-y", type=int)
    @FORMAT
    @GRAPH
    @friendly
    def targets(indicator: str | None, year: int | None, fmt: str, graph_path: Path) -> None:
        """Targets compared across documents: indicator, comparator, value, unit, year, quote."""
        rows = answers.targets(load_graph(graph_path), indicator, year)
        text = (
            "\n".join(
                f"{r['place']:<10} {r['comparator']:>2} {r['value']}{'–' + str(r['max']) if r['max'] else ''} "
                f"{r['unit']:<10} {str(r['year'] or '')[:4]:<4}  {r['indicator']}  “{_short(str(r['text']), 90)}”"
                for r in rows
            )
            or "no target matches"
        )
        _emit(rows, fmt, text)

    @main.command()
    @click.argument("document", required=False)
    @FORMAT
    @GRAPH
    @friendly
    def coverage(document: str | None, fmt: str, graph_path: Path) -> None:
        """Which task groups of the central resolution each plan takes up, and which it leaves out."""
        rows = answers.coverage(load_graph(graph_path), document)
        lines = []
        for r in rows:
            lines.append(f"■ {r['document']} → {r['central']}")
            for group, parts in r["covered"].items():  # type: ignore[union-attr]
                lines.append(f"   ✓ {group}\n       ← {'; '.join(parts)}")
            for group in r["missing"]:  # type: ignore[union-attr]
                lines.append(f"   ✗ {group}")
        _emit(
            rows, fmt, "\n".join(lines) or "no plan is aligned to a central document with known task groups"
        )

    @main.command()
    @click.argument("indicator")
    @FORMAT
    @GRAPH
    @friendly
    def compare(indicator: str, fmt: str, graph_path: Path) -> None:
        """Targets for INDICATOR across provinces and years; flags the weaker commitment of each pair."""
        rows = answers.targets(load_graph(graph_path), indicator, None)
        answers.flag_weaker(rows)
        text = "\n".join(
            f"{r['place']:<10} {r['comparator']:>2} {r['value']} {r['unit']} {str(r['year'] or '')[:4]:<4} "
            f"{r['indicator']}{'  ⚠ ' + str(r['flag']) if r.get('flag') else ''}"
            for r in rows
        )
        _emit(rows, fmt, text or "no target matches")

    @main.command()
    @click.argument("agency", required=False)
    @click.option("--jurisdiction", "-j")
    @click.option("--ics", type=click.Path(path_type=Path, dir_okay=False), help="Write an iCalendar file.")
    @click.option("--year", type=int, default=None, help="Year of the first occurrence (default: this year).")
    @FORMAT
    @GRAPH
    @friendly
    def calendar(
        agency: str | None,
        jurisdiction: str | None,
        ics: Path | None,
        year: int | None,
        fmt: str,
        graph_path: Path,
    ) -> None:
        """Reporting deadlines (of AGENCY, as reporter, recipient or intermediary), optionally as .ics."""
        import datetime as dt

        from mandates.ical import calendar as to_ics

        g = load_graph(graph_path)
        found = answers.find_agencies(g, agency, jurisdiction) if agency else [None]
        rows = [r for a in found for r in answers.reporting(g, a)]
        text = (
            "\n".join(
                f"{(r['deadline'] or '  —  ')[2:]:>6} {r['every'] or '':<12} {r['reporter'] or '—'} → "
                f"{r['recipient'] or ''}{' (qua ' + str(r['via']) + ')' if r['via'] else ''}  "
                f"[{r['docLabel']}]"
                for r in rows
            )
            or "no reporting duty"
        )
        if ics:
            write_text(ics, to_ics(rows, year or dt.date.today().year))
            text += f"\nwrote {ics}"
        _emit(rows, fmt, text)
