"""Build the static site from the graph: plain files that work from file:// and over HTTP, offline.

One page per document, task, agency (or actor group), indicator and policy area, and a home page.
Every text that comes from a document goes through Jinja2's autoescaping, through ``html.escape`` in
``source.py``, or into JSON with "<" escaped; graph views are drawn by vis-network copied from the
pyvis package into ``assets/`` (no CDN, no Bootstrap).

The site is written into a temporary folder beside ``out`` and swapped in when complete; a folder
that is not a site this command wrote is never deleted.
"""

from __future__ import annotations

import re
import shutil
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, RDF, RDFS, SKOS

from mandates.errors import MandatesError
from mandates.labels import RELATION_VI, ROLE_VI, TYPE_LABELS
from mandates.lineage import Hop, Lineage
from mandates.namespaces import MND, OA
from mandates.site.search import SearchIndex
from mandates.site.source import Span, anchor, highlight
from mandates.site.views import LEVELS, GraphView, ViewMaker, date_vi, label_of, level_of

HERE = Path(__file__).parent
MARKER = ".mandates-site"  # written into every site; only a folder holding it is ever replaced
RECURRENCE_VI = {
    "yearly": "hằng năm",
    "half-yearly": "6 tháng",
    "quarterly": "hằng quý",
    "ad-hoc": "đột xuất",
}
CHANGE_VI = {
    "sector": "chuyển phần việc",
    "merger": "hợp nhất",
    "level": "bỏ cấp huyện",
    "territory": "sáp nhập tỉnh",
}
SECTION_VI = {"closing": "Đoạn kết"}  # parts the layout names rather than numbers
COMPARATOR_VI = {"<": "<", "<=": "≤", ">": ">", ">=": "≥", "=": "", "~": "≈"}
REPORTING_ROLES = (
    (MND.reporter, "báo cáo"),
    (MND.recipient, "nhận báo cáo"),
    (MND.via, "tổng hợp (qua)"),
    (MND.finalRecipient, "nhận cuối cùng"),
)
KIND_OF_CLASS = (
    (MND.Task, "task"),
    (MND.Document, "doc"),
    (MND.Agency, "agency"),
    (MND.ActorGroup, "agency"),
)


class SiteError(MandatesError):
    """The site cannot be written (a graph with nothing to show, an output folder not ours)."""


@dataclass
class SiteResult:
    out: Path
    pages: int
    seconds: float
    counts: dict[str, int] = field(default_factory=dict)


def page_path(iri: URIRef | str, kind: str) -> str:
    """``doc/an-giang_kh-ubnd_2022_322.html``: readable, stable, ASCII, relative to the site root."""
    rest = str(iri).split("/id/", 1)[-1]
    first, _, tail = rest.partition("/")
    if first in ("doc", "agency", "indicator", "policy-area") and tail:
        rest = tail
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", rest).strip("._") or "_"
    if slug != rest.replace("/", "_"):  # something was not ASCII: keep pages of different IRIs apart
        import hashlib

        slug = f"{slug[:80]}_{hashlib.sha256(str(iri).encode()).hexdigest()[:8]}"
    return f"{kind}/{slug}.html"


def _num(value: float) -> str:
    """Vietnamese decimals: 2.45 → "2,45"."""
    return f"{value:g}".replace(".", ",")


def _is_site(folder: Path) -> bool:
    return (folder / MARKER).exists() or (folder / "assets" / "search-index.js").exists()


class CachedLineage(Lineage):
    """Chains are asked for several times per node (list, view, roots): compute them once."""

    def __init__(self, g: Graph) -> None:
        super().__init__(g)
        self._chains: dict[URIRef, list[list[Hop]]] = {}
        self._parents: dict[URIRef, list[tuple[URIRef, str, URIRef | None]]] = {}
        self._children: dict[URIRef, list[tuple[URIRef, str, URIRef]]] = defaultdict(list)
        for (a, b), statements in sorted(self.statements.items()):
            rel, st = min(statements, key=lambda x: (x[0] != "implements", str(x[1])))
            self._parents.setdefault(a, []).append((b, rel, st))
            self._children[b].append((a, rel, st))

    def parents(self, node: URIRef) -> list[tuple[URIRef, str, URIRef | None]]:
        return self._parents.get(node, [])

    def children(self, node: URIRef) -> list[tuple[URIRef, str, URIRef]]:
        return self._children.get(node, [])

    def chains(self, start: URIRef) -> list[list[Hop]]:
        if start not in self._chains:
            self._chains[start] = super().chains(start)
        return self._chains[start]


