"""Quantified targets: "Tỉ lệ thất nghiệp chung dưới 2,5%" → (tỷ lệ thất nghiệp chung, <, 2.5, %, 2030).

The words (units, comparators, what ends a name) are in data/patterns/targets.json; the indicator
thesaurus, which makes "tỉ lệ thất nghiệp chung" and "tỷ lệ thất nghiệp chung" one concept, is
data/reference/indicators.csv.
"""

from __future__ import annotations

import csv
import re
from decimal import Decimal
from functools import cache
from typing import Any

from mandates import patterns
from mandates.constants import REFERENCE_DIR
from mandates.ids import slug
from mandates.model import TargetMatch
from mandates.textnorm import fold, lower_same_length, normalise


@cache
def _conf() -> dict[str, Any]:
    conf = dict(patterns.load("targets"))
    conf["_number"] = re.compile(conf["number"])
    conf["_units"] = [(re.compile(r"\s*(?:" + u["pattern"] + r")(?!\w)"), u) for u in conf["units"]]
    conf["_comparators"] = [(re.compile(c["pattern"]), c["comparator"]) for c in conf["comparators"]]
    for key in (
        "filler_before",
        "at_least_after",
        "range_after",
        "year",
        "scope_ages",
        "skip_before",
        "name_starts",
        "boundaries",
        "denominator",
        "per_before",
    ):
        # Applied with Pattern.match(text, pos), where "^" would only match at 0.
        conf[f"_{key}"] = re.compile(conf[key].removeprefix("^"))
    conf["_aim"] = re.compile(rf"(?:{conf['aim_words']})\s*(?:\S+\s*){{0,6}}$")
    return conf


def _decimal(num: str, dec: str | None) -> Decimal:
    return Decimal(num.replace(".", "") + (f".{dec}" if dec else ""))


def _quoted(low: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"“[^”]*”|\"[^\"]*\"", low)]


def _comparator(before: str) -> str | None:
    conf = _conf()
    probe = before
    for _ in range(3):
        for regex, comparator in conf["_comparators"]:
            if regex.search(probe):
                return str(comparator)
        stripped = conf["_filler_before"].sub("", probe)
        if stripped == probe:
            break
        probe = stripped
    return None


def _clause_start(low: str, pos: int) -> int:
    starts = [m.end() for m in _conf()["_boundaries"].finditer(low, 0, pos)]
    return starts[-1] if starts else 0


def _clause_end(low: str, pos: int) -> int:
    m = _conf()["_boundaries"].search(low, pos)
    return m.start() if m else len(low)


def _sentence(low: str, pos: int) -> tuple[int, int]:
    # "Đến năm 2030, A …; B …": the year holds for the whole sentence, across its semicolons.
    start = max((m.end() for m in re.finditer(r"[.!?](?=\s)", low[:pos])), default=0)
    end = re.search(r"[.!?](?=\s|$)", low[pos:])
    return start, pos + end.start() if end else len(low)


def _year(low: str, pos: int, default: int | None) -> int | None:
    s_start, s_end = _sentence(low, pos)
    found = [(m.start(), int(m.group("year"))) for m in _conf()["_year"].finditer(low, s_start, s_end)]
    before = [y for at, y in found if at < pos]
    after = [y for at, y in found if at > pos]
    return before[-1] if before else after[0] if after else default


