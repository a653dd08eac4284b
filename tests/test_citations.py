"""Citations and the relation each sentence states: real sentences from the corpus."""

from __future__ import annotations

import pytest

from mandates import citations as cit
from mandates.reference import load
from mandates.textnorm import normalise


def _relations(text: str, jurisdiction: str = "gia-lai") -> tuple[set[tuple[str, str, str]], list[str]]:
    norm = normalise(text)
    found = cit.find(norm, jurisdiction, load())
    related = cit.relate(norm, found)
    second = {
        (c.subject.code or "", c.relation, c.ref.code or c.ref.name_key or "")
        for c in related.citations
        if c.subject
    }
    heads = [f.ref.code or f.ref.name_key or "" for f, _ in related.heads]
    return second, heads


SECOND_ORDER = [
    (
        (
            "Chương trình hành động số 10-CTr/TU, ngày 23/8/2021 của Tỉnh ủy Gia Lai thực hiện Chỉ thị số 05-CT/TW, "
            "ngày 23/6/2021 của Ban Bí thư Trung ương Đảng về tăng cường"
        ),
        {("10-CTr/TU", "implements", "05-CT/TW")},
    ),
    (
        (
            "Nghị quyết số 68/NQ-CP ngày 09/5/2024 của Chính phủ ban hành Chương trình hành động của Chính phủ thực hiện "
            "Nghị quyết số 42-NQ/TW ngày 24/11/2023"
        ),
        {("68/NQ-CP", "implements", "42-NQ/TW")},
    ),
    (
        (
            "Quyết định số 1983/QĐ-TTg ngày 24/11/2021 của Thủ tướng Chính phủ ban hành Kế hoạch triển khai thực hiện "
            "Kết luận số 92-KL/TW ngày 05/11/2020 của Bộ Chính trị về tiếp tục thực hiện Nghị quyết Hội nghị Trung ương "
            "5 khóa XI"
        ),
        {("1983/QĐ-TTg", "implements", "92-KL/TW"), ("92-KL/TW", "implements", "vn/nq-tw/2012/15")},
    ),
    (
        (
            "Kế hoạch số 1908/KH-UBND ngày 24/11/2021 của Ủy ban nhân dân tỉnh về việc triển khai thực hiện Chỉ thị số "
            "25/CT-TTg ngày 10/9/2021"
        ),
        {("1908/KH-UBND", "implements", "25/CT-TTg")},
    ),
    # "Kế hoạch triển khai Nghị quyết …" implements it (Đồng Nai 182/KH-UBND, 2025).
    (
        (
            "Nghị quyết số 50/NQ-CP ngày 13/3/2025 của Chính phủ về ban hành\nKế hoạch triển khai Nghị quyết số "
            "163/2024/QH15 ngày 27/11/2024 của Quốc hội"
        ),
        {("50/NQ-CP", "implements", "163/2024/QH15")},
    ),
    # The same document written twice is no relation ("132- KL/TW" … "132-KL/TW").
    ("Kết luận số 132- KL/TW của Bộ Chính trị về thực hiện Kết luận số 132-KL/TW", set()),
    # A plan "thực hiện" a task, not a document: no relation.
    (
        "theo Kế hoạch số 117/KH-UBND ngày 04/6/2024 của UBND tỉnh thực hiện công tác giảm nghèo bền vững",
        set(),
    ),
    # Separate list items are not related to each other.
    (
        "Quyết định số 429/QĐ-UBND ngày 22/7/2023; Quyết định số 1750/QĐ-TTg ngày 30/12/2023 của Thủ tướng",
        set(),
    ),
    # An alias in parentheses names the same document again.
    ("Nghị quyết số 42-NQ/TW (sau đây gọi tắt là Nghị quyết số 42-NQ/TW); Nghị quyết số 68/NQ-CP", set()),
]


@pytest.mark.parametrize(("text", "expected"), SECOND_ORDER)
def test_second_order_relations(text: str, expected: set) -> None:
    second, _ = _relations(text)
    assert second == expected


def test_issuer_and_jurisdiction_from_context() -> None:
    norm = normalise("Kế hoạch số 109-KH/TU, ngày 12/9/2024 của Tỉnh ủy Bình Định về việc thực hiện")
    (f,) = cit.find(norm, "gia-lai", load())
    assert f.ref.code == "109-KH/TU"
    assert f.ref.date == "2024-09-12"
    assert f.ref.issuer_name == "Tỉnh ủy Bình Định"


def test_local_code_belongs_to_the_citing_province() -> None:
    norm = normalise("Chỉ thị số 14- CT/TU ngày 29/5/2012 về tiếp tục tăng cường")
    (f,) = cit.find(norm, "an-giang", load())
    assert (f.ref.code, f.ref.jurisdiction, f.ref.doc_type) == ("14-CT/TU", "an-giang", "CT")


def test_type_comes_from_the_code_when_the_word_disagrees() -> None:
    norm = normalise("Chỉ thị số 41-CTr/TU ngày 28/6/2023 của Tỉnh ủy Gia Lai")
    (f,) = cit.find(norm, "gia-lai", load())
    assert f.ref.doc_type == "CTr"


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        ("Căn cứ Kết luận số 92-KL/TW ngày 05 tháng 11 năm 2020 của Bộ Chính trị", "basedOn"),
        ("Thực hiện Chương trình số 99-CTr/TU, ngày 16 tháng 01 năm 2025 của Tỉnh ủy", "implements"),
        ("Triển khai thực hiện Nghị quyết số 68/NQ-CP ngày 09/5/2024 của Chính phủ", "implements"),
        ("Tiếp tục thực hiện Nghị quyết Hội nghị Trung ương 5, Khóa XI", "implements"),
        (
            "Trên cơ sở đề nghị của Sở Lao động - Thương binh và Xã hội tại Tờ trình số 178/TTr-SLĐTBXH",
            "basedOn",
        ),
        ("KẾ HOẠCH THỰC HIỆN CHƯƠNG TRÌNH SỐ 99-CTR/TU", "implements"),
        (
            "Để triển khai thực hiện Nghị quyết số 42-NQ/TW, Ủy ban nhân dân tỉnh ban hành Kế hoạch",
            "implements",
        ),
        ("Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện trên địa bàn tỉnh", None),
    ],
)
def test_lead_relation(text: str, relation: str | None) -> None:
    assert cit.lead_relation(text) == relation


def test_named_plenum_resolution() -> None:
    _, heads = _relations(
        "Chương trình số 33-CTr/TU; Nghị quyết Hội nghị Trung ương 5 (khóa XI) về một số vấn đề"
    )
    assert heads[-1].startswith("vn/nq-tw/")
