"""`longarm sources [--health]`: the registry, and how each source fared lately."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from longarm.paths import archive_dir, db_path
from longarm.spiders import first_contact
from longarm.spiders.registry import get_registry
from longarm.table import print_table

#: What the table says of a source whose parser was never checked on a real saved page
#: (``verified = false`` in the registry, with the reason in ``verified_note``).
NOT_VERIFIED = "not verified on real pages"


def verified_label(source: Any) -> str:
    return "yes" if source.verified else NOT_VERIFIED


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "sources",
        parents=[common],
        help="list the source registry (--health: last crawls)",
        description="List every source in spiders/sources.toml (or the file $LONGARM_REGISTRY "
        "names): id, kind, languages, discovery, and whether its parser is verified on "
        "real saved pages.",
    )
    p.add_argument(
        "--health",
        action="store_true",
        help="last successful crawl, documents in the last run, extraction yield, re-checks due/done/failed",
    )
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(func=run)


def health_rows(db: Any) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    if "run_sources" not in db.table_names():
        return out
    for r in db.query(
        """SELECT rs.*, r.started, r.finished FROM run_sources rs JOIN runs r ON r.id = rs.run_id
           ORDER BY rs.run_id"""
    ):
        h = out.setdefault(r["source_id"], {"last_success": None})
        h.update(
            {
                "last_run": r["run_id"],
                "last_status": r["status"],
                "last_documents": r["documents"],
                "last_new_documents": r["new_documents"],
                "last_yield": r["extraction_yield"],
                "last_errors": r["errors"],
                "warning": r["warning"] or "",
            }
        )
        if r["status"] == "ok":
            h["last_success"] = r["finished"] or r["started"]
    return out


def _recheck_cell(counts: dict[str, int] | None) -> str:
    """due/done/failed, with the re-checks waiting after a failure: what an operator scans for a site problem."""
    if not counts:
        return "-"
    cell = f"{counts['due']}/{counts['done']}/{counts['failed']}"
    return cell + (f" ({counts['unreachable']} unreachable)" if counts["unreachable"] else "")


def run(args: argparse.Namespace) -> int:
    registry = get_registry()
    health: dict[str, dict[str, Any]] = {}
    if args.health:
        from longarm.db import connect

        path = db_path(args)
        if path.exists():
            conn = connect(path)
            health = health_rows(conn)
            from longarm.rechecks import recheck_counts_by_source

            for sid, counts in recheck_counts_by_source(conn).items():
                health.setdefault(sid, {"last_success": None})["rechecks"] = counts
        else:
            print(
                f"longarm sources: no database at {path} yet: no crawl recorded (pass --db, or run a crawl)",
                file=sys.stderr,
            )
    rows = []
    reports: list[tuple[str, str, str]] = []  # (source, verdict, report path) of first-contact reports
    for s in registry.values():
        report = None if s.verified else first_contact.read_report(archive_dir(args), s.id)
        if report is not None:
            reports.append(
                (s.id, report.get("verdict", ""), str(first_contact.report_paths(archive_dir(args), s.id)[1]))
            )
        if args.health:
            # Health view: what an operator scans in the morning, narrow enough for a terminal.
            h = health.get(s.id, {})
            yld = h.get("last_yield")
            row: dict[str, Any] = {
                "id": s.id,
                "verified": "yes" if s.verified else "no",
                "last_success": h.get("last_success") or "never",
                "last_status": h.get("last_status", "-"),
                "docs_last_run": h.get("last_documents", "-"),
                "yield": f"{yld:.0%}" if isinstance(yld, (int, float)) else "-",
                "errors": h.get("last_errors", "-") if h.get("last_errors") is not None else "-",
                # re-checks (docs/rechecks.md): due now / done / failed; (unreachable, tried again)
                "rechecks": _recheck_cell(h.get("rechecks")),
                "warning": h.get("warning", ""),
            }
            if args.json:
                row["rechecks"] = h.get("rechecks") or {}
        else:
            row = {
                "id": s.id,
                "name": s.name,
                "kind": s.kind,
                "languages": ",".join(s.languages),
                "discovery": ",".join(sorted({d.type for d in s.discovery})),
                "verified": verified_label(s),
            }
        if args.json:
            # JSON keeps types: lists stay lists, flags are booleans.
            row.update(
                {
                    "languages": list(s.languages),
                    "discovery": sorted({d.type for d in s.discovery}),
                    "verified": bool(s.verified),
                }
                if not args.health
                else {"verified": bool(s.verified)}
            )
            row.update(
                {
                    "owner": s.owner,
                    "verified_note": s.verified_note,
                    "history": s.history or None,
                    "allowed_domains": list(s.allowed_domains),
                    "timezone": s.timezone,
                }
            )
            if not s.verified:
                row["first_contact"] = (
                    None
                    if report is None
                    else {
                        "verdict": report.get("verdict"),
                        "status": report.get("status"),
                        "run_id": report.get("run_id"),
                        "report": str(first_contact.report_paths(archive_dir(args), s.id)[1]),
                    }
                )
        rows.append(row)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        print_table(rows)
        unverified = [s.id for s in registry.values() if not s.verified]
        if unverified:
            print(
                f"\n{len(unverified)} source(s) {NOT_VERIFIED}: their selectors are guesses; the first live crawl "
                "of each writes a first-contact report (docs/sources.md)."
            )
        for sid, verdict, report_path in reports:
            print(f"first contact {sid}: {verdict} ({report_path})")
    return 0