class SiteBuilder:
    def __init__(self, g: Graph, documents_dir: Path | None = None, texts_dir: Path | None = None) -> None:
        self.g = g
        self.documents_dir, self.texts_dir = documents_dir, texts_dir
        self.lineage = CachedLineage(g)
        self.env = Environment(
            loader=FileSystemLoader(HERE / "templates"),
            autoescape=select_autoescape(["html", "j2"], default=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["date_vi"] = date_vi
        self.index = SearchIndex()
        self.pages = 0
        self._kinds: dict[URIRef, str] = {}
        for cls, kind in KIND_OF_CLASS:
            for node in g.subjects(RDF.type, cls):
                if isinstance(node, URIRef):
                    self._kinds.setdefault(node, kind)
        for node in g.objects(None, MND.indicator):
            if isinstance(node, URIRef):
                self._kinds.setdefault(node, "indicator")
        for node in g.objects(None, MND.policyArea):
            if isinstance(node, URIRef):
                self._kinds.setdefault(node, "area")
        self._links: dict[Any, dict[str, Any]] = {}
        self._spans: dict[Any, list[tuple[int, int, str]]] = {}
        self._hops: dict[tuple[str, str, str, int | None], dict[str, Any]] = {}
        self.views = ViewMaker(g, self.lineage, self.url, self.short_label)
        self._collect()

    # -- lookups -------------------------------------------------------------------------------------
    def _collect(self) -> None:
        """Indexes over the graph, built once: who is assigned what, what each document holds."""
        g = self.g
        self.assigned: dict[URIRef, list[tuple[URIRef, str, URIRef]]] = defaultdict(list)  # task → actors
        self.duties: dict[URIRef, list[tuple[URIRef, str, URIRef]]] = defaultdict(list)  # actor → tasks
        for record in g.subjects(MND.task, None):
            task, who = g.value(record, MND.task), g.value(record, MND.assignee)
            if isinstance(task, URIRef) and isinstance(who, URIRef):
                role = str(g.value(record, MND.role) or "")
                self.assigned[task].append((who, role, record))  # type: ignore[arg-type]
                self.duties[who].append((task, role, record))  # type: ignore[arg-type]
        self.in_doc: dict[URIRef, list[URIRef]] = defaultdict(list)
        for node, doc in g.subject_objects(MND.inDocument):
            self.in_doc[doc].append(node)  # type: ignore[index,arg-type]
        self.under: dict[URIRef, list[URIRef]] = defaultdict(list)  # partOf, reversed
        for node, parent in g.subject_objects(MND.partOf):
            self.under[parent].append(node)  # type: ignore[index,arg-type]

    def kind(self, node: Any) -> str | None:
        return self._kinds.get(node)

    def url(self, node: Any) -> str | None:
        kind = self.kind(node)
        return page_path(node, kind) if kind else None

    def label(self, node: Any) -> str:
        return label_of(self.g, node)

    def short_label(self, node: Any) -> str:
        """A node's name in a graph view: tasks by their number."""
        if self.kind(node) == "task":
            return f"NV {self.task_number(node)}"
        return self.label(node)

    def link(self, node: Any) -> dict[str, Any]:
        """Name, page and level of a node (a fresh dict: callers add to it)."""
        if node not in self._links:
            self._links[node] = {
                "label": self.label(node),
                "url": self.url(node),
                "level": level_of(self.g, node),
            }
        return dict(self._links[node])

    def is_a(self, node: Any, cls: URIRef) -> bool:
        return (node, RDF.type, cls) in self.g

    def spans(self, node: Any) -> list[tuple[int, int, str]]:
        """(start, end, quote) of each piece of evidence of ``node``, in source-file characters."""
        if node not in self._spans:
            self._spans[node] = self._read_spans(node)
        return self._spans[node]

    def _read_spans(self, node: Any) -> list[tuple[int, int, str]]:
        g, out = self.g, []
        for ann in g.objects(node, MND.evidence):
            target = g.value(ann, OA.hasTarget)
            start = end = None
            quote = ""
            for sel in g.objects(target, OA.hasSelector):
                if g.value(sel, OA.start) is not None:
                    start, end = int(g.value(sel, OA.start)), int(g.value(sel, OA.end))  # type: ignore[arg-type]
                if g.value(sel, OA.exact) is not None:
                    quote = str(g.value(sel, OA.exact))
            if start is not None and end is not None:
                out.append((start, end, quote))
        return sorted(out)

    def position(self, node: Any) -> tuple[int, str]:
        spans = self.spans(node)
        return (spans[0][0] if spans else 10**9, str(node))

    def place(self, node: Any) -> str:
        return str(self.g.value(self.g.value(node, MND.jurisdiction), SKOS.prefLabel) or "")

    def section_number(self, section: Any) -> str:
        number = str(self.g.value(section, MND.number) or "")
        return SECTION_VI.get(number, number)

    def task_number(self, task: URIRef) -> str:
        """ "IV.1.1 · 2": the section's number, then the bullet's ordinal in it."""
        g = self.g
        own = str(g.value(task, MND.number) or "")
        parent = g.value(task, MND.partOf)
        if parent is not None and self.is_a(parent, MND.Task):
            above = str(g.value(parent, MND.number) or "")
            tail = own[len(above) + 1 :] if own.startswith(above + "-") else own
            return f"{self.task_number(parent)}.{tail}"  # type: ignore[arg-type]
        section = str(g.value(parent, MND.number) or "") if parent is not None else ""
        slug = section.lower().replace(".", "-")
        if section and own.startswith(slug + "-"):
            return f"{SECTION_VI.get(section, section)} · {own[len(slug) + 1 :]}"
        return own.upper() if own else str(task).rsplit("/", 1)[-1]

    def areas_of(self, node: Any) -> list[dict[str, Any]]:
        return sorted((self.link(a) for a in self.g.objects(node, MND.policyArea)), key=lambda a: a["label"])

    def actors(self, task: URIRef, with_parts: bool = True) -> list[dict[str, Any]]:
        """The task's actors with their role, inference note and evidence (its clauses' too)."""
        g = self.g
        nodes = [task, *sorted(n for n in self.under.get(task, []) if self.is_a(n, MND.Task))]
        out: dict[tuple[URIRef, str], dict[str, Any]] = {}
        for node in nodes if with_parts else [task]:
            for who, role, record in sorted(self.assigned.get(node, []), key=lambda x: (x[1], str(x[0]))):
                if (who, role) in out:
                    continue
                inferred = g.value(record, MND.inferredBy)
                spans = self.spans(record)
                doc = g.value(node, MND.inDocument)
                out[(who, role)] = {
                    **self.link(who),
                    "role": role,
                    "role_vi": ROLE_VI.get(role, role),
                    "inferred": str(inferred) if inferred else None,
                    "quote": spans[0][2] if spans else "",
                    "at": f"{self.url(doc)}#{anchor('actor', spans[0][0], spans[0][1])}"
                    if spans and self.url(doc)
                    else None,
                }
        order = {"lead": 0, "coordinate": 1}
        return sorted(out.values(), key=lambda a: (order.get(a["role"], 2), a["label"]))

    def target_row(self, t: URIRef) -> dict[str, Any]:
        g = self.g
        value, top = g.value(t, MND.targetValue), g.value(t, MND.valueMax)
        doc = g.value(t, MND.inDocument)
        spans = self.spans(t)
        indicator = g.value(t, MND.indicator)
        return {
            "indicator": self.link(indicator) if indicator is not None else None,
            "comparator": COMPARATOR_VI.get(str(g.value(t, MND.comparator) or ""), ""),
            "value": _num(float(value)) if value is not None else "",  # type: ignore[arg-type]
            "max": _num(float(top)) if top is not None else "",  # type: ignore[arg-type]
            "number": float(value) if value is not None else None,  # type: ignore[arg-type]
            "unit": str(g.value(t, MND.unit) or ""),
            "year": str(g.value(t, MND.targetYear) or "")[:4],
            "scope": str(g.value(t, MND.scope) or ""),
            "text": str(g.value(t, MND.text) or ""),
            "doc": self.link(doc) if doc is not None else None,
            "place": self.place(doc),
            "at": f"{self.url(doc)}#{anchor('target', spans[0][0], spans[0][1])}" if spans else None,
        }

    def reporting_row(self, r: URIRef) -> dict[str, Any]:
        g = self.g
        every = g.value(g.value(r, MND.recurrence), SKOS.notation) if g.value(r, MND.recurrence) else None
        deadline = str(g.value(r, MND.deadline) or "")
        doc = g.value(r, MND.inDocument)
        spans = self.spans(r)

        def who(prop: URIRef) -> dict[str, Any] | None:
            node = g.value(r, prop)
            return self.link(node) if node is not None else None

        return {
            "reporter": who(MND.reporter),
            "recipient": who(MND.recipient),
            "via": who(MND.via),
            "final": who(MND.finalRecipient),
            "deadline": date_vi(deadline) if deadline else "",
            "sort": deadline[2:] if deadline else "99",
            "every": RECURRENCE_VI.get(str(every), str(every or "")),
            "text": str(g.value(r, MND.text) or ""),
            "doc": self.link(doc) if doc is not None else None,
            "at": f"{self.url(doc)}#{anchor('reporting', spans[0][0], spans[0][1])}" if spans else None,
        }

    def hop_row(self, hop: Hop) -> dict[str, Any]:
        """One hop of a chain: the relation, the document, and where the sentence that states it is."""
        source, target = URIRef(hop.source), URIRef(hop.target)
        at = None
        if hop.relation == "partOf":
            spans = self.spans(source)
            if spans and self.url(target):
                at = f"{self.url(target)}#{anchor('task', spans[0][0], spans[0][1])}"
        else:
            for _rel, st in self.lineage.statements.get((source, target), []):
                stated = self.source_document(self.g.value(st, MND.statedIn))
                for start, end, _quote in self.spans(st):
                    if start == hop.evidence_start and self.url(stated):
                        at = f"{self.url(stated)}#{anchor('citation', start, end)}"
        issuer = self.g.value(target, MND.issuedBy)
        return {
            "relation": RELATION_VI.get(hop.relation, hop.relation),
            **self.link(target),
            "date": date_vi(hop.target_date) if hop.target_date else "",
            "issuer": self.label(issuer) if issuer is not None else "",
            "evidence": hop.evidence if hop.relation != "partOf" else None,
            "at": at,
        }

    def source_document(self, node: Any) -> Any:
        """The document whose text holds ``node`` (a statement stated in a task is in its document)."""
        return node if self.kind(node) == "doc" else self.g.value(node, MND.inDocument)

    def chains(self, node: URIRef, limit: int = 12) -> list[list[dict[str, Any]]]:
        rows = []
        for chain in self.lineage.chains(node)[:limit]:
            row = []
            for hop in chain:
                key = (hop.source, hop.target, hop.relation, hop.evidence_start)
                if key not in self._hops:
                    self._hops[key] = self.hop_row(hop)
                row.append(self._hops[key])
            rows.append(row)
        return rows

    def roots(self, node: URIRef) -> list[dict[str, Any]]:
        """The directives the chains end at, Party Central first."""
        ends = {URIRef(chain[-1].target) for chain in self.lineage.chains(node) if chain}
        ends.discard(node)
        rows = [{**self.link(e), "date": date_vi(str(self.g.value(e, MND.dateIssued) or ""))} for e in ends]
        return sorted(rows, key=lambda r: (LEVELS[r["level"]].rank, r["label"]))

    def view(self, view: GraphView) -> dict[str, Any]:
        return {"name": view.name, "data": view.payload(), "legend": view.legend(), "size": len(view)}

    # -- the "who holds it now" part (reorganisation) ---------------------------------------------------
    @cache  # noqa: B019 - one builder per site; the cache lives as long as the build
    def holding(self, task: URIRef) -> Any:
        from mandates import now

        try:
            return now.holding(self.g, task)
        except (KeyError, ValueError, LookupError, OSError):
            return None

    def now_rows(self, task: URIRef, only: URIRef | None = None) -> list[dict[str, Any]]:
        """Each assigned agency followed through the dated reorganisation events to today's holder."""
        h = self.holding(task)
        if h is None or not h.resolutions:
            return []
        from mandates import now
        from mandates.reference import load
        from mandates.reorg import area_label

        ref = load()
        base = str(task).split("/id/", 1)[0] + "/id/agency/"
        rows = []
        for role, res in h.resolutions:
            start = URIRef(base + "/".join(res.start))
            if only is not None and start != only:
                continue
            if not res.steps and not res.candidates:
                continue

            def agency(place_key: tuple[str, str]) -> dict[str, Any]:
                node = URIRef(base + "/".join(place_key))
                return {"label": now.name(ref, place_key), "url": self.url(node)}

            steps = []
            for s in res.steps:
                areas = ", ".join(area_label(a) for a in sorted(set(s.event.areas) & set(h.areas)))
                bases = []
                for code in s.event.legal_basis:
                    doc = next(iter(self.g.subjects(MND.code, Literal(code))), None)
                    bases.append({"label": now.basis_label(ref, code), "url": self.url(doc)})
                steps.append(
                    {
                        "date": date_vi(s.event.date),
                        "what": CHANGE_VI.get(s.event.kind, s.event.kind) + (f" ({areas})" if areas else ""),
                        "to": agency(s.after),
                        "bases": bases,
                    }
                )
            rows.append(
                {
                    "role_vi": ROLE_VI.get(role, role),
                    "assigned": agency(res.start),
                    "holder": agency(res.holder) if not res.candidates else None,
                    "candidates": [agency(c) for c in res.candidates],
                    "steps": steps,
                    "areas": [area_label(a) for a in h.areas],
                }
            )
        return rows

    # -- the whole site ------------------------------------------------------------------------------
    def build(self, out: Path) -> SiteResult:
        started = time.perf_counter()
        docs = sorted((n for n, k in self._kinds.items() if k == "doc"), key=str)
        if not docs:
            raise SiteError("the graph holds no documents: run `mandates build` first, or check --graph")
        if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not _is_site(out))):
            raise SiteError(f"{out}: not a site written by `mandates site`; choose another --out")
        partial = out.parent / f".{out.name}.partial"
        if partial.exists():
            shutil.rmtree(partial)
        (partial / "assets").mkdir(parents=True)
        self.out = partial
        pages = {
            "doc": self.page_doc,
            "task": self.page_task,
            "agency": self.page_agency,
            "indicator": self.page_indicator,
            "area": self.page_area,
        }
        counts: dict[str, int] = defaultdict(int)
        try:
            self.assets(partial / "assets")
            for node, kind in sorted(self._kinds.items(), key=lambda x: (x[1], str(x[0]))):
                pages[kind](node)
                counts[kind] += 1
            self.home(docs)
            (partial / "assets" / "search-index.js").write_text(self.index.to_js(), encoding="utf-8")
            (partial / MARKER).write_text("written by `mandates site`; replaced as a whole on every build\n")
        except BaseException:
            shutil.rmtree(partial, ignore_errors=True)
            raise
        if out.exists():
            old = out.parent / f".{out.name}.old"
            if old.exists():
                shutil.rmtree(old)
            out.rename(old)
            partial.rename(out)
            shutil.rmtree(old)
        else:
            partial.rename(out)
        return SiteResult(out, self.pages, time.perf_counter() - started, dict(counts))

    def assets(self, folder: Path) -> None:
        for path in sorted((HERE / "static").iterdir()):
            if path.is_file():
                shutil.copy(path, folder / path.name)
        import pyvis

        libs = sorted(Path(pyvis.__file__).parent.glob("lib/vis-*/vis-network.min.js"))
        if not libs:
            raise SiteError("the pyvis package holds no vis-network script (lib/vis-*/vis-network.min.js)")
        shutil.copy(libs[-1], folder / "vis-network.min.js")
        shutil.copy(libs[-1].with_suffix("").with_suffix(".css"), folder / "vis-network.css")

    def write(self, rel: str, template: str, **ctx: Any) -> None:
        root = "../" * rel.count("/")
        graph = any(ctx.get(key) for key in ("lineage", "network", "overview"))
        text = self.env.get_template(template).render(root=root, levels=LEVELS, graph=graph, **ctx)
        path = self.out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.pages += 1

    # -- home ----------------------------------------------------------------------------------------
    def home(self, docs: list[URIRef]) -> None:
        g = self.g
        by_place: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
        for d in docs:
            tasks = sum(1 for n in self.in_doc.get(d, []) if self.is_a(n, MND.Task))
            by_place[self.place(d) or "—"][level_of(g, d)].append(
                {
                    **self.link(d),
                    "title": str(g.value(d, DCTERMS.title) or ""),
                    "date": date_vi(str(g.value(d, MND.dateIssued) or "")),
                    "ingested": (d, MND.sourceFile, None) in g,
                    "tasks": tasks,
                }
            )
        places = sorted(by_place, key=lambda p: (p != "Việt Nam", p))
        grouped = [
            (
                place,
                [
                    (LEVELS[lv], sorted(by_place[place][lv], key=lambda d: (not d["ingested"], d["label"])))
                    for lv in sorted(by_place[place], key=lambda k: LEVELS[k].rank)
                ],
            )
            for place in places
        ]
        plans = [
            {
                **self.link(d),
                "place": self.place(d),
                "tasks": sum(1 for n in self.in_doc.get(d, []) if self.is_a(n, MND.Task)),
                "title": str(g.value(d, DCTERMS.title) or ""),
            }
            for d in docs
            if (d, MND.sourceFile, None) in g
        ]
        areas = sorted(
            (
                {**self.link(a), "count": sum(1 for _ in g.subjects(MND.policyArea, a))}
                for a, k in self._kinds.items()
                if k == "area"
            ),
            key=lambda a: a["label"],
        )
        indicators = sorted(
            (
                {**self.link(i), "count": sum(1 for _ in g.subjects(MND.indicator, i))}
                for i, k in self._kinds.items()
                if k == "indicator"
            ),
            key=lambda i: (-i["count"], i["label"]),
        )
        agencies: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for a, k in self._kinds.items():
            if k == "agency" and self.duties.get(a):
                agencies[self.place(a) or "Nhóm chủ thể"].append(
                    {**self.link(a), "count": len(self.duties[a])}
                )
        tasks = sum(1 for k in self._kinds.values() if k == "task")
        stats = {
            "plans": len(plans),
            "documents": len(docs),
            "tasks": tasks,
            "agencies": sum(1 for k in self._kinds.values() if k == "agency"),
            "indicators": len(indicators),
        }
        self.write(
            "index.html",
            "index.html.j2",
            title="Trang chủ",
            stats=stats,
            plans=plans,
            by_place=grouped,
            overview=self.view(self.views.overview()),
            areas=areas,
            indicators=indicators,
            agencies=sorted(
                (p, sorted(v, key=lambda a: (-a["count"], a["label"]))) for p, v in agencies.items()
            ),
        )

    # -- a document ----------------------------------------------------------------------------------
    def page_doc(self, d: URIRef) -> None:
        g = self.g
        parts = self.in_doc.get(d, [])
        tasks = sorted((n for n in parts if self.is_a(n, MND.Task)), key=self.position)
        top_tasks = [t for t in tasks if not self.is_a(g.value(t, MND.partOf), MND.Task)]
        sections = sorted((n for n in parts if self.is_a(n, MND.Section)), key=self.position)
        targets = sorted((n for n in parts if self.is_a(n, MND.Target)), key=self.position)
        reporting = sorted((n for n in parts if self.is_a(n, MND.ReportingObligation)), key=self.position)
        issuer = g.value(d, MND.issuedBy)
        doc_type = str(g.value(g.value(d, MND.documentType), SKOS.notation) or "")
        source = str(g.value(d, DCTERMS.source) or "")
        doc = {
            **self.link(d),
            "title": str(g.value(d, DCTERMS.title) or ""),
            "code": str(g.value(d, MND.code) or ""),
            "type": TYPE_LABELS.get(doc_type, doc_type),
            "issuer": self.link(issuer) if issuer is not None else None,
            "place": self.place(d),
            "date": date_vi(str(g.value(d, MND.dateIssued) or "")),
            "not_before": date_vi(str(g.value(d, MND.notBefore) or "")),
            "draft": bool(g.value(d, MND.isDraft)),
            "file": str(g.value(d, MND.sourceFile) or ""),
            "source": source,
            "source_is_url": source.startswith(("https://", "http://")),
            "level": LEVELS[level_of(g, d)],
        }
        # Sections as a tree, each with its tasks.
        by_parent: dict[Any, list[URIRef]] = defaultdict(list)
        for s in sections:
            by_parent[g.value(s, MND.partOf)].append(s)
        tasks_of: dict[Any, list[URIRef]] = defaultdict(list)
        for t in top_tasks:
            tasks_of[g.value(t, MND.partOf)].append(t)

        def tree(parent: Any) -> list[dict[str, Any]]:
            rows = []
            for s in by_parent.get(parent, []):
                spans = self.spans(s)
                rows.append(
                    {
                        "id": "sec-" + str(s).rsplit("/", 1)[-1],
                        "number": self.section_number(s),
                        "heading": str(g.value(s, MND.heading) or ""),
                        "at": f"#{anchor('section', spans[0][0], spans[0][1])}" if spans else None,
                        "tasks": [self.task_card(t) for t in tasks_of.get(s, [])],
                        "children": tree(s),
                    }
                )
            return rows

        outline = tree(d)
        loose = [self.task_card(t) for t in tasks_of.get(d, [])]
        # Actors of the whole document, with how many tasks they lead or support.
        counts: dict[URIRef, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for t in tasks:
            for who, role, _record in self.assigned.get(t, []):
                counts[who][role] += 1
        actors = sorted(
            (
                {**self.link(who), "lead": c.get("lead", 0), "coordinate": c.get("coordinate", 0),
                 "other": sum(v for r, v in c.items() if r not in ("lead", "coordinate"))}
                for who, c in counts.items()
            ),
            key=lambda a: (-a["lead"], -a["coordinate"], a["label"]),
        )  # fmt: skip
        up = self.chains(d)
        down = self.descendants(d)
        cites = self.cited_by_document(d)
        cited_in = self.cited_in(d)
        self.index.add(
            self.url(d) or "",
            doc["label"],
            "văn bản",
            f"{doc['place']} · {doc['title'][:110]}" if doc["place"] else doc["title"][:120],
            doc["code"],
        )
        down_edges = [(c["node"], c["parent"], c["rel"]) for c in _flatten(down)]
        self.write(
            self.url(d) or "",
            "document.html.j2",
            title=doc["label"],
            doc=doc,
            up=up,
            roots=self.roots(d),
            down=down,
            cites=cites,
            cited_in=cited_in,
            outline=outline,
            loose=loose,
            task_count=len(tasks),
            actors=actors,
            targets=[self.target_row(t) for t in targets],
            reporting=[self.reporting_row(r) for r in reporting],
            coverage=self.coverage(d),
            source_html=self.source_html(d, sections, tasks, targets, reporting),
            lineage=self.view(self.views.lineage_tree(d, down_edges)),
        )

    def task_card(self, t: URIRef) -> dict[str, Any]:
        g = self.g
        text = str(g.value(t, MND.text) or "")
        return {
            "url": self.url(t),
            "number": self.task_number(t),
            "text": text,
            "actors": self.actors(t),
            "areas": self.areas_of(t),
        }

    def descendants(self, d: URIRef, depth: int = 4, budget: int = 150) -> list[dict[str, Any]]:
        """What implements ``d``, and what implements those, as a tree (each node once)."""
        seen = {d}
        left = [budget]

        def walk(node: URIRef, level: int) -> list[dict[str, Any]]:
            rows = []
            for child, rel, _st in sorted(self.lineage.children(node), key=lambda c: str(c[0])):
                if child in seen or left[0] <= 0:
                    continue
                seen.add(child)
                left[0] -= 1
                is_task = self.is_a(child, MND.Task)
                label = (
                    f"Nhiệm vụ {self.task_number(child)} — {self.label(self.g.value(child, MND.inDocument))}"
                    if is_task
                    else self.label(child)
                )
                rows.append(
                    {
                        **self.link(child),
                        "label": label,
                        "node": child,
                        "parent": node,
                        "rel": rel,
                        "relation": RELATION_VI.get(rel, rel),
                        "children": walk(child, level + 1) if level < depth and not is_task else [],
                    }
                )
            return rows

        return walk(d, 1)

    def cited_by_document(self, d: URIRef) -> list[dict[str, Any]]:
        """Every document the text cites (itself or in its tasks), with how often."""
        g = self.g
        counts: dict[URIRef, int] = defaultdict(int)
        for st in (st for node in (d, *self.in_doc.get(d, [])) for st in g.subjects(MND.statedIn, node)):
            cited = g.value(st, MND.citedDocument)
            if isinstance(cited, URIRef) and cited != d:
                counts[cited] += 1
        return sorted(
            ({**self.link(c), "count": n} for c, n in counts.items()),
            key=lambda c: (LEVELS[c["level"]].rank, c["label"]),
        )

    def cited_in(self, d: URIRef) -> list[dict[str, Any]]:
        """The tasks of other documents that name ``d`` in their own text."""
        g = self.g
        rows = {}
        for st in g.subjects(MND.citedDocument, d):
            citing = g.value(st, MND.citingDocument)
            if citing is not None and self.is_a(citing, MND.Task):
                rows[citing] = {
                    "url": self.url(citing),
                    "number": self.task_number(citing),  # type: ignore[arg-type]
                    "doc": self.link(g.value(citing, MND.inDocument)),
                    "relation": RELATION_VI.get(str(g.value(st, MND.relation)), "nhắc đến"),
                }
        return sorted(rows.values(), key=lambda r: (r["doc"]["label"], r["number"]))

    def coverage(self, d: URIRef) -> list[dict[str, Any]]:
        """The task groups of each central document this plan's parts are aligned to, and those left out."""
        from mandates.alignment import groups

        g = self.g
        taken: dict[str, dict[str, list[str]]] = defaultdict(dict)
        centrals: dict[str, URIRef] = {}
        for record in g.subjects(RDF.type, MND.Alignment):
            section = g.value(record, MND.alignmentSource)
            if g.value(section, MND.inDocument) != d:
                continue
            group = g.value(record, MND.alignmentTarget)
            central_doc = g.value(group, MND.inDocument)
            key = str(central_doc).split("/doc/", 1)[-1]
            centrals[key] = central_doc  # type: ignore[assignment]
            part = f"{g.value(section, MND.number)} {g.value(section, MND.heading)}"
            taken[key].setdefault(str(g.value(group, MND.number)), []).append(part)
        out = []
        for key, parts in sorted(taken.items()):
            rows = [
                {"number": grp.number, "title": grp.title, "parts": parts.get(grp.number, [])}
                for grp in groups().get(key, [])
            ]
            out.append({"central": self.link(centrals[key]), "rows": rows})
        return out

    def source_text(self, d: URIRef) -> str | None:
        """The text the offsets count in: graph/texts/ for .docx/.pdf/.html, else the file decoded."""
        name = self.g.value(d, MND.sourceFile)
        if name is None:
            return None
        if self.texts_dir is not None and (self.texts_dir / f"{name}.txt").exists():
            return (self.texts_dir / f"{name}.txt").read_text(encoding="utf-8")
        if self.documents_dir is None or not (self.documents_dir / str(name)).is_file():
            return None
        from mandates.formats import extract_text

        path = self.documents_dir / str(name)
        try:
            return extract_text(path, path.read_bytes())
        except (MandatesError, OSError, ValueError):
            return None

    def source_html(
        self,
        d: URIRef,
        sections: list[URIRef],
        tasks: list[URIRef],
        targets: list[URIRef],
        reporting: list[URIRef],
    ) -> Any:
        text = self.source_text(d)
        if text is None:
            return None
        g = self.g
        spans: list[Span] = []

        def add(node: URIRef, kind: str, target: Any, tag: str, title: str) -> None:
            url = self.url(target) if target is not None else None
            links = ((back + url, tag),) if url else ()
            for start, end, quote in self.spans(node):
                if not quote or " ".join(text[start:end].split()) == " ".join(quote.split()):
                    spans.append(Span(start, end, kind, links, title))

        here = self.url(d) or ""
        back = "../" * here.count("/")
        for s in sections:
            add(s, "section", None, "", f"mục {self.section_number(s)}")
        for t in tasks:
            number = self.task_number(t)
            add(t, "task", t, number, f"nhiệm vụ {number}: bấm để mở trang nhiệm vụ")
            for who, role, record in self.assigned.get(t, []):
                add(record, "actor", who, "", f"{ROLE_VI.get(role, role)}: {self.label(who)}")
        for t in targets:
            indicator = g.value(t, MND.indicator)
            title = f"chỉ tiêu: {self.label(indicator)}" if indicator is not None else "chỉ tiêu"
            add(t, "target", indicator, "chỉ tiêu", title)
        for r in reporting:
            add(r, "reporting", None, "", "nghĩa vụ báo cáo")
        # One span per sentence of citation, however many documents it names.
        cited_at: dict[tuple[int, int], dict[URIRef, list[str]]] = defaultdict(dict)
        statements = [st for node in (d, *tasks) for st in g.subjects(MND.statedIn, node)]
        for st in sorted(set(statements), key=str):
            cited = g.value(st, MND.citedDocument)
            rel = str(g.value(st, MND.relation) or "cites")
            for start, end, _quote in self.spans(st):
                cited_at[(start, end)].setdefault(cited, []).append(RELATION_VI.get(rel, "nhắc đến"))  # type: ignore[arg-type]
        for (start, end), docs in cited_at.items():
            links = tuple(
                (back + url, self.label(c)) for c in sorted(docs, key=str) if (url := self.url(c)) is not None
            )
            title = "\n".join(
                f"{'/'.join(sorted(set(rels)))} → {self.label(c)}" for c, rels in sorted(docs.items())
            )
            spans.append(Span(start, end, "citation", links, title))
        return highlight(text, spans)

    # -- a task --------------------------------------------------------------------------------------
    def page_task(self, t: URIRef) -> None:
        g = self.g
        doc = g.value(t, MND.inDocument)
        parent = g.value(t, MND.partOf)
        spans = self.spans(t)
        number = self.task_number(t)
        text = str(g.value(t, MND.text) or "")
        parts = sorted((n for n in self.under.get(t, []) if self.is_a(n, MND.Task)), key=self.position)
        inside = [t, *parts]
        targets = [n for x in inside for n in self.under.get(x, []) if self.is_a(n, MND.Target)]
        reporting = [
            n for x in inside for n in self.under.get(x, []) if self.is_a(n, MND.ReportingObligation)
        ]
        in_section = parent is not None and self.is_a(parent, MND.Section)
        cites = []
        for st in sorted(g.subjects(MND.citingDocument, t), key=str):
            cited = g.value(st, MND.citedDocument)
            rel = str(g.value(st, MND.relation) or "")
            cites.append({**self.link(cited), "relation": RELATION_VI.get(rel, "nhắc đến")})
        task = {
            "number": number,
            "text": text,
            "doc": self.link(doc) if doc is not None else None,
            "section_number": self.section_number(parent) if in_section else "",
            "section_heading": str(g.value(parent, MND.heading) or "") if in_section else "",
            "parent_task": {"url": self.url(parent), "number": self.task_number(parent)}  # type: ignore[arg-type]
            if parent is not None and self.is_a(parent, MND.Task)
            else None,
            "at": f"{self.url(doc)}#{anchor('task', spans[0][0], spans[0][1])}" if spans and doc else None,
            "span": f"{spans[0][0]}–{spans[0][1]}" if spans else "",
            "file": str(g.value(doc, MND.sourceFile) or ""),
        }
        actors = self.actors(t)
        self.index.add(self.url(t) or "", text[:150], "nhiệm vụ", f"{number} · {self.label(doc)}")
        self.write(
            self.url(t) or "",
            "task.html.j2",
            title=f"Nhiệm vụ {number}",
            task=task,
            actors=actors,
            leads=[a for a in actors if a["role"] == "lead"],
            partners=[a for a in actors if a["role"] != "lead"],
            parts=[self.task_card(p) for p in parts],
            areas=self.areas_of(t),
            chains=self.chains(t),
            roots=self.roots(t),
            cites=cites,
            targets=[self.target_row(x) for x in sorted(set(targets), key=self.position)],
            reporting=[self.reporting_row(x) for x in sorted(set(reporting), key=self.position)],
            now=self.now_rows(t),
            lineage=self.view(self.views.lineage_tree(t)),
        )

    # -- an agency or actor group --------------------------------------------------------------------
    def page_agency(self, a: URIRef) -> None:
        g = self.g
        duties = self.duties.get(a, [])
        by_doc: dict[URIRef, list[dict[str, Any]]] = defaultdict(list)
        by_area: dict[str, dict[str, Any]] = {}
        for task, role, record in sorted(duties, key=lambda x: self.position(x[0])):
            doc = g.value(task, MND.inDocument)
            row = {
                "url": self.url(task),
                "number": self.task_number(task),
                "text": str(g.value(task, MND.text) or ""),
                "role": role,
                "role_vi": ROLE_VI.get(role, role),
                "inferred": str(g.value(record, MND.inferredBy) or "") or None,
            }
            by_doc[doc].append(row)  # type: ignore[index]
            areas = list(g.objects(task, MND.policyArea)) or list(
                g.objects(g.value(task, MND.partOf), MND.policyArea)
            )
            for area in areas or [None]:
                key = self.label(area) if area is not None else "(chưa phân loại)"
                entry = by_area.setdefault(
                    key, {"label": key, "url": self.url(area), "lead": 0, "other": 0, "tasks": []}
                )
                entry["lead" if role == "lead" else "other"] += 1
                entry["tasks"].append(row)
        reporting_nodes: set[URIRef] = set()
        for prop in (MND.reporter, MND.recipient, MND.via, MND.finalRecipient):
            reporting_nodes.update(r for r in g.subjects(prop, a) if isinstance(r, URIRef))
        calendar = []
        for r in reporting_nodes:
            row = self.reporting_row(r)
            row["as"] = ", ".join(word for prop, word in REPORTING_ROLES if g.value(r, prop) == a)
            calendar.append(row)
        calendar.sort(key=lambda r: (r["sort"], r["text"]))
        events = self.events(a)
        now_rows: list[dict[str, Any]] = []
        held: dict[str, dict[str, Any]] = {}
        for task, _role, _record in duties:
            for row in self.now_rows(task, only=a):
                who = (
                    row["holder"]["label"]
                    if row["holder"]
                    else "; ".join(c["label"] for c in row["candidates"])
                )
                entry = held.setdefault(who, {**row, "count": 0, "area_set": set()})
                entry["count"] += 1
                entry["area_set"].update(row["areas"])
        for entry in sorted(held.values(), key=lambda e: -e["count"]):
            entry["areas"] = sorted(entry.pop("area_set"))
            now_rows.append(entry)
        parent = g.value(a, ORG.subOrganizationOf)
        labels = sorted({str(x) for x in g.objects(a, SKOS.altLabel)})
        agency = {
            **self.link(a),
            "english": next((str(x) for x in g.objects(a, RDFS.label) if getattr(x, "language", "") == "en"), ""),
            "aliases": labels,
            "place": self.place(a),
            "parent": self.link(parent) if parent is not None else None,
            "group": self.is_a(a, MND.ActorGroup),
            "successors": [self.link(s) for s in sorted(g.objects(a, MND.successor), key=str)],
        }  # fmt: skip
        self.index.add(
            self.url(a) or "",
            agency["label"],
            "cơ quan",
            f"{len(duties)} nhiệm vụ" if duties else "",
            " ".join(labels),
        )
        self.write(
            self.url(a) or "",
            "agency.html.j2",
            title=agency["label"],
            agency=agency,
            by_doc=sorted(((self.link(d), rows) for d, rows in by_doc.items()), key=lambda x: x[0]["label"]),
            by_area=sorted(by_area.values(), key=lambda e: (-(e["lead"] + e["other"]), e["label"])),
            lead_count=sum(1 for _t, r, _ in duties if r == "lead"),
            task_count=len({t for t, _r, _ in duties}),
            calendar=calendar,
            events=events,
            now=now_rows,
            network=self.view(self.views.agency_network(a)) if duties else None,
        )

    def events(self, a: URIRef) -> list[dict[str, Any]]:
        """The dated reorganisation events of the graph that end or receive this body's work."""
        g = self.g
        rows = []
        for prop, direction in ((ORG.originalOrganization, "out"), (ORG.resultingOrganization, "in")):
            for e in g.subjects(prop, a):
                other_prop = ORG.resultingOrganization if direction == "out" else ORG.originalOrganization
                other = g.value(e, other_prop)
                rows.append(
                    {
                        "date": date_vi(str(g.value(e, DCTERMS.date) or "")),
                        "sort": str(g.value(e, DCTERMS.date) or ""),
                        "direction": direction,
                        "other": self.link(other) if other is not None else None,
                        "areas": [self.label(x) for x in g.objects(e, MND.transfersFunction)],
                        "bases": [self.link(b) for b in g.objects(e, MND.legalBasis)],
                        "note": str(g.value(e, SKOS.note) or ""),
                    }
                )
        return sorted(
            rows, key=lambda r: (r["sort"], r["direction"], r["other"]["label"] if r["other"] else "")
        )

    # -- an indicator --------------------------------------------------------------------------------
    def page_indicator(self, i: URIRef) -> None:
        g = self.g
        rows = [self.target_row(t) for t in g.subjects(MND.indicator, i) if isinstance(t, URIRef)]
        rows.sort(
            key=lambda r: (
                r["place"] != "Việt Nam",
                r["place"],
                r["year"],
                r["doc"]["label"] if r["doc"] else "",
            )
        )
        charts = []
        by_unit: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in rows:
            if r["number"] is not None:
                by_unit[r["unit"]].append(r)
        for unit, unit_rows in sorted(by_unit.items()):
            top = max(r["number"] for r in unit_rows) or 1.0
            bars = []
            for r in unit_rows:
                level = LEVELS[r["doc"]["level"]] if r["doc"] else LEVELS["government-province"]
                bars.append(
                    {
                        **r,
                        "width": max(2, round(360 * r["number"] / top)),
                        "colour": level.colour,
                        "caption": " · ".join(x for x in (r["place"], r["year"], r["doc"]["label"] if r["doc"] else "") if x),
                    }
                )  # fmt: skip
            charts.append({"unit": unit, "bars": bars, "height": 36 + 30 * len(bars)})
        label = self.label(i)
        self.index.add(self.url(i) or "", label, "chỉ tiêu", f"{len(rows)} chỉ tiêu")
        self.write(self.url(i) or "", "indicator.html.j2", title=label, label=label, rows=rows, charts=charts)

    # -- a policy area -------------------------------------------------------------------------------
    def page_area(self, a: URIRef) -> None:
        g = self.g
        by_place: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
        leads: dict[str, dict[URIRef, int]] = defaultdict(lambda: defaultdict(int))
        targets = []
        for node in sorted(g.subjects(MND.policyArea, a), key=self.position):
            if self.is_a(node, MND.Target):
                targets.append(self.target_row(node))  # type: ignore[arg-type]
            if not self.is_a(node, MND.Task):
                continue
            doc = g.value(node, MND.inDocument)
            place = self.place(doc) or "—"
            card = self.task_card(node)  # type: ignore[arg-type]
            by_place[place][self.label(doc)].append(card)
            for who, role, _record in self.assigned.get(node, []):  # type: ignore[call-overload]
                if role == "lead":
                    leads[place][who] += 1
        who_leads = [
            (place, sorted(({**self.link(w), "count": n} for w, n in c.items()), key=lambda x: (-x["count"], x["label"])))
            for place, c in sorted(leads.items())
        ]  # fmt: skip
        label = self.label(a)
        count = sum(len(v) for docs in by_place.values() for v in docs.values())
        self.index.add(self.url(a) or "", label, "lĩnh vực", f"{count} nhiệm vụ")
        self.write(
            self.url(a) or "",
            "area.html.j2",
            title=label,
            label=label,
            count=count,
            by_place=[(p, sorted(docs.items())) for p, docs in sorted(by_place.items())],
            who_leads=who_leads,
            targets=targets,
        )


def _flatten(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for r in rows:
        out.append(r)
        out.extend(_flatten(r["children"]))
    return out


def build_site(
    g: Graph, out: Path, documents_dir: Path | None = None, texts_dir: Path | None = None
) -> SiteResult:
    """Write the site for graph ``g`` into ``out`` (replaced as a whole when complete)."""
    return SiteBuilder(g, documents_dir, texts_dir).build(out)
