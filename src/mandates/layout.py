"""The layout of a plan: logical blocks rebuilt from hard-wrapped lines, then the section tree.

Converted documents break lines inside sentences (HTML-to-text wrapping at ~80 characters, page
breaks that split a word across blank lines). Blocks are rebuilt from lines with rules that only
look at the shape of the text (markers, punctuation, case, line length), never at its words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median

from mandates import patterns
from mandates.model import Block, Span

MARKER_KINDS = ("roman", "number", "letter", "paren_number", "bullet")


@dataclass(frozen=True)
class Line:
    span: Span
    text: str  # the line with markdown emphasis removed, stripped
    emphasis_open: bool = False  # an emphasis run opened and not yet closed at the end of the line

    @property
    def blank(self) -> bool:
        return not self.text


def strip_emphasis(text: str) -> str:
    """The text without markdown emphasis stars ("*2.1. Sở Tài chính*" → "2.1. Sở Tài chính")."""
    return patterns.compiled("layout", "emphasis", 0).sub("", text)


def _emphasis_ends(raw: str) -> tuple[bool, bool]:
    """Whether the line leaves an emphasis run open at its end, and whether it closes one opened before."""
    runs = list(patterns.compiled("layout", "emphasis", 0).finditer(raw))
    if len(runs) % 2 == 0:
        return False, False
    first, last = runs[0], runs[-1]
    opening = first.start() == 0 or raw[first.start() - 1].isspace()
    closing = last.start() > 0 and not raw[last.start() - 1].isspace()
    return opening and not closing, closing and not opening


def _lines(source: str) -> list[Line]:
    out, pos = [], 0
    noise = patterns.compiled("layout", "noise_line")
    raws = source.split("\n")
    opens, closes = zip(*(_emphasis_ends(raw) for raw in raws), strict=True) if raws else ((), ())
    for i, raw in enumerate(raws):
        end = pos + len(raw)
        text = strip_emphasis(raw).strip()
        # "*2.1. Sở" then "Tài chính*": a run opened on one line and closed on the next joins the two.
        is_open = opens[i] and i + 1 < len(raws) and closes[i + 1]
        if noise.match(text):
            text = ""
        # Leading/trailing white space is not part of the block's span.
        lead = len(raw) - len(raw.lstrip())
        trail = len(raw) - len(raw.rstrip())
        out.append(Line(Span(pos + lead, max(pos + lead, end - trail)), text, is_open))
        pos = end + 1
    return out


def marker_of(text: str) -> tuple[str, str, int] | None:
    """(kind, marker, length of the marker and the space after it), or None for plain text."""
    for kind in MARKER_KINDS:
        flags = 0 if kind == "roman" else re.IGNORECASE
        m = patterns.compiled("layout", f"markers.{kind}", flags).match(text)
        if m and m.group(0):
            marker = m.group("marker") or (m.groupdict().get("marker2") or "")
            if kind == "roman" and not marker:
                continue
            return kind, re.sub(r"\s+", "", marker), m.end()
    return None


def _terminal(text: str) -> bool:
    return bool(text) and text[-1] in patterns.load("layout")["terminal_punctuation"]


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _starts_lower(text: str) -> bool:
    return bool(text) and (text[0].islower() or (text[0].isdigit() and not marker_of(text)))


def is_wrapped(lines: list[Line]) -> tuple[bool, int]:
    """Whether the text is hard-wrapped, and its wrap width."""
    body = [ln for ln in lines if len(ln.text) >= 20]
    if len(body) < 10:
        return False, 0
    lengths = sorted(len(ln.text) for ln in body)
    open_ended = sum(1 for ln in body if not _terminal(ln.text)) / len(body)
    width = lengths[int(len(lengths) * 0.9) - 1]
    return open_ended > 0.5 and median(lengths) < 120, width


def is_spaced(lines: list[Line]) -> bool:
    """Whether blank lines set paragraphs apart: nearly every numbered or bulleted line follows one."""
    recipients = patterns.compiled("layout", "recipients_start")
    end = next((i for i, ln in enumerate(lines) if recipients.match(ln.text)), len(lines))
    marked = [
        i for i, ln in enumerate(lines[:end]) if i > 0 and marker_of(ln.text)
    ]  # not the list of recipients
    if len(marked) < 8:
        return False
    after_blank = sum(1 for i in marked if lines[i - 1].blank)
    wrapped_inside = sum(1 for i, ln in enumerate(lines[1:], 1) if ln.text and lines[i - 1].text)
    return after_blank >= 0.9 * len(marked) and wrapped_inside > 0


@dataclass
class _Draft:
    lines: list[Line] = field(default_factory=list)

    @property
    def last(self) -> Line:
        return self.lines[-1]

    @property
    def text(self) -> str:
        return " ".join(ln.text for ln in self.lines)


def _continues(
    draft: _Draft, line: Line, nxt: Line | None, wrapped: bool, width: int, gap: bool, spaced: bool = False
) -> bool:
    """Whether ``line`` continues the block being built rather than starting a new one."""
    if marker_of(line.text):
        return False
    prev = draft.last.text
    if line.text.count("|") >= 2 or prev.count("|") >= 2:
        return False  # a row of a table is a block of its own
    if draft.last.emphasis_open:
        return True  # "*2.1. Sở" then "Tài chính*": one italic heading wrapped by the converter
    if spaced:
        # Paragraphs are set apart by blank lines: a line right below another continues it, and a
        # blank line ends the block unless a sentence runs on across a page break.
        return not gap or (not _terminal(prev) and _starts_lower(line.text))
    head_marker = marker_of(draft.lines[0].text)
    if head_marker and len(draft.lines) == 1 and head_marker[2] >= len(prev):
        return True  # a marker alone on its line ("1.4."): the heading is on the next line
    if _is_caps(prev) != _is_caps(line.text):
        return False  # a heading in capitals never runs into body text, nor body text into one
    if _is_caps(prev) and _is_caps(line.text):
        return not _terminal(prev)
    if not wrapped:
        # A page break or a stray line break inside a sentence: "trẻ\n\nem", "người có công,\n\nnhất là".
        return (not _terminal(prev) and _starts_lower(line.text)) or (
            prev.endswith(",") and _starts_lower(line.text)
        )
    if _starts_lower(line.text):
        return True
    if patterns.compiled("layout", "paragraph_openers", 0).match(line.text):
        return False  # "Căn cứ …", "Thực hiện …" open a paragraph of the preamble
    if head_marker and not _terminal(prev) and len(prev) < 0.9 * width:
        return False  # a numbered heading that ends short of the margin, then a capital: the body begins
    if head_marker and len(draft.lines) <= 2 and not _terminal(prev) and len(draft.text) < 60:
        # "1.1. Về / chính sách ưu đãi người có công" then "Quản lý …": a short heading ends here.
        return False
    if not _terminal(prev):
        return True
    # A sentence ended at the end of a line: new paragraph if that line was not full, or if this
    # line is the short first line of an indented paragraph.
    if len(prev) < 0.75 * width:
        return False
    return not (nxt is not None and len(line.text) < 0.6 * width and len(nxt.text) >= 0.75 * width)


def blocks(source: str) -> list[Block]:
    """Logical blocks of the source: headings, bullets and paragraphs, with source spans."""
    lines = _lines(source)
    wrapped, width = is_wrapped(lines)
    spaced = is_spaced(lines)
    drafts: list[_Draft] = []
    gap = False
    content = [i for i, ln in enumerate(lines) if not ln.blank]
    for pos, i in enumerate(content):
        line = lines[i]
        gap = pos > 0 and i - content[pos - 1] > 1
        nxt = lines[content[pos + 1]] if pos + 1 < len(content) else None
        if drafts and _continues(drafts[-1], line, nxt, wrapped, width, gap, spaced):
            drafts[-1].lines.append(line)
        else:
            drafts.append(_Draft([line]))
    out = []
    for d in drafts:
        span = Span(d.lines[0].span.start, d.last.span.end)
        found = marker_of(d.lines[0].text)
        if found is None:
            out.append(Block(span, "paragraph", "", span))
            continue
        kind, marker, length = found
        first_raw = source[d.lines[0].span.start : d.lines[0].span.end]
        # The marker's length was measured on the cleaned line; find the body start in the raw line.
        body_start = d.lines[0].span.start + _raw_offset(first_raw, length)
        body = Span(min(body_start, span.end), span.end)
        out.append(
            Block(
                span,
                "bullet" if kind in ("bullet", "paren_number") else "heading",
                _canon(kind, marker),
                body,
            )
        )
    return out


def _raw_offset(raw: str, cleaned_len: int) -> int:
    """Index in ``raw`` (which may hold emphasis stars) after ``cleaned_len`` characters of the cleaned line."""
    stripped = raw.lstrip()
    dropped = {
        i
        for m in patterns.compiled("layout", "emphasis", 0).finditer(stripped)
        for i in range(m.start(), m.end())
    }
    i = 0
    # The cleaned line was stripped after the stars went: "** I. MỤC" starts at "I".
    while i < len(stripped) and (i in dropped or stripped[i].isspace()):
        i += 1
    count = 0
    while i < len(stripped) and count < cleaned_len:
        if i not in dropped:
            count += 1
        i += 1
    while i in dropped:
        i += 1
    return i  # offset from the first non-space character: the line span starts there


def _canon(kind: str, marker: str) -> str:
    """Marker as a level tag: "I" roman, "1.1" number path, "a" letter, "-" bullet."""
    if kind == "roman":
        return f"R:{marker.upper()}"
    if kind == "number":
        return f"N:{marker.rstrip('.')}"
    if kind == "letter":
        return f"L:{marker.lower()}"
    if kind == "paren_number":
        return f"P:{marker}"
    return "B:-"
