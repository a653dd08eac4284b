"""The ontology, its SHACL shapes and its SKOS schemes: declared, consistent (HermiT), valid SHACL.

ontology/mandates.ttl  classes and properties (OWL 2 DL, no imports)
ontology/schemes.ttl   SKOS schemes: document types, recurrences, policy areas, indicators
ontology/shapes.ttl    SHACL shapes of the contract (/work/shared/docs/DATA-MODEL.md)
"""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from mandates.constants import ONTOLOGY_PATH, REFERENCE_DIR, SCHEMES_PATH, SHAPES_PATH
from mandates.ids import slug
from mandates.namespaces import MND

MND_NS = "https://w3id.org/mandates/ontology#"
MID_NS = "https://w3id.org/mandates/id/"
ELI = Namespace("http://data.europa.eu/eli/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
SH = Namespace("http://www.w3.org/ns/shacl#")
# A plain Namespace: pytest probes module attributes, and rdflib's closed XSD warns on each probe.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

# ---------------------------------------------------------------------------------------------------
# The contract: every term DATA-MODEL.md names, and the terms the pipeline adds (kind of entity).
# ---------------------------------------------------------------------------------------------------
C, OP, DP = OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty
CONTRACT_TERMS = [
    # classes
    ("Document", C),
    ("Resolution", C),
    ("Conclusion", C),
    ("Directive", C),
    ("Programme", C),
    ("Plan", C),
    ("Decision", C),
    ("Decree", C),
    ("Circular", C),
    ("Law", C),
    ("Submission", C),
    ("Guidance", C),
    ("Notice", C),
    ("Report", C),
    ("Scheme", C),
    ("Section", C),
    ("Task", C),
    ("Target", C),
    ("Agency", C),
    ("ActorGroup", C),
    ("ReportingObligation", C),
    ("Jurisdiction", C),
    ("Citation", C),
    ("Assignment", C),
    # documents
    ("sourceFile", DP),
    ("code", DP),
    ("documentType", OP),
    ("issuedBy", OP),
    ("jurisdiction", OP),
    ("dateIssued", DP),
    ("notBefore", DP),
    ("isDraft", DP),
    ("cites", OP),
    ("implements", OP),
    ("basedOn", OP),
    ("derivesFrom", OP),
    ("mentions", OP),
    # citations
    ("citingDocument", OP),
    ("citedDocument", OP),
    ("relation", DP),
    ("statedIn", OP),
    # structure
    ("inDocument", OP),
    ("partOf", OP),
    ("number", DP),
    ("heading", DP),
    ("text", DP),
    ("evidence", OP),
    # responsibility
    ("leadAgency", OP),
    ("coordinatingAgency", OP),
    ("responsibleActor", OP),
    ("adviser", OP),
    ("requestedOf", OP),
    ("monitor", OP),
    ("guide", OP),
    ("inferredBy", DP),
    ("task", OP),
    ("assignee", OP),
    ("role", DP),
    ("legalBasis", OP),
    ("transfersFunction", OP),
    ("successor", OP),
    # targets
    ("targetValue", DP),
    ("valueMax", DP),
    ("comparator", DP),
    ("unit", DP),
    ("targetYear", DP),
    ("scope", DP),
    ("indicator", OP),
    # reporting
    ("reporter", OP),
    ("recipient", OP),
    ("via", OP),
    ("finalRecipient", OP),
    ("deadline", DP),
    ("recurrence", OP),
    # policy areas, alignment
    ("policyArea", OP),
    ("alignedWith", OP),
    ("alignmentScore", DP),
]

M = Namespace(MND_NS)
# Alignment with the standard vocabularies (subject, predicate, object): what an ELI, ORG, PROV or
# SKOS user relies on to read the graph without our code.
ALIGNMENTS = [
    (M.Document, RDFS.subClassOf, ELI.LegalResource),
    (M.Section, RDFS.subClassOf, ELI.LegalResourceSubdivision),
    (M.Task, RDFS.subClassOf, ELI.LegalResourceSubdivision),
    (M.Agency, RDFS.subClassOf, ORG.Organization),
    (M.ActorGroup, RDFS.subClassOf, ORG.Organization),
    (M.Jurisdiction, RDFS.subClassOf, DCTERMS.Location),
    (M.Plan, RDFS.subClassOf, M.Document),
    (M.code, RDFS.subPropertyOf, ELI.id_local),
    (M.issuedBy, RDFS.subPropertyOf, ELI.passed_by),
    (M.cites, RDFS.subPropertyOf, ELI.cites),
    (M.mentions, RDFS.subPropertyOf, ELI.cites),
    (M.basedOn, RDFS.subPropertyOf, ELI.based_on),
    (M.basedOn, RDFS.subPropertyOf, M.derivesFrom),
    (M.implements, RDFS.subPropertyOf, M.derivesFrom),
    (M.derivesFrom, RDFS.subPropertyOf, PROV.wasDerivedFrom),
    (M.derivesFrom, RDF.type, OWL.TransitiveProperty),
    (M.partOf, RDFS.subPropertyOf, ELI.is_part_of),
    (M.dateIssued, RDFS.subPropertyOf, ELI.date_document),
    (M.documentType, RDFS.subPropertyOf, ELI.type_document),
    (M.policyArea, RDFS.subPropertyOf, ELI.is_about),
    (M.leadAgency, RDFS.subPropertyOf, M.responsibleActor),
    (M.coordinatingAgency, RDFS.subPropertyOf, M.responsibleActor),
    (M.adviser, RDFS.subPropertyOf, M.responsibleActor),
    (M.requestedOf, RDFS.subPropertyOf, M.responsibleActor),
    (M.monitor, RDFS.subPropertyOf, M.responsibleActor),
    (M.guide, RDFS.subPropertyOf, M.responsibleActor),
    (M.evidence, RDFS.range, OA.Annotation),
    (M.implements, RDFS.seeAlso, ELI.ensures_implementation_of),
    (M.implements, RDFS.seeAlso, ELI.applies),
]


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY_PATH)