def extract_targets(
    source: str, start: int = 0, end: int | None = None, default_year: int | None = None
) -> list[TargetMatch]:
    """Every quantified target in ``source[start:end]``, spans in source offsets."""
    conf = _conf()
    norm = normalise(source, start, end)
    text = norm.text
    low = lower_same_length(text)
    quoted = _quoted(low)
    out: list[TargetMatch] = []
    consumed = 0  # the upper bound of a range "1% - 1,2%" is not a target of its own
    for m in conf["_number"].finditer(low):
        if m.start() < consumed or any(a <= m.start() < b for a, b in quoted):
            continue
        before = low[: m.start()]
        if conf["_skip_before"].search(before):
            continue
        unit_match = next(
            ((r.match(low, m.end()), u) for r, u in conf["_units"] if r.match(low, m.end())), None
        )
        if unit_match is None:
            continue
        um, unit = unit_match
        assert um is not None
        if conf["_per_before"].search(before) and conf["_denominator"].match(low, m.end()):
            continue  # "trên 10.000 dân": the denominator of a rate, not a target
        comparator = _comparator(before)
        if unit["unit"] == "tuổi" and conf["_scope_ages"].search(before):
            continue  # "trẻ em dưới 5 tuổi": an age group, not a target
        if unit.get("needs_comparator") and comparator is None and not conf["_filler_before"].search(before):
            continue
        if (
            unit["unit"] not in ("%", "%/năm", "m2/người", "/10000 dân")
            and comparator is None
            and not conf["_aim"].search(before[-70:])
        ):
            continue
        value = _decimal(m.group("num"), m.group("dec"))
        if unit["unit"] not in ("%", "%/năm") and re.fullmatch(r"(?:19|20)\d\d", m.group(0)):
            continue
        value_max = None
        stop = um.end()
        rng = conf["_range_after"].match(low, stop)
        if rng:
            value_max, stop = _decimal(rng.group("num"), rng.group("dec")), rng.end()
            comparator = ">="
        if conf["_at_least_after"].match(low, stop):
            comparator = ">="
        consumed = stop
        c_start = _clause_start(low, m.start())
        pre = low[c_start : m.start()]
        name_at = conf["_name_starts"].search(pre)
        if name_at:
            name = text[c_start + name_at.start() : m.start()]
            span_start, span_end = c_start + name_at.start(), stop
        else:
            c_end = _clause_end(low, stop)
            tail = text[stop:c_end].strip()
            words = tail.split()[:14]
            name = " ".join(words)
            lead = re.search(r"(?:\S+\s+){0,2}$", before[c_start:])
            span_start = m.start() - (len(lead.group(0)) if lead else 0)
            span_end = stop + (len(text[stop:c_end]) - len(text[stop:c_end].lstrip())) + len(" ".join(words))
        name = _clean_name(name)
        if unit.get("per"):
            name = f"{fold(um.group(0)).strip()} trên 10.000 dân"
        span = norm.to_source(span_start, span_end)
        scope = _scope(low[c_start : _clause_end(low, stop)])
        out.append(
            TargetMatch(
                span,
                name or unit["unit"],
                comparator or "=",
                value,
                str(unit["unit"]),
                _year(low, m.start(), default_year),
                scope,
                value_max,
            )
        )
    return out


def _clean_name(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip(" ,;:-")
    name = re.sub(
        r"\s+(?:phấn đấu|đạt|là|bằng|lên|còn|chiếm|khoảng|dưới|trên|từ|tối thiểu|ít nhất|hơn|giảm|tăng|"
        r"không quá|tối đa|bình quân|hàng năm|hằng năm)(?:\s+(?:đạt|là|khoảng|trên|dưới|từ|tối thiểu|ít nhất))*$",
        "",
        name,
        flags=re.IGNORECASE,
    )
    name = re.sub(r"^(?:có|đạt|phấn đấu|bảo đảm|đảm bảo|và)\s+", "", name, flags=re.IGNORECASE)
    return fold(name).replace("tỉ lệ", "tỷ lệ").strip(" ,;:-")


def _scope(clause: str) -> str:
    m = re.search(
        r"(khu vực thành thị|khu vực nông thôn|thành thị|nông thôn|đồng bào dân tộc thiểu số|dân tộc thiểu số)",
        clause,
    )
    return m.group(1) if m else ""


@cache
def _thesaurus() -> dict[str, str]:
    path = REFERENCE_DIR / "indicators.csv"
    out: dict[str, str] = {}
    if not path.exists():
        return out
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            for name in (row["label"], *row.get("aliases", "").split("|")):
                if name.strip():
                    out[fold(name).replace("tỉ lệ", "tỷ lệ")] = row["key"]
    return out


def indicator_key(name: str) -> str:
    """Thesaurus key of an indicator name ("tỉ lệ thất nghiệp chung" → "ty-le-that-nghiep-chung")."""
    folded = fold(name).replace("tỉ lệ", "tỷ lệ")
    return _thesaurus().get(folded) or slug(folded)[:80] or "chi-tieu"
