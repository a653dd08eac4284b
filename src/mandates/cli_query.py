"""Commands of the query layer: queries, query, sparql, push, serve (and bench).

Registered on the `mandates` group by cli.py with `cli_query.register(main, friendly)`.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import time
from pathlib import Path
from typing import Any

import click

from mandates import canned
from mandates.constants import DEFAULT_BASE, GRAPH_PATH
from mandates.errors import MandatesError
from mandates.stores import Answer, Row, open_store

FORMATS = click.Choice(["table", "csv", "json", "md"])
CELL = 80  # characters of a cell in the table format
SHORT = {DEFAULT_BASE: "mid:"}  # IRIs of our instances are shown as mid:… in tables (a query takes them back)


def _short(value: str) -> str:
    for long, short in SHORT.items():
        if value.startswith(long):
            return short + value[len(long) :]
    return value


def render(names: list[str], rows: list[Row], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=names, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return buf.getvalue().rstrip("\n")
    if fmt == "md":
        lines = ["| " + " | ".join(names) + " |", "|" + "---|" * len(names)]
        for r in rows:
            cells = [_short(" ".join((r.get(n) or "").split())).replace("|", "\\|") for n in names]
            lines.append("| " + " | ".join(cells) + " |")
        return "\n".join(lines)
    cells = [[_short(" ".join((r.get(n) or "").split()))[:CELL] for n in names] for r in rows]
    widths = [max([len(n), *(len(row[i]) for row in cells)]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip()]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    return "\n".join(lines) + f"\n({len(rows)} row{'' if len(rows) == 1 else 's'})"


def render_answer(answer: Answer, fmt: str) -> str:
    if answer.kind == "ask":
        return json.dumps({"boolean": answer.boolean}) if fmt == "json" else str(answer.boolean).lower()
    if answer.kind == "graph":
        return answer.triples.rstrip("\n")  # N-Triples whatever the format: it is already a table
    return render(answer.names, answer.rows, fmt)


STORE = click.option(
    "--store",
    "store_name",
    type=click.Choice(["oxigraph", "memory"]),
    default="oxigraph",
    show_default=True,
    help="Embedded store: Oxigraph on disk (graph/store) or rdflib in memory. Ignored with --endpoint.",
)
ENDPOINT = click.option(
    "--endpoint", metavar="URL", help="Any SPARQL 1.1 query endpoint instead of the embedded store."
)
GRAPH = click.option(
    "--graph",
    "graph_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=GRAPH_PATH,
    show_default=True,
    help="The built graph (its store is the folder 'store' next to it).",
)


def register(main: click.Group, friendly: Any) -> None:
    @main.command("queries")
    @click.option("--time", "timed", is_flag=True, help="Run each with its example; median time per backend.")
    @click.option("--runs", type=click.IntRange(1, 1000), default=11, show_default=True)
    @ENDPOINT
    @GRAPH
    @friendly
    def list_queries(timed: bool, runs: int, endpoint: str | None, graph_path: Path) -> None:
        """The canned queries (queries/*.rq): the question each answers, its parameters, an example."""
        catalogue = canned.catalogue()
        if not timed:
            for q in catalogue.values():
                params = (
                    ", ".join(
                        f"{p.name} ({p.kind}{', optional' if p.optional else ''})" for p in q.parameters
                    )
                    or "no parameters"
                )
                click.echo(f"{q.name}\n  {q.question}\n  parameters: {params}\n  e.g. {q.example}\n")
            return
        from mandates.bench import median_ms

        backends = {
            "rdflib": open_store("memory", ttl=graph_path),
            "oxigraph": open_store("oxigraph", ttl=graph_path),
        }
        if endpoint:
            backends["endpoint"] = open_store(endpoint=endpoint)
        header = ["query", "rows", *(f"{b} ms" for b in backends)]
        lines = ["| " + " | ".join(header) + " |", "|---|" + "---:|" * (len(header) - 1)]
        for q in catalogue.values():
            text = canned.bind(q, q.example_params())
            timed_runs = [median_ms(store, text, runs) for store in backends.values()]
            cells = [f"{ms:.1f}" for ms, _ in timed_runs]
            counts = {n for _, n in timed_runs}
            rows = "/".join(str(c) for c in sorted(counts))  # one number when the backends agree
            lines.append(f"| {q.name} | {rows} | " + " | ".join(cells) + " |")
        click.echo("\n".join(lines))
        click.echo(f"(median of {runs} runs of each query with its example parameters on {graph_path})")

    @main.command()
    @click.argument("name")
    @click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE", help="Repeat for several.")
    @click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
    @STORE
    @ENDPOINT
    @GRAPH
    @friendly
    def query(
        name: str, params: tuple[str, ...], fmt: str, store_name: str, endpoint: str | None, graph_path: Path
    ) -> None:
        """Run the canned query NAME (see `mandates queries`) with its parameters bound safely.

        Example: mandates query responsibilities --param "agency=Sở Y tế tỉnh Gia Lai" --format csv
        """
        text = canned.bind(canned.get(name), canned.parse_params(params))
        names, rows = open_store(store_name, endpoint, graph_path).select(text)
        click.echo(render(names, rows, fmt))

    @main.command()
    @click.argument("source", type=click.File("r", encoding="utf-8"), metavar="FILE|-")
    @click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
    @STORE
    @ENDPOINT
    @GRAPH
    @friendly
    def sparql(source: Any, fmt: str, store_name: str, endpoint: str | None, graph_path: Path) -> None:
        """Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) from FILE, or from standard input with -.

        Updates are refused. CONSTRUCT and DESCRIBE print N-Triples."""
        text = source.read()
        if not text.strip():
            raise MandatesError(f"{getattr(source, 'name', 'input')}: no query")
        answer = open_store(store_name, endpoint, graph_path).run(text)
        click.echo(render_answer(answer, fmt))

    @main.command()
    @click.option(
        "--endpoint",
        required=True,
        metavar="URL",
        help="Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store (Oxigraph) or …/dataset/data "
        "(Fuseki); with --method update, the update URL (…/update).",
    )
    @click.option(
        "--method",
        type=click.Choice(["gsp", "update"]),
        default="gsp",
        show_default=True,
        help="SPARQL 1.1 Graph Store Protocol (PUT per graph) or SPARQL 1.1 Update (DROP + INSERT DATA).",
    )
    @GRAPH
    @friendly
    def push(endpoint: str, method: str, graph_path: Path) -> None:
        """Load the graph into a SPARQL server: one named graph per source document (<document>/graph)
        and one for the reference data (…/graph/reference), each replaced on every push."""
        from mandates.stores import named_graphs
        from mandates.stores import push as push_graphs

        started = time.perf_counter()
        pushed = push_graphs(endpoint, named_graphs(graph_path), method)
        for p in pushed:
            click.echo(f"  {p.triples:>8} triples  <{p.graph}>")
        total = sum(p.triples for p in pushed)
        click.echo(
            f"pushed {len(pushed)} named graphs, {total} triples to {endpoint} "
            f"in {time.perf_counter() - started:.1f} s"
        )

    @main.command()
    @click.option("--quick", is_flag=True, help="Only the small sizes (under two minutes).")
    @click.option(
        "--out",
        type=click.Path(path_type=Path, dir_okay=False),
        help="Markdown report to write  [default: docs/benchmarks.md, or docs/benchmarks-quick.md with --quick]",
    )
    @friendly
    def bench(quick: bool, out: Path | None) -> None:
        """Load time, memory and median query latency on rdflib, Oxigraph and an Oxigraph server, on synthetic
        national corpora."""
        from mandates import bench as b
        from mandates.atomic import write_text

        out = out or Path("docs/benchmarks-quick.md" if quick else "docs/benchmarks.md")
        report = [
            "# Benchmarks",
            "",
            "Reproduce: `make bench-quick` (sizes up to 10^5 triples, docs/benchmarks-quick.md) or `make bench`",
            "(up to 2·10^6 triples, docs/benchmarks.md). Each canned query runs with the parameters a user gives",
            "(one agency, one province, one indicator); medians of repeated runs, rdflib, Oxigraph embedded and",
            "an Oxigraph server (`oxigraph serve-read-only` on loopback, over the SPARQL protocol) in the same run.",
            "",
            "## The shipped graph (4 plans), with the example parameters of each query",
            "",
            "| query | rows | rdflib ms | Oxigraph ms |",
            "|---|---:|---:|---:|",
        ]
        for name, (rd, ox, rows) in b.shipped(GRAPH_PATH).items():
            report.append(f"| {name} | {rows} | {rd:.1f} | {ox:.1f} |")
        report += [
            "",
            "## Synthetic national corpora",
            "",
            b.table(b.run(b.QUICK, rdflib_limit_s=b.QUICK_RDFLIB_LIMIT_S) if quick else b.run(b.FULL)),
        ]
        text = "\n".join(report)
        click.echo(text)
        write_text(out, text + "\n")

    @main.command()
    @click.option("--host", default="127.0.0.1", show_default=True)
    @click.option(
        "--port", type=click.IntRange(0, 65535), default=8787, show_default=True, help="0: any free port."
    )
    @click.option(
        "--site",
        type=click.Path(path_type=Path, file_okay=False, exists=True),
        help="Also serve this static site folder (files under it only).",
    )
    @click.option("--timeout", "time_limit", type=click.FloatRange(0.1, 3600), default=20.0, show_default=True,
                  help="Seconds a query may run.")  # fmt: skip
    @click.option("--max-rows", type=click.IntRange(1), default=10_000, show_default=True)
    @click.option("--quiet", is_flag=True, help="No line per request on standard error.")
    @GRAPH
    @friendly
    def serve(
        host: str,
        port: int,
        site: Path | None,
        time_limit: float,
        max_rows: int,
        quiet: bool,
        graph_path: Path,
    ) -> None:
        """A read-only SPARQL 1.1 endpoint at http://HOST:PORT/sparql (and the site, if given).

        Any SPARQL client works: SPARQLWrapper, YASGUI, `mandates query … --endpoint URL`."""
        from mandates.server import Limits, _is_loopback
        from mandates.server import serve as make_server

        store = open_store("oxigraph", ttl=graph_path)
        try:
            server = make_server(
                store, host, port, site, Limits(max_rows=max_rows, time_limit_s=time_limit), quiet
            )
        except OSError as exc:
            raise MandatesError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
        if not _is_loopback(host):
            click.echo(f"warning: listening on {host}: other machines can query this endpoint", err=True)
        base = f"http://{host}:{server.server_address[1]}"
        click.echo(f"SPARQL endpoint: {base}/sparql" + (f"   site: {base}/" if site else ""))
        sys.stdout.flush()
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
