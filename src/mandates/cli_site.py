"""`mandates site`: the browsable static site (offline, in Vietnamese, searchable without diacritics)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from mandates.constants import DOCUMENTS_DIR, GRAPH_PATH, ROOT
from mandates.errors import InputError


def _friendly(func: Callable[..., Any]) -> Callable[..., Any]:
    """mandates.cli.friendly, looked up when the command runs (cli imports this module)."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from mandates.cli import friendly

        return friendly(func)(*args, **kwargs)

    return wrapper


@click.command()
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=ROOT / "site",
    show_default=True,
    help="Folder to write; replaced as a whole, and only if it is a site this command wrote.",
)
@click.option("--graph", "graph_path", type=click.Path(path_type=Path), default=GRAPH_PATH, show_default=True)
@click.option(
    "--documents",
    type=click.Path(path_type=Path, file_okay=False),
    default=DOCUMENTS_DIR,
    show_default=True,
    help="Where the plan files are, to show their text with the extracted spans.",
)
@_friendly
def site(out: Path, graph_path: Path, documents: Path) -> None:
    """Build the static site from the graph: open OUT/index.html from disk, or serve OUT over HTTP."""
    from rdflib import Graph

    from mandates.site import build_site

    if not graph_path.is_file():
        raise InputError(graph_path, "no graph yet: run `mandates build` first")
    try:
        g = Graph().parse(graph_path, format="turtle")
    except (SyntaxError, ValueError) as exc:
        raise InputError(graph_path, f"not a Turtle graph: {exc}") from None
    result = build_site(g, out, documents, graph_path.parent / "texts")
    kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(result.counts.items()))
    click.echo(f"site: {result.pages} pages ({kinds}) in {result.seconds:.1f} s → {out / 'index.html'}")


def register(main: click.Group, friendly: Any = None, load_graph: Any = None) -> None:
    """Add `site` to the `mandates` group (the command wraps itself with mandates.cli.friendly)."""
    del friendly, load_graph
    main.add_command(site)
