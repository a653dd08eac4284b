"""Who does what in one task: clauses, their subjects, partners and roles.

A bullet can hold several sentences with different subjects ("Các sở, ban, ngành …; Sở Văn hóa,
Thể thao và Du lịch chỉ đạo …"): each subject starts a clause; sentences without a subject stay in
the clause before them. "X chủ trì, phối hợp với Y" makes X the lead and Y a partner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from mandates import patterns
from mandates.actors import Mention, Recognizer

ISSUERS = {"ubnd-tinh", "tinh-uy", "hdnd-tinh", "ban-thuong-vu-tinh-uy", "chinh-phu", "thu-tuong-chinh-phu"}


@dataclass
class Clause:
    start: int  # cleaned offsets in the task text
    end: int
    subjects: list[Mention] = field(default_factory=list)
    partners: list[Mention] = field(default_factory=list)
    roles: set[str] = field(default_factory=set)  # extra roles of the subjects: advise, request, guide…
    header: bool = False  # ends with ":": assigns the paragraphs below it


@cache
def _re(key: str) -> re.Pattern[str]:
    node = patterns.load("actors")
    for part in key.split("."):
        node = node[part]
    # Patterns are applied with Pattern.match(text, pos): "^" would only match at 0, so drop it.
    return re.compile(node.removeprefix("^"), re.IGNORECASE)


def _segments(text: str) -> list[tuple[int, int]]:
    """Sentences, then parts between semicolons (outside parentheses)."""
    out, start, depth = [], 0, 0
    for i, ch in enumerate(text):
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        end_sentence = ch in ".!?" and i + 2 < len(text) and text[i + 1] == " " and text[i + 2].isupper()
        if depth == 0 and (ch == ";" or end_sentence):
            out.append((start, i + 1))
            start = i + 2 if end_sentence else i + 1
    if start < len(text):
        out.append((start, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip(" ;.")]


def scan_actors(text: str, pos: int, mentions: list[Mention]) -> tuple[list[Mention], int]:
    """A list of actors starting at ``pos`` ("Sở A, Sở B và các địa phương"): mentions and end."""
    found: list[Mention] = []
    connector, qualifier = _re("connector"), _re("qualifier")
    while True:
        m = connector.match(text, pos) if found else re.compile(r"\s*").match(text, pos)
        at = m.end() if m else pos
        nxt = next((x for x in mentions if x.start == at), None)
        if nxt is None:
            return found, pos
        found.append(nxt)
        pos = nxt.end
        q = qualifier.match(text, pos)
        while q and q.end() > pos:
            pos = q.end()
            q = qualifier.match(text, pos)


def subjects_at(text: str, start: int, end: int, mentions: list[Mention]) -> tuple[list[Mention], int]:
    """Actors that open the segment as its subject, and where the predicate starts."""
    intro = _re("intro").match(text, start, end)
    pos = intro.end() if intro else start
    found, after = scan_actors(text, pos, [m for m in mentions if start <= m.start < end])
    if not found:
        return [], start
    delegated = _re("delegation").match(text, after, end)
    # Only an issuing authority hands work on this way; "Sở X đề nghị UBND tỉnh …" is a proposal.
    if delegated and all(m.key in ISSUERS for m in found):
        # "Ủy ban nhân dân tỉnh yêu cầu các cơ quan, đơn vị … triển khai": those asked are the actors.
        asked, after_asked = scan_actors(
            text, delegated.end(), [m for m in mentions if start <= m.start < end]
        )
        if asked:
            found, after = asked, after_asked
    rest = text[after:end]
    if (
        rest.strip(" ,;.") == ""
        or rest.lstrip().startswith(":")
        or _re("subject_break").match(rest)
        or not rest.lstrip()[:1].isupper()
    ):
        return found, after
    return [], start


def partners_in(text: str, start: int, end: int, mentions: list[Mention]) -> list[Mention]:
    out = []
    for m in _re("coordinate").finditer(text, start, end):
        found, _ = scan_actors(text, m.end(), [x for x in mentions if m.end() <= x.start < end])
        out += found
    return out


def analyse(text: str, recognizer: Recognizer) -> list[Clause]:
    """Clauses of a task's cleaned text, with their actors."""
    mentions = recognizer.find(text)
    clauses: list[Clause] = []
    pending_subjects: list[Mention] = []
    for start, end in _segments(text):
        subjects, after = subjects_at(text, start, end, mentions)
        only_actors = subjects and text[after:end].strip(" ,;") == ""
        if only_actors and not text[start:end].rstrip().endswith(":"):
            pending_subjects += subjects  # "Các sở, ban, ngành cấp tỉnh; chính quyền cấp cơ sở tổ chức …"
            continue
        if pending_subjects:
            subjects = pending_subjects + subjects
            start = min(start, pending_subjects[0].start)
            pending_subjects = []
        if subjects or not clauses:
            clause = Clause(start, end, subjects)
            clauses.append(clause)
        else:
            clause = clauses[-1]
            clause.end = end
        rest = text[after:end]
        if subjects and _re("request_intro").match(text, start, end):
            clause.roles.add("request")
        for role, pattern in patterns.load("actors")["role_verbs"].items():
            if subjects and re.match(pattern, rest, re.IGNORECASE):
                clause.roles.add(role)
        clause.partners += [p for p in partners_in(text, start, end, mentions) if p not in clause.subjects]
        clause.header = text[start:end].rstrip().endswith(":")
    if pending_subjects:
        clauses.append(
            Clause(pending_subjects[0].start, len(text), pending_subjects, header=text.rstrip().endswith(":"))
        )
    return clauses
