"""Who does what: real sentences and headers from the corpus, with the actors and roles they assign."""

from __future__ import annotations

import pytest

from mandates.actors import Recognizer
from mandates.reference import load
from mandates.roles import analyse


@pytest.fixture(scope="module")
def gia_lai() -> Recognizer:
    return Recognizer(load(), "gia-lai")


CLAUSES = [
    # (text, [(subjects, partners) per clause]) — agency keys; groups shown as "group"
    (
        "Sở Khoa học và Công nghệ phối hợp với Sở Y tế và các đơn vị liên quan đẩy mạnh chuyển đổi số",
        [(["so-khoa-hoc-va-cong-nghe"], ["so-y-te", "group"])],
    ),
    (
        "Các sở, ban, ngành cấp tỉnh; chính quyền cấp cơ sở tổ chức nghiên cứu, học tập; Sở Văn hoá, Thể thao và Du lịch "
        "chỉ đạo các cơ quan báo chí tăng cường tuyên truyền.",
        [(["group", "group"], []), (["so-van-hoa-the-thao-va-du-lich"], [])],
    ),
    (
        "Ngành Giáo dục và Đào tạo, ngành Nội vụ, ngành Khoa học và Công nghệ tham mưu xây dựng chính sách",
        [(["so-giao-duc-va-dao-tao", "so-noi-vu", "so-khoa-hoc-va-cong-nghe"], [])],
    ),
    (
        "Ngành Y tế và cấp ủy, chính quyền các địa phương đẩy mạnh thực hiện chính sách dân số",
        [(["so-y-te", "group", "group"], [])],
    ),
    (
        "Sở Giáo dục và Đào tạo, Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh, các cơ sở giáo dục phổ thông tăng cường",
        [(["so-giao-duc-va-dao-tao", "tinh-doan", "group"], [])],
    ),
    (
        "a) Sở Lao động - Thương binh và Xã hội chủ trì, phối hợp với các sở, ban ngành có liên quan, Ủy ban nhân dân các "
        "huyện, thị xã, thành phố:",
        [(["so-lao-dong-thuong-binh-va-xa-hoi"], ["group", "group"])],
    ),
    ("- Thường xuyên đổi mới nội dung, phương pháp tuyên truyền, vận động.", [([], [])]),
    # the issuer hands the work on: those it asks are the actors
    (
        "Ủy ban nhân dân tỉnh yêu cầu các cơ quan, đơn vị, địa phương chủ động triển khai thực hiện nhiệm vụ",
        [(["group"], [])],
    ),
    # "phối hợp, tạo điều kiện thuận lợi cho X": X is a partner
    (
        "Các sở, ban, ngành cấp tỉnh phối hợp, tạo điều kiện thuận lợi cho Mặt trận Tổ quốc Việt Nam hoạt động giám sát",
        [(["group"], ["uy-ban-mat-tran-to-quoc-tinh"])],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CLAUSES, ids=[c[0][:40] for c in CLAUSES])
def test_clauses(gia_lai: Recognizer, text: str, expected: list) -> None:
    def keys(ms: list) -> list[str]:
        return ["group" if m.is_group else m.key for m in ms]

    got = [(keys(c.subjects), keys(c.partners)) for c in analyse(text, gia_lai)]
    assert got == expected


def test_request_role(gia_lai: Recognizer) -> None:
    (clause,) = analyse(
        "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, các tổ chức chính trị - xã hội:", gia_lai
    )
    assert "request" in clause.roles and clause.header


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Sở LĐ-TB&XH", "so-lao-dong-thuong-binh-va-xa-hoi"),
        ("Sở Văn hoá, Thể thao và Du lịch", "so-van-hoa-the-thao-va-du-lich"),
        ("Sở Y tế tỉnh Gia Lai", "so-y-te"),
        ("UBND tỉnh", "ubnd-tinh"),
        ("Ủy ban MTTQVN tỉnh", "uy-ban-mat-tran-to-quoc-tinh"),
        ("Bảo hiểm xã hội tỉnh", "bao-hiem-xa-hoi-tinh"),
        ("Chi nhánh Ngân hàng chính sách xã hội tỉnh", "ngan-hang-chinh-sach-xa-hoi-tinh"),
        ("Bộ Y tế", "bo-y-te"),
    ],
)
def test_names_resolve(gia_lai: Recognizer, name: str, key: str) -> None:
    found = [m for m in gia_lai.find(name) if not m.is_group]
    assert [m.key for m in found] == [key]


