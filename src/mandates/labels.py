"""Vietnamese words for the graph's roles, relations and document types, shared by every output."""

from __future__ import annotations

ROLE_VI = {
    "lead": "chủ trì",
    "coordinate": "phối hợp",
    "advise": "tham mưu",
    "request": "đề nghị",
    "guide": "hướng dẫn",
    "monitor": "theo dõi",
    "accountable": "chịu trách nhiệm",
}
RELATION_VI = {"implements": "thực hiện", "basedOn": "căn cứ", "partOf": "thuộc"}
TYPE_LABELS = {
    "NQ": "Nghị quyết", "KL": "Kết luận", "CT": "Chỉ thị", "CTr": "Chương trình", "KH": "Kế hoạch",
    "QĐ": "Quyết định", "NĐ": "Nghị định", "TT": "Thông tư", "TTr": "Tờ trình", "Luật": "Luật",
    "HD": "Hướng dẫn", "TB": "Thông báo", "BC": "Báo cáo", "ĐA": "Đề án",
}  # fmt: skip
