"""`longarm export wacz OUT.wacz [--since D] [--source ID]`: package archived snapshots for sharing and replay."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from longarm.errors import UsageError
from longarm.paths import archive_dir, db_path


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "export", parents=[common], help="package archived snapshots as a WACZ (opens in ReplayWeb.page)",
        description="Copy the selected WARC records (response, request, metadata and revisit records of the "
                    "selected snapshots; whole WARC files when nothing is filtered) into a WACZ with its CDXJ "
                    "index, page list and datapackage.json, made by py-wacz and checked with `wacz validate`.")
    p.add_argument("format", choices=["wacz"], help="package format (wacz)")
    p.add_argument("out", help="output file, e.g. longarm.wacz")
    p.add_argument("--since", help="only snapshots captured on or after this date (UTC; YYYY, YYYY-MM or YYYY-MM-DD)")
    p.add_argument("--source", help="only snapshots of this source id")
    p.add_argument("--title", help="title recorded in the package")
    p.add_argument("--no-validate", action="store_true", help="skip `wacz validate` on the result")
    p.add_argument("--force", action="store_true", help="replace OUT if it exists (it is replaced only once the "
                                                        "new package is complete and valid)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from db import Store
    from db.search import QueryError, check_date
    from longarm.export_wacz import ExportError, export_wacz, validate_wacz

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
    if args.source and not store.db.execute("SELECT 1 FROM snapshots WHERE source_id = ? LIMIT 1",
                                            [args.source]).fetchone():
        known = [r[0] for r in store.db.execute("SELECT id FROM sources ORDER BY id")]
        if args.source not in known:
            raise UsageError(f"unknown source {args.source!r} (known: {', '.join(known) or 'none'})")
    try:
        res = export_wacz(store.db, archive_dir(args), out, since=since, source=args.source, title=args.title,
                          check=None if args.no_validate else validate_wacz)
    except ExportError as exc:
        raise UsageError(str(exc)) if "nothing to export" in str(exc) else RuntimeError(str(exc)) from exc
    how = "whole WARC files" if res.whole_files else "selected records copied into one WARC"
    print(f"wrote {res.path}: {res.snapshots} snapshots, {res.records} WARC records ({how}) "
          f"from {len(res.warc_files)} WARC file(s)", file=sys.stderr)
    if not args.no_validate:
        print("wacz validate: the package is valid", file=sys.stderr)
    return 0