def test_task_table_columns_name_lead_and_partners() -> None:
    from mandates.extract import extract_document
    from mandates.responsibility import assign

    text = (
        "KẾ HOẠCH\nThực hiện Nghị quyết số 42-NQ/TW trên địa bàn tỉnh Hà Tĩnh\nI. MỤC ĐÍCH\nCụ thể hóa.\n"
        "II. NHIỆM VỤ CỤ THỂ\nTT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành\n"
        "1 | Rà soát chính sách trợ giúp xã hội | Sở Y tế | Sở Tài chính, UBND các huyện | 2025\n"
        "2 | Phát triển thị trường lao động | Sở Nội vụ | Sở Giáo dục và Đào tạo | Hằng năm\n"
    )
    from pathlib import Path

    doc = extract_document(Path("kh.txt"), text, load())
    duties = assign(doc, load())
    rows = [
        t
        for t in doc.outline.tasks
        if "|" in text[t.span.start : t.span.end] and "Nội dung" not in text[t.span.start : t.span.end]
    ]
    got = [sorted((a.role, a.key) for a in duties.by_task[t.number].actors if not a.is_group) for t in rows]
    assert got == [
        [("coordinate", "so-tai-chinh"), ("lead", "so-y-te")],
        [("coordinate", "so-giao-duc-va-dao-tao"), ("lead", "so-noi-vu")],
    ]


@pytest.mark.parametrize(
    ("name", "group"),
    [
        # the communes after 2025, in any order, with or without "các"
        ("Ủy ban nhân dân xã, phường", "ubnd-cap-xa"),
        ("UBND các phường, xã, đặc khu", "ubnd-cap-xa"),
        ("Ủy ban nhân dân phường, xã, đặc khu", "ubnd-cap-xa"),
        ("Ủy ban nhân dân các huyện, thị xã, thành phố", "ubnd-cac-huyen"),
    ],
)
def test_local_people_committees_are_groups_not_the_province(
    gia_lai: Recognizer, name: str, group: str
) -> None:
    (found,) = gia_lai.find(f"{name} tổ chức tuyên truyền")
    assert (found.key, found.is_group, found.surface) == (group, True, name)


# Labelled lines under a task, as Bắc Ninh and Hồ Chí Minh City plans of 2025 write them.
LABELLED = """KẾ HOẠCH
Thực hiện Nghị quyết số 66-NQ/TW ngày 30/4/2025 của Bộ Chính trị

I. NHIỆM VỤ, GIẢI PHÁP

**1. Tổ chức tập huấn, bồi dưỡng chuyên môn**

- Nội dung thực hiện: Tổ chức tập huấn cho cán bộ, công chức làm công tác việc làm.

- Cơ quan chủ trì: Sở Nội vụ, Sở
Giáo dục và Đào tạo.

- Cơ quan phối hợp: Sở Tài chính và các cơ quan, đơn vị có liên quan.

- Thời gian thực hiện: Năm 2025 và các năm tiếp theo.

**2. Rà soát, kiện toàn đội ngũ**

- Thường xuyên rà soát, kiện toàn đội ngũ cán bộ, công chức.

*Đơn vị chủ trì thực hiện: *Sở Tư
pháp.

*Thời gian thực hiện: *Thường xuyên.
"""


def test_labelled_lines_assign_the_tasks_above_them() -> None:
    from pathlib import Path

    from mandates.extract import extract_document
    from mandates.responsibility import assign

    doc = extract_document(Path("kh.txt"), LABELLED, load())
    duties = assign(doc, load())
    texts = [" ".join(LABELLED[t.span.start : t.span.end].split()) for t in doc.outline.tasks]
    assert texts == [
        "- Nội dung thực hiện: Tổ chức tập huấn cho cán bộ, công chức làm công tác việc làm.",
        "- Thường xuyên rà soát, kiện toàn đội ngũ cán bộ, công chức.",
    ]  # the labelled lines are properties of the tasks, not tasks
    got = [
        sorted((a.role, a.key) for a in duties.by_task[t.number].actors if not a.is_group)
        for t in doc.outline.tasks
    ]
    assert got == [
        [("coordinate", "so-tai-chinh"), ("lead", "so-giao-duc-va-dao-tao"), ("lead", "so-noi-vu")],
        [("lead", "so-tu-phap")],
    ]
    lead = next(a for a in duties.by_task[doc.outline.tasks[1].number].actors if a.role == "lead")
    assert LABELLED[lead.span.start : lead.span.end] == "Sở Tư\npháp"  # evidence: the labelled line


