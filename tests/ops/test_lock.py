"""The run lock: one run at a time, refused with a clear message, released when the holder dies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from longarm.core.lock import EXIT_LOCKED, LockedError, db_lock_path, run_lock
from tests.conftest import REPO, run_cli
from tests.ops.seed import seed

HOLD = """
import sys, time
from longarm.core.lock import run_lock
with run_lock(sys.argv[1], sys.argv[2], command="nightly"):
    print("locked", flush=True)
    time.sleep(60)
"""


def _holder(db: Path, archive: Path) -> subprocess.Popen:
    p = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db), str(archive)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert p.stdout.readline().strip() == "locked"
    return p


@pytest.mark.slow  # starts `longarm nightly` and `crawl` in subprocesses
def test_second_run_is_refused_naming_pid_and_start(tmp_path: Path) -> None:
    db, archive = tmp_path / "l.db", tmp_path / "archive"
    p = _holder(db, archive)
    try:
        with pytest.raises(LockedError) as ei:
            with run_lock(db, archive):
                pass
        msg = str(ei.value)
        assert f"pid {p.pid}" in msg and "since 20" in msg and "nightly" in msg
        # Same archive, another database: still refused (the archive has its own lock).
        with pytest.raises(LockedError):
            with run_lock(tmp_path / "other.db", archive):
                pass
        # Through the CLI: exit 4 and the message on stderr.
        res = run_cli("nightly", "--db", str(db), "--archive", str(archive), "--digest-dir", str(tmp_path / "d"))
        assert res.returncode == EXIT_LOCKED, res.stderr
        assert f"pid {p.pid}" in res.stderr and "holds the lock" in res.stderr
        res = run_cli("crawl", "hk_gov_press", "--db", str(db), "--archive", str(archive))
        assert res.returncode == EXIT_LOCKED and f"pid {p.pid}" in res.stderr
        # Readers take no lock.
        seed(db, [])
        res = run_cli("digest", "--db", str(db), "--since", "2020-01-01")
        assert res.returncode == 0 and "Nothing new" in res.stdout, res.stderr
    finally:
        p.kill()
        p.wait()


def test_lock_of_a_killed_process_is_recovered(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    db, archive = tmp_path / "l.db", tmp_path / "archive"
    p = _holder(db, archive)
    os.kill(p.pid, signal.SIGKILL)
    p.wait()
    assert str(p.pid) in db_lock_path(db).read_text()  # the dead holder's note is still there
    with run_lock(db, archive) as held:
        assert any(h.get("pid") == p.pid for h in held.stale)
        assert str(os.getpid()) in db_lock_path(db).read_text()
    assert "did not finish cleanly" in caplog.text
    assert db_lock_path(db).read_text() == ""  # emptied on a clean exit, never deleted
    with run_lock(db, archive) as held:
        assert held.stale == ()


def test_reentrant_in_one_process(tmp_path: Path) -> None:
    with run_lock(tmp_path / "l.db", tmp_path / "a"):
        with run_lock(tmp_path / "l.db", tmp_path / "a"):
            pass


def test_lock_is_keyed_on_the_resolved_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A store or archive reached through a symlink or a relative path takes the same lock as the real one."""
    real = tmp_path / "real"
    real.mkdir()
    db, archive = real / "l.db", real / "archive"
    archive.mkdir()
    db.write_bytes(b"")
    links = tmp_path / "links"
    links.mkdir()
    (links / "l.db").symlink_to(db)
    (links / "archive").symlink_to(archive, target_is_directory=True)
    (links / "dir").symlink_to(real, target_is_directory=True)
    assert db_lock_path(links / "l.db") == db_lock_path(db) == db_lock_path(links / "dir" / "l.db")
    p = _holder(db, archive)
    try:
        for other_db, other_archive in (
            (links / "l.db", tmp_path / "a2"),
            (tmp_path / "d2.db", links / "archive"),
            (links / "dir" / "l.db", links / "dir" / "archive"),
        ):
            with pytest.raises(LockedError):
                with run_lock(other_db, other_archive):
                    pass
        monkeypatch.chdir(links)
        with pytest.raises(LockedError):
            with run_lock(Path("l.db"), tmp_path / "a3"):
                pass
        with pytest.raises(LockedError):
            with run_lock(Path("../real/l.db"), Path("../a4")):
                pass
        res = run_cli("crawl", "hk_gov_press", "--db", str(links / "l.db"), "--archive", str(tmp_path / "a5"))
        assert res.returncode == EXIT_LOCKED and f"pid {p.pid}" in res.stderr, res.stderr
    finally:
        p.kill()
        p.wait()
    with run_lock(links / "l.db", links / "archive") as held:
        assert held.files[0] == real / "l.db.lock" and held.files[1] == archive / ".longarm.lock"
