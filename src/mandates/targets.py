"""Quantified targets: "Tỉ lệ thất nghiệp chung dưới 2,5%" → (tỷ lệ thất nghiệp chung, <, 2.5, %, 2030).

The words live in data, not here: data/patterns/targets.json holds the named regex pieces, the unit
table, the comparator phrases, the words that end or open an indicator's name, scopes and what marks
a number as no target; data/reference/indicators.csv is the indicator thesaurus that makes
"tỉ lệ thất nghiệp chung" and "tỷ lệ thất nghiệp chung" one concept. This module assembles the
pieces into larger regexes (in the manner of eyecite's regexes.py) and applies them in four steps:

1. quantities — a number with its unit, range and tail ("giảm từ 1% - 1,2%", "35,4 m2 sàn/người",
   "43 giường bệnh viện, 11 bác sĩ … trên 10.000 dân");
2. filters — titles in quotes, document numbers, age groups ("trẻ em dưới 5 tuổi"), past results,
   policy rates, counts nobody aims at;
3. items — the words of one target: its name before the value ("tỷ lệ thất nghiệp chung dưới 2,5%")
   or after it ("55% số người sau độ tuổi nghỉ hưu…"), or the name of the item before it in a list
   ("…, cấp trung học cơ sở tối thiểu đạt 97%");
4. the year of the sentence ("Đến năm 2025, …"), of the paragraph, or the caller's default.

Everything is matched on ``normalise(source, start, end)`` and mapped back with ``to_source``.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from itertools import pairwise
from typing import Any

from mandates import patterns
from mandates.constants import REFERENCE_DIR
from mandates.ids import slug
from mandates.model import TargetMatch
from mandates.textnorm import fold, lower_same_length, normalise

# ---------------------------------------------------------------------------------------------
# Regexes, assembled from the named pieces of data/patterns/targets.json
# ---------------------------------------------------------------------------------------------


def _phrases(words: list[str]) -> str:
    """An alternation of literal phrases, longest first; a space in a phrase matches any white space."""
    ordered = sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in ordered)


def _anonymous(regex: str) -> str:
    """The same regex without named groups, to embed it twice in one pattern."""
    return re.sub(r"\(\?P<\w+>", "(?:", regex)


# Word edges for Vietnamese: a letter is [^\W\d_] (Unicode), so "là" does not match inside "làm".
WORD_START = r"(?<![^\W\d_])"
WORD_END = r"(?![^\W\d_])"


@dataclass(frozen=True)
class _Unit:
    regex: re.Pattern[str]
    unit: str
    kind: str  # percent | count | money | area | ratio | age | duration | per
    noun: str | None  # the counted word when fixed ("đợt"); else the "noun" group of the regex


@dataclass(frozen=True)
class _Rx:
    """Every compiled regex of the extractor, built once from the data file."""

    number: re.Pattern[str]
    multiplier: re.Pattern[str]
    units: tuple[_Unit, ...]
    needs_name: dict[str, re.Pattern[str]]
    per_item: re.Pattern[str]
    per: re.Pattern[str]
    per_conf: dict[str, Any]
    range_: re.Pattern[str]
    per_year: re.Pattern[str]
    hard: re.Pattern[str]
    sentence_end: re.Pattern[str]
    separator: re.Pattern[str]
    quoted: re.Pattern[str]
    year: re.Pattern[str]
    year_after: re.Pattern[str]
    year_not_after: re.Pattern[str]
    comparator: re.Pattern[str]
    comparator_of: dict[str, str]
    after_comparator: tuple[tuple[re.Pattern[str], str], ...]
    lead: re.Pattern[str]
    change: re.Pattern[str]
    change_names: dict[str, str]
    aim: re.Pattern[str]
    name_start: re.Pattern[str]
    not_start_after: frozenset[str]
    intro: re.Pattern[str]
    item_with_name: re.Pattern[str]
    scope_start: re.Pattern[str]
    predicate: re.Pattern[str]
    refine: re.Pattern[str]
    value_first_drop: re.Pattern[str]
    trailing_drop: re.Pattern[str]
    qualifiers: re.Pattern[str]
    year_in_name: re.Pattern[str]
    multipliers: dict[str, Decimal]
    sub_item: re.Pattern[str]
    says_change: re.Pattern[str]
    scope_preposition: re.Pattern[str]
    percent_of_count: re.Pattern[str]
    place_words: re.Pattern[str]
    drop_chars: re.Pattern[str]
    bullet: re.Pattern[str]
    post_stop: re.Pattern[str]
    scopes_strip: tuple[re.Pattern[str], ...]
    scopes_keep: tuple[re.Pattern[str], ...]
    not_before: re.Pattern[str]
    past: re.Pattern[str]
    not_after: re.Pattern[str]
    not_names: re.Pattern[str]
    names: dict[str, Any]


@cache
def _rx() -> _Rx:
    conf = patterns.load("targets")
    p = {name: piece["regex"] for name, piece in conf["pieces"].items()}
    names = conf["names"]
    per_conf = conf["per_population"]

    # NUMBER: "2,5", "3.700", "90.000" (groups int, sep, dec), standing alone (number_edge).
    number = p["number_edge"] + p["number"]
    # A list item of a rate per population: ", 11 bác sĩ" · " và 28 điều dưỡng".
    noun = rf"{per_conf['noun_word']}(?:\s+{per_conf['noun_word']}){{0,{per_conf['max_noun_words'] - 1}}}?"
    per = per_conf["regex"]
    list_item = rf"(?:\s*,\s*|\s+và\s+){_anonymous(number)}\s+{noun}"
    # PER_ITEM, matched right after a number: the counted noun, then more items, then "/vạn dân".
    per_item = rf"\s+(?P<noun>{noun})(?=(?:{list_item})*{_anonymous(per)})"

    units = tuple(
        _Unit(re.compile(rf"\s*(?:{u['regex']}){WORD_END}"), u["unit"], u["kind"], u.get("noun"))
        for u in conf["units"]["table"]
    )
    needs_name = {
        kind: re.compile(rf"{WORD_START}(?:{rx}){WORD_END}")
        for kind, rx in conf["units"]["needs_name"].items()
    }

    comparator_of: dict[str, str] = {}
    for row in conf["comparators"]["before"]:
        for phrase in row["phrases"]:
            comparator_of[" ".join(phrase.split())] = row["comparator"]
    # COMPARATOR: any comparator phrase as a whole word; the last one before the value wins.
    comparator = rf"{WORD_START}(?:{_phrases(list(comparator_of))}){WORD_END}"
    # AFTER_COMPARATOR, matched right after a value: "5% trở lên" (≥), "10% trở xuống" (≤).
    after_comparator = tuple(
        (re.compile(rf"\s*(?:{_phrases(row['phrases'])}){WORD_END}"), row["comparator"])
        for row in conf["comparators"]["after"]
    )
    # LEAD: the run of comparators and filler words right before a value ("tối thiểu đạt", "bình
    # quân hàng năm giảm"); anchored at the end of the text before the number.
    lead_alt = _phrases([*conf["lead_words"]["phrases"], *comparator_of])
    lead = rf"(?:{WORD_START}(?:{lead_alt}){WORD_END}\s*)+$"

    starts = _phrases(names["starts"])
    intro = _phrases(names["intro"])
    # ITEM_WITH_NAME: in a list, a separator, optional intro words, then a name ("…, tỷ lệ thất nghiệp",
    # "…, đồng thời giảm tỷ lệ thanh niên thất nghiệp").
    intro_word = rf"{WORD_START}(?:{intro}){WORD_END}"
    name_ahead = rf"(?={WORD_START}(?:{starts}){WORD_END})"
    item_with_name = rf"(?P<sep>{p['separator']})(?:\s*{intro_word}[\s,]*)*\s*{name_ahead}"
    nt = conf["not_targets"]
    return _Rx(
        number=re.compile(number),
        multiplier=re.compile(rf"\s*{p['multiplier']}"),
        units=units,
        needs_name=needs_name,
        per_item=re.compile(per_item),
        per=re.compile(per),
        per_conf=per_conf,
        range_=re.compile(p["range_joint"] + p["number"]),
        per_year=re.compile(p["per_year"]),
        hard=re.compile(p["hard_boundary"]),
        sentence_end=re.compile(p["sentence_end"]),
        separator=re.compile(p["separator"]),
        quoted=re.compile(p["quoted"]),
        year=re.compile(p["year"]),
        year_after=re.compile(p["year_after"]),
        year_in_name=re.compile(p["year_in_name"]),
        year_not_after=re.compile(p["year_not_after"]),
        comparator=re.compile(comparator),
        comparator_of=comparator_of,
        after_comparator=after_comparator,
        lead=re.compile(lead),
        change=re.compile(conf["change_verbs"]["regex"]),
        change_names=conf["change_verbs"]["names"],
        aim=re.compile(rf"{WORD_START}(?:{_phrases(conf['aim_words']['phrases'])}){WORD_END}"),
        name_start=re.compile(rf"{WORD_START}(?:{starts}){WORD_END}"),
        not_start_after=frozenset(names["not_starts_after"]),
        intro=re.compile(rf"^(?:[\s,]*{WORD_START}(?:{intro}){WORD_END})+[\s,]*"),
        item_with_name=re.compile(item_with_name),
        scope_start=re.compile(rf"^[\s,]*{WORD_START}(?:{_phrases(names['scope_start'])}){WORD_END}"),
        predicate=re.compile(names["predicate"]),
        refine=re.compile(names["refine"]),
        value_first_drop=re.compile(names["value_first_drop"]),
        trailing_drop=re.compile(names["trailing_drop"]),
        qualifiers=re.compile(r"\s*(?:" + "|".join(names["qualifiers"]) + ")"),
        multipliers={k: Decimal(v) for k, v in conf["pieces"]["multiplier"]["values"].items()},
        sub_item=re.compile(names["sub_item"]),
        says_change=re.compile(names["says_change"]),
        scope_preposition=re.compile(names["scope_preposition"]),
        percent_of_count=re.compile(names["percent_of_count"]),
        place_words=re.compile(names["place_words"]),
        drop_chars=re.compile(names["drop_chars"]),
        bullet=re.compile(names["bullet"]),
        post_stop=re.compile(names["post_stop"]),
        scopes_strip=tuple(re.compile(rf"{WORD_START}{s}{WORD_END}") for s in conf["scopes"]["strip"]),
        scopes_keep=tuple(re.compile(rf"{WORD_START}{s}{WORD_END}") for s in conf["scopes"]["keep"]),
        not_before=re.compile(nt["before"]),
        past=re.compile(nt["past"]),
        not_after=re.compile(nt["after"]),
        not_names=re.compile(nt["names"]),
        names=names,
    )


# ---------------------------------------------------------------------------------------------
# Step 1: quantities
# ---------------------------------------------------------------------------------------------


@dataclass
class _Quantity:
    start: int  # first digit, in the cleaned text
    num_end: int  # end of the value as written
    end: int  # end of unit, range and tail ("3% - 4%/năm", "5% trở lên")
    value: Decimal
    value_max: Decimal | None
    unit: str
    kind: str
    noun: str  # the counted word as written ("căn hộ", "lao động", "bác sĩ")
    comparator_after: str | None = None
    per_text: str = ""  # "10.000" for a rate per 10 000 people


def _decimal(m: re.Match[str]) -> Decimal | None:
    digits = m.group("int").replace(".", "")
    if m.group("dec"):
        digits += "." + m.group("dec")
    try:
        return Decimal(digits)
    except InvalidOperation:  # pragma: no cover - the regex only lets digits through
        return None


def _unit_at(low: str, pos: int) -> tuple[_Unit, re.Match[str]] | None:
    for unit in _rx().units:
        m = unit.regex.match(low, pos)
        if m:
            return unit, m
    return None


def _quantities(low: str, masked: list[tuple[int, int]]) -> list[_Quantity]:
    rx = _rx()
    out: list[_Quantity] = []
    consumed = 0  # numbers inside a range, a list of rates or a denominator are read already
    for m in rx.number.finditer(low):
        if m.start() < consumed or _inside(m.start(), masked):
            continue
        value = _decimal(m)
        if value is None or rx.not_before.search(low, max(0, m.start() - 30), m.start()):
            continue
        pos = m.end()
        # A rate per population: "30 giường bệnh viện/vạn dân", "11 bác sĩ, … trên 10.000 dân".
        per = rx.per_item.match(low, pos)
        if per:
            den = rx.per.search(low, per.end())
            if den is None:  # pragma: no cover - the lookahead guarantees one
                continue
            code = rx.per_conf["denominators"].get(" ".join(den.group("den").split()), "10000")
            direct = rx.per.match(low, per.end())
            end = direct.end() if direct else per.end()
            q = _Quantity(m.start(), m.end(), end, value, None, rx.per_conf["unit"].format(den=code), "per",
                          " ".join(per.group("noun").split()))  # fmt: skip
            q.per_text = rx.per_conf["den_text"][code]
            out.append(q)
            consumed = max(consumed, den.end() if direct else per.end())
            continue
        mult = rx.multiplier.match(low, pos)
        found = _unit_at(low, pos)
        if found is None and mult:
            found = _unit_at(low, mult.end())
            if found is not None:
                value *= rx.multipliers[mult.group("mult")]
        value_max = None
        unit_end = found[1].end() if found else pos
        # A range: "1% - 1,2%", "từ 3% - 4%/năm", "0,8-1%" (the unit written once, after the upper bound).
        rng = rx.range_.match(low, unit_end)
        if rng:
            upper = _unit_at(low, rng.end())
            if upper is not None and (found is None or upper[0].kind == found[0].kind):
                found, value_max, unit_end = upper, _decimal(rng), upper[1].end()
        if found is None:
            continue
        unit, um = found
        noun = um.groupdict().get("noun") or unit.noun or ""
        q = _Quantity(
            m.start(), m.end(), unit_end, value, value_max, unit.unit, unit.kind, " ".join(noun.split())
        )
        for tail, comparator in rx.after_comparator:
            t = tail.match(low, q.end)
            if t:
                q.end, q.comparator_after = t.end(), comparator
        consumed = q.end
        out.append(q)
    return out


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


# ---------------------------------------------------------------------------------------------
# Step 2 and 3: filters and items
# ---------------------------------------------------------------------------------------------


@dataclass
class _Item:
    q: _Quantity
    lead_start: int
    pre_start: int
    post_start: int
    post_end: int
    comparator: str = "="
    change: str | None = None  # "giảm" | "tăng"
    form: str = ""  # name-first | value-first | inherit | own | per
    base: str = ""  # the indicator without a change prefix
    indicator: str = ""
    unit: str = ""
    scope: str = ""
    span: tuple[int, int] = (0, 0)


def _last_boundary(low: str, lo: int, hi: int) -> int:
    """End of the last hard boundary (";", ".", "(", quotes…) in low[lo:hi], else lo."""
    ends = [b.end() for b in _rx().hard.finditer(low, lo, hi)]
    return ends[-1] if ends else lo


def _first_boundary(low: str, lo: int, hi: int) -> int:
    b = _rx().hard.search(low, lo, hi)
    return b.start() if b else hi


def _lead_start(low: str, lo: int, pos: int) -> int:
    window = max(lo, pos - 80)
    m = _rx().lead.search(low[window:pos])
    return window + m.start() if m else pos


def _name_starts(low: str, lo: int, hi: int) -> list[int]:
    """Positions in low[lo:hi] where an indicator's name may start ("tỷ lệ", "số" but not "dân số")."""
    rx = _rx()
    out = []
    for m in rx.name_start.finditer(low, lo, hi):
        before = low[lo : m.start()].split()
        if before and before[-1].strip(",;:") in rx.not_start_after:
            continue
        out.append(m.start())
    return out


