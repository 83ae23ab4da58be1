"""`longarm verify THREAT_ID`: re-read the archived record; check its SHA-256 and that the quote stands."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from longarm.paths import archive_dir


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "verify",
        parents=[common],
        help="check a threat's citation against its archived WARC record",
        description="Re-reads the WARC record the threat's document came from, checks the payload's SHA-256 "
        "against the database, extracts the text from the archived payload again and checks that "
        "the quote stands at its offsets. Exit 0 verified, 1 mismatch (with the reason), "
        "2 unknown id.",
    )
    p.add_argument("threat_id", help="threat id")
    p.add_argument("--json", action="store_true", help="the checks as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from longarm.commands.cite import load_citation, parse_id
    from longarm.verification import verify

    tid = parse_id(args.threat_id)
    store, c = load_citation(args, tid)
    result = verify(store.db, archive_dir(args), tid, citation=c)
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        for chk in result.checks:
            print(f"{'ok ' if chk.ok else 'FAIL'}  {chk.name:<7} {chk.detail}")
    print(result.message, file=sys.stderr if args.json or result.ok else sys.stderr)
    return 0 if result.ok else 1
