"""Six real 2025 plans the rules were not written from (tests/fixtures/unseen/, source beside each):
the build reads them all, with the shipped four, and finds who they are and who does what.

tests/fixtures/unseen/gold/ holds a hand annotation of each, made apart from the pipeline in the format
of ../shared/eval/gold (its notes say where a reading was a judgement call); the scorer's figures on
them must not fall below the floors here."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import PLANS, SCORER

from mandates.build import BuildResult, build_validated, write_graph

UNSEEN = Path(__file__).parent / "fixtures" / "unseen"

IDENTITY = [
    # (file, code, date, jurisdiction, title starts with)
    ("bacninh-141-kh-ubnd-2025-nang-luc-xdcs.txt", "141/KH-UBND", "2025-11-20", "bac-ninh", "NÂNG CAO NĂNG LỰC"),
    ("cantho-159-kh-ubnd-2025-truyen-thong-giam-ngheo.txt", "159/KH-UBND", "2025-11-19", "can-tho", "TRUYỀN THÔNG"),
    ("cantho-165-kh-ubnd-2025-dan-so.txt", "165/KH-UBND", "2025-11-21", "can-tho", "THỰC HIỆN CHỈ THỊ"),
    ("dongnai-182-kh-ubnd-2025-ma-tuy.txt", "182/KH-UBND", "2025-11-20", "dong-nai", "TRIỂN KHAI THỰC HIỆN"),
    ("hatinh-624-kh-ubnd-2025-mam-non.txt", "624/KH-UBND", "2025-11-19", "ha-tinh", "THỰC HIỆN CHƯƠNG TRÌNH"),
    ("hcm-172-kh-ubnd-2025-luat-viec-lam.txt", "172/KH-UBND", "2025-11-18", "ho-chi-minh", "TRIỂN KHAI THI HÀNH"),
]  # fmt: skip


@pytest.fixture(scope="module")
def built() -> BuildResult:
    return build_validated([*PLANS, *(UNSEEN / row[0] for row in IDENTITY)])


def test_every_plan_is_built(built: BuildResult) -> None:
    assert [str(e) for e in built.errors] == []
    assert len(built.extracts) == len(PLANS) + len(IDENTITY)


@pytest.mark.parametrize(
    ("name", "code", "date", "place", "title"), IDENTITY, ids=[r[0][:12] for r in IDENTITY]
)
def test_identity(built: BuildResult, name: str, code: str, date: str, place: str, title: str) -> None:
    doc = next(d for d in built.extracts if d.source_file == name)
    ident = doc.identity
    assert (ident.code, ident.date, ident.jurisdiction) == (code, date, place)
    assert (ident.title or "").startswith(title)


@pytest.mark.parametrize("name", [r[0] for r in IDENTITY], ids=[r[0][:12] for r in IDENTITY])
def test_most_tasks_have_someone_responsible(built: BuildResult, name: str) -> None:
    doc = next(d for d in built.extracts if d.source_file == name)
    tasks = [t.number for t in doc.outline.tasks]
    assigned = [n for n in tasks if (a := doc.responsibilities.by_task.get(n)) and a.actors]
    assert tasks and len(assigned) >= 0.4 * len(tasks), (len(assigned), len(tasks))


def test_labelled_lines_are_not_tasks(built: BuildResult) -> None:
    doc = next(d for d in built.extracts if d.source_file.startswith("hcm-172"))
    texts = [" ".join(doc.source[t.span.start : t.span.end].split()) for t in doc.outline.tasks]
    assert not [t for t in texts if t.startswith(("- Cơ quan chủ trì", "- Cơ quan phối hợp", "- Thời gian"))]


# Measured 2026-12-06 (overall 0.88): floors a little under, to be raised as the rules improve.
FLOORS = {"overall": 0.85, "meta": 1.0, "citations": 0.95, "targets": 0.85, "responsibilities": 0.6}


def test_scores_on_the_hand_annotation(built: BuildResult, tmp_path: Path) -> None:
    graph = tmp_path / "unseen.ttl"
    write_graph(built.graph, graph)
    out = subprocess.run(
        [sys.executable, str(SCORER), "--graph", str(graph), "--gold", str(UNSEEN / "gold"), "--json"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    scores = json.loads(out.stdout)
    assert scores["overall"] >= FLOORS["overall"]
    for name, areas in scores["documents"].items():
        for area, floor in FLOORS.items():
            if area in areas:
                assert _headline(area, areas[area]) >= floor, (name, area, areas[area])


def _headline(area: str, res: dict) -> float:
    """The figure score.py prints for an area."""
    if area == "meta":
        return float(res["accuracy"])
    if area == "responsibilities":
        return (res["task_recall"] + res["lead_accuracy"] + res["agencies"]["f1"]) / 3
    return float(res["f1"])


def test_no_document_derives_from_itself(built: BuildResult) -> None:
    """Đồng Nai writes "Kết luận số 132- KL/TW" and later "thực hiện Kết luận số 132-KL/TW": one document."""
    from mandates.namespaces import MND

    g = built.graph
    assert [s for p in (MND.implements, MND.basedOn) for s, o in g.subject_objects(p) if s == o] == []
