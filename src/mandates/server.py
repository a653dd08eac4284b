"""`mandates serve`: a read-only SPARQL 1.1 Protocol endpoint on loopback, and optionally a static site.

Standard library http.server (ThreadingHTTPServer) and pyoxigraph only.

- `GET /sparql?query=…` and `POST /sparql` (form `query=…`, or a body of type application/sparql-query);
  `default-graph-uri` / `named-graph-uri` choose the dataset, otherwise the default graph is the union
  of the named graphs (one per source document), as in every other backend.
- Results: application/sparql-results+json (default), application/sparql-results+xml, text/csv,
  text/tab-separated-values; CONSTRUCT/DESCRIBE as text/turtle, application/n-triples or
  application/rdf+xml. Chosen by the Accept header, or by `format=json|xml|csv|tsv|turtle|nt|rdfxml`.
- Read-only: SPARQL Update (the `update` parameter, application/sparql-update, an update sent as a
  query) is refused with 403, as are PUT/DELETE/PATCH. SERVICE is refused (400): a query must not make
  the server fetch other addresses.
- Limits: each query runs in a worker thread under TIME_LIMIT_S (503 when exceeded), at most
  MAX_CONCURRENT at a time (503 when busy), bodies up to MAX_BODY bytes (413), at most MAX_ROWS rows
  or MAX_TRIPLES triples (the rest is cut; the header X-SPARQL-MaxRows says so, as Virtuoso does).
- When bound to a loopback address, a request whose Host header names another host is refused (403):
  a web page cannot reach the endpoint through DNS rebinding.
- Any other path serves a file of the site folder (`--site DIR`), never one outside it, no dot-file.
"""

from __future__ import annotations

import concurrent.futures
import csv
import io
import ipaddress
import json
import mimetypes
import re
import sys
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse
from xml.sax.saxutils import escape, quoteattr

MAX_ROWS = 10_000
MAX_TRIPLES = 100_000
TIME_LIMIT_S = 20.0
MAX_CONCURRENT = 4
MAX_BODY = 1_000_000
SPARQL_PATH = "/sparql"

_TEXT = "text/plain; charset=utf-8"
RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/rdf+xml": "rdfxml",
}
FORMAT_PARAM = {
    "json": "json",
    "xml": "xml",
    "csv": "csv",
    "tsv": "tsv",
    "turtle": "turtle",
    "ttl": "turtle",
    "nt": "nt",
    "ntriples": "nt",
    "rdfxml": "rdfxml",
}
CONTENT_TYPE = {
    "json": "application/sparql-results+json; charset=utf-8",
    "xml": "application/sparql-results+xml; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8",
    "nt": "application/n-triples; charset=utf-8",
    "rdfxml": "application/rdf+xml; charset=utf-8",
}


class Refused(Exception):
    """A request answered with an HTTP error status and a one-line reason."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Limits:
    max_rows: int = MAX_ROWS
    max_triples: int = MAX_TRIPLES
    time_limit_s: float = TIME_LIMIT_S
    max_concurrent: int = MAX_CONCURRENT
    max_body: int = MAX_BODY


@dataclass
class Result:
    kind: str  # "select", "ask" or "graph"
    names: list[str]
    rows: list[dict[str, Any]]  # variable -> pyoxigraph term (unbound variables absent)
    boolean: bool | None
    triples: list[Any]
    truncated: bool


# --- SPARQL text checks --------------------------------------------------------------------------

# Strings, IRIs and comments, skipped when looking for a keyword.
_SKIP = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>"
    r"|#[^\n]*",
)
_SERVICE = re.compile(r"(?<![\w?$:])SERVICE\b", re.IGNORECASE)


def mentions_service(query: str) -> bool:
    """True when the query holds the SERVICE keyword (outside strings, IRIs and comments)."""
    return bool(_SERVICE.search(_SKIP.sub(" ", query)))


# --- serialisation of results --------------------------------------------------------------------


def _term_json(t: Any) -> dict[str, Any]:
    import pyoxigraph

    if isinstance(t, pyoxigraph.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, pyoxigraph.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, pyoxigraph.Literal):
        out: dict[str, Any] = {"type": "literal", "value": t.value}
        if t.language:
            out["xml:lang"] = t.language
        elif t.datatype and t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = t.datatype.value
        return out
    return {"type": "literal", "value": str(t)}  # an RDF-star triple term, written as text


def to_json(r: Result) -> str:
    if r.kind == "ask":
        return json.dumps({"head": {}, "boolean": r.boolean})
    bindings = [{n: _term_json(t) for n, t in row.items()} for row in r.rows]
    return json.dumps({"head": {"vars": r.names}, "results": {"bindings": bindings}}, ensure_ascii=False)


def to_xml(r: Result) -> str:
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    out += [f"<variable name={quoteattr(v)}/>" for v in r.names]
    out.append("</head>")
    if r.kind == "ask":
        out.append(f"<boolean>{str(r.boolean).lower()}</boolean>")
    else:
        out.append("<results>")
        for row in r.rows:
            out.append("<result>")
            for name, t in row.items():
                j = _term_json(t)
                kind = {"uri": "uri", "bnode": "bnode"}.get(j["type"], "literal")
                attrs = ""
                if "xml:lang" in j:
                    attrs = f" xml:lang={quoteattr(j['xml:lang'])}"
                elif "datatype" in j:
                    attrs = f" datatype={quoteattr(j['datatype'])}"
                out.append(
                    f"<binding name={quoteattr(name)}><{kind}{attrs}>{escape(j['value'])}</{kind}></binding>"
                )
            out.append("</result>")
        out.append("</results>")
    out.append("</sparql>")
    return "\n".join(out)


def to_csv(r: Result) -> str:
    """SPARQL 1.1 CSV: plain values (IRIs without <>, literals without quotes or tags)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    if r.kind == "ask":
        writer.writerow(["boolean"])
        writer.writerow([str(r.boolean).lower()])
        return buf.getvalue()
    writer.writerow(r.names)
    for row in r.rows:
        writer.writerow([_term_json(row[n])["value"] if n in row else "" for n in r.names])
    return buf.getvalue()