@pytest.fixture(scope="module")
def schemes() -> Graph:
    return Graph().parse(SCHEMES_PATH)


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_PATH)


# ---------------------------------------------------------------------------------------------------
# (a) declarations, labels, definitions, alignments
# ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "kind"), CONTRACT_TERMS, ids=[t[0] for t in CONTRACT_TERMS])
def test_contract_term_declared_and_documented(onto: Graph, name: str, kind: URIRef) -> None:
    term = URIRef(MND_NS + name)
    assert (term, RDF.type, kind) in onto, f"mnd:{name} is not declared as {kind.n3(onto.namespace_manager)}"
    for lang in ("vi", "en"):
        labels = [o for o in onto.objects(term, RDFS.label) if isinstance(o, Literal) and o.language == lang]
        assert len(labels) == 1, f"mnd:{name} needs exactly one rdfs:label@{lang}, has {labels}"
    definitions = [o for o in onto.objects(term, SKOS.definition) if isinstance(o, Literal)]
    assert any(d.language == "en" for d in definitions), f"mnd:{name} has no skos:definition@en"


@pytest.mark.parametrize("triple", ALIGNMENTS, ids=[f"{t[0].split('#')[1]}-{t[2]}" for t in ALIGNMENTS])
def test_alignment(onto: Graph, triple: tuple[URIRef, URIRef, URIRef]) -> None:
    assert triple in onto, "missing alignment axiom: " + " ".join(
        t.n3(onto.namespace_manager) for t in triple
    )


def test_implements_is_not_equivalent_to_eli(onto: Graph) -> None:
    """Closeness, never equivalence: a Party resolution is not legislation; eli:implements is deprecated."""
    for p in (OWL.equivalentProperty, RDFS.subPropertyOf):
        for o in onto.objects(M.implements, p):
            assert not str(o).startswith(str(ELI)), f"mnd:implements {p} {o}"


