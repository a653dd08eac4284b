"""`mandates site`: the browsable static site."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import click

from mandates.constants import DOCUMENTS_DIR, GRAPH_PATH, ROOT


def register(main: click.Group, friendly: Any, load_graph: Any) -> None:
    @main.command()
    @click.option(
        "--out", type=click.Path(path_type=Path, file_okay=False), default=ROOT / "site", show_default=True
    )
    @click.option(
        "--graph", "graph_path", type=click.Path(path_type=Path), default=GRAPH_PATH, show_default=True
    )
    @click.option(
        "--documents",
        type=click.Path(path_type=Path, file_okay=False),
        default=DOCUMENTS_DIR,
        show_default=True,
        help="Where the source texts are, to show them with their spans.",
    )
    @friendly
    def site(out: Path, graph_path: Path, documents: Path) -> None:
        """Build the static site (offline, in Vietnamese, searchable without diacritics)."""
        from mandates.site.builder import SiteBuilder

        started = time.perf_counter()
        pages = SiteBuilder(load_graph(graph_path), out, documents).build()
        click.echo(f"site: {pages} pages in {time.perf_counter() - started:.1f} s → {out / 'index.html'}")
