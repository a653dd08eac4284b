"""Build the static site from the graph: plain files that work from file:// and over HTTP.

Every text that comes from a document goes through Jinja2's autoescaping (or json escaping inside
script elements); graph views draw with vis-network shipped in the site itself (no CDN).
"""

from __future__ import annotations

import html
import json
import re
import shutil
from collections import defaultdict
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from mandates.labels import RELATION_VI, ROLE_VI
from mandates.lineage import Lineage
from mandates.namespaces import MND, OA, ORG

HERE = Path(__file__).parent
LEVEL_COLOURS = [
    ("Trung ương Đảng", "#b71c1c"),
    ("Chính phủ, Quốc hội, bộ", "#e65100"),
    ("Cấp ủy tỉnh", "#6a1b9a"),
    ("Chính quyền tỉnh", "#1565c0"),
    ("Nhiệm vụ", "#2e7d32"),
    ("Cơ quan", "#546e7a"),
]
MAX_NODES = 300


def page(iri: URIRef | str, kind: str) -> str:
    rest = str(iri).split("/id/", 1)[-1]
    return f"{kind}/{re.sub(r'[^A-Za-z0-9._-]+', '_', rest)}.html"


def _label(g: Graph, node: Any) -> str:
    """The Vietnamese name first (an agency's rdfs:label is its English name)."""
    for prop in (RDFS.label, SKOS.prefLabel):
        for v in g.objects(node, prop):
            if getattr(v, "language", None) == "vi":
                return str(v)
    for prop in (RDFS.label, SKOS.prefLabel, MND.number):
        v = g.value(node, prop)
        if v is not None:
            return str(v)
    return str(node).rsplit("/", 1)[-1]


def _colour(g: Graph, node: URIRef) -> str:
    if (node, MND.text, None) in g:
        return LEVEL_COLOURS[4][1]
    if (node, RDF.type, MND.Agency) in g:
        return LEVEL_COLOURS[5][1]
    code = str(g.value(node, MND.code) or "")
    path = str(node)
    if code.endswith("/TW") or "/nq-tw/" in path or "/kl-tw/" in path or "/ct-tw/" in path:
        return LEVEL_COLOURS[0][1]
    if "/doc/vn/" in path:
        return LEVEL_COLOURS[1][1]
    if code.endswith("/TU") or "-tu/" in path:
        return LEVEL_COLOURS[2][1]
    return LEVEL_COLOURS[3][1]


