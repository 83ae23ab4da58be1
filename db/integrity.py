"""Refuse to write into a damaged database.

SQLite keeps working on a file whose pages are corrupt until it trips over one,
and every row written meanwhile may land in a damaged b-tree. So a run that
writes (``crawl``, ``nightly``, ``extract``) first runs ``PRAGMA quick_check``
(the page and b-tree structure, without the slower index-content cross-check of
``integrity_check``) and stops with the way to recover if it finds anything.
"""
from __future__ import annotations

import shlex
import sqlite3
from pathlib import Path

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
    return (f"the database {path} is damaged ({shown}{more}); nothing was written to it. "
            f"Recover what it holds into a new file with the sqlite3 tool: `sqlite3 {db} .recover | "
            f"sqlite3 {recovered}` (if your sqlite3 has no working .recover, see docs/operations.md, "
            f"\"A damaged database\"), check the copy with `sqlite3 {recovered} 'pragma integrity_check'` "
            f"(it prints ok), keep the damaged file aside, put the recovered one in its place and run again: "
            f"the archive is untouched, and articles missing from the copy are fetched again while their "
            f"sources still list them.")


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
