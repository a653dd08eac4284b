"""Answers to the responsibility questions: who does what, which tasks, which targets, which deadlines.

Queries live in src/mandates/sparql/*.rq and run on any rdflib graph; the formatting of the
answers (text, JSON, CSV, iCalendar) is in ``formats``.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query

from mandates.errors import NotFound
from mandates.textnorm import plain

SPARQL_DIR = Path(__file__).parent / "sparql"


@cache
def query(name: str) -> Query:
    """A query of sparql/, parsed once: a syntax error fails here, not in front of a user."""
    return prepareQuery((SPARQL_DIR / f"{name}.rq").read_text(encoding="utf-8"))


@dataclass
class Agency:
    iri: URIRef
    name: str
    place: str | None
    labels: set[str] = field(default_factory=set)


def agencies(g: Graph) -> dict[URIRef, Agency]:
    out: dict[URIRef, Agency] = {}
    for row in g.query(query("agencies")):
        a = out.setdefault(
            row.agency, Agency(row.agency, str(row.pref), str(row.place) if row.place else None)
        )
        a.labels.add(str(row.label))
    return out


def find_agencies(g: Graph, name: str, jurisdiction: str | None = None) -> list[Agency]:
    """Agencies whose name or short form is ``name`` (any case, with or without diacritics)."""
    everyone = agencies(g)
    if jurisdiction:
        want_place = plain(jurisdiction).removeprefix("tinh ").removeprefix("thanh pho ")
        everyone = {k: a for k, a in everyone.items() if a.place and plain(a.place) == want_place}
    key = plain(name)
    exact = [a for a in everyone.values() if key in {plain(label) for label in a.labels}]
    if exact:
        return sorted(exact, key=lambda a: a.name)
    partial = [a for a in everyone.values() if any(key in plain(label) for label in a.labels)]
    if partial:
        return sorted(partial, key=lambda a: a.name)
    names = sorted({label for a in everyone.values() for label in a.labels})
    near = difflib.get_close_matches(name, names, n=5, cutoff=0.5)
    where = f" in {jurisdiction}" if jurisdiction else ""
    raise NotFound(
        f"no agency named {name!r}{where}" + (f"; did you mean: {', '.join(near)}?" if near else "")
    )


@dataclass
class Duty:
    task: str
    role: str
    number: str
    section: str | None
    text: str
    document: str
    source_file: str | None
    inferred: str | None


def duties(g: Graph, agency: URIRef) -> list[Duty]:
    rows = g.query(query("duties_of_agency"), initBindings={"agency": agency})
    seen: dict[tuple[str, str], Duty] = {}
    for r in rows:
        key = (str(r.task), str(r.role))
        section = str(r.section) if r.section else None
        current = seen.get(key)
        # The deepest section holding the task is the one to show ("III.7.c" rather than "III").
        if current is None or (section and (current.section is None or len(section) > len(current.section))):
            seen[key] = Duty(
                str(r.task),
                str(r.role),
                str(r.number),
                section,
                str(r.text),
                str(r.docLabel),
                str(r.file) if r.file else None,
                str(r.inferred) if r.inferred else None,
            )
    return sorted(seen.values(), key=lambda d: (d.document, d.number, d.role))


def reporting(g: Graph, agency: Agency | None = None) -> list[dict[str, str | None]]:
    out = []
    for r in g.query(query("reporting")):
        row = {
            k: (str(r[k]) if r[k] is not None else None)
            for k in (
                "duty",
                "text",
                "deadline",
                "every",
                "docLabel",
                "reporter",
                "recipient",
                "via",
                "final",
            )
        }
        if agency and agency.name not in {row["reporter"], row["recipient"], row["via"], row["final"]}:
            continue
        out.append(row)
    merged: dict[str, dict[str, str | None]] = {}
    for row in out:  # one row per duty even when it has several reporters
        m = merged.setdefault(str(row["duty"]), row)
        if row["reporter"] and m["reporter"] and row["reporter"] not in str(m["reporter"]):
            m["reporter"] = f"{m['reporter']}; {row['reporter']}"
    return sorted(merged.values(), key=lambda r: (r["deadline"] or "--99", r["docLabel"] or ""))


def targets(g: Graph, indicator: str | None = None, year: int | None = None) -> list[dict[str, str | None]]:
    out = []
    want = plain(indicator) if indicator else None
    for r in g.query(query("targets")):
        row = {
            k: (str(r[k]) if r[k] is not None else None)
            for k in (
                "target",
                "indicator",
                "comparator",
                "value",
                "max",
                "unit",
                "year",
                "scope",
                "text",
                "docLabel",
                "place",
            )
        }
        if want and want not in plain(str(row["indicator"])):
            continue
        if year and (row["year"] or "")[:4] != str(year):
            continue
        out.append(row)
    return sorted(out, key=lambda r: (str(r["indicator"]), str(r["place"]), str(r["year"])))


def tasks(
    g: Graph, area: str | None = None, jurisdiction: str | None = None, document: str | None = None
) -> list[dict[str, object]]:
    grouped: dict[str, dict[str, object]] = {}
    leads: dict[str, set[str]] = defaultdict(set)
    areas: dict[str, set[str]] = defaultdict(set)
    for r in g.query(query("tasks")):
        task = str(r.task)
        grouped.setdefault(
            task,
            {
                "task": task,
                "number": str(r.number),
                "text": str(r.text),
                "document": str(r.docLabel),
                "code": str(r.code) if r.code else None,
                "file": str(r.file) if r.file else None,
                "place": str(r.place),
            },
        )
        if r.lead:
            leads[task].add(str(r.lead))
        if r.area:
            areas[task].add(str(r.area))
    out = []
    for task, row in grouped.items():
        row["leads"], row["areas"] = sorted(leads[task]), sorted(areas[task])
        if area and not any(plain(area) in plain(a) for a in areas[task]):
            continue
        if jurisdiction and plain(jurisdiction).removeprefix("tinh ") != plain(str(row["place"])):
            continue
        if document and plain(document) not in {plain(str(row["code"] or "")), plain(str(row["file"] or ""))}:
            continue
        out.append(row)
    return sorted(out, key=lambda r: (str(r["document"]), str(r["number"])))


def coverage(g: Graph, document: str | None = None) -> list[dict[str, object]]:
    """Per plan and central document: the task groups taken up (with the parts that do) and those missing."""
    from mandates.alignment import groups

    plans: dict[tuple[str, str], dict[str, object]] = {}
    for r in g.query(query("alignments")):
        central_key = str(r.central).split("/doc/", 1)[-1]
        entry = plans.setdefault(
            (str(r.doc), central_key),
            {
                "document": str(r.docLabel),
                "file": str(r.file) if r.file else None,
                "central": str(r.centralLabel),
                "covered": {},
                "missing": [],
            },
        )
        covered: dict[str, list[str]] = entry["covered"]  # type: ignore[assignment]
        covered.setdefault(f"{r.groupNumber} {r.groupTitle}", []).append(
            f"{r.number} {r.heading} ({float(r.score):.2f})"
        )
    out = []
    for (_, central_key), entry in sorted(plans.items(), key=lambda kv: str(kv[1]["document"])):
        if document and plain(document) not in {
            plain(str(entry["document"])),
            plain(str(entry["file"] or "")),
        }:
            continue
        covered_map: dict[str, list[str]] = entry["covered"]  # type: ignore[assignment]
        entry["covered"] = dict(
            sorted(covered_map.items(), key=lambda kv: _number_key(kv[0].split(" ", 1)[0]))
        )
        taken = {k.split(" ", 1)[0] for k in covered_map}
        entry["missing"] = [
            f"{grp.number} {grp.title}" for grp in groups().get(central_key, []) if grp.number not in taken
        ]
        out.append(entry)
    return out


def flag_weaker(rows: list[dict[str, str | None]]) -> None:
    """Mark a target weaker than another for the same indicator and unit: a higher ceiling ("< 2.5 %"
    against "< 2.45 %"), a lower floor, or the same value promised for a later year."""
    by_key: dict[tuple[str, str, str], list[dict[str, str | None]]] = {}
    for r in rows:
        kind = "ceiling" if r["comparator"] in ("<", "<=") else "floor"
        by_key.setdefault((str(r["indicator"]), str(r["unit"]), kind), []).append(r)
    for (_, _, kind), group in by_key.items():
        values = [float(str(r["value"])) for r in group]
        best = min(values) if kind == "ceiling" else max(values)
        for r, v in zip(group, values, strict=True):
            if v != best:
                r["flag"] = f"weaker than {best:g} ({kind})"


def _number_key(number: str) -> tuple[object, ...]:
    return tuple(int(p) if p.isdigit() else p for p in number.split("."))
