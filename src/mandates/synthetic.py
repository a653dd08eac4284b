"""A synthetic national corpus with the structure of the real one, for benchmarks.

Central directives; 34 provinces, each with plans that implement a provincial programme which
implements a central resolution; sections, tasks with lead and partner agencies (as Assignment
records), targets on the indicators of the thesaurus, reporting duties (reporter, recipient, via,
deadline, recurrence), each with evidence; the central resolutions' task groups with the plans'
sections aligned to them; citations, some of documents the graph does not hold; and the 2025
reorganisation of two departments in every province, with its legal basis. Names and labels have
the shapes of the real graph ("Sở Y tế tỉnh 01", jurisdictions with their prefLabel), so the canned
queries find what they would find in a real corpus. Seeded: the same size and seed give the same triples.
"""

from __future__ import annotations

import random
from decimal import Decimal

from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS, SKOS

from mandates import closure
from mandates.ids import Ids
from mandates.namespaces import MND, OA, ORG
from mandates.targets import indicator_labels

PROVINCES = [f"tinh-{i:02d}" for i in range(1, 35)]
AGENCIES = {
    "so-y-te": "Sở Y tế",
    "so-noi-vu": "Sở Nội vụ",
    "so-giao-duc-va-dao-tao": "Sở Giáo dục và Đào tạo",
    "so-xay-dung": "Sở Xây dựng",
    "so-tai-chinh": "Sở Tài chính",
    "so-nong-nghiep-va-moi-truong": "Sở Nông nghiệp và Môi trường",
    "bao-hiem-xa-hoi-tinh": "Bảo hiểm xã hội tỉnh",
    "so-khoa-hoc-va-cong-nghe": "Sở Khoa học và Công nghệ",
}
AREAS = ["giam-ngheo", "y-te", "giao-duc", "nha-o", "viec-lam-va-thi-truong-lao-dong", "tro-giup-xa-hoi"]
RECURRENCES = ["yearly", "half-yearly", "quarterly", "ad-hoc"]
UNASSIGNED_SHARE = 0.05  # tasks that name nobody, as in real plans (general aims, funding lines)
# Departments merged away in 2025 (Nghị định 45/2025/NĐ-CP): their work and where it went.
MERGED = {
    "so-lao-dong-thuong-binh-va-xa-hoi": (
        "Sở Lao động - Thương binh và Xã hội",
        "so-noi-vu",
        "viec-lam-va-thi-truong-lao-dong",
    ),
    "so-ke-hoach-va-dau-tu": ("Sở Kế hoạch và Đầu tư", "so-tai-chinh", None),
}
GROUPS = 9  # task groups of a central resolution ("III.1" … "III.9"), as in 42-NQ/TW
ALIGNED_SHARE = 0.7  # plan sections aligned to a central task group
MISSING_CITED_SHARE = 0.3  # plans citing a document the graph does not hold
SECTION_AREA_SHARE = 0.5
TASK_AREA_SHARE = 0.9
TRIPLES_PER_TASK = 35  # measured: triples per task, with its share of sections, targets and duties


def place_label(province: str) -> str:
    """'tinh-07' → 'Tỉnh 07': the prefLabel of a synthetic province, as 'Gia Lai' is of a real one."""
    return f"Tỉnh {province.rsplit('-', 1)[-1]}"


def _of(province: str) -> str:
    """'tỉnh 07', as a body's name ends ('Sở Y tế tỉnh 07')."""
    return place_label(province).replace("Tỉnh", "tỉnh")


def agency_label(key: str, province: str) -> str:
    return f"{AGENCIES[key]} {_of(province)}"


def merged_label(key: str, province: str) -> str:
    """The name of a department merged away in 2025: 'Sở Kế hoạch và Đầu tư tỉnh 01'."""
    return f"{MERGED[key][0]} {_of(province)}"