def _items(low: str, qs: list[_Quantity], masked: list[tuple[int, int]]) -> list[_Item]:
    """The words of each target: the text before its value (pre) and after it (post)."""
    items: list[_Item] = []
    for i, q in enumerate(qs):
        prev_end = qs[i - 1].end if i else 0
        hard_end = _last_boundary(low, prev_end, q.start)
        region = max(prev_end, hard_end)
        lead = _lead_start(low, region, q.start)
        item = _Item(q, lead, region, q.end, len(low))
        if items:
            prev = items[-1]
            shared = hard_end == prev_end and _first_boundary(low, prev_end, lead) == lead
            if not shared:
                prev.post_end = _first_boundary(low, prev.q.end, q.start)
            else:
                item.pre_start, prev.post_end = _split_shared(low, prev_end, lead)
        items.append(item)
    if items:
        last = items[-1]
        last.post_end = _first_boundary(low, last.q.end, len(low))
    for item in items:  # a quoted title ends the words of a target too
        for a, b in masked:
            if item.q.end <= a < item.post_end:
                item.post_end = a
            if item.pre_start < b <= item.q.start:
                item.pre_start = max(item.pre_start, b)
    return items


def _split_shared(low: str, lo: int, hi: int) -> tuple[int, int]:
    """Split the words between two values of one list: (start of the next item, end of the previous).

    "…2,5%, tỉ lệ thất nghiệp khu vực thành thị dưới…" splits before the name; "…tham gia bảo hiểm xã
    hội và khoảng 25%…" at "và"; "…99,5%, cấp trung học cơ sở tối thiểu đạt 97%" at the comma.
    """
    rx = _rx()
    named = rx.item_with_name.search(low, lo, hi)
    if named:
        return named.end("sep"), named.start()
    seps = list(rx.separator.finditer(low, lo, hi))
    if not low[lo:hi].strip():
        return hi, hi
    if not seps:  # "1.500 hộ nghèo xây dựng nhà ở với mức hỗ trợ 40 triệu đồng/hộ": at the next name
        first_word = re.match(r"\s*\S+", low[lo:hi])
        starts = _name_starts(low, lo + (first_word.end() if first_word else 0), hi)
        return (starts[0], starts[0]) if starts else (hi, hi)
    last, first = seps[-1], seps[0]
    if not low[last.end() : hi].strip():  # the separator sits right before the next value
        return hi, last.start()
    if not low[lo : first.start()].strip():  # right after the previous value
        return first.end(), lo
    return last.end(), last.start()


