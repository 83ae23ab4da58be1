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
* ``/-/longarm/document/<id>/versions``  the document's versions side by side (first capture and what
                                         re-checks found since), changes marked (``?from=N&to=M``)
"""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.utils.asgi import BadRequest, Response
from markupsafe import Markup, escape

from longarm.db import citation as C
from longarm.db import search as S
from longarm.rechecks import versions_of_document
from longarm.trends import figures_of
from longarm.verification import verify
from longarm.version_diff import diff

PAGE_SIZE = 20
RAW_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox"


def _config(datasette: Any) -> dict[str, Any]:
    return datasette.plugin_config("longarm") or {}


def _db(datasette: Any) -> Any:
    name = _config(datasette).get("database")
    return datasette.get_database(name) if name else datasette.get_database()


def _archive(datasette: Any) -> Path:
    # Kept on the instance, not in the metadata: /-/metadata.json must not show the server's paths.
    return Path(getattr(datasette, "longarm_archive", None) or _config(datasette).get("archive") or "archive")


MAX_ID = 2**63 - 1
MAX_PAGE = 10_000


def _id(request: Any, what: str) -> int:
    """The ``id`` of the URL as a SQLite integer; anything else is a 400 naming the value."""
    raw = request.url_vars["id"]
    if not raw.isascii() or not raw.isdigit() or len(raw) > 19 or int(raw) > MAX_ID:
        raise BadRequest(f"{what} id {raw[:40]!r} is not valid: give a whole number from 0 to {MAX_ID}")
    return int(raw)


_PAGES_THREADS = 2
_LOCAL = threading.local()


def _executor(datasette: Any) -> ThreadPoolExecutor:
    ex = getattr(datasette, "longarm_executor", None)
    if ex is None:
        ex = datasette.longarm_executor = ThreadPoolExecutor(_PAGES_THREADS, thread_name_prefix="longarm-pages")
    return ex


async def _run(datasette: Any, fn: Any) -> Any:
    """``fn(conn)`` on longarm's own threads and read-only connections, under the server's SQL time limit.

    Our pages (search, threats, snapshots) do not queue behind Datasette's table and SQL pages: a visitor
    holding all of Datasette's query threads with slow queries cannot make the search wait.
    """
    from longarm.web.guard import query_limits, time_limited

    db = _db(datasette)
    ms = int(datasette.setting("sql_time_limit_ms"))

    def in_thread() -> Any:
        conns = _LOCAL.__dict__.setdefault("conns", {})
        key = (id(datasette), db.name)
        conn = conns.get(key)
        if conn is None:
            conn = conns[key] = db.connect()
            datasette._prepare_connection(conn, db.name)
            # our pages' queries are our own and bounded (LIMIT, one document): no byte budget, and room for
            # the longest stored value, so that a threat page still shows a long article
            conn.row_factory = sqlite3.Row
            conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, int(query_limits()["stored_value_bytes"]))
        with time_limited(conn, ms):
            return fn(conn)

    return await asyncio.get_running_loop().run_in_executor(_executor(datasette), in_thread)


async def _query(datasette: Any, sql: str, params: Any = ()) -> list[Any]:
    return await _run(datasette, lambda conn: conn.execute(sql, params).fetchall())


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


async def _fresh(datasette: Any, db: Any) -> None:
    """Apply changes logged since the index was last updated (a crawl may be running beside us)."""
    status = await _run(datasette, lambda conn: S.index_status(conn))
    if status != "ok":
        await db.execute_write_fn(lambda conn: S.index_new(conn))


def _qs(args: dict[str, str], **changes: Any) -> str:
    merged = {k: v for k, v in {**args, **changes}.items() if v not in (None, "")}
    merged.pop("page", None) if "page" not in changes else None
    return "?" + urlencode(merged)


FILTER_KEYS = ("label", "speaker", "target", "source", "lang", "since", "until", "year", "changed")


async def search_page(datasette: Any, request: Any) -> Response:
    db = _db(datasette)
    args = {k: request.args.get(k, "").strip() for k in ("q", "documents", "page", *FILTER_KEYS)}
    q = args["q"]
    documents = args["documents"] in ("1", "on", "true")
    error = None
    page = 1
    if args["page"]:
        if not (args["page"].isascii() and args["page"].isdigit()) or not 1 <= int(args["page"]) <= MAX_PAGE:
            error = f"page {args['page'][:40]!r} is not valid: give a page number from 1 to {MAX_PAGE}"
        else:
            page = int(args["page"])
    res = None
    filters = None
    try:
        filters = S.Filters(**{k: args[k] or None for k in FILTER_KEYS})
    except S.QueryError as exc:
        error = str(exc)
    if q and filters is not None and error is None:
        await _fresh(datasette, db)
        offset = (page - 1) * PAGE_SIZE

        def run(conn: Any) -> Any:
            if documents:
                return S.search_documents(conn, q, filters, limit=PAGE_SIZE, offset=offset, count=True)
            return S.search_threats(conn, q, filters, limit=PAGE_SIZE, offset=offset, count=True, facets=True)

        try:
            res = await _run(datasette, run)
        except S.QueryError as exc:
            error = str(exc)
        except sqlite3.OperationalError as exc:
            if "interrupted" not in str(exc):
                raise
            error = "the search took too long and was stopped: narrow it with more words or a filter"
    recent = []
    if not q and not error:
        recent = [
            dict(r)
            for r in await _query(
                datasette,
                "SELECT t.id, t.label, t.speaker, t.targets, t.quote, d.published_date, d.source_id FROM threats t "
                "LEFT JOIN documents d ON d.id = t.document_id WHERE t.superseded_at IS NULL ORDER BY t.id DESC LIMIT 20",
            )
        ]
        for r in recent:
            r["targets"] = _list(r["targets"])
    sources = [dict(r) for r in await _query(datasette, "SELECT id, name FROM sources ORDER BY id")]
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
            facets[name] = [
                {"value": v, "count": n, "href": _qs(args, **{key[name]: v}), "selected": args.get(key[name]) == v}
                for v, n in values
            ]
    total = res.total if res is not None else None
    context = {
        "q": q,
        "args": args,
        "documents": documents,
        "error": error,
        "rows": rows,
        "total": total,
        "note": res.note if res is not None else None,
        "notes": res.query.notes if res is not None else [],
        "facets": facets,
        "sources": sources,
        "recent": recent,
        "page": page,
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
    try:
        return await _run(datasette, lambda conn: C.load(conn, tid))
    except C.CitationNotFound:
        return None


def _not_found(what: str) -> Response:
    return Response.html(f"<!DOCTYPE html><title>Not found</title><p>{escape(what)}</p>", status=404)


async def threat_page(datasette: Any, request: Any) -> Response:
    tid = _id(request, "threat")
    c = await _citation(datasette, tid)
    if c is None:
        return _not_found(f"No threat with id {tid}.")
    db = _db(datasette)
    text = None
    if c["document_id"] is not None:
        rows = await _query(datasette, "SELECT text FROM documents WHERE id = ?", [c["document_id"]])
        row = rows[0] if rows else None
        text = row[0] if row else None
    paragraph_html, located = _paragraph(text, c["quote"], c["quote_start"], c["quote_end"])
    q = request.args.get("q", "").strip()
    quote_html = marked(c["quote"], [])
    if q:
        try:
            query = await _run(datasette, lambda conn: S.parse_query(q, conn))
            quote_html = marked(c["quote"], S.match_spans(c["quote"], query))
        except S.QueryError:
            pass
    figures = (await db.execute_fn(lambda conn: figures_of(conn, [tid]))).get(tid, [])
    live = await _run(datasette, lambda conn: live_page_view(conn, c))
    context = {
        "live": live,
        "c": c,
        "j": C.as_json(c),
        "figures": figures,
        "paragraph_html": paragraph_html,
        "located": located,
        "quote_html": quote_html,
        "md": C.as_markdown(c),
        "database": db.name,
        "q": q,
        "base": f"/-/longarm/threat/{tid}",
    }
    html = await datasette.render_template("longarm_threat.html", context, request=request)
    return Response.html(html)


def _paragraph(text: str | None, quote: str, start: int | None, end: int | None) -> tuple[Markup, bool]:
    """The paragraph holding the quote, with the quote in <mark>; (html, quote found at its offsets)."""
    if not text:
        return Markup('<mark class="quote">') + escape(quote) + Markup("</mark>"), False
    located = start is not None and end is not None and text[start:end] == quote
    if start is None or end is None or not located:
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
    return (
        escape(before) + Markup('<mark class="quote">') + escape(text[start:end]) + Markup("</mark>") + escape(after)
    ), located


def diff_html(old: str, new: str) -> tuple[Markup, Markup]:
    """The two texts with what changed marked: removals in ``<del>`` (old side), additions in ``<ins>`` (new side).

    Word-level for English, character-level for Chinese (longarm/version_diff.py).
    """
    left, right = Markup(""), Markup("")
    for op, text in diff(old, new):
        if op == "=":
            left += escape(text)
            right += escape(text)
        elif op == "-":
            left += Markup("<del>") + escape(text) + Markup("</del>")
        else:
            right += Markup("<ins>") + escape(text) + Markup("</ins>")
    return left, right


def live_page_view(conn: Any, c: dict[str, Any]) -> dict[str, Any] | None:
    """What re-checks found of the cited statement on the live page, ready for the threat page, or None.

    ``status`` removed | removed_by_edit | reworded | edited, ``as_of``; a reworded statement
    brings its new wording and the diff from the quote; ``recheck_snapshot_id`` is the archived
    answer the finding rests on (the 404, the soft "not found" page, the edited page), and
    ``versions`` the number of versions of the document (the page that shows them side by side).
    """
    lp = c.get("live_page")
    if not lp or c.get("document_id") is None:
        return None
    view: dict[str, Any] = dict(lp)
    try:
        row = conn.execute(
            """SELECT COALESCE(r.snapshot_id, w_r.snapshot_id, v.snapshot_id)
               FROM threats t LEFT JOIN rechecks r ON r.id = t.removed_in_recheck_id
               LEFT JOIN statement_rewordings w ON w.threat_id = t.id
               LEFT JOIN rechecks w_r ON w_r.id = w.recheck_id
               LEFT JOIN document_versions v ON v.id = w.version_id WHERE t.id = ?""",
            [c["threat_id"]],
        ).fetchone()
        view["recheck_snapshot_id"] = row[0] if row else None
        view["versions"] = (
            1
            + conn.execute(
                "SELECT COUNT(*) FROM document_versions WHERE document_id = ?", [c["document_id"]]
            ).fetchone()[0]
        )
    except sqlite3.OperationalError:  # a read-only store from before re-checks
        return None
    if lp["status"] == "reworded":
        view["old_html"], view["new_html"] = diff_html(c["quote"], lp.get("new_wording") or "")
    return view


async def versions_page(datasette: Any, request: Any) -> Response:
    """A document's versions side by side: the first capture and what re-checks found since, with the changes marked."""
    doc_id = _id(request, "document")
    versions = await _run(datasette, lambda conn: versions_of_document(conn, doc_id))
    if not versions:
        return _not_found(f"No document with id {doc_id}.")
    numbers = [v["version"] for v in versions]
    chosen = {}
    for key, default in (("from", numbers[0]), ("to", numbers[-1])):
        value = request.args.get(key, "").strip()
        if not value:
            chosen[key] = default
        elif value.isascii() and value.isdigit() and int(value) in numbers:
            chosen[key] = int(value)
        else:
            return Response.html(
                f"<!DOCTYPE html><title>Bad request</title><p>{escape(key)}={escape(value[:40])!r} is not a version "
                f"of document {doc_id}: give one of {', '.join(map(str, numbers))}</p>",
                status=400,
            )
    old = next(v for v in versions if v["version"] == chosen["from"])
    new = next(v for v in versions if v["version"] == chosen["to"])
    old_html, new_html = diff_html(old["text"] or "", new["text"] or "")
    db = _db(datasette)
    rechecks = [
        dict(r)
        for r in await _query(
            datasette,
            "SELECT step_days, status, outcome, detail, done_at, snapshot_id FROM rechecks WHERE document_id = ? "
            "AND status != 'pending' ORDER BY done_at, step_days",
            [doc_id],
        )
    ]
    doc = dict((await _query(datasette, "SELECT id, url, title, source_id FROM documents WHERE id = ?", [doc_id]))[0])
    context = {
        "doc": doc,
        "versions": versions,
        "old": old,
        "new": new,
        "old_html": old_html,
        "new_html": new_html,
        "same": old["version"] == new["version"],
        "rechecks": rechecks,
        "database": db.name,
    }
    html = await datasette.render_template("longarm_versions.html", context, request=request)
    return Response.html(html)