def to_tsv(r: Result) -> str:
    """SPARQL 1.1 TSV: terms in Turtle/N-Triples syntax."""
    if r.kind == "ask":
        return f"?boolean\n{str(r.boolean).lower()}\n"
    lines = ["\t".join("?" + n for n in r.names)]
    lines += ["\t".join(str(row[n]) if n in row else "" for n in r.names) for row in r.rows]
    return "\n".join(lines) + "\n"


def to_rdf(r: Result, fmt: str) -> bytes:
    import pyoxigraph

    rdf_format = {
        "turtle": pyoxigraph.RdfFormat.TURTLE,
        "nt": pyoxigraph.RdfFormat.N_TRIPLES,
        "rdfxml": pyoxigraph.RdfFormat.RDF_XML,
    }[fmt]
    return bytes(pyoxigraph.serialize(r.triples, format=rdf_format))


def negotiate(accept: str, offers: dict[str, str]) -> str:
    """The format of the best offer for an Accept header (the first offer when nothing matches)."""
    ranked = []
    for i, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        mime = fields[0].lower()
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if mime and q > 0:
            ranked.append((-q, i, mime))
    for _, _, mime in sorted(ranked):
        if mime in offers:
            return offers[mime]
        if mime == "*/*":
            break
        if mime.endswith("/*"):
            for offer, fmt in offers.items():
                if offer.startswith(mime[:-1]):
                    return fmt
    return next(iter(offers.values()))


# --- running queries -----------------------------------------------------------------------------


