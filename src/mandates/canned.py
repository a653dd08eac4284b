"""Canned queries (queries/*.rq): their questions, parameters, and safe binding of values.

Each file opens with comment lines the catalogue reads::

    # question: Who is responsible for what? …
    # param: agency (label) — the agency's name …
    # param: place (label, optional) — …
    # example: mandates query responsibilities --param "agency=Sở Y tế tỉnh Gia Lai"
    # columns: …

and holds one line ``#PARAMS`` (anything after it on the line is a comment for readers) where the values
go; or, where parameters belong in different parts of the query (one inside a sub-select, one outside),
one line ``#PARAMS(name, …)`` per part (a parameter may be named by several, e.g. in both branches of a
UNION), a bare ``#PARAMS`` taking those no line names. How values are bound: never pasted as text. Each
value is checked and written as exactly one RDF term — an IRI between <> with none of the characters IRIs forbid, or a string literal escaped per the
SPARQL grammar, language-tagged @vi for a "label" — inside a ``VALUES`` clause that replaces the marker.
An optional parameter left out is ``VALUES ?p { UNDEF }``, which constrains nothing. VALUES is plain
SPARQL 1.1, so the same text runs unchanged on rdflib, Oxigraph and any remote endpoint (initBindings
exists only in rdflib; Oxigraph's substitutions only in Oxigraph). A value that cannot be such a term
is refused with BadParameter before any store sees it.

Parameter kinds:
- ``iri``: an absolute IRI; ``mid:…`` and ``mnd:…`` are expanded to the project's namespaces;
- ``literal``: a plain string, e.g. a document code "42-NQ/TW";
- ``label``: a Vietnamese name as the graph writes it, "Sở Y tế tỉnh Gia Lai"@vi (matched by index,
  so exactly: same words, same diacritics; the value is NFC-normalised first).
"""

from __future__ import annotations

import re
import shlex
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from mandates.constants import DEFAULT_BASE, ONTOLOGY_NS, QUERIES_DIR
from mandates.errors import MandatesError

KINDS = ("iri", "literal", "label")
PREFIXES = {"mid": DEFAULT_BASE, "mnd": ONTOLOGY_NS}
MAX_VALUE = 500

# SPARQL IRIREF: '<' ([^<>"{}|^`\]-[#x00-#x20])* '>', and we want it absolute (a scheme first).
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^<>\"{}|^`\\\x00-\x20\x7f]*$")
_PARAM = re.compile(
    r"^#\s*param:\s*(?P<name>[A-Za-z_]\w*)\s*\((?P<kind>\w+)(?P<optional>\s*,\s*optional)?\)\s*[—-]?\s*(?P<help>.*)$"
)
_MARKER = re.compile(r"^[ \t]*#PARAMS(?:\((?P<names>[\w ,]*)\))?(?!\w).*$", re.MULTILINE)
# Control characters have no place in a name or a code; a backslash would meet SPARQL's \u pre-pass.
_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f\\]")


class BadParameter(MandatesError):
    exit_code = 2


class BadQueryFile(MandatesError):
    exit_code = 2


@dataclass(frozen=True)
class Param:
    name: str
    kind: str
    optional: bool
    help: str


@dataclass
class Canned:
    name: str
    text: str
    question: str
    example: str
    params: dict[str, tuple[str, str]] = field(default_factory=dict)  # name -> (kind, help)
    optional: frozenset[str] = frozenset()
    columns: str = ""
    path: Path | None = None

    @property
    def parameters(self) -> list[Param]:
        return [Param(n, k, n in self.optional, h) for n, (k, h) in self.params.items()]

    def example_params(self) -> dict[str, str]:
        """The --param values of the header's example (they double as test data)."""
        args = shlex.split(self.example)
        out = {}
        for i, arg in enumerate(args):
            if arg in ("--param", "-p") and i + 1 < len(args):
                k, _, v = args[i + 1].partition("=")
                out[k] = v
        return out


def parse(path: Path) -> Canned:
    """One .rq file with its header; BadQueryFile when the header and the body disagree."""
    text = path.read_text(encoding="utf-8")
    q = Canned(path.stem, text, "", "", path=path)
    optional = set()
    for line in text.splitlines():
        if line.startswith("# question:"):
            q.question = line.split(":", 1)[1].strip()
        elif line.startswith("# example:"):
            q.example = line.split(":", 1)[1].strip()
        elif line.startswith("# columns:"):
            q.columns = line.split(":", 1)[1].strip()
        elif m := _PARAM.match(line):
            if m.group("kind") not in KINDS:
                raise BadQueryFile(
                    f"{path}: parameter {m.group('name')}: kind must be one of {', '.join(KINDS)}"
                )
            q.params[m.group("name")] = (m.group("kind"), m.group("help").strip())
            if m.group("optional"):
                optional.add(m.group("name"))
    q.optional = frozenset(optional)
    if not q.question:
        raise BadQueryFile(f"{path}: no '# question:' line")
    if q.params:
        _placement(path, q, [m.group("names") for m in _MARKER.finditer(text)])
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    for name in q.params:
        if not re.search(rf"[?$]{name}\b", body):
            raise BadQueryFile(f"{path}: parameter {name} is declared but ?{name} is not in the query")
    return q


