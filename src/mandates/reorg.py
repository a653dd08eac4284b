"""Who holds a task now: dated reorganisation events (data/reference/reorganisations.csv).

Rules (../shared/docs/REORG-2025.md, section 2), applied in date order after the plan's date:
1. sector: a department that was split passes each policy area to its successor (Sở LĐTBXH →
   Nội vụ, Y tế, Giáo dục và Đào tạo, Nông nghiệp và Môi trường); a merged one passes everything;
2. territory: a province merged into another (Nghị quyết 202/2025/QH15) — same department, new province;
   the mergers reorganisations.csv does not list come from the successor columns of jurisdictions.csv;
3. level: district bodies end; their work passes to the commune level (partly confirmed).
Only rows marked CONFIRMED (or PARTLY CONFIRMED, said so) are used; each step keeps its legal basis.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cache

from mandates.constants import REFERENCE_DIR


@dataclass(frozen=True)
class Event:
    id: str
    kind: str  # "sector" | "merger" | "territory" | "level"
    original: str
    resulting: str
    areas: tuple[str, ...]
    date: str
    legal_basis: tuple[str, ...]
    source_url: str
    status: str


@dataclass
class Step:
    event: Event
    before: tuple[str, str]  # (jurisdiction, agency key)
    after: tuple[str, str]
    why: str


@dataclass
class Resolution:
    start: tuple[str, str]
    steps: list[Step] = field(default_factory=list)
    candidates: list[tuple[str, str]] = field(default_factory=list)  # when the data cannot decide

    @property
    def holder(self) -> tuple[str, str]:
        return self.steps[-1].after if self.steps else self.start

    @property
    def decided(self) -> bool:
        return not self.candidates


def area_label(key: str) -> str:
    from mandates.policy_areas import areas

    known = areas().get(key)
    return known.label if known else key


@cache
def events() -> tuple[Event, ...]:
    with (REFERENCE_DIR / "reorganisations.csv").open(encoding="utf-8", newline="") as fh:
        rows = [
            Event(
                r["id"],
                r["kind"],
                r["original"],
                r["resulting"],
                tuple(a for a in r["policy_areas"].split("|") if a),
                r["date"],
                tuple(b for b in r["legal_basis"].split("|") if b),
                r["source_url"],
                r["status"],
            )
            for r in csv.DictReader(fh)
            if r["status"].startswith(("CONFIRMED", "PARTLY CONFIRMED"))
        ]
    rows += _registry_mergers({e.original for e in rows if e.kind == "territory"})
    return tuple(sorted(rows, key=lambda e: (e.date, e.id)))


REGISTRY_MERGER = "J-"  # id prefix of the mergers taken from jurisdictions.csv


def from_registry(e: Event) -> bool:
    return e.id.startswith(REGISTRY_MERGER)


def _registry_mergers(known: set[str]) -> list[Event]:
    """The province mergers jurisdictions.csv records (successor, date, legal basis, public source),
    for the provinces reorganisations.csv does not already describe: ids "J-<province>"."""
    from mandates.reference import load

    return [
        Event(
            f"{REGISTRY_MERGER}{j.key}",
            "territory",
            j.key,
            j.successor,
            (),
            j.successor_date,
            (j.legal_basis,) if j.legal_basis else (),
            j.source_url,
            "CONFIRMED",
        )
        for j in load().jurisdictions.values()
        if j.successor and j.successor_date and j.key not in known
    ]


def resolve(jurisdiction: str, agency: str, areas: list[str], since: str) -> Resolution:
    """Follow the events after ``since`` (ISO date) for one agency and the task's policy areas."""
    res = Resolution((jurisdiction, agency))
    place, key = jurisdiction, agency
    by_date: dict[str, list[Event]] = {}
    for e in events():
        if e.date > since:
            by_date.setdefault(e.date, []).append(e)
    for date in sorted(by_date):
        todays = by_date[date]
        split = [e for e in todays if e.kind == "sector" and e.original == key]
        if split:
            chosen = [e for e in split if set(e.areas) & set(areas)]
            if len(chosen) == 1:
                e = chosen[0]
                res.steps.append(
                    Step(
                        e,
                        (place, key),
                        (place, e.resulting),
                        f"its work on {', '.join(area_label(a) for a in sorted(set(e.areas) & set(areas)))} moved",
                    )
                )
                key = e.resulting
            else:
                options = chosen or split
                res.candidates = [(place, e.resulting) for e in options]
                return res
        merged = next((e for e in todays if e.kind in ("merger", "level") and e.original == key), None)
        if merged:
            why = "merged" if merged.kind == "merger" else "district level ended"
            res.steps.append(Step(merged, (place, key), (place, merged.resulting), why))
            key = merged.resulting
        territory = next((e for e in todays if e.kind == "territory" and e.original == place), None)
        if territory and place != "vn":
            res.steps.append(Step(territory, (place, key), (territory.resulting, key), "province merged"))
            place = territory.resulting
    return res
