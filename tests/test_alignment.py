"""Coverage: the parts of the Gia Lai and Bình Định plans aligned, by hand, to the task groups of 42-NQ/TW."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.conftest import PLANS

from mandates.alignment import THRESHOLD, align, section_texts
from mandates.cli import main
from mandates.extract import extract_document
from mandates.reference import load

# Hand-labelled: plan part → task group of Nghị quyết 42-NQ/TW (None: the part takes up no group).
LABELS = {
    "000": {"III.1": None, "III.2": "III.1", "III.3": "III.2", "III.4": "III.3", "III.5": "III.4", "III.6": "III.5",
            "III.7": "III.6", "III.8": "III.7", "III.9": "III.8", "III.10": "III.9"},
    "001": {"III.1": "III.1", "III.2": "III.2", "III.3": "III.3", "III.4": "III.4", "III.5": "III.5",
            "III.6": "III.6", "III.7": "III.7", "III.8": "III.8"},
}  # fmt: skip


@pytest.fixture(scope="module")
def aligned() -> dict[str, dict[str, str]]:
    ref = load()
    docs = {p.name[:3]: extract_document(p, p.read_text(encoding="utf-8"), ref) for p in PLANS}
    corpus = [t for d in docs.values() for t in section_texts(d.source, d.outline).values()]
    return {
        prefix: {
            a.section: a.group.number
            for a in align(section_texts(d.source, d.outline), "vn/nq-tw/2023/42", corpus)
        }
        for prefix, d in docs.items()
        if prefix in LABELS
    }


@pytest.mark.parametrize(
    ("plan", "part", "group"), [(p, s, g) for p, parts in LABELS.items() for s, g in parts.items()]
)
def test_hand_labelled_pairs(aligned: dict, plan: str, part: str, group: str | None) -> None:
    assert aligned[plan].get(part) == group, f"threshold {THRESHOLD}"


def test_coverage_command_shows_the_gap(graph_file: Path) -> None:
    result = CliRunner().invoke(main, ["coverage", "--graph", str(graph_file), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {r["document"]: r for r in json.loads(result.output)}
    binh_dinh = next(r for name, r in rows.items() if "Bình Định" in name)
    assert len(binh_dinh["covered"]) == 8
    assert [m.split(" ", 1)[0] for m in binh_dinh["missing"]] == ["III.9"]
    gia_lai = next(r for name, r in rows.items() if "Gia Lai" in name)
    assert gia_lai["missing"] == []


def test_compare_flags_the_weaker_target(graph_file: Path) -> None:
    result = CliRunner().invoke(
        main, ["compare", "tỉ lệ thất nghiệp chung", "--graph", str(graph_file), "--format", "json"]
    )
    rows = {r["place"]: r for r in json.loads(result.output)}
    assert "weaker" in rows["Gia Lai"].get("flag", "")
    assert not rows["Bình Định"].get("flag")
