"""A plan's own identity: type, number, issuer, jurisdiction, date, title.

Drafts leave the number and date blank ("Số: /KH-UBND", "ngày tháng năm 2024"): the code and date
stay absent (never invented), the document is flagged as a draft, and the year stated is kept.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from mandates import patterns
from mandates.codes import canonical_type, find_codes
from mandates.dates import to_iso
from mandates.model import Block, Span
from mandates.reference import Reference
from mandates.textnorm import normalise

TYPE_WORDS = {
    "KẾ HOẠCH": "KH",
    "CHƯƠNG TRÌNH HÀNH ĐỘNG": "CTr",
    "CHƯƠNG TRÌNH": "CTr",
    "NGHỊ QUYẾT": "NQ",
    "QUYẾT ĐỊNH": "QĐ",
    "CHỈ THỊ": "CT",
    "KẾT LUẬN": "KL",
    "HƯỚNG DẪN": "HD",
    "ĐỀ ÁN": "ĐA",
    "THÔNG BÁO": "TB",
    "BÁO CÁO": "BC",
    "TỜ TRÌNH": "TTr",
}


@dataclass
class Identity:
    doc_type: str | None = None
    code: str | None = None
    number: str | None = None
    issuer_code: str | None = None
    issuer_key: str | None = None
    jurisdiction: str | None = None
    date: str | None = None
    year: int | None = None  # stated year (from the date, the code or a blank-date line)
    draft: bool = False
    title: str | None = None
    title_span: Span | None = None
    evidence: dict[str, Span] = field(default_factory=dict)  # fact -> source span that states it


def _clean(source: str, span: Span) -> str:
    return normalise(source, span.start, span.end).text.strip()


def identify(source: str, blocks: list[Block], preamble: list[Block], ref: Reference) -> Identity:
    """Identity of the document whose blocks (all) and preamble blocks are given."""
    ident = Identity()
    conf = patterns.load("identity")
    head = preamble or blocks[:8]
    type_re = re.compile(conf["type_heading"])
    for i, block in enumerate(head):
        text = _clean(source, block.span)
        m = type_re.match(text)
        if m and "type" not in ident.evidence:
            # The number line ("Số: 182/KH-UBND") may have set the type already; the heading is the
            # evidence for it and opens the title.
            ident.doc_type = ident.doc_type or TYPE_WORDS[m.group("word")]
            ident.evidence["type"] = Span(block.span.start, block.span.start + len(m.group("word")))
            rest = text[m.end() :].strip()
            if rest:
                offset = block.span.start + _skip(source, block.span.start, m.end())
                ident.title, ident.title_span = rest, Span(offset, block.span.end)
            elif i + 1 < len(head):
                nxt = head[i + 1]
                ident.title, ident.title_span = _clean(source, nxt.span), nxt.span
        _number_line(source, block, text, ident)
        _place_date(text, block, ident, ref)
    _issuer(source, blocks, head, ident)
    if ident.jurisdiction is None:
        ident.jurisdiction = _most_named_province(source, head, ref)
    return ident


def _skip(source: str, start: int, cleaned_len: int) -> int:
    """Source offset after ``cleaned_len`` characters of cleaned text starting at ``start``."""
    norm = normalise(source, start, min(len(source), start + cleaned_len * 2 + 20))
    return norm.to_source(0, cleaned_len).end - start if cleaned_len else 0


def _number_line(source: str, block: Block, text: str, ident: Identity) -> None:
    for m in re.finditer(r"(?:^|\|)\s*Số\s*:?\s*(?P<code>\d[^\s|]*|/[^\s|]*)", text):
        raw = m.group("code")
        codes = find_codes(raw)
        if codes:
            code = codes[0]
            ident.code, ident.number, ident.issuer_code = code.text, code.number, code.issuer
            ident.doc_type = ident.doc_type or code.doc_type
            ident.year = ident.year or code.year
            ident.evidence["code"] = Span(block.span.start, block.span.end)
        else:
            blank = re.match(r"/\s*(?P<type>[A-Za-zĐđ]{2,4})\s*-\s*(?P<issuer>[A-ZĐ][A-Za-zĐđ]+)", raw)
            ident.draft = True
            if blank:
                ident.issuer_code = blank.group("issuer")
                ident.doc_type = ident.doc_type or canonical_type(blank.group("type"))


def _place_date(text: str, block: Block, ident: Identity, ref: Reference) -> None:
    m = re.search(patterns.load("identity")["place_date"], text)
    if not m or (ident.year is not None and ident.date is not None):
        return
    place = ref.find_province(m.group("place"))
    if place and ident.jurisdiction is None:
        ident.jurisdiction = place
        ident.evidence["jurisdiction"] = block.span
    year = int(m.group("y"))
    if m.group("d") and m.group("m"):
        ident.date = to_iso(int(m.group("d")), int(m.group("m")), year)
        ident.evidence["date"] = block.span
    else:
        ident.draft = True
    ident.year = ident.year or year


def _issuer(source: str, blocks: list[Block], head: list[Block], ident: Identity) -> None:
    conf = patterns.load("identity")
    type_re = re.compile(conf["type_heading"])
    texts = [(b, t) for b in head[:3] if not type_re.match(t := _clean(source, b.span))]
    for rule in conf["issuer_phrases"]:
        for block, text in texts:
            if _is_caps(text[:40]) and re.search(rule["pattern"], text):
                ident.issuer_key, ident.issuer_code = rule["agency"], ident.issuer_code or rule["issuer_code"]
                ident.evidence["issuer"] = block.span
                return
    for block in head:
        m = re.search(conf["opening_issuer"], _clean(source, block.span))
        if m:
            ident.issuer_key = _agency_of(m.group("issuer"))
            ident.issuer_code = ident.issuer_code or _code_of(ident.issuer_key)
            ident.evidence["issuer"] = block.span
            return
    for block in blocks[-12:]:
        m = re.search(conf["signature_issuer"], _clean(source, block.span))
        if m:
            ident.issuer_key = _agency_of(m.group("body"))
            ident.issuer_code = ident.issuer_code or _code_of(ident.issuer_key)
            ident.evidence["issuer"] = block.span
            return
    if ident.issuer_code:
        ident.issuer_key = {"UBND": "ubnd-tinh", "TU": "tinh-uy", "HĐND": "hdnd-tinh"}.get(ident.issuer_code)


def _agency_of(phrase: str) -> str:
    p = phrase.casefold()
    if "thường vụ" in p:
        return "ban-thuong-vu-tinh-uy"
    if "tỉnh ủy" in p:
        return "tinh-uy"
    if "hội đồng" in p:
        return "hdnd-tinh"
    return "ubnd-tinh"


def _code_of(agency: str) -> str:
    return {"tinh-uy": "TU", "ban-thuong-vu-tinh-uy": "TU", "hdnd-tinh": "HĐND"}.get(agency, "UBND")


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _most_named_province(source: str, head: list[Block], ref: Reference) -> str | None:
    """The province the opening names most often ("trên địa bàn tỉnh Gia Lai")."""
    window = source[: (head[-1].span.end if head else 0) + 3000]
    counts: Counter[str] = Counter()
    for m in re.finditer(
        r"(?:tỉnh|TỈNH|Tỉnh ủy|TỈNH ỦY)\s+([A-ZĐ][^\s,.;:()]*(?:\s+[A-ZĐ][^\s,.;:()]*){0,2})", window
    ):
        key = ref.find_province(m.group(1))
        if key:
            counts[key] += 1
    return counts.most_common(1)[0][0] if counts else None
