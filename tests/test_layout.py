"""Layout: logical blocks rebuilt from hard-wrapped lines, and the section tree of each plan."""

from __future__ import annotations

import json

import pytest
from tests.conftest import GOLD_DIR, PLANS, plan

from mandates.layout import blocks
from mandates.structure import outline


def _texts(source: str) -> list[str]:
    return [" ".join(source[b.span.start : b.span.end].split()) for b in blocks(source)]


CASES = [
    # (text, expected blocks) — shapes seen in the corpus
    (
        "I. ĐÁNH GIÁ\nTÌNH HÌNH TRIỂN KHAI THỰC HIỆN\nThời gian qua công tác",
        ["I. ĐÁNH GIÁ TÌNH HÌNH TRIỂN KHAI THỰC HIỆN", "Thời gian qua công tác"],
    ),
    ("người có công,\n\nnhất là tìm kiếm", ["người có công, nhất là tìm kiếm"]),
    ("gia đình có trẻ\n\nem mồ côi.", ["gia đình có trẻ em mồ côi."]),
    ("1. Mục đích\nThực hiện hiệu quả Nghị quyết.", ["1. Mục đích", "Thực hiện hiệu quả Nghị quyết."]),
    ("- Bullet one.\n- Bullet two.", ["- Bullet one.", "- Bullet two."]),
    # "a." marks a lettered part when a capital follows; "II -" a roman one
    ("a. Về giáo dục\n- Sở Giáo dục chủ trì.", ["a. Về giáo dục", "- Sở Giáo dục chủ trì."]),
    ("II - TỔ CHỨC THỰC HIỆN\n1. Sở Y tế:", ["II - TỔ CHỨC THỰC HIỆN", "1. Sở Y tế:"]),
    ("I- MỤC ĐÍCH\n1/ Mục đích", ["I- MỤC ĐÍCH", "1/ Mục đích"]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_blocks(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


MARKERS = [
    # (text, (kind, marker) of each block) — emphasis stars never hide or fake a marker
    ("*2.1. Sở\nTài chính*\n\na) Tham mưu Ủy ban nhân dân tỉnh", [("heading", "N:2.1"), ("heading", "L:a")]),
    ("*2.1. *Bám sát quan điểm chỉ đạo", [("heading", "N:2.1")]),
    ("**I. MỤC ĐÍCH,\nYÊU CẦU**", [("heading", "R:I")]),
    ("** **\n\n**KẾ HOẠCH**", [("paragraph", "")]),
    ("* Tuyên truyền về phòng, chống ma túy.", [("bullet", "B:-")]),
]


@pytest.mark.parametrize(("text", "expected"), MARKERS)
def test_markers_under_emphasis(text: str, expected: list[tuple[str, str]]) -> None:
    found = blocks(text)
    assert [(b.kind, b.marker) for b in found] == expected
    for b in (b for b in found if b.marker):  # the body starts after the marker and its stars
        assert b.body is not None and text[b.body.start] not in "* "


def test_hard_wrapped_plan_is_rejoined() -> None:
    texts = _texts(plan("004"))
    assert "1.4. Công tác bảo vệ, chăm sóc trẻ em" in texts
    assert "1.1. Về chính sách ưu đãi người có công" in texts
    assert any(t.startswith("KẾ HOẠCH THỰC HIỆN CHÍNH SÁCH ĐẢM BẢO AN SINH XÃ HỘI") for t in texts)


@pytest.mark.parametrize("path", PLANS, ids=[p.name for p in PLANS])
def test_section_tree_matches_gold(path) -> None:
    gold = json.loads((GOLD_DIR / path.with_suffix(".json").name).read_text(encoding="utf-8"))
    got = {s.number for s in outline(path.read_text(encoding="utf-8")).sections} - {"closing"}
    assert got == {s["number"] for s in gold["sections"]}


def test_spans_point_into_the_source() -> None:
    source = plan("001")
    for b in blocks(source):
        assert 0 <= b.span.start < b.span.end <= len(source)
        assert not source[b.span.start].isspace() and not source[b.span.end - 1].isspace()


def test_plan_without_roman_parts() -> None:
    text = (
        "KẾ HOẠCH\nThực hiện Nghị quyết số 42-NQ/TW\n1. MỤC ĐÍCH, YÊU CẦU\nCụ thể hóa.\n2. MỤC TIÊU\n"
        "Tỷ lệ hộ nghèo giảm 1%.\n3. NHIỆM VỤ, GIẢI PHÁP\n3.1. Về giảm nghèo\n- Sở Lao động - Thương binh và Xã hội "
        "chủ trì triển khai.\n4. TỔ CHỨC THỰC HIỆN\na) Sở Y tế: theo dõi, tổng hợp.\n"
    )
    out = outline(text)
    assert [s.number for s in out.sections] == ["1", "2", "3", "3.1", "4", "4.a"]
    assert [t.section for t in out.tasks] == ["1", "3.1", "4.a"]  # the objectives part holds no task
