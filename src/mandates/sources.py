"""Reading source files: decoding, and refusing what is not a Vietnamese plan."""

from __future__ import annotations

import re
from pathlib import Path

from mandates.errors import InputError
from mandates.formats import extract_text

MAX_BYTES = 50 * 1024 * 1024
# Letters only Vietnamese uses among Latin scripts: a plan without them is not Vietnamese text.
_VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)
_PLAN_WORDS = re.compile(
    r"kế hoạch|chương trình|nghị quyết|quyết định|chỉ thị|nhiệm vụ|tổ chức thực hiện", re.IGNORECASE
)


def read_plan(path: Path) -> str:
    """The text of a plan file, or an InputError saying why it cannot be one."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from None
    if size > MAX_BYTES:
        raise InputError(
            path,
            f"{size // (1024 * 1024)} MB is too large for a plan (limit {MAX_BYTES // (1024 * 1024)} MB)",
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from None
    text = extract_text(path, data)
    if len(_VIETNAMESE.findall(text)) < 20:
        raise InputError(path, "not Vietnamese text: no plan to read")
    if not _PLAN_WORDS.search(text):
        raise InputError(
            path, "Vietnamese text, but not a plan: no document type, tasks or organisation part"
        )
    return text
