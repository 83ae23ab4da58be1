"""Refuse to write into a damaged database.

SQLite keeps working on a file whose pages are corrupt until it trips over one,
and every row written meanwhile may land in a damaged b-tree. So a run that
writes (``crawl``, ``nightly``, ``extract``) first runs ``PRAGMA quick_check``
(the page and b-tree structure, without the slower index-content cross-check of
``integrity_check``) and stops with the way to recover if it finds anything.
"""

from __future__ import annotations

import logging
import shlex
import sqlite3
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

MAX_PROBLEMS_SHOWN = 3


class CorruptDatabaseError(RuntimeError):
    """The database failed ``PRAGMA quick_check`` (or is not a SQLite file); the message says how to recover."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        super().__init__(_message(path, problems))


def _message(path: Path, problems: list[str]) -> str:
    shown = "; ".join(problems[:MAX_PROBLEMS_SHOWN])
    more = f" (and {len(problems) - MAX_PROBLEMS_SHOWN} more)" if len(problems) > MAX_PROBLEMS_SHOWN else ""
    db = shlex.quote(str(path))
    recovered = shlex.quote(str(path.with_name(path.stem + ".recovered" + path.suffix)))
    return (
        f"the database {path} is damaged ({shown}{more}); nothing was written to it. "
        f"Recover what it holds into a new file with the sqlite3 tool: `sqlite3 {db} .recover | "
        f"sqlite3 {recovered}` (if your sqlite3 has no working .recover, see docs/operations.md, "
        f"\"A damaged database\"), check the copy with `sqlite3 {recovered} 'pragma integrity_check'` "
        f"(it prints ok), keep the damaged file aside, put the recovered one in its place and run again: "
        f"the archive is untouched, and articles missing from the copy are fetched again while their "
        f"sources still list them."
    )


def quick_check_problems(path: str | Path) -> list[str]:
    """What ``PRAGMA quick_check`` finds wrong with the database at ``path`` (empty when sound or absent)."""
    path = Path(path)
    if not path.exists():
        return []
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        rows = [r[0] for r in conn.execute("PRAGMA quick_check")]
    except sqlite3.OperationalError:  # locked, unreadable: not damage; the caller's own open says what
        raise
    except sqlite3.DatabaseError as exc:  # "file is not a database", "database disk image is malformed"
        return [str(exc)]
    finally:
        conn.close()
    return [] if rows == ["ok"] else rows


def check_before_writing(path: str | Path) -> None:
    """Raise ``CorruptDatabaseError`` when the database at ``path`` fails ``PRAGMA quick_check``."""
    problems = quick_check_problems(path)
    if problems:
        raise CorruptDatabaseError(Path(path), problems)


# Rows that point at a row a recovery lost, and what a run does with them (see ``repair_dangling_rows``).
_DANGLING = {
    "documents": "SELECT id FROM documents WHERE snapshot_id IS NOT NULL "
    "AND snapshot_id NOT IN (SELECT id FROM snapshots)",
    "threats": "SELECT id FROM threats WHERE document_id IS NOT NULL AND document_id NOT IN (SELECT id FROM documents)",
    "revisits": "SELECT id FROM revisits WHERE snapshot_id IS NOT NULL "
    "AND snapshot_id NOT IN (SELECT id FROM snapshots)",
}


def repair_dangling_rows(db: Any) -> dict[str, int]:
    """Remove derived rows whose evidence a database recovery lost, so the next crawl rebuilds them.

    A database recovered from damaged pages (``.recover`` / ``.dump``) can hold a
    document whose snapshot row is gone, a statement whose document is gone, or a
    revisit of a lost snapshot. None of them can be cited any more (a citation
    goes statement -> document -> snapshot -> WARC record), and a crawl would
    treat the document as stored and never fetch it again. So a run removes
    them before crawling, with a warning: the article is then fetched, archived
    and extracted again like a new one (its WARC records stay in the archive).
    Cheap when there is nothing to do (three anti-joins on primary keys).
    """
    removed: dict[str, int] = {}
    with db.conn:
        docs = [r[0] for r in db.execute(_DANGLING["documents"])]
        if docs:
            marks = ",".join("?" * len(docs))
            removed["threats"] = db.execute(f"DELETE FROM threats WHERE document_id IN ({marks})", docs).rowcount
            removed["documents"] = db.execute(f"DELETE FROM documents WHERE id IN ({marks})", docs).rowcount
        for table in ("threats", "revisits"):
            n = db.execute(f"DELETE FROM {table} WHERE id IN ({_DANGLING[table]})").rowcount
            if n:
                removed[table] = removed.get(table, 0) + n
    if removed:
        logger.warning(
            "the database held rows whose evidence is gone (a recovered database?): removed %s; "
            "the articles concerned are fetched, archived and extracted again",
            ", ".join(f"{n} {t}" for t, n in removed.items()),
        )
    return removed