def test_every_mnd_term_in_use_is_declared(onto: Graph, shapes: Graph, schemes: Graph) -> None:
    declared = {s for s in onto.subjects(RDF.type, None) if str(s).startswith(MND_NS)}
    used = {
        node
        for g in (onto, shapes, schemes)
        for triple in g
        for node in triple
        if isinstance(node, URIRef) and str(node).startswith(MND_NS)
    }
    assert used - declared == set()


def test_namespace_module_in_sync(onto: Graph) -> None:
    """Every term of the closed namespace mandates.namespaces.MND is declared in the ontology."""
    missing = [name for name in MND.__annotations__ if (URIRef(MND_NS + name), RDF.type, None) not in onto]
    assert missing == []


def test_owl2_dl_hygiene(onto: Graph) -> None:
    assert list(onto.objects(None, OWL.imports)) == [], "no owl:imports: the file must stand alone"
    both = set(onto.subjects(RDF.type, OWL.ObjectProperty)) & set(
        onto.subjects(RDF.type, OWL.DatatypeProperty)
    )
    assert both == set(), f"both object and datatype property: {both}"
    # Every external term used in an axiom is declared, so the file is DL without its imports.
    axiom_predicates = (RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range)
    for p in axiom_predicates:
        for o in onto.objects(None, p):
            if isinstance(o, URIRef) and o not in (XSD.string, XSD.decimal, XSD.boolean):
                assert (o, RDF.type, None) in onto, f"{o} is used in an axiom but not declared"
    # A transitive property is non-simple: no cardinality restrictions, no functional declaration.
    for p in onto.subjects(RDF.type, OWL.TransitiveProperty):
        assert (p, RDF.type, OWL.FunctionalProperty) not in onto
        assert list(onto.subjects(OWL.onProperty, p)) == []


