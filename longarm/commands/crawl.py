"""`longarm crawl [SOURCE ...] [--replay PATH] [--since D] [--until D]`."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, time, timezone
from typing import Any

from longarm.core.errors import UsageError
from longarm.paths import archive_dir, db_path
from longarm.table import print_table


def parse_date(value: str, name: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{name} {value!r} is not a date: use YYYY-MM-DD") from None


def add_crawl_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--replay", metavar="PATH", help="serve responses from a WARC file or folder (offline)")
    p.add_argument("--contact", help="contact (email or URL) put in the User-Agent")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "crawl",
        parents=[common],
        help="crawl sources, archive, store, extract",
        description="Crawl the given sources (all by default): every response is archived in WARC, "
        "articles are stored and threats extracted. Run it again after an interruption: "
        "it goes on from what the database holds.",
    )
    p.add_argument("sources", nargs="*", metavar="SOURCE", help="source ids (see `longarm sources`)")
    p.add_argument("--since", help="backfill from this date (YYYY-MM-DD) through date-indexed archives")
    p.add_argument("--until", help="backfill up to this date (default: today)")
    p.add_argument(
        "--recheck",
        action="store_true",
        help="also re-check stored articles that are due (as `longarm nightly` does; docs/rechecks.md)",
    )
    p.add_argument(
        "--rechecks-only",
        action="store_true",
        help="only re-check stored articles that are due; crawl no listings (implies --recheck)",
    )
    p.add_argument(
        "--as-of",
        metavar="TIME",
        help="with --replay: replay the archive as it stood at this UTC time (YYYY-MM-DD or "
        "YYYY-MM-DDTHH:MM:SSZ): later captures are left out, and re-checks due by then are answered "
        "by captures made after the page was stored",
    )
    p.add_argument("--today", metavar="DATE", help=argparse.SUPPRESS)  # date-index discovery of dated replays
    p.add_argument("--no-progress", action="store_true", help=argparse.SUPPRESS)  # `longarm demo`'s second night
    add_crawl_options(p)
    p.set_defaults(func=run)


def parse_time(value: str, name: str) -> datetime:
    """A UTC time: a date (its end: 23:59:59) or an ISO date-time with Z or an offset."""
    try:
        if len(value) == 10:
            return datetime.combine(date.fromisoformat(value), time(23, 59, 59), timezone.utc)
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"{name} {value!r} is not a time: use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ") from None
    if when.tzinfo is None:
        raise UsageError(f"{name} {value!r} has no time zone: end it with Z (UTC)")
    return when.astimezone(timezone.utc)


def crawl_overrides(args: argparse.Namespace) -> dict[str, Any]:
    overrides: dict[str, Any] = {}
    contact = getattr(args, "contact", None)
    try:
        from longarm.config import load_config

        cfg = load_config(getattr(args, "config", None))
        contact = contact or cfg.contact
        overrides.update(cfg.scrapy_overrides())
    except ImportError:
        pass
    if contact:
        from longarm import settings

        overrides["USER_AGENT"] = settings.USER_AGENT.replace("contact: unset", f"contact: {contact}")
    return overrides


def print_result(result: Any) -> None:
    rows = [
        {
            "source": r.source_id,
            "status": r.status,
            "pages": r.pages,
            "documents": r.documents,
            "new": r.new_documents,
            "known_skipped": r.known_skipped,
            "yield": f"{r.extraction_yield:.0%}" if r.extraction_yield is not None else "-",
            "problems": r.errors,
        }
        for r in result.sources
    ]
    if rows:  # none when only re-checks ran (--rechecks-only)
        print_table(rows)  # per-source warnings were already logged by the runner
    c = result.counters
    print(
        f"run {result.run_id}: {result.status}; snapshots {c.get('snapshots', 0)}, revisits {c.get('revisits', 0)}, "
        f"new/changed documents {c.get('documents_new', 0)}, threats {c.get('threats', 0)}, "
        f"missing from replay archive {c.get('replay_missing', 0)}"
    )
    if c.get("rechecks_due"):
        outcomes = ("unchanged", "edited", "gone", "unreachable", "unreadable")
        print(
            f"re-checks: {c['rechecks_due']} article(s) due; "
            + ", ".join(f"{c.get('rechecks_' + o, 0)} {o}" for o in outcomes)
            + " (docs/rechecks.md)"
        )


def run(args: argparse.Namespace) -> int:
    from longarm.crawl import run_crawl
    from longarm.spiders.registry import get_registry

    registry = get_registry()
    unknown = [s for s in args.sources if s not in registry]
    if unknown:
        raise UsageError(f"unknown source(s) {', '.join(unknown)}; known: {', '.join(registry)}")
    since = parse_date(args.since, "--since") if args.since else None
    until = parse_date(args.until, "--until") if args.until else None
    if until and not since:
        raise UsageError("--until needs --since")
    if since and until and since > until:
        raise UsageError(f"--since {since} is after --until {until}")
    if args.replay:
        from pathlib import Path

        if not Path(args.replay).exists():
            raise UsageError(f"--replay {args.replay}: no such file or folder")
    as_of = parse_time(args.as_of, "--as-of") if args.as_of else None
    if as_of and not args.replay:
        raise UsageError("--as-of needs --replay (a live crawl happens now)")
    today = parse_date(args.today, "--today") if args.today else None
    recheck = None
    if args.recheck or args.rechecks_only:
        from longarm.config import load_config

        recheck = load_config(getattr(args, "config", None)).recheck
    from longarm.core.lock import LockedError, run_lock

    overrides = crawl_overrides(args)
    if args.no_progress:
        overrides["LONGARM_PROGRESS"] = False
    try:
        with run_lock(db_path(args), archive_dir(args), command="crawl"):
            result = run_crawl(
                db_path(args),
                archive_dir(args),
                args.sources or None,
                replay=args.replay,
                replay_as_of=as_of,
                since=since,
                until=until,
                today=today,
                settings_overrides=overrides,
                recheck=recheck,
                rechecks_only=args.rechecks_only,
            )
    except LockedError as exc:
        print(f"longarm crawl: {exc}", file=sys.stderr)
        return exc.exit_code
    print_result(result)
    return 0 if result.status == "finished" else 3
