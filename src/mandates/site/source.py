"""A source text as HTML, every extracted span highlighted, anchored and linked.

Spans are in the source file's characters (the oa:TextPositionSelector of each fact). They nest (a
citation inside a task inside a section); a span that crosses another is left unmarked rather than
broken. A span with nothing inside is itself the link; a span holding others gets a small link tag,
so links never nest; a span naming several things (a sentence citing two documents) gets a tag each. Everything from the text is escaped here.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from markupsafe import Markup

# Outer kinds first when two spans cover the same characters.
KIND_ORDER = ("section", "task", "reporting", "target", "citation", "actor")
KIND_VI = {
    "section": "mục",
    "task": "nhiệm vụ",
    "reporting": "báo cáo",
    "target": "chỉ tiêu",
    "citation": "văn bản được dẫn",
    "actor": "cơ quan",
}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # one of KIND_ORDER
    links: tuple[tuple[str, str], ...] = ()  # (href relative to the page, tag text) of each thing it names
    title: str = ""  # tooltip

    @property
    def anchor(self) -> str:
        return anchor(self.kind, self.start, self.end)


def anchor(kind: str, start: int, end: int) -> str:
    """The id of a span on its document's page: other pages link to ``doc.html#task-120-348``."""
    return f"{kind}-{start}-{end}"


def _crosses(a: Span, b: Span) -> bool:
    return a.start < b.start < a.end < b.end or b.start < a.start < b.end < a.end


def _nest(text: str, spans: list[Span]) -> tuple[list[Span], set[Span], list[Span]]:
    """The spans that nest (in document order), those of them that hold others, and the rest.

    Spans are taken by kind (tasks first), so when two cross it is the lesser one that gives way;
    it still gets an anchor where it starts, so links to it land in the right place.
    """
    valid = {s for s in spans if 0 <= s.start < s.end <= len(text)}
    by_rank = sorted(valid, key=lambda s: (_rank(s), s.start, -s.end))
    kept: list[Span] = []
    dropped: list[Span] = []
    ids: set[str] = set()
    for s in by_rank:
        if s.anchor in ids:
            continue  # the same fact twice
        ids.add(s.anchor)
        (dropped if any(_crosses(s, k) for k in kept) else kept).append(s)
    kept.sort(key=lambda s: (s.start, -s.end, _rank(s)))
    parents: set[Span] = set()
    stack: list[Span] = []
    for s in kept:
        while stack and stack[-1].end <= s.start:
            stack.pop()
        if stack:
            parents.add(stack[-1])
        stack.append(s)
    return kept, parents, sorted(dropped, key=lambda s: (s.start, s.anchor))


def _rank(s: Span) -> int:
    return KIND_ORDER.index(s.kind) if s.kind in KIND_ORDER else len(KIND_ORDER)


def _is_link(s: Span, parent: bool) -> bool:
    """A span is itself the link when it names one thing and holds no other span."""
    return len(s.links) == 1 and not parent


def _open(s: Span, parent: bool) -> str:
    title = html.escape(s.title or KIND_VI.get(s.kind, s.kind))
    attrs = f'class="hl hl-{s.kind}" id="{s.anchor}" title="{title}"'
    if _is_link(s, parent):
        return f'<a {attrs} href="{html.escape(s.links[0][0])}">'
    tags = "".join(
        f'<a class="tag tag-{s.kind}" href="{html.escape(href)}">{html.escape(tag or "↗")}</a>'
        for href, tag in s.links
    )
    return f"<span {attrs}>{tags}"


def highlight(text: str, spans: list[Span]) -> Markup:
    kept, parents, dropped = _nest(text, spans)
    out: list[str] = []
    stack: list[tuple[Span, str]] = []
    pos = 0
    anchors = iter(dropped)
    pending = next(anchors, None)

    def anchors_until(limit: int) -> None:
        """Empty anchors for the spans that could not be marked, at their start."""
        nonlocal pos, pending
        while pending is not None and pending.start <= limit:
            out.append(html.escape(text[pos : pending.start]))
            pos = pending.start
            out.append(f'<span class="anchor" id="{pending.anchor}"></span>')
            pending = next(anchors, None)

    def close_until(limit: int) -> None:
        nonlocal pos
        while stack and stack[-1][0].end <= limit:
            span, closing = stack.pop()
            anchors_until(span.end - 1)
            out.append(html.escape(text[pos : span.end]))
            out.append(closing)
            pos = span.end

    for s in kept:
        close_until(s.start)
        anchors_until(s.start - 1)
        out.append(html.escape(text[pos : s.start]))
        pos = s.start
        is_parent = s in parents
        out.append(_open(s, is_parent))
        stack.append((s, "</a>" if _is_link(s, is_parent) else "</span>"))
    close_until(len(text))
    anchors_until(len(text))
    out.append(html.escape(text[pos:]))
    return Markup("".join(out))  # noqa: S704 - every piece of text above is escaped
