"""Targets: real sentences from the corpus and the targets each states; whole plans against the gold.

Every sentence below is copied from a shipped plan with its noise: hard line breaks (An Giang),
"năm 20 30", "35,4 m 2  sàn/người", "25,9m 2", "m²", a closing quote typed as an opening one.
"""

from __future__ import annotations

import csv
import json
import re
from decimal import Decimal
from itertools import pairwise
from typing import NamedTuple

import pytest
from tests.conftest import GOLD_DIR, PLANS

from mandates.constants import DOCUMENTS_DIR, REFERENCE_DIR
from mandates.targets import extract_targets, indicator_key


class T(NamedTuple):
    indicator: str
    comparator: str
    value: str
    unit: str
    year: int | None
    scope: str = ""
    value_max: str | None = None


def _plain(value: Decimal | str | None) -> str | None:
    return None if value is None else f"{Decimal(value).normalize():f}"


def _got(t) -> T:
    return T(t.indicator, t.comparator, _plain(t.value), t.unit, t.year, t.scope, _plain(t.value_max))


def _want(t: T) -> T:
    return t._replace(value=_plain(t.value), value_max=_plain(t.value_max))


CASES = [
    pytest.param(
        "Tỉ lệ thất nghiệp chung dưới 2,5%, tỉ lệ thất nghiệp khu vực thành thị dưới 3,5%; tỉ lệ lao động "
        "qua đào tạo có bằng cấp, chứng chỉ từ 25%;",
        2030,
        [
            T("tỷ lệ thất nghiệp chung", "<", "2.5", "%", 2030),
            T("tỷ lệ thất nghiệp", "<", "3.5", "%", 2030, "khu vực thành thị"),
            # "từ 25%" with nothing after it: from 25% upward
            T("tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ", ">=", "25", "%", 2030),
        ],
        id="tỉ lệ-dưới-từ",
    ),
    pytest.param(
        "khoảng 30% lực lượng lao động trong độ tuổi lao động tham gia bảo hiểm xã hội và khoảng 25% lực "
        "lượng lao động trong độ tuổi lao động tham gia bảo hiểm thất nghiệp;",
        2030,
        [
            T("tỷ lệ lực lượng lao động trong độ tuổi tham gia bảo hiểm xã hội", "~", "30", "%", 2030),
            T("tỷ lệ lực lượng lao động trong độ tuổi tham gia bảo hiểm thất nghiệp", "~", "25", "%", 2030),
        ],
        id="khoảng-value-first-list",
    ),
    pytest.param(
        "tỉ lệ đi học đúng độ tuổi cấp tiểu học đạt 99,5%, cấp trung học cơ sở tối thiểu đạt 97%, cấp trung "
        "học phổ thông tối thiểu đạt 65%;",
        2030,
        [
            T("tỷ lệ đi học đúng độ tuổi", "=", "99.5", "%", 2030, "cấp tiểu học"),
            T("tỷ lệ đi học đúng độ tuổi", ">=", "97", "%", 2030, "cấp trung học cơ sở"),
            T("tỷ lệ đi học đúng độ tuổi", ">=", "65", "%", 2030, "cấp trung học phổ thông"),
        ],
        id="elliptical-list",
    ),
    pytest.param(
        "tuổi thọ trung bình của người dân khoảng 74 tuổi, số năm sống khỏe đạt tối thiểu 68 năm;",
        2030,
        [
            T("tuổi thọ trung bình", "~", "74", "tuổi", 2030),
            T("số năm sống khỏe", ">=", "68", "năm", 2030),
        ],
        id="khoảng-74-tuổi",
    ),
    pytest.param(
        "30 giường bệnh viện/vạn dân, số bác sỹ đạt 10 bác sĩ/vạn dân, số dược sĩ đạt 1,2 dược sĩ/ vạn dân, "
        "số điều dưỡng đạt 25 điều dưỡng viên/vạn dân;",
        2030,
        [
            T("số giường bệnh trên 10.000 dân", "=", "30", "/10000 dân", 2030),
            T("số bác sĩ trên 10.000 dân", "=", "10", "/10000 dân", 2030),
            T("số dược sĩ trên 10.000 dân", "=", "1.2", "/10000 dân", 2030),
            T("số điều dưỡng trên 10.000 dân", "=", "25", "/10000 dân", 2030),
        ],
        id="per-vạn-dân",
    ),
    pytest.param(
        "43 giường bệnh viện, 11 bác sĩ, 2 dược sĩ, 28 điều dưỡng và hộ sinh trên 10.000 dân; trên 97% dân "
        "số tham gia bảo hiểm y tế;",
        2030,
        [  # "trên 10.000 dân" is "per 10 000 people": '=', and 10.000 is no target of its own
            T("số giường bệnh trên 10.000 dân", "=", "43", "/10000 dân", 2030),
            T("số bác sĩ trên 10.000 dân", "=", "11", "/10000 dân", 2030),
            T("số dược sĩ trên 10.000 dân", "=", "2", "/10000 dân", 2030),
            T("số điều dưỡng trên 10.000 dân", "=", "28", "/10000 dân", 2030),
            T("tỷ lệ dân số tham gia bảo hiểm y tế", ">", "97", "%", 2030),
        ],
        id="per-trên-10.000-dân",
    ),
    pytest.param(
        "tỉ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng thể thấp còi dưới 15%;",
        2030,
        [  # "dưới 5 tuổi" is an age group, not a target
            T(
                "tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng thể thấp còi",
                "<",
                "15",
                "%",
                2030,
                "trẻ em dưới 5 tuổi",
            )
        ],
        id="dưới-5-tuổi-is-scope",
    ),
    pytest.param(
        "- Xây dựng được ít nhất 3.700 căn hộ nhà ở xã hội cho người thu nhập thấp, công nhân khu công "
        "nghiệp; xoá bỏ hoàn toàn tình trạng nhà tạm, nhà dột nát cho hộ nghèo, hộ cận nghèo;",
        2030,
        [T("số căn nhà ở xã hội", ">=", "3700", "căn", 2030)],
        id="3.700-căn",
    ),
    pytest.param(
        "diện tích nhà ở bình quân tại đô thị đạt khoảng 35,4 m 2  sàn/người; diện tích nhà ở bình quân tại "
        "nông thôn đạt khoảng 19,6 m 2  sàn/người;",
        2030,
        [
            T("diện tích nhà ở bình quân đầu người", "~", "35.4", "m2/người", 2030, "đô thị"),
            T("diện tích nhà ở bình quân đầu người", "~", "19.6", "m2/người", 2030, "nông thôn"),
        ],
        id="m-2-sàn",
    ),
    pytest.param(
        "- Sở Xây dựng, chính quyền cơ sở triển khai tốt các chính sách hỗ trợ người dân làm nhà ở, phấn đấu "
        "đến năm 2030: Diện tích nhà ở bình quân toàn tỉnh phấn đấu đạt khoảng 25,9m 2  sàn/người.",
        None,
        [T("diện tích nhà ở bình quân đầu người", "~", "25.9", "m2/người", 2030, "toàn tỉnh")],
        id="25,9m2-year-before-colon",
    ),
    pytest.param(
        "- Xóa hoàn toàn tình trạng nhà tạm, nhà dột nát cho hộ nghèo, hộ cận nghèo, người dân bị ảnh hưởng "
        "bởi thiên tai, biến đổi khí hậu; diện tích nhà ở bình quân toàn tỉnh đạt khoảng 32 m² sàn/người.",
        2030,
        [T("diện tích nhà ở bình quân đầu người", "~", "32", "m2/người", 2030, "toàn tỉnh")],
        id="m²",
    ),
    pytest.param(
        "100% hộ gia đình ở thành thị và 80% hộ gia đình ở nông thôn được sử dụng nước sạch theo quy chuẩn;",
        2030,
        [
            T("tỷ lệ hộ gia đình được sử dụng nước sạch theo quy chuẩn", "=", "100", "%", 2030, "thành thị"),
            T("tỷ lệ hộ gia đình được sử dụng nước sạch theo quy chuẩn", "=", "80", "%", 2030, "nông thôn"),
        ],
        id="two-in-one-list",
    ),
    pytest.param(
        "- Có ít nhất 80% người dân ở vùng sâu, vùng xa, biên giới, 100% các xã vùng đồng bào dân tộc thiểu "
        "số và miền núi được thụ hưởng và tham gia các hoạt động văn hoá, nghe, xem các kênh phát thanh, "
        "truyền hình của quốc gia và địa phương.",
        2030,
        [  # the second figure of the list is '=' (gold note): "ít nhất" does not carry over
            T(
                "tỷ lệ người dân được thụ hưởng và tham gia các hoạt động văn hóa, nghe, xem các kênh phát "
                "thanh, truyền hình",
                ">=",
                "80",
                "%",
                2030,
                "vùng sâu, vùng xa, biên giới",
            ),
            T(
                "tỷ lệ xã được thụ hưởng và tham gia các hoạt động văn hóa, nghe, xem các kênh phát thanh, "
                "truyền hình của quốc gia và địa phương",
                "=",
                "100",
                "%",
                2030,
                "vùng đồng bào dân tộc thiểu số và miền núi",
            ),
        ],
        id="ít-nhất-then-plain",
    ),
    pytest.param(
        "2. Mục tiêu cụ thể năm 20 30\n- Bảo đảm 100% người có công và gia đình người có công với cách "
        "mạng được chăm lo toàn diện cả vật chất và tinh thần",
        None,
        [
            T(
                "tỷ lệ người có công và gia đình người có công với cách mạng được chăm lo toàn diện cả vật chất "
                "và tinh thần",
                "=",
                "100",
                "%",
                2030,
            )
        ],
        id="năm-20-30",
    ),
    pytest.param(
        "- Tỷ lệ hộ nghèo theo chuẩn\nnghèo tiếp cận đa chiều giảm từ 1% - 1,2%, trong đó tỷ lệ hộ nghèo dân "
        "tộc thiểu\nsố giảm bình quân từ 3% - 4%/năm. Đảm bảo 100% đối tượng bảo trợ xã hội đủ điều\nkiện được "
        "hưởng trợ cấp xã hội hàng tháng;",
        2022,
        [
            T("mức giảm tỷ lệ hộ nghèo", ">=", "1", "%", 2022, "", "1.2"),
            T("mức giảm tỷ lệ hộ nghèo", ">=", "3", "%/năm", 2022, "dân tộc thiểu số", "4"),
            T(
                "tỷ lệ đối tượng bảo trợ xã hội đủ điều kiện được hưởng trợ cấp xã hội hàng tháng",
                "=",
                "100",
                "%",
                2022,
            ),
        ],
        id="ranges-hard-breaks",
    ),
    pytest.param(
        "- Phấn đấu đến năm 2025, có 100% hộ nghèo, cận nghèo thiếu hụt về tiêu chí thu nhập được hỗ trợ, "
        "tạo điều kiện phát triển sản xuất, đào tạo nghề, tạo việc làm ổn định để tăng thu nhập. Phấn đấu tỷ "
        "lệ hộ nghèo bình quân hàng năm giảm 3% trở lên; trong đó, hộ nghèo đồng bào dân tộc thiểu số tại chỗ "
        "giảm từ 5% trở lên (theo chuẩn nghèo đa chiều áp dụng cho giai đoạn 2021-2025). Thu nhập bình quân "
        "đầu người vùng đồng bào dân tộc thiểu số năm 2025 tăng trên 1,5 lần so với cuối năm 2020.",
        None,
        [
            T(
                "tỷ lệ hộ nghèo, cận nghèo thiếu hụt về tiêu chí thu nhập được hỗ trợ, tạo điều kiện phát "
                "triển sản xuất, đào tạo nghề, tạo việc làm ổn định",
                "=",
                "100",
                "%",
                2025,
                "hộ nghèo, cận nghèo",
            ),
            # the year of the paragraph's opening "đến năm 2025" holds for its later sentences
            T("mức giảm tỷ lệ hộ nghèo", ">=", "3", "%/năm", 2025),
            T(
                "mức giảm tỷ lệ hộ nghèo",
                ">=",
                "5",
                "%/năm",
                2025,
                "hộ nghèo đồng bào dân tộc thiểu số tại chỗ",
            ),
            T(
                "mức tăng thu nhập bình quân đầu người",
                ">",
                "1.5",
                "lần",
                2025,
                "vùng đồng bào dân tộc thiểu số",
            ),
        ],
        id="trở-lên-trong-đó-so-với",
    ),
    pytest.param(
        "- Phấn đấu đến năm 2025, số lao động được tạo việc làm trên 90.000 lượt người; đào tạo nghề cho trên "
        "20.000 lượt người.",
        None,
        [
            T("số lao động được tạo việc làm", ">", "90000", "lượt người", 2025),
            T("số người được đào tạo nghề", ">", "20000", "lượt người", 2025),
        ],
        id="90.000-lượt-người",
    ),
    pytest.param(
        "- Phấn đấu đến năm 2025, tăng thêm hơn 50 trường đạt chuẩn quốc gia; có 100% trẻ em đi học đúng độ "
        "tuổi ở bậc tiểu học, 98% ở bậc trung học cơ sở; 98% người trong độ tuổi từ 15 trở lên biết chữ; "
        "trên 57,5% lao động qua đào tạo.",
        None,
        [
            T("số trường đạt chuẩn quốc gia", ">", "50", "trường", 2025),
            T("tỷ lệ đi học đúng độ tuổi", "=", "100", "%", 2025, "bậc tiểu học"),
            T("tỷ lệ đi học đúng độ tuổi", "=", "98", "%", 2025, "bậc trung học cơ sở"),
            T(
                "tỷ lệ dân số từ 15 tuổi trở lên biết chữ",
                "=",
                "98",
                "%",
                2025,
                "người trong độ tuổi từ 15 trở lên",
            ),
            T("tỷ lệ lao động qua đào tạo", ">", "57.5", "%", 2025),
        ],
        id="value-first-and-ở-bậc",
    ),
    pytest.param(
        "- Đến năm 2025, tối thiểu 95% trẻ dưới 1 tuổi được tiêm chủng đầy đủ; tỷ lệ suy dinh dưỡng ở trẻ em "
        "dưới 5 tuổi thể nhẹ cân còn 16%.",
        None,
        [
            T("tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ", ">=", "95", "%", 2025, "trẻ dưới 1 tuổi"),
            T(
                "tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng thể nhẹ cân",
                "=",
                "16",
                "%",
                2025,
                "trẻ em dưới 5 tuổi",
            ),
        ],
        id="còn-16%",
    ),
    pytest.param(
        "- Đến năm 2025, khoảng 17.000 người hưởng trợ giúp xã hội thường xuyên.",
        None,
        [T("số người hưởng trợ giúp xã hội thường xuyên", "~", "17000", "người", 2025)],
        id="17.000-người",
    ),
    pytest.param(
        "- Tổ chức tuyển sinh giáo dục\nnghề nghiệp khoảng 20.000 người (số lao động nữ được học nghề nghiệp "
        "chiếm\nít nhất 41,5%), số lượng tốt nghiệp là 15.000 người; nâng tỷ lệ lao động\nqua đào tạo lên 68%, "
        "tỷ lệ lao động qua đào tạo có văn bằng, chứng chỉ đạt 27%.",
        2022,
        [
            T("số người tuyển sinh giáo dục nghề nghiệp", "~", "20000", "người", 2022),
            T(
                "tỷ lệ lao động nữ trong số người được học nghề nghiệp",
                ">=",
                "41.5",
                "%",
                2022,
                "lao động nữ",
            ),
            T("số người tốt nghiệp giáo dục nghề nghiệp", "=", "15000", "người", 2022),
            T("tỷ lệ lao động qua đào tạo", "=", "68", "%", 2022),
            T("tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ", "=", "27", "%", 2022),
        ],
        id="hard-wrapped-bullet",
    ),
    pytest.param(
        "- Trong năm 2022, đưa 200 lao động\nđi làm việc ở nước ngoài theo hợp đồng. Giữ tỷ lệ thất nghiệp khu "
        "vực thành thị\ndưới 4%.",
        None,
        [
            T("số lao động đi làm việc ở nước ngoài theo hợp đồng", "=", "200", "người", 2022),
            T("tỷ lệ thất nghiệp", "<", "4", "%", 2022, "khu vực thành thị"),
        ],
        id="trong-năm-2022",
    ),
    pytest.param(
        "công nhận. Phấn đấu 100% gia đình người có công có mức sống bằng hoặc cao hơn mức\nsống trung bình "
        "của nhân dân nơi cư trú. Vận động đóng góp Quỹ Đền ơn đáp nghĩa\ntoàn tỉnh trong năm 2022 đạt 4 tỷ đồng.",
        None,
        [
            T(
                "tỷ lệ gia đình người có công có mức sống bằng hoặc cao hơn mức sống trung bình của nhân dân nơi "
                "cư trú",
                "=",
                "100",
                "%",
                None,  # no year in its sentence nor before it: the caller's default
            ),
            T("số tiền vận động đóng góp quỹ đền ơn đáp nghĩa", "=", "4", "tỷ đồng", 2022, "toàn tỉnh"),
        ],
        id="tỷ-đồng",
    ),
    pytest.param(
        "Vận động đóng góp Qũy Bảo trợ trẻ em tỉnh 4 tỷ đồng/năm.",
        2022,
        [T("số tiền vận động đóng góp quỹ bảo trợ trẻ em", "=", "4", "tỷ đồng/năm", 2022)],
        id="tỷ-đồng/năm",
    ),
    pytest.param(
        "Giảm 20% số vụ trẻ em bị xâm hại, bạo lực so với\nnăm 2021; 100% trường hợp trẻ em bị xâm hại khi phát "
        "hiện được lập hồ sơ quản\nlý và hỗ trợ phù hợp, kịp thời;",
        2022,
        [  # "so với năm 2021" is the baseline, not the year
            T("mức giảm số vụ trẻ em bị xâm hại, bạo lực", "=", "20", "%", 2022),
            T(
                "tỷ lệ trường hợp trẻ em bị xâm hại khi phát hiện được lập hồ sơ quản lý và hỗ trợ phù hợp, kịp "
                "thời",
                "=",
                "100",
                "%",
                2022,
            ),
        ],
        id="so-với-năm-2021",
    ),
    pytest.param(
        "tra liên ngành 178 cấp tỉnh, huyện. Tổ chức ít nhất 02 đợt kiểm tra các cơ sở\nkinh doanh dịch vụ nhạy "
        "cảm dễ phát sinh tệ nạn mại dâm theo quy định nhằm\nphòng ngừa, phát hiện và xử lý các hành vi vi phạm",
        2022,
        [
            T(
                "số đợt kiểm tra các cơ sở kinh doanh dịch vụ nhạy cảm dễ phát sinh tệ nạn mại dâm",
                ">=",
                "2",
                "đợt",
                2022,
            )
        ],
        id="02-đợt",
    ),
    pytest.param(
        "- Tỷ lệ tham gia bảo hiểm y tế\nlà 92% dân số.",
        2022,
        [T("tỷ lệ dân số tham gia bảo hiểm y tế", "=", "92", "%", 2022)],
        id="là-92%-dân-số",
    ),
    pytest.param(
        "Thực hiện tốt chính sách cung cấp nước sạch; phấn đấu đến năm 2025, tỷ lệ dân số đô thị được cung "
        "cấp nước sạch qua hệ thống cấp nước tập trung là 81%.",
        2030,
        [
            T(
                "tỷ lệ dân số đô thị được cung cấp nước sạch qua hệ thống cấp nước tập trung",
                "=",
                "81",
                "%",
                2025,
                "đô thị",
            )
        ],
        id="sentence-year-over-default",
    ),
    pytest.param(
        "Triển khai thực hiện tốt Quyết định số 338/QĐ-TTg ngày 03/4/2023 của Thủ tướng Chính phủ về phê duyệt "
        "Đề án “Đầu tư xây dựng ít nhất 01 triệu căn hộ nhà ở xã hội cho đối tượng thu nhập thấp, công nhân "
        "khu công nghiệp giai đoạn 2021-2030”, phấn đấu đến năm 2030 toàn tỉnh xây dựng 3.700 căn nhà ở xã hội.",
        None,
        [T("số căn nhà ở xã hội", "=", "3700", "căn", 2030, "toàn tỉnh")],
        id="title-in-quotes",
    ),
    pytest.param(
        "100% hộ gia đình chăm sóc trẻ em dưới 36 tháng tuổi, phụ nữ mang thai, người cao tuổi thuộc hộ nghèo, "
        "cận nghèo được hưởng trợ cấp xã hội theo quy định;",
        2030,
        [
            T(
                "tỷ lệ hộ gia đình chăm sóc trẻ em dưới 36 tháng tuổi, phụ nữ mang thai, người cao tuổi thuộc hộ "
                "nghèo, cận nghèo được hưởng trợ cấp xã hội",
                "=",
                "100",
                "%",
                2030,
                "hộ nghèo, cận nghèo",
            )
        ],
        id="36-tháng-tuổi-is-scope",
    ),
    pytest.param(
        "100% khu dân cư có nhà văn hóa - khu thể thao, trong đó có 60% khu dân cư có nhà văn hóa - khu thể "
        "thao đạt chuẩn theo quy định; ít nhất 85% các địa phương, cơ quan, đơn vị đạt được các danh hiệu văn "
        "hóa trong phong trào thi đua “Toàn dân đoàn kết xây dựng đời sống văn hó“ và cuộc vận động xây dựng "
        "đời sống văn hóa cơ sở; 100% di tích quốc gia đặc biệt và ít nhất 80% di tích quốc gia, di tích cấp "
        "tỉnh được tu bổ, tôn tạo;",
        2030,
        [
            T("tỷ lệ khu dân cư có nhà văn hóa - khu thể thao", "=", "100", "%", 2030),
            T("tỷ lệ khu dân cư có nhà văn hóa - khu thể thao đạt chuẩn", "=", "60", "%", 2030),
            T(
                "tỷ lệ địa phương, cơ quan, đơn vị đạt được các danh hiệu văn hóa trong phong trào thi đua",
                ">=",
                "85",
                "%",
                2030,
            ),
            T("tỷ lệ di tích quốc gia đặc biệt được tu bổ, tôn tạo", "=", "100", "%", 2030),
            T(
                "tỷ lệ di tích quốc gia, di tích cấp tỉnh được tu bổ, tôn tạo",
                ">=",
                "80",
                "%",
                2030,
                "cấp tỉnh",
            ),
        ],
        id="odd-closing-quote",
    ),
]

