"""Offset-preserving text normalisation.

Extractors match patterns on a cleaned copy of the source text; every cleaning step only deletes
characters or swaps one character for another, so each character of the cleaned text maps back to
exactly one character of the source, and every span found in the cleaned text maps back to a span
of the source (the evidence a user reads). Steps are small named functions in ``CLEANERS``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from mandates import patterns
from mandates.model import Span

# Old and new tone placement are both correct Vietnamese; analysis uses the new style.
TONE_STYLE = {
    "oá": "óa",
    "oà": "òa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "oé": "óe",
    "oè": "òe",
    "oẻ": "ỏe",
    "oẽ": "õe",
    "oẹ": "ọe",
    "uý": "úy",
    "uỳ": "ùy",
    "uỷ": "ủy",
    "uỹ": "ũy",
    "uỵ": "ụy",
}
# Only an open syllable moves its tone mark: "hoá" → "hóa", but "hoạch" keeps it on the "a".
# After "q" the "u" is part of the consonant ("quý"), so the mark stays where it is.
_TONE_RE = re.compile("(?<![qQ])(?:" + "|".join([*TONE_STYLE, *(k.upper() for k in TONE_STYLE)]) + r")(?!\w)")


@dataclass(frozen=True)
class Normalised:
    """Cleaned text and, for each of its characters, the index of that character in the source."""

    text: str
    offsets: tuple[int, ...]

    def to_source(self, start: int, end: int) -> Span:
        """Map a half-open range of the cleaned text back to the source."""
        if end <= start:
            pos = (
                self.offsets[start]
                if start < len(self.offsets)
                else (self.offsets[-1] + 1 if self.offsets else 0)
            )
            return Span(pos, pos)
        return Span(self.offsets[start], self.offsets[end - 1] + 1)


# A step gets the text and returns, per character, None to delete it or the character to keep.
Step = Callable[[str], list[str | None]]


def _keep_all(text: str) -> list[str | None]:
    return list(text)


def collapse_whitespace(text: str) -> list[str | None]:
    """Every run of white space becomes one space (page breaks, hard wraps, doubled spaces)."""
    out = _keep_all(text)
    for m in re.finditer(r"\s+", text):
        out[m.start()] = " "
        for i in range(m.start() + 1, m.end()):
            out[i] = None
    return out


def strip_markdown(text: str) -> list[str | None]:
    """Markdown emphasis left by converters: "**ngày 30 tháng 11**", "(*Theo phụ lục*)", "*Hà Tĩnh, ngày*"."""
    out = _keep_all(text)
    for m in patterns.compiled("layout", "emphasis", 0).finditer(text):
        for i in range(m.start(), m.end()):
            out[i] = None
    return out


def join_split_numbers(text: str) -> list[str | None]:
    """A year split by a converter ("năm 20 30") and a lost superscript ("35,4 m 2 sàn")."""
    out = _keep_all(text)
    for m in re.finditer(r"(?<=năm )(?:19|20)( )\d\d\b|(?<![^\W\d_])m( )2(?!\d)", text):
        gap = m.start(1) if m.group(1) else m.start(2)
        out[gap] = None
    return out


def tone_style(text: str) -> list[str | None]:
    """hoá → hóa, thuỷ → thủy: one spelling for matching (same length, so offsets hold)."""
    out = _keep_all(text)
    for m in _TONE_RE.finditer(text):
        old = m.group(0)
        new = TONE_STYLE.get(old) or TONE_STYLE[old.lower()].upper()
        out[m.start()], out[m.start() + 1] = new[0], new[1]
    return out


CLEANERS: dict[str, Step] = {
    "markdown": strip_markdown,
    "whitespace": collapse_whitespace,
    "split_numbers": join_split_numbers,
    "tone": tone_style,
}
DEFAULT_STEPS = ("markdown", "whitespace", "split_numbers", "tone")


def normalise(
    source: str, start: int = 0, end: int | None = None, steps: Iterable[str | Step] = DEFAULT_STEPS
) -> Normalised:
    """Clean ``source[start:end]`` with the named steps, keeping the map back to the source."""
    end = len(source) if end is None else end
    text = source[start:end]
    offsets = list(range(start, end))
    for step in steps:
        if isinstance(step, str):
            if step not in CLEANERS:
                raise ValueError(f"unknown cleaning step {step!r}; valid: {', '.join(CLEANERS)}")
            step = CLEANERS[step]
        kept = step(text)
        chars, new_offsets = [], []
        for ch, off in zip(kept, offsets, strict=True):
            if ch is not None:
                chars.append(ch)
                new_offsets.append(off)
        text, offsets = "".join(chars), new_offsets
    return Normalised(text, tuple(offsets))


def fold(text: str) -> str:
    """Case-folded, tone-style-normalised, whitespace-collapsed text for comparing names."""
    n = normalise(text, steps=("whitespace", "tone")).text.strip().casefold()
    return n.replace("tỉ lệ", "tỷ lệ")


def lower_same_length(text: str) -> str:
    """Lower case and new-style tone marks, keeping every offset (for matching on cleaned text)."""
    out = "".join(c or "" for c in tone_style(text))
    low = out.lower()
    return low if len(low) == len(out) else "".join(c.lower() if len(c.lower()) == 1 else c for c in out)


def plain(text: str) -> str:
    """Case- and diacritic-insensitive key: "so y te" matches "Sở Y tế"."""
    import unicodedata

    folded = fold(text).replace("đ", "d")
    return " ".join(
        "".join(c for c in unicodedata.normalize("NFD", folded) if unicodedata.category(c) != "Mn").split()
    )
