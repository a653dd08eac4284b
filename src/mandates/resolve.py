"""One node per real document across all plans: cited references merged by identity.

Identity = jurisdiction + type + issuer + number + year. A citation that gives no year borrows it
from another citation of the same code in the same jurisdiction, or from the registry.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from mandates.codes import doc_key
from mandates.extract import DocumentExtract
from mandates.ids import short_hash, slug
from mandates.model import DocRef
from mandates.reference import Reference


@dataclass
class MergedDoc:
    key: str
    doc_type: str
    code: str | None = None
    number: str | None = None
    issuer_code: str | None = None
    issuer_names: Counter[str] = field(default_factory=Counter)
    jurisdiction: str = "vn"
    dates: Counter[str] = field(default_factory=Counter)
    year: int | None = None
    title: str | None = None
    registry_source: str | None = None
    registry_date: str | None = None
    registry_issuer: str | None = None

    @property
    def date(self) -> str | None:
        if self.registry_date:
            return self.registry_date
        return self.dates.most_common(1)[0][0] if self.dates else None


def self_key(doc: DocumentExtract) -> str:
    ident = doc.identity
    jurisdiction = ident.jurisdiction or "vn"
    if ident.code and ident.number:
        return doc_key(jurisdiction, ident.doc_type or "KH", ident.issuer_code, ident.year, ident.number)
    kind = f"{slug(ident.doc_type or 'van-ban')}-{slug(ident.issuer_code or 'unknown')}"
    return (
        f"{jurisdiction}/{kind}/{ident.year or 'undated'}/draft-{short_hash(ident.title or doc.source_file)}"
    )


class DocIndex:
    """Every document the corpus names, merged by identity."""

    def __init__(self, ref: Reference) -> None:
        self.ref = ref
        self.docs: dict[str, MergedDoc] = {}
        self._years: dict[tuple[str, str], set[int]] = {}

    def collect(self, extracts: list[DocumentExtract]) -> None:
        refs = [r for d in extracts for r in _refs(d)]
        for r in refs:
            if r.code and r.year:
                self._years.setdefault((r.jurisdiction, r.code.upper()), set()).add(r.year)
        for r in refs:
            self.add(r)

    def key(self, r: DocRef) -> str:
        if r.name_key and r.code is None:
            return r.name_key
        known = self.ref.directive_by_code(r.jurisdiction, r.code) if r.code else None
        if known:
            return known.key
        year = r.year
        if year is None and r.code:
            years = self._years.get((r.jurisdiction, r.code.upper()), set())
            year = next(iter(years)) if len(years) == 1 else None
        return doc_key(r.jurisdiction, r.doc_type, r.issuer_code, year, r.number or "")

    def add(self, r: DocRef) -> MergedDoc:
        key = self.key(r)
        m = self.docs.get(key)
        if m is None:
            m = self.docs[key] = MergedDoc(key, r.doc_type, jurisdiction=r.jurisdiction)
            known = self.ref.directives.get(key)
            if known:
                m.title, m.registry_source, m.registry_date = known.title, known.source_url, known.date
                m.registry_issuer, m.year = known.issuer_key, known.year
                m.code = known.code if r.code else None
                m.number = known.number
        if r.code:
            m.code = r.code
            m.number = r.number
            m.issuer_code = r.issuer_code
        elif r.issuer_code and not m.issuer_code:
            m.issuer_code = r.issuer_code
        if r.issuer_name:
            m.issuer_names[r.issuer_name] += 1
        if r.date:
            m.dates[r.date] += 1
        m.year = m.year or r.year or (int(r.date[:4]) if r.date else None)
        m.title = m.title or r.title
        return m


def _refs(doc: DocumentExtract) -> list[DocRef]:
    out = []
    for c in doc.citations:
        out.append(c.ref)
        if c.subject:
            out.append(c.subject)
    for cs in doc.task_citations.values():
        out.extend(c.ref for c in cs)
    return out
