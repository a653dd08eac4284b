"""Loads the pattern files of data/patterns/ once (the rules live in data, not in code)."""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

from mandates.constants import PATTERNS_DIR


@cache
def load(name: str) -> dict[str, Any]:
    """The JSON pattern file ``data/patterns/<name>.json``."""
    path = PATTERNS_DIR / f"{name}.json"
    with path.open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


@cache
def compiled(name: str, key: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """A regex of a pattern file, compiled once; a dotted key reaches into nested objects."""
    node: Any = load(name)
    for part in key.split("."):
        node = node[part]
    if isinstance(node, list):
        node = "|".join(f"(?:{p})" for p in node)
    return re.compile(node, flags)
