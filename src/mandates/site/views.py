"""Interactive graph views: focused subgraphs built with pyvis, drawn by vis-network shipped in the site.

pyvis assembles the nodes, edges and options; its own HTML template is not used (it loads Bootstrap and
vis-network from CDNs, and inserts headings and titles that contain "href" as raw HTML). Each view is
handed to the page as JSON data (``GraphView.payload``), and ``static/graph.js`` draws it: tooltips are
plain text, a click opens the node's page.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from pyvis.network import Network
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from mandates.labels import RELATION_VI, ROLE_VI
from mandates.lineage import Lineage
from mandates.namespaces import MND

MAX_NODES = 300  # a view is a focused subgraph: beyond this it stops adding nodes and says so
LABEL_WIDTH = 34  # characters of a node's label under its dot; the tooltip has the whole name

# Central Party bodies and provincial Party committees, by the last segment of their IRI.
PARTY_CENTRAL = frozenset({"bo-chinh-tri", "ban-bi-thu", "ban-chap-hanh-trung-uong", "trung-uong-dang"})
PARTY_PROVINCE = ("tinh-uy",)  # "tinh-uy", "ban-thuong-vu-tinh-uy"


@dataclass(frozen=True)
class Level:
    """A colour of the views and a row of their legend; ``rank`` is the row of the lineage tree."""

    key: str
    label: str
    colour: str
    rank: int
    shape: str = "dot"


LEVELS: dict[str, Level] = {
    level.key: level
    for level in (
        Level("party-central", "Trung ương Đảng", "#b71c1c", 0),
        Level("government", "Quốc hội, Chính phủ, bộ, ngành Trung ương", "#ef6c00", 1),
        Level("party-province", "Cấp ủy tỉnh", "#8e24aa", 2),
        Level("government-province", "Chính quyền tỉnh (UBND, sở, ngành)", "#1565c0", 3),
        Level("task", "Nhiệm vụ", "#2e7d32", 4, "square"),
        Level("agency", "Cơ quan", "#546e7a", 5, "triangle"),
        Level("group", "Nhóm chủ thể", "#90a4ae", 5, "triangleDown"),
    )
}


def level_of(g: Graph, node: URIRef) -> str:
    """The level a node is drawn at: a document by its issuer (else its code, else its place)."""
    if (node, RDF.type, MND.Task) in g:
        return "task"
    if (node, RDF.type, MND.ActorGroup) in g:
        return "group"
    if (node, RDF.type, MND.Agency) in g:
        return "agency"
    issuer = str(g.value(node, MND.issuedBy) or "").rsplit("/", 1)[-1]
    code = str(g.value(node, MND.code) or "")
    place = str(g.value(node, MND.jurisdiction) or "").rsplit("/", 1)[-1]
    if issuer in PARTY_CENTRAL or code.endswith("/TW"):
        return "party-central"
    if issuer.endswith(PARTY_PROVINCE) or code.endswith("/TU"):
        return "party-province"
    if place == "vn" or (not place and str(node).split("/id/doc/", 1)[-1].startswith("vn/")):
        return "government"
    return "government-province"


def label_of(g: Graph, node: Any) -> str:
    """The Vietnamese name first (an agency's rdfs:label is its English name)."""
    for prop in (RDFS.label, SKOS.prefLabel):
        for value in g.objects(node, prop):
            if getattr(value, "language", None) == "vi":
                return str(value)
    for prop in (RDFS.label, SKOS.prefLabel, MND.number):
        value = g.value(node, prop)
        if value is not None:
            return str(value)
    return str(node).rstrip("/").rsplit("/", 1)[-1]


def date_vi(iso: str) -> str:
    """ "2023-11-24" → "24/11/2023"; "--11-25" (a yearly deadline) → "25/11"; anything else unchanged."""
    parts = iso.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{parts[2]}/{parts[1]}/{parts[0]}"
    if iso.startswith("--") and len(parts) == 4:
        return f"{parts[3]}/{parts[2]}"
    return iso


def _short(text: str, width: int = LABEL_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


@dataclass
class GraphView:
    """One view: a pyvis network and what its legend shows."""

    name: str
    net: Network
    levels: set[str] = field(default_factory=set)
    truncated: int = 0  # nodes left out to keep the view focused

    def payload(self) -> dict[str, Any]:
        nodes, edges, _heading, _height, _width, options = self.net.get_network_data()
        return {
            "nodes": nodes,
            "edges": edges,
            "options": json.loads(options) if isinstance(options, str) else options,
            "truncated": self.truncated,
        }

    def legend(self) -> list[Level]:
        return sorted((LEVELS[k] for k in self.levels), key=lambda lv: (lv.rank, lv.key))

    def __len__(self) -> int:
        return len(self.net.nodes)


HIERARCHICAL = {
    "layout": {
        "hierarchical": {
            "enabled": True,
            "direction": "UD",
            "sortMethod": "directed",
            "levelSeparation": 120,
            "nodeSpacing": 170,
            "shakeTowards": "roots",
        }
    },
    "physics": {"enabled": False},
    "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False},
    "edges": {"smooth": {"enabled": True, "type": "cubicBezier", "forceDirection": "vertical"}},
}
FORCE = {
    "physics": {
        "enabled": True,
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 110},
        "stabilization": {"enabled": True, "iterations": 250, "fit": True},
    },
    "interaction": {"hover": True, "tooltipDelay": 120},
    "edges": {"smooth": {"enabled": False}},
}
COMMON = {
    "nodes": {"font": {"size": 13, "face": "system-ui"}, "size": 14, "borderWidth": 1},
    "edges": {"font": {"size": 10, "align": "middle", "color": "#44505c"}, "color": {"color": "#8895a7"}},
}


def _options(layout: dict[str, Any]) -> str:
    merged: dict[str, Any] = json.loads(json.dumps(COMMON))
    for key, value in layout.items():
        merged.setdefault(key, {}).update(value)
    # pyvis parses the options as JSON after stripping every space: the values above have none.
    return json.dumps(merged, separators=(",", ":"))


class ViewMaker:
    """The views of the site, drawn from the graph; ``page(node, kind)`` gives a node's page."""

    def __init__(
        self,
        g: Graph,
        lineage: Lineage,
        page: Callable[[URIRef], str | None],
        name: Callable[[URIRef], str] | None = None,
    ) -> None:
        self.g, self.lineage, self.page = g, lineage, page
        self.name = name or (lambda node: label_of(g, node))

    def _network(self, layout: dict[str, Any]) -> Network:
        net = Network(height="440px", width="100%", directed=True, cdn_resources="in_line")
        net.set_options(_options(layout))
        return net

    def _add(self, view: GraphView, node: URIRef, hierarchical: bool, note: str = "") -> bool:
        """Add ``node`` (once); False when the view is full."""
        key = str(node)
        if key in view.net.node_map:
            return True
        if len(view.net.nodes) >= MAX_NODES:
            view.truncated += 1
            return False
        g = self.g
        level = LEVELS[level_of(g, node)]
        view.levels.add(level.key)
        name = self.name(node)
        title_lines = [label_of(g, node) if level.key != "task" else name]
        if level.key == "task":
            text = str(g.value(node, MND.text) or "")
            doc = g.value(node, MND.inDocument)
            title_lines.append(_short(text, 240))
            if doc is not None:
                title_lines.append(f"thuộc {label_of(g, doc)}")
        else:
            issued = g.value(node, MND.dateIssued)
            if issued is not None:
                title_lines.append(f"ngày {date_vi(str(issued))}")
            doc_title = g.value(node, DCTERMS.title)
            if doc_title is not None:
                title_lines.append(_short(str(doc_title), 240))
        title_lines.append(level.label + (f" · {note}" if note else ""))
        options: dict[str, Any] = {"title": "\n".join(title_lines), "shape": level.shape}
        url = self.page(node)
        if url:
            options["url"] = url
        if hierarchical:
            options["level"] = level.rank
        view.net.add_node(key, label=_short(name), color=level.colour, **options)
        return True

    def _edge(self, view: GraphView, a: URIRef, b: URIRef, label: str = "", dashes: bool = False) -> None:
        if str(a) not in view.net.node_map or str(b) not in view.net.node_map:
            return
        options: dict[str, Any] = {"title": label} if label else {}
        if label:
            options["label"] = label
        if dashes:
            options["dashes"] = True
            options["color"] = {"color": "#c3cad4"}
        view.net.add_edge(str(a), str(b), **options)

    # -- the lineage tree of a document or a task -----------------------------------------------------
    def lineage_tree(self, start: URIRef, down: Iterable[tuple[URIRef, URIRef, str]] = ()) -> GraphView:
        """Every chain up from ``start`` to its roots, and the given (child, parent, relation) edges down."""
        view = GraphView("lineage", self._network(HIERARCHICAL))
        self._add(view, start, True)
        edges: dict[tuple[str, str], str] = {}
        for chain in self.lineage.chains(start):
            for hop in chain:
                a, b = URIRef(hop.source), URIRef(hop.target)
                if self._add(view, a, True) and self._add(view, b, True):
                    edges.setdefault((hop.source, hop.target), RELATION_VI.get(hop.relation, hop.relation))
        for child, parent, relation in down:
            if self._add(view, parent, True) and self._add(view, child, True):
                edges.setdefault((str(child), str(parent)), RELATION_VI.get(relation, relation))
        for (a, b), label in sorted(edges.items()):
            self._edge(view, URIRef(a), URIRef(b), label)
        return view

    # -- an agency's network: its tasks, their documents, its partners ---------------------------------
    def agency_network(self, agency: URIRef, max_tasks: int = 120) -> GraphView:
        g = self.g
        view = GraphView("network", self._network(FORCE))
        self._add(view, agency, False)
        records = sorted(g.subjects(MND.assignee, agency), key=str)
        tasks: dict[URIRef, str] = {}
        for record in records:
            task = g.value(record, MND.task)
            if isinstance(task, URIRef) and len(tasks) < max_tasks:
                tasks.setdefault(task, str(g.value(record, MND.role) or ""))
        for task, role in tasks.items():
            if not self._add(view, task, False):
                break
            self._edge(view, agency, task, ROLE_VI.get(role, role))
            doc = g.value(task, MND.inDocument)
            if isinstance(doc, URIRef) and self._add(view, doc, False):
                self._edge(view, task, doc, dashes=True)
            for other in sorted(g.subjects(MND.task, task), key=str):
                partner = g.value(other, MND.assignee)
                if isinstance(partner, URIRef) and partner != agency and self._add(view, partner, False):
                    partner_role = str(g.value(other, MND.role) or "")
                    self._edge(view, partner, task, ROLE_VI.get(partner_role, partner_role))
        return view

    # -- the corpus: documents and how they implement one another ------------------------------------
    def overview(self) -> GraphView:
        g = self.g
        view = GraphView("overview", self._network(HIERARCHICAL))
        ingested = sorted(g.subjects(MND.sourceFile, None), key=str)
        for doc in ingested:
            self._add(view, doc, True, "văn bản gốc")
        lineage: set[tuple[URIRef, URIRef, str]] = set()
        for prop, relation in ((MND.implements, "implements"), (MND.basedOn, "basedOn")):
            for a, b in g.subject_objects(prop):
                if (a, RDF.type, MND.Document) in g and (b, RDF.type, MND.Document) in g:
                    lineage.add((a, b, relation))  # type: ignore[arg-type]
        for a, b, relation in sorted(lineage):
            if self._add(view, a, True) and self._add(view, b, True):
                self._edge(view, a, b, RELATION_VI.get(relation, relation))
        pairs = {(a, b) for a, b, _ in lineage}
        for a, b in sorted(g.subject_objects(MND.cites)):
            if (a, b) in pairs or (a, RDF.type, MND.Document) not in g:
                continue
            if self._add(view, a, True) and self._add(view, b, True):
                self._edge(view, a, b, dashes=True)  # type: ignore[arg-type]
        return view
