"""Canned queries (queries/*.rq): their questions, parameters, and safe binding of values.

A query declares its parameters in its header ("# param: agency (literal) — …") and marks with
"#PARAMS" where their values go. Values are never pasted as text: each one is checked and written
as one RDF term (an IRI between <> or an escaped string literal) in a VALUES clause, which every
SPARQL 1.1 engine understands; a value that cannot be such a term is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from mandates.constants import QUERIES_DIR
from mandates.errors import MandatesError

_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*$")
_PARAM = re.compile(r"^#\s*param:\s*(?P<name>\w+)\s*\((?P<kind>iri|literal|label)\)\s*[—-]?\s*(?P<help>.*)$")


class BadParameter(MandatesError):
    exit_code = 2


@dataclass
class Canned:
    name: str
    text: str
    question: str
    example: str
    params: dict[str, tuple[str, str]] = field(default_factory=dict)  # name -> (kind, help)


@cache
def catalogue(directory: Path = QUERIES_DIR) -> dict[str, Canned]:
    out = {}
    for path in sorted(directory.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        q = Canned(path.stem, text, "", "")
        for line in text.splitlines():
            if line.startswith("# question:"):
                q.question = line.split(":", 1)[1].strip()
            elif line.startswith("# example:"):
                q.example = line.split(":", 1)[1].strip()
            elif m := _PARAM.match(line):
                q.params[m.group("name")] = (m.group("kind"), m.group("help").strip())
        out[q.name] = q
    return out


def term(value: str, kind: str, name: str) -> str:
    """One RDF term for a parameter value, or BadParameter."""
    if kind == "iri":
        if not _IRI.match(value):
            raise BadParameter(f"parameter {name}: {value!r} is not an absolute IRI")
        return f"<{value}>"
    if "\x00" in value or len(value) > 500:
        raise BadParameter(f"parameter {name}: value too long or holds a NUL character")
    escaped = (
        value.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )
    # A "label" is a Vietnamese name as the graph writes it ("Sở Y tế tỉnh Gia Lai"@vi): matched by index.
    return f'"{escaped}"@vi' if kind == "label" else f'"{escaped}"'


def bind(q: Canned, values: dict[str, str]) -> str:
    unknown = sorted(set(values) - set(q.params))
    if unknown:
        raise BadParameter(
            f"query {q.name} has no parameter {', '.join(unknown)}; it takes: {', '.join(q.params) or 'none'}"
        )
    missing = sorted(set(q.params) - set(values))
    if missing:
        raise BadParameter(f"query {q.name} needs --param {missing[0]}=… ({q.params[missing[0]][1]})")
    clauses = " ".join(f"VALUES ?{n} {{ {term(values[n], q.params[n][0], n)} }}" for n in q.params)
    return q.text.replace("#PARAMS", clauses, 1)


def get(name: str) -> Canned:
    queries = catalogue()
    if name not in queries:
        import difflib

        near = difflib.get_close_matches(name, list(queries), n=3)
        raise MandatesError(
            f"no canned query {name!r}"
            + (f"; did you mean: {', '.join(near)}?" if near else "; see `mandates queries`")
        )
    return queries[name]


def parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        if "=" not in pair:
            raise BadParameter(f"--param {pair!r}: write it as name=value")
        k, v = pair.split("=", 1)
        out[k.strip()] = v
    return out
