"""Extracted records to RDF, following the contract of DATA-MODEL.md.

Every fact that comes from a text carries mnd:evidence: an oa:Annotation whose target selects the
span in the source document by position and by quote. Nodes are IRIs (no blank nodes), so the same
input always gives the same graph.
"""

from __future__ import annotations

from decimal import Decimal

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from mandates import policy_areas
from mandates.actors import Recognizer
from mandates.agencies import AgencyRef, display_name, issuer_agency, short_forms
from mandates.alignment import THRESHOLD, Alignment
from mandates.duties import PlacedReporting, PlacedTarget
from mandates.extract import DocumentExtract, latest_citation_date
from mandates.ids import Ids, part_slug, slug
from mandates.labels import TYPE_LABELS
from mandates.model import ActorMention, Citation, DocRef, Span
from mandates.namespaces import DOC_CLASS, ELI, MND, OA, ORG
from mandates.reference import Reference
from mandates.resolve import DocIndex, MergedDoc, self_key

ROLE_PROPERTY = {
    "lead": MND.leadAgency,
    "coordinate": MND.coordinatingAgency,
    "advise": MND.adviser,
    "request": MND.requestedOf,
    "monitor": MND.monitor,
    "guide": MND.guide,
    "accountable": MND.responsibleActor,
}


def new_graph() -> Graph:
    g = Graph()
    for prefix, ns in (
        ("mnd", MND._NS),
        ("eli", ELI),
        ("org", ORG),
        ("prov", PROV),
        ("skos", SKOS),
        ("oa", OA),
        ("dcterms", DCTERMS),
        ("owl", OWL),
    ):
        g.bind(prefix, ns)
    return g


def agency_functions(entry: object) -> set[str]:
    """Policy areas an agency answers for today (data/reference/agency_functions.csv)."""
    from mandates.responsibility import functions_of
    from mandates.textnorm import fold

    if entry is None:
        return set()
    names = {fold(n) for n in (entry.name, *entry.aliases)}  # type: ignore[attr-defined]
    return functions_of(names, "9999-12-31") or functions_of(names, "2025-02-28")


def collapse(text: str) -> str:
    return " ".join(text.split())