# ---------------------------------------------------------------------------------------------------
# A small graph that follows the contract: used by the reasoner and the SHACL tests.
# ---------------------------------------------------------------------------------------------------
SAMPLE_TTL = """
@prefix mnd: <https://w3id.org/mandates/ontology#> .
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/mandates/id/> .

<https://w3id.org/mandates/id/jurisdiction/vn> a mnd:Jurisdiction , dcterms:Location ;
    skos:prefLabel "Việt Nam"@vi .
<https://w3id.org/mandates/id/jurisdiction/gia-lai> a mnd:Jurisdiction , dcterms:Location ;
    skos:prefLabel "Gia Lai"@vi .
<https://w3id.org/mandates/id/agency/gia-lai/ubnd> a mnd:Agency , org:Organization ;
    skos:prefLabel "Ủy ban nhân dân tỉnh Gia Lai"@vi ;
    mnd:jurisdiction <https://w3id.org/mandates/id/jurisdiction/gia-lai> .
<https://w3id.org/mandates/id/agency/gia-lai/so-y-te> a mnd:Agency , org:Organization ;
    skos:prefLabel "Sở Y tế tỉnh Gia Lai"@vi ; skos:altLabel "Sở Y tế"@vi ;
    mnd:jurisdiction <https://w3id.org/mandates/id/jurisdiction/gia-lai> ;
    org:subOrganizationOf <https://w3id.org/mandates/id/agency/gia-lai/ubnd> .
<https://w3id.org/mandates/id/group/gia-lai/cac-so-ban-nganh> a mnd:ActorGroup , org:Organization ;
    skos:prefLabel "các sở, ban, ngành"@vi .

<https://w3id.org/mandates/id/doc/vn/nq-tw/2023/42> a mnd:Resolution , mnd:Document ;
    mnd:documentType <https://w3id.org/mandates/id/doc-type/nq> ;
    mnd:code "42-NQ/TW" ; mnd:dateIssued "2023-11-24"^^xsd:date ;
    mnd:jurisdiction <https://w3id.org/mandates/id/jurisdiction/vn> .

<https://w3id.org/mandates/id/doc/gia-lai/kh-ubnd/2025/7> a mnd:Plan , mnd:Document ;
    mnd:documentType <https://w3id.org/mandates/id/doc-type/kh> ;
    mnd:code "7/KH-UBND" ; mnd:dateIssued "2025-02-10"^^xsd:date ;
    mnd:sourceFile "000_plan.txt" ;
    mnd:jurisdiction <https://w3id.org/mandates/id/jurisdiction/gia-lai> ;
    mnd:issuedBy <https://w3id.org/mandates/id/agency/gia-lai/ubnd> ;
    mnd:implements <https://w3id.org/mandates/id/doc/vn/nq-tw/2023/42> ;
    mnd:cites <https://w3id.org/mandates/id/doc/vn/nq-tw/2023/42> ;
    mnd:derivesFrom <https://w3id.org/mandates/id/doc/vn/nq-tw/2023/42> .

<https://w3id.org/mandates/id/doc/gia-lai/kh-ubnd/2025/7/part/ii> a mnd:Section , eli:LegalResourceSubdivision ;
    mnd:number "II" ; mnd:heading "NHIỆM VỤ, GIẢI PHÁP"@vi ;
    mnd:partOf <https://w3id.org/mandates/id/doc/gia-lai/kh-ubnd/2025/7> ;
    mnd:inDocument <https://w3id.org/mandates/id/doc/gia-lai/kh-ubnd/2025/7> ;
    mnd:policyArea <https://w3id.org/mandates/id/policy-area/y-te> .

<https://w3id.org/mandates/id/doc/gia-lai/kh-ubnd/2025/7/part/ii-1> a mnd:Task , eli:LegalResourceSubdivision ;
    mnd:number "ii-1" ;
    mnd:text "Sở Y tế chủ trì, phối hợp các sở, ban, ngành nâng cao tỷ lệ bao phủ bảo hiểm y tế."@vi ;
    mnd:partOf <https://w3id.org/mandates/id/doc/gia-lai/kh-ubnd/2025/7/part/ii> ;
    mnd:inDocument <https://w3id.org/mandates/id/doc/gia-lai/kh-ubnd/2025/7> ;
    mnd:leadAgency <https://w3id.org/mandates/id/agency/gia-lai/so-y-te> ;
    mnd:coordinatingAgency <https://w3id.org/mandates/id/group/gia-lai/cac-so-ban-nganh> ;
    mnd:responsibleActor <https://w3id.org/mandates/id/agency/gia-lai/so-y-te> ,
        <https://w3id.org/mandates/id/group/gia-lai/cac-so-ban-nganh> ;
    mnd:policyArea <https://w3id.org/mandates/id/policy-area/bao-hiem-y-te> ;
    mnd:mentions <https://w3id.org/mandates/id/doc/vn/nq-tw/2023/42> ;
    mnd:derivesFrom <https://w3id.org/mandates/id/doc/vn/nq-tw/2023/42> ;
    mnd:evidence <https://w3id.org/mandates/id/doc/gia-lai/kh-ubnd/2025/7/part/ii-1/evidence/100-180> .

<https://w3id.org/mandates/id/doc/gia-lai/kh-ubnd/2025/7/part/ii-1/evidence/100-180> a oa:Annotation ;
    oa:hasTarget <https://w3id.org/mandates/id/doc/gia-lai/kh-ubnd/2025/7/part/ii-1/evidence/100-180/target> .
<https://w3id.org/mandates/id/doc/gia-lai/kh-ubnd/2025/7/part/ii-1/evidence/100-180/target> a oa:SpecificResource ;
    oa:hasSource <https://w3id.org/mandates/id/doc/gia-lai/kh-ubnd/2025/7> ;
    oa:hasSelector <https://w3id.org/mandates/id/doc/gia-lai/kh-ubnd/2025/7/part/ii-1/evidence/100-180/position> ,
        <https://w3id.org/mandates/id/doc/gia-lai/kh-ubnd/2025/7/part/ii-1/evidence/100-180/quote> .
<https://w3id.org/mandates/id/doc/gia-lai/kh-ubnd/2025/7/part/ii-1/evidence/100-180/position> a oa:TextPositionSelector ;
    oa:start "100"^^xsd:nonNegativeInteger ; oa:end "180"^^xsd:nonNegativeInteger .
<https://w3id.org/mandates/id/doc/gia-lai/kh-ubnd/2025/7/part/ii-1/evidence/100-180/quote> a oa:TextQuoteSelector ;
    oa:exact "Sở Y tế chủ trì, phối hợp các sở, ban, ngành nâng cao tỷ lệ bao phủ bảo hiểm y tế." .

<https://w3id.org/mandates/id/doc/gia-lai/kh-ubnd/2025/7/part/ii-1/assignment/lead> a mnd:Assignment ;
    mnd:task <https://w3id.org/mandates/id/doc/gia-lai/kh-ubnd/2025/7/part/ii-1> ;
    mnd:assignee <https://w3id.org/mandates/id/agency/gia-lai/so-y-te> ;
    mnd:role "lead" ;
    mnd:evidence <https://w3id.org/mandates/id/doc/gia-lai/kh-ubnd/2025/7/part/ii-1/evidence/100-180> .

<https://w3id.org/mandates/id/doc/gia-lai/kh-ubnd/2025/7/target/1> a mnd:Target ;
    mnd:inDocument <https://w3id.org/mandates/id/doc/gia-lai/kh-ubnd/2025/7> ;
    mnd:text "tỷ lệ thất nghiệp chung dưới 2,5%"@vi ;
    mnd:targetValue "2.5"^^xsd:decimal ; mnd:comparator "<" ; mnd:unit "%" ;
    mnd:targetYear "2030"^^xsd:gYear ; mnd:scope "toàn tỉnh" ;
    mnd:leadAgency <https://w3id.org/mandates/id/agency/gia-lai/so-y-te> ;
    mnd:evidence <https://w3id.org/mandates/id/doc/gia-lai/kh-ubnd/2025/7/part/ii-1/evidence/100-180> .

<https://w3id.org/mandates/id/doc/gia-lai/kh-ubnd/2025/7/report/1> a mnd:ReportingObligation ;
    mnd:inDocument <https://w3id.org/mandates/id/doc/gia-lai/kh-ubnd/2025/7> ;
    mnd:text "báo cáo kết quả trước ngày 25/11 hằng năm"@vi ;
    mnd:reporter <https://w3id.org/mandates/id/group/gia-lai/cac-so-ban-nganh> ;
    mnd:recipient <https://w3id.org/mandates/id/agency/gia-lai/so-y-te> ;
    mnd:finalRecipient <https://w3id.org/mandates/id/agency/gia-lai/ubnd> ;
    mnd:deadline "--11-25"^^xsd:gMonthDay ;
    mnd:recurrence <https://w3id.org/mandates/id/recurrence/yearly> ;
    mnd:evidence <https://w3id.org/mandates/id/doc/gia-lai/kh-ubnd/2025/7/part/ii-1/evidence/100-180> .

<https://w3id.org/mandates/id/doc/gia-lai/kh-ubnd/2025/7/citation/12-implements> a mnd:Citation ;
    mnd:citingDocument <https://w3id.org/mandates/id/doc/gia-lai/kh-ubnd/2025/7> ;
    mnd:citedDocument <https://w3id.org/mandates/id/doc/vn/nq-tw/2023/42> ;
    mnd:relation "implements" ;
    mnd:statedIn <https://w3id.org/mandates/id/doc/gia-lai/kh-ubnd/2025/7> ;
    mnd:evidence <https://w3id.org/mandates/id/doc/gia-lai/kh-ubnd/2025/7/part/ii-1/evidence/100-180> .

<https://w3id.org/mandates/id/event/gia-lai/2025-03-01-lao-dong> a org:ChangeEvent ;
    dcterms:date "2025-03-01"^^xsd:date ;
    org:originalOrganization <https://w3id.org/mandates/id/agency/gia-lai/ubnd> ;
    org:resultingOrganization <https://w3id.org/mandates/id/agency/gia-lai/so-y-te> ;
    mnd:legalBasis <https://w3id.org/mandates/id/doc/vn/nq-tw/2023/42> ;
    mnd:transfersFunction <https://w3id.org/mandates/id/policy-area/bao-hiem-y-te> .
"""

