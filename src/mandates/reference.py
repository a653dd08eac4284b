"""The curated reference data of data/reference/: jurisdictions, agencies, groups, directives.

Loaded once per process. A new province or document is added by a row in a CSV file, not by code.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from mandates import patterns
from mandates.constants import REFERENCE_DIR
from mandates.textnorm import fold


def _rows(name: str) -> list[dict[str, str]]:
    path = REFERENCE_DIR / name
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return [{k: (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(fh)]


def _aliases(value: str) -> list[str]:
    return [a.strip() for a in value.split("|") if a.strip()]


@dataclass(frozen=True)
class Jurisdiction:
    key: str
    name: str
    label: str
    kind: str
    aliases: tuple[str, ...]
    successor: str | None
    successor_date: str | None
    legal_basis: str | None
    source_url: str


@dataclass(frozen=True)
class AgencyEntry:
    key: str
    name: str  # may hold "{province}"
    level: str  # "central" | "province" | "district"
    kind: str
    aliases: tuple[str, ...]
    label_en: str
    parent: str | None
    valid_from: str | None
    valid_to: str | None
    source_url: str


@dataclass(frozen=True)
class GroupEntry:
    key: str
    label: str
    aliases: tuple[str, ...]
    source_url: str


@dataclass(frozen=True)
class DirectiveEntry:
    key: str
    code: str | None
    doc_type: str
    number: str | None
    year: int | None
    issuer_key: str | None
    jurisdiction: str
    date: str | None
    title: str | None
    names: tuple[str, ...]
    source_url: str


@dataclass
class Reference:
    jurisdictions: dict[str, Jurisdiction] = field(default_factory=dict)
    agencies: dict[str, AgencyEntry] = field(default_factory=dict)
    groups: dict[str, GroupEntry] = field(default_factory=dict)
    directives: dict[str, DirectiveEntry] = field(default_factory=dict)
    issuers: dict[str, dict[str, str]] = field(default_factory=dict)

    def province_names(self) -> list[tuple[str, str]]:
        """(spelling, key) of every province, longest first, for finding place names in text."""
        out = []
        for j in self.jurisdictions.values():
            if j.kind == "country":
                continue
            for name in (j.name, *j.aliases):
                out.append((name, j.key))
        return sorted(out, key=lambda p: -len(p[0]))

    def find_province(self, text: str) -> str | None:
        """Key of the first province named in ``text`` ("của Tỉnh ủy Bình Định" → "binh-dinh")."""
        best: tuple[int, str] | None = None
        folded = fold(text)
        ambiguous = _ambiguous_places()
        prefix = patterns.compiled("identity", "ambiguous_places.prefix")
        for name, key in self.province_names():
            want = fold(name)
            for m in re.finditer(rf"(?<!\w){re.escape(want)}(?!\w)", folded):
                # "Đoàn TNCS Hồ Chí Minh" is no place; "Thành phố Hồ Chí Minh" is.
                if want in ambiguous and m.start() > 0 and not prefix.search(folded[: m.start()]):
                    continue
                if best is None or m.start() < best[0]:
                    best = (m.start(), key)
                break
        return best[1] if best else None

    def directive_by_code(self, jurisdiction: str, code: str) -> DirectiveEntry | None:
        for d in self.directives.values():
            if d.code and d.code.upper().replace(" ", "") == code.upper() and d.jurisdiction == jurisdiction:
                return d
        return None

    def directive_by_name(self, name: str) -> DirectiveEntry | None:
        want = _name_key(name)
        for d in self.directives.values():
            if any(_name_key(n) == want for n in d.names):
                return d
        return None


@cache
def _ambiguous_places() -> frozenset[str]:
    """Province names that are also words or a person's name (data/patterns/identity.json), folded."""
    return frozenset(fold(n) for n in patterns.load("identity")["ambiguous_places"]["names"])


def _name_key(name: str) -> str:
    return re.sub(r"[\W_]+", " ", fold(name)).strip()


def _int(value: str) -> int | None:
    return int(value) if value.isdigit() else None


@cache
def load(directory: Path = REFERENCE_DIR) -> Reference:
    del directory  # one reference directory per process; the parameter keys the cache
    ref = Reference()
    for r in _rows("jurisdictions.csv"):
        ref.jurisdictions[r["key"]] = Jurisdiction(
            r["key"],
            r["name"],
            r.get("label") or r["name"],
            r.get("kind", "province"),
            tuple(_aliases(r.get("aliases", ""))),
            r.get("successor") or None,
            r.get("successor_date") or None,
            r.get("legal_basis") or None,
            r.get("source_url", ""),
        )
    for r in _rows("agencies.csv"):
        ref.agencies[r["key"]] = AgencyEntry(
            r["key"],
            r["name"],
            r.get("level", "province"),
            r.get("kind", ""),
            tuple(_aliases(r.get("aliases", ""))),
            r.get("label_en", ""),
            r.get("parent") or None,
            r.get("valid_from") or None,
            r.get("valid_to") or None,
            r.get("source_url", ""),
        )
    for r in _rows("actor_groups.csv"):
        ref.groups[r["key"]] = GroupEntry(
            r["key"], r["label"], tuple(_aliases(r.get("aliases", ""))), r.get("source_url", "")
        )
    for r in _rows("directives.csv"):
        ref.directives[r["key"]] = DirectiveEntry(
            r["key"],
            r.get("code") or None,
            r.get("type", ""),
            r.get("number") or None,
            _int(r.get("year", "")),
            r.get("issuer_key") or None,
            r.get("jurisdiction") or "vn",
            r.get("date") or None,
            r.get("title") or None,
            tuple(_aliases(r.get("names", ""))),
            r.get("source_url", ""),
        )
    for r in _rows("issuers.csv"):
        ref.issuers[r["issuer_code"]] = r
    return ref
