"""Policy areas of a text, by keyword rules kept in data/reference/policy_areas.csv."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache

from mandates.constants import REFERENCE_DIR
from mandates.textnorm import fold


@dataclass(frozen=True)
class Area:
    key: str
    label: str
    label_en: str
    keywords: tuple[str, ...]
    source_url: str


@cache
def areas() -> dict[str, Area]:
    with (REFERENCE_DIR / "policy_areas.csv").open(encoding="utf-8", newline="") as fh:
        return {
            r["key"]: Area(
                r["key"],
                r["label"],
                r["label_en"],
                tuple(fold(k) for k in r["keywords"].split("|")),
                r["source_url"],
            )
            for r in csv.DictReader(fh)
        }


@cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for a in areas().values():
        alternation = "|".join(re.escape(k) for k in sorted(a.keywords, key=len, reverse=True))
        out.append((a.key, re.compile(rf"(?<!\w)(?:{alternation})(?!\w)")))
    return out


def classify(text: str, limit: int | None = None) -> list[str]:
    """Policy-area keys of ``text``, most mentioned first; the general area only when alone."""
    folded = fold(text)
    hits = [(m.start(), m.end(), key) for key, pattern in _patterns() for m in pattern.finditer(folded)]
    # A longer keyword wins over the one inside it: "bảo hiểm thất nghiệp" is not "thất nghiệp".
    kept: list[tuple[int, int, str]] = []
    for hit in sorted(hits, key=lambda h: (h[0] - h[1], h[0])):
        if all(hit[1] <= k[0] or hit[0] >= k[1] for k in kept):
            kept.append(hit)
    counts: dict[str, int] = {}
    for _, _, key in kept:
        counts[key] = counts.get(key, 0) + 1
    keys = sorted(counts, key=lambda k: (-counts[k], k))
    if len(keys) > 1 and "an-sinh-xa-hoi" in keys:
        keys.remove("an-sinh-xa-hoi")
    return keys[:limit] if limit else keys