# The same rules on sentences of other plans, published on public pages (no rule of this module
# names them): Thừa Thiên Huế's poverty plan, Decision 176/QĐ-TTg, the national master plan, a
# report with baselines.
OTHER_PLANS = [
    pytest.param(  # https://baothuathienhue.vn/amp.aspx?newid=114275
        "Theo đó, phấn đấu tỷ lệ hộ nghèo chung toàn tỉnh giảm từ 0,8-1%, trong đó tỷ lệ hộ nghèo là đồng bào "
        "dân tộc thiểu số giảm từ 3% trở lên, tỷ lệ hộ nghèo tại các xã có tỷ lệ hộ nghèo cao trên 25% giảm từ "
        "4% trở lên.",
        2025,
        [  # "trên 25%" qualifies the communes: no target
            T("mức giảm tỷ lệ hộ nghèo", ">=", "0.8", "%", 2025, "toàn tỉnh", "1"),
            T("mức giảm tỷ lệ hộ nghèo", ">=", "3", "%", 2025, "đồng bào dân tộc thiểu số"),
            T("mức giảm tỷ lệ hộ nghèo", ">=", "4", "%", 2025, "các xã có tỷ lệ hộ nghèo cao trên 25%"),
        ],
        id="hue-range-without-first-unit",
    ),
    pytest.param(  # https://baothuathienhue.vn/amp.aspx?newid=114275
        "Tối thiểu 1.200 người lao động thuộc hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo, vùng nghèo, vùng khó "
        "khăn được hỗ trợ kết nối việc làm thành công…",
        2025,
        [
            T(
                "số người lao động thuộc hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo, vùng nghèo, vùng khó khăn "
                "được hỗ trợ kết nối việc làm thành công",
                ">=",
                "1200",
                "người",
                2025,
                "hộ nghèo, hộ cận nghèo",
            )
        ],
        id="hue-tối-thiểu-1.200",
    ),
    pytest.param(  # https://nhandan.vn/nam-2025-ty-le-lao-dong-qua-dao-tao-co-bang-cap-chung-chi-dat-30-post634805.html
        "Tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ đạt 30% vào năm 2025 và đạt 35-40% vào năm 2030.",
        None,
        [  # the year right after a value is its own
            T("tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ", "=", "30", "%", 2025),
            T("tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ", ">=", "35", "%", 2030, "", "40"),
        ],
        id="176-year-after-value",
    ),
    pytest.param(  # https://baothaibinh.com.vn/tin-tuc/223/169085/...
        "Việt Nam phấn đấu có tuổi thọ bình quân đạt 75 tuổi, trong đó thời gian sống khỏe mạnh đạt tối thiểu "
        "68 năm. Tỷ lệ lao động nông nghiệp trong tổng lao động xã hội giảm xuống dưới 20%.",
        2030,
        [
            T("tuổi thọ trung bình", "=", "75", "tuổi", 2030),
            T("thời gian sống khỏe mạnh", ">=", "68", "năm", 2030),
            T("tỷ lệ lao động nông nghiệp trong tổng lao động xã hội", "<", "20", "%", 2030),
        ],
        id="master-plan-trong-đó-other-indicator",
    ),
    pytest.param(  # https://www.vietnamplus.vn/ket-qua-phong-trao-thi-dua-xay-dung-xa-hoi-hoc-tap-...-post1085617.vnp
        "Tỷ lệ lao động qua đào tạo tăng từ 64,5% năm 2020 lên 70% năm 2025, trong đó tỷ lệ lao động có bằng "
        "cấp, chứng chỉ đạt khoảng 29% (so với 24,1% năm 2020).",
        None,
        [  # "từ 64,5% … lên" and "so với 24,1%" are baselines
            T("tỷ lệ lao động qua đào tạo", "=", "70", "%", 2025),
            T("tỷ lệ lao động có bằng cấp, chứng chỉ", "~", "29", "%", 2025),
        ],
        id="baselines-skipped",
    ),
    pytest.param(  # tests/fixtures/unseen/cantho-165-kh-ubnd-2025-dan-so.txt (Cần Thơ 165/KH-UBND, 2025)
        "cụ thể: Phấn đấu tổng tỷ suất sinh đạt 2,1 con/phụ nữ; tỷ số\ngiới tính khi sinh dưới 109 bé trai/100 bé "
        "gái sinh ra sống; tỷ lệ trẻ em dưới\n15 tuổi đạt khoảng 22%.",
        2030,
        [  # the population indicators of 21-NQ/TW: a fertility rate and a sex ratio
            T("tổng tỷ suất sinh", "=", "2.1", "con/phụ nữ", 2030),
            T("tỷ số giới tính khi sinh", "<", "109", "bé trai/100 bé gái", 2030),
            T("tỷ lệ trẻ em dưới 15 tuổi", "~", "22", "%", 2030, "trẻ em dưới 15 tuổi"),
        ],
        id="population-ratios",
    ),
]

