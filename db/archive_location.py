"""Where a store's WARC archive is: recorded in the database by the crawl that wrote it.

Without this, every command reading archived records (`verify`, `cite --verify`,
`export wacz`, `show`, `serve`) needed ``--archive`` whenever the archive was not
``./archive``. A crawl records the folder in the ``store_settings`` table
(key ``archive``): relative to the database's folder when the archive sits inside
it (``demo/longarm.db`` + ``demo/archive`` records ``archive``), so the pair can
be moved or copied together; otherwise as an absolute path.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

SETTINGS_TABLE = "store_settings"
ARCHIVE_KEY = "archive"


def archive_value(db_path: str | Path, archive_dir: str | Path) -> str:
    """What to record for ``archive_dir``: relative to the database's folder when inside it, else absolute."""
    archive = Path(os.path.abspath(archive_dir))
    base = Path(os.path.abspath(db_path)).parent
    try:
        return archive.relative_to(base).as_posix() or "."
    except ValueError:
        return archive.as_posix()


def resolve_value(db_path: str | Path, value: str) -> Path:
    """The folder a recorded value names (a relative value is taken from the database's folder)."""
    p = Path(value)
    return p if p.is_absolute() else Path(db_path).parent / p


def record_archive(db: Any, db_path: str | Path, archive_dir: str | Path) -> str:
    """Record ``archive_dir`` as the store's archive; returns the recorded value.

    A different folder recorded before is replaced (the latest crawl's archive is
    the one commands use) and a warning says so: records written by earlier runs
    stay in the old folder, reachable with ``--archive``.
    """
    value = archive_value(db_path, archive_dir)
    conn = db.conn if hasattr(db, "conn") else db
    old = get_setting(conn, ARCHIVE_KEY)
    if old is not None and old != value:
        logger.warning(
            "this store's archive was %s; now recording %s (records of earlier runs stay in %s: "
            "reach them with --archive)",
            old,
            value,
            resolve_value(db_path, old),
        )
    with conn:
        conn.execute(
            f"INSERT INTO {SETTINGS_TABLE} (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [ARCHIVE_KEY, value],
        )
    return value


def get_setting(conn: sqlite3.Connection, key: str) -> str | None:
    """A value of ``store_settings``; None when absent or when the table does not exist yet (older store)."""
    try:
        row = conn.execute(f"SELECT value FROM {SETTINGS_TABLE} WHERE key = ?", [key]).fetchone()
    except sqlite3.OperationalError:
        return None
    return row[0] if row else None


def recorded_archive(db_path: str | Path) -> Path | None:
    """The archive folder the store at ``db_path`` records, or None (no database, or none recorded).

    Opens the file read-only and never migrates or creates it: this runs before
    the command itself decides what to do with a missing database. A recorded
    folder that has since moved is still returned, so the command reports the
    missing WARC file and suggests ``--archive``.
    """
    path = Path(db_path)
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        value = get_setting(conn, ARCHIVE_KEY)
    except sqlite3.DatabaseError as exc:  # not a SQLite file: the command itself will say so
        logger.debug("cannot read the archive location from %s: %s", path, exc)
        return None
    finally:
        conn.close()
    return resolve_value(path, value) if value else None