async def threat_format(datasette: Any, request: Any) -> Response:
    tid = _id(request, "threat")
    fmt = {"csl.json": "csl"}.get(request.url_vars["fmt"], request.url_vars["fmt"])
    c = await _citation(datasette, tid)
    if c is None:
        return Response.text(f"no threat with id {tid}\n", status=404)
    if fmt == "md":
        return Response(C.as_markdown(c) + "\n", content_type="text/markdown; charset=utf-8")
    if fmt == "json":
        return Response(
            json.dumps(C.as_json(c), ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
        )
    return Response(
        json.dumps(C.as_csl(c), ensure_ascii=False, indent=2),
        content_type="application/vnd.citationstyles.csl+json; charset=utf-8",
        headers={"Content-Disposition": f'inline; filename="longarm-threat-{tid}.csl.json"'},
    )


async def threat_verify(datasette: Any, request: Any) -> Response:
    tid = _id(request, "threat")
    c = await _citation(datasette, tid)
    if c is None:
        return Response.json({"error": f"no threat with id {tid}"}, status=404)
    archive = _archive(datasette)
    result = await _run(datasette, lambda conn: verify(conn, archive, tid, citation=c))
    return Response.json(result.as_dict(), status=200 if result.ok else 409)


async def _snapshot(datasette: Any, sid: int) -> dict[str, Any] | None:
    rows = await _query(datasette, "SELECT * FROM snapshots WHERE id = ?", [sid])
    return dict(rows[0]) if rows else None


async def snapshot_page(datasette: Any, request: Any) -> Response:
    sid = _id(request, "snapshot")
    snap = await _snapshot(datasette, sid)
    if snap is None:
        return _not_found(f"No snapshot with id {sid}.")
    db = _db(datasette)
    docs = [
        dict(r)
        for r in await _query(
            datasette,
            "SELECT id, title, published_date, source_id FROM documents WHERE snapshot_id = ? ORDER BY id",
            [sid],
        )
    ]
    threats = [
        dict(r)
        for r in await _query(
            datasette,
            "SELECT t.id, t.quote, t.speaker FROM threats t JOIN documents d ON d.id = t.document_id "
            "WHERE d.snapshot_id = ? AND t.superseded_at IS NULL ORDER BY t.id LIMIT 50",
            [sid],
        )
    ]
    captured = snap["captured_at"] or "?"
    captured = captured if captured.endswith("Z") else captured + "Z"
    context = {
        "snap": snap,
        "captured": captured.replace("T", " ").replace("Z", " UTC"),
        "docs": docs,
        "threats": threats,
        "database": db.name,
    }
    html = await datasette.render_template("longarm_snapshot.html", context, request=request)
    return Response.html(html, headers={"Referrer-Policy": "no-referrer"})


_REFRESH = re.compile(rb"http-equiv\s*=\s*([\"']?)\s*refresh", re.I)


async def snapshot_raw(datasette: Any, request: Any) -> Response:
    from longarm.pipelines.warc_reader import ArchiveError, read_response_at

    sid = _id(request, "snapshot")
    snap = await _snapshot(datasette, sid)
    headers = {
        "Content-Security-Policy": RAW_CSP,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "SAMEORIGIN",
        "Cache-Control": "no-store",
    }
    if snap is None:
        return Response.text(f"no snapshot with id {sid}\n", status=404, headers=headers)
    try:
        rec = read_response_at(_archive(datasette), snap["warc_file"], int(snap["warc_offset"]))
        body = rec.decoded_payload()
    except (ArchiveError, OSError, ValueError) as exc:
        # the message names the WARC file, never the server's folders
        detail = str(exc).replace(str(_archive(datasette).resolve()), "<archive>")
        return Response.text(
            f"cannot read the archived record {snap['warc_file']} @ {snap['warc_offset']}: "
            f"{type(exc).__name__}: {detail}\n",
            status=500,
            headers=headers,
        )
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
        # ids match anything up to the next "/" so that a bad one gets a 400 naming it, not a 404
        (r"^/-/longarm/threat/(?P<id>[^/]+?)\.(?P<fmt>md|json|csl\.json)$", threat_format),
        (r"^/-/longarm/threat/(?P<id>[^/]+)/verify$", threat_verify),
        (r"^/-/longarm/threat/(?P<id>[^/]+)$", threat_page),
        (r"^/-/longarm/snapshot/(?P<id>[^/]+)/raw$", snapshot_raw),
        (r"^/-/longarm/snapshot/(?P<id>[^/]+)$", snapshot_page),
        (r"^/-/longarm/document/(?P<id>[^/]+)/versions$", versions_page),
    ]


