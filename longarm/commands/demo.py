"""`longarm demo`: the whole nightly job on the bundled offline archive, into ./demo/."""

from __future__ import annotations

import argparse
import sys
import tomllib
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from longarm.table import print_table

REPO = Path(__file__).resolve().parents[2]
MANIFEST = REPO / "demo_archive" / "manifest.toml"


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "demo",
        parents=[common],
        help="run the whole job on the bundled offline archive into ./demo/",
        description="Build the bundled demo archive (pages written for the project, in the real "
        "sites' URL schemes), replay it through the real spiders and pipelines into "
        "demo/longarm.db and demo/archive/, then print a summary. Re-runnable: a second "
        "run adds no rows.",
    )
    p.add_argument("--out", default="demo", help="output folder (default: ./demo)")
    p.set_defaults(func=run)


def _demo_dates() -> dict[str, Any]:
    """The manifest's ``[demo]`` table (the dates the demo pretends it is)."""
    return dict(tomllib.loads(MANIFEST.read_text(encoding="utf-8")).get("demo", {}))


def demo_today() -> date | None:
    """The 'today' the demo crawl pretends it is, so date-index discovery finds the bundled index pages."""
    demo = _demo_dates()
    value = demo.get("today") or demo.get("until")
    return date.fromisoformat(str(value)) if value else None


def recheck_night() -> date | None:
    """The night the demo re-checks its articles: the archive's later captures are the live pages then."""
    value = _demo_dates().get("recheck_on")
    return date.fromisoformat(str(value)) if value else None


def run_recheck_night(night: date, warc: Path, db_path: Path, archive: Path) -> int:
    """The second night in its own process (Twisted's reactor runs once per process): re-checks due by then.

    It is `longarm crawl --replay ... --as-of NIGHT --rechecks-only`, as a user would replay the
    re-checks of a multi-night archive: they are answered by the later captures.
    """
    import subprocess

    cmd = [
        sys.executable,
        "-m",
        "longarm.cli",
        "crawl",
        "--db",
        str(db_path),
        "--archive",
        str(archive),
        "--replay",
        str(warc),
        "--as-of",
        night.isoformat(),
        "--rechecks-only",
        "--no-progress",
    ]
    print(f"\ndemo: {night}, the re-check night: {' '.join(cmd[2:4])} {' '.join(cmd[4:])}")
    return subprocess.run(cmd, check=False).returncode


def changed_on_source(db_path: Path) -> dict[str, int]:
    """Statements removed / reworded and pages gone / edited, as the re-checks found them."""
    from longarm.db import connect

    db = connect(db_path)
    one = lambda sql: int(db.execute(sql).fetchone()[0])  # noqa: E731
    out = {
        "removed": one(
            "SELECT COUNT(*) FROM threats WHERE removed_from_source_at IS NOT NULL AND superseded_at IS NULL"
        ),
        "edited": one(
            "SELECT COUNT(*) FROM threats WHERE edited_on_source_at IS NOT NULL AND removed_from_source_at IS NULL "
            "AND superseded_at IS NULL"
        ),
        "pages_gone": one(
            "SELECT COUNT(DISTINCT document_id) FROM rechecks WHERE outcome = 'gone' AND status = 'done'"
        ),
        "pages_edited": one("SELECT COUNT(DISTINCT document_id) FROM document_versions"),
    }
    db.conn.close()
    return out


