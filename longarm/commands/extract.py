"""`longarm extract [--all]`: run the NLP stage over stored documents."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from longarm.paths import archive_dir, db_path


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "extract",
        parents=[common],
        help="extract threats from stored documents",
        description="Run threat extraction over stored documents that this extractor version has "
        "not processed yet (after lexicons change), or over all with --all. A statement "
        "found again keeps its id (citations stay valid); one no longer found is "
        "marked superseded_at, never deleted, and leaves search and the digest.",
    )
    p.add_argument("--all", action="store_true", help="re-run over every stored document")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from longarm.core.lock import LockedError, run_lock
    from longarm.crawl import update_search_index
    from longarm.db import Store
    from longarm.db.integrity import check_before_writing
    from longarm.extraction_runner import extract_stored, extractor_version

    check_before_writing(db_path(args))  # a damaged database: refused with the way to recover
    store = Store(db_path(args), create=False)
    try:
        with run_lock(db_path(args), archive_dir(args), command="extract"):
            result = extract_stored(store, all_documents=args.all)
            update_search_index(store)
    except LockedError as exc:
        print(f"longarm extract: {exc}", file=sys.stderr)
        return exc.exit_code
    finally:
        store.close()
    print(
        f"extractor {extractor_version()}: {result['documents']} document(s) processed, "
        f"{result['threats']} detection(s) stored; figures read for "
        f"{result.get('statements_with_figures_read', 0)} statement(s)"
    )
    return 0