NOT_TARGETS = [
    pytest.param(
        "Triển khai thực hiện tốt Quyết định số 338/QĐ-TTg ngày 03/4/2023 của Thủ tướng Chính phủ về phê duyệt "
        "Đề án “Đầu tư xây dựng ít nhất 01 triệu căn hộ nhà ở xã hội cho đối tượng thu nhập thấp, công nhân "
        "khu công nghiệp giai đoạn 2021-2030”",
        id="count-inside-a-quoted-title",
    ),
    pytest.param(
        "- Hoàn thành phổ cập giáo dục mầm non cho trẻ mẫu giáo từ 3 đến 5 tuổi, thực hiện phổ cập",
        id="age-range",
    ),
    pytest.param(
        "(3) Kế hoạch dạy học 2 buổi/ngày cấp tiểu học giai đoạn 2021-2025 trên địa bàn tỉnh Gia Lai;",
        id="buổi/ngày-and-period",
    ),
    pytest.param(
        "- Đẩy mạnh cải cách hành chính, thực hiện dịch vụ công trực tuyến mức độ 4 trên tất cả lĩnh vực BHXH, "
        "BHYT, BHTN",
        id="service-level",
    ),
    pytest.param(
        "gặp khó khăn do đại dịch Covid-19 theo Quyết định số 23/2021/QĐ-TTg .",
        id="covid-19-and-decree",
    ),
    pytest.param(
        "Chỉ thị số 21- CT/TW ngày 04/5/2023 của Ban Bí thư Trung ương Đảng về tiếp tục đổi mới, phát triển và "
        "nâng cao chất lượng giáo dục nghề nghiệp đến năm 2023, tầm nhìn đến năm 2045.",
        id="dates-and-years",
    ),
    pytest.param("1. Thời gian thực hiện: Giai đoạn 2021 - 2025.", id="plan-period"),
    pytest.param(
        "báo cáo Ban Thường vụ Tỉnh ủy **trước ngày 15/12 hằng năm**.",
        id="markdown-deadline",
    ),
    pytest.param(
        "Tăng cường hoạt động Đội kiểm\ntra liên ngành 178 cấp tỉnh, huyện.",
        id="number-in-a-body-name",
    ),
    pytest.param(
        "Chú trọng phát triển thể thao thành tích cao giai đoạn 2023-2025, định hướng đến năm 2030.",
        id="horizon-only",
    ),
]


