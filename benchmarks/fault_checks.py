"""Checks the fault runner (benchmarks/faults.py) and the kill tests apply to what a run leaves behind.

Rows are compared by what they are, not by their ids (a resumed run numbers its
rows differently): a snapshot by URL, payload hash, capture time and status; a
document by URL, source, title, date, language, text hash and whether it is
extracted and has its WARC metadata record; a statement by its document's URL,
label, speaker, targets, instruments, offsets, quote and whether it is current.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

ROW_QUERIES = {
    "snapshots": "SELECT url, sha256, captured_at, status FROM snapshots",
    "documents": """SELECT url, source_id, title, published_at, lang, text_sha256, extracted_version,
                           metadata_record_id IS NOT NULL FROM documents""",
    "statements": """SELECT d.url, t.label, t.speaker, t.targets, t.instruments, t.start, t."end", t.quote,
                            t.extractor_version, t.superseded_at IS NULL
                     FROM threats t JOIN documents d ON d.id = t.document_id""",
    "revisits": "SELECT url, captured_at, status FROM revisits",
}


def natural_rows(db: str | Path) -> dict[str, set[tuple[Any, ...]]]:
    """Every compared table's rows as sets of natural keys (see the module docstring)."""
    c = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return {name: set(c.execute(sql)) for name, sql in ROW_QUERIES.items()}
    finally:
        c.close()


def row_differences(got: dict[str, set], want: dict[str, set]) -> dict[str, tuple[int, int]]:
    """Per table, (rows missing, rows extra) in ``got`` against ``want``; empty when they are the same."""
    out = {}
    for table in want:
        missing, extra = len(want[table] - got.get(table, set())), len(got.get(table, set()) - want[table])
        if missing or extra:
            out[table] = (missing, extra)
    return out


def current_counts(db: str | Path) -> dict[str, int]:
    """Documents, current statements and snapshots: the figures a run reports."""
    c = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return {
            "documents": c.execute("SELECT COUNT(*) FROM documents").fetchone()[0],
            "statements": c.execute("SELECT COUNT(*) FROM threats WHERE superseded_at IS NULL").fetchone()[0],
            "snapshots": c.execute("SELECT COUNT(*) FROM snapshots").fetchone()[0],
            "unextracted": c.execute("SELECT COUNT(*) FROM documents WHERE extracted_version IS NULL").fetchone()[0],
        }
    finally:
        c.close()


def integrity_problems(db: str | Path) -> list[str]:
    """``pragma integrity_check`` and ``pragma foreign_key_check``: empty when the database is sound."""
    c = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        problems = [r[0] for r in c.execute("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [f"foreign key: {r}" for r in c.execute("PRAGMA foreign_key_check")]
        return problems
    finally:
        c.close()


def warc_problems(archive: str | Path) -> list[str]:
    """Every WARC file under ``archive`` must end at a complete record and pass `warcio check`."""
    from longarm.pipelines.warc_reader import warc_files
    from longarm.pipelines.warc_recovery import scan_warc

    problems = []
    files = warc_files(archive)
    if not files:
        return [f"no WARC file under {archive}"]
    warcio = Path(sys.executable).parent / "warcio"
    for f in files:
        scan = scan_warc(f)
        if not scan.complete:
            problems.append(f"{f.name}: {scan.error or 'cut short'} at byte {scan.good_end} of {scan.size}")
        cmd = [str(warcio)] if warcio.exists() else [sys.executable, "-m", "warcio.cli"]
        res = subprocess.run([*cmd, "check", str(f)], capture_output=True, text=True)
        if res.returncode != 0:
            problems.append(f"{f.name}: warcio check: {(res.stdout + res.stderr).strip()[:300]}")
    return problems


def citation_failures(db: str | Path, archive: str | Path) -> tuple[int, list[str]]:
    """`longarm verify` (longarm.verification.verify) of every current statement: (how many checked, failures)."""
    from longarm.db.schema import connect
    from longarm.verification import verify

    store = connect(db, create=False, readonly=True)
    try:
        ids = [r[0] for r in store.execute("SELECT id FROM threats WHERE superseded_at IS NULL ORDER BY id")]
        failures = []
        for tid in ids:
            result = verify(store, archive, tid)
            if not result.ok:
                failures.append(f"{tid}: {result.message}")
        return len(ids), failures
    finally:
        store.conn.close()
