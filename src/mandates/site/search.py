"""The site's search index: a small script file the pages load, searched in the browser.

Each entry's key is folded here with the project's one diacritic-free key (``textnorm.plain``); the
browser folds only the query, the same way (``static/search.js``), so "so y te" finds "Sở Y tế".
A script file, not a JSON file: pages opened from file:// may not fetch() their neighbours.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from mandates.textnorm import plain

# What a hit is, in the order hits of equal relevance are listed.
KINDS = ("cơ quan", "văn bản", "chỉ tiêu", "lĩnh vực", "nhiệm vụ")


@dataclass(frozen=True)
class Entry:
    url: str  # relative to the site's root
    title: str
    kind: str  # one of KINDS
    detail: str = ""
    extra: str = ""  # searched, not shown (aliases, codes)


class SearchIndex:
    def __init__(self) -> None:
        self.entries: list[Entry] = []

    def add(self, url: str, title: str, kind: str, detail: str = "", extra: str = "") -> None:
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}; one of {', '.join(KINDS)}")
        self.entries.append(Entry(url, " ".join(title.split()), kind, " ".join(detail.split()), extra))

    def payload(self) -> list[dict[str, str]]:
        rows = []
        for e in sorted(self.entries, key=lambda e: (KINDS.index(e.kind), e.title, e.url)):
            row = {"u": e.url, "t": e.title, "c": e.kind, "k": plain(f"{e.title} {e.detail} {e.extra}")}
            if e.detail:
                row["d"] = e.detail
            rows.append(row)
        return rows

    def to_js(self) -> str:
        """``window.MANDATES_INDEX = [...]``: JSON with "<" escaped, so no text can close a script."""
        data = json.dumps(self.payload(), ensure_ascii=False, separators=(",", ":"))
        data = data.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
        return f"window.MANDATES_INDEX = {data};\n"


def fold(text: str) -> str:
    """The key a query is compared on (what search.js computes in the browser)."""
    return plain(text)