def _comparator(item: _Item, low: str) -> str:
    rx = _rx()
    # The comparator nearest the value wins, but "đạt"/"là" (=) never hide one before them:
    # "tối thiểu đạt 97%" is ≥, "đạt trên 95%" is >.
    found = [
        rx.comparator_of[" ".join(m.group(0).split())]
        for m in rx.comparator.finditer(low, item.lead_start, item.q.start)
    ]
    strict = [c for c in found if c != "="]
    comparator = strict[-1] if strict else "="
    if item.q.comparator_after:
        comparator = item.q.comparator_after
    if item.q.value_max is not None and comparator == "=":
        comparator = ">="  # a range: the lower bound, as the gold codes "giảm từ 1% - 1,2%"
    return comparator


def _clean(text: str) -> str:
    """A name as the thesaurus reads it: lower case, one tone style, "tỷ lệ", known misspellings fixed."""
    rx = _rx()
    text = rx.drop_chars.sub(" ", text)
    text = fold(text)
    for wrong, right in rx.names["spelling"].items():
        text = re.sub(rf"{WORD_START}{re.escape(wrong)}{WORD_END}", right, text)
    text = " ".join(text.split())
    words = text.split()
    if len(words) > rx.names["max_words"]:
        text = " ".join(words[: rx.names["max_words"]])
    return _drop_trailing(text)