def generate(target_triples: int, seed: int = 42, ids: Ids | None = None) -> Graph:
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    ids = ids or Ids()
    g = Graph()
    vn = ids.jurisdiction("vn")
    g.add((vn, RDF.type, MND.Jurisdiction))
    g.add((vn, SKOS.prefLabel, Literal("Việt Nam", lang="vi")))
    central = [ids.doc(f"vn/nq-tw/2023/{n}") for n in range(40, 46)]
    for i, c in enumerate(central):
        g.add((c, RDF.type, MND.Document))
        g.add((c, RDF.type, MND.Resolution))
        g.add((c, MND.code, Literal(f"{40 + i}-NQ/TW")))
        g.add((c, MND.jurisdiction, vn))
        g.add((c, RDFS.label, Literal(f"Nghị quyết {40 + i}-NQ/TW", lang="vi")))
        # Known to the registry, as the real central directives are: not on the missing list.
        g.add((c, DCTERMS.title, Literal(f"Nghị quyết {40 + i}-NQ/TW của Bộ Chính trị", lang="vi")))
        for k in range(1, GROUPS + 1):
            group = URIRef(f"{c}/part/iii-{k}")
            g.add((group, RDF.type, MND.Section))
            g.add((group, MND.inDocument, c))
            g.add((group, MND.partOf, c))
            g.add((group, MND.number, Literal(f"III.{k}")))
            g.add((group, MND.heading, Literal(f"Nhóm nhiệm vụ {k}", lang="vi")))
    basis = ids.doc("vn/nd/2025/45")
    g.add((basis, RDF.type, MND.Document))
    g.add((basis, MND.code, Literal("45/2025/NĐ-CP")))
    g.add((basis, RDFS.label, Literal("Nghị định 45/2025/NĐ-CP", lang="vi")))
    from mandates.policy_areas import areas

    for key in AREAS:
        g.add((ids.policy_area(key), RDF.type, SKOS.Concept))
        g.add((ids.policy_area(key), SKOS.prefLabel, Literal(areas()[key].label, lang="vi")))
    indicator_nodes = []
    for key, label in sorted(indicator_labels().items()):
        node = ids.indicator(key)
        indicator_nodes.append(node)
        g.add((node, RDF.type, SKOS.Concept))
        g.add((node, SKOS.prefLabel, Literal(label, lang="vi")))
    for notation in RECURRENCES:
        g.add((ids.recurrence(notation), RDF.type, SKOS.Concept))
        g.add((ids.recurrence(notation), SKOS.notation, Literal(notation)))
    for province in PROVINCES:
        place = ids.jurisdiction(province)
        g.add((place, RDF.type, MND.Jurisdiction))
        g.add((place, SKOS.prefLabel, Literal(place_label(province), lang="vi")))
        for key in [*AGENCIES, "ubnd-tinh"]:
            agency = ids.agency(province, key)
            label = (
                agency_label(key, province) if key in AGENCIES else f"Ủy ban nhân dân {place_label(province)}"
            )
            g.add((agency, RDF.type, MND.Agency))
            # One name per body and province, as in the real graph ("Sở Y tế tỉnh Gia Lai").
            g.add((agency, SKOS.prefLabel, Literal(label, lang="vi")))
        for key, (_, into, function) in MERGED.items():
            before, after = ids.agency(province, key), ids.agency(province, into)
            g.add((before, RDF.type, MND.Agency))
            g.add((before, SKOS.prefLabel, Literal(merged_label(key, province), lang="vi")))
            event = URIRef(f"{before}/change/2025-03-01")
            g.add((event, RDF.type, ORG.ChangeEvent))
            g.add((event, DCTERMS.date, Literal("2025-03-01", datatype=XSD.date)))
            g.add((event, ORG.originalOrganization, before))
            g.add((event, ORG.resultingOrganization, after))
            g.add((event, MND.legalBasis, basis))
            g.add((before, ORG.changedBy, event))
            g.add((after, ORG.resultedFrom, event))
            if function:
                g.add((event, MND.transfersFunction, ids.policy_area(function)))
    tasks_needed = max(1, (target_triples - len(g)) // TRIPLES_PER_TASK)
    task_no = 0
    plan_no = 0
    while task_no < tasks_needed:
        province = PROVINCES[plan_no % len(PROVINCES)]
        plan_no += 1
        root = rng.choice(central)
        programme = ids.doc(f"{province}/ctr-tu/2024/{plan_no}")
        plan = ids.doc(f"{province}/kh-ubnd/2024/{plan_no}")
        for doc, kind, parent in ((programme, MND.Programme, root), (plan, MND.Plan, programme)):
            g.add((doc, RDF.type, MND.Document))
            g.add((doc, RDF.type, kind))
            g.add((doc, MND.implements, parent))
            g.add((doc, MND.jurisdiction, ids.jurisdiction(province)))
            g.add((doc, RDFS.label, Literal(f"{doc}".rsplit("/doc/", 1)[-1], lang="vi")))
        g.add((plan, MND.sourceFile, Literal(f"synthetic-{plan_no}.txt")))
        g.add((programme, DCTERMS.title, Literal(f"Chương trình hành động {plan_no}", lang="vi")))
        g.add((plan, MND.cites, root))
        g.add((plan, MND.cites, programme))
        if rng.random() < MISSING_CITED_SHARE:
            # A decision the corpus has neither text nor title for: the reading list of missing_directives.
            number = rng.randint(1, 400)
            cited = ids.doc(f"vn/qd-ttg/2022/{number}")
            g.add((plan, MND.cites, cited))
            g.add((cited, RDF.type, MND.Document))
            g.add((cited, MND.code, Literal(f"{number}/QĐ-TTg")))
            g.add((cited, RDFS.label, Literal(f"Quyết định {number}/QĐ-TTg", lang="vi")))
        g.add((plan, MND.derivesFrom, programme))
        g.add((plan, MND.derivesFrom, root))
        g.add((programme, MND.derivesFrom, root))
        for s in range(1, 9):
            section = URIRef(f"{plan}/part/iii-{s}")
            g.add((section, RDF.type, MND.Section))
            g.add((section, MND.inDocument, plan))
            g.add((section, MND.partOf, plan))
            g.add((section, MND.number, Literal(f"III.{s}")))
            if rng.random() < ALIGNED_SHARE:
                k = rng.randint(1, GROUPS)
                record = URIRef(f"{section}/alignment/iii-{k}")
                g.add((record, RDF.type, MND.Alignment))
                g.add((record, MND.alignmentSource, section))
                g.add((record, MND.alignmentTarget, URIRef(f"{root}/part/iii-{k}")))
                score = Decimal(rng.randint(30, 95)) / 100
                g.add((record, MND.alignmentScore, Literal(score, datatype=XSD.decimal)))
            # About half the real sections name an area in their heading, and nearly every task in its text.
            if rng.random() < SECTION_AREA_SHARE:
                g.add((section, MND.policyArea, ids.policy_area(rng.choice(AREAS))))
            for t in range(1, 7):
                task_no += 1
                task = URIRef(f"{section}/t{t}")
                area = rng.choice(AREAS)
                g.add((task, RDF.type, MND.Task))
                g.add((task, MND.inDocument, plan))
                g.add((task, MND.partOf, section))
                g.add((task, MND.number, Literal(f"III.{s}.{t}")))
                g.add((task, MND.text, Literal(f"Nhiệm vụ {task_no} về {area}", lang="vi")))
                if rng.random() < TASK_AREA_SHARE:
                    g.add((task, MND.policyArea, ids.policy_area(area)))
                g.add((task, MND.derivesFrom, root))
                g.add((task, MND.derivesFrom, programme))
                g.add((task, MND.derivesFrom, plan))
                _evidence(g, task, plan, task_no)
                lead = ids.agency(province, rng.choice(list(AGENCIES)))
                if rng.random() >= UNASSIGNED_SHARE:
                    for role, prop in (("lead", MND.leadAgency), ("coordinate", MND.coordinatingAgency)):
                        agency = lead if role == "lead" else ids.agency(province, rng.choice(list(AGENCIES)))
                        g.add((task, prop, agency))
                        g.add((task, MND.responsibleActor, agency))
                        record = URIRef(f"{task}/assignment/{role}")
                        g.add((record, RDF.type, MND.Assignment))
                        g.add((record, MND.task, task))
                        g.add((record, MND.assignee, agency))
                        g.add((record, MND.role, Literal(role)))
                if t % 2:
                    target = URIRef(f"{task}/target")
                    g.add((target, RDF.type, MND.Target))
                    g.add((target, MND.inDocument, plan))
                    g.add((target, MND.partOf, task))
                    g.add((target, MND.indicator, rng.choice(indicator_nodes)))
                    g.add((target, MND.comparator, Literal(rng.choice(["<", ">=", "=", "~"]))))
                    g.add(
                        (
                            target,
                            MND.targetValue,
                            Literal(Decimal(rng.randint(1, 999)) / 10, datatype=XSD.decimal),
                        )
                    )
                    g.add((target, MND.unit, Literal("%")))
                    g.add((target, MND.targetYear, Literal("2030", datatype=XSD.gYear)))
                    g.add((target, MND.text, Literal(f"chỉ tiêu {task_no}", lang="vi")))
                if t == 6:
                    duty = URIRef(f"{task}/reporting")
                    g.add((duty, RDF.type, MND.ReportingObligation))
                    g.add((duty, MND.inDocument, plan))
                    g.add((duty, MND.partOf, task))
                    g.add((duty, MND.reporter, lead))
                    g.add((duty, MND.recipient, ids.agency(province, "ubnd-tinh")))
                    if rng.random() < 0.5:
                        g.add((duty, MND.via, ids.agency(province, rng.choice(list(AGENCIES)))))
                    g.add((duty, MND.recurrence, ids.recurrence(rng.choice(RECURRENCES))))
                    g.add(
                        (
                            duty,
                            MND.deadline,
                            Literal(f"--12-{rng.randint(1, 28):02d}", datatype=XSD.gMonthDay),
                        )
                    )
                    g.add((duty, MND.text, Literal(f"báo cáo {task_no}", lang="vi")))
                if task_no >= tasks_needed:
                    break
            if task_no >= tasks_needed:
                break
    closure.areas(g)
    return g


def _evidence(g: Graph, node: URIRef, doc: URIRef, n: int) -> None:
    ann = URIRef(f"{node}/evidence")
    target = URIRef(f"{ann}/target")
    g.add((node, MND.evidence, ann))
    g.add((ann, RDF.type, OA.Annotation))
    g.add((ann, OA.hasTarget, target))
    g.add((target, OA.hasSource, doc))
    g.add((target, OA.hasSelector, URIRef(f"{ann}/quote")))
    g.add((URIRef(f"{ann}/quote"), OA.exact, Literal(f"Nhiệm vụ {n}")))
