"""Reporting deadlines as an iCalendar file (RFC 5545) that calendar programs import.

One event per duty, repeating yearly, half-yearly or quarterly. A duty whose text gives a period but
no day is placed on the last day of the period, and its description says that the day is assumed.
"""

from __future__ import annotations

import datetime as dt
import hashlib

RULES = {
    "yearly": "FREQ=YEARLY",
    "half-yearly": "FREQ=MONTHLY;INTERVAL=6",
    "quarterly": "FREQ=MONTHLY;INTERVAL=3",
    "monthly": "FREQ=MONTHLY",
}
PERIOD_END = {"yearly": (12, 31), "half-yearly": (6, 30), "quarterly": (3, 31), "monthly": (1, 31)}


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """Lines of at most 75 octets, continuation lines starting with a space (RFC 5545 3.1)."""
    out, current = [], ""
    for ch in line:
        limit = 75 if not out else 74
        if len((current + ch).encode("utf-8")) > limit:
            out.append(current)
            current = ch
        else:
            current += ch
    out.append(current)
    return [out[0], *(" " + rest for rest in out[1:])]


def calendar(duties: list[dict[str, str | None]], year: int, now: dt.datetime | None = None) -> str:
    """The iCalendar text of the duties that have a period (ad hoc duties have no date to show)."""
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//mandates//reporting calendar//VI",
        "CALSCALE:GREGORIAN",
    ]
    for d in duties:
        every = d.get("every")
        if every not in RULES:
            continue
        assumed = not d.get("deadline")
        month, day = PERIOD_END[every] if assumed else map(int, str(d["deadline"])[2:].split("-"))
        start = dt.date(year, month, day)
        who = d.get("reporter") or "các cơ quan, đơn vị"
        to = d.get("recipient") or d.get("final") or ""
        via = f" (qua {d['via']})" if d.get("via") else ""
        summary = f"Báo cáo: {who} → {to}{via}"
        description = f"{d.get('text')}\nNguồn: {d.get('docLabel')}"
        if assumed:
            description += "\nVăn bản không nêu ngày cụ thể: ngày cuối kỳ được giả định."
        uid = hashlib.sha256(f"{d.get('duty')}|{every}".encode()).hexdigest()[:24] + "@mandates"
        event = [
            "BEGIN:VEVENT",
            f"UID:{uid}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{start:%Y%m%d}",
            f"RRULE:{RULES[every]}",
            f"SUMMARY:{_escape(summary)}",
            f"DESCRIPTION:{_escape(description)}",
            "END:VEVENT",
        ]
        for line in event:
            lines += _fold(line)
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"
