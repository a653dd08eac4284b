"""Plain records that the extractors produce and the graph writer turns into RDF.

Every record that states a fact carries a ``Span``: character offsets into the source text as
read from its file, so the fact can point back to the sentence it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True, order=True)
class Span:
    """Half-open character range [start, end) in the source text."""

    start: int
    end: int

    def quote(self, source: str) -> str:
        return source[self.start : self.end]


@dataclass
class TargetMatch:
    """A quantified commitment found in a piece of text."""

    span: Span  # the phrase that states the target, e.g. "Tỉ lệ thất nghiệp chung dưới 2,5%"
    indicator: str  # normalised indicator label, e.g. "tỷ lệ thất nghiệp chung"
    comparator: str  # one of "<", "<=", ">", ">=", "=", "~"
    value: Decimal
    unit: str  # normalised: "%", "m2/người", "căn", "người", "lượt người", "/10000 dân", "tỷ đồng"…
    year: int | None = None
    scope: str = ""
    value_max: Decimal | None = None  # upper bound of a range "1% - 1,2%"


@dataclass
class ReportingMatch:
    """A reporting duty found in a piece of text; agencies are given as the surface text."""

    span: Span
    recurrence: str | None  # "yearly" | "half-yearly" | "quarterly" | "ad-hoc" | None
    deadline: tuple[int, int] | None = None  # (month, day)
    recipient: str | None = None  # "Ủy ban nhân dân tỉnh"
    via: str | None = None  # "Sở Y tế" in "(qua Sở Y tế)"
    final_recipient: str | None = None  # "Ủy ban nhân dân tỉnh" in "gửi Sở Y tế … để báo cáo UBND tỉnh"
    reporter: str | None = None  # when the sentence names it


@dataclass
class DocRef:
    """A document as cited: what the text says of it."""

    doc_type: str  # notation: "NQ", "KL", "CT", "CTr", "KH", "QĐ", "NĐ", "TT", "TTr", "Luật", …
    code: str | None  # normalised "42-NQ/TW"; None for a document cited by name only
    number: str | None = None
    year: int | None = None
    issuer_code: str | None = None  # "TW", "TU", "CP", "TTg", "UBND", "QH", …
    date: str | None = None  # ISO date
    issuer_name: str | None = None  # as resolved: "Ban Chấp hành Trung ương Đảng"
    jurisdiction: str = "Việt Nam"
    title: str | None = None
    name_key: str | None = None  # registry key for a document cited by name only


@dataclass
class Citation:
    ref: DocRef
    span: Span  # the citation itself ("Nghị quyết số 42-NQ/TW, ngày 24 tháng 11 năm 2023 của …")
    sentence: Span  # the sentence that holds it: the evidence of the relation
    relation: str = "cites"  # "implements" | "basedOn" | "cites"
    subject: DocRef | None = None  # None: the citing document itself; else a second-order relation


@dataclass
class ActorMention:
    """An agency or collective actor named in text, resolved against the gazetteer."""

    span: Span
    key: str  # gazetteer key, e.g. "so-y-te"
    role: str  # "lead" | "coordinate" | "advise" | "request" | "monitor" | "guide" | "accountable"
    is_group: bool = False
    inferred: str | None = None  # how, when the text does not name the actor for this task
    surface: str = ""  # the name as the text writes it
    central: bool = False  # a national body (Bộ Y tế), not one of the plan's province


@dataclass
class Block:
    """A logical paragraph: a heading, a bullet or a paragraph, rebuilt from hard-wrapped lines."""

    span: Span
    kind: str  # "heading" | "bullet" | "paragraph"
    marker: str = ""  # "III.", "1.", "1.1.", "a)", "-"
    body: Span | None = None  # the text after the marker


@dataclass
class Section:
    number: str  # "III.7.a"
    heading: str
    span: Span
    level: int
    parent: str | None  # number of the parent section
    ordinal: int = 0


@dataclass
class Task:
    number: str  # "iv-1-3": section path then the ordinal in its section
    span: Span
    section: str | None
    parent: str | None = None  # task number of the bullet when this is a clause (sub-task)
    actors: list[ActorMention] = field(default_factory=list)
    cites: list[Citation] = field(default_factory=list)
    policy_areas: list[str] = field(default_factory=list)