@pytest.mark.parametrize(("text", "year", "expected"), CASES + OTHER_PLANS)
def test_targets(text: str, year: int | None, expected: list[T]) -> None:
    got = [_got(t) for t in extract_targets(text, default_year=year)]
    assert got == [_want(t) for t in expected]


@pytest.mark.parametrize("text", NOT_TARGETS)
def test_not_targets(text: str) -> None:
    assert extract_targets(text, default_year=2030) == []


def _written(value: Decimal) -> re.Pattern[str]:
    """The value as a plan writes it: "2,5", "3.700", "02", "1,2"."""
    whole, _, frac = f"{value.normalize():f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", r"\.")
    body = rf"(?:{grouped}|{whole})" + (rf"[,.]{frac}" if frac else "")
    return re.compile(rf"(?<![\d.,])0*{body}(?![\d])")


def _check_spans(source: str, start: int, end: int, found: list) -> None:
    for t in found:
        assert start <= t.span.start < t.span.end <= end, (t, start, end)
        quote = source[t.span.start : t.span.end]
        assert _written(t.value).search(quote), (str(t.value), quote)


@pytest.mark.parametrize(("text", "year", "expected"), CASES + OTHER_PLANS)
def test_spans_hold_the_value(text: str, year: int | None, expected: list[T]) -> None:
    prefix, suffix = "Căn cứ Quyết định số 12/QĐ-UBND.\n\n", "\n\n3. Đạt 99% (năm 2020)."
    source = prefix + text + suffix
    start, end = len(prefix), len(prefix) + len(text)
    found = extract_targets(source, start, end, default_year=year)
    assert len(found) == len(expected)
    _check_spans(source, start, end, found)


