"""`mandates serve`: a read-only SPARQL 1.1 Protocol endpoint on loopback, and optionally the site.

GET or POST /sparql with a query; SPARQL JSON results by default, XML or CSV on request. Updates are
refused (403), each query runs under a time limit and returns at most MAX_ROWS rows. Other paths
serve files of the site folder, never a file outside it.
"""

from __future__ import annotations

import concurrent.futures
import csv
import io
import json
import mimetypes
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse
from xml.sax.saxutils import escape

MAX_ROWS = 10_000
TIME_LIMIT_S = 20.0
_POOL = concurrent.futures.ThreadPoolExecutor(max_workers=4)


def _term_json(t: Any) -> dict[str, str]:
    import pyoxigraph

    if isinstance(t, pyoxigraph.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, pyoxigraph.BlankNode):
        return {"type": "bnode", "value": t.value}
    out = {"type": "literal", "value": t.value}
    if t.language:
        out["xml:lang"] = t.language
    elif t.datatype and t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = t.datatype.value
    return out


def run(store: Any, query: str) -> dict[str, Any]:
    """SPARQL JSON results of a read-only query (an update is a syntax error for Store.query)."""
    import pyoxigraph

    result = store.query(query, use_default_graph_as_union=True)
    if isinstance(result, bool) or type(result).__name__ == "QueryBoolean":
        return {"head": {}, "boolean": bool(result)}
    if not isinstance(result, pyoxigraph.QuerySolutions):
        raise TypeError("only SELECT and ASK queries are answered")
    names = [v.value for v in result.variables]
    rows = []
    for i, s in enumerate(result):
        if i >= MAX_ROWS:
            break
        rows.append({n: _term_json(s[n]) for n in names if s[n] is not None})
    return {"head": {"vars": names}, "results": {"bindings": rows}}


def to_xml(data: dict[str, Any]) -> str:
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    out += [f'<variable name="{escape(v)}"/>' for v in data["head"].get("vars", [])]
    out.append("</head>")
    if "boolean" in data:
        out.append(f"<boolean>{str(data['boolean']).lower()}</boolean>")
    else:
        out.append("<results>")
        for row in data["results"]["bindings"]:
            out.append("<result>")
            for name, t in row.items():
                kind = {"uri": "uri", "bnode": "bnode"}.get(t["type"], "literal")
                attrs = ""
                if "xml:lang" in t:
                    attrs = f' xml:lang="{escape(t["xml:lang"])}"'
                elif "datatype" in t:
                    attrs = f' datatype="{escape(t["datatype"])}"'
                out.append(
                    f'<binding name="{escape(name)}"><{kind}{attrs}>{escape(t["value"])}</{kind}></binding>'
                )
            out.append("</result>")
        out.append("</results>")
    out.append("</sparql>")
    return "\n".join(out)


def to_csv(data: dict[str, Any]) -> str:
    buf = io.StringIO()
    names = data["head"].get("vars", [])
    writer = csv.writer(buf)
    writer.writerow(names)
    for row in data.get("results", {}).get("bindings", []):
        writer.writerow([row.get(n, {}).get("value", "") for n in names])
    return buf.getvalue()


def make_handler(store: Any, site: Path | None) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "mandates-sparql/1"

        def log_message(self, format: str, *args: Any) -> None:
            return

        def _send(self, code: int, body: str | bytes, ctype: str) -> None:
            data = body.encode("utf-8") if isinstance(body, str) else body
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()
            self.wfile.write(data)

        def _answer(self, query: str | None, update: bool) -> None:
            if update:
                self._send(
                    403, "this endpoint is read-only: SPARQL Update is refused\n", "text/plain; charset=utf-8"
                )
                return
            if not query:
                self._send(400, "missing 'query' parameter\n", "text/plain; charset=utf-8")
                return
            future = _POOL.submit(run, store, query)
            try:
                data = future.result(timeout=TIME_LIMIT_S)
            except concurrent.futures.TimeoutError:
                self._send(503, f"query took more than {TIME_LIMIT_S:g} s\n", "text/plain; charset=utf-8")
                return
            except (SyntaxError, ValueError, TypeError, OSError) as exc:
                code = 403 if "update" in str(exc).lower() or _looks_like_update(query) else 400
                self._send(code, f"{str(exc).splitlines()[0]}\n", "text/plain; charset=utf-8")
                return
            accept = self.headers.get("Accept", "")
            if "sparql-results+xml" in accept or "application/xml" in accept:
                self._send(200, to_xml(data), "application/sparql-results+xml; charset=utf-8")
            elif "text/csv" in accept:
                self._send(200, to_csv(data), "text/csv; charset=utf-8")
            else:
                self._send(
                    200,
                    json.dumps(data, ensure_ascii=False),
                    "application/sparql-results+json; charset=utf-8",
                )

        def do_GET(self) -> None:
            url = urlparse(self.path)
            if url.path == "/sparql":
                params = parse_qs(url.query)
                self._answer((params.get("query") or [None])[0], "update" in params)
                return
            self._static(url.path)

        def do_POST(self) -> None:
            url = urlparse(self.path)
            if url.path != "/sparql":
                self._send(405, "POST only to /sparql\n", "text/plain; charset=utf-8")
                return
            length = min(int(self.headers.get("Content-Length") or 0), 1_000_000)
            body = self.rfile.read(length).decode("utf-8", "replace")
            ctype = self.headers.get("Content-Type", "")
            if ctype.startswith("application/sparql-update"):
                self._answer(None, True)
            elif ctype.startswith("application/sparql-query"):
                self._answer(body, False)
            else:
                params = parse_qs(body)
                self._answer((params.get("query") or [None])[0], "update" in params)

        def do_PUT(self) -> None:
            self._send(403, "this endpoint is read-only\n", "text/plain; charset=utf-8")

        do_DELETE = do_PUT

        def _static(self, path: str) -> None:
            if site is None:
                self._send(404, "no site is served here; SPARQL is at /sparql\n", "text/plain; charset=utf-8")
                return
            root = site.resolve()
            target = (root / unquote(path).lstrip("/")).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_relative_to(root) or not target.is_file():
                self._send(404, "not found\n", "text/plain; charset=utf-8")
                return
            ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            if ctype.startswith("text/") or ctype in ("application/javascript", "application/json"):
                ctype += "; charset=utf-8"
            self._send(200, target.read_bytes(), ctype)

    return Handler


def _looks_like_update(query: str) -> bool:
    return any(word in query.upper() for word in ("INSERT", "DELETE", "DROP", "CLEAR", "LOAD", "CREATE"))


def serve(store: Any, host: str, port: int, site: Path | None = None) -> ThreadingHTTPServer:
    return ThreadingHTTPServer((host, port), make_handler(store, site))