def _drop_trailing(text: str) -> str:
    """Without the words and marks that end a phrase but no name: "… xây dựng nhà ở với" → "… nhà ở"."""
    rx = _rx()
    previous = None
    while previous != text:
        previous = text
        text = rx.trailing_drop.sub("", text).strip()
    return text.strip(" ,;:.-–")


def _scope(text: str) -> tuple[str, str]:
    """(scope, text without the scopes that only say where): "tỷ lệ thất nghiệp khu vực thành thị"."""
    rx = _rx()
    scope = ""
    for regex in rx.scopes_strip:
        m = regex.search(text)
        if m:
            scope = scope or m.group("s")
            text = text[: m.start()].rstrip(" ,") + " " + text[m.end() :].lstrip(" ,")
    if not scope:
        for regex in rx.scopes_keep:
            m = regex.search(text)
            if m:
                scope = m.group("s")
                break
    return " ".join(scope.split()), " ".join(text.split())


def _strip_name(text: str) -> str:
    """Words that ride along with a name but are no part of it: years, plan periods, qualifiers."""
    rx = _rx()
    text = rx.year_in_name.sub(" ", text)
    text = rx.qualifiers.sub(" ", text)
    return " ".join(text.split())


def _prefix(item: _Item) -> str:
    names = _rx().names
    if item.q.kind in ("percent", "ratio") and item.change:
        return _rx().change_names[item.change]
    if item.q.kind == "percent":
        return str(names["percent_prefix"])
    if item.q.kind == "money":
        return str(names["money_prefix"])
    if item.q.kind == "count":
        return f"{names['count_prefix']} {item.q.noun}".strip()
    return ""


