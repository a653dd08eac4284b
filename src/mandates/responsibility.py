"""Responsibility of every task: its lead, partners and other roles, in the four patterns.

1. A header assigns, the paragraphs below inherit ("a) Sở X chủ trì, phối hợp với …:").
2. Inline subjects, several per bullet: each clause with its own subject becomes a sub-task.
3. Tasks by theme, agencies in TỔ CHỨC THỰC HIỆN: a task with no actor in a theme section ("Về y
   tế") is linked to the agency the organisation part assigns whose functions cover that policy
   area — marked as inferred, saying how.
4. Requests ("Đề nghị Ủy ban MTTQ …") to bodies the issuer does not command.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field, replace
from functools import cache

from mandates import patterns, policy_areas
from mandates.actors import Mention, Recognizer
from mandates.constants import REFERENCE_DIR
from mandates.extract import DocumentExtract
from mandates.model import ActorMention, Block, Task
from mandates.reference import Reference
from mandates.roles import Clause, analyse
from mandates.structure import Outline
from mandates.textnorm import Normalised, fold, normalise

_THEME_HEADING = re.compile(
    r"^(?:về|lĩnh vực|công tác|chính sách|chương trình|bảo đảm|đảm bảo)\b", re.IGNORECASE
)
_ORGANISATION = re.compile(r"^tổ chức thực hiện", re.IGNORECASE)


@dataclass
class Assignment:
    """The actors of one task (or sub-task) and how each was found."""

    actors: list[ActorMention] = field(default_factory=list)

    @property
    def leads(self) -> list[ActorMention]:
        return [a for a in self.actors if a.role == "lead"]


@dataclass
class Responsibilities:
    by_task: dict[str, Assignment] = field(default_factory=dict)
    subtasks: list[Task] = field(default_factory=list)
    areas: dict[str, list[str]] = field(default_factory=dict)  # task or section number -> policy areas


@cache
def _functions() -> list[tuple[str, tuple[str, ...], str, str]]:
    with (REFERENCE_DIR / "agency_functions.csv").open(encoding="utf-8", newline="") as fh:
        return [
            (
                fold(r["agency"]),
                tuple(r["areas"].split("|")),
                r["valid_from"] or "0000",
                r["valid_to"] or "9999",
            )
            for r in csv.DictReader(fh)
        ]


def functions_of(name_forms: set[str], on: str) -> set[str]:
    """Policy areas an agency (any of its folded names) answers for on date ``on`` (ISO)."""
    out: set[str] = set()
    for agency, areas, start, end in _functions():
        if agency in name_forms and start <= on <= end:
            out |= set(areas)
    return out


def _mentions_to_actors(
    norm: Normalised, mentions: list[Mention], role: str, inferred: str | None = None, offset: int = 0
) -> list[ActorMention]:
    out = []
    for m in mentions:
        span = norm.to_source(m.start + offset, m.end + offset)
        out.append(ActorMention(span, m.key, role, m.is_group, inferred, m.surface, m.central))
    return out


def _clause_actors(norm: Normalised, clause: Clause, offset: int = 0) -> list[ActorMention]:
    actors = _mentions_to_actors(norm, clause.subjects, "lead", offset=offset)
    for role in sorted(clause.roles):
        actors += _mentions_to_actors(norm, clause.subjects, role, offset=offset)
    actors += _mentions_to_actors(norm, clause.partners, "coordinate", offset=offset)
    return actors


def _sector_subjects(norm: Normalised, clause: Clause, recognizer: Recognizer) -> None:
    """'Các Sở, ngành, đơn vị: Lao động - Thương binh và Xã hội, Y tế, …': the list names the bodies."""
    text = norm.text
    if not clause.subjects or not all(s.is_group for s in clause.subjects):
        return
    after = clause.subjects[-1].end
    colon = re.match(r"\s*:\s*", text[after:])
    if not colon:
        return
    start = after + colon.end()
    stop = re.search(r"\s(?:căn cứ|chủ trì|phối hợp|thực hiện|triển khai|có trách nhiệm)\b", text[start:])
    end = start + (stop.start() if stop else len(text) - start)
    listed = [
        Mention(m.start + start, m.end + start, m.key, m.is_group, m.surface, m.central, True)
        for m in recognizer.sector_list(text[start:end])
    ]
    listed += [m for m in recognizer.find(text[start:end]) if not m.is_group]
    for m in listed:
        shifted = m if m.start >= start else Mention(m.start + start, m.end + start, m.key, False, m.surface)
        if all(s.key != shifted.key for s in clause.subjects):
            clause.subjects.append(shifted)


def assign(doc: DocumentExtract, ref: Reference) -> Responsibilities:
    out = Responsibilities()
    source, outline = doc.source, doc.outline
    recognizer = Recognizer(ref, doc.identity.jurisdiction or "vn")
    recognizer.learn_units(source)
    on = doc.identity.date or (f"{doc.identity.year}-12-31" if doc.identity.year else "2024-12-31")
    headers: dict[str, list[ActorMention]] = {}
    for number, block in outline.section_blocks.items():
        span = block.body or block.span
        norm = normalise(source, span.start, span.end)
        clauses = analyse(norm.text, recognizer)
        if clauses and clauses[0].subjects and clauses[0].subjects[0].start <= 16:
            _sector_subjects(norm, clauses[0], recognizer)
            headers[number] = _clause_actors(norm, clauses[0])
    block_header: dict[str, list[ActorMention]] = {}  # section -> actors of a "…:" paragraph in it
    rows = _table_rows(source, outline)
    for task in list(outline.tasks):
        norm = normalise(source, task.span.start, task.span.end)
        if task.span.start in rows:
            out.by_task[task.number] = Assignment(_row_actors(norm, rows[task.span.start], recognizer))
            continue
        clauses = analyse(norm.text, recognizer)
        for c in clauses:
            _sector_subjects(norm, c, recognizer)
        named = [c for c in clauses if c.subjects]
        inherited = _inherited(task, outline, headers, block_header)
        if len(clauses) > 1 and named:
            for i, c in enumerate(clauses, 1):
                span = norm.to_source(c.start, c.end)
                sub = Task(f"{task.number}-{i}", span, task.section, parent=task.number)
                out.subtasks.append(sub)
                actors = (
                    _clause_actors(norm, c)
                    if c.subjects
                    else _inherit_with(inherited, _clause_actors(norm, c))
                )
                out.by_task[sub.number] = Assignment(actors)
        elif named and _partners_lead_in(outline, task.section):
            # "b) Chủ trì, phối hợp" / "- Sở Tài chính … tham mưu …": Sở Tài chính is the partner.
            partners = list(
                {a.key: replace(a, role="coordinate") for a in _clause_actors(norm, clauses[0])}.values()
            )
            leads = [a for a in inherited if a.role == "lead"]
            out.by_task[task.number] = Assignment(_inherit_with(leads, partners))
        elif named:
            out.by_task[task.number] = Assignment(_clause_actors(norm, clauses[0]))
        else:
            partners = _clause_actors(norm, clauses[0]) if clauses else []
            out.by_task[task.number] = Assignment(_inherit_with(inherited, partners))
        if clauses and clauses[-1].header and clauses[-1].subjects and task.section:
            block_header[task.section] = _clause_actors(norm, clauses[-1])
    _apply_fields(doc, out, recognizer)
    _restated(doc, out)
    _infer(doc, out, recognizer, headers, on)
    return out


def _restated(doc: DocumentExtract, out: Responsibilities) -> None:
    """A task that names nobody, restated in the organisation part for one body: that body leads it.

    Plans list the work in "NHIỆM VỤ, GIẢI PHÁP" and hand it out again, body by body, in "TỔ CHỨC THỰC
    HIỆN" ("Sở Văn hóa … xây dựng các chuyên trang, chuyên mục tuyên truyền"); the two wordings share
    their rarer words. The most similar assigned item wins when it is clearly similar.
    """
    from mandates.alignment import TfIdf, cosine

    outline, source = doc.outline, doc.source
    org = _organisation_part(outline)
    if org is None:
        return
    tasks = [*outline.tasks, *out.subtasks]
    texts = {t.number: normalise(source, t.span.start, t.span.end).text for t in tasks}
    skip = patterns.compiled("actors", "restated_skip")
    assigned, open_ = [], []
    for t in tasks:
        a = out.by_task.get(t.number)
        in_org = org in _section_chain(outline, t.section)
        actors = [x for x in (a.actors if a else []) if x.role in ("lead", "request") and not x.is_group]
        if in_org and actors:
            assigned.append((t, actors))
        elif (
            not in_org
            and a is not None
            and not any(x.role == "lead" for x in a.actors)
            and outline.section(t.section)  # not the closing lines ("Trên đây là Kế hoạch …")
            and t.section not in outline.objective_sections
            and not skip.match(fold(_top_heading(outline, t.section)))
        ):
            open_.append(t)
    if not assigned or not open_:
        return
    model = TfIdf(list(texts.values()))  # document frequencies over every task of the plan
    vectors = {t.number: model.vector(texts[t.number]) for t in [*open_, *(i for i, _ in assigned)]}
    threshold = float(patterns.load("actors")["restated_similarity"])
    for t in open_:
        score, item, actors = max(
            ((cosine(vectors[t.number], vectors[i.number]), i, acts) for i, acts in assigned),
            key=lambda x: x[0],
        )
        if score < threshold:
            continue
        for a in actors:
            how = f"inferred: section {item.section} gives the same work to {a.surface} (similarity {score:.2f})"
            out.by_task[t.number].actors.append(ActorMention(a.span, a.key, "lead", False, how, a.surface))


def _apply_fields(doc: DocumentExtract, out: Responsibilities, recognizer: Recognizer) -> None:
    """'Cơ quan chủ trì: Sở Nội vụ' / 'Đơn vị phối hợp: Sở Tư pháp' under tasks: they assign those tasks.

    A run of labelled lines applies to the tasks of its section written since the previous run.
    """
    source, outline = doc.source, doc.outline
    labelled = patterns.compiled("layout", "field_label")
    done: dict[str | None, int] = {}  # section -> end of the last run of labelled lines applied
    runs: list[tuple[str | None, list[Block]]] = []
    for block, section in outline.fields:
        last = runs[-1] if runs else None
        between = last is not None and any(
            t.section == section and last[1][-1].span.end <= t.span.start < block.span.start
            for t in outline.tasks
        )
        if last is not None and last[0] == section and not between:
            last[1].append(block)
        else:
            runs.append((section, [block]))
    for section, run in runs:
        start = done.get(section, -1)
        targets = [
            t for t in outline.tasks if t.section == section and start <= t.span.start < run[0].span.start
        ]
        done[section] = run[-1].span.end
        actors: list[ActorMention] = []
        for block in run:
            norm = normalise(source, block.span.start, block.span.end)
            m = labelled.match(norm.text)
            if m is None or not m.group("role"):
                continue
            offset = m.end()
            value = norm.text[offset:]
            if m.group("role") in ("chủ trì", "thực hiện", "tham mưu"):
                for c in analyse(value, recognizer):
                    if m.group("role") == "chủ trì" and not c.subjects:
                        found = [
                            replace(x, start=x.start + c.start, end=x.end + c.start)
                            for x in recognizer.find(value[c.start : c.end])
                        ]
                        actors += _mentions_to_actors(norm, found, "lead", offset=offset)
                    else:
                        actors += _clause_actors(norm, c, offset=offset)
            else:
                actors += _mentions_to_actors(norm, recognizer.find(value), "coordinate", offset=offset)
        if not actors:
            continue
        for task in targets:
            assignment = out.by_task.setdefault(task.number, Assignment())
            has_lead = bool(assignment.leads)
            own = {(a.key, a.role) for a in assignment.actors}
            for a in actors:
                if (a.role == "lead" and has_lead) or (a.key, a.role) in own:
                    continue
                assignment.actors.append(a)


_CELL = re.compile(r"[^|]+")


def _cells(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _CELL.finditer(text)]


def _table_rows(source: str, outline: Outline) -> dict[int, tuple[int, int | None, int]]:
    """Rows of a task table ("TT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian"): block start ->
    (lead column, partner column, number of cells), for the rows after a header row that names those columns."""
    out: dict[int, tuple[int, int | None, int]] = {}
    header: tuple[int, int | None, int] | None = None
    for block in outline.blocks:
        text = normalise(source, block.span.start, block.span.end).text
        if text.count("|") < 2:
            header = None
            continue
        cells = [fold(text[a:b]) for a, b in _cells(text)]
        lead = next((i for i, c in enumerate(cells) if "chủ trì" in c), None)
        if lead is not None:
            partner = next((i for i, c in enumerate(cells) if "phối hợp" in c), None)
            header = (lead, partner, len(cells))
        elif header and len(cells) == header[2]:
            out[block.span.start] = header
    return out


def _row_actors(
    norm: Normalised, columns: tuple[int, int | None, int], recognizer: Recognizer
) -> list[ActorMention]:
    cells = _cells(norm.text)
    actors: list[ActorMention] = []
    for index, role in ((columns[0], "lead"), (columns[1], "coordinate")):
        if index is None or index >= len(cells):
            continue
        start, end = cells[index]
        found = recognizer.find(norm.text[start:end])
        actors += _mentions_to_actors(norm, found, role, offset=start)
    return actors


def _organisation_part(outline: Outline) -> str | None:
    """The number of the TỔ CHỨC THỰC HIỆN part, where the plan hands the work out."""
    return next(
        (s.number for s in outline.sections if s.level == 1 and _ORGANISATION.match(fold(s.heading))), None
    )


def _top_heading(outline: Outline, number: str | None) -> str:
    chain = _section_chain(outline, number)
    top = outline.section(chain[-1]) if chain else None
    return top.heading if top else ""


def _partners_lead_in(outline: Outline, number: str | None) -> bool:
    section = outline.section(number) if number else None
    return bool(section and patterns.compiled("actors", "partners_lead_in").match(section.heading))


def _inherit_with(inherited: list[ActorMention], own: list[ActorMention]) -> list[ActorMention]:
    keys = {(a.key, a.role) for a in own}
    return own + [a for a in inherited if (a.key, a.role) not in keys]


def _inherited(
    task: Task,
    outline: Outline,
    headers: dict[str, list[ActorMention]],
    block_header: dict[str, list[ActorMention]],
) -> list[ActorMention]:
    """Actors of the nearest header above the task: a "…:" paragraph, its section or a parent."""
    if task.section in block_header:
        return block_header[task.section]
    number = task.section
    while number:
        if number in headers:
            return headers[number]
        section = outline.section(number)
        number = section.parent if section else None
    return []


def _section_chain(outline: Outline, number: str | None) -> list[str]:
    chain = []
    while number:
        chain.append(number)
        section = outline.section(number)
        number = section.parent if section else None
    return chain


def _infer(
    doc: DocumentExtract,
    out: Responsibilities,
    recognizer: Recognizer,
    headers: dict[str, list[ActorMention]],
    on: str,
) -> None:
    """Pattern 3: link theme tasks without an actor to the agency the organisation part assigns."""
    outline, source = doc.outline, doc.source
    org = _organisation_part(outline)
    if org is None:
        return
    candidates: dict[str, tuple[ActorMention, set[str], str]] = {}
    for task in [*outline.tasks, *out.subtasks]:
        if org not in _section_chain(outline, task.section):
            continue
        text = normalise(source, task.span.start, task.span.end).text
        assignment = out.by_task.get(task.number, Assignment())
        requested = {a.key for a in assignment.actors if a.role == "request"}
        leads = [a for a in assignment.leads if not (a.is_group or a.central or a.key in requested)]
        for a in leads:
            entry = recognizer.ref.agencies.get(a.key)
            if entry is not None and entry.kind not in ("state", "service"):
                continue  # the Front, mass organisations and Party bodies are requested, not assigned
            forms = {fold(a.surface), *(fold(f) for f in _official_names(recognizer, a.key))}
            # The plan's focal agency answers for the areas its paragraph lists; others keep their functions.
            focal = len(leads) == 1 and re.search(patterns.load("actors")["focal"], fold(text))
            own = set(policy_areas.classify(text)) if focal else set()
            areas = functions_of(forms, on) | (own & _specific_areas())
            where = task.section or org
            if a.key in candidates:
                prev = candidates[a.key]
                candidates[a.key] = (prev[0], prev[1] | areas, prev[2])
            else:
                candidates[a.key] = (a, areas, where)
    if not candidates:
        return
    previous: dict[str, set[str]] = {}
    for task in [*outline.tasks, *out.subtasks]:
        if (
            task.section is None
            or org in _section_chain(outline, task.section)
            or task.section in outline.objective_sections
        ):
            continue
        assignment = out.by_task.get(task.number)
        if assignment is None or (assignment.actors and any(a.role == "lead" for a in assignment.actors)):
            continue
        theme = next(
            (
                s
                for s in _section_chain(outline, task.section)
                if (sec := outline.section(s)) and _is_theme(sec.heading)
            ),
            None,
        )
        if theme is None:
            continue
        heading_areas = set(policy_areas.classify(outline.section(theme).heading))  # type: ignore[union-attr]
        if not heading_areas:
            continue
        text_areas = set(policy_areas.classify(normalise(source, task.span.start, task.span.end).text))
        areas = (
            heading_areas & text_areas
            or (previous.get(theme) if len(heading_areas) > 1 else None)
            or heading_areas
        )
        previous[theme] = areas
        out.areas[task.number] = sorted(areas)
        for key, (actor, functions, where) in sorted(candidates.items()):
            common = sorted(areas & functions)
            if not common:
                continue
            how = (
                f"inferred: the policy area {', '.join(common)} of section {theme} matches the functions of "
                f"{actor.surface}, assigned in section {where}"
            )
            assignment.actors.append(ActorMention(actor.span, key, "lead", False, how, actor.surface))


def _official_names(recognizer: Recognizer, key: str) -> list[str]:
    entry = recognizer.ref.agencies.get(key)
    return [entry.name, *entry.aliases] if entry else []


@cache
def _specific_areas() -> set[str]:
    return set(policy_areas.areas()) - {"an-sinh-xa-hoi", "tuyen-truyen", "quan-ly-nha-nuoc-va-chuyen-doi-so"}


def _is_theme(heading: str) -> bool:
    words = heading.split()
    return bool(_THEME_HEADING.match(heading)) or len(words) <= 20
