"""Reporting duties: "định kỳ hằng năm (trước ngày 15 tháng 12) và đột xuất, báo cáo kết quả về Ủy
ban nhân dân tỉnh (qua Sở Y tế)" → yearly by --12-15 and ad hoc, to UBND tỉnh, via Sở Y tế.

A sentence is cut at each report verb ("báo cáo", "gửi"); each part names its recipient and may
state its own periods and deadlines, or take those the sentence opened with ("Định kỳ 06 tháng …").
A duty with no period, no deadline or no recipient is escalation ("kịp thời báo cáo … khi có khó
khăn"), not a reporting obligation, and is left out. Vocabulary: data/patterns/reporting.json.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from mandates import patterns
from mandates.model import ReportingMatch
from mandates.textnorm import Normalised, lower_same_length, normalise


@cache
def _conf() -> dict[str, Any]:
    conf = dict(patterns.load("reporting"))
    conf["_rec"] = [(re.compile(r["pattern"]), r["notation"]) for r in conf["recurrences"]]
    for key in (
        "deadline",
        "report_verb",
        "purpose",
        "recipient_intro",
        "name_stop",
        "via",
        "final",
        "escalation",
    ):
        conf[f"_{key}"] = re.compile(conf[key])
    conf["_name_start"] = re.compile(conf["name_start"])
    return conf


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    recurrence: str | None = None
    deadline: tuple[int, int] | None = None


def _tokens(low: str, start: int, end: int) -> list[_Token]:
    conf = _conf()
    found: list[_Token] = []
    for regex, notation in conf["_rec"]:
        for m in regex.finditer(low, start, end):
            found.append(_Token(m.start(), m.end(), recurrence=notation))
    for m in conf["_deadline"].finditer(low, start, end):
        day, month = m.group("d") or m.group("d2"), m.group("m") or m.group("m2")
        if 1 <= int(month) <= 12 and 1 <= int(day) <= 31:
            found.append(_Token(m.start(), m.end(), deadline=(int(month), int(day))))
    found.sort(key=lambda t: t.start)
    kept: list[_Token] = []
    for t in found:  # "hằng năm" inside a longer recurrence phrase is one token
        if not any(k.start <= t.start < k.end for k in kept):
            kept.append(t)
    return kept


def _pairs(tokens: list[_Token], low: str) -> list[tuple[str | None, tuple[int, int] | None]]:
    """(recurrence, deadline) pairs: "06 tháng (trước 30/6), hàng năm (trước 31/12)", "trước 25/11 hàng năm"."""
    out: list[tuple[str | None, tuple[int, int] | None]] = []
    pending: str | None = None
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t.recurrence:
            if pending:
                out.append((pending, None))
            pending = t.recurrence
        else:
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if pending:
                out.append((pending, t.deadline))
                pending = None
            elif nxt and nxt.recurrence and len(low[t.end : nxt.start].strip(" )*")) <= 2:
                out.append((nxt.recurrence, t.deadline))
                i += 1
            else:
                out.append((None, t.deadline))
        i += 1
    if pending:
        out.append((pending, None))
    return out


def _name_after(text: str, low: str, pos: int, end: int) -> str | None:
    """The body named at ``pos`` (original case), cut before a bracket, a deadline or a purpose."""
    conf = _conf()
    if not conf["_name_start"].match(text, pos):
        return None
    stop = conf["_name_stop"].search(low, pos, end)
    if low.startswith("các ", pos):  # "các bộ, ban, ngành trung ương": a list of bodies holds commas
        stop = re.compile(r"\s*(?:[();.:*]|\s(?:trước|để|qua|thông qua|theo))").search(low, pos, end)
    name = text[pos : stop.start() if stop else end].strip(" ,;.*")
    return name or None


def _sentences(low: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in re.finditer(r"\.(?=\s+[^\W\d_]|\s*$)", low):
        out.append((start, m.end()))
        start = m.end()
    if start < len(low):
        out.append((start, len(low)))
    return out


def extract_reporting(source: str, start: int = 0, end: int | None = None) -> list[ReportingMatch]:
    """Every reporting duty in ``source[start:end]`` (one paragraph or bullet), spans in source offsets."""
    norm = normalise(source, start, end)
    text, low = norm.text, lower_same_length(norm.text)
    out: list[ReportingMatch] = []
    for s_start, s_end in _sentences(low):
        out += _sentence_duties(norm, text, low, s_start, s_end)
    return out


def _sentence_duties(norm: Normalised, text: str, low: str, s_start: int, s_end: int) -> list[ReportingMatch]:
    conf = _conf()
    verbs = [m for m in conf["_report_verb"].finditer(low, s_start, s_end)]
    if not verbs:
        return []
    prefix_pairs = _pairs(_tokens(low, s_start, verbs[0].start()), low)
    out: list[ReportingMatch] = []
    for i, verb in enumerate(verbs):
        if conf["_purpose"].search(low, s_start, verb.start()) and i > 0:
            continue  # "… để báo cáo Ủy ban nhân dân tỉnh": the purpose of the report before it
        seg_end = verbs[i + 1].start() if i + 1 < len(verbs) else s_end
        if i + 1 < len(verbs) and conf["_purpose"].search(low, verb.end(), verbs[i + 1].start()):
            seg_end = _after_purpose(low, verbs[i + 1], s_end)
        seg_start = verb.start()
        recipient = _recipient(text, low, verb.end(), seg_end)
        if recipient is None:
            continue
        own = _pairs(_tokens(low, verb.end(), seg_end), low)
        periods = [r for r, d in prefix_pairs if r and d is None]
        if own and len(periods) == 1 and all(r is None for r, _ in own):
            # "định kỳ hằng năm báo cáo … trước ngày 30/11": the period opens the sentence, the day ends it.
            own = [(periods[0], d) for _, d in own]
        # "lồng ghép báo cáo … trong báo cáo công tác giảm nghèo hàng năm … và gửi về Sở X": the
        # period sits between an earlier verb of the sentence and this one.
        between = _pairs(_tokens(low, verbs[i - 1].end(), verb.start()), low) if i else []
        pairs = own or between or prefix_pairs
        if not pairs:
            continue
        via_m = conf["_via"].search(low, verb.end(), seg_end)
        via = None
        if via_m:
            group = "via" if via_m.group("via") else "via2"
            via = text[via_m.start(group) : via_m.end(group)].strip()
        final_m = conf["_final"].search(low, verb.end(), min(s_end, seg_end + 80))
        final = text[final_m.start("final") : final_m.end("final")].strip() if final_m else None
        reporter = _reporter(text, low, s_start, verb.start())
        span_start = s_start if not own else seg_start
        span = norm.to_source(span_start, seg_end)
        for recurrence, deadline in pairs:
            out.append(ReportingMatch(span, recurrence, deadline, recipient, via, final, reporter))
    return out


def _after_purpose(low: str, purpose_verb: re.Match[str], s_end: int) -> int:
    stop = re.search(r"[,;.]|$", low[purpose_verb.end() : s_end])
    return purpose_verb.end() + (stop.start() if stop else 0)


def _recipient(text: str, low: str, pos: int, end: int) -> str | None:
    """First body named right after the verb, or after a later 'gửi/về/lên' in the same part."""
    direct = _name_after(text, low, pos + (len(low[pos:]) - len(low[pos:].lstrip())), end)
    if direct:
        return direct
    for m in _conf()["_recipient_intro"].finditer(low, pos, end):
        name = _name_after(text, low, m.end(), end)
        if name:
            return name
    return None


def _reporter(text: str, low: str, start: int, verb: int) -> str | None:
    """'tham mưu Ủy ban nhân dân tỉnh báo cáo …': the body that signs the report, when named."""
    m = re.search(r"tham mưu(?:\s+cho)?\s+(?P<who>(?:ủy ban nhân dân|ubnd)\s+tỉnh)\s*$", low[start:verb])
    return text[start + m.start("who") : start + m.end("who")] if m else None