def _name_item(item: _Item, low: str, previous: _Item | None) -> None:
    """Name the indicator of one item, and find its scope and span."""
    rx = _rx()
    q = item.q
    pre = low[item.pre_start : item.lead_start]
    stop = rx.post_stop.search(low, item.post_start, item.post_end)
    if stop:
        item.post_end = stop.start()
    post = low[item.post_start : item.post_end]
    own_year = rx.year_after.match(post)
    if own_year:  # "… 90% năm 2030": the year is the value's, not part of a name
        post = " " * own_year.end() + post[own_year.end() :]
    bullet = rx.bullet.match(pre)
    pre_at = item.pre_start + (bullet.end() if bullet else 0)
    pre = low[pre_at : item.lead_start]
    change = rx.change.search(low[item.lead_start : q.start])
    item.change = change.group("verb") if change else None
    item.unit = q.unit
    if q.kind == "percent" and q.unit == "%" and rx.per_year.search(low[pre_at : q.start]):
        item.unit = "%/năm"
    starts = _name_starts(low, pre_at, item.lead_start)
    post_words = post.strip(" ,;:.-–").split()
    post_is_scope = bool(rx.scope_start.match(post))
    intro = rx.intro.match(pre)
    pre_body = pre[intro.end() :] if intro else pre
    pre_body = _strip_name(pre_body)
    span_start = _span_start(low, pre_at, item.lead_start)
    span_end = q.end
    scope_text = ""
    if q.kind == "per":
        item.form = "per"
        item.base = rx.per_conf["indicator"].format(noun=q.noun, den_text=q.per_text)
        span_start = q.start
    elif starts:
        item.form = "name-first"
        body = _strip_name(low[starts[0] : item.lead_start])
        scope_text = body
        item.scope, body = _scope(body)
        if q.kind == "percent" and not item.change and rx.percent_of_count.match(body):
            body = rx.percent_of_count.sub(rx.names["percent_prefix"] + " ", body, count=1)
        prefix = rx.change_names[item.change] if item.change and q.kind in ("percent", "ratio") else ""
        item.base = body
        item.indicator = body if rx.says_change.match(body) else f"{prefix} {body}".strip()
        span_start = starts[0]
    elif post_words and not post_is_scope:
        item.form = "value-first"
        words = post.split()
        cut = " ".join(words[: rx.names["max_words"] + 10])  # scopes come out of it below
        body = _strip_name(cut)
        if q.kind == "percent" and not item.change:
            body = rx.value_first_drop.sub("", body)
        scope_text = f"{pre_body} {body}"
        item.scope, body = _scope(body)
        if not item.scope:
            item.scope, _ = _scope(pre_body)
        item.base = f"{_prefix(item)} {body}".strip()
        said = _drop_trailing(cut)  # the evidence ends on a word of the name, not on "với", "và"
        span_end = item.post_start + _end_of_words(post, len(said.split()))
    elif previous is not None and previous.q.kind == q.kind and (how := _continues(pre, pre_body, previous)):
        item.form = "inherit"
        item.base = previous.base
        if how != "inherit":  # "…, trong đó có bằng cấp, chứng chỉ đạt 50%"
            item.base = f"{previous.base} {how}"
        if previous.unit == "%/năm" and item.unit == "%":
            item.unit = "%/năm"
        if not item.change and previous.change and previous.q.kind == q.kind:
            item.change = previous.change
        scope = post.strip(" ,;:.-–") if post_is_scope else pre_body
        scope = rx.scope_preposition.sub("", rx.sub_item.sub("", scope).strip(" ,;:"))
        item.scope = " ".join(_strip_name(scope).split()[:12])
        if post_is_scope:
            span_end = item.post_start + _end_of_words(post, len(post.split()))
        if item.pre_start == item.lead_start:
            span_start = item.lead_start
    else:
        item.form = "own"
        body = pre_body
        if not body and post_words:
            body = " ".join(post.split()[: rx.names["max_words"]])
        scope_text = body
        item.scope, body = _scope(body)
        item.base = f"{_prefix(item)} {body}".strip() if not rx.name_start.match(body) else body
    if not item.indicator:
        prefix = rx.change_names.get(item.change or "", "") if q.kind in ("percent", "ratio") else ""
        if item.form in ("value-first", "own") or item.base.startswith(prefix):
            prefix = ""
        item.indicator = f"{prefix} {item.base}".strip()
    if not item.scope and scope_text:
        item.scope, _ = _scope(scope_text)
    item.span = (min(span_start, q.start), max(span_end, q.num_end))


