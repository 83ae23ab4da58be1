"""The store knows its archive: recorded by crawls, found by every command, --archive still overrides."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from longarm.db import connect
from longarm.db.archive_location import archive_value, record_archive, recorded_archive
from tests.conftest import call_cli, run_cli


def test_value_is_relative_beside_the_database_and_absolute_elsewhere(tmp_path: Path) -> None:
    assert archive_value(tmp_path / "x.db", tmp_path / "archive") == "archive"
    assert archive_value(tmp_path / "x.db", tmp_path / "a" / "b") == "a/b"
    other = tmp_path.parent / "elsewhere"
    assert archive_value(tmp_path / "x.db", other) == str(other.resolve())


def test_recorded_archive_reads_without_creating_anything(tmp_path: Path) -> None:
    assert recorded_archive(tmp_path / "missing.db") is None
    assert not (tmp_path / "missing.db").exists()
    db = connect(tmp_path / "x.db")
    assert recorded_archive(tmp_path / "x.db") is None  # nothing recorded yet
    record_archive(db, tmp_path / "x.db", tmp_path / "arc")
    db.conn.close()
    assert recorded_archive(tmp_path / "x.db") == tmp_path / "arc"
    (tmp_path / "junk.db").write_bytes(b"not sqlite at all" * 100)
    assert recorded_archive(tmp_path / "junk.db") is None


def test_older_store_without_the_table_reads_as_unrecorded(tmp_path: Path) -> None:
    import sqlite3

    conn = sqlite3.connect(tmp_path / "old.db")
    conn.execute("CREATE TABLE threats (id INTEGER)")
    conn.close()
    assert recorded_archive(tmp_path / "old.db") is None


def test_commands_use_the_recorded_archive(store_copy, tmp_path: Path) -> None:
    db = connect(store_copy.db_path)
    record_archive(db, store_copy.db_path, store_copy.archive)
    db.conn.close()
    tid = next(iter(store_copy.threat_ids.values()))
    db_args = ["--db", str(store_copy.db_path)]
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    r = call_cli("verify", str(tid), *db_args, cwd=elsewhere)
    assert r.returncode == 0, r.stderr
    r = call_cli("show", str(store_copy.snapshot_ids[0]), "--raw", *db_args, cwd=elsewhere)
    assert r.returncode == 0, r.stderr
    r = call_cli("export", "wacz", str(tmp_path / "out.wacz"), *db_args, cwd=elsewhere)
    assert r.returncode == 0, r.stderr

    # the pair moves together: the relative record still holds
    moved = tmp_path / "moved"
    shutil.move(str(store_copy.root), moved)
    r = call_cli("verify", str(tid), "--db", str(moved / "longarm.db"), cwd=elsewhere)
    assert r.returncode == 0, r.stderr

    # the archive alone moved: the same clear error as before, and --archive overrides the record
    shutil.move(str(moved / "archive"), tmp_path / "arc2")
    r = call_cli("export", "wacz", str(tmp_path / "o2.wacz"), "--db", str(moved / "longarm.db"), cwd=elsewhere)
    assert r.returncode != 0 and "is missing" in r.stderr and "--archive" in r.stderr
    r = call_cli("verify", str(tid), "--db", str(moved / "longarm.db"), cwd=elsewhere)
    assert r.returncode == 1 and "--archive" in (r.stdout + r.stderr)
    r = call_cli(
        "verify", str(tid), "--db", str(moved / "longarm.db"), "--archive", str(tmp_path / "arc2"), cwd=elsewhere
    )
    assert r.returncode == 0, r.stderr


@pytest.mark.slow  # a replay crawl in a subprocess
def test_crawl_records_its_archive(tmp_path: Path) -> None:
    from tests.core import replay_fixture

    warc = replay_fixture.build(tmp_path / "source.warc.gz")
    r = run_cli(
        "crawl", "hk_gov_press", "--replay", str(warc), "--db", "data/l.db", "--archive", "data/arc", cwd=tmp_path
    )
    assert r.returncode in (0, 3), r.stderr
    db = connect(tmp_path / "data" / "l.db")
    assert db.execute("SELECT value FROM store_settings WHERE key = 'archive'").fetchone()[0] == "arc"
