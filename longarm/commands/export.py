"""`longarm export FORMAT OUT`: archived snapshots as a WACZ, or detections as CSV / JSONL / PLOVER-style events.

`export wacz OUT.wacz [--since D] [--source ID]` packages archived snapshots for sharing and replay;
`export csv|jsonl|plover OUT [--since D] [--until D] [--source ID] [--label L]` writes every detection with
its citation (OUT may be - for standard output). See docs/exports.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from longarm.core.errors import UsageError
from longarm.paths import archive_dir, db_path

DETECTION_FORMATS = ("csv", "jsonl", "plover")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "export",
        parents=[common],
        help="archived snapshots as a WACZ, or detections as CSV / JSONL / PLOVER-style event records",
        description="wacz: copy the selected WARC records (response, request, metadata and revisit records of the "
        "selected snapshots; whole WARC files when nothing is filtered) into a WACZ with its CDXJ "
        "index, page list and datapackage.json, made by py-wacz and checked with `wacz validate`. "
        "csv / jsonl: every current detection with all its fields and its citation. plover: one "
        "PLOVER-style event record per detection (actor, event type, mode, recipient, date, source, "
        "quote; mapping in docs/exports.md).",
    )
    p.add_argument("format", choices=["wacz", *DETECTION_FORMATS], help="wacz, csv, jsonl or plover")
    p.add_argument("out", help="output file, e.g. longarm.wacz or detections.csv (- for standard output, except wacz)")
    p.add_argument(
        "--since",
        help="wacz: snapshots captured on or after this date (UTC); csv/jsonl/plover: "
        "statements published on or after it (YYYY, YYYY-MM or YYYY-MM-DD)",
    )
    p.add_argument("--until", help="csv/jsonl/plover: statements published up to this date")
    p.add_argument("--source", help="only this source id")
    p.add_argument("--label", choices=["threat", "action"], help="csv/jsonl/plover: only this label")
    p.add_argument(
        "--include-superseded",
        action="store_true",
        help="csv/jsonl/plover: also statements a newer extractor no longer finds",
    )
    p.add_argument("--title", help="title recorded in the package")
    p.add_argument("--no-validate", action="store_true", help="skip `wacz validate` on the result")
    p.add_argument(
        "--force",
        action="store_true",
        help="replace OUT if it exists (it is replaced only once the new package is complete and valid)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from longarm.db import Store
    from longarm.db.search import QueryError, check_date
    from longarm.export_wacz import ExportError, export_wacz, validate_wacz

    if args.format in DETECTION_FORMATS:
        return run_detections(args)
    if args.until or args.label or args.include_superseded:
        raise UsageError("--until, --label and --include-superseded apply to csv, jsonl and plover, not wacz")
    out = Path(args.out)
    if out.suffix.lower() != ".wacz":
        raise UsageError(f"output {args.out!r} should end in .wacz")
    if out.is_dir():
        raise UsageError(f"output {args.out!r} is a folder: give a file name ending in .wacz")
    if out.exists() and not args.force:
        raise UsageError(f"output {args.out!r} already exists: pass --force to replace it, or choose another name")
    try:
        since = check_date(args.since, "--since")
    except QueryError as exc:
        raise UsageError(str(exc)) from exc
    try:
        store = Store(db_path(args), create=False)
    except FileNotFoundError as exc:
        raise UsageError(str(exc)) from exc
    if (
        args.source
        and not store.db.execute("SELECT 1 FROM snapshots WHERE source_id = ? LIMIT 1", [args.source]).fetchone()
    ):
        known = [r[0] for r in store.db.execute("SELECT id FROM sources ORDER BY id")]
        if args.source not in known:
            raise UsageError(f"unknown source {args.source!r} (known: {', '.join(known) or 'none'})")
    try:
        res = export_wacz(
            store.db,
            archive_dir(args),
            out,
            since=since,
            source=args.source,
            title=args.title,
            check=None if args.no_validate else validate_wacz,
        )
    except ExportError as exc:
        raise UsageError(str(exc)) if "nothing to export" in str(exc) else RuntimeError(str(exc)) from exc
    how = "whole WARC files" if res.whole_files else "selected records copied into one WARC"
    print(
        f"wrote {res.path}: {res.snapshots} snapshots, {res.records} WARC records ({how}) "
        f"from {len(res.warc_files)} WARC file(s)",
        file=sys.stderr,
    )
    if not args.no_validate:
        print("wacz validate: the package is valid", file=sys.stderr)
    return 0


def run_detections(args: argparse.Namespace) -> int:
    """csv / jsonl / plover: every selected detection with its citation."""
    from longarm.db import Store
    from longarm.db.search import QueryError, check_date
    from longarm.detections import Selection, export

    try:
        selection = Selection(
            since=check_date(args.since, "--since"),
            until=check_date(args.until, "--until"),
            source=args.source,
            label=args.label,
            include_superseded=args.include_superseded,
        )
    except QueryError as exc:
        raise UsageError(str(exc)) from exc
    try:
        store = Store(db_path(args), create=False)
    except FileNotFoundError as exc:
        raise UsageError(str(exc)) from exc
    try:
        if args.source:
            known = [r[0] for r in store.db.execute("SELECT id FROM sources ORDER BY id")]
            if args.source not in known:
                raise UsageError(f"unknown source {args.source!r} (known: {', '.join(known) or 'none'})")
        if args.out == "-":
            n = export(store.db, args.format, sys.stdout, selection)
        else:
            out = Path(args.out)
            if out.parent and not out.parent.is_dir():
                raise UsageError(f"output {args.out!r}: folder {out.parent} does not exist")
            tmp = out.with_name(out.name + ".part")
            with open(tmp, "w", encoding="utf-8", newline="") as fh:
                n = export(store.db, args.format, fh, selection)
            tmp.replace(out)  # a failed export never leaves half a file under the real name
    finally:
        store.close()
    where = "standard output" if args.out == "-" else args.out
    print(f"wrote {n} detection(s) as {args.format} to {where}", file=sys.stderr)
    return 0