def test_span_is_the_phrase_that_states_the_target() -> None:
    text = "- Tỉ lệ thất nghiệp chung dưới 2,5%, tỉ lệ thất nghiệp khu vực thành thị dưới 3,5%;"
    quotes = [text[t.span.start : t.span.end] for t in extract_targets(text, default_year=2030)]
    assert quotes == ["Tỉ lệ thất nghiệp chung dưới 2,5%", "tỉ lệ thất nghiệp khu vực thành thị dưới 3,5%"]


# ---------------------------------------------------------------------------------------------
# Whole plans: the objectives and tasks parts, paragraph by paragraph, against the gold
# ---------------------------------------------------------------------------------------------

ROMAN_HEADING = re.compile(r"^\**\s*[IVX]+\s*\.\s*(?P<title>.*)$")
NUMBERED = re.compile(r"^(?:\d+(?:\.\d+)*\s*\.|[a-zđ]\)|[IVX]+\.)")
YEAR = re.compile(r"năm\s*(20)\s*(\d\d)(?!\s*[-–])", re.IGNORECASE)
TITLE_YEAR = re.compile(r"(?<!tháng \d\d )(?<!tháng \d )năm\s+((?:19|20)\d\d)(?!\s*[-–])", re.IGNORECASE)


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        out.append((pos, line))
        pos += len(line)
    return out


