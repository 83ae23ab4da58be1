"""Atom feed routes (a Datasette plugin beside longarm/web/plugin.py; the feeds themselves: longarm/feeds.py).

* ``/-/longarm/feed/search.atom?q=…&label=…``   a saved search: the search page's query and filters
* ``/-/longarm/feed/source/<id>.atom``          the newest statements published by a source
* ``/-/longarm/feed/person/<name>.atom``        the newest statements naming a person as a target
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

from datasette import hookimpl
from datasette.utils.asgi import Response

from longarm import feeds as F
from longarm.db import search as S

ATOM = "application/atom+xml; charset=utf-8"


def database(datasette: Any) -> Any:
    """The store Datasette serves (the name longarm's plugin configuration gives)."""
    name = (datasette.plugin_config("longarm") or {}).get("database")
    return datasette.get_database(name) if name else datasette.get_database()


def base_url(request: Any) -> str:
    """Absolute links in a feed: the address the reader used to reach this server."""
    return f"{request.scheme}://{request.host}"


async def index_fresh(db: Any) -> None:
    """Apply rows logged since the search index was last updated (a crawl may run beside the server)."""
    status = await db.execute_fn(lambda conn: S.index_status(conn))
    if status != "ok":
        await db.execute_write_fn(lambda conn: S.index_new(conn))


def _atom(body: bytes) -> Response:
    return Response(body, content_type=ATOM, headers={"Cache-Control": "no-cache"})


async def search_feed(datasette: Any, request: Any) -> Response:
    db = database(datasette)
    args = {k: request.args.get(k, "") for k in F.SEARCH_KEYS}
    base = base_url(request)
    if (args.get("q") or "").strip():
        await index_fresh(db)
    try:
        body = await db.execute_fn(lambda conn: F.search_feed(conn, args, base))
    except S.QueryError as exc:
        return Response.text(f"bad search for a feed: {exc}\n", status=400)
    return _atom(body)


async def source_feed(datasette: Any, request: Any) -> Response:
    db = database(datasette)
    sid = unquote(request.url_vars["id"])
    row = (await db.execute("SELECT id, name FROM sources WHERE id = ?", [sid])).first()
    if row is None:
        return Response.text(f"no source {sid!r}: see /-/longarm/search for the list\n", status=404)
    base = base_url(request)
    return _atom(await db.execute_fn(lambda conn: F.source_feed(conn, row["id"], row["name"], base)))


async def person_feed(datasette: Any, request: Any) -> Response:
    db = database(datasette)
    name = unquote(request.url_vars["name"]).strip()
    known = (
        await db.execute(
            "SELECT 1 FROM people WHERE name = ? UNION ALL SELECT 1 FROM aliases WHERE alias = ? UNION ALL "
            "SELECT 1 FROM threats t, json_each(CASE WHEN json_valid(t.targets) THEN t.targets ELSE '[]' END) j "
            "WHERE j.value = ? LIMIT 1",
            [name, name, name],
        )
    ).first()
    if not name or known is None:
        return Response.text(f"no person {name!r} in the gazetteer or among the targets\n", status=404)
    base = base_url(request)
    return _atom(await db.execute_fn(lambda conn: F.person_feed(conn, name, base)))


@hookimpl
def register_routes(datasette: Any) -> list[tuple[str, Any]]:
    return [
        (r"^/-/longarm/feed/search\.atom$", search_feed),
        (r"^/-/longarm/feed/source/(?P<id>[^/]+)\.atom$", source_feed),
        (r"^/-/longarm/feed/person/(?P<name>[^/]+)\.atom$", person_feed),
    ]
