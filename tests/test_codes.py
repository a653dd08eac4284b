"""Document numbers and dates: real strings from the corpus and their variants."""

from __future__ import annotations

import pytest

from mandates.codes import doc_key, find_codes, normalise_code
from mandates.dates import find_date, leading_date

CODES = [
    # (as written, normalised, central issuer)
    ("42-NQ/TW", "42-NQ/TW", True),
    ("99-CTR/TU", "99-CTr/TU", False),
    ("33-Ctr/TU", "33-CTr/TU", False),
    ("21- CT/TW", "21-CT/TW", True),
    ("14- CT/TU", "14-CT/TU", False),
    ("68/NQ-CP", "68/NQ-CP", True),
    ("1983/QĐ-TTg", "1983/QĐ-TTg", True),
    ("322/KH-UBND", "322/KH-UBND", False),
    ("627/Ctr-UBND", "627/CTr-UBND", False),
    ("178/TTr-SLĐTBXH", "178/TTr-SLĐTBXH", False),
    ("20/2021/NĐ-CP", "20/2021/NĐ-CP", True),
    ("45/2016/QĐ-TTg", "45/2016/QĐ-TTg", True),
    ("111/2024/QH15", "111/2024/QH15", True),
    ("09/QĐ-UBND", "09/QĐ-UBND", False),
    # a Party resolution mistyped in state style (Bắc Ninh 141/KH-UBND, 2025)
    ("27/NQ- TW", "27-NQ/TW", True),
    # the ministry's short code is central, the department's is not (data/reference/issuers.csv)
    ("650/QĐ-LĐTBXH", "650/QĐ-LĐTBXH", True),
]


@pytest.mark.parametrize(("written", "normalised", "central"), CODES)
def test_code_normalisation(written: str, normalised: str, central: bool) -> None:
    codes = find_codes(f"theo Quyết định số {written} ngày 01/01/2020")
    assert [c.text for c in codes] == [normalised]
    assert codes[0].central is central
    assert normalise_code(written) == normalised


@pytest.mark.parametrize(
    "text",
    [
        "giai đoạn 2021-2025",
        "ngày 24/11/2023",
        "trước ngày 25/11 hàng năm",
        "đại dịch Covid-19",
        "Thường trực HĐND tỉnh (b/cáo)",
        "Số: /KH-UBND",
    ],
)
def test_not_a_code(text: str) -> None:
    assert find_codes(text) == []


DATES = [
    ("ngày 24/11/2023 của Ban Chấp hành Trung ương", "2023-11-24"),
    ("ngày 24 tháng 11 năm 2023", "2023-11-24"),
    ("ngày 05 tháng 11 năm 2020", "2020-11-05"),
    ("ngày\n24 tháng 11 năm 2021", "2021-11-24"),
    ("ngày 31/02/2021", None),  # not a real date
]


@pytest.mark.parametrize(("text", "iso"), DATES)
def test_dates(text: str, iso: str | None) -> None:
    found = find_date(" ".join(text.split()))
    assert (found[0] if found else None) == iso


def test_leading_date_only_right_after_the_code() -> None:
    assert leading_date(", ngày 16 tháng 01 năm 2025 của Tỉnh ủy") == "2025-01-16"
    assert leading_date(" của Tỉnh ủy về việc … ngày 16/01/2025") is None


@pytest.mark.parametrize(
    ("args", "key"),
    [
        (("vn", "NQ", "TW", 2023, "42"), "vn/nq-tw/2023/42"),
        (("gia-lai", "CTr", "TU", 2025, "99"), "gia-lai/ctr-tu/2025/99"),
        (("an-giang", "KH", "UBND", 2022, "322"), "an-giang/kh-ubnd/2022/322"),
        (("vn", "QĐ", "TTg", 2021, "1983"), "vn/qd-ttg/2021/1983"),
        (("vn", "Luật", "QH", 2013, "38"), "vn/luat/2013/38"),
    ],
)
def test_document_keys_are_eli_style(args: tuple, key: str) -> None:
    assert doc_key(*args) == key
