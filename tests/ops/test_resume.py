"""A `crawl` killed with SIGKILL part-way through the demo archive, run again, ends with the rows of an
uninterrupted crawl (issue 10, points 1-2).

The demo archive has listing pages several pages deep (ccdi, mfa, mps, tao): the
killed run stops part-way down them, and the re-run must walk on past pages of
articles it already stored instead of stopping there. Every stored document must
be extracted when the re-run says it finished. The full campaign (10 kill moments
of `nightly`, full disk, corrupt database, symlinked store) is benchmarks/faults.py.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.fault_checks import (
    citation_failures,
    current_counts,
    integrity_problems,
    natural_rows,
    row_differences,
    warc_problems,
)
from tests.conftest import REPO

pytestmark = pytest.mark.slow  # end-to-end: three crawls of the demo archive in subprocesses, one killed

KILL_AT_DOCUMENTS = 60


def _crawl(replay: Path, folder: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "longarm.cli",
        "crawl",
        "--replay",
        str(replay),
        "--db",
        str(folder / "l.db"),
        "--archive",
        str(folder / "archive"),
    ]


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LONGARM_")}
    env["PYTHONPATH"] = str(REPO)
    return env


def _documents(db: Path) -> int:
    import sqlite3

    if not db.exists():
        return 0
    try:
        c = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return c.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        finally:
            c.close()
    except sqlite3.Error:
        return 0


def test_killed_crawl_resumes_to_the_rows_of_an_uninterrupted_one(tmp_path: Path) -> None:
    from longarm.demo_archive import build_demo_archive

    replay = build_demo_archive(tmp_path / "src")
    killed = tmp_path / "killed"
    killed.mkdir()
    p = subprocess.Popen(
        _crawl(replay, killed), cwd=killed, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and p.poll() is None and _documents(killed / "l.db") < KILL_AT_DOCUMENTS:
        time.sleep(0.005)
    assert p.poll() is None, "the crawl ended before it could be killed"
    os.kill(p.pid, signal.SIGKILL)
    p.wait()
    assert KILL_AT_DOCUMENTS <= _documents(killed / "l.db") < 115
    rerun = subprocess.run(_crawl(replay, killed), cwd=killed, env=_env(), capture_output=True, text=True, timeout=300)
    clean = tmp_path / "clean"
    clean.mkdir()
    ref = subprocess.run(_crawl(replay, clean), cwd=clean, env=_env(), capture_output=True, text=True, timeout=300)
    assert ref.returncode == 0, ref.stderr[-3000:]
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    assert "finished" in rerun.stdout
    want = natural_rows(clean / "l.db")
    assert len(want["documents"]) > KILL_AT_DOCUMENTS
    assert row_differences(natural_rows(killed / "l.db"), want) == {}
    counts = current_counts(killed / "l.db")
    assert counts["unextracted"] == 0 and counts == current_counts(clean / "l.db")
    assert integrity_problems(killed / "l.db") == []
    assert warc_problems(killed / "archive") == []
    checked, failures = citation_failures(killed / "l.db", killed / "archive")
    assert checked == counts["statements"] and failures == []
