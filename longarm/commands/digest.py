"""`longarm digest [--since D] [--until D] [--out DIR] [--format md|html|json]`: rebuild a digest for any period."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from longarm.core.errors import UsageError
from longarm.paths import db_path


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "digest",
        parents=[common],
        help="the digest of what is new (Markdown, HTML, JSON)",
        description="Build the digest of the threat/action statements first stored in a period: people targeted "
        "for the first time, statements by label and source with their citations, source health of "
        "the runs in the period. Default period: since the last nightly digest. Prints Markdown (or "
        "--format) to stdout; --out DIR writes the files instead. Reads only: safe during a crawl.",
    )
    p.add_argument(
        "--since",
        metavar="DATE",
        help="from this day (YYYY-MM-DD, UTC, inclusive) or time "
        "(YYYY-MM-DDTHH:MM:SSZ, exclusive); default: end of the last "
        "nightly digest",
    )
    p.add_argument("--until", metavar="DATE", help="up to this day (inclusive) or time (default: now)")
    p.add_argument("--out", metavar="DIR", help="write digest-<since>-<until>.{md,html,json} into DIR")
    p.add_argument(
        "--format",
        choices=["md", "html", "json"],
        help="print (or, with --out, write only) this format (default: md printed; all with --out)",
    )
    p.set_defaults(func=run)


def _bound(value: str, name: str, *, end: bool) -> str:
    from longarm import digest as dg

    v = value.strip()
    try:
        if len(v) == 10:
            d = date.fromisoformat(v)
            return dg.day_end(d) if end else dg.day_start_exclusive(d)
        dt = datetime.fromisoformat(v.replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"{name} {value!r} is not a date: use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ") from None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def run(args: argparse.Namespace) -> int:
    from longarm import digest as dg
    from longarm.db.schema import connect

    path = db_path(args)
    try:
        db = connect(path, create=False)
    except FileNotFoundError as exc:
        raise UsageError(str(exc)) from None
    try:
        until = _bound(args.until, "--until", end=True) if args.until else dg.utcnow()
        since: str | None
        if args.since:
            since, note = _bound(args.since, "--since", end=False), ""
        else:
            since = dg.last_nightly_until(db)
            note = "the last nightly digest" if since else ""
        if since and since >= until:
            raise UsageError(f"--since {args.since or since} is not before --until {args.until or until}")
        digest = dg.build_digest(db, since=since, until=until, since_note=note)
    finally:
        db.conn.close()
    if args.out:
        formats = [args.format] if args.format else list(dg.RENDERERS)
        start = args.since[:10] if args.since else (since or "start")[:10]
        stem = f"digest-{start}-{until[:10]}"
        for f in dg.write_digest(digest, Path(args.out), stem, formats):
            print(f)
        return 0
    sys.stdout.write(dg.RENDERERS[args.format or "md"](digest))
    return 0
