"""longarm's Datasette plugin: search page, threat pages with citations, sandboxed archived snapshots.

Routes:

* ``/-/longarm/search``                  search form, ranked results with highlights, facets
* ``/-/longarm/threat/<id>``             the quote highlighted in its paragraph, speaker, targets,
                                         instruments, citation links, link to the archived snapshot
* ``/-/longarm/threat/<id>.md|.json|.csl.json``   the citation formats of ``longarm cite``
* ``/-/longarm/threat/<id>/verify``      ``longarm verify`` as JSON
* ``/-/longarm/snapshot/<id>``           the archived page in a sandboxed iframe, clearly labelled
* ``/-/longarm/snapshot/<id>/raw``       the archived payload under a Content-Security-Policy that
                                         lets no request leave for the original site
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from db import citation as C
from db import search as S
from longarm.trends import figures_of

PAGE_SIZE = 20
RAW_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox"


def _config(datasette: Any) -> dict[str, Any]:
    return datasette.plugin_config("longarm") or {}


def _db(datasette: Any) -> Any:
    name = _config(datasette).get("database")
    return datasette.get_database(name) if name else datasette.get_database()


def _archive(datasette: Any) -> Path:
    return Path(_config(datasette).get("archive") or "archive")


def marked(text: str | None, spans: Any, cls: str = "hit") -> Markup:
    """``text`` HTML-escaped with <mark> around the spans."""
    text = text or ""
    out, pos = [], 0
    for s, e in spans:
        out.append(escape(text[pos:s]))
        out.append(Markup(f'<mark class="{cls}">') + escape(text[s:e]) + Markup("</mark>"))
        pos = e
    out.append(escape(text[pos:]))
    return Markup("").join(out)


async def _fresh(db: Any) -> None:
    """Apply changes logged since the index was last updated (a crawl may be running beside us)."""
    status = await db.execute_fn(lambda conn: S.index_status(conn))
    if status != "ok":
        await db.execute_write_fn(lambda conn: S.index_new(conn))


def _qs(args: dict[str, str], **changes: Any) -> str:
    merged = {k: v for k, v in {**args, **changes}.items() if v not in (None, "")}
    merged.pop("page", None) if "page" not in changes else None
    return "?" + urlencode(merged)


FILTER_KEYS = ("label", "speaker", "target", "source", "lang", "since", "until", "year")


async def search_page(datasette: Any, request: Any) -> Response:
    db = _db(datasette)
    args = {k: request.args.get(k, "").strip() for k in ("q", "documents", "page", *FILTER_KEYS)}
    q = args["q"]
    documents = args["documents"] in ("1", "on", "true")
    try:
        page = max(1, int(args["page"] or 1))
    except ValueError:
        page = 1
    error = None
    res = None
    filters = None
    try:
        filters = S.Filters(**{k: args[k] or None for k in FILTER_KEYS})
    except S.QueryError as exc:
        error = str(exc)
    if q and filters is not None:
        await _fresh(db)
        offset = (page - 1) * PAGE_SIZE

        def run(conn: Any) -> Any:
            if documents:
                return S.search_documents(conn, q, filters, limit=PAGE_SIZE, offset=offset, count=True)
            return S.search_threats(conn, q, filters, limit=PAGE_SIZE, offset=offset, count=True, facets=True)
        try:
            res = await db.execute_fn(run)
        except S.QueryError as exc:
            error = str(exc)
    recent = []
    if not q and not error:
        recent = [dict(r) for r in (await db.execute(
            "SELECT t.id, t.label, t.speaker, t.targets, t.quote, d.published_date, d.source_id FROM threats t "
            "LEFT JOIN documents d ON d.id = t.document_id WHERE t.superseded_at IS NULL ORDER BY t.id DESC LIMIT 20")).rows]
        for r in recent:
            r["targets"] = _list(r["targets"])
    sources = [dict(r) for r in (await db.execute("SELECT id, name FROM sources ORDER BY id")).rows]
    rows = []
    if res is not None:
        for r in res.rows:
            r = dict(r)
            if documents:
                r["title_html"] = marked(r["title"], r["title_spans"])
                r["context_html"] = marked(r["context"], r["context_spans"])
            else:
                r["quote_html"] = marked(r["quote"], r["spans"])
            rows.append(r)
    facets = {}
    if res is not None and res.facets:
        key = {"speaker": "speaker", "target": "target", "source": "source", "year": "year"}
        for name, values in res.facets.items():
            facets[name] = [{"value": v, "count": n, "href": _qs(args, **{key[name]: v}),
                             "selected": args.get(key[name]) == v} for v, n in values]
    total = res.total if res is not None else None
    context = {
        "q": q, "args": args, "documents": documents, "error": error, "rows": rows, "total": total,
        "note": res.note if res is not None else None, "notes": res.query.notes if res is not None else [],
        "facets": facets, "sources": sources, "recent": recent, "page": page,
        "prev_href": _qs(args, page=page - 1) if page > 1 else None,
        "next_href": _qs(args, page=page + 1) if res is not None and total and page * PAGE_SIZE < total else None,
        "clear_filter": {k: _qs(args, **{k: None}) for k in FILTER_KEYS if args.get(k)},
        "database": db.name,
    }
    html = await datasette.render_template("longarm_search.html", context, request=request)
    return Response.html(html, status=400 if error else 200)


def _list(value: Any) -> list[Any]:
    try:
        v = json.loads(value) if isinstance(value, str) else value
    except ValueError:
        return [value]
    return v if isinstance(v, list) else ([] if v is None else [v])


async def _citation(datasette: Any, tid: int) -> dict[str, Any] | None:
    db = _db(datasette)
    try:
        return await db.execute_fn(lambda conn: C.load(conn, tid))
    except C.CitationNotFound:
        return None


def _not_found(what: str) -> Response:
    return Response.html(f"<!DOCTYPE html><title>Not found</title><p>{escape(what)}</p>", status=404)


async def threat_page(datasette: Any, request: Any) -> Response:
    tid = int(request.url_vars["id"])
    c = await _citation(datasette, tid)
    if c is None:
        return _not_found(f"No threat with id {tid}.")
    db = _db(datasette)
    text = None
    if c["document_id"] is not None:
        row = (await db.execute("SELECT text FROM documents WHERE id = ?", [c["document_id"]])).first()
        text = row[0] if row else None
    paragraph_html, located = _paragraph(text, c["quote"], c["quote_start"], c["quote_end"])
    q = request.args.get("q", "").strip()
    quote_html = marked(c["quote"], [])
    if q:
        try:
            query = await db.execute_fn(lambda conn: S.parse_query(q, conn))
            quote_html = marked(c["quote"], S.match_spans(c["quote"], query))
        except S.QueryError:
            pass
    figures = (await db.execute_fn(lambda conn: figures_of(conn, [tid]))).get(tid, [])
    context = {
        "c": c, "j": C.as_json(c), "figures": figures, "paragraph_html": paragraph_html, "located": located, "quote_html": quote_html,
        "md": C.as_markdown(c), "database": db.name, "q": q,
        "base": f"/-/longarm/threat/{tid}",
    }
    html = await datasette.render_template("longarm_threat.html", context, request=request)
    return Response.html(html)


def _paragraph(text: str | None, quote: str, start: int | None, end: int | None) -> tuple[Markup, bool]:
    """The paragraph holding the quote, with the quote in <mark>; (html, quote found at its offsets)."""
    if not text:
        return Markup('<mark class="quote">') + escape(quote) + Markup("</mark>"), False
    located = start is not None and end is not None and text[start:end] == quote
    if not located:
        found = text.find(quote)
        if found < 0:
            return Markup('<mark class="quote">') + escape(quote) + Markup("</mark>"), False
        start, end = found, found + len(quote)
    p_start = text.rfind("\n", 0, start) + 1
    p_end = text.find("\n", end)
    p_end = len(text) if p_end < 0 else p_end
    p_start = max(p_start, start - 800)
    p_end = min(p_end, end + 800)
    before = ("…" if p_start > 0 and text[p_start - 1] != "\n" else "") + text[p_start:start]
    after = text[end:p_end] + ("…" if p_end < len(text) and text[p_end] != "\n" else "")
    return (escape(before) + Markup('<mark class="quote">') + escape(text[start:end]) + Markup("</mark>")
            + escape(after)), located


async def threat_format(datasette: Any, request: Any) -> Response:
    tid = int(request.url_vars["id"])
    fmt = {"csl.json": "csl"}.get(request.url_vars["fmt"], request.url_vars["fmt"])
    c = await _citation(datasette, tid)
    if c is None:
        return Response.text(f"no threat with id {tid}\n", status=404)
    if fmt == "md":
        return Response(C.as_markdown(c) + "\n", content_type="text/markdown; charset=utf-8")
    if fmt == "json":
        return Response(json.dumps(C.as_json(c), ensure_ascii=False, indent=2),
                        content_type="application/json; charset=utf-8")
    return Response(json.dumps(C.as_csl(c), ensure_ascii=False, indent=2),
                    content_type="application/vnd.citationstyles.csl+json; charset=utf-8",
                    headers={"Content-Disposition": f'inline; filename="longarm-threat-{tid}.csl.json"'})


async def threat_verify(datasette: Any, request: Any) -> Response:
    tid = int(request.url_vars["id"])
    c = await _citation(datasette, tid)
    if c is None:
        return Response.json({"error": f"no threat with id {tid}"}, status=404)
    archive = _archive(datasette)
    result = await _db(datasette).execute_fn(lambda conn: C.verify(conn, archive, tid, citation=c))
    return Response.json(result.as_dict(), status=200 if result.ok else 409)


async def _snapshot(datasette: Any, sid: int) -> dict[str, Any] | None:
    row = (await _db(datasette).execute("SELECT * FROM snapshots WHERE id = ?", [sid])).first()
    return dict(row) if row else None


async def snapshot_page(datasette: Any, request: Any) -> Response:
    sid = int(request.url_vars["id"])
    snap = await _snapshot(datasette, sid)
    if snap is None:
        return _not_found(f"No snapshot with id {sid}.")
    db = _db(datasette)
    docs = [dict(r) for r in (await db.execute(
        "SELECT id, title, published_date, source_id FROM documents WHERE snapshot_id = ? ORDER BY id", [sid])).rows]
    threats = [dict(r) for r in (await db.execute(
        "SELECT t.id, t.quote, t.speaker FROM threats t JOIN documents d ON d.id = t.document_id "
        "WHERE d.snapshot_id = ? AND t.superseded_at IS NULL ORDER BY t.id LIMIT 50", [sid])).rows]
    captured = snap["captured_at"] or "?"
    captured = captured if captured.endswith("Z") else captured + "Z"
    context = {"snap": snap, "captured": captured.replace("T", " ").replace("Z", " UTC"), "docs": docs,
               "threats": threats, "database": db.name}
    html = await datasette.render_template("longarm_snapshot.html", context, request=request)
    return Response.html(html, headers={"Referrer-Policy": "no-referrer"})


_REFRESH = re.compile(rb"http-equiv\s*=\s*([\"']?)\s*refresh", re.I)


async def snapshot_raw(datasette: Any, request: Any) -> Response:
    from pipelines.warc_reader import ArchiveError, read_response_at

    sid = int(request.url_vars["id"])
    snap = await _snapshot(datasette, sid)
    headers = {"Content-Security-Policy": RAW_CSP, "X-Content-Type-Options": "nosniff",
               "Referrer-Policy": "no-referrer", "X-Frame-Options": "SAMEORIGIN", "Cache-Control": "no-store"}
    if snap is None:
        return Response.text(f"no snapshot with id {sid}\n", status=404, headers=headers)
    try:
        rec = read_response_at(_archive(datasette), snap["warc_file"], int(snap["warc_offset"]))
        body = rec.decoded_payload()
    except (ArchiveError, OSError, ValueError) as exc:
        return Response.text(f"cannot read the archived record: {exc}\n", status=500, headers=headers)
    ctype = rec.header("Content-Type") or snap["content_type"] or "application/octet-stream"
    if "html" in ctype.lower():
        # a <meta refresh> could navigate the frame to the live site: disable it (display only;
        # `longarm show --raw` gives the archived bytes untouched)
        body = _REFRESH.sub(rb"http-equiv=\1x-longarm-disabled-refresh", body)
    return Response(body, content_type=ctype, headers=headers)


async def home(datasette: Any, request: Any) -> Response:
    return Response.redirect("/-/longarm/search")


@hookimpl
def register_routes(datasette: Any) -> list[tuple[str, Any]]:
    return [
        (r"^/-/longarm/?$", home),
        (r"^/-/longarm/search$", search_page),
        (r"^/-/longarm/threat/(?P<id>\d+)$", threat_page),
        (r"^/-/longarm/threat/(?P<id>\d+)\.(?P<fmt>md|json|csl\.json)$", threat_format),
        (r"^/-/longarm/threat/(?P<id>\d+)/verify$", threat_verify),
        (r"^/-/longarm/snapshot/(?P<id>\d+)$", snapshot_page),
        (r"^/-/longarm/snapshot/(?P<id>\d+)/raw$", snapshot_raw),
    ]


@hookimpl
def menu_links(datasette: Any, actor: Any, request: Any) -> list[dict[str, str]]:
    return [{"href": "/-/longarm/search", "label": "Search threats"}, {"href": "/-/longarm/trends", "label": "Trends"}]
