"""Names of agencies and collective actors in text, resolved against the gazetteer.

Province-level entries are instantiated for the plan's province: "Sở Y tế", "Sở Y tế tỉnh Gia
Lai", "ngành Y tế" (sector X means Sở X) all name mid:agency/gia-lai/so-y-te. Collective actors
("các sở, ban, ngành", "chính quyền cấp cơ sở") are groups: they are kept, never taken for a body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from mandates import patterns
from mandates.ids import slug
from mandates.reference import AgencyEntry, Reference
from mandates.textnorm import fold, lower_same_length


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    key: str  # agency key, or group key when is_group
    is_group: bool
    surface: str
    central: bool = False
    sector: bool = False  # named as a sector ("ngành Y tế"), resolved to its department


def _name_forms(entry: AgencyEntry, province: str, label: str) -> list[str]:
    names = [entry.name, *entry.aliases]
    forms: list[str] = []
    for raw in names:
        name = raw.replace("{province}", province)
        forms.append(name)
        if entry.level == "central":
            continue
        base = re.sub(r"\s+tỉnh$", "", name)
        forms += [base, f"{base} tỉnh", f"{base} {label}", f"{base} tỉnh {province}", f"{base} {province}"]
        # A city's plan says "Đài Phát thanh và Truyền hình Thành phố" as a province's says "… tỉnh".
        unit = label[: -len(province)].strip() if province and label.endswith(province) else ""
        if unit and unit != "tỉnh":
            forms.append(f"{base} {unit}")
        if base.startswith(("Sở ", "sở ")):
            sector = base[3:]
            forms += [f"ngành {sector}", f"Ngành {sector}"]
            if " và " in sector:
                forms += [f"ngành {sector.replace(' và ', ' ')}"]
    return forms


class Recognizer:
    """Finds actor names in cleaned text of one plan (whose province instantiates the templates)."""

    def __init__(self, ref: Reference, jurisdiction: str) -> None:
        self.ref = ref
        self.jurisdiction = jurisdiction
        place = ref.jurisdictions.get(jurisdiction)
        province = place.name if place else ""
        label = place.label if place else ""
        self.forms: dict[str, tuple[str, bool, bool]] = {}  # folded form -> (key, is_group, central)
        self.sector_forms: dict[str, str] = {}  # "y tế" -> key of Sở Y tế
        for entry in ref.agencies.values():
            if entry.level not in ("central", "province"):
                continue
            for form in _name_forms(entry, province, label):
                f = fold(form)
                if len(f) < 4 or (f in self.forms and not self.forms[f][2]):
                    continue  # a provincial body wins a short form shared with a central one
                self.forms[f] = (entry.key, False, entry.level == "central")
            if entry.level == "province" and entry.name.startswith("Sở "):
                for n in (entry.name, *entry.aliases):
                    if n.startswith("Sở "):
                        sector = fold(n[3:])
                        self.sector_forms[sector] = entry.key
                        self.sector_forms[sector.replace(" và ", " ")] = entry.key
        for group in ref.groups.values():
            for form in (group.label, *group.aliases):
                f = fold(form)
                if f not in self.forms:
                    self.forms[f] = (group.key, True, False)
        self.redirect: dict[str, str] = {}  # gazetteer key -> the unit a plan names in its place
        ordered = sorted(self.forms, key=len, reverse=True) or ["(?!)"]
        self._regex = re.compile(r"(?<![\w])(?:" + "|".join(re.escape(f) for f in ordered) + r")(?![\w])")

    def find(self, text: str) -> list[Mention]:
        """Every actor in ``text`` (cleaned, original case), longest match first, no overlaps."""
        low = fold_same_length(text)
        found: list[Mention] = []
        for m in self._regex.finditer(low):
            key, is_group, central = self.forms[m.group(0)]
            sector = low[m.start() : m.start() + 6] == "ngành "
            found.append(
                Mention(m.start(), m.end(), key, is_group, text[m.start() : m.end()], central, sector)
            )
        candidates = found + _named_units(text, low) + _groups(text, low)
        # The longest name wins: "Mặt trận Tổ quốc Việt Nam và các đoàn thể các cấp" is a group.
        kept: list[Mention] = []
        for m in sorted(candidates, key=lambda m: (m.start - m.end, m.start, m.is_group)):
            if not _overlaps(m, kept):
                kept.append(m)
        kept = [replace(m, key=self.redirect.get(m.key, m.key)) for m in kept]
        return sorted(kept, key=lambda m: m.start)

    def learn_units(self, text: str) -> None:
        """Units a plan names that stand for a gazetteer body in this plan (a regional social insurance office)."""
        low = fold_same_length(text)
        for regex, rule in _unit_patterns():
            if rule.get("replaces"):
                m = regex.search(low)
                if m:
                    self.redirect[str(rule["replaces"])] = slug(re.sub(r"\(.*", "", m.group(0)))

    def sector_list(self, text: str) -> list[Mention]:
        """'Lao động - Thương binh và Xã hội, Giáo dục Đào tạo, Y tế' after 'Các Sở, ngành:'."""
        out = []
        low = fold_same_length(text)
        for m in re.finditer(r"[^,;]+", low):
            name = m.group(0).strip()
            start = m.start() + m.group(0).index(name) if name else m.start()
            key = self.sector_forms.get(name) or (
                self.forms.get(name, ("", True, False))[0]
                if not self.forms.get(name, ("", True, False))[1]
                else ""
            )
            if key:
                out.append(
                    Mention(
                        start, start + len(name), key, False, text[start : start + len(name)], sector=True
                    )
                )
        return out


def fold_same_length(text: str) -> str:
    return lower_same_length(text)


def _overlaps(m: Mention, found: list[Mention]) -> bool:
    return any(m.start < f.end and f.start < m.end for f in found)


@cache
def _unit_patterns() -> list[tuple[re.Pattern[str], dict[str, object]]]:
    return [(re.compile(u["pattern"]), u) for u in patterns.load("actors")["named_units"]]


def _named_units(text: str, low: str) -> list[Mention]:
    out = []
    for regex, rule in _unit_patterns():
        for m in regex.finditer(low):
            surface = text[m.start() : m.end()].strip()
            if rule.get("capitalised") and not _capitalised_name(surface):
                continue
            out.append(
                Mention(
                    m.start(), m.start() + len(surface), slug(re.sub(r"\(.*", "", surface)), False, surface
                )
            )
    return out


def _capitalised_name(surface: str) -> bool:
    """'Sở Văn hóa và Thể thao', 'Kho bạc Nhà nước tỉnh': the word after the head noun starts with a capital,
    and so does every content word of a 'Sở' name."""
    words = surface.split()
    if words[0].lower() != "sở":
        head = 2 if words[0].lower() in ("chi", "trung", "kho", "văn", "liên") else 1
        return len(words) > head and words[head][0].isupper()
    content = [w for w in words[1:] if w not in ("và", "-", ",")]
    return bool(content) and all(w[0].isupper() for w in content)


@cache
def _group_regex() -> re.Pattern[str]:
    conf = patterns.load("actors")
    words = conf["group_words"]
    run = rf"(?:{words})(?:\s*(?:,|-|và)?\s*(?:{words}))*"
    phrases = "|".join(conf["group_phrases"])
    return re.compile(rf"(?<!\w)(?:{conf['group_start']}{run}|{phrases})(?!\w)")


@cache
def _group_keys() -> list[tuple[str, re.Pattern[str]]]:
    return [(key, re.compile(p)) for key, p in patterns.load("actors")["group_keys"].items()]


def _groups(text: str, low: str) -> list[Mention]:
    out = []
    for m in _group_regex().finditer(low):
        surface = text[m.start() : m.end()].rstrip(" ,")
        phrase = low[m.start() : m.start() + len(surface)]
        key = next((k for k, regex in _group_keys() if regex.match(phrase)), slug(surface)[:60])
        out.append(Mention(m.start(), m.start() + len(surface), key, True, surface))
    return out
