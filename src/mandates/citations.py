"""Citations of other documents, and the relation each sentence states.

A citation is a document number ("Nghị quyết số 42-NQ/TW, ngày 24/11/2023 của Ban Chấp hành Trung
ương Đảng khóa XIII") or a document named without one ("Nghị quyết Hội nghị Trung ương 5, Khóa
XI", "Luật Việc làm ngày 16 tháng 11 năm 2013"). Relations:
- the plan to what its title, opening, purpose or closing says it implements ("thực hiện") or is
  based on ("căn cứ");
- a cited document to the one it implements ("Chương trình 10-CTr/TU … thực hiện Chỉ thị 05-CT/TW");
- a task to the documents it mentions, and those it says it implements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mandates import patterns
from mandates.codes import Code, find_codes
from mandates.dates import find_date, leading_date
from mandates.ids import slug
from mandates.model import Block, Citation, DocRef, Span
from mandates.reference import Reference
from mandates.textnorm import Normalised, normalise

_ISSUER_STOP = re.compile(
    r"\s+(?:về|thực hiện|triển khai|ban hành|phê duyệt|quy định|hướng dẫn|tiếp tục|nhằm|để|theo|và|tại|"
    r"đã|đến|giai đoạn|v/v)\b|[,;.:(“\"”]"
)


@dataclass
class Found:
    """A citation in cleaned text."""

    ref: DocRef
    start: int  # type word (or code) start, cleaned offsets
    code_end: int  # end of the code or name
    alias: bool  # inside "(sau đây gọi tắt là …)": the same document named again


def _type_word_before(text: str, pos: int) -> tuple[str | None, int]:
    """The document-type word right before ``pos`` ("Nghị quyết số "), its notation and start."""
    words: dict[str, str] = {
        k: v for k, v in patterns.load("citations")["type_words"].items() if k != "_comment"
    }
    window = text[max(0, pos - 40) : pos]
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    m = re.search(rf"(?:{alternation})(?:\s+số)?\s*$", window, re.IGNORECASE)
    if not m:
        return None, pos
    word = m.group(0).strip()
    word = re.sub(r"\s+số$", "", word, flags=re.IGNORECASE)
    notation = next((v for k, v in words.items() if k.casefold() == word.casefold()), None)
    return notation, pos - len(window) + m.start()


def _issuer_phrase(after: str) -> str | None:
    """'của Tỉnh ủy Gia Lai về …' → 'Tỉnh ủy Gia Lai' (the issuer as the text names it)."""
    m = patterns.compiled("citations", "issuer_intro").match(after)
    if not m:
        return None
    rest = after[m.end() : m.end() + 120]
    stop = _ISSUER_STOP.search(rest)
    phrase = rest[: stop.start()] if stop else rest
    return phrase.strip() or None


def _code_ref(code: Code, text: str, self_jurisdiction: str, ref: Reference) -> DocRef:
    after = text[code.end : code.end + int(patterns.load("citations")["context_window"])]
    date = leading_date(after)
    issuer = _issuer_phrase(after)
    if code.central:
        jurisdiction = "vn"
    else:
        named = ref.find_province(issuer) if issuer else None
        jurisdiction = named or self_jurisdiction
    doc_type = code.doc_type
    if doc_type is None:
        doc_type, _ = _type_word_before(text, code.start)
        doc_type = doc_type or "NQ"
    year = code.year or (int(date[:4]) if date else None)
    known = ref.directive_by_code(jurisdiction, code.text)
    if known:
        year = year or known.year
        date = date or known.date
    return DocRef(
        doc_type,
        code.text,
        code.number,
        year,
        code.issuer,
        date,
        issuer,
        jurisdiction,
        known.title if known else None,
        known.key if known else None,
    )


def _named_refs(text: str, ref: Reference) -> list[tuple[DocRef, int, int]]:
    out = []
    for rule in patterns.load("citations")["named_documents"]:
        for m in re.finditer(rule["pattern"], text):
            name = m.group(0)
            known = ref.directive_by_name(name)
            if rule["kind"] == "plenum":
                doc = DocRef(
                    "NQ",
                    None,
                    None,
                    known.year if known else None,
                    "TW",
                    known.date if known else None,
                    "Ban Chấp hành Trung ương Đảng",
                    "vn",
                    known.title
                    if known
                    else f"Nghị quyết Hội nghị Trung ương {m.group('plenum')} khóa {m.group('term')}",
                    known.key
                    if known
                    else f"vn/nq-tw/hntw-{m.group('plenum')}-khoa-{m.group('term').lower()}",
                )
                name = name.rstrip(")")
            else:
                date = None
                if m.group("y"):
                    found = find_date(name)
                    date = found[0] if found else None
                known = known or ref.directive_by_name(f"Luật {m.group('name')}")
                if not known and not date:
                    continue  # a law named loosely, without a date, is too vague to be one node
                year = known.year if known else (int(date[:4]) if date else None)
                title = f"Luật {m.group('name').strip()}"
                key = known.key if known else f"vn/luat/{year or 'undated'}/{slug(m.group('name'))}"
                doc = DocRef(
                    "Luật",
                    None,
                    None,
                    year,
                    "QH",
                    date or (known.date if known else None),
                    "Quốc hội",
                    "vn",
                    known.title if known else title,
                    key,
                )
            if known and known.code:
                doc.number = known.number
            out.append((doc, m.start(), m.start() + len(name)))
    return out


def find(
    norm: Normalised, self_jurisdiction: str, ref: Reference, self_code: str | None = None
) -> list[Found]:
    """Every citation in one cleaned block, in order."""
    text = norm.text
    found: list[Found] = []
    alias_intro = patterns.compiled("citations", "alias_intro")
    for code in find_codes(text):
        if re.search(r"Số\s*:?\s*$", text[max(0, code.start - 8) : code.start]) and code.text == self_code:
            continue
        if self_code and code.text == self_code:
            continue
        doc = _code_ref(code, text, self_jurisdiction, ref)
        _, start = _type_word_before(text, code.start)
        alias = bool(alias_intro.search(text[max(0, start - 60) : start]))
        found.append(Found(doc, start, code.end, alias))
    for doc, start, end in _named_refs(text, ref):
        if any(f.start <= start < f.code_end for f in found):
            continue
        alias = bool(alias_intro.search(text[max(0, start - 60) : start]))
        found.append(Found(doc, start, end, alias))
    return sorted(found, key=lambda f: f.start)


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence ranges of a cleaned block (a full stop followed by a capital starts a new one)."""
    bounds, start = [], 0
    for m in re.finditer(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ“\"])", text):
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, len(text)))
    return bounds


