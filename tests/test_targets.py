"""Targets: real sentences from the corpus and the target each states."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mandates.targets import extract_targets, indicator_key

CASES = [
    # (text, default year, [(comparator, value, value_max, unit, year)])
    (
        "Tỉ lệ thất nghiệp chung dưới 2,5%, tỉ lệ thất nghiệp khu vực thành thị dưới 3,5%",
        2030,
        [("<", "2.5", None, "%", 2030), ("<", "3.5", None, "%", 2030)],
    ),
    ("tỉ lệ lao động qua đào tạo có bằng cấp, chứng chỉ từ 25%", 2030, [(">=", "25", None, "%", 2030)]),
    (
        "khoảng 30% lực lượng lao động trong độ tuổi lao động tham gia bảo hiểm xã hội",
        2030,
        [("~", "30", None, "%", 2030)],
    ),
    ("cấp trung học cơ sở tối thiểu đạt 97%", 2030, [(">=", "97", None, "%", 2030)]),
    (
        "tuổi thọ trung bình của người dân khoảng 74 tuổi, số năm sống khỏe đạt tối thiểu 68 năm",
        2030,
        [("~", "74", None, "tuổi", 2030), (">=", "68", None, "năm", 2030)],
    ),
    (
        "30 giường bệnh viện/vạn dân, số dược sĩ đạt 1,2 dược sĩ/ vạn dân",
        2030,
        [("=", "30", None, "/10000 dân", 2030), ("=", "1.2", None, "/10000 dân", 2030)],
    ),
    # "trên 10.000 dân" is the denominator ("per"), not a target of its own
    (
        "43 giường bệnh viện, 11 bác sĩ, 2 dược sĩ, 28 điều dưỡng và hộ sinh trên 10.000 dân",
        2030,
        [
            ("=", "43", None, "/10000 dân", 2030),
            ("=", "11", None, "/10000 dân", 2030),
            ("=", "2", None, "/10000 dân", 2030),
            ("=", "28", None, "/10000 dân", 2030),
        ],
    ),
    # an age group is a scope, not a target
    (
        "tỉ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng thể thấp còi dưới 15%",
        2030,
        [("<", "15", None, "%", 2030)],
    ),
    ("Xây dựng được ít nhất 3.700 căn hộ nhà ở xã hội", 2030, [(">=", "3700", None, "căn", 2030)]),
    (
        "diện tích nhà ở bình quân tại đô thị đạt khoảng 35,4 m 2  sàn/người",
        2030,
        [("~", "35.4", None, "m2/người", 2030)],
    ),
    ("phấn đấu đạt khoảng 25,9m 2  sàn/người", None, [("~", "25.9", None, "m2/người", None)]),
    ("Mục tiêu cụ thể năm 20 30: tỉ lệ tiêm chủng mở rộng đạt 97%", None, [("=", "97", None, "%", 2030)]),
    (
        "Tỷ lệ hộ nghèo theo chuẩn nghèo tiếp cận đa chiều giảm từ 1% - 1,2%",
        2022,
        [(">=", "1", "1.2", "%", 2022)],
    ),
    ("tỷ lệ hộ nghèo bình quân hàng năm giảm 3% trở lên", 2025, [(">=", "3", None, "%", 2025)]),
    (
        "Phấn đấu đến năm 2025, số lao động được tạo việc làm trên 90.000 lượt người",
        None,
        [(">", "90000", None, "lượt người", 2025)],
    ),
    ("Giảm 20% số vụ trẻ em bị xâm hại, bạo lực so với năm 2021", 2022, [("=", "20", None, "%", 2022)]),
    (
        "Vận động đóng góp Qũy Bảo trợ trẻ em tỉnh 4 tỷ đồng/năm",
        2022,
        [("=", "4", None, "tỷ đồng/năm", 2022)],
    ),
    (
        "Tổ chức ít nhất 02 đợt kiểm tra các cơ sở kinh doanh dịch vụ nhạy cảm",
        2022,
        [(">=", "2", None, "đợt", 2022)],
    ),
    ("Tỷ lệ tham gia bảo hiểm y tế\nlà 92% dân số.", 2022, [("=", "92", None, "%", 2022)]),
    # the year of a sentence holds across its semicolons
    (
        "Đến năm 2030, tỷ lệ hộ nghèo giảm bình quân 1,5%/năm; tỷ lệ lao động qua đào tạo đạt 75%",
        None,
        [("=", "1.5", None, "%/năm", 2030), ("=", "75", None, "%", 2030)],
    ),
]
NOT_TARGETS = [
    "Quyết định số 338/QĐ-TTg ngày 03/4/2023 phê duyệt Đề án “Đầu tư xây dựng ít nhất 01 triệu căn hộ nhà ở xã hội”",
    "giai đoạn 2021-2025, tầm nhìn đến năm 2045",
    "thích ứng với tình hình dịch bệnh Covid-19",
    "thực hiện dịch vụ công trực tuyến mức độ 4 trên tất cả lĩnh vực",
    "tỷ lệ tiêm chủng mở rộng 14 loại vắc xin",
]


@pytest.mark.parametrize(("text", "year", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_targets(text: str, year: int | None, expected: list) -> None:
    got = [
        (t.comparator, t.value, t.value_max, t.unit, t.year) for t in extract_targets(text, default_year=year)
    ]
    want = [(c, Decimal(v), Decimal(m) if m else None, u, y) for c, v, m, u, y in expected]
    assert got == want


@pytest.mark.parametrize("text", NOT_TARGETS)
def test_not_targets(text: str) -> None:
    assert extract_targets(text, default_year=2030) == []


def test_spans_are_inside_the_range_and_hold_the_value() -> None:
    source = "xxx\nTỉ lệ thất nghiệp chung dưới 2,5%;\ntuổi thọ khoảng 74 tuổi\nyyy"
    start, end = 4, len(source) - 4
    for t in extract_targets(source, start, end, default_year=2030):
        assert start <= t.span.start < t.span.end <= end
        quote = source[t.span.start : t.span.end]
        assert str(t.value).replace(".", ",") in quote or str(t.value) in quote


def test_one_indicator_for_both_spellings() -> None:
    assert indicator_key("tỉ lệ thất nghiệp chung") == indicator_key("Tỷ lệ thất nghiệp chung")
