"""`longarm serve [--port P] [--host 127.0.0.1]`: the researchers' web page (Datasette + longarm's pages)."""

from __future__ import annotations

import argparse
import ipaddress
import sys
from typing import Any

from longarm.core.errors import UsageError
from longarm.paths import archive_dir


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "serve",
        parents=[common],
        help="the web page: search, threat pages with citations, archived snapshots",
        description="Serve the store with Datasette plus longarm's pages: /-/longarm/search (Chinese-aware search "
        "with facets), /-/longarm/threat/ID (quote in context, citations), /-/longarm/snapshot/ID "
        "(the archived page, sandboxed). Binds 127.0.0.1 unless told otherwise. Arbitrary SQL is off "
        "(--allow-sql turns it on); every query has a time and memory limit; requests for another Host "
        "are refused (docs/security.md).",
    )
    p.add_argument("--port", type=int, default=8001, help="port (default 8001; 0 picks a free one)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    p.add_argument(
        "--allow-sql",
        action="store_true",
        help="let visitors run their own SQL (the query box, ?sql=, _where=): only for a trusted analyst "
        "on this machine; queries still stop at the time and memory limits",
    )
    p.add_argument(
        "--allowed-host",
        action="append",
        default=[],
        metavar="NAME[:PORT]",
        help="also answer requests for this Host (e.g. a reverse proxy's name); repeatable. By default "
        "only 127.0.0.1, localhost and [::1] on the port served",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import socket

    import uvicorn

    from longarm.commands.search import open_indexed
    from longarm.web import make_datasette
    from longarm.web.guard import AllowedHosts, query_limits

    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port {args.port}: give a port from 0 to 65535")
    try:
        loopback = ipaddress.ip_address(args.host).is_loopback
    except ValueError:
        loopback = args.host == "localhost"
    if not loopback:
        print(f"warning: binding {args.host}: the page (and the archive) is visible to other machines", file=sys.stderr)
    try:
        AllowedHosts.build(extra=args.allowed_host)
    except ValueError as exc:
        raise UsageError(f"--allowed-host: {exc}") from exc
    store = open_indexed(args)  # builds / updates the search index before serving
    path = store.path
    store.close()
    sock = socket.socket(socket.AF_INET6 if ":" in args.host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((args.host, args.port))
    except OSError as exc:
        raise UsageError(f"cannot listen on {args.host}:{args.port}: {exc.strerror}") from exc
    host, port = sock.getsockname()[:2]
    hosts = AllowedHosts.build(port=port, extra=args.allowed_host, bind_host=args.host)
    ds = make_datasette(
        path,
        archive_dir(args),
        allow_sql=args.allow_sql,
        hosts=hosts,
        heap_limit=int(query_limits()["heap_limit_bytes"]),
    )
    shown = f"[{host}]" if ":" in host else host
    print(
        f"longarm: serving {path} on http://{shown}:{port}/-/longarm/search (Ctrl-C to stop)",
        file=sys.stderr,
        flush=True,
    )
    if args.allow_sql:
        print(
            "longarm: --allow-sql: anyone who can reach this page can run their own SQL queries",
            file=sys.stderr,
            flush=True,
        )
    config = uvicorn.Config(ds.app(), log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    server.run(sockets=[sock])
    return 0
