"""The `mandates` command."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click
from rdflib import Graph

from mandates import cli_answers, cli_query, cli_site
from mandates.build import build_graph, build_validated, serialise, write_graph
from mandates.constants import DOCUMENTS_DIR, GRAPH_PATH
from mandates.errors import InputError, MandatesError
from mandates.lineage import Lineage, Match, as_dict
from mandates.namespaces import MND
from mandates.stores import rebuild_store

F = TypeVar("F", bound=Callable[..., Any])


def friendly(func: F) -> F:
    """Errors become one line on stderr and an exit status, never a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except MandatesError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("interrupted: nothing was written", err=True)
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


@click.group()
@click.version_option(package_name="mandates")
def main() -> None:
    """A knowledge graph of Vietnamese policy mandates: lineage, responsibility, targets, reporting."""


@main.command()
@click.option(
    "--data",
    "data_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=DOCUMENTS_DIR,
    show_default=True,
    help="Folder of plan files.",
)
@click.option(
    "-o", "--out", type=click.Path(path_type=Path, dir_okay=False), default=GRAPH_PATH, show_default=True
)
@click.option("--no-validate", is_flag=True, help="Skip the SHACL check.")
@friendly
def build(data_dir: Path, out: Path, no_validate: bool) -> None:
    """Build graph/mandates.ttl from the plans in data/ and the reference data."""
    started = time.perf_counter()
    paths = sorted(p for p in data_dir.glob("*") if p.is_file() and not p.name.startswith("."))
    if not paths:
        raise InputError(data_dir, "no plan files in this folder")
    result = build_graph(paths) if no_validate else build_validated(paths)
    for err in result.errors:
        click.echo(f"error: {err}", err=True)
    if not result.extracts:
        raise InputError(data_dir, "no readable plan in this folder; nothing was written")
    write_graph(result.graph, out, result.extracts)
    rebuild_store(out, out.parent / "store", result.graph)
    click.echo(
        f"built {out}: {len(result.extracts)} documents, {len(result.graph)} triples "
        f"in {time.perf_counter() - started:.1f} s"
    )
    if result.errors:
        sys.exit(1)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o",
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="Turtle file to write.",
)
@click.option("--no-validate", is_flag=True, help="Skip the SHACL check.")
@friendly
def ingest(files: tuple[Path, ...], out: Path, no_validate: bool) -> None:
    """Run the pipeline on plan files that are not in data/ (with the shipped reference data)."""
    result = build_graph(list(files)) if no_validate else build_validated(list(files))
    for err in result.errors:
        click.echo(f"error: {err}", err=True)
    if not result.extracts:
        sys.exit(2)
    write_graph(result.graph, out, result.extracts)
    click.echo(f"wrote {out}: {len(result.extracts)} documents, {len(result.graph)} triples")
    if result.errors:
        sys.exit(1)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--store",
    "store_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=GRAPH_PATH.parent / "store",
    show_default=True,
)
@friendly
def add(files: tuple[Path, ...], store_dir: Path) -> None:
    """Add or replace plan files in the store (one named graph each) without rebuilding the rest."""
    from mandates.incremental import add as add_files

    if not store_dir.exists():
        rebuild_store(GRAPH_PATH, store_dir)
    added, errors = add_files(list(files), store_dir)
    for err in errors:
        click.echo(f"error: {err}", err=True)
    for a in added:
        verb = "replaced" if a.replaced else "added"
        click.echo(f"{verb} {a.file}: {a.triples} triples in <{a.graph}> ({a.seconds:.1f} s)")
    if errors:
        sys.exit(1)


def load_graph(path: Path) -> Graph:
    if not path.exists():
        raise InputError(path, "no graph yet: run `mandates build` first")
    return Graph().parse(path, format="turtle")