def _continues(pre: str, pre_body: str, previous: _Item) -> str | None:
    """Whether an item without a name of its own continues the one before it in its sentence.

    "inherit": it reuses the name ("…, cấp trung học cơ sở tối thiểu đạt 97%", "và 90% năm 2030",
    "trong đó, hộ nghèo đồng bào dân tộc thiểu số … giảm từ 5%"); other text: it narrows the name
    ("trong đó có bằng cấp, chứng chỉ đạt 50%" → the words to append); None: it names something else
    ("trong đó thời gian sống khỏe mạnh đạt tối thiểu 68 năm").
    """
    rx = _rx()
    if not pre_body or rx.scope_start.match(pre):
        return "inherit"
    sub = rx.sub_item.match(pre)
    if not sub:
        return None
    rest = " ".join(pre[sub.end() :].split())
    if rx.refine.match(rest):
        return _strip_name(rest)
    words = pre_body.split()
    pairs = {" ".join(words[i : i + 2]) for i in range(len(words) - 1)}
    return "inherit" if any(p in previous.base for p in pairs) else None


def _span_start(low: str, pre_at: int, lead: int, max_words: int = 12) -> int:
    """Where the evidence of a value stated first starts: its clause, or its last part when long.

    "Đảm bảo cứu trợ … đột xuất và đảm bảo trợ cấp thường xuyên kịp thời cho 100% …" starts at
    the last "và" or comma; a long clause with neither starts at the comparator.
    """
    if not low[pre_at:lead].strip():
        return lead
    if len(low[pre_at:lead].split()) <= max_words:
        return pre_at
    seps = list(_rx().separator.finditer(low, pre_at, lead))
    if seps and len(low[seps[-1].end() : lead].split()) <= max_words:
        return seps[-1].end() + len(low[seps[-1].end() : lead]) - len(low[seps[-1].end() : lead].lstrip())
    return lead