TASK = URIRef(MID_NS + "doc/gia-lai/kh-ubnd/2025/7/part/ii-1")
TARGET = URIRef(MID_NS + "doc/gia-lai/kh-ubnd/2025/7/target/1")
REPORT = URIRef(MID_NS + "doc/gia-lai/kh-ubnd/2025/7/report/1")
PLAN = URIRef(MID_NS + "doc/gia-lai/kh-ubnd/2025/7")
POSITION = URIRef(MID_NS + "doc/gia-lai/kh-ubnd/2025/7/part/ii-1/evidence/100-180/position")
JURISDICTION = URIRef(MID_NS + "jurisdiction/gia-lai")


def sample(schemes: Graph) -> Graph:
    g = Graph().parse(data=SAMPLE_TTL, format="turtle")
    g += schemes
    return g


# ---------------------------------------------------------------------------------------------------
# (b) OWL 2 DL consistency with HermiT (through owlready2)
# ---------------------------------------------------------------------------------------------------
def hermit(g: Graph, tmp_path: Path) -> list[object]:
    """Run HermiT on ``g``; returns the unsatisfiable classes, raises on an inconsistent ontology.

    xsd:date, xsd:gYear and xsd:gMonthDay are outside the OWL 2 datatype map, so HermiT is told to
    ignore unsupported datatypes (SHACL checks those literals).
    """
    owlready2 = pytest.importorskip("owlready2")
    java = shutil.which("java")
    if java is None:
        pytest.skip("no java on PATH for HermiT")
    owlready2.JAVA_EXE = java
    path = tmp_path / "mandates.owl"
    g.serialize(path, format="xml")
    world = owlready2.World()
    ontology = world.get_ontology(path.as_uri()).load()
    with ontology:
        owlready2.sync_reasoner_hermit(
            world, infer_property_values=False, debug=0, ignore_unsupported_datatypes=True
        )
    return list(world.inconsistent_classes())


