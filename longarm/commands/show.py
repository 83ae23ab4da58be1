"""`longarm show SNAPSHOT_ID [--text|--raw|--diff]`: an archived page straight from its WARC file."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from longarm.core.errors import UsageError
from longarm.paths import archive_dir, db_path


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "show",
        parents=[common],
        help="print an archived snapshot (capture summary and main text, or the raw payload)",
        description="Read a snapshot back from its WARC record. Default: a header summary and the "
        "main text; --raw writes the payload bytes exactly as archived (decompressed "
        "only if --decode).",
    )
    p.add_argument("snapshot_id", help="snapshot id (see `longarm search --documents`)")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--text", action="store_true", help="the page's main text (default)")
    g.add_argument("--raw", action="store_true", help="the payload bytes as archived")
    g.add_argument(
        "--diff",
        action="store_true",
        help="what changed between the versions of the snapshot's document that re-checks found "
        "(word-level for English, character-level for Chinese: [-removed-]{+added+})",
    )
    p.add_argument("--decode", action="store_true", help="with --raw: undo Content-Encoding (gzip)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from longarm.commands.cite import parse_id
    from longarm.db import Store
    from longarm.pipelines.warc_reader import read_response_at

    if args.decode and not args.raw:
        raise UsageError("--decode goes with --raw (the main text is always decoded)")
    args.snapshot_id = parse_id(args.snapshot_id, "snapshot")
    store = Store(db_path(args), create=False)
    snap = store.snapshot(args.snapshot_id)
    if snap is None:
        raise UsageError(f"no snapshot with id {args.snapshot_id} in {store.path}")
    if args.diff:
        return _print_diff(store.db, args.snapshot_id)
    rec = read_response_at(archive_dir(args), snap["warc_file"], snap["warc_offset"])
    if args.raw:
        sys.stdout.buffer.write(rec.decoded_payload() if args.decode else rec.payload)
        return 0
    from longarm.spiders.extraction import extract_document
    from longarm.spiders.registry import get_registry, source_for_url

    match = source_for_url(snap["url"])
    source = match[0] if match else get_registry().get(snap["source_id"] or "")
    print(
        f"URL:         {snap['url']}\nCaptured:    {snap['captured_at']} (UTC)\nStatus:      {snap['status']}\n"
        f"SHA-256:     {snap['sha256']} ({'matches' if rec.sha256 == snap['sha256'] else 'DOES NOT MATCH'} the archived payload)\n"
        f"WARC:        {snap['warc_file']} @ {snap['warc_offset']}\n"
    )
    if source is None:
        sys.stdout.write(rec.decoded_payload().decode("utf-8", "replace"))
        return 0
    doc = extract_document(rec.decoded_payload(), snap["url"], source, headers=dict(rec.headers))
    print(f"Title:       {doc.get('title')}\nPublished:   {doc.get('published_at')}\nLanguage:    {doc.get('lang')}\n")
    print(doc.get("text") or "")
    return 0


def _print_diff(db: Any, snapshot_id: int) -> int:
    """Each later version of the document against the one before it (docs/rechecks.md)."""
    from longarm.rechecks import document_versions
    from longarm.version_diff import as_text, diff

    versions = document_versions(db, snapshot_id)
    if not versions:
        raise UsageError(f"snapshot {snapshot_id} is no stored document's capture: nothing to compare")
    if len(versions) == 1:
        print(
            f"snapshot {snapshot_id}: one version only (captured {versions[0]['captured_at']}); no re-check found a change"
        )
        return 0
    for old, new in zip(versions, versions[1:]):
        print(
            f"version {old['version']} (snapshot {old['snapshot_id']}, {old['captured_at']}) -> "
            f"version {new['version']} (snapshot {new['snapshot_id']}, {new['captured_at']}):\n"
        )
        print(as_text(diff(old["text"] or "", new["text"] or "")))
        print()
    return 0
