"""Real-world files: the shipped plans saved as Word, web page, UTF-16 and Windows-1258 give the same facts."""

from __future__ import annotations

import unicodedata
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from click.testing import CliRunner
from rdflib import Graph
from tests.conftest import PLANS

from mandates.cli import main
from mandates.errors import InputError
from mandates.formats import extract_text

PLAN = PLANS[-1]  # An Giang 322/KH-UBND: it has a number, a date and a hard-wrapped layout
TEXT = PLAN.read_text(encoding="utf-8")


def _docx(path: Path, text: str) -> None:
    body = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>' for line in text.split("\n")
    )
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           f"<w:body>{body}</w:body></w:document>")  # fmt: skip
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        z.writestr("word/document.xml", xml)


def _html(path: Path, text: str) -> None:
    paragraphs = "".join(f"<p>{escape(line)}</p>" for line in text.split("\n"))
    path.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'><script>var x='<p>';</script></head>"
                    f"<body>{paragraphs}</body></html>", encoding="utf-8")  # fmt: skip


WRITERS = {
    "plan.docx": _docx,
    "plan.html": _html,
    "plan-utf16.txt": lambda p, t: p.write_bytes(t.encode("utf-16")),
    "plan-cp1258.txt": lambda p, t: p.write_bytes(_cp1258(t)),
}


def _cp1258(text: str) -> bytes:
    """How Windows-1258 stores Vietnamese: base letters precomposed (ư, â, ơ…), tone marks as combining."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append(base + "".join(c for c in parts if c in tones))
    return "".join(out).encode("cp1258")


def _facts(ttl: Path) -> tuple[set[str], set[str]]:
    g = Graph().parse(ttl)
    codes = {str(c) for c in g.objects(None, __import__("mandates.namespaces", fromlist=["MND"]).MND.code)}
    targets = {
        str(v) for v in g.objects(None, __import__("mandates.namespaces", fromlist=["MND"]).MND.targetValue)
    }
    return codes, targets


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[set[str], set[str]]:
    out = tmp_path_factory.mktemp("ref") / "ref.ttl"
    assert CliRunner().invoke(main, ["ingest", str(PLAN), "-o", str(out)]).exit_code == 0
    return _facts(out)


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_same_facts_from_every_format(tmp_path: Path, reference, name: str) -> None:
    path = tmp_path / name
    WRITERS[name](path, TEXT)
    out = tmp_path / "out.ttl"
    result = CliRunner().invoke(main, ["ingest", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    codes, targets = _facts(out)
    assert "322/KH-UBND" in codes
    assert codes >= reference[0] - {"322/KH-UBND"}
    assert targets == reference[1]
    if not name.endswith(".txt"):
        kept = tmp_path / "texts" / f"{name}.txt"
        assert kept.exists() and "Kết luận số 92-KL/TW" in kept.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("broken.docx", b"PK\x03\x04 not really a zip", "not a readable .docx"),
        ("scan.pdf", b"%PDF-1.4\n%%EOF\n", "PDF"),
        ("empty.html", b"<html><body><script>alert(1)</script></body></html>", "empty"),
    ],
)
def test_unreadable_files_get_a_clear_error(tmp_path: Path, name: str, content: bytes, words: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        text = extract_text(path, content)
        if not text.strip():
            raise InputError(path, "the file is empty")
    assert words in str(err.value) and name in str(err.value)


def _tcvn3(text: str) -> bytes:
    """How a .VnTime (TCVN3/ABC) document stores text: accented capitals are the lower-case codes."""
    import json

    from mandates.constants import PATTERNS_DIR

    table = json.loads((PATTERNS_DIR / "tcvn3.json").read_text(encoding="utf-8"))["map"]
    back = {v: k for k, v in table.items()}
    text = text.replace("“", '"').replace("”", '"').replace("…", "...")
    return "".join(back.get(c) or back.get(c.lower()) or c for c in text).encode("latin-1")


def _vni(text: str) -> bytes:
    """How a VNI-Windows document stores text: a base letter, then one byte for its mark and tone."""
    import json

    from mandates.constants import PATTERNS_DIR

    table = json.loads((PATTERNS_DIR / "vni.json").read_text(encoding="utf-8"))["map"]
    back = {v: k for k, v in table.items()}
    text = text.replace("“", '"').replace("”", '"').replace("…", "...").replace("–", "-")
    return "".join(back.get(c, c) for c in text).encode("latin-1")


@pytest.mark.parametrize(
    ("vni", "unicode"),
    [
        ("Keá hoaïch", "Kế hoạch"),
        ("Sôû Y teá tænh Gia Lai", "Sở Y tế tỉnh Gia Lai"),
        ("ÑAÛNG COÄNG SAÛN VIEÄT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM"),
        ("Ngöôøi coù coâng", "Người có công"),
    ],
)
def test_vni_letters(vni: str, unicode: str) -> None:
    from mandates.formats import vni_to_unicode

    assert vni_to_unicode(vni.encode("latin-1")) == unicode


@pytest.mark.parametrize("encode", [_tcvn3, _vni], ids=["tcvn3", "vni"])
def test_legacy_text(tmp_path: Path, reference, encode) -> None:
    path = tmp_path / f"plan-{encode.__name__.strip('_')}.txt"
    path.write_bytes(encode(TEXT))
    out = tmp_path / "out.ttl"
    result = CliRunner().invoke(main, ["ingest", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    codes, targets = _facts(out)
    assert "322/KH-UBND" in codes and "92-KL/TW" in codes
    assert targets == reference[1]
