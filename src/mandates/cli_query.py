"""Commands of the query layer: query, queries, sparql, push, serve."""

from __future__ import annotations

import csv
import io
import json
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import click

from mandates import canned
from mandates.constants import GRAPH_PATH
from mandates.errors import MandatesError
from mandates.stores import Row, open_store

FORMATS = click.Choice(["table", "csv", "json", "md"])


def render(names: list[str], rows: list[Row], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=names)
        writer.writeheader()
        writer.writerows(rows)
        return buf.getvalue()
    cells = [[(r.get(n) or "").replace("\n", " ")[:80] for n in names] for r in rows]
    if fmt == "md":
        lines = ["| " + " | ".join(names) + " |", "|" + "---|" * len(names)]
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in cells]
        return "\n".join(lines)
    widths = [max([len(n), *(len(row[i]) for row in cells)]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True))]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    return "\n".join(lines) + f"\n({len(rows)} rows)"


STORE = click.option(
    "--store",
    "store_name",
    type=click.Choice(["oxigraph", "memory"]),
    default="oxigraph",
    show_default=True,
    help="Embedded store (ignored with --endpoint).",
)
ENDPOINT = click.option("--endpoint", help="Any SPARQL 1.1 query endpoint URL instead of the embedded store.")
GRAPH = click.option(
    "--graph", "graph_path", type=click.Path(path_type=Path), default=GRAPH_PATH, show_default=True
)


def register(main: click.Group, friendly: Any) -> None:
    @main.command("queries")
    def list_queries() -> None:
        """The canned queries, with the question each answers and its parameters."""
        for q in canned.catalogue().values():
            params = ", ".join(f"{n} ({k})" for n, (k, _) in q.params.items()) or "no parameters"
            click.echo(f"{q.name:<20} {q.question}\n{'':<20} {params}; e.g. {q.example}\n")

    @main.command()
    @click.argument("name")
    @click.option("--param", "-p", "params", multiple=True, help="name=value (repeat for several).")
    @click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
    @STORE
    @ENDPOINT
    @GRAPH
    @friendly
    def query(
        name: str, params: tuple[str, ...], fmt: str, store_name: str, endpoint: str | None, graph_path: Path
    ) -> None:
        """Run the canned query NAME (see `mandates queries`)."""
        text = canned.bind(canned.get(name), canned.parse_params(params))
        names, rows = open_store(store_name, endpoint, graph_path).select(text)
        click.echo(render(names, rows, fmt))

    @main.command()
    @click.argument("source", type=click.File("r", encoding="utf-8"))
    @click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
    @STORE
    @ENDPOINT
    @GRAPH
    @friendly
    def sparql(source: Any, fmt: str, store_name: str, endpoint: str | None, graph_path: Path) -> None:
        """Run a SPARQL SELECT query from FILE (or - for standard input)."""
        names, rows = open_store(store_name, endpoint, graph_path).select(source.read())
        click.echo(render(names, rows, fmt))

    @main.command()
    @click.option(
        "--endpoint",
        required=True,
        help="Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store (Oxigraph) or …/dataset/data (Fuseki).",
    )
    @GRAPH
    @friendly
    def push(endpoint: str, graph_path: Path) -> None:
        """Load the graph into a SPARQL server: one named graph per source document, replaced on each push."""
        from mandates.publish import partition

        pushed = 0
        for graph_iri, turtle in partition(graph_path):
            url = f"{endpoint}?graph={urllib.request.quote(graph_iri, safe='')}"
            req = urllib.request.Request(  # noqa: S310 - the user names the server
                url,
                data=turtle.encode("utf-8"),
                method="PUT",
                headers={"Content-Type": "text/turtle; charset=utf-8"},
            )
            try:
                with urllib.request.urlopen(req, timeout=120) as resp:  # noqa: S310 - the user's server
                    resp.read()
            except (urllib.error.URLError, OSError) as exc:
                raise MandatesError(f"{endpoint}: push failed: {exc}") from None
            pushed += 1
        click.echo(f"pushed {pushed} named graphs to {endpoint}")

    @main.command()
    @click.option("--quick", is_flag=True, help="Only the small sizes (about a minute).")
    @click.option(
        "--out",
        type=click.Path(path_type=Path, dir_okay=False),
        default=Path("docs/benchmarks.md"),
        show_default=True,
    )
    @friendly
    def bench(quick: bool, out: Path) -> None:
        """Load time, memory and median query latency, rdflib against Oxigraph, on synthetic national corpora."""
        from mandates import bench as b
        from mandates.atomic import write_text

        report = [
            "# Benchmarks",
            "",
            "Reproduce: `make bench-quick` (small sizes) or `make bench` (up to 2·10^6 triples).",
            "",
        ]
        report += [
            "## The shipped graph (4 plans)",
            "",
            "| query | rdflib median ms | Oxigraph median ms |",
            "|---|---:|---:|",
        ]
        for name, (rd, ox) in b.shipped(GRAPH_PATH).items():
            report.append(f"| {name} | {rd:.1f} | {ox:.1f} |")
        report += ["", "## Synthetic corpora", "", b.table(b.run(b.QUICK if quick else b.FULL))]
        text = "\n".join(report)
        click.echo(text)
        write_text(out, text + "\n")

    @main.command()
    @click.option("--host", default="127.0.0.1", show_default=True)
    @click.option("--port", type=int, default=8787, show_default=True)
    @click.option(
        "--site", type=click.Path(path_type=Path, file_okay=False), help="Also serve this static site folder."
    )
    @GRAPH
    @friendly
    def serve(host: str, port: int, site: Path | None, graph_path: Path) -> None:
        """A read-only SPARQL 1.1 endpoint at http://HOST:PORT/sparql (and the site, if given)."""
        from mandates.server import serve as make_server
        from mandates.stores import OxigraphStore

        store = (
            OxigraphStore(ttl=graph_path)
            if graph_path == GRAPH_PATH
            else OxigraphStore(graph_path.parent / "store", graph_path)
        )
        server = make_server(store.store, host, port, site)
        click.echo(
            f"SPARQL endpoint: http://{host}:{server.server_address[1]}/sparql"
            + (f"   site: http://{host}:{server.server_address[1]}/" if site else "")
        )
        sys.stdout.flush()
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            server.server_close()