def test_ontology_consistent_with_hermit(onto: Graph, schemes: Graph, tmp_path: Path) -> None:
    assert hermit(onto + sample(schemes), tmp_path) == []


def test_hermit_detects_disjointness(onto: Graph, schemes: Graph, tmp_path: Path) -> None:
    """The reasoner check is not vacuous: a node typed both agency and document is inconsistent."""
    import owlready2

    g = onto + sample(schemes)
    g.add((PLAN, RDF.type, M.Agency))
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        hermit(g, tmp_path)


# ---------------------------------------------------------------------------------------------------
# (c) SHACL
# ---------------------------------------------------------------------------------------------------
def shacl(data: Graph, shapes: Graph, meta: bool = False) -> tuple[bool, Graph]:
    conforms, report, _ = validate(
        data, shacl_graph=shapes, inference="none", meta_shacl=meta, advanced=False, allow_warnings=True
    )
    return conforms, report


def test_shapes_are_valid_shacl_and_sample_conforms(shapes: Graph, schemes: Graph) -> None:
    conforms, report = shacl(sample(schemes), shapes, meta=True)
    assert conforms, report.serialize(format="turtle")


def test_every_property_shape_has_a_message(shapes: Graph) -> None:
    property_shapes = set(shapes.subjects(SH.path, None))
    assert property_shapes
    assert [s for s in property_shapes if (s, SH.message, None) not in shapes] == []


def test_shapes_target_by_class_only(shapes: Graph) -> None:
    """Performance: no SPARQL constraints, no subject/object targets."""
    for p in (SH.sparql, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode, SH.target):
        assert list(shapes.subject_objects(p)) == [], f"{p} used in shapes.ttl"