def _parts(text: str) -> list[tuple[int, int]]:
    """The objectives (II/III MỤC TIÊU…) and tasks (NHIỆM VỤ…) parts: from their heading to the next."""
    lines = _lines(text)
    heads = []
    for i, (pos, line) in enumerate(lines):
        m = ROMAN_HEADING.match(line.strip())
        if m:  # a heading may wrap: "III. THỜI" / "GIAN VÀ PHẠM VI"
            title = (m.group("title") + " " + (lines[i + 1][1] if i + 1 < len(lines) else "")).upper()
            heads.append((pos, title))
    heads.append((len(text), ""))
    return [(a, b) for (a, title), (b, _) in pairwise(heads) if title.startswith(("MỤC TIÊU", "NHIỆM VỤ"))]


def _title_year(text: str) -> int | None:
    """The year in a plan's title ("… TỈNH AN GIANG NĂM 2022"), read by the caller as a default."""
    m = re.search(r"KẾ HOẠCH(.*?)\n\s*(?:Căn cứ|Thực hiện|Triển khai)", text, re.DOTALL)
    years = [int(y) for y in TITLE_YEAR.findall(m.group(1))] if m else []
    return max(years) if years else None


def _paragraphs(text: str, start: int, end: int):
    """Paragraphs split simply: a blank line, a bullet or a numbered line starts a new one."""
    buf: list[int] = []
    for pos, line in _lines(text[start:end]):
        s, e = start + pos, start + pos + len(line)
        stripped = line.strip()
        if not stripped or line.lstrip().startswith(("-", "+")) or NUMBERED.match(stripped):
            if buf:
                yield buf[0], buf[1]
            buf = [s, e] if stripped else []
        elif buf:
            buf[1] = e
        else:
            buf = [s, e]
    if buf:
        yield buf[0], buf[1]