def _names(group: str | None) -> list[str]:
    return [n for n in re.split(r"[\s,]+", group or "") if n]


def _placement(path: Path, q: Canned, groups: list[str | None]) -> None:
    """Where each parameter goes: '#PARAMS(a, b)' takes those (a parameter may go to several, e.g. to
    both branches of a UNION, which see nothing bound outside them), a bare '#PARAMS' the rest."""
    bare = [g for g in groups if g is None]
    named = [n for g in groups if g is not None for n in _names(g)]
    if not groups or len(bare) > 1:
        raise BadQueryFile(
            f"{path}: a query with parameters needs exactly one '#PARAMS' line "
            f"(or one '#PARAMS(name, …)' line per group of them), found {len(groups)}"
        )
    for name in named:
        if name not in q.params:
            raise BadQueryFile(f"{path}: '#PARAMS({name})' names no declared parameter")
    if not bare and set(q.params) - set(named):
        raise BadQueryFile(
            f"{path}: parameter {min(set(q.params) - set(named))} has no '#PARAMS' line to go to"
        )


@cache
def catalogue(directory: Path = QUERIES_DIR) -> dict[str, Canned]:
    return {p.stem: parse(p) for p in sorted(directory.glob("*.rq"))}


def term(value: str, kind: str, name: str) -> str:
    """One RDF term in SPARQL syntax for a parameter value, or BadParameter."""
    value = unicodedata.normalize("NFC", value)
    if not value:
        raise BadParameter(f"parameter {name}: empty value")
    if len(value) > MAX_VALUE:
        raise BadParameter(f"parameter {name}: value longer than {MAX_VALUE} characters")
    if kind == "iri":
        prefix, _, rest = value.partition(":")
        if prefix in PREFIXES and not rest.startswith("//"):
            value = PREFIXES[prefix] + rest
        if not _IRI.match(value):
            raise BadParameter(
                f"parameter {name}: {value!r} is not an absolute IRI "
                "(write it whole, e.g. https://w3id.org/mandates/id/doc/vn/nq-tw/2023/42, without <>)"
            )
        return f"<{value}>"
    if _FORBIDDEN.search(value):
        raise BadParameter(f"parameter {name}: control characters and backslashes are not allowed in a value")
    escaped = value.replace('"', '\\"')
    return f'"{escaped}"@vi' if kind == "label" else f'"{escaped}"'


def bind(q: Canned, values: dict[str, str]) -> str:
    """The query text with its parameters bound in a VALUES clause (see the module docstring)."""
    unknown = sorted(set(values) - set(q.params))
    if unknown:
        raise BadParameter(
            f"query {q.name} has no parameter {', '.join(unknown)}; it takes: {', '.join(q.params) or 'none'}"
        )
    missing = sorted(set(q.params) - set(values) - q.optional)
    if missing:
        raise BadParameter(f"query {q.name} needs --param {missing[0]}=… ({q.params[missing[0]][1]})")
    if not q.params:
        return q.text
    # One VALUES block per parameter: Oxigraph turns a one-variable block into a constant its
    # optimiser starts from, while a row of several variables is joined only after the pattern
    # has been matched for every value (51 s instead of 36 ms for tasks_by_area on 10^6 triples).
    # Its optimiser also starts from the first of equal blocks: the given values come first, in the
    # order of the '# param:' lines (most selective first), and an absent optional one last.
    terms = {n: term(values[n], kind, n) for n, (kind, _) in q.params.items() if n in values}
    named = {n for m in _MARKER.finditer(q.text) for n in _names(m.group("names"))}

    def clause(m: re.Match[str]) -> str:
        names = (
            _names(m.group("names"))
            if m.group("names") is not None
            else [n for n in q.params if n not in named]
        )
        ordered = sorted((n for n in q.params if n in names), key=lambda n: n not in terms)  # stable
        return "  " + " ".join(f"VALUES ?{n} {{ {terms.get(n, 'UNDEF')} }}" for n in ordered)

    return _MARKER.sub(clause, q.text)


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
    out: dict[str, str] = {}
    for pair in pairs:
        if "=" not in pair:
            raise BadParameter(f"--param {pair!r}: write it as name=value")
        k, v = pair.split("=", 1)
        k = k.strip()
        if k in out:
            raise BadParameter(f"--param {k} given twice")
        out[k] = v.strip()
    return out