# (case, triples to remove as (subject, predicate), Turtle to add, path of the expected violation)
BROKEN = [
    ("comparator-not-in-list", [(TARGET, M.comparator)], f'<{TARGET}> mnd:comparator "≈" .', M.comparator),
    (
        "value-not-decimal",
        [(TARGET, M.targetValue)],
        f'<{TARGET}> mnd:targetValue "2.5"^^xsd:double .',
        M.targetValue,
    ),
    ("no-value", [(TARGET, M.targetValue)], "", M.targetValue),
    ("year-not-gyear", [(TARGET, M.targetYear)], f'<{TARGET}> mnd:targetYear "2030" .', M.targetYear),
    ("no-document-type", [(PLAN, M.documentType)], "", M.documentType),
    ("two-codes", [], f'<{PLAN}> mnd:code "8/KH-UBND" .', M.code),
    ("date-not-date", [(PLAN, M.dateIssued)], f'<{PLAN}> mnd:dateIssued "10/02/2025" .', M.dateIssued),
    (
        "jurisdiction-not-jurisdiction",
        [(PLAN, M.jurisdiction)],
        f"<{PLAN}> mnd:jurisdiction <{PLAN}> .",
        M.jurisdiction,
    ),
    ("task-without-evidence", [(TASK, M.evidence)], "", M.evidence),
    ("task-without-text", [(TASK, M.text)], "", M.text),
    ("task-in-two-documents", [], f"<{TASK}> mnd:inDocument <{MID_NS}doc/vn/nq-tw/2023/42> .", M.inDocument),
    ("lead-is-a-place", [], f"<{TASK}> mnd:leadAgency <{JURISDICTION}> .", M.leadAgency),
    ("deadline-not-gmonthday", [(REPORT, M.deadline)], f'<{REPORT}> mnd:deadline "25/11" .', M.deadline),
    (
        "recurrence-unknown",
        [(REPORT, M.recurrence)],
        f"<{REPORT}> mnd:recurrence <{MID_NS}policy-area/y-te> .",
        M.recurrence,
    ),
    (
        "selector-start-after-end",
        [(POSITION, OA.start)],
        f'<{POSITION}> oa:start "200"^^xsd:nonNegativeInteger .',
        OA.start,
    ),
]


@pytest.mark.parametrize(("case", "remove", "add", "path"), BROKEN, ids=[b[0] for b in BROKEN])
def test_shapes_reject(
    shapes: Graph,
    schemes: Graph,
    case: str,
    remove: list[tuple[URIRef, URIRef]],
    add: str,
    path: URIRef,
) -> None:
    g = sample(schemes)
    for s, p in remove:
        g.remove((s, p, None))
    prefixes = f"@prefix mnd: <{MND_NS}> . @prefix xsd: <{XSD}> . @prefix oa: <{OA}> .\n"
    g.parse(data=prefixes + add, format="turtle")
    conforms, report = shacl(g, shapes)
    assert not conforms, f"{case}: the broken graph conforms"
    results = [
        r for r in report.subjects(RDF.type, SH.ValidationResult) if report.value(r, SH.resultPath) == path
    ]
    assert results, f"{case}: no result on {path}; report:\n{report.serialize(format='turtle')}"
    local = re.split(r"[#/]", str(path))[-1]
    messages = [str(report.value(r, SH.resultMessage)) for r in results]
    assert any(local in m for m in messages), f"{case}: no message names {local}: {messages}"


# ---------------------------------------------------------------------------------------------------
# (d) SKOS concept schemes
# ---------------------------------------------------------------------------------------------------
DOC_TYPE_NOTATIONS = {"NQ", "KL", "CT", "CTr", "KH", "QĐ", "NĐ", "TT", "TTr", "Luật", "HD", "TB", "BC", "ĐA"}
RECURRENCE_NOTATIONS = {"yearly", "half-yearly", "quarterly", "monthly", "ad-hoc"}
POLICY_AREAS = {
    "người có công",
    "việc làm và thị trường lao động",
    "giáo dục nghề nghiệp",
    "giảm nghèo",
    "bảo hiểm xã hội",
    "bảo hiểm y tế",
    "trợ giúp xã hội",
    "trẻ em",
    "tệ nạn xã hội",
    "giáo dục",
    "y tế",
    "nhà ở",
    "nước sạch và vệ sinh môi trường",
    "thông tin và truyền thông",
    "văn hóa",
    "dân tộc thiểu số",
    "quản lý nhà nước và chuyển đổi số",
    "tuyên truyền",
    "hợp tác quốc tế",
    "an sinh xã hội",
    "lao động",
    "bình đẳng giới",
    "dân số",
    "thể dục thể thao",
}
SCHEMES = ["doc-type", "recurrence", "policy-area", "indicator"]
ASCII_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def concepts(g: Graph, scheme: str) -> list[URIRef]:
    return sorted(s for s in g.subjects(SKOS.inScheme, URIRef(MID_NS + scheme)) if isinstance(s, URIRef))


