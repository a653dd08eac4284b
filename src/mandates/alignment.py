"""Coverage: which task groups of a central resolution a provincial plan takes up.

Each numbered part of a plan's tasks is compared with the task groups of the central documents it
derives from (data/reference/task_groups.csv, with the source of the list) by TF-IDF cosine on
Vietnamese syllables and syllable pairs; the best group above the threshold is its alignment. Two
provincial parts aligned to the same group correspond to each other.
"""

from __future__ import annotations

import csv
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from mandates.constants import REFERENCE_DIR
from mandates.textnorm import fold, normalise

# Tuned on the hand-labelled pairs of the Gia Lai and Bình Định plans (tests/test_alignment.py): the 17
# right pairs score 0.229–0.670; parts that take up no central group score at most 0.144.
THRESHOLD = 0.2
_TASK_PART = re.compile(r"nhiệm vụ|giải pháp", re.IGNORECASE)
HEADING_WEIGHT = 3
_STOP = {
    "và",
    "của",
    "các",
    "trong",
    "về",
    "cho",
    "với",
    "những",
    "được",
    "để",
    "theo",
    "là",
    "có",
    "một",
    "số",
}


@dataclass(frozen=True)
class Group:
    directive: str  # document key, e.g. "vn/nq-tw/2023/42"
    number: str  # "III.4"
    title: str
    source_url: str


@dataclass(frozen=True)
class Alignment:
    section: str  # section number in the plan
    group: Group
    score: float


@cache
def groups() -> dict[str, list[Group]]:
    out: dict[str, list[Group]] = {}
    with (REFERENCE_DIR / "task_groups.csv").open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            out.setdefault(r["directive"], []).append(
                Group(r["directive"], r["number"], r["title"], r["source_url"])
            )
    return out


def terms(text: str) -> list[str]:
    words = [w for w in re.findall(r"\w+", fold(text)) if not w.isdigit()]
    content = [w for w in words if w not in _STOP]
    return content + [f"{a} {b}" for a, b in pairwise(words)]


class TfIdf:
    def __init__(self, texts: list[str]) -> None:
        df: Counter[str] = Counter()
        for t in texts:
            df.update(set(terms(t)))
        self.n = len(texts)
        self.idf = {term: math.log((1 + self.n) / (1 + count)) + 1 for term, count in df.items()}

    def vector(self, text: str) -> dict[str, float]:
        tf = Counter(terms(text))
        vec = {t: (1 + math.log(c)) * self.idf.get(t, math.log(1 + self.n) + 1) for t, c in tf.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {t: v / norm for t, v in vec.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def section_texts(source: str, outline: object) -> dict[str, str]:
    """Numbered parts of the tasks (level 2: "III.5"), each as its heading (weighted) and its tasks."""
    from mandates.structure import Outline

    assert isinstance(outline, Outline)
    out: dict[str, str] = {}
    task_parts = {s.number for s in outline.sections if s.level == 1 and _TASK_PART.search(s.heading)}
    for s in outline.sections:
        if s.level != 2 or s.parent not in task_parts:
            continue
        body = [
            normalise(source, t.span.start, t.span.end).text[:500]
            for t in outline.tasks
            if t.section and (t.section == s.number or t.section.startswith(s.number + "."))
        ]
        out[s.number] = " ".join([s.heading] * HEADING_WEIGHT + body)
    return out


def align(parts: dict[str, str], directive: str, corpus: list[str]) -> list[Alignment]:
    """Best central group for each part, when it scores at least THRESHOLD."""
    central = groups().get(directive, [])
    if not central or not parts:
        return []
    model = TfIdf(corpus + [g.title for g in central])
    vectors = {g: model.vector(g.title) for g in central}
    out = []
    for number, text in parts.items():
        v = model.vector(text)
        scored = sorted(((cosine(v, gv), g.number, g) for g, gv in vectors.items()), reverse=True)
        best_score, _, best = scored[0]
        if best_score >= THRESHOLD:
            out.append(Alignment(number, best, round(best_score, 3)))
    return out


def scores(parts: dict[str, str], directive: str, corpus: list[str]) -> dict[str, list[tuple[float, str]]]:
    """Every part's score against every group: to tune the threshold and explain a decision."""
    central = groups().get(directive, [])
    model = TfIdf(corpus + [g.title for g in central])
    vectors = {g.number: model.vector(g.title) for g in central}
    return {
        n: sorted(((round(cosine(model.vector(t), gv), 3), g) for g, gv in vectors.items()), reverse=True)
        for n, t in parts.items()
    }
