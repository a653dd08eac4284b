"""Dates as Vietnamese documents write them: "ngày 24/11/2023", "ngày 24 tháng 11 năm 2023"."""

from __future__ import annotations

import datetime as dt
import re

from mandates import patterns


def to_iso(day: int, month: int, year: int) -> str | None:
    """ISO date, or None when the parts do not make a real date."""
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def find_date(text: str) -> tuple[str, int, int] | None:
    """The first full date in ``text``: (ISO date, start, end)."""
    for m in patterns.compiled("citations", "date").finditer(text):
        iso = to_iso(int(m.group("d")), int(m.group("m")), int(m.group("y")))
        if iso:
            return iso, m.start(), m.end()
    return None


def leading_date(text: str) -> str | None:
    """The date that directly follows a citation: ", ngày 16 tháng 01 năm 2025 của …"."""
    m = re.match(r"^[\s,]*(?:ban hành\s+)?", text)
    found = find_date(text[m.end() if m else 0 :][:40])
    return found[0] if found and found[1] == 0 else None
