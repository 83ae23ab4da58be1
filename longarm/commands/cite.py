"""`longarm cite THREAT_ID [--format md|json|csl] [--verify]`: a citation of a threat and its archived source."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from longarm.core.errors import UsageError
from longarm.paths import archive_dir, db_path


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "cite",
        parents=[common],
        help="print a citation of a threat (Markdown, JSON or CSL-JSON)",
        description="A citation names the quote and speaker; the document's title, source, publication date and "
        "URL; the snapshot's capture time (UTC), WARC file and record offset, and the SHA-256 of the "
        "archived payload. md: one line for a report; json: the fields; csl: CSL-JSON for Zotero and "
        "other reference managers. --verify also checks the archived record (exit 1 on mismatch).",
    )
    p.add_argument("threat_id", help="threat id (see `longarm search`)")
    p.add_argument("--format", "-f", choices=["md", "json", "csl"], default="md")
    p.add_argument("--verify", action="store_true", help="also re-read the WARC record and check hash and quote")
    p.set_defaults(func=run)


#: SQLite row ids are signed 64-bit integers; a larger number is no id (and SQLite cannot even bind it)
MAX_ROW_ID = 2**63 - 1


def parse_id(value: str, what: str = "threat") -> int:
    """A row id given on the command line, or a usage error that says what is wrong with it."""
    try:
        tid = int(str(value).strip())
    except ValueError:
        raise UsageError(f"{what} id {value!r} is not a number") from None
    if not 1 <= tid <= MAX_ROW_ID:
        raise UsageError(f"{what} id {value!r} is out of range: ids go from 1 to {MAX_ROW_ID}")
    return tid


def load_citation(args: argparse.Namespace, tid: int) -> tuple[Any, dict[str, Any]]:
    from longarm.db import Store
    from longarm.db.citation import CitationNotFound, load

    try:
        store = Store(db_path(args), create=False)
    except FileNotFoundError as exc:
        raise UsageError(str(exc)) from exc
    try:
        return store, load(store.db, tid)
    except CitationNotFound as exc:
        raise UsageError(f"{exc} in {store.path}") from exc


def run(args: argparse.Namespace) -> int:
    from longarm.db import citation as C
    from longarm.verification import verify

    tid = parse_id(args.threat_id)
    store, c = load_citation(args, tid)
    result = verify(store.db, archive_dir(args), tid, citation=c) if args.verify else None
    if args.format == "json" and result is not None:
        out = C.as_json(c)
        out["verification"] = result.as_dict()
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        print(C.render(c, args.format))
    if c.get("superseded_at"):
        print(
            f"note: extractor version {c['extractor_version']} found this statement; a newer version, run at "
            f"{c['superseded_at']}, no longer does. The quote and its archived source are unchanged.",
            file=sys.stderr,
        )
    if result is not None:
        print(result.message, file=sys.stderr)
        return 0 if result.ok else 1
    return 0
