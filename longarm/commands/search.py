"""`longarm search QUERY`: ranked full-text search over threats (or documents), Chinese-aware."""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from typing import Any

from longarm.core.errors import UsageError
from longarm.paths import db_path


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "search",
        parents=[common],
        help="search quoted threats (or documents); Chinese in either script, English stemmed",
        description="Search threats (quote, speaker, targets) or, with --documents, documents (title, text). "
        "A simplified query finds traditional text and the reverse; two-character words match; English "
        "is stemmed; a synonym table links English and Chinese terms (red notice / 紅色通緝令, ...). "
        'Words are ANDed; "quoted phrases" match as phrases; OR between two terms matches either.',
    )
    p.add_argument("query", help='words and "phrases" to search for')
    p.add_argument("--json", action="store_true", help="JSON output (with match offsets)")
    p.add_argument("--label", help="threat or action")
    p.add_argument("--speaker", help="speaker name (part of it, or an alias from the gazetteer)")
    p.add_argument("--target", help="target name (part of it, or an alias)")
    p.add_argument("--source", help="source id (see `longarm sources`)")
    p.add_argument("--lang", help="language: en, zh (both scripts), zh-Hant or zh-Hans")
    p.add_argument("--since", help="published on or after (YYYY, YYYY-MM or YYYY-MM-DD)")
    p.add_argument("--until", help="published on or before (YYYY, YYYY-MM or YYYY-MM-DD)")
    p.add_argument("--limit", type=int, default=20, help="results per page (default 20)")
    p.add_argument("--offset", type=int, default=0, help="skip this many results (paging)")
    p.add_argument(
        "--removed",
        action="store_true",
        help="only statements a re-check found removed from the live page (documents: pages gone)",
    )
    p.add_argument(
        "--edited",
        action="store_true",
        help="only statements reworded on the live page (documents: pages edited); with --removed: either",
    )
    p.add_argument("--documents", action="store_true", help="search documents instead of threats")
    p.set_defaults(func=run)


def open_indexed(args: argparse.Namespace) -> Any:
    """Open the store and bring its search index up to date (built on first use)."""
    from longarm.db import Store
    from longarm.db import search as S

    try:
        store = Store(db_path(args), create=False)
    except FileNotFoundError as exc:
        raise UsageError(str(exc)) from exc
    try:
        status = S.index_status(store.db)
        if status in ("missing", "stale"):
            print("building the search index (first use)...", file=sys.stderr)
        S.ensure_index(store.db)
    except sqlite3.OperationalError as exc:
        if "readonly" not in str(exc) and "read-only" not in str(exc):
            raise
        if S.index_status(store.db) in ("missing", "stale"):
            raise RuntimeError(f"the search index needs building but {store.path} is read-only") from exc
        print("warning: database is read-only; the search index may miss the newest rows", file=sys.stderr)
    return store


def _changed(args: argparse.Namespace) -> str | None:
    """--removed / --edited -> the ``changed`` filter (both: either)."""
    if args.removed and args.edited:
        return "changed"
    return "removed" if args.removed else "edited" if args.edited else None


def run(args: argparse.Namespace) -> int:
    from longarm.db import search as S
    from longarm.db.filter_choices import check_choices
    from longarm.table import cut, print_table

    if args.limit < 1 or args.limit > 10_000:
        raise UsageError(f"--limit {args.limit}: give a number from 1 to 10000")
    if not 0 <= args.offset <= 1_000_000_000:
        raise UsageError(f"--offset {args.offset}: give a number from 0 to 1000000000")
    try:
        filters = S.Filters(
            label=args.label,
            speaker=args.speaker,
            target=args.target,
            source=args.source,
            lang=args.lang,
            since=args.since,
            until=args.until,
            changed=_changed(args),
        )
    except S.QueryError as exc:
        raise UsageError(str(exc)) from exc
    store = open_indexed(args)
    conn = store.db.conn
    try:
        check_choices(filters, conn)
    except S.QueryError as exc:
        raise UsageError(str(exc)) from exc
    try:
        query = S.parse_query(args.query, conn)
        if args.documents:
            res = S.search_documents(conn, query, filters, limit=args.limit, offset=args.offset, count=True)
        else:
            res = S.search_threats(conn, query, filters, limit=args.limit, offset=args.offset, count=True)
    except S.QueryError as exc:
        raise UsageError(f"query {args.query[:80]!r}: {exc}") from exc
    notes = list(query.notes) + ([res.note] if res.note else [])
    if args.json:
        out = {
            "query": args.query,
            "match": query.match_expression(),
            "filters": filters.active(),
            "kind": "documents" if args.documents else "threats",
            "total": res.total,
            "offset": args.offset,
            "notes": notes,
            "results": [_json_row(r, args.documents) for r in res.rows],
        }
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    for n in notes:
        print(f"note: {n}", file=sys.stderr)
    total = f"{res.total:,}" if res.total is not None else "?"
    if args.documents:
        rows = [
            {
                "id": r["id"],
                "snapshot": r["snapshot_id"] or "",
                "date": r["published_date"] or "",
                "source": r["source_id"] or "",
                "title": S.mark(r["title"] or "", r["title_spans"]),
                "context": cut(S.snippet_fit(r["context"], r["context_spans"], 60), 60),
            }
            for r in res.rows
        ]
        print_table(rows, ["id", "snapshot", "date", "source", "title", "context"], {"title": 40, "context": 60})
    else:
        rows = [
            {
                "id": r["id"],
                "date": r["published_date"] or "",
                "speaker": r["speaker"] or "",
                "targets": ", ".join(r["targets"]),
                "quote": cut(S.snippet_fit(r["quote"], r["spans"], 70), 70),
                "source": r["source_id"] or "",
                "live page": _live_page(r),
            }
            for r in res.rows
        ]
        columns = ["id", "date", "speaker", "targets", "quote", "source"]
        if any(row["live page"] for row in rows):  # only when a re-check found something
            columns.append("live page")
        print_table(rows, columns, {"speaker": 24, "targets": 28, "quote": 70, "source": 18})
    shown = f"{args.offset + 1}–{args.offset + len(res.rows)}" if res.rows else "none"
    noun = ("document" if args.documents else "threat") + ("" if res.total == 1 else "s")
    verb = "matches" if res.total == 1 else "match"
    if not args.documents and any(not r["spans"] for r in res.rows):
        print(
            "\nnote: rows without [brackets] matched on their speaker, targets or instruments "
            "(see matched_in in --json)",
            file=sys.stderr,
        )
    print(
        f"\n{total} {noun} {verb}; showing {shown}. "
        f"Matches are [bracketed]. "
        + ("Read one: longarm show SNAPSHOT (its snapshot column)" if args.documents else "Cite one: longarm cite ID"),
        file=sys.stderr,
    )
    return 0


def _live_page(r: dict[str, Any]) -> str:
    """ "removed DATE" / "edited DATE": what re-checks found of the statement on the live page."""
    if r.get("removed_from_source_at"):
        return f"removed {r['removed_from_source_at']}"
    if r.get("edited_on_source_at"):
        return f"edited {r['edited_on_source_at']}"
    return ""


def _json_row(r: dict[str, Any], documents: bool) -> dict[str, Any]:
    r = dict(r)
    r["score"] = r.pop("rank", None) if documents else r.get("score")
    if not documents:
        r["relevance"] = r.pop("rank", None)
        r["highlights"] = [list(s) for s in r.pop("spans")]
    else:
        r["relevance"] = r.pop("score")
        r["title_highlights"] = [list(s) for s in r.pop("title_spans")]
        r["context_highlights"] = [list(s) for s in r.pop("context_spans")]
    return r