def _end_of_words(text: str, n: int) -> int:
    """Offset in text just after its n-th word (trailing punctuation dropped)."""
    if n <= 0:
        return 0
    ends = [m.end() for m in re.finditer(r"\S+", text)]
    end = ends[min(n, len(ends)) - 1] if ends else 0
    while end > 0 and text[end - 1] in ",;:.-–":
        end -= 1
    return end


def _share_predicates(items: list[_Item], low: str) -> None:
    """'100% hộ … ở thành thị và 80% hộ … ở nông thôn được sử dụng nước sạch': one predicate for both."""
    rx = _rx()
    for a, b in pairwise(items):
        if a.form != "value-first" or b.form != "value-first" or a.post_end > b.lead_start or a.change:
            continue
        own = low[a.post_start : a.post_end]
        # One sentence; across a semicolon only when the first names a place ("… ở vùng sâu, vùng xa;").
        if rx.sentence_end.search(low, a.q.end, b.q.start) or (
            rx.hard.search(low, a.q.end, b.q.start) and not rx.place_words.search(own)
        ):
            continue
        other = low[b.post_start : b.post_end]
        m = rx.predicate.search(other)
        if rx.predicate.search(own) or not m:
            continue
        _, tail = _scope(_strip_name(other[m.start() :]))
        a.base = f"{a.base} {tail}".strip()
        a.indicator = f"{a.indicator} {tail}".strip()


# ---------------------------------------------------------------------------------------------
# Step 4: the year
# ---------------------------------------------------------------------------------------------


