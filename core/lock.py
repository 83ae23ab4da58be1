"""One run at a time: an exclusive lock on the database and on the archive folder.

``run_lock(db_path, archive_dir)`` takes an ``fcntl.flock`` on two lock files,
``<db>.lock`` beside the database and ``<archive>/.longarm.lock`` in the archive
folder, so two crawls cannot write the same database, nor the same archive,
even when run with different ``--db``/``--archive`` pairs. Both are keyed on the
resolved path: a database or archive reached through a symlink or a relative
path takes the same lock as the real one.

- The lock belongs to the open file, not to the file's existence: when the
  process dies (even with ``kill -9``) the kernel releases it, so a crash never
  leaves a lock that has to be removed by hand ("stale-lock recovery").
- While held, each lock file holds JSON naming the holder (pid, host, command,
  start time UTC), so a refused run can say who is running; on a clean exit the
  file is emptied. A lock file that still names a holder when we acquire it was
  left by a run that died: that is logged, and the archive recovery
  (``longarm.pipelines.warc_recovery``) that follows tidies what it left.
- Lock files are never deleted (deleting a flock'ed file lets a third process
  lock a new file of the same name while the second still holds the old one).
- Readers (``search``, ``serve``, ``digest``) do not take the lock; SQLite's WAL
  mode lets them read during a run.

Exit code for a refused run: 4 (``EXIT_LOCKED``), documented in docs/operations.md.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import socket
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

logger = logging.getLogger(__name__)

EXIT_LOCKED = 4
ARCHIVE_LOCK_NAME = ".longarm.lock"

# Lock files this process holds (resolved path -> open file), so code running inside a
# run (the archive recovery) can tell "held by me" from "held by another run".
_HELD: dict[str, Any] = {}


class LockedError(RuntimeError):
    """Another run holds the lock; the message names its pid, host, command and start time."""

    exit_code = EXIT_LOCKED

    def __init__(self, message: str, holder: dict[str, Any] | None = None, lock_file: Path | None = None) -> None:
        super().__init__(message)
        self.holder = holder or {}
        self.lock_file = lock_file


@dataclass(frozen=True)
class LockInfo:
    """What ``run_lock`` yields: the lock files held and any stale holders found on them."""

    files: tuple[Path, ...]
    stale: tuple[dict[str, Any], ...]


def db_lock_path(db_path: str | Path) -> Path:
    """``<db>.lock`` beside the database file itself: symlinks and relative paths are resolved first, so
    every way of naming one database (a link, ``./x.db``, ``../dir/x.db``) leads to the same lock."""
    p = Path(db_path).expanduser().resolve()
    return p.with_name(p.name + ".lock")


def archive_lock_path(archive_dir: str | Path) -> Path:
    """``.longarm.lock`` in the archive folder itself (a symlinked archive folder resolved first)."""
    return Path(archive_dir).expanduser().resolve() / ARCHIVE_LOCK_NAME


def _key(path: Path) -> str:
    return str(path.resolve())


def held_by_me(path: str | Path) -> bool:
    """True when this process holds the lock file at ``path``."""
    return _key(Path(path)) in _HELD


def archive_locked_by_me(archive_dir: str | Path) -> bool:
    return held_by_me(archive_lock_path(archive_dir))


def _read_holder(fh: Any) -> dict[str, Any]:
    try:
        fh.seek(0)
        text = fh.read().strip()
        return json.loads(text) if text else {}
    except (OSError, ValueError):
        return {}


def describe_holder(holder: dict[str, Any]) -> str:
    if not holder:
        return "another process (no details in the lock file)"
    parts = [f"pid {holder.get('pid', '?')}"]
    if holder.get("host"):
        parts.append(f"on {holder['host']}")
    if holder.get("command"):
        parts.append(f"running `longarm {holder['command']}`")
    if holder.get("started"):
        parts.append(f"since {holder['started']}")
    return " ".join(parts)


def _acquire(path: Path, info: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    """Lock ``path`` (non-blocking) and write ``info`` into it; returns (file, stale holder or {})."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    fh = os.fdopen(fd, "r+", encoding="utf-8")
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = _read_holder(fh)
        fh.close()
        raise LockedError(
            f"another longarm run holds the lock {path}: {describe_holder(holder)}. "
            f"Only one crawl/nightly runs at a time on a database and archive; wait for it to finish "
            f"(readers such as `longarm search` work meanwhile). If that process is gone, the lock is "
            f"released by the system automatically; nothing needs deleting.",
            holder,
            path,
        ) from None
    stale = _read_holder(fh)
    fh.seek(0)
    fh.truncate()
    fh.write(json.dumps(info, sort_keys=True) + "\n")
    fh.flush()
    os.fsync(fh.fileno())
    return fh, stale


def _release(fh: Any) -> None:
    try:
        fh.seek(0)
        fh.truncate()
        fh.flush()
    except OSError:
        pass
    finally:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
        finally:
            fh.close()


@contextmanager
def run_lock(db_path: str | Path, archive_dir: str | Path, *, command: str = "") -> Iterator[LockInfo]:
    """Hold the run lock of a database and an archive folder for the duration of the block.

    Raises ``LockedError`` at once (no waiting) when another process holds either.
    Re-entrant within one process (a nightly wrapping a crawl takes it once).
    """
    info = {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "command": command or _guess_command(),
        "started": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "db": str(Path(db_path).resolve()),
        "archive": str(Path(archive_dir).resolve()),
    }
    with hold_locks([db_lock_path(db_path), archive_lock_path(archive_dir)], info) as held:
        yield held


@contextmanager
def archive_lock(archive_dir: str | Path, *, command: str = "") -> Iterator[LockInfo]:
    """Only the archive folder's lock (used by the archive recovery when run outside a run lock)."""
    info = {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "command": command or _guess_command(),
        "started": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "archive": str(Path(archive_dir).resolve()),
    }
    with hold_locks([archive_lock_path(archive_dir)], info) as held:
        yield held


@contextmanager
def hold_locks(paths: list[Path], info: dict[str, Any]) -> Iterator[LockInfo]:
    taken: list[tuple[str, Any]] = []
    stale: list[dict[str, Any]] = []
    try:
        for p in paths:
            p.parent.mkdir(parents=True, exist_ok=True)
            key = _key(p)
            if key in _HELD:
                continue  # re-entrant: this process already holds it
            fh, old = _acquire(p, info)
            _HELD[key] = fh
            taken.append((key, fh))
            if old:
                stale.append(old)
                logger.warning(
                    "lock %s was left by %s, which did not finish cleanly (crashed or killed); recovered",
                    p,
                    describe_holder(old),
                )
        yield LockInfo(tuple(paths), tuple(stale))
    finally:
        for key, fh in reversed(taken):
            _HELD.pop(key, None)
            _release(fh)


def _guess_command() -> str:
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    return args[0] if args else ""