def _plan_targets(text: str) -> list:
    found = []
    default = _title_year(text)
    for start, end in _parts(text):
        year = default
        for a, b in _paragraphs(text, start, end):
            para = text[a:b].strip()
            if NUMBERED.match(para) and len(para) < 200:  # a heading sets the year of what follows
                years = [int(x + y) for x, y in YEAR.findall(para)]
                year = years[-1] if years else default
            targets = extract_targets(text, a, b, default_year=year)
            _check_spans(text, a, b, targets)
            found += targets
    return found


def _score(text: str, gold: list[dict], found: list) -> tuple[float, float]:
    """Precision and recall as the shared scorer counts them: equal value, equal year when both are given."""
    used: set[int] = set()
    tp = 0
    for w in gold:
        value, year = Decimal(str(w["value"])), w.get("year")
        quote = " ".join(w["quote"].split()).casefold()
        best = None
        for i, t in enumerate(found):
            if i in used or t.value != value or (year and t.year and t.year != year):
                continue
            said = " ".join(text[t.span.start : t.span.end].split()).casefold()
            rank = (quote in said or said in quote, t.comparator == w.get("comparator"))
            if best is None or rank > best[0]:
                best = (rank, i)
        if best:
            used.add(best[1])
            tp += 1
    return (tp / len(found) if found else 0.0), (tp / len(gold) if gold else 1.0)


