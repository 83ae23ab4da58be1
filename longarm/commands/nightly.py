"""`longarm nightly [--replay PATH]`: crawl every enabled source, extract, write and send the digest.

Exit codes (docs/operations.md):
  0  every source crawled fine, digest written (and delivered, when configured)
  1  the run could not start or broke down (message on stderr)
  2  bad usage or an invalid configuration (message names the key)
  3  the run finished but some sources failed (site down, blocked, layout changed...): see the digest
  4  another run holds the lock on this database/archive (message names its pid and start time)
  5  everything crawled, but the digest could not be delivered (email/webhook)
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from longarm.core.errors import UsageError
from longarm.paths import archive_dir, db_path

logger = logging.getLogger("longarm.nightly")

EXIT_OK, EXIT_FAILURE, EXIT_PARTIAL, EXIT_LOCKED, EXIT_DELIVERY = 0, 1, 3, 4, 5


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "nightly",
        parents=[common],
        help="crawl all enabled sources, extract, write the digest of what is new",
        description="The job cron runs every night: archive recovery, crawl of every enabled source "
        "(longarm.toml `sources`, default all), extraction, then the digest of what is new since the "
        "previous nightly digest in <digest dir>/YYYY-MM-DD-run<N>.{md,html,json}, sent by email or "
        "webhook when configured. A failing source is reported, not fatal. Exit codes: 0 all sources "
        "ok; 3 some sources failed; 1 could not run; 2 bad configuration; 4 another run holds the "
        "lock; 5 digest not delivered.",
    )
    p.add_argument("--replay", metavar="PATH", help="serve responses from a WARC file or folder (offline)")
    p.add_argument("--contact", help="contact (email or URL) put in the User-Agent (default: longarm.toml)")
    p.add_argument(
        "--digest-dir",
        metavar="DIR",
        help="where digests go (default: longarm.toml [digest] dir, $LONGARM_DIGEST_DIR, or ./digests)",
    )
    p.add_argument(
        "--log-file",
        metavar="FILE",
        help="also append the log (INFO and up, timestamped) to FILE (default: longarm.toml log_file)",
    )
    p.add_argument("--no-deliver", action="store_true", help="write the digest but do not email/POST it")
    p.add_argument("--today", metavar="DATE", help=argparse.SUPPRESS)  # date-index discovery of dated replays
    p.set_defaults(func=run)


def setup_log_file(path: Path) -> None:
    """Append INFO+ log lines with timestamps to ``path``; stderr keeps its level."""
    from longarm.redact import install_on

    path.parent.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    for h in root.handlers:
        if h.level == logging.NOTSET:
            h.setLevel(root.level)
    # owner-only: created 0600, and an older log left readable by others is tightened
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
    if path.stat().st_mode & 0o077:
        try:
            os.chmod(path, 0o600)
        except OSError as exc:
            logger.warning("log file %s is readable by others and could not be made private: %s", path, exc)
    fh = logging.FileHandler(path, encoding="utf-8")
    fh.setLevel(logging.INFO)
    install_on(fh)
    fmt = logging.Formatter("%(asctime)sZ %(process)d %(levelname)s %(name)s: %(message)s", "%Y-%m-%dT%H:%M:%S")
    fmt.converter = time.gmtime  # UTC, like every other time longarm records
    fh.setFormatter(fmt)
    root.addHandler(fh)
    if root.level > logging.INFO:
        root.setLevel(logging.INFO)
        for name in ("scrapy", "twisted", "filelock", "urllib3"):
            logging.getLogger(name).setLevel(logging.WARNING)


def run(args: argparse.Namespace) -> int:
    from longarm.config import load_config
    from longarm.core.lock import LockedError, run_lock

    cfg = load_config(getattr(args, "config", None))
    log_file = Path(args.log_file) if args.log_file else cfg.log_file
    if log_file:
        setup_log_file(log_file)
    db, archive = db_path(args), archive_dir(args)
    digest_dir = Path(args.digest_dir) if args.digest_dir else cfg.digest_dir
    if args.replay and not Path(args.replay).exists():
        raise UsageError(f"--replay {args.replay}: no such file or folder")
    today = None
    if args.today:
        try:
            today = date.fromisoformat(args.today)
        except ValueError:
            raise UsageError(f"--today {args.today!r} is not a date: use YYYY-MM-DD") from None
    from longarm.commands.crawl import crawl_overrides

    overrides = crawl_overrides(args)
    if args.replay:  # offline: no politeness delays from the configuration
        for key in cfg.scrapy_overrides():
            overrides.pop(key, None)
    logger.info(
        "nightly: db %s, archive %s, digest dir %s, sources %s",
        db,
        archive,
        digest_dir,
        ", ".join(cfg.sources) if cfg.sources is not None else "all",
    )
    try:
        with run_lock(db, archive, command="nightly"):
            return _run_locked(args, cfg, db, archive, digest_dir, today, overrides)
    except LockedError as exc:
        # stderr gets the message once, below; the log file (INFO and up) keeps a record of the refusal
        logger.info("refused to start: %s", exc)
        print(f"longarm nightly: {exc}", file=sys.stderr)
        return EXIT_LOCKED


def _run_locked(
    args: argparse.Namespace,
    cfg: Any,
    db: Path,
    archive: Path,
    digest_dir: Path,
    today: date | None,
    overrides: dict[str, Any],
) -> int:
    from longarm import digest as dg
    from longarm.commands.crawl import print_result
    from longarm.crawl import run_crawl
    from longarm.db import Store
    from longarm.db.integrity import CorruptDatabaseError, check_before_writing
    from longarm.notify import deliver
    from longarm.pipelines.warc_recovery import last_report, recover_archive

    try:
        check_before_writing(db)  # before anything opens (and migrates) it
    except CorruptDatabaseError as exc:
        logger.error("refused to start: %s", exc)  # the log file keeps it; the CLI prints it on stderr
        raise
    store = Store(db)
    since = dg.last_nightly_until(store.db)
    store.close()
    # run_crawl resumes any walk a killed run left incomplete and extracts every stored document
    # still lacking the current extraction before it says the run finished.
    result = run_crawl(
        db,
        archive,
        cfg.enabled_sources(),
        replay=args.replay,
        today=today,
        settings_overrides=overrides,
        command="nightly",
        operator=cfg.contact or "",
        check_store=False,
        recheck=cfg.recheck,
    )
    print_result(result)
    for r in result.sources:
        if r.status != "ok":
            logger.warning(
                "source %s: %s (%d problem(s))%s",
                r.source_id,
                r.status,
                r.errors,
                f": {r.detail[0]}" if r.detail else "",
            )
    # run_crawl began with the archive recovery (longarm.pipelines.warc_recovery); its report goes in the digest.
    recovery = last_report(archive) or recover_archive(archive)
    store = Store(db)
    try:
        until = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        digest = dg.build_digest(
            store.db,
            since=since,
            until=until,
            run_id=result.run_id,
            recovery=recovery.as_dict(),
            since_note="the previous nightly digest" if since else "",
        )
        stem = f"{until[:10]}-run{result.run_id}"
        files = dg.write_digest(digest, digest_dir, stem, cfg.digest_formats)
        digest_id = dg.record_digest(store.db, digest, [str(f) for f in files], [])
        deliveries = [] if args.no_deliver else deliver(cfg, digest)
        if deliveries:
            dg.update_delivered(store.db, digest_id, [d.as_dict() for d in deliveries])
    finally:
        store.close()
    c = digest["counts"]
    print(
        f"digest: {c['items']} new statement(s) ({c.get('threat', 0)} threats, {c.get('action', 0)} actions), "
        f"{c['new_people']} new target(s), {c['new_documents']} new document(s)"
    )
    for f in files:
        print(f"  {f}")
    for d in deliveries:
        print(f"  {d.channel}: {'ok' if d.ok else 'FAILED'}: {d.detail}", file=sys.stdout if d.ok else sys.stderr)
    logger.info("nightly run %s %s; digest %s", result.run_id, result.status, ", ".join(map(str, files)))
    if result.status == "failed":
        return EXIT_FAILURE
    failed = [r.source_id for r in result.sources if r.status != "ok"]
    if failed or result.status != "finished":
        print(
            f"longarm nightly: {len(failed)} source(s) failed: {', '.join(failed)} (see the digest's source health)",
            file=sys.stderr,
        )
        return EXIT_PARTIAL
    if any(not d.ok for d in deliveries):
        return EXIT_DELIVERY
    return EXIT_OK
