"""Curated reference data (data/reference/) tested like code: one case per row.

Every row carries its public source: an http(s) address, or a quote from one of the shipped plans
(``seed:<file>#"<quote>"``) that must really occur in that plan. Keys are unique ASCII slugs, dates are ISO,
document codes are well formed, every cross-reference points to an existing row, files are sorted by key
and in NFC, and no short form names two different bodies of the same level.

Fix the order and the Unicode form of the files with:
    .venv/bin/python tests/test_reference_data.py --fix
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import sys
import unicodedata
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REF = ROOT / "data" / "reference"
DOCS = ROOT / "data" / "documents"
GOLD = ROOT.parent / "shared" / "eval" / "gold"
FIX_HINT = "fix the order and Unicode form with: .venv/bin/python tests/test_reference_data.py --fix"

# file -> (key column, header)
FILES: dict[str, tuple[str, list[str]]] = {
    "jurisdictions.csv": (
        "key",
        [
            "key",
            "name",
            "kind",
            "label",
            "aliases",
            "successor",
            "successor_date",
            "legal_basis",
            "source_url",
        ],
    ),
    "issuers.csv": ("issuer_code", ["issuer_code", "level", "agency_key", "name", "source_url"]),
    "agencies.csv": (
        "key",
        [
            "key",
            "name",
            "level",
            "kind",
            "aliases",
            "label_en",
            "parent",
            "valid_from",
            "valid_to",
            "source_url",
        ],
    ),
    "actor_groups.csv": ("key", ["key", "label", "aliases", "source_url"]),
    "directives.csv": (
        "key",
        [
            "key",
            "code",
            "type",
            "number",
            "year",
            "issuer_key",
            "jurisdiction",
            "date",
            "title",
            "names",
            "source_url",
        ],
    ),
}
DATE_COLUMNS = ("successor_date", "valid_from", "valid_to", "date")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$")
SEED = re.compile(r'^seed:(?P<file>[^#/]+\.txt)#"(?P<quote>.+)"$')
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISSUER_CODE = re.compile(r"^[A-ZĐ][A-Za-zĐđ]*$")
DOC_TYPES = {"NQ", "KL", "CT", "CTr", "KH", "QĐ", "NĐ", "TT", "TTr", "HD", "TB", "BC", "ĐA", "Luật"}
# number-TYPE/ISSUER (Party), number/[year/]TYPE-ISSUER (State), number/year/QHnn (laws, Assembly resolutions)
PARTY_CODE = re.compile(r"^(?P<number>\d+)-(?P<type>[A-Za-zĐđ]+)/(?P<issuer>[A-ZĐ]+)$")
STATE_CODE = re.compile(
    r"^(?P<number>\d+)/(?:(?P<year>\d{4})/)?(?P<type>[A-Za-zĐđ]+)-(?P<issuer>[A-Za-zĐđ]+\d*)$"
)
ASSEMBLY_CODE = re.compile(r"^(?P<number>\d+)/(?P<year>\d{4})/(?P<issuer>QH\d+)$")
LEVELS = {"central", "province", "district"}
KINDS = {"party", "state", "front", "mass-organisation", "service", "press", "court"}
JURISDICTION_KINDS = {"country", "province", "city"}


@cache
def rows(name: str) -> list[dict[str, str]]:
    with (REF / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def keyed(name: str) -> dict[str, dict[str, str]]:
    key = FILES[name][0]
    return {r[key]: r for r in rows(name)}


def split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


def collapse(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def form(text: str) -> str:
    """How a name is compared: NFC, case-folded, whitespace collapsed, the same tone style."""
    from mandates.textnorm import fold

    return fold(text.replace("{province}", "Gia Lai"))


@cache
def seed_text(file: str) -> str | None:
    path = DOCS / file
    return collapse(path.read_text(encoding="utf-8")) if path.is_file() else None


def all_rows() -> list[tuple[str, dict[str, str]]]:
    return [(name, r) for name in FILES for r in rows(name)]


def row_id(case: tuple[str, dict[str, str]]) -> str:
    name, r = case
    return f"{name.removesuffix('.csv')}:{r[FILES[name][0]]}"


ALL = all_rows()


# ---- files ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", FILES)
def test_header(name: str) -> None:
    with (REF / name).open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert header == FILES[name][1]


@pytest.mark.parametrize("name", FILES)
def test_sorted_by_key_and_nfc(name: str) -> None:
    text = (REF / name).read_text(encoding="utf-8")
    assert text == unicodedata.normalize("NFC", text), f"{name} is not in NFC; {FIX_HINT}"
    keys = [r[FILES[name][0]] for r in rows(name)]
    assert keys == sorted(keys), f"{name} is not sorted by key; {FIX_HINT}"


@pytest.mark.parametrize("name", FILES)
def test_keys_unique(name: str) -> None:
    keys = [r[FILES[name][0]] for r in rows(name)]
    assert len(keys) == len(set(keys)), sorted({k for k in keys if keys.count(k) > 1})


# ---- every row --------------------------------------------------------------------------------


@pytest.mark.parametrize("case", ALL, ids=row_id)
def test_row_has_a_source(case: tuple[str, dict[str, str]]) -> None:
    _, r = case
    source = r["source_url"]
    if URL.match(source):
        return
    m = SEED.match(source)
    assert m, f"source_url is neither an http(s) URL nor a seed reference: {source!r}"
    text = seed_text(m["file"])
    assert text is not None, f"no plan {m['file']} in {DOCS}"
    assert collapse(m["quote"]) in text, f"the quote does not occur in {m['file']}: {m['quote']!r}"


@pytest.mark.parametrize("case", ALL, ids=row_id)
def test_row_cells_and_dates(case: tuple[str, dict[str, str]]) -> None:
    name, r = case
    for column, value in r.items():
        assert value == value.strip(), f"{column} has surrounding spaces"
        assert "\n" not in value, f"{column} holds a line break"
        if column in DATE_COLUMNS and value:
            assert ISO_DATE.match(value), f"{column} is not an ISO date: {value}"
            dt.date.fromisoformat(value)
    if r.get("valid_from") and r.get("valid_to"):
        assert r["valid_from"] <= r["valid_to"]
    key = r[FILES[name][0]]
    if name == "issuers.csv":
        assert ISSUER_CODE.match(key), key
    elif name != "directives.csv":
        assert SLUG.match(key), f"key is not an ASCII slug: {key}"
    for column in ("aliases", "names"):
        if column in r:
            # case and tone variants ("hoá"/"hóa") are kept on purpose: text and altLabels show them
            items = split(r[column])
            assert len(items) == len(set(items)), f"{column} repeats a form: {items}"
            assert r.get("name", r.get("label")) not in items, f"{column} repeats the name"


# ---- jurisdictions ----------------------------------------------------------------------------


@pytest.mark.parametrize("r", rows("jurisdictions.csv"), ids=lambda r: r["key"])
def test_jurisdiction_row(r: dict[str, str]) -> None:
    places = keyed("jurisdictions.csv")
    assert r["kind"] in JURISDICTION_KINDS
    if r["kind"] == "country":
        assert r["label"] == r["name"]
    else:
        prefix = "thành phố " if r["kind"] == "city" else "tỉnh "
        assert r["label"] == prefix + r["name"]
    if r["successor"]:
        assert r["successor"] in places and r["successor"] != r["key"]
        assert r["successor_date"] and r["legal_basis"], "a successor needs its date and legal basis"
        basis = {d["code"] for d in rows("directives.csv")}
        assert r["legal_basis"] in basis, f"legal basis {r['legal_basis']} is not in directives.csv"
        after = places[r["successor"]]
        assert not after["successor"] or after["successor_date"] > r["successor_date"]
    else:
        assert not r["successor_date"] and not r["legal_basis"]


def test_province_level_units() -> None:
    units = [r for r in rows("jurisdictions.csv") if r["kind"] != "country"]
    assert [r["key"] for r in rows("jurisdictions.csv") if r["kind"] == "country"] == ["vn"]
    # units created by a renaming before the 2025 mergers (Thừa Thiên Huế -> thành phố Huế) are not among the 63
    renamed_into = {r["successor"] for r in units if r["successor"] and r["successor_date"] < "2025-07-01"}
    assert len(units) - len(renamed_into) == 63, "all 63 pre-2025 provinces and cities"
    assert len([r for r in units if not r["successor"]]) == 34, "34 provinces and cities since 2025-07-01"


def test_jurisdiction_names_unique() -> None:
    seen: dict[str, str] = {}
    for r in rows("jurisdictions.csv"):
        for name in {r["name"], *split(r["aliases"])}:
            other = seen.setdefault(form(name), r["key"])
            assert other == r["key"], f"{name!r} names both {other} and {r['key']}"


# ---- issuers and agencies ---------------------------------------------------------------------


@pytest.mark.parametrize("r", rows("issuers.csv"), ids=lambda r: r["issuer_code"])
def test_issuer_row(r: dict[str, str]) -> None:
    agencies = keyed("agencies.csv")
    assert r["agency_key"] in agencies, f"unknown agency {r['agency_key']}"
    assert r["level"] == agencies[r["agency_key"]]["level"]


@pytest.mark.parametrize("r", rows("agencies.csv"), ids=lambda r: r["key"])
def test_agency_row(r: dict[str, str]) -> None:
    agencies = keyed("agencies.csv")
    assert r["level"] in LEVELS and r["kind"] in KINDS
    assert r["name"] and r["label_en"]
    if r["level"] == "central":
        assert "{province}" not in r["name"] + r["aliases"], "only templates name their province"
    if r["parent"]:
        assert r["parent"] in agencies and r["parent"] != r["key"], f"unknown parent {r['parent']}"
        parent = agencies[r["parent"]]
        assert not (r["level"] == "central" and parent["level"] != "central"), (
            "a central body under a local one"
        )


def test_no_alias_names_two_agencies_of_one_level() -> None:
    clashes = []
    for level in LEVELS:
        seen: dict[str, str] = {}
        for r in rows("agencies.csv"):
            if r["level"] != level:
                continue
            for name in {r["name"], *split(r["aliases"])}:
                other = seen.setdefault(form(name), r["key"])
                if other != r["key"]:
                    clashes.append((level, name, other, r["key"]))
    assert not clashes


def test_groups_do_not_shadow_each_other_or_provincial_bodies() -> None:
    bodies = {
        form(n): r["key"]
        for r in rows("agencies.csv")
        if r["level"] == "province"
        for n in (r["name"], *split(r["aliases"]))
    }
    seen: dict[str, str] = {}
    for r in rows("actor_groups.csv"):
        for name in {r["label"], *split(r["aliases"])}:
            f = form(name)
            assert f not in bodies, f"group {r['key']} form {name!r} is a name of {bodies[f]}"
            other = seen.setdefault(f, r["key"])
            assert other == r["key"], f"{name!r} is in both {other} and {r['key']}"


# ---- directives -------------------------------------------------------------------------------


def parse_code(code: str) -> dict[str, str | None] | None:
    for style, regex in (("party", PARTY_CODE), ("assembly", ASSEMBLY_CODE), ("state", STATE_CODE)):
        m = regex.match(code)
        if m:
            return {"style": style, **m.groupdict()}
    return None


@pytest.mark.parametrize("r", rows("directives.csv"), ids=lambda r: r["key"])
def test_directive_row(r: dict[str, str]) -> None:
    agencies, places = keyed("agencies.csv"), keyed("jurisdictions.csv")
    assert r["type"] in DOC_TYPES
    assert r["jurisdiction"] in places, f"unknown jurisdiction {r['jurisdiction']}"
    assert r["issuer_key"] in agencies, f"unknown issuer {r['issuer_key']}"
    level = agencies[r["issuer_key"]]["level"]
    assert (level == "central") == (r["jurisdiction"] == "vn"), (
        "central issuers for vn, templates for provinces"
    )
    assert r["year"].isdigit() and len(r["year"]) == 4
    if r["date"]:
        assert r["date"][:4] == r["year"]
    parts = r["key"].split("/")
    assert len(parts) == 4 and parts[0] == r["jurisdiction"] and parts[2] == r["year"], r["key"]
    assert all(SLUG.match(p) for p in parts), f"key is not an ASCII ELI-style path: {r['key']}"
    assert r["code"] or r["names"], "a document without a code is known by its names"
    if not r["code"]:
        return
    code = parse_code(r["code"])
    assert code, f"malformed code {r['code']!r}"
    assert code["number"] == r["number"]
    if code.get("year"):
        assert code["year"] == r["year"]
    if code["style"] == "assembly":
        assert r["type"] in ("Luật", "NQ") and r["issuer_key"] == "quoc-hoi"
    else:
        assert code["type"] == r["type"], f"code type {code['type']} vs type {r['type']}"


def test_directive_identity_unique() -> None:
    ids = [(r["jurisdiction"], r["code"]) for r in rows("directives.csv") if r["code"]]
    assert len(ids) == len(set(ids))
    names: dict[str, str] = {}
    for r in rows("directives.csv"):
        for n in split(r["names"]):
            other = names.setdefault(re.sub(r"[\W_]+", " ", form(n)).strip(), r["key"])
            assert other == r["key"], f"{n!r} names both {other} and {r['key']}"


@pytest.mark.skipif(not GOLD.is_dir(), reason="no shared gold annotations beside the project")
def test_every_coded_document_the_gold_cites_is_registered() -> None:
    by_name = {r["name"]: r["key"] for r in rows("jurisdictions.csv")}
    registered = {(r["jurisdiction"], r["code"]) for r in rows("directives.csv")}
    missing = []
    for path in sorted(GOLD.glob("*.json")):
        for c in json.loads(path.read_text(encoding="utf-8")).get("cited", []):
            place = "vn" if c["jurisdiction"] == "VN" else by_name.get(c["jurisdiction"])
            if (place, c["code"]) not in registered:
                missing.append((path.name, c["code"]))
    assert not missing


# ---- the fix ----------------------------------------------------------------------------------


def fix() -> None:
    """Sort every reference file by its key and write it in NFC (the header stays first)."""
    for name, (key, header) in FILES.items():
        path = REF / name
        with path.open(encoding="utf-8", newline="") as fh:
            data = [
                {k: unicodedata.normalize("NFC", v or "") for k, v in r.items()} for r in csv.DictReader(fh)
            ]
        data.sort(key=lambda r: r[key])
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
            writer.writeheader()
            writer.writerows(data)
        print(f"{name}: {len(data)} rows sorted by {key}, NFC")


if __name__ == "__main__":
    if "--fix" in sys.argv[1:]:
        fix()
    else:
        print(__doc__)
