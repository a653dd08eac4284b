"""Benchmarks: load time, memory and median latency of every canned query, rdflib against Oxigraph.

`mandates bench --quick` (make bench-quick) runs the small sizes in about a minute; `make bench` the
full range. Figures and the machine are printed and written to docs/benchmarks.md.
"""

from __future__ import annotations

import os
import platform
import statistics
import tempfile
import time
from pathlib import Path

import pyoxigraph

from mandates import canned
from mandates.stores import MemoryStore, OxigraphStore
from mandates.synthetic import generate

QUICK = (10_000, 30_000, 100_000)
FULL = (10_000, 100_000, 1_000_000, 2_000_000)
RUNS = 5


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _params(name: str, sample_task: str) -> dict[str, str]:
    return {
        "lineage": {"node": sample_task},
        "descendants": {"directive": "42-NQ/TW"},
        "responsibilities": {"agency": "so-y-te tinh-01"},
        "tasks_by_area": {"area": "giảm nghèo"},
        "targets": {"indicator": "ty le that nghiep chung"},
    }.get(name, {})


def _median_ms(store: object, text: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        store.select(text)  # type: ignore[attr-defined]
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def run(sizes: tuple[int, ...], runs: int = RUNS, rdflib_limit: int = 2_000_000) -> list[dict[str, object]]:
    results = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            g = generate(size)
            ttl = Path(tmp) / "synthetic.ttl"
            ttl.write_text(g.serialize(format="nt"), encoding="utf-8")
            n = len(g)
            sample = next(str(s) for s in g.subjects() if "/t1" in str(s))
            del g
            row: dict[str, object] = {"triples": n}
            rss = _rss_mb()
            t = time.perf_counter()
            store_dir = Path(tmp) / "store"
            ox = pyoxigraph.Store(str(store_dir))
            ox.bulk_load(path=str(ttl), format=pyoxigraph.RdfFormat.N_TRIPLES)
            ox.flush()
            del ox
            row["oxigraph_load_s"] = time.perf_counter() - t
            oxi = OxigraphStore(store_dir, ttl)
            row["oxigraph_mb"] = _rss_mb() - rss
            mem = None
            if n <= rdflib_limit:
                rss = _rss_mb()
                t = time.perf_counter()
                from rdflib import Graph

                mem = MemoryStore.__new__(MemoryStore)
                mem.graph = Graph().parse(ttl, format="nt")
                row["rdflib_load_s"] = time.perf_counter() - t
                row["rdflib_mb"] = _rss_mb() - rss
            queries = {}
            for name, q in canned.catalogue().items():
                text = canned.bind(q, _params(name, sample))
                ox_ms = _median_ms(oxi, text, runs)
                rd_ms = (
                    _median_ms(mem, text, max(1, runs // 2)) if mem else None
                )  # rdflib: fewer runs, same median
                queries[name] = (rd_ms, ox_ms)
            row["queries"] = queries
            results.append(row)
    return results


def table(results: list[dict[str, object]]) -> str:
    lines = [f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}", ""]
    for r in results:
        lines.append(f"### {r['triples']:,} triples")
        lines.append(
            f"load: Oxigraph {r['oxigraph_load_s']:.2f} s (+{r['oxigraph_mb']:.0f} MB RSS)"
            + (
                f", rdflib {r['rdflib_load_s']:.2f} s (+{r['rdflib_mb']:.0f} MB RSS)"
                if "rdflib_load_s" in r
                else ""
            )
        )
        lines.append("")
        lines.append("| query | rdflib median ms | Oxigraph median ms | rdflib / Oxigraph |")
        lines.append("|---|---:|---:|---:|")
        for name, (rd, ox) in r["queries"].items():  # type: ignore[union-attr]
            ratio = f"{rd / ox:.0f}×" if rd and ox else "—"
            lines.append(
                f"| {name} | {rd:.1f} | {ox:.1f} | {ratio} |"
                if rd is not None
                else f"| {name} | — | {ox:.1f} | — |"
            )
        lines.append("")
    return "\n".join(lines)


def shipped(ttl: Path, runs: int = 11) -> dict[str, tuple[float, float]]:
    """Median latency of every canned query on the shipped graph, rdflib and Oxigraph."""
    from mandates.stores import rebuild_store

    with tempfile.TemporaryDirectory() as tmp:
        rebuild_store(ttl, Path(tmp) / "store")
        oxi = OxigraphStore(Path(tmp) / "store", ttl)
        mem = MemoryStore(ttl)
        sample = "https://w3id.org/mandates/id/doc/gia-lai/ctr-tu/2025/99"
        out = {}
        for name, q in canned.catalogue().items():
            params = _params(name, sample)
            params = {
                "responsibilities": {"agency": "Sở Y tế tỉnh Gia Lai"},
                "targets": {"indicator": "tỷ lệ thất nghiệp chung"},
            }.get(name, params)
            text = canned.bind(q, params)
            out[name] = (_median_ms(mem, text, runs), _median_ms(oxi, text, runs))
        return out