class SiteBuilder:
    def __init__(self, g: Graph, out: Path, documents_dir: Path | None = None) -> None:
        self.g, self.out, self.documents_dir = g, out, documents_dir
        self.lineage = Lineage(g)
        self.env = Environment(
            loader=FileSystemLoader(HERE / "templates"),
            autoescape=select_autoescape(["html", "j2"]),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.globals["legend"] = LEVEL_COLOURS
        self.index: list[dict[str, str]] = []
        self.pages = 0

    # -- helpers -------------------------------------------------------------------------------------
    def write(self, rel: str, template: str, **ctx: Any) -> None:
        root = "../" * rel.count("/")
        text = self.env.get_template(template).render(root=root, **ctx)
        path = self.out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.pages += 1

    def node(self, n: URIRef, kind: str) -> dict[str, Any]:
        return {
            "id": str(n),
            "label": _label(self.g, n)[:40],
            "title": _label(self.g, n),
            "color": _colour(self.g, n),
            "url": page(n, kind),
        }

    def actors_of(self, task: URIRef) -> list[dict[str, Any]]:
        g, out = self.g, []
        subs = [task, *g.subjects(MND.partOf, task)]
        seen = set()
        for t in subs:
            for record in g.subjects(MND.task, t):
                who = g.value(record, MND.assignee)
                role = str(g.value(record, MND.role))
                if (who, role) in seen or who is None:
                    continue
                seen.add((who, role))
                inferred = g.value(record, MND.inferredBy)
                out.append(
                    {
                        "role": role,
                        "role_vi": ROLE_VI.get(role, role),
                        "name": _label(g, who),
                        "url": page(who, "agency"),
                        "inferred": str(inferred) if inferred else None,
                    }
                )
        return sorted(out, key=lambda a: (a["role"] != "lead", a["name"]))

    def lineage_view(self, start: URIRef) -> dict[str, Any]:
        nodes: dict[str, dict[str, Any]] = {}
        edges = []
        for chain in self.lineage.chains(start)[:20]:
            for hop in chain:
                for iri in (hop.source, hop.target):
                    kind = "task" if (URIRef(iri), MND.text, None) in self.g else "doc"
                    nodes.setdefault(iri, self.node(URIRef(iri), kind))
                edges.append(
                    {
                        "from": hop.source,
                        "to": hop.target,
                        "label": RELATION_VI.get(hop.relation, hop.relation),
                    }
                )
        if not nodes:
            nodes[str(start)] = self.node(start, "doc")
        unique = {(e["from"], e["to"]): e for e in edges}
        return {
            "nodes": list(nodes.values())[:MAX_NODES],
            "edges": list(unique.values()),
            "hierarchical": True,
        }

    # -- pages ---------------------------------------------------------------------------------------
    def build(self) -> int:
        g = self.g
        if self.out.exists():
            shutil.rmtree(self.out)
        (self.out / "assets").mkdir(parents=True)
        for name in ("site.css", "search.js", "graph.js"):
            shutil.copy(HERE / "static" / name, self.out / "assets" / name)
        import pyvis

        shutil.copy(
            Path(pyvis.__file__).parent / "lib" / "vis-9.1.2" / "vis-network.min.js", self.out / "assets"
        )
        docs = sorted(set(g.subjects(RDF.type, MND.Document)), key=str)
        for d in docs:
            self.document(d)
        for t in sorted(set(g.subjects(RDF.type, MND.Task)), key=str):
            self.task(t)
        for a in sorted(
            set(g.subjects(RDF.type, MND.Agency)) | set(g.subjects(RDF.type, MND.ActorGroup)), key=str
        ):
            self.agency(a)
        indicators = sorted(set(g.objects(None, MND.indicator)), key=str)
        for i in indicators:
            self.indicator(i)
        areas = sorted(set(g.objects(None, MND.policyArea)), key=str)
        for a in areas:
            self.area(a)
        self.home(docs, indicators, areas)
        index_js = (
            "window.MANDATES_INDEX = "
            + json.dumps(self.index, ensure_ascii=False).replace("</", "<\\/")
            + ";\n"
        )
        (self.out / "assets" / "search-index.js").write_text(index_js, encoding="utf-8")
        return self.pages

    def home(self, docs: list[URIRef], indicators: list[URIRef], areas: list[URIRef]) -> None:
        g = self.g
        by_place: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for d in docs:
            place = g.value(g.value(d, MND.jurisdiction), SKOS.prefLabel)
            by_place[str(place or "—")].append(
                {
                    "url": page(d, "doc"),
                    "label": _label(g, d),
                    "title": str(g.value(d, DCTERMS.title) or ""),
                    "ingested": (d, MND.sourceFile, None) in g,
                }
            )
        order = sorted(by_place, key=lambda p: (p != "Việt Nam", p))
        nodes, edges = {}, []
        for s, o in list(g.subject_objects(MND.implements)) + list(g.subject_objects(MND.basedOn)):
            if (s, RDF.type, MND.Document) in g and (o, RDF.type, MND.Document) in g:
                nodes.setdefault(str(s), self.node(s, "doc"))  # type: ignore[arg-type]
                nodes.setdefault(str(o), self.node(o, "doc"))  # type: ignore[arg-type]
                edges.append({"from": str(s), "to": str(o)})
        tasks = len(set(g.subjects(RDF.type, MND.Task)))
        stats = (
            f"{sum(1 for d in docs if (d, MND.sourceFile, None) in g)} văn bản gốc, {len(docs)} văn bản được nhắc đến, "
            f"{tasks} nhiệm vụ, {len(set(g.subjects(RDF.type, MND.Agency)))} cơ quan, {len(indicators)} chỉ tiêu"
        )
        self.write(
            "index.html",
            "index.html.j2",
            title="Trang chủ",
            graph=True,
            stats=stats,
            by_place=[(p, sorted(by_place[p], key=lambda d: d["label"])) for p in order],
            overview={"nodes": list(nodes.values())[:MAX_NODES], "edges": edges, "hierarchical": False},
            areas=[{"url": page(a, "area"), "label": _label(g, a)} for a in areas],
            indicators=[{"url": page(i, "indicator"), "label": _label(g, i)} for i in indicators],
        )

    def document(self, d: URIRef) -> None:
        g = self.g
        up = []
        for parent, rel, st in self.lineage.parents(d):
            hop = self.lineage.hop(d, parent, rel, st)
            up.append(
                {
                    "relation": RELATION_VI.get(rel, rel),
                    "url": page(parent, "doc"),
                    "label": hop.target_label,
                    "evidence": hop.evidence,
                }
            )
        down = [
            {"url": page(c, "doc"), "label": _label(g, c)}
            for c in sorted(set(g.subjects(MND.implements, d)) | set(g.subjects(MND.basedOn, d)), key=str)
            if (c, RDF.type, MND.Document) in g
        ]
        tasks = []
        spans = []
        for t in sorted(g.subjects(MND.inDocument, d), key=str):
            if (t, RDF.type, MND.Task) not in g or (
                (t, MND.partOf, None) in g and (g.value(t, MND.partOf), RDF.type, MND.Task) in g
            ):
                continue
            section = g.value(g.value(t, MND.partOf), MND.number)
            tasks.append(
                {
                    "url": page(t, "task"),
                    "number": str(g.value(t, MND.number) or ""),
                    "section": str(section or ""),
                    "text": str(g.value(t, MND.text)),
                    "actors": self.actors_of(t),
                }
            )
            for ann in g.objects(t, MND.evidence):
                for sel in g.objects(g.value(ann, OA.hasTarget), OA.hasSelector):
                    if g.value(sel, OA.start) is not None:
                        spans.append(
                            (int(g.value(sel, OA.start)), int(g.value(sel, OA.end)), page(t, "task"))
                        )  # type: ignore[arg-type]
        targets = [
            {
                "url": page(g.value(t, MND.indicator), "indicator"),
                "indicator": _label(g, g.value(t, MND.indicator)),
                "comparator": str(g.value(t, MND.comparator)),
                "value": str(g.value(t, MND.targetValue)),
                "unit": str(g.value(t, MND.unit)),
                "year": str(g.value(t, MND.targetYear) or "")[:4],
                "text": str(g.value(t, MND.text)),
            }
            for t in sorted(g.subjects(MND.inDocument, d), key=str)
            if (t, RDF.type, MND.Target) in g
        ]
        reporting = []
        for r in sorted(g.subjects(MND.inDocument, d), key=str):
            if (r, RDF.type, MND.ReportingObligation) in g:
                every = (
                    g.value(g.value(r, MND.recurrence), SKOS.notation) if g.value(r, MND.recurrence) else None
                )
                reporting.append(
                    {
                        "deadline": str(g.value(r, MND.deadline) or "")[2:],
                        "every": str(every or ""),
                        "recipient": _label(g, g.value(r, MND.recipient))
                        if g.value(r, MND.recipient)
                        else "",
                        "via": _label(g, g.value(r, MND.via)) if g.value(r, MND.via) else "",
                        "text": str(g.value(r, MND.text)),
                    }
                )
        coverage = self.coverage(d)
        source_file = g.value(d, MND.sourceFile)
        source_html = self.source_html(str(source_file), spans) if source_file else None
        issuer = g.value(d, MND.issuedBy)
        doc = {
            "label": _label(g, d),
            "title": str(g.value(d, DCTERMS.title) or ""),
            "code": str(g.value(d, MND.code) or ""),
            "type": str(g.value(g.value(d, MND.documentType), SKOS.notation) or ""),
            "issuer": _label(g, issuer) if issuer else "",
            "place": str(g.value(g.value(d, MND.jurisdiction), SKOS.prefLabel) or ""),
            "date": str(g.value(d, MND.dateIssued) or ""),
            "not_before": str(g.value(d, MND.notBefore) or ""),
            "file": str(source_file or ""),
            "source": str(g.value(d, DCTERMS.source) or ""),
        }
        self.index.append(
            {"u": page(d, "doc"), "t": doc["label"], "c": "văn bản", "d": (doc["title"] or "")[:120]}
        )
        self.write(
            page(d, "doc"),
            "document.html.j2",
            title=doc["label"],
            graph=True,
            doc=doc,
            up=up,
            down=down,
            tasks=tasks,
            targets=targets,
            reporting=reporting,
            source_html=source_html,
            coverage=coverage,
            lineage=self.lineage_view(d),
        )

    def coverage(self, d: URIRef) -> list[dict[str, Any]]:
        """The task groups of each central document this plan's parts are aligned to, and those left out."""
        from mandates.alignment import groups

        g = self.g
        taken: dict[str, dict[str, list[str]]] = defaultdict(dict)
        for record in g.subjects(RDF.type, MND.Alignment):
            section = g.value(record, MND.alignmentSource)
            if g.value(section, MND.inDocument) != d:
                continue
            group = g.value(record, MND.alignmentTarget)
            central = str(g.value(group, MND.inDocument)).split("/doc/", 1)[-1]
            part = f"{g.value(section, MND.number)} {g.value(section, MND.heading)}"
            taken[central].setdefault(str(g.value(group, MND.number)), []).append(part)
        out = []
        for central, parts in sorted(taken.items()):
            rows = [
                {"number": grp.number, "title": grp.title, "parts": parts.get(grp.number, [])}
                for grp in groups().get(central, [])
            ]
            out.append({"central": _label(g, self.lineage_doc(central)), "rows": rows})
        return out

    def lineage_doc(self, key: str) -> URIRef:
        return URIRef(
            str(next(iter(self.g.subjects(RDF.type, MND.Document)))).split("/doc/", 1)[0] + "/doc/" + key
        )

    def source_html(self, file_name: str, spans: list[tuple[int, int, str]]) -> Any:
        """The source text, escaped, with each task's span a link to its page."""
        from markupsafe import Markup

        if self.documents_dir is None:
            return None
        path = self.documents_dir / file_name
        texts = self.out.parent / "graph" / "texts" / f"{file_name}.txt"
        if path.suffix.lower() == ".txt" and path.exists():
            text = path.read_text(encoding="utf-8")
        elif texts.exists():
            text = texts.read_text(encoding="utf-8")
        else:
            return None
        parts, pos = [], 0
        for start, end, url in sorted(set(spans)):
            if start < pos or end > len(text):
                continue
            parts.append(html.escape(text[pos:start]))
            parts.append(f'<a href="../{html.escape(url)}">{html.escape(text[start:end])}</a>')
            pos = end
        parts.append(html.escape(text[pos:]))
        return Markup("".join(parts))  # noqa: S704 - every piece above is escaped

    def task(self, t: URIRef) -> None:
        g = self.g
        doc = g.value(t, MND.inDocument)
        chains = [
            [
                {
                    "relation": RELATION_VI.get(h.relation, h.relation),
                    "label": h.target_label,
                    "url": page(h.target, "task" if (URIRef(h.target), MND.text, None) in g else "doc"),
                    "evidence": h.evidence if h.relation != "partOf" else None,
                }
                for h in chain
            ]
            for chain in self.lineage.chains(t)[:8]
        ]
        holders = []
        try:
            from mandates import now as holdings
            from mandates.reference import load

            h = holdings.holding(g, t)
            for role, res in h.resolutions:
                if res.steps:
                    last = (
                        holdings.name(load(), res.holder)
                        if res.decided
                        else ", ".join(holdings.name(load(), c) for c in res.candidates)
                    )
                    holders.append(
                        f"{ROLE_VI.get(role, role)}: {last} (sau {', '.join(s.event.date for s in res.steps)})"
                    )
        except (KeyError, ValueError):
            holders = []
        section = g.value(g.value(t, MND.partOf), MND.number)
        task = {
            "number": str(g.value(t, MND.number) or ""),
            "text": str(g.value(t, MND.text)),
            "document": _label(g, doc),
            "doc_url": page(doc, "doc"),
            "section": str(section or ""),
            "actors": self.actors_of(t),
            "now": holders,
        }
        self.index.append(
            {"u": page(t, "task"), "t": task["text"][:160], "c": "nhiệm vụ", "d": task["document"]}
        )
        self.write(
            page(t, "task"),
            "task.html.j2",
            title=f"Nhiệm vụ {task['number']}",
            graph=True,
            task=task,
            chains=chains,
            lineage=self.lineage_view(t),
        )

    def agency(self, a: URIRef) -> None:
        g = self.g
        by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
        nodes = {str(a): self.node(a, "agency")}
        edges = []
        for record in g.subjects(MND.assignee, a):
            t = g.value(record, MND.task)
            role = str(g.value(record, MND.role))
            doc = g.value(t, MND.inDocument)
            inferred = g.value(record, MND.inferredBy)
            by_doc[_label(g, doc)].append(
                {
                    "role": role,
                    "role_vi": ROLE_VI.get(role, role),
                    "url": page(t, "task"),
                    "number": str(g.value(t, MND.number) or ""),
                    "text": str(g.value(t, MND.text)),
                    "inferred": str(inferred) if inferred else None,
                }
            )
            if len(nodes) < MAX_NODES:
                nodes.setdefault(str(doc), self.node(doc, "doc"))  # type: ignore[arg-type]
                edges.append({"from": str(a), "to": str(doc), "label": ROLE_VI.get(role, role)})
        reporting = []
        for prop in (MND.reporter, MND.recipient, MND.via):
            for r in g.subjects(prop, a):
                every = (
                    g.value(g.value(r, MND.recurrence), SKOS.notation) if g.value(r, MND.recurrence) else ""
                )
                rep = g.value(r, MND.reporter)
                rec = g.value(r, MND.recipient)
                reporting.append(
                    {
                        "deadline": str(g.value(r, MND.deadline) or "")[2:],
                        "every": str(every or ""),
                        "reporter": _label(g, rep) if rep else "—",
                        "recipient": _label(g, rec) if rec else "",
                        "doc": _label(g, g.value(r, MND.inDocument)),
                    }
                )
        events = []
        for e in g.objects(a, ORG.changedBy):
            after = g.value(e, ORG.resultingOrganization)
            areas = ", ".join(_label(g, x) for x in g.objects(e, MND.transfersFunction))
            bases = ", ".join(_label(g, b) for b in g.objects(e, MND.legalBasis))
            events.append(
                f"{g.value(e, DCTERMS.date)}: {'phần việc ' + areas + ' ' if areas else ''}chuyển sang "
                f"{_label(g, after)} — căn cứ {bases}"
            )
        labels = sorted({str(x) for x in g.objects(a, SKOS.altLabel)})
        agency = {
            "name": _label(g, a),
            "labels": " · ".join(labels[:12]),
            "by_doc": sorted(by_doc.items()),
            "reporting": sorted(reporting, key=lambda r: r["deadline"] or "99"),
            "events": sorted(events),
        }
        self.index.append(
            {"u": page(a, "agency"), "t": agency["name"], "c": "cơ quan", "d": " ".join(labels[:6])}
        )
        self.write(
            page(a, "agency"),
            "agency.html.j2",
            title=agency["name"],
            graph=True,
            agency=agency,
            network={"nodes": list(nodes.values()), "edges": edges, "hierarchical": False},
        )

    def indicator(self, i: URIRef) -> None:
        g = self.g
        targets = []
        for t in g.subjects(MND.indicator, i):
            doc = g.value(t, MND.inDocument)
            targets.append(
                {
                    "place": str(g.value(g.value(doc, MND.jurisdiction), SKOS.prefLabel) or ""),
                    "doc": _label(g, doc),
                    "doc_url": page(doc, "doc"),
                    "comparator": str(g.value(t, MND.comparator)),
                    "value": float(g.value(t, MND.targetValue)),
                    "unit": str(g.value(t, MND.unit)),  # type: ignore[arg-type]
                    "year": str(g.value(t, MND.targetYear) or "")[:4],
                    "text": str(g.value(t, MND.text)),
                }
            )
        top = max((t["value"] for t in targets), default=1) or 1
        for t in targets:
            t["bar"] = int(380 * t["value"] / top)
            t["value"] = f"{t['value']:g}"
        indicator = {"label": _label(g, i), "targets": sorted(targets, key=lambda t: (t["place"], t["year"]))}
        self.index.append({"u": page(i, "indicator"), "t": indicator["label"], "c": "chỉ tiêu"})
        self.write(
            page(i, "indicator"),
            "indicator.html.j2",
            title=indicator["label"],
            graph=False,
            indicator=indicator,
        )

    def area(self, a: URIRef) -> None:
        g = self.g
        by_place: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for t in g.subjects(MND.policyArea, a):
            if (t, RDF.type, MND.Task) not in g:
                continue
            doc = g.value(t, MND.inDocument)
            leads = ", ".join(sorted(_label(g, x) for x in g.objects(t, MND.leadAgency)))
            by_place[str(g.value(g.value(doc, MND.jurisdiction), SKOS.prefLabel) or "")].append(
                {
                    "url": page(t, "task"),
                    "number": str(g.value(t, MND.number) or ""),
                    "text": str(g.value(t, MND.text)),
                    "leads": leads,
                }
            )
        area = {
            "label": _label(g, a),
            "count": sum(len(v) for v in by_place.values()),
            "by_place": sorted(by_place.items()),
        }
        self.index.append({"u": page(a, "area"), "t": area["label"], "c": "lĩnh vực"})
        self.write(page(a, "area"), "area.html.j2", title=area["label"], graph=False, area=area)
