"""Who holds a task today: the 2025 reorganisation applied to real tasks of the shipped plans."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from mandates.cli import main
from mandates.reorg import resolve

CASES = [
    # (phrase of a Bình Định / Đắk Nông task, agency it was given, who holds it now, legal bases)
    (
        "giải pháp giảm nghèo bền vững theo Kế hoạch số 117/KH-UBND",
        "Sở Lao động - Thương binh và Xã hội tỉnh Bình Định",
        "Sở Nông nghiệp và Môi trường tỉnh Gia Lai",
        ["Nghị định 45/2025/NĐ-CP", "Nghị quyết 202/2025/QH15"],
    ),
    (
        "Phát triển và nâng cao chất lượng hệ thống giáo dục nghề nghiệp",
        "Sở Lao động - Thương binh và Xã hội tỉnh Bình Định",
        "Sở Giáo dục và Đào tạo tỉnh Gia Lai",
        ["Nghị định 45/2025/NĐ-CP", "Nghị quyết 202/2025/QH15"],
    ),
    (
        "Tham mưu hoàn thiện hệ thống trợ giúp xã hội",
        "Sở Lao động - Thương binh và Xã hội tỉnh Bình Định",
        "Sở Y tế tỉnh Gia Lai",
        ["Nghị định 45/2025/NĐ-CP", "Nghị quyết 202/2025/QH15"],
    ),
    (
        "trùng tu, tôn tạo các công trình ghi công",
        "Sở Lao động - Thương binh và Xã hội tỉnh Đắk Nông",
        "Sở Nội vụ tỉnh Lâm Đồng",
        ["Nghị định 45/2025/NĐ-CP", "Nghị quyết 202/2025/QH15"],
    ),
]


@pytest.mark.parametrize(("phrase", "assigned", "holder", "bases"), CASES, ids=[c[0][:30] for c in CASES])
def test_now(graph_file: Path, phrase: str, assigned: str, holder: str, bases: list[str]) -> None:
    result = CliRunner().invoke(main, ["now", phrase, "--graph", str(graph_file), "--format", "json"])
    assert result.exit_code == 0, result.output
    (entry,) = json.loads(result.output)
    h = next(h for h in entry["holders"] if h["assigned"] == assigned)
    assert h["now"] == holder
    assert [b for s in h["steps"] for b in s["legal_basis"]] == bases


def test_split_without_policy_area_lists_candidates() -> None:
    res = resolve("binh-dinh", "so-lao-dong-thuong-binh-va-xa-hoi", [], "2024-06-01")
    assert not res.decided
    assert {key for _, key in res.candidates} == {
        "so-noi-vu",
        "so-y-te",
        "so-giao-duc-va-dao-tao",
        "so-nong-nghiep-va-moi-truong",
    }


def test_nothing_changes_for_a_task_given_after_the_events() -> None:
    res = resolve("gia-lai", "so-y-te", ["y-te"], "2025-09-01")
    assert res.steps == [] and res.holder == ("gia-lai", "so-y-te")


def test_unmerged_province_keeps_its_department() -> None:
    res = resolve("an-giang", "so-xay-dung", ["nha-o"], "2022-05-20")
    assert res.holder == ("an-giang", "so-xay-dung")


@pytest.mark.parametrize(
    ("province", "successor"),
    [
        ("kon-tum", "quang-ngai"),
        ("hau-giang", "can-tho"),
        ("ha-giang", "tuyen-quang"),
        ("thua-thien-hue", "hue"),
    ],
)
def test_every_merger_of_the_registry_moves_the_department(province: str, successor: str) -> None:
    """reorganisations.csv details four mergers; jurisdictions.csv records them all, with their source."""
    res = resolve(province, "so-y-te", ["y-te"], "2024-06-01")
    assert res.holder == (successor, "so-y-te")
    step = res.steps[-1]
    assert step.event.source_url.startswith("https://") and step.event.legal_basis
