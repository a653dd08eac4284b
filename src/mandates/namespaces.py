"""Closed vocabularies: a misspelt term fails at use (rdflib DefinedNamespace with _fail = True)."""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from mandates.constants import ONTOLOGY_NS


class MND(DefinedNamespace):
    """Terms of ontology/mandates.ttl. Generated from: ontology/mandates.ttl (kept in step by a test)."""

    _fail = True
    _NS = Namespace(ONTOLOGY_NS)

    # classes
    Document: URIRef
    Resolution: URIRef
    Conclusion: URIRef
    Directive: URIRef
    Programme: URIRef
    Plan: URIRef
    Decision: URIRef
    Decree: URIRef
    Circular: URIRef
    Law: URIRef
    Submission: URIRef
    Guidance: URIRef
    Notice: URIRef
    Report: URIRef
    Scheme: URIRef
    Section: URIRef
    Task: URIRef
    Target: URIRef
    Agency: URIRef
    ActorGroup: URIRef
    ReportingObligation: URIRef
    Jurisdiction: URIRef
    Citation: URIRef
    Assignment: URIRef
    # document properties
    sourceFile: URIRef
    code: URIRef
    documentType: URIRef
    issuedBy: URIRef
    jurisdiction: URIRef
    dateIssued: URIRef
    notBefore: URIRef
    isDraft: URIRef
    cites: URIRef
    implements: URIRef
    basedOn: URIRef
    derivesFrom: URIRef
    mentions: URIRef
    citingDocument: URIRef
    citedDocument: URIRef
    relation: URIRef
    statedIn: URIRef
    # structure
    inDocument: URIRef
    partOf: URIRef
    number: URIRef
    heading: URIRef
    text: URIRef
    evidence: URIRef
    # responsibility
    leadAgency: URIRef
    coordinatingAgency: URIRef
    responsibleActor: URIRef
    adviser: URIRef
    requestedOf: URIRef
    monitor: URIRef
    guide: URIRef
    inferredBy: URIRef
    assignee: URIRef
    role: URIRef
    task: URIRef
    legalBasis: URIRef
    transfersFunction: URIRef
    successor: URIRef
    # targets
    targetValue: URIRef
    valueMax: URIRef
    comparator: URIRef
    unit: URIRef
    targetYear: URIRef
    scope: URIRef
    indicator: URIRef
    # reporting
    reporter: URIRef
    recipient: URIRef
    via: URIRef
    finalRecipient: URIRef
    deadline: URIRef
    recurrence: URIRef
    # policy areas, alignment
    policyArea: URIRef
    inPolicyArea: URIRef
    alignedWith: URIRef
    alignmentScore: URIRef
    Alignment: URIRef
    alignmentSource: URIRef
    alignmentTarget: URIRef


OA = Namespace("http://www.w3.org/ns/oa#")
ORG = Namespace("http://www.w3.org/ns/org#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")

DOC_CLASS = {
    "NQ": MND.Resolution,
    "KL": MND.Conclusion,
    "CT": MND.Directive,
    "CTr": MND.Programme,
    "KH": MND.Plan,
    "QĐ": MND.Decision,
    "NĐ": MND.Decree,
    "TT": MND.Circular,
    "Luật": MND.Law,
    "TTr": MND.Submission,
    "HD": MND.Guidance,
    "TB": MND.Notice,
    "BC": MND.Report,
    "ĐA": MND.Scheme,
}
