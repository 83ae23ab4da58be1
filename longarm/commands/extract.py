"""`longarm extract [--all]`: run the NLP stage over stored documents."""
from __future__ import annotations

import argparse
from typing import Any

from longarm.paths import db_path


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("extract", parents=[common], help="extract threats from stored documents",
                       description="Run threat extraction over stored documents that this extractor version has "
                                   "not processed yet (after lexicons change), or over all with --all. Results of "
                                   "the same extractor version are replaced; other versions are kept.")
    p.add_argument("--all", action="store_true", help="re-run over every stored document")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from db import Store
    from longarm.extraction_runner import extract_stored, extractor_version

    store = Store(db_path(args), create=False)
    try:
        result = extract_stored(store, all_documents=args.all)
    finally:
        store.close()
    print(f"extractor {extractor_version()}: {result['documents']} document(s) processed, "
          f"{result['threats']} detection(s) stored")
    return 0