def _years(low: str, lo: int, hi: int, masked: list[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """(position, year, is a horizon) of the years in low[lo:hi] that a target may be due in."""
    rx = _rx()
    out = []
    for m in rx.year.finditer(low, lo, hi):
        if _inside(m.start(), masked) or rx.year_not_after.search(low, max(0, m.start() - 25), m.start()):
            continue
        sentence_start = max((s.end() for s in rx.sentence_end.finditer(low, 0, m.start())), default=0)
        opens = not low[sentence_start : m.start()].strip(" -–+*:,")
        out.append((m.start(), int(m.group("year")), bool(m.group("prep").strip()) or opens))
    return out


def _year(low: str, q: _Quantity, masked: list[tuple[int, int]], default: int | None) -> int | None:
    rx = _rx()
    own = rx.year_after.match(low, q.end)
    if own:
        return int(own.group("year"))
    pos = q.start
    start = max((s.end() for s in rx.sentence_end.finditer(low, 0, pos)), default=0)
    end_m = rx.sentence_end.search(low, pos)
    end = end_m.start() if end_m else len(low)
    found = _years(low, start, end, masked)
    before = [y for at, y, _ in found if at < pos]
    after = [y for at, y, _ in found if at > pos]
    if before or after:
        return before[-1] if before else after[0]
    # No year in the sentence: a deadline that opens the paragraph holds for it ("Phấn đấu đến năm
    # 2025, …. Phấn đấu tỷ lệ hộ nghèo … giảm 3%").
    earlier = [y for _, y, horizon in _years(low, 0, start, masked) if horizon]
    return earlier[-1] if earlier else default


# ---------------------------------------------------------------------------------------------
# The extractor
# ---------------------------------------------------------------------------------------------


def extract_targets(
    source: str, start: int = 0, end: int | None = None, default_year: int | None = None
) -> list[TargetMatch]:
    """Every quantified target in ``source[start:end]``; spans are offsets into ``source``.

    ``default_year`` is the year the caller reads from the section heading ("Mục tiêu cụ thể năm
    2030") or the plan's title; a year stated in the sentence or paragraph wins over it.
    """
    rx = _rx()
    norm = normalise(source, start, end)
    low = lower_same_length(norm.text)
    if len(low) != len(norm.text):  # pragma: no cover - lower_same_length keeps offsets
        return []
    masked = [(m.start(), m.end()) for m in rx.quoted.finditer(low)]
    qs = [q for q in _quantities(low, masked) if _plausible(low, q)]
    items = _items(low, qs, masked)
    kept: list[_Item] = []
    previous: _Item | None = None
    for item in items:
        sentence_start = max((s.end() for s in rx.sentence_end.finditer(low, 0, item.q.start)), default=0)
        same_sentence = previous if previous and previous.q.start >= sentence_start else None
        _name_item(item, low, same_sentence)
        item.comparator = _comparator(item, low)
        if _is_target(item, low, masked, same_sentence):
            kept.append(item)
            previous = item
    _share_predicates(kept, low)
    out = []
    for item in kept:
        indicator = _clean(item.indicator) or item.unit
        s, e = item.span
        out.append(
            TargetMatch(
                span=norm.to_source(s, e),
                indicator=_label(indicator),
                comparator=item.comparator,
                value=item.q.value,
                unit=item.unit,
                year=_year(low, item.q, masked, default_year),
                scope=_clean(item.scope),
                value_max=item.q.value_max,
            )
        )
    return out


def _plausible(low: str, q: _Quantity) -> bool:
    """Filters that need no clause: ages and spans of years only after the right name; policy rates."""
    rx = _rx()
    if rx.not_after.search(low[q.end : q.end + 40]):
        return False
    needs = rx.needs_name.get(q.kind)
    if needs is not None:
        lo = max(
            [_last_boundary(low, 0, q.start), *(s.end() for s in rx.separator.finditer(low, 0, q.start))]
        )
        if not needs.search(low, lo, q.start):
            return False
    return True


@cache
def _bare_names() -> frozenset[str]:
    """Names that are only a prefix ("tỷ lệ", "số tiền", "mức giảm"): they name nothing."""
    names = _rx().names
    return frozenset(
        {names["percent_prefix"], names["money_prefix"], names["count_prefix"], *_rx().change_names.values()}
    )


def _is_target(item: _Item, low: str, masked: list[tuple[int, int]], previous: _Item | None) -> bool:
    """A quantity is a target when the clause aims at it and nothing marks it as past or a rate.

    A count or an amount needs a comparator, an aim word in its clause, a deadline year, or a
    target before it in the same sentence ("Hỗ trợ xây dựng 500 căn nhà …; sửa chữa 200 căn nhà").
    """
    rx = _rx()
    own = item.span[0] if item.form == "name-first" else item.pre_start
    own = max([own, *(m.end() for m in rx.separator.finditer(low, own, item.lead_start))])
    if rx.past.search(low, own, item.q.start) or rx.not_names.search(item.indicator):
        return False
    if not _clean(_strip_name(item.indicator)) or _clean(item.indicator) in _bare_names():
        return False  # nothing is named: "…12.500 hộ nghèo, chiếm 2,3%" describes, it aims at nothing
    if item.q.kind in ("count", "money"):
        clause_start = _last_boundary(low, 0, item.q.start)
        aimed = (
            item.comparator != "="
            or previous is not None
            or rx.aim.search(low, clause_start, item.q.start)
            or any(
                m.group("prep").strip() and not _inside(m.start(), masked)
                for m in rx.year.finditer(low, clause_start, item.q.start)
            )
        )
        return bool(aimed)
    return True


# ---------------------------------------------------------------------------------------------
# Indicator thesaurus (data/reference/indicators.csv)
# ---------------------------------------------------------------------------------------------


def _norm_name(name: str) -> str:
    return _clean(name) if name else ""


@cache
def _thesaurus() -> tuple[dict[str, str], dict[str, str]]:
    """(normalised name → key, key → label) from the indicator thesaurus."""
    path = REFERENCE_DIR / "indicators.csv"
    keys: dict[str, str] = {}
    labels: dict[str, str] = {}
    if not path.exists():
        return keys, labels
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            labels[row["key"]] = _norm_name(row["label"])
            for name in (row["label"], *(row.get("aliases") or "").split("|")):
                if name.strip():
                    keys.setdefault(_norm_name(name), row["key"])
    return keys, labels


def indicator_labels() -> dict[str, str]:
    """key → label of every indicator of the thesaurus, as the graph writes them."""
    return dict(_thesaurus()[1])


def _label(name: str) -> str:
    """The thesaurus label of a name when the thesaurus knows it, else the name."""
    keys, labels = _thesaurus()
    key = keys.get(_norm_name(name))
    return labels.get(key, name) if key else name


def indicator_key(name: str) -> str:
    """Thesaurus key of an indicator name ("tỉ lệ thất nghiệp chung" → "ty-le-that-nghiep-chung").

    A name the thesaurus does not know gets an ASCII slug of its normalised form, so equal names
    still meet in one concept.
    """
    normalised = _norm_name(name)
    keys, _ = _thesaurus()
    return keys.get(normalised) or slug(normalised)[:80].strip("-") or "chi-tieu"
