"""Reporting duties: real sentences from the corpus and the obligations they set."""

from __future__ import annotations

import pytest

from mandates.reporting import extract_reporting

CASES = [
    # (text, [(recurrence, deadline, recipient, via, final recipient)])
    ("gửi Sở Y tế  trước ngày 25/11 hàng năm  để báo cáo Ủy ban nhân dân tỉnh.",
     [("yearly", (11, 25), "Sở Y tế", None, "Ủy ban nhân dân tỉnh")]),
    ("tham mưu Ủy ban nhân dân tỉnh báo cáo gửi Bộ Y tế trước ngày 05/12 hàng năm.",
     [("yearly", (12, 5), "Bộ Y tế", None, None)]),
    ("định kỳ hằng năm  ( trước ngày 15 tháng 12 )  và đột xuất, báo cáo kết quả về Ủy ban nhân dân tỉnh  ( qua Sở Y tế )"
     "  để tổng hợp, báo cáo.",
     [("yearly", (12, 15), "Ủy ban nhân dân tỉnh", "Sở Y tế", None),
      ("ad-hoc", None, "Ủy ban nhân dân tỉnh", "Sở Y tế", None)]),
    ("Định kỳ 06 tháng (trước 30/6), hàng năm (trước ngày 31/12) báo cáo kết quả việc triển khai thực hiện Kế hoạch "
     "gửi Ủy ban nhân dân tỉnh (qua Sở Lao động - Thương binh và Xã hội) để tổng hợp.",
     [("half-yearly", (6, 30), "Ủy ban nhân dân tỉnh", "Sở Lao động - Thương binh và Xã hội", None),
      ("yearly", (12, 31), "Ủy ban nhân dân tỉnh", "Sở Lao động - Thương binh và Xã hội", None)]),
    ("định kỳ báo cáo kết quả thực hiện về UBND tỉnh (qua Sở Lao động - Thương binh và Xã hội tổng hợp) trước "
     "**ngày 30 tháng 11 hằng năm**.",
     [("yearly", (11, 30), "UBND tỉnh", "Sở Lao động - Thương binh và Xã hội", None)]),
    ("định kỳ hằng năm tổng hợp và tham mưu cho UBND tỉnh báo cáo các bộ, ban, ngành trung ương; báo cáo Ban Thường vụ "
     "Tỉnh ủy **trước ngày 15/12 hằng năm**.",
     [("yearly", None, "các bộ, ban, ngành trung ương", None, None),
      ("yearly", (12, 15), "Ban Thường vụ Tỉnh ủy", None, None)]),
    ("định\nkỳ (hàng quý, 6 tháng, năm) hoặc đột xuất báo cáo kết quả thực hiện về UBND tỉnh\n(thông qua Sở Lao động - "
     "Thương binh và Xã hội) để tổng hợp chung báo cáo UBND\ntỉnh và Tổ trưởng Tổ tư vấn theo quy định./.",
     [(r, None, "UBND tỉnh", "Sở Lao động - Thương binh và Xã hội", "UBND tỉnh và Tổ trưởng Tổ tư vấn")
      for r in ("quarterly", "half-yearly", "yearly", "ad-hoc")]),
    # the period opens the sentence, the day closes it
    ("định kỳ hằng năm báo cáo kết quả về UBND tỉnh (qua Sở Lao động - Thương binh và Xã hội) trước ngày 30/11.",
     [("yearly", (11, 30), "UBND tỉnh", "Sở Lao động - Thương binh và Xã hội", None)]),
    # on request: an ad-hoc duty beside the yearly one (Bắc Ninh 141/KH-UBND, 2025)
    ("Định kỳ báo cáo UBND tỉnh (qua Sở Tư pháp) kết quả thực hiện Kế hoạch hằng năm\n(trước ngày 15 tháng 11) hoặc "
     "theo đề nghị để tổng hợp, báo cáo theo quy định.",
     [("yearly", (11, 15), "UBND tỉnh", "Sở Tư pháp", None), ("ad-hoc", None, "UBND tỉnh", "Sở Tư pháp", None)]),
    # the period between two verbs of the sentence (Cần Thơ 159/KH-UBND, 2025)
    ("- Tổng hợp, lồng ghép báo\ncáo công tác truyền thông, tuyên truyền trong báo cáo công tác giảm nghèo hàng\nnăm "
     "của cơ quan, đơn vị và gửi về Sở Nông nghiệp và Môi trường.",
     [("yearly", None, "Sở Nông nghiệp và Môi trường", None, None)]),
    # escalation and vague duties are not reporting obligations
    ("nếu vượt thẩm quyền báo cáo về Ủy ban nhân dân tỉnh xem xét, quyết định./.", []),
    ("các đơn vị, địa phương kịp thời báo cáo, tham mưu, đề xuất Ủy ban nhân dân tỉnh để xem xét chỉ đạo.", []),
    ("Sở Lao động - Thương binh và Xã hội định kỳ và đột xuất báo cáo theo quy định.", []),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_reporting(text: str, expected: list) -> None:
    got = [(r.recurrence, r.deadline, r.recipient, r.via, r.final_recipient) for r in extract_reporting(text)]
    assert got == expected


def test_spans_inside_the_range() -> None:
    source = "xx\ngửi Sở Y tế trước ngày 25/11 hàng năm để báo cáo Ủy ban nhân dân tỉnh.\nyy"
    for r in extract_reporting(source, 3, len(source) - 3):
        assert 3 <= r.span.start < r.span.end <= len(source) - 3
