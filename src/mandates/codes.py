"""Document numbers ("số, ký hiệu") in the Party and State styles, and the identity they give.

Identity = jurisdiction + issuer + type + number + year (numbers restart every year or term and
every province has its own "322/KH-UBND"); the instance IRI is built from it, ELI style.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from mandates import patterns
from mandates.ids import slug


@dataclass(frozen=True)
class Code:
    """A parsed document number."""

    style: str  # "party" | "state" | "assembly"
    number: str
    doc_type: str | None  # notation; None for an assembly code ("111/2024/QH15": type from the word)
    issuer: str
    year: int | None
    start: int
    end: int

    @property
    def text(self) -> str:
        """The normalised code as officially written: "42-NQ/TW", "20/2021/NĐ-CP", "111/2024/QH15"."""
        if self.style == "party" or (
            self.style == "state" and not self.year and _is_party_issuer(self.issuer)
        ):
            # "27/NQ- TW" is a slip for "27-NQ/TW": Party bodies number only in their own style.
            return f"{self.number}-{self.doc_type}/{self.issuer}"
        if self.style == "assembly":
            return f"{self.number}/{self.year}/{self.issuer}"
        year = f"{self.year}/" if self.year else ""
        return f"{self.number}/{year}{self.doc_type}-{self.issuer}"

    @property
    def central(self) -> bool:
        return is_central_issuer(self.issuer)


def _is_party_issuer(issuer: str) -> bool:
    return bool(patterns.compiled("citations", "party_issuers", 0).match(issuer))


def _canon_issuer(issuer: str) -> str:
    # "TTG" and "Ttg" are the same issuer as "TTg"; other issuer codes are upper case.
    return "TTg" if issuer.upper() == "TTG" else issuer.upper() if issuer.upper() != issuer else issuer


def canonical_type(raw: str) -> str | None:
    """Notation of a code's type part ("CTR" → "CTr", "Qđ" → "QĐ"), None if not a document type."""
    types: dict[str, str] = patterns.load("citations")["types"]
    return types.get(raw.upper().replace("Đ", "Đ"))


@cache
def is_central_issuer(issuer: str) -> bool:
    """A code the registry knows ("LĐTBXH" is the ministry, "SLĐTBXH" a department) decides; else its shape."""
    from mandates.reference import load

    row = load().issuers.get(issuer)
    if row and row.get("level"):
        return row["level"] == "central"
    return bool(patterns.compiled("citations", "central_issuers", 0).match(issuer))


def find_codes(text: str) -> list[Code]:
    """Every document number in ``text`` (already cleaned), in order, without overlaps."""
    found: list[Code] = []
    for style in ("assembly", "party", "state"):
        for m in patterns.compiled("citations", f"codes.{style}", 0).finditer(text):
            if any(m.start() < c.end and c.start < m.end() for c in found):
                continue
            doc_type = None
            if style != "assembly":
                doc_type = canonical_type(m.group("type"))
                if doc_type is None:
                    continue
            year = m.groupdict().get("year")
            found.append(
                Code(
                    style,
                    m.group("num"),
                    doc_type,
                    _canon_issuer(m.group("issuer")),
                    int(year) if year else None,
                    m.start(),
                    m.end(),
                )
            )
    return sorted(found, key=lambda c: c.start)


def parse_code(code: str) -> Code | None:
    """A code written alone ("99-CTR/TU", "21- CT/TW"), or None if it is not one."""
    text = " ".join(code.split())
    codes = find_codes(text) or find_codes(text.upper())
    return codes[0] if len(codes) == 1 and codes[0].end - codes[0].start >= len(text) - 1 else None


def normalise_code(code: str) -> str | None:
    parsed = parse_code(code)
    return parsed.text if parsed else None


def doc_key(jurisdiction: str, doc_type: str, issuer: str | None, year: int | None, number: str) -> str:
    """ELI-style path of a document: "vn/nq-tw/2023/42", "an-giang/kh-ubnd/2022/322"."""
    kind = slug(doc_type) if not issuer else f"{slug(doc_type)}-{slug(issuer)}"
    if doc_type == "Luật":
        kind = "luat"
    return f"{jurisdiction}/{kind}/{year if year else 'undated'}/{slug(number)}"


def split_number(code_text: str) -> str:
    return re.split(r"[-/]", code_text, maxsplit=1)[0]