# Đồng Nai 182/KH-UBND (2025): emphasised headings broken after their number, a heading that opens with
# "Đề nghị", and a lead-in "Chủ trì, phối hợp" whose items name the partners.
BY_AGENCY = """ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI

KẾ HOẠCH

III. TỔ CHỨC THỰC HIỆN

*2.3.
Công an tỉnh*

b) Chủ trì, phối hợp

- Sở Tài chính và các đơn vị có
liên quan tham mưu Ủy ban nhân dân tỉnh cân đối, bố trí ngân sách nhà nước.

- Sở Xây dựng, Sở Tài chính tổ
chức rà soát cơ sở vật chất của các cơ sở cai nghiện ma túy.

*2.10.
Đề nghị Viện kiểm sát nhân dân tỉnh, Tòa án nhân dân tỉnh*

- Thực hiện tốt chức năng thực
hành quyền công tố, xét xử các vụ án về ma túy.
"""


def test_partners_after_a_lead_in_and_bodies_asked_by_heading() -> None:
    from pathlib import Path

    from mandates.extract import extract_document
    from mandates.responsibility import assign

    doc = extract_document(Path("kh.txt"), BY_AGENCY, load())
    duties = assign(doc, load())
    got = [
        sorted((a.role, a.key) for a in duties.by_task[t.number].actors if not a.is_group)
        for t in doc.outline.tasks
    ]
    assert got == [
        [("coordinate", "so-tai-chinh"), ("lead", "cong-an-tinh")],
        [("coordinate", "so-tai-chinh"), ("coordinate", "so-xay-dung"), ("lead", "cong-an-tinh")],
        [("lead", "toa-an-nhan-dan-tinh"), ("lead", "vien-kiem-sat-nhan-dan-tinh")],
    ]


RESTATED = """ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH

KẾ HOẠCH

II. NHIỆM VỤ, GIẢI PHÁP

1. Đẩy mạnh truyền thông

a) Xây dựng các chuyên trang, chuyên mục tuyên truyền về giáo dục mầm non trên báo, đài phát thanh.

b) Bố trí quỹ đất xây dựng trường mầm non tại các khu công nghiệp.

III. TỔ CHỨC THỰC HIỆN

1. Sở Văn hóa, Thể thao và Du lịch

Chỉ đạo các cơ quan báo chí xây dựng các chuyên trang, chuyên mục tuyên truyền về giáo dục mầm non.

2. Sở Y tế

Hướng dẫn chăm sóc sức khỏe, dinh dưỡng cho trẻ em trong các cơ sở giáo dục mầm non.
"""


def test_a_task_restated_for_one_body_in_the_organisation_part_is_its() -> None:
    from pathlib import Path

    from mandates.extract import extract_document
    from mandates.responsibility import assign

    doc = extract_document(Path("kh.txt"), RESTATED, load())
    duties = assign(doc, load())
    first, second = (duties.by_task[t.number] for t in doc.outline.tasks[:2])
    lead = next(a for a in first.actors if a.role == "lead")
    assert lead.key == "so-van-hoa-the-thao-va-du-lich"
    assert lead.inferred and "III.1" in lead.inferred  # says which section gave it, and how similar
    assert not [a for a in second.actors if a.role == "lead"]  # nothing in III speaks of land


def test_a_city_plan_names_its_bodies_with_thanh_pho_and_lists_the_press() -> None:
    """TP HCM 172/KH-UBND (2025): one subject list of five bodies, a city's suffix and the press among them."""
    from mandates.roles import analyse

    text = (
        "Sở Tư pháp và các sở, ban, ngành Thành phố, Đài Phát thanh và Truyền hình Thành phố, cơ quan thông tấn "
        "báo chí và Ủy ban nhân dân xã, phường, đặc khu chủ động tổ chức triển khai Luật Việc làm."
    )
    clauses = analyse(text, Recognizer(load(), "ho-chi-minh"))
    assert [m.key for m in clauses[0].subjects] == [
        "so-tu-phap",
        "cac-so-ban-nganh-thanh-pho",
        "dai-phat-thanh-va-truyen-hinh-tinh",
        "cac-co-quan-bao-chi",
        "ubnd-cap-xa",
    ]