def summary(db_path: Path) -> list[dict[str, Any]]:
    from longarm.db import connect

    db = connect(db_path)
    rows = []
    for r in db.query(
        """SELECT s.id AS source, s.kind,
                  (SELECT COUNT(*) FROM documents d WHERE d.source_id = s.id) AS documents,
                  (SELECT COUNT(*) FROM documents d WHERE d.source_id = s.id AND d.lang = 'en') AS en,
                  (SELECT COUNT(*) FROM documents d WHERE d.source_id = s.id AND d.lang = 'zh-Hant') AS zh_hant,
                  (SELECT COUNT(*) FROM documents d WHERE d.source_id = s.id AND d.lang = 'zh-Hans') AS zh_hans,
                  (SELECT COUNT(*) FROM threats t JOIN documents d ON d.id = t.document_id
                    WHERE d.source_id = s.id AND t.label = 'threat' AND t.superseded_at IS NULL) AS threats,
                  (SELECT COUNT(*) FROM threats t JOIN documents d ON d.id = t.document_id
                    WHERE d.source_id = s.id AND t.label = 'action' AND t.superseded_at IS NULL) AS actions
           FROM sources s ORDER BY s.id"""
    ):
        if r["documents"]:
            rows.append(r)
    db.conn.close()
    return rows


def _longarm_command() -> str:
    """How the user can call longarm from here: `make demo` leaves it in .venv/bin, often not on PATH."""
    import os
    import shutil

    exe = Path(sys.prefix) / "bin" / "longarm"
    if shutil.which("longarm") and Path(shutil.which("longarm") or "").resolve() == exe.resolve():
        return "longarm"
    try:
        return os.path.relpath(exe)
    except ValueError:
        return str(exe)


def run(args: argparse.Namespace) -> int:
    from longarm.commands.crawl import print_result
    from longarm.crawl import run_crawl
    from longarm.demo_archive import build_demo_archive

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    source_warc = build_demo_archive(out / "source-archive")
    db_path = Path(args.db) if args.db else out / "longarm.db"
    archive = Path(args.archive) if args.archive else out / "archive"
    print(f"demo: replaying {source_warc} (bundled pages) into {db_path} and {archive}/")
    from longarm.core.lock import LockedError, run_lock

    night = recheck_night()
    first_night_end = (
        datetime.combine(night, datetime.min.time(), timezone.utc) - timedelta(seconds=1) if night else None
    )
    try:
        with run_lock(db_path, archive, command="demo"):
            result = run_crawl(
                db_path,
                archive,
                None,
                replay=source_warc,
                replay_as_of=first_night_end,  # the first night: the re-check night's captures come later
                today=demo_today(),
                settings_overrides={"LONGARM_PROGRESS": False},
                command="demo",
            )
    except LockedError as exc:
        print(f"longarm demo: {exc}", file=sys.stderr)
        return exc.exit_code
    print_result(result)
    recheck_status = 0
    if night is not None:
        recheck_status = run_recheck_night(night, source_warc, db_path, archive)
    print()
    rows = summary(db_path)
    print_table(rows)
    from longarm.db import connect

    db = connect(db_path)
    counts = {t: db[t].count for t in ("snapshots", "revisits", "documents")}
    counts["threats"] = db.execute("SELECT count(*) FROM threats WHERE superseded_at IS NULL").fetchone()[0]
    db.conn.close()
    print(
        f"\ntotal: {counts['documents']} documents, {counts['threats']} threat/action statements, "
        f"{counts['snapshots']} archived responses ({counts['revisits']} revisits)"
    )
    exe = _longarm_command()
    if night is not None:
        changed = changed_on_source(db_path)
        print(
            f"re-checks on {night}: {changed['removed']} statement(s) removed from the source, "
            f"{changed['edited']} reworded ({changed['pages_gone']} page(s) gone, {changed['pages_edited']} edited)"
        )
        print(f"try:   {exe} search 'absconders OR 潛逃' --removed --db {db_path}")
    print(f"try:   {exe} search 'red notice' --db {db_path}")
    print(f"       {exe} serve --db {db_path}   (the web page on http://127.0.0.1:8001/; the store knows its archive)")
    if recheck_status != 0:
        print(f"longarm demo: the re-check night ended with exit code {recheck_status}", file=sys.stderr)
        return 3
    if result.status != "finished":
        # The bundled archive holds every page the demo needs: a partial run is a defect to report.
        print(f"longarm demo: the run ended {result.status}: see the table above", file=sys.stderr)
        return 3
    return 0
