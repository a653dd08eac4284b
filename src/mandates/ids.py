"""Instance IRIs: readable, stable, ASCII, built from the identity of the thing (never a counter)."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import URIRef

from mandates.constants import DEFAULT_BASE


def slug(text: str) -> str:
    """ASCII slug: "Gia Lai" → "gia-lai", "QĐ-TTg" → "qd-ttg"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def part_slug(number: str) -> str:
    """Slug of a section number: "III.7.đ" → "iii-7-dd" (the letter đ kept apart from d)."""
    return slug(number.replace("đ", "dd").replace("Đ", "DD"))


def short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


class Ids:
    """The IRIs of one graph, under a configurable base."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        self.base = base if base.endswith("/") else base + "/"

    def iri(self, path: str) -> URIRef:
        return URIRef(self.base + path)

    def doc(self, key: str) -> URIRef:
        return self.iri(f"doc/{key}")

    def agency(self, jurisdiction: str, key: str) -> URIRef:
        return self.iri(f"agency/{jurisdiction}/{key}")

    def group(self, jurisdiction: str, key: str) -> URIRef:
        return self.iri(f"group/{jurisdiction}/{key}")

    def jurisdiction(self, key: str) -> URIRef:
        return self.iri(f"jurisdiction/{key}")

    def doc_type(self, notation: str) -> URIRef:
        return self.iri(f"doc-type/{slug(notation)}")

    def policy_area(self, key: str) -> URIRef:
        return self.iri(f"policy-area/{key}")

    def indicator(self, key: str) -> URIRef:
        return self.iri(f"indicator/{key}")

    def recurrence(self, notation: str) -> URIRef:
        return self.iri(f"recurrence/{notation}")