def pref_label(g: Graph, concept: URIRef, lang: str) -> str:
    labels = [o for o in g.objects(concept, SKOS.prefLabel) if isinstance(o, Literal) and o.language == lang]
    assert len(labels) == 1, f"{concept} needs exactly one skos:prefLabel@{lang}, has {labels}"
    return str(labels[0])


@pytest.mark.parametrize("scheme", SCHEMES)
def test_scheme_declared(schemes: Graph, scheme: str) -> None:
    node = URIRef(MID_NS + scheme)
    assert (node, RDF.type, SKOS.ConceptScheme) in schemes
    pref_label(schemes, node, "vi")


@pytest.mark.parametrize("scheme", ["doc-type", "recurrence", "policy-area"])
def test_scheme_concepts(schemes: Graph, scheme: str) -> None:
    typed = {s for s in schemes.subjects(RDF.type, SKOS.Concept) if str(s).startswith(f"{MID_NS}{scheme}/")}
    members = set(concepts(schemes, scheme))
    assert typed == members, "every concept under the scheme's IRI is skos:inScheme of it"
    for c in members:
        local = str(c)[len(f"{MID_NS}{scheme}/") :]
        assert ASCII_SLUG.fullmatch(local), f"{c}: not an ASCII slug"
        assert (c, SKOS.topConceptOf, URIRef(MID_NS + scheme)) in schemes
        pref_label(schemes, c, "vi")
        pref_label(schemes, c, "en")
        assert len(list(schemes.objects(c, SKOS.notation))) == 1, f"{c} needs one skos:notation"


def test_document_types(schemes: Graph) -> None:
    notations = {}
    for c in concepts(schemes, "doc-type"):
        notation = str(schemes.value(c, SKOS.notation))
        assert c == URIRef(f"{MID_NS}doc-type/{slug(notation)}"), "IRI is the slug of the notation"
        notations[notation] = c
    assert set(notations) == DOC_TYPE_NOTATIONS


def test_recurrences(schemes: Graph) -> None:
    by_notation = {str(schemes.value(c, SKOS.notation)): c for c in concepts(schemes, "recurrence")}
    assert set(by_notation) == RECURRENCE_NOTATIONS
    assert all(c == URIRef(f"{MID_NS}recurrence/{n}") for n, c in by_notation.items())


def test_policy_areas(schemes: Graph) -> None:
    by_label = {pref_label(schemes, c, "vi"): c for c in concepts(schemes, "policy-area")}
    assert POLICY_AREAS <= set(by_label), f"missing: {POLICY_AREAS - set(by_label)}"
    for label, c in by_label.items():
        assert c == URIRef(f"{MID_NS}policy-area/{slug(label)}"), "IRI is the slug of the Vietnamese label"


def test_policy_areas_match_keyword_rules(schemes: Graph) -> None:
    """The thesaurus and the keyword rules (data/reference/policy_areas.csv) name the same areas."""
    path = REFERENCE_DIR / "policy_areas.csv"
    if not path.exists():
        pytest.skip(f"{path} not present")
    with path.open(encoding="utf-8", newline="") as fh:
        keys = {row["key"] for row in csv.DictReader(fh)}
    in_scheme = {str(c).rsplit("/", 1)[-1] for c in concepts(schemes, "policy-area")}
    assert keys == in_scheme