class QueryRunner:
    """Runs read-only queries on a pyoxigraph Store under the limits, in worker threads."""

    def __init__(self, store: Any, limits: Limits) -> None:
        self.store = getattr(store, "store", store)  # an OxigraphStore or a pyoxigraph.Store
        self.limits = limits
        self.slots = threading.BoundedSemaphore(limits.max_concurrent)
        self.pool = concurrent.futures.ThreadPoolExecutor(
            max_workers=limits.max_concurrent, thread_name_prefix="sparql"
        )

    def _evaluate(self, query: str, dataset: dict[str, Any], deadline: float) -> Result:
        import pyoxigraph

        try:
            result = self.store.query(query, **dataset)
            if isinstance(result, pyoxigraph.QueryBoolean):
                return Result("ask", [], [], bool(result), [], False)
            if isinstance(result, pyoxigraph.QueryTriples):
                triples = []
                for i, t in enumerate(result):
                    if i >= self.limits.max_triples:
                        return Result("graph", [], [], None, triples, True)
                    if i % 256 == 0 and time.monotonic() > deadline:
                        raise Refused(503, f"the query took more than {self.limits.time_limit_s:g} s")
                    triples.append(t)
                return Result("graph", [], [], None, triples, False)
            names = [v.value for v in result.variables]
            rows = []
            for i, s in enumerate(result):
                if i >= self.limits.max_rows:
                    return Result("select", names, rows, None, [], True)
                if i % 256 == 0 and time.monotonic() > deadline:
                    raise Refused(503, f"the query took more than {self.limits.time_limit_s:g} s")
                rows.append({n: s[n] for n in names if s[n] is not None})
            return Result("select", names, rows, None, [], False)
        finally:
            self.slots.release()

    def run(self, query: str, default_graphs: list[str], named_graphs: list[str]) -> Result:
        import pyoxigraph

        if len(query) > self.limits.max_body:
            raise Refused(413, f"the query is longer than {self.limits.max_body} characters")
        if mentions_service(query):
            raise Refused(400, "SERVICE (federated query) is not allowed on this endpoint")
        dataset: dict[str, Any] = {}
        try:
            if default_graphs:
                dataset["default_graph"] = [pyoxigraph.NamedNode(g) for g in default_graphs]
            else:
                dataset["use_default_graph_as_union"] = True
            if named_graphs:
                dataset["named_graphs"] = [pyoxigraph.NamedNode(g) for g in named_graphs]
        except ValueError as exc:
            raise Refused(400, f"bad graph IRI: {exc}") from None
        if not self.slots.acquire(timeout=1.0):
            raise Refused(503, "the endpoint is busy; try again")
        deadline = time.monotonic() + self.limits.time_limit_s
        try:
            future = self.pool.submit(self._evaluate, query, dataset, deadline)
        except RuntimeError:  # the pool is shut down
            self.slots.release()
            raise Refused(503, "the endpoint is shutting down") from None
        try:
            return future.result(timeout=self.limits.time_limit_s + 0.5)
        except concurrent.futures.TimeoutError:
            raise Refused(503, f"the query took more than {self.limits.time_limit_s:g} s") from None
        except SyntaxError as exc:
            from mandates.stores import is_update

            if is_update(query):
                raise Refused(403, "this endpoint is read-only: SPARQL Update is refused") from None
            raise Refused(400, f"bad query: {_one_line(exc)}") from None
        except (OSError, ValueError, TypeError) as exc:
            raise Refused(400, f"query failed: {_one_line(exc)}") from None

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


# --- HTTP ----------------------------------------------------------------------------------------


class SparqlServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self, address: tuple[str, int], runner: QueryRunner, site: Path | None, quiet: bool = False
    ) -> None:
        super().__init__(address, Handler)
        self.runner = runner
        self.site = site.resolve() if site else None
        self.quiet = quiet
        self.loopback_only = _is_loopback(address[0])

    def server_close(self) -> None:
        super().server_close()
        self.runner.close()


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


_LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}


class Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "mandates-sparql/1"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        if not self.server.quiet:
            sys.stderr.write(f"{self.address_string()} {format % args}\n")

    def _send(self, status: int, body: str | bytes, ctype: str, extra: dict[str, str] | None = None) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("X-Content-Type-Options", "nosniff")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _refuse(self, status: int, message: str) -> None:
        # An error may leave part of the request unread: never reuse this connection.
        self.close_connection = True
        self._send(status, message.rstrip("\n") + "\n", _TEXT, {"Connection": "close"})

    def _host_ok(self) -> bool:
        if not self.server.loopback_only:
            return True
        host = (self.headers.get("Host") or "").strip().lower()
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        if not host or name in _LOCAL_HOSTS:
            return True
        self._refuse(403, f"unexpected Host header {host!r}: this endpoint answers on loopback only")
        return False

    # SPARQL ------------------------------------------------------------------------------------

    def _sparql(self, params: dict[str, list[str]], query: str | None) -> None:
        if "update" in params:
            raise Refused(403, "this endpoint is read-only: SPARQL Update is refused")
        if not query:
            raise Refused(
                400,
                f"missing 'query': GET {SPARQL_PATH}?query=… or POST it "
                "(application/x-www-form-urlencoded or application/sparql-query)",
            )
        result = self.server.runner.run(
            query, params.get("default-graph-uri", []), params.get("named-graph-uri", [])
        )
        wanted = (params.get("format") or [""])[0].lower()
        offers = GRAPH_TYPES if result.kind == "graph" else RESULT_TYPES
        fmt = FORMAT_PARAM.get(wanted) if wanted else None
        if fmt not in offers.values():
            fmt = negotiate(self.headers.get("Accept", ""), offers)
        extra = {"Vary": "Accept"}
        if result.truncated:
            limits = self.server.runner.limits
            extra["X-SPARQL-MaxRows"] = str(limits.max_triples if result.kind == "graph" else limits.max_rows)
        body: str | bytes
        if result.kind == "graph":
            body = to_rdf(result, fmt)
        else:
            body = {"json": to_json, "xml": to_xml, "csv": to_csv, "tsv": to_tsv}[fmt](result)
        self._send(200, body, CONTENT_TYPE[fmt], extra)

    def _body(self) -> bytes:
        raw = self.headers.get("Content-Length")
        if raw is None:
            raise Refused(411, "Content-Length is required")
        try:
            length = int(raw)
        except ValueError:
            raise Refused(400, "bad Content-Length") from None
        if length < 0:
            raise Refused(400, "bad Content-Length")
        if length > self.server.runner.limits.max_body:
            raise Refused(413, f"the request body is larger than {self.server.runner.limits.max_body} bytes")
        return self.rfile.read(length)

    def _guarded(self, action: Any) -> None:
        if not self._host_ok():
            return
        try:
            action()
        except Refused as exc:
            self._refuse(exc.status, str(exc))
        except UnicodeDecodeError:
            self._refuse(400, "the request is not UTF-8")

    def do_GET(self) -> None:
        url = urlparse(self.path)
        if url.path == SPARQL_PATH:
            params = parse_qs(url.query)
            self._guarded(lambda: self._sparql(params, (params.get("query") or [None])[0]))
        else:
            self._guarded(lambda: self._static(url.path))

    def do_HEAD(self) -> None:
        url = urlparse(self.path)
        if url.path == SPARQL_PATH:
            self._guarded(lambda: self._refuse(400, "use GET or POST with a query"))
        else:
            self._guarded(lambda: self._static(url.path))

    def do_POST(self) -> None:
        url = urlparse(self.path)

        def post() -> None:
            if url.path != SPARQL_PATH:
                raise Refused(405, f"POST only to {SPARQL_PATH}")
            ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if ctype == "application/sparql-update":
                raise Refused(403, "this endpoint is read-only: SPARQL Update is refused")
            body = self._body().decode("utf-8")
            params = parse_qs(url.query)
            if ctype == "application/sparql-query":
                self._sparql(params, body)
            elif ctype == "application/x-www-form-urlencoded" or not ctype:
                params = {**params, **parse_qs(body)}
                self._sparql(params, (params.get("query") or [None])[0])
            else:
                raise Refused(415, f"unsupported Content-Type {ctype!r}")

        self._guarded(post)

    def _read_only(self) -> None:
        self._guarded(lambda: self._refuse(403, "this endpoint is read-only"))

    do_PUT = _read_only
    do_DELETE = _read_only
    do_PATCH = _read_only

    def do_OPTIONS(self) -> None:
        self.send_response(204)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, HEAD, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.send_header("Content-Length", "0")
        self.end_headers()

    # static site -------------------------------------------------------------------------------

    def _static(self, raw_path: str) -> None:
        root = self.server.site
        if root is None:
            if raw_path == "/":
                self._send(200, f"mandates: SPARQL endpoint at {SPARQL_PATH}\n", _TEXT)
                return
            raise Refused(404, f"no site is served here; SPARQL is at {SPARQL_PATH}")
        target = safe_path(root, raw_path)
        if target is not None and target.is_dir():
            if not raw_path.endswith("/"):
                location = raw_path + "/"
                self._send(301, "", _TEXT, {"Location": location})
                return
            target = target / "index.html"
        if target is None or not target.is_file():
            raise Refused(404, "not found")
        ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in ("application/javascript", "application/json"):
            ctype += "; charset=utf-8"
        self._send(200, target.read_bytes(), ctype, {"Cache-Control": "no-cache"})


def safe_path(root: Path, raw_path: str) -> Path | None:
    """The file under `root` that a URL path names, or None when it would leave root (.., a symbolic
    link pointing out, a dot-file, a NUL or a backslash)."""
    path = unquote(raw_path)
    if "\x00" in path or "\\" in path:
        return None
    parts = [p for p in path.split("/") if p not in ("", ".")]
    if any(p == ".." or p.startswith(".") for p in parts):
        return None
    try:
        target = root.joinpath(*parts).resolve()
    except (OSError, ValueError):
        return None
    return target if target == root or target.is_relative_to(root) else None


def serve(
    store: Any,
    host: str = "127.0.0.1",
    port: int = 8787,
    site: Path | None = None,
    limits: Limits | None = None,
    quiet: bool = False,
) -> SparqlServer:
    """A server ready for serve_forever(); port 0 takes a free port (see server_address)."""
    return SparqlServer((host, port), QueryRunner(store, limits or Limits()), site, quiet)