def _items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """List items of a sentence: parts between semicolons outside parentheses."""
    out, depth, item_start = [], 0, start
    for i in range(start, end):
        ch = text[i]
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        if ch == ";" and depth == 0:
            out.append((item_start, i))
            item_start = i + 1
    out.append((item_start, end))
    return out


def lead_relation(text: str) -> str | None:
    """The relation a sentence's opening words state: 'implements', 'basedOn' or None."""
    for rel in ("basedOn", "implements"):
        if patterns.compiled("citations", f"relations.{rel}").match(text):
            return rel
    return None


@dataclass
class BlockCitations:
    citations: list[Citation]
    heads: list[tuple[Found, tuple[int, int]]]  # citations not attached to a previous one: (found, sentence)


def relate(norm: Normalised, found: list[Found]) -> BlockCitations:
    """Second-order relations inside one block; the rest are 'heads' for the caller to relate."""
    text = norm.text
    second = patterns.compiled("citations", "relations.second_order")
    out: list[Citation] = []
    heads: list[tuple[Found, tuple[int, int]]] = []
    for s_start, s_end in _sentences(text):
        for i_start, i_end in _items(text, s_start, s_end):
            inside = [f for f in found if i_start <= f.start < i_end]
            previous: Found | None = None
            for f in inside:
                sentence = norm.to_source(s_start, s_end)
                span = norm.to_source(f.start, f.code_end)
                connector = text[previous.code_end : f.start] if previous else ""
                # A capitalised opener inside the connector starts a new sentence: no relation across it.
                opener = re.search(r"\s(?:Thực hiện|Căn cứ|Trên cơ sở|Triển khai)\b", connector[1:])
                same = previous is not None and bool(f.ref.code) and previous.ref.code == f.ref.code
                if same:  # "Kết luận số 132- KL/TW … về thực hiện Kết luận số 132-KL/TW": named again
                    out.append(Citation(f.ref, span, sentence, "cites"))
                elif (
                    previous and not previous.alias and not f.alias and not opener and second.match(connector)
                ):
                    out.append(Citation(f.ref, span, sentence, "implements", previous.ref))
                elif f.alias:
                    out.append(Citation(f.ref, span, sentence, "cites"))
                else:
                    heads.append((f, (s_start, s_end)))
                previous = f
    return BlockCitations(out, heads)


def head_text_before(norm: Normalised, f: Found, sentence: tuple[int, int]) -> str:
    return norm.text[sentence[0] : f.start]


def block_norm(source: str, block: Block) -> Normalised:
    return normalise(source, block.span.start, block.span.end)


def as_citation(norm: Normalised, f: Found, sentence: tuple[int, int], relation: str) -> Citation:
    return Citation(f.ref, norm.to_source(f.start, f.code_end), norm.to_source(*sentence), relation)


__all__ = [
    "BlockCitations",
    "Found",
    "Span",
    "as_citation",
    "block_norm",
    "find",
    "head_text_before",
    "lead_relation",
    "relate",
]