class GraphWriter:
    """Writes documents into one graph; the index merges the documents they cite."""

    def __init__(self, ref: Reference, index: DocIndex, ids: Ids | None = None) -> None:
        self.ref = ref
        self.index = index
        self.ids = ids or Ids()
        self.g = new_graph()
        self.g.bind("mid", self.ids.base)
        self._agencies: set[AgencyRef] = set()
        self._surfaces: dict[URIRef, set[str]] = {}
        self._recognizers: dict[str, Recognizer] = {}
        self._jurisdictions: set[str] = set()

    # -- evidence -------------------------------------------------------------------------------
    def evidence(self, node: URIRef, doc: URIRef, source: str, span: Span) -> None:
        ann = URIRef(f"{node}/evidence/{span.start}-{span.end}")
        target, pos, quote = URIRef(f"{ann}/target"), URIRef(f"{ann}/position"), URIRef(f"{ann}/quote")
        g = self.g
        g.add((node, MND.evidence, ann))
        g.add((ann, RDF.type, OA.Annotation))
        g.add((ann, OA.hasTarget, target))
        g.add((target, RDF.type, OA.SpecificResource))
        g.add((target, OA.hasSource, doc))
        g.add((target, OA.hasSelector, pos))
        g.add((target, OA.hasSelector, quote))
        g.add((pos, RDF.type, OA.TextPositionSelector))
        g.add((pos, OA.start, Literal(span.start, datatype=XSD.nonNegativeInteger)))
        g.add((pos, OA.end, Literal(span.end, datatype=XSD.nonNegativeInteger)))
        g.add((quote, RDF.type, OA.TextQuoteSelector))
        g.add((quote, OA.exact, Literal(collapse(source[span.start : span.end]))))

    # -- reference nodes ------------------------------------------------------------------------
    def jurisdiction(self, key: str) -> URIRef:
        self._jurisdictions.add(key)
        return self.ids.jurisdiction(key)

    def agency(self, a: AgencyRef) -> URIRef:
        self._agencies.add(a)
        return self.ids.agency(a.jurisdiction, a.key)

    def _surface_name(self, node: URIRef) -> str | None:
        """The fullest name the texts give a body the gazetteer does not know."""
        names = sorted(self._surfaces.get(node, ()), key=lambda n: (-len(n), n))
        return names[0] if names else None

    def finish(self) -> Graph:
        """Write the reference nodes the documents used."""
        g = self.g
        for key in sorted(self._jurisdictions | {"vn"}):
            node = self.ids.jurisdiction(key)
            j = self.ref.jurisdictions.get(key)
            g.add((node, RDF.type, MND.Jurisdiction))
            g.add((node, RDF.type, DCTERMS.Location))
            g.add(
                (
                    node,
                    SKOS.prefLabel,
                    Literal(j.name if j else ("Việt Nam" if key == "vn" else key), lang="vi"),
                )
            )
            if j and j.source_url:
                g.add((node, DCTERMS.source, Literal(j.source_url)))
            if key != "vn":
                g.add((node, DCTERMS.isPartOf, self.ids.jurisdiction("vn")))
        for a in sorted(self._agencies, key=lambda x: (x.jurisdiction, x.key)):
            node = self.ids.agency(a.jurisdiction, a.key)
            entry = self.ref.agencies.get(a.key)
            g.add((node, RDF.type, MND.Agency))
            g.add((node, RDF.type, ORG.Organization))
            g.add(
                (
                    node,
                    SKOS.prefLabel,
                    Literal(
                        display_name(entry, a.key, a.jurisdiction, self.ref, self._surface_name(node)),
                        lang="vi",
                    ),
                )
            )
            for form in sorted(
                set(short_forms(entry, a.jurisdiction, self.ref)) | self._surfaces.get(node, set())
            ):
                g.add((node, SKOS.altLabel, Literal(form, lang="vi")))
            if entry and entry.label_en:
                g.add((node, RDFS.label, Literal(entry.label_en, lang="en")))
            for area in sorted(agency_functions(entry)):
                g.add((node, MND.policyArea, self.ids.policy_area(area)))
            if entry and entry.source_url:
                g.add((node, DCTERMS.source, Literal(entry.source_url)))
            g.add((node, MND.jurisdiction, self.ids.jurisdiction(a.jurisdiction)))
            self._jurisdictions.add(a.jurisdiction)
            if entry and entry.parent:
                parent_entry = self.ref.agencies.get(entry.parent)
                place = "vn" if parent_entry is None or parent_entry.level == "central" else a.jurisdiction
                g.add((node, ORG.subOrganizationOf, self.ids.agency(place, entry.parent)))
        return g

    # -- documents ------------------------------------------------------------------------------
    def _doc_node(self, m: MergedDoc) -> URIRef:
        node = self.ids.doc(m.key)
        g = self.g
        g.add((node, RDF.type, MND.Document))
        g.add((node, RDF.type, DOC_CLASS.get(m.doc_type, MND.Document)))
        g.add((node, MND.documentType, self.ids.doc_type(m.doc_type)))
        g.add((node, MND.jurisdiction, self.jurisdiction(m.jurisdiction)))
        if m.code:
            g.add((node, MND.code, Literal(m.code)))
        if m.date:
            g.add((node, MND.dateIssued, Literal(m.date, datatype=XSD.date)))
        if m.title:
            g.add((node, DCTERMS.title, Literal(m.title, lang="vi")))
        if m.registry_source:
            g.add((node, DCTERMS.source, Literal(m.registry_source)))
        label = f"{TYPE_LABELS.get(m.doc_type, m.doc_type)} {m.code}" if m.code else (m.title or m.key)
        g.add((node, RDFS.label, Literal(label, lang="vi")))
        issuer = (
            AgencyRef("vn" if m.jurisdiction == "vn" else m.jurisdiction, m.registry_issuer)
            if m.registry_issuer
            else issuer_agency(
                m.issuer_code,
                m.issuer_names.most_common(1)[0][0] if m.issuer_names else None,
                m.jurisdiction,
                self.ref,
            )
        )
        if issuer:
            g.add((node, MND.issuedBy, self.agency(issuer)))
        return node

    def cited(self, r: DocRef) -> URIRef:
        return self._doc_node(self.index.docs[self.index.key(r)])

    def document(self, doc: DocumentExtract) -> URIRef:
        ident = doc.identity
        g = self.g
        jurisdiction = ident.jurisdiction or "vn"
        node = self.ids.doc(self_key(doc))
        doc_type = ident.doc_type or "KH"
        g.add((node, RDF.type, MND.Document))
        g.add((node, RDF.type, DOC_CLASS.get(doc_type, MND.Document)))
        g.add((node, MND.documentType, self.ids.doc_type(doc_type)))
        g.add((node, MND.sourceFile, Literal(doc.source_file)))
        g.add((node, MND.jurisdiction, self.jurisdiction(jurisdiction)))
        if ident.code:
            g.add((node, MND.code, Literal(ident.code)))
        if ident.date:
            g.add((node, MND.dateIssued, Literal(ident.date, datatype=XSD.date)))
        if ident.draft:
            g.add((node, MND.isDraft, Literal(True)))
        if not ident.date:
            latest = latest_citation_date(doc)
            floor = f"{ident.year}-01-01" if ident.year else None
            not_before = max(d for d in (latest, floor) if d) if (latest or floor) else None
            if not_before:
                g.add((node, MND.notBefore, Literal(not_before, datatype=XSD.date)))
        if ident.title:
            g.add((node, DCTERMS.title, Literal(ident.title, lang="vi")))
        type_name = TYPE_LABELS.get(doc_type, doc_type)
        place = self.ref.jurisdictions.get(jurisdiction)
        label = (
            f"{type_name} {ident.code}"
            if ident.code
            else f"{type_name} (không số) {place.label if place else ''}"
        )
        g.add((node, RDFS.label, Literal(collapse(label), lang="vi")))
        issuer = issuer_agency(ident.issuer_code, None, jurisdiction, self.ref)
        if ident.issuer_key:
            issuer = AgencyRef(jurisdiction, ident.issuer_key)
        if issuer:
            g.add((node, MND.issuedBy, self.agency(issuer)))
        for span in ident.evidence.values():
            self.evidence(node, node, doc.source, span)
        if ident.title_span:
            self.evidence(node, node, doc.source, ident.title_span)
        self._structure(doc, node)
        self._citations(doc, node)
        self._duties(doc, node)
        return node

    def part(self, doc_node: URIRef, number: str) -> URIRef:
        return URIRef(f"{doc_node}/part/{number}")

    def _structure(self, doc: DocumentExtract, node: URIRef) -> None:
        g = self.g
        duties = doc.responsibilities
        for s in doc.outline.sections:
            sec = self.part(node, part_slug(s.number))
            g.add((sec, RDF.type, MND.Section))
            g.add((sec, RDF.type, ELI.LegalResourceSubdivision))
            g.add((sec, MND.number, Literal(s.number)))
            if s.heading:
                g.add((sec, MND.heading, Literal(s.heading, lang="vi")))
            parent = self.part(node, part_slug(s.parent)) if s.parent else node
            g.add((sec, MND.partOf, parent))
            g.add((sec, MND.inDocument, node))
            for area in policy_areas.classify(s.heading, limit=2):
                g.add((sec, MND.policyArea, self.ids.policy_area(area)))
            self.evidence(sec, node, doc.source, s.span)
        for t in [*doc.outline.tasks, *(duties.subtasks if duties else [])]:
            task = self.part(node, t.number)
            g.add((task, RDF.type, MND.Task))
            g.add((task, RDF.type, ELI.LegalResourceSubdivision))
            g.add((task, MND.text, Literal(collapse(doc.source[t.span.start : t.span.end]), lang="vi")))
            g.add((task, MND.number, Literal(t.number)))
            parent = self.part(node, part_slug(t.parent or t.section)) if (t.parent or t.section) else node
            if t.parent:
                parent = self.part(node, t.parent)
            g.add((task, MND.partOf, parent))
            g.add((task, MND.inDocument, node))
            self.evidence(task, node, doc.source, t.span)
            if duties and t.number in duties.by_task:
                for actor in duties.by_task[t.number].actors:
                    self._assign(doc, node, task, actor)
            # The areas that decided an inferred assignment; otherwise the areas its own words name.
            areas = (duties.areas.get(t.number) if duties else None) or policy_areas.classify(
                doc.source[t.span.start : t.span.end], limit=2
            )
            for area in areas:
                g.add((task, MND.policyArea, self.ids.policy_area(area)))

    def _duties(self, doc: DocumentExtract, node: URIRef) -> None:
        if doc.duties is None:
            return
        for placed in doc.duties.targets:
            self._target(doc, node, placed)
        for placed in doc.duties.reporting:
            self._reporting(doc, node, placed)

    def _holder(self, node: URIRef, section: str | None, task: str | None) -> URIRef:
        if task:
            return self.part(node, task)
        return self.part(node, part_slug(section)) if section else node

    def _target(self, doc: DocumentExtract, node: URIRef, placed: PlacedTarget) -> None:
        g, t = self.g, placed.match
        target = URIRef(f"{node}/target/{t.span.start}-{t.span.end}")
        g.add((target, RDF.type, MND.Target))
        g.add((target, MND.inDocument, node))
        g.add((target, MND.partOf, self._holder(node, placed.section, placed.task)))
        g.add((target, MND.text, Literal(collapse(doc.source[t.span.start : t.span.end]), lang="vi")))
        g.add((target, MND.comparator, Literal(t.comparator)))
        g.add((target, MND.targetValue, Literal(t.value, datatype=XSD.decimal)))
        if t.value_max is not None:
            g.add((target, MND.valueMax, Literal(t.value_max, datatype=XSD.decimal)))
        g.add((target, MND.unit, Literal(t.unit)))
        if t.year:
            g.add((target, MND.targetYear, Literal(str(t.year), datatype=XSD.gYear)))
        if t.scope:
            g.add((target, MND.scope, Literal(t.scope, lang="vi")))
        concept = self.indicator(t.indicator)
        g.add((target, MND.indicator, concept))
        for area in policy_areas.classify(t.indicator, limit=1):
            g.add((target, MND.policyArea, self.ids.policy_area(area)))
        self.evidence(target, node, doc.source, t.span)

    def indicator(self, label: str) -> URIRef:
        from mandates.targets import indicator_key

        concept = self.ids.indicator(indicator_key(label))
        if (concept, RDF.type, SKOS.Concept) not in self.g:
            self.g.add((concept, RDF.type, SKOS.Concept))
            self.g.add((concept, SKOS.inScheme, self.ids.iri("indicator")))
            self.g.add((concept, SKOS.prefLabel, Literal(label, lang="vi")))
        return concept

    def _named(self, doc: DocumentExtract, surface: str | None) -> URIRef | None:
        """The agency or group a reporting sentence names ("Ủy ban nhân dân tỉnh", "Sở Y tế")."""
        if not surface:
            return None
        recognizer = self._recognizer(doc)
        mentions = [m for m in recognizer.find(surface) if not m.is_group] or recognizer.find(surface)
        if mentions:
            m = mentions[0]
            a = ActorMention(Span(0, 0), m.key, "recipient", m.is_group, None, m.surface, m.central)
            return self.actor(doc, a)
        a = ActorMention(Span(0, 0), slug(surface)[:60], "recipient", True, None, surface)
        return self.actor(doc, a)

    def _recognizer(self, doc: DocumentExtract) -> Recognizer:
        key = doc.identity.jurisdiction or "vn"
        if key not in self._recognizers:
            self._recognizers[key] = Recognizer(self.ref, key)
        return self._recognizers[key]

    def _reporting(self, doc: DocumentExtract, node: URIRef, placed: PlacedReporting) -> None:
        g, r = self.g, placed.match
        every = r.recurrence or "once"
        duty = URIRef(
            f"{node}/reporting/{r.span.start}-{r.span.end}-{every}-{r.deadline[0] if r.deadline else 0}"
        )
        holder = self._holder(node, placed.section, placed.task)
        g.add((duty, RDF.type, MND.ReportingObligation))
        g.add((duty, MND.inDocument, node))
        g.add((duty, MND.partOf, holder))
        g.add((duty, MND.text, Literal(collapse(doc.source[r.span.start : r.span.end]), lang="vi")))
        if r.recurrence:
            g.add((duty, MND.recurrence, self.ids.recurrence(r.recurrence)))
        if r.deadline:
            month, day = r.deadline
            g.add((duty, MND.deadline, Literal(f"--{month:02d}-{day:02d}", datatype=XSD.gMonthDay)))
        for prop, surface in (
            (MND.recipient, r.recipient),
            (MND.via, r.via),
            (MND.finalRecipient, r.final_recipient),
            (MND.reporter, r.reporter),
        ):
            who = self._named(doc, surface)
            if who is not None:
                g.add((duty, prop, who))
        if r.reporter is None and placed.task:
            for lead in self.g.objects(holder, MND.leadAgency):
                g.add((duty, MND.reporter, lead))
        self.evidence(duty, node, doc.source, r.span)

    def alignments(self, doc: DocumentExtract, node: URIRef, found: list[Alignment]) -> None:
        """Scored alignments of the plan's parts to the task groups of a central document."""
        g = self.g
        for a in found:
            central = self.ids.doc(a.group.directive)
            group = self.part(central, part_slug(a.group.number))
            g.add((group, RDF.type, MND.Section))
            g.add((group, RDF.type, ELI.LegalResourceSubdivision))
            g.add((group, MND.number, Literal(a.group.number)))
            g.add((group, MND.heading, Literal(a.group.title, lang="vi")))
            g.add((group, MND.inDocument, central))
            g.add((group, MND.partOf, central))
            g.add((group, DCTERMS.source, Literal(a.group.source_url)))
            section = self.part(node, part_slug(a.section))
            g.add((section, MND.alignedWith, group))
            record = URIRef(f"{section}/alignment/{part_slug(a.group.number)}")
            g.add((record, RDF.type, MND.Alignment))
            g.add((record, MND.alignmentSource, section))
            g.add((record, MND.alignmentTarget, group))
            g.add((record, MND.alignmentScore, Literal(Decimal(str(a.score)), datatype=XSD.decimal)))
            g.add(
                (
                    record,
                    MND.inferredBy,
                    Literal(
                        f"TF-IDF cosine of syllables and syllable pairs between the part (heading weighted, with its tasks) "
                        f"and the task group's title; best group, threshold {THRESHOLD}",
                        lang="en",
                    ),
                )
            )

    def actor(self, doc: DocumentExtract, a: ActorMention) -> URIRef:
        jurisdiction = "vn" if a.central else (doc.identity.jurisdiction or "vn")
        if a.is_group:
            node = self.ids.group(jurisdiction, a.key)
            self.g.add((node, RDF.type, MND.ActorGroup))
            self.g.add((node, RDF.type, ORG.Organization))
            known = self.ref.groups.get(a.key)
            if (node, SKOS.prefLabel, None) not in self.g:
                label = known.label if known else collapse(a.surface)
                self.g.add((node, SKOS.prefLabel, Literal(label, lang="vi")))
            if known and collapse(a.surface) != known.label:
                self.g.add((node, SKOS.altLabel, Literal(collapse(a.surface), lang="vi")))
            return node
        node = self.agency(AgencyRef(jurisdiction, a.key))
        if a.surface:
            self._surfaces.setdefault(node, set()).add(collapse(a.surface))
        return node

    def _assign(self, doc: DocumentExtract, doc_node: URIRef, task: URIRef, a: ActorMention) -> None:
        g = self.g
        who = self.actor(doc, a)
        g.add((task, ROLE_PROPERTY[a.role], who))
        g.add((task, MND.responsibleActor, who))
        record = URIRef(f"{task}/assignment/{slug(a.role)}-{slug(str(who).rsplit('/', 2)[-2])}-{slug(a.key)}")
        g.add((record, RDF.type, MND.Assignment))
        g.add((record, MND.task, task))
        g.add((record, MND.assignee, who))
        g.add((record, MND.role, Literal(a.role)))
        if a.inferred:
            g.add((record, MND.inferredBy, Literal(a.inferred)))
        self.evidence(record, doc_node, doc.source, a.span)

    def _statement(
        self,
        doc: DocumentExtract,
        doc_node: URIRef,
        subject: URIRef,
        obj: URIRef,
        c: Citation,
        stated_in: URIRef,
    ) -> None:
        g = self.g
        base = stated_in if subject == stated_in else doc_node
        st = URIRef(
            f"{base}/citation/{c.span.start}-{slug(c.relation)}-{slug(str(obj).rsplit('/doc/', 1)[-1])}"
        )
        g.add((st, RDF.type, MND.Citation))
        g.add((st, MND.citingDocument, subject))
        g.add((st, MND.citedDocument, obj))
        g.add((st, MND.relation, Literal(c.relation)))
        g.add((st, MND.statedIn, stated_in))
        self.evidence(st, doc_node, doc.source, c.sentence)

    def _citations(self, doc: DocumentExtract, node: URIRef) -> None:
        g = self.g
        for c in doc.citations:
            obj = self.cited(c.ref)
            if obj == node:
                continue
            g.add((node, MND.cites, obj))
            subject = self.cited(c.subject) if c.subject else node
            if c.subject:
                g.add((node, MND.cites, subject))
            if subject == obj:
                continue  # "Kết luận số 132- KL/TW …; … thực hiện Kết luận số 132-KL/TW": one document, no relation
            if c.relation == "implements":
                g.add((subject, MND.implements, obj))
            elif c.relation == "basedOn":
                g.add((subject, MND.basedOn, obj))
            self._statement(doc, node, subject, obj, c, node)
        for number, cs in doc.task_citations.items():
            task = self.part(node, number)
            for c in cs:
                obj = self.cited(c.ref)
                g.add((task, MND.mentions, obj))
                self._statement(doc, node, task, obj, c, task)