@hookimpl
def menu_links(datasette: Any, actor: Any, request: Any) -> list[dict[str, str]]:
    return [{"href": "/-/longarm/search", "label": "Search threats"}, {"href": "/-/longarm/trends", "label": "Trends"}]


# -- defences (longarm/web/guard.py) ------------------------------------------------------------
@hookimpl
def prepare_connection(conn: Any, database: str, datasette: Any) -> None:
    """Every connection: no value over ``max_value_bytes`` (randomblob(1e9) fails at once), bounded SQL text."""
    from longarm.web.guard import limit_connection, set_heap_limit

    limit_connection(conn)
    heap = getattr(datasette, "longarm_heap_limit", None)
    if heap:
        set_heap_limit(conn, heap)


@hookimpl
def asgi_wrapper(datasette: Any) -> Any:
    from longarm.web.guard import AllowedHosts, GuardMiddleware

    hosts = getattr(datasette, "longarm_hosts", None) or AllowedHosts()

    def wrap(app: Any) -> Any:
        return GuardMiddleware(app, hosts)

    return wrap


# Datasette 0.65 raises these request-validation errors with its default status 500
_DATASETTE_BAD_REQUEST = ("Cannot sort", "Cannot use _sort and _sort_desc", "Invalid _through")


def _bad_input(exception: BaseException) -> tuple[int, str] | None:
    """(status, message) for an exception caused by a malformed request (a 4xx), or None for a real failure."""
    from datasette.views.base import DatasetteError

    text = str(exception)
    if isinstance(exception, json.JSONDecodeError):
        return 400, f"a parameter that should be JSON is not ({text})"
    if isinstance(exception, sqlite3.ProgrammingError):
        if "binding parameter" in text or "number of bindings" in text:
            return 400, (
                "the address gives the wrong number or kind of values for this query: a row of a table "
                f"with a composite primary key is addressed as /db/table/a,b ({text})"
            )
        if "null character" in text:
            return 400, "the request contains a NUL character (%00): remove it"
    if isinstance(exception, AssertionError) and "only POST to a canned query" in text:
        return 405, "this page is read-only: POST is not accepted here"
    if isinstance(exception, OverflowError):
        return 400, f"a number in the request is too large ({text}): numbers must be below 2^63"
    if isinstance(exception, sqlite3.DataError) or "string or blob too big" in text:
        return 400, "the query would build a value larger than this server allows (see `longarm serve --help`)"
    if (
        isinstance(exception, (sqlite3.OperationalError, MemoryError))
        and "out of memory" in text.lower()
        or isinstance(exception, MemoryError)
    ):
        return 400, "the query needs more memory than this server allows; narrow it"
    if isinstance(exception, DatasetteError) and exception.status == 500 and text.startswith(_DATASETTE_BAD_REQUEST):
        return 400, text
    return None


@hookimpl(tryfirst=True)
def handle_exception(datasette: Any, request: Any, exception: BaseException) -> Any:
    """Malformed requests that Datasette or SQLite reject with an exception: a 400 naming the problem."""
    bad = _bad_input(exception)
    if bad is None:
        return None
    status, message = bad
    title = "Bad request" if status == 400 else "Method not allowed"
    if request.path.split("?")[0].endswith(".json"):
        return Response.json({"ok": False, "error": message, "status": status, "title": title}, status=status)
    return Response.html(
        f"<!DOCTYPE html><title>{title}</title><h1>{title}</h1><p>{escape(message)}</p>", status=status
    )