@pytest.mark.skipif(not GOLD_DIR.exists(), reason="the shared gold is not checked out")
@pytest.mark.parametrize("path", PLANS, ids=[p.stem[:3] for p in PLANS])
def test_whole_plan_against_the_gold(path) -> None:
    text = path.read_text(encoding="utf-8")
    gold = json.loads((GOLD_DIR / f"{path.stem}.json").read_text(encoding="utf-8"))["indicators"]
    precision, recall = _score(text, gold, _plan_targets(text))
    assert recall >= 0.9 and precision >= 0.85, (precision, recall)


# ---------------------------------------------------------------------------------------------
# The indicator thesaurus
# ---------------------------------------------------------------------------------------------


def test_one_indicator_for_both_spellings() -> None:
    assert indicator_key("tỉ lệ thất nghiệp chung") == indicator_key("Tỷ lệ thất nghiệp chung")
    assert indicator_key("tỉ lệ thất nghiệp chung") == "ty-le-that-nghiep-chung"
    assert indicator_key("số bác sỹ trên 10.000 dân") == indicator_key("số bác sĩ trên một vạn dân")
    assert indicator_key("tỷ lệ đi học đúng độ tuổi") == indicator_key("tỉ lệ trẻ em đi học đúng độ tuổi")


def test_unknown_indicator_gets_an_ascii_slug() -> None:
    key = indicator_key("Tỷ lệ xã có đài truyền thanh hoá")
    assert key == "ty-le-xa-co-dai-truyen-thanh-hoa" and key == indicator_key(
        "tỉ lệ xã có đài truyền thanh hóa"
    )


def test_thesaurus_rows_are_well_formed() -> None:
    with (REFERENCE_DIR / "indicators.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and list(rows[0]) == ["key", "label", "aliases", "unit", "source_url"]
    assert len({r["key"] for r in rows}) == len(rows)
    seeds = {p.name: " ".join(p.read_text(encoding="utf-8").split()) for p in DOCUMENTS_DIR.glob("*.txt")}
    for row in rows:
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", row["key"]), row["key"]
        assert indicator_key(row["label"]) == row["key"], row["label"]
        for alias in filter(None, row["aliases"].split("|")):
            assert indicator_key(alias) == row["key"], alias
        url = row["source_url"]
        seed = re.fullmatch(r'seed:(?P<file>[^#]+)#"(?P<quote>.+)"', url)
        assert url.startswith(("https://", "http://")) or seed, url
        if seed:  # the quote that shows the indicator is in the plan named
            assert " ".join(seed["quote"].split()) in seeds[seed["file"]], url
