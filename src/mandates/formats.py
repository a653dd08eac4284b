"""Text out of the files officers receive: plain text in several encodings, Word .docx, saved web
pages and PDFs with a text layer. Offsets in the graph refer to the text these functions return,
which the build keeps beside the graph (graph/texts/) so that every quote can be shown.
"""

from __future__ import annotations

import html
import re
import unicodedata
import zipfile
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar
from xml.etree import ElementTree

from mandates.errors import InputError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Bytes that Windows-1258 uses for Vietnamese letters and tone marks (combining marks 0xCC, 0xD2, 0xDE, 0xEC, 0xF2).
_CP1258_MARKS = re.compile(rb"[a-zA-Z\xe2\xea\xf4\xe3\xf5\xfd][\xcc\xd2\xde\xec\xf2]")


def _tcvn3() -> dict[str, str]:
    from mandates import patterns

    table: dict[str, str] = patterns.load("tcvn3")["map"]
    return table


def is_tcvn3(data: bytes) -> bool:
    """Legacy TCVN3 (ABC) text: its letters with tone marks are single bytes 0xA1–0xFE."""
    latin = data.decode("latin-1")
    letters = sum(1 for c in latin if c.isalpha())
    coded = sum(1 for c in latin if c in _tcvn3())
    return letters > 0 and coded / letters > 0.05


def tcvn3_to_unicode(data: bytes) -> str:
    table = _tcvn3()
    return "".join(table.get(c, c) for c in data.decode("latin-1"))


@cache
def _vni() -> tuple[dict[str, str], re.Pattern[str]]:
    from mandates import patterns

    table: dict[str, str] = patterns.load("vni")["map"]
    codes = sorted(table, key=len, reverse=True)  # "oâ" (ô) before "ô" (ơ)
    return table, re.compile("|".join(re.escape(c) for c in codes))


def is_vni(data: bytes) -> bool:
    """VNI text: vowels followed by a mark byte ("aù", "eä", "oâ") are frequent among its letters."""
    latin = data.decode("latin-1")
    letters = sum(1 for c in latin if c.isalpha())
    _, regex = _vni()
    pairs = sum(1 for m in regex.finditer(latin) if len(m.group(0)) == 2)
    return letters > 0 and pairs / letters > 0.02


def vni_to_unicode(data: bytes) -> str:
    table, regex = _vni()
    return regex.sub(lambda m: table[m.group(0)], data.decode("latin-1"))


_COMMON = re.compile(
    r"(?<!\w)(?:của|và|các|được|thực hiện|người|tỉnh|trong|những|nhiệm vụ|chính sách|xã hội)(?!\w)"
)


def _legacy(data: bytes) -> str | None:
    """Windows-1258, TCVN3 (ABC) or VNI: whichever reads as more Vietnamese words, if any does."""
    candidates = []
    if len(_CP1258_MARKS.findall(data)) >= 5:
        try:
            candidates.append(unicodedata.normalize("NFC", data.decode("cp1258", errors="strict")))
        except UnicodeDecodeError:
            pass
    if is_tcvn3(data):
        candidates.append(tcvn3_to_unicode(data))
    if is_vni(data):
        candidates.append(vni_to_unicode(data))
    scored = [(len(_COMMON.findall(c.lower())), c) for c in candidates]
    best = max(scored, default=(0, None), key=lambda x: x[0])
    return best[1] if best[0] >= 3 else None


def decode_text(data: bytes, path: Path) -> str:
    """Plain text: UTF-8 (with or without BOM), UTF-16 (with BOM) or Windows-1258."""
    if not data.strip():
        raise InputError(path, "the file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        if b"\x00" in data[:4096]:
            raise InputError(
                path, "binary data, not text (convert the document to plain text, .docx or .pdf)"
            )
        data = data.removeprefix(b"\xef\xbb\xbf")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            text = _legacy(data)
            if text is None:
                raise InputError(path, f"not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    # Windows-1258 and some editors write tone marks as combining characters: compose them.
    return unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")


def docx_text(path: Path) -> str:
    """Paragraphs of a Word document, one per line, tables cell by cell."""
    try:
        with zipfile.ZipFile(path) as z:
            xml = z.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError, OSError):
        raise InputError(path, "not a readable .docx (damaged or not a Word document)") from None
    try:
        root = ElementTree.fromstring(xml)  # noqa: S314 - the file is the user's own document
    except ElementTree.ParseError:
        raise InputError(path, "damaged .docx: its document.xml is not well-formed") from None
    body = root.find(f"{W}body")
    lines: list[str] = []
    for child in list(body) if body is not None else []:
        if child.tag == f"{W}p":
            lines.append(_paragraph(child))
        elif child.tag == f"{W}tbl":
            # A table row becomes one line, its cells joined by " | " (the appendix tables of tasks).
            for row in child.iter(f"{W}tr"):
                cells = [
                    " ".join(_paragraph(p) for p in cell.iter(f"{W}p")).strip() for cell in row.iter(f"{W}tc")
                ]
                lines.append(" | ".join(cells))
    return "\n".join(lines)


def _paragraph(p: ElementTree.Element) -> str:
    parts = []
    for node in p.iter():
        if node.tag == f"{W}t" and node.text:
            parts.append(node.text)
        elif node.tag == f"{W}tab":
            parts.append("\t")
        elif node.tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
    return "".join(parts)


class _HtmlText(HTMLParser):
    BLOCKS: ClassVar[set[str]] = {
        "p",
        "div",
        "br",
        "li",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "section",
    }
    SKIP: ClassVar[set[str]] = {"script", "style", "head", "noscript", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1
        elif tag in ("td", "th"):
            self.parts.append(" | ")
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_text(data: bytes, path: Path) -> str:
    m = re.search(rb'charset=["\']?([\w-]+)', data[:2048])
    encoding = m.group(1).decode("ascii", "ignore") if m else "utf-8"
    try:
        page = data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        page = decode_text(data, path)
    parser = _HtmlText()
    parser.feed(page)
    text = html.unescape("".join(parser.parts))
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return unicodedata.normalize("NFC", re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip())


def pdf_text(path: Path) -> str:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:  # pragma: no cover - pypdf is a dependency
        raise InputError(path, "reading PDF needs the pypdf package") from None
    try:
        reader = PdfReader(path)
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, OSError, ValueError):
        raise InputError(path, "not a readable PDF (damaged or encrypted)") from None
    text = "\n".join(pages)
    if len(text.strip()) < 50:
        raise InputError(path, "the PDF has no text layer (a scan): run OCR first")
    return unicodedata.normalize("NFC", text)


def extract_text(path: Path, data: bytes) -> str:
    """The text of a plan file, by its extension and its first bytes."""
    suffix = path.suffix.lower()
    if suffix == ".docx" or data[:4] == b"PK\x03\x04":
        return docx_text(path)
    if suffix == ".pdf" or data[:5] == b"%PDF-":
        return pdf_text(path)
    if suffix in (".html", ".htm") or re.match(rb"\s*(?:<!doctype html|<html)", data[:200], re.IGNORECASE):
        return html_text(data, path)
    return decode_text(data, path)
