"""A plan's own identity from its header, in the shapes Vietnamese plans take."""

from __future__ import annotations

import pytest

from mandates.identity import identify
from mandates.reference import load
from mandates.structure import outline

HEADERS = [
    # (header text, type, code, jurisdiction, date, draft)
    ("ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\n|\nSố: 322/KH-UBND\n|\nAn Giang, ngày 20\ntháng 5 năm 2022\nKẾ HOẠCH\nThực hiện an sinh xã hội",
     "KH", "322/KH-UBND", "an-giang", "2022-05-20", False),
    ("Số: /KH-UBND\n\nBình Định, ngày tháng năm 2024\n\nKẾ HOẠCH\n\nTriển khai thực hiện Nghị quyết số 68/NQ-CP",
     "KH", None, "binh-dinh", None, True),
    ("UBND TỈNH QUẢNG NAM\nSố 1234/KH-UBND\nQuảng Nam, ngày 03 tháng 4 năm 2024\nKẾ HOẠCH\nThực hiện chính sách xã hội",
     "KH", "1234/KH-UBND", "quang-nam", "2024-04-03", False),
    ("TỈNH ỦY LÀO CAI\nSố 45-CTr/TU\nLào Cai, ngày 10/01/2024\nCHƯƠNG TRÌNH HÀNH ĐỘNG\nthực hiện Nghị quyết số 42-NQ/TW",
     "CTr", "45-CTr/TU", "lao-cai", "2024-01-10", False),
    # a citation that spells "Số" with a capital is not the plan's own number
    ("KẾ HOẠCH\nThực hiện chính sách xã hội trên địa bàn tỉnh Nghệ An\nCăn cứ Quyết định Số 579/QĐ-UBND ngày 24/3/2022 của UBND tỉnh Nghệ An",
     "KH", None, "nghe-an", None, False),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "kind", "code", "place", "date", "draft"), HEADERS, ids=[h[3] for h in HEADERS]
)
def test_identity(text: str, kind: str, code: str | None, place: str, date: str | None, draft: bool) -> None:
    body = text + "\nI. MỤC TIÊU\n1. Mục tiêu chung\nNâng cao đời sống.\n"
    out = outline(body)
    ident = identify(body, out.blocks, out.preamble, load())
    assert (ident.doc_type, ident.code, ident.jurisdiction, ident.date, ident.draft) == (
        kind,
        code,
        place,
        date,
        draft,
    )


# Province names that are also a person's name or a word: a place only after "tỉnh", "thành phố", …
@pytest.mark.parametrize(
    ("text", "province"),
    [
        ("của Ban Chấp hành Trung ương Đoàn TNCS Hồ Chí Minh", None),
        ("học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh của Tỉnh ủy Gia Lai", "gia-lai"),
        ("Ủy ban nhân dân Thành phố Hồ Chí Minh", "ho-chi-minh"),
        ("UBND TP. Hồ Chí Minh", "ho-chi-minh"),
        ("Hồ Chí Minh", "ho-chi-minh"),  # a dateline's place, read alone
        ("hợp tác khu vực châu Á - Thái Bình Dương", None),
        ("giữ vững hòa bình, ổn định", None),
        ("HĐND tỉnh Hòa Bình", "hoa-binh"),
        ("Tỉnh ủy Thái Bình", "thai-binh"),
        ("kỷ niệm chiến thắng Điện Biên Phủ", None),
        ("của Tỉnh ủy Bình Định", "binh-dinh"),
    ],
)
def test_find_province(text: str, province: str | None) -> None:
    assert load().find_province(text) == province