def excerpt(quote: str, label: str, width: int = 220) -> str:
    """The part of a long sentence around the cited document's code (or its start)."""
    if len(quote) <= width:
        return quote
    code = label.rsplit(" ", 1)[-1]
    at = quote.upper().find(code.upper()) if code else -1
    start = max(0, at - width // 3) if at >= 0 else 0
    end = min(len(quote), start + width)
    return ("…" if start else "") + quote[start:end] + ("…" if end < len(quote) else "")


def _print_match(m: Match) -> None:
    click.echo(f"● {m.label}  <{m.node}>")
    if m.text:
        click.echo(f"  “{m.text[:300]}{'…' if len(m.text) > 300 else ''}”")
    if not m.chains:
        click.echo("  (no lineage stated in the text)")
    for i, chain in enumerate(m.chains, 1):
        click.echo(f"  chain {i}:")
        for depth, hop in enumerate(chain):
            pad = "    " + "  " * depth
            facts = ", ".join(x for x in (hop.target_issuer, hop.target_date) if x)
            rel = {
                "implements": "thực hiện / implements",
                "basedOn": "căn cứ / based on",
                "partOf": "thuộc / part of",
            }.get(hop.relation, hop.relation)
            click.echo(f"{pad}└─ {rel} → {hop.target_label}" + (f" ({facts})" if facts else ""))
            if hop.evidence and hop.relation != "partOf":
                click.echo(f"{pad}   “{excerpt(hop.evidence, hop.target_label)}”")


@main.command()
@click.argument("query")
@click.option("--graph", "graph_path", type=click.Path(path_type=Path), default=GRAPH_PATH, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@friendly
def lineage(query: str, graph_path: Path, fmt: str) -> None:
    """Chains from a task or document up to its root directives, with the sentence of each hop.

    QUERY is a document code (any spelling: "99-CTR/TU"), a task IRI, or a phrase of a task's text.
    """
    lin = Lineage(load_graph(graph_path))
    matches = [lin.match(node) for node in lin.resolve(query)]
    if fmt == "json":
        click.echo(
            json.dumps(
                {"query": query, "matches": [as_dict(m) for m in matches]}, ensure_ascii=False, indent=1
            )
        )
        return
    for m in matches:
        _print_match(m)


cli_answers.register(main, friendly, load_graph)
cli_query.register(main, friendly)
cli_site.register(main, friendly, load_graph)


@main.command()
@click.argument("query")
@click.option("--graph", "graph_path", type=click.Path(path_type=Path), default=GRAPH_PATH, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@friendly
def now(query: str, graph_path: Path, fmt: str) -> None:
    """Who holds a task today, after the 2025 reorganisation, with each step's date and legal basis.

    QUERY is a task IRI, a phrase of a task's text, or a document code (then every task of it).
    """
    from mandates import now as holdings
    from mandates.reference import load

    g = load_graph(graph_path)
    ref = load()
    lin = Lineage(g)
    nodes = lin.resolve(query, limit=50)
    tasks = [
        t
        for n in nodes
        for t in ([n] if (n, MND.text, None) in g else sorted(g.subjects(MND.inDocument, n)))
        if (t, MND.text, None) in g and (t, MND.partOf, None) in g
    ]
    out = []
    for task in tasks:
        h = holdings.holding(g, task)
        if not h.resolutions:
            continue
        entry = {
            "task": str(task),
            "text": h.text,
            "document": h.document,
            "since": h.since,
            "areas": h.areas,
            "holders": [],
        }
        for role, res in h.resolutions:
            entry["holders"].append(
                {
                    "role": role,
                    "assigned": holdings.name(ref, res.start),
                    "now": None if res.candidates else holdings.name(ref, res.holder),
                    "candidates": [holdings.name(ref, c) for c in res.candidates],
                    "steps": [
                        {
                            "date": s.event.date,
                            "why": s.why,
                            "to": holdings.name(ref, s.after),
                            "legal_basis": [holdings.basis_label(ref, b) for b in s.event.legal_basis],
                            "source": s.event.source_url,
                            "status": s.event.status,
                        }
                        for s in res.steps
                    ],
                }
            )
        out.append(entry)
    if fmt == "json":
        click.echo(json.dumps(out, ensure_ascii=False, indent=1))
        return
    for e in out:
        click.echo(
            f"● {e['document']} · {str(e['task']).rsplit('/', 1)[-1]} (assigned {e['since'][:4]}; "
            f"areas: {', '.join(e['areas']) or '—'})"
        )
        click.echo(f"  “{e['text'][:200]}{'…' if len(e['text']) > 200 else ''}”")
        for holder in e["holders"]:
            click.echo(f"  [{holder['role']}] {holder['assigned']}")
            for s in holder["steps"]:
                click.echo(f"     {s['date']}  {s['why']} → {s['to']}   [{', '.join(s['legal_basis'])}]")
            if holder["candidates"]:
                click.echo(f"     the data cannot decide; candidates: {', '.join(holder['candidates'])}")
            else:
                click.echo(f"     ⇒ now: {holder['now']}")


@main.command()
@friendly
def demo() -> None:
    """Build the graph from data/ and answer the users' questions on it."""
    from mandates.constants import DATA_DIR

    ctx = click.get_current_context()
    ctx.invoke(build)
    questions = json.loads((DATA_DIR / "demo.json").read_text(encoding="utf-8"))["questions"]
    for q in questions:
        click.echo(
            f"\n### {q['question']}\n$ mandates {' '.join(a if ' ' not in a else repr(a) for a in q['args'])}"
        )
        try:
            main.main(q["args"], prog_name="mandates", standalone_mode=False)
        except MandatesError as exc:
            click.echo(f"error: {exc}")
    click.echo(
        "\nAsk your own: mandates --help · mandates queries · mandates serve (SPARQL at http://127.0.0.1:8787/sparql)"
    )


__all__ = ["main", "serialise"]
