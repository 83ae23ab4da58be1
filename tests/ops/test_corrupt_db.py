"""A run refuses to write into a damaged database and says how to recover it (issue 10, point 6)."""

from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from longarm.db import Store
from longarm.db.integrity import CorruptDatabaseError, check_before_writing, quick_check_problems
from longarm.spiders.registry import get_registry
from tests.conftest import call_cli, run_cli
from tests.ops import fixture

PAGE = 4096


def _store_with_rows(path: Path, n: int = 300) -> None:
    store = Store(path)
    store.sync_sources(get_registry().values())
    run_id = store.start_run("crawl", ["hk_gov_press"])
    for i in range(n):
        store.upsert_document(
            {
                "source_id": "hk_gov_press",
                "url": f"https://www.info.gov.hk/gia/x/{i}.htm",
                "title": f"T{i}",
                "published_at": None,
                "lang": "en",
                "text": "words " * 200,
            },
            run_id,
        )
    store.close()  # the last connection to close checkpoints the WAL into the file


def _damage(path: Path) -> None:
    """Overwrite a few pages in the middle of the file (b-tree pages of the documents table)."""
    size = path.stat().st_size
    assert size > 40 * PAGE
    with open(path, "r+b") as fh:
        for page in (size // PAGE // 2, size // PAGE // 2 + 3):
            fh.seek(page * PAGE)
            fh.write(b"\xa5" * PAGE)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    db = tmp_path / "l.db"
    _store_with_rows(db)
    assert quick_check_problems(db) == []
    _damage(db)
    for suffix in ("-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    return db


def test_quick_check_finds_damage_and_the_message_says_how_to_recover(damaged: Path, tmp_path: Path) -> None:
    assert quick_check_problems(damaged)
    with pytest.raises(CorruptDatabaseError) as ei:
        check_before_writing(damaged)
    msg = str(ei.value)
    assert str(damaged) in msg and "damaged" in msg and ".recover" in msg and "nothing was written" in msg
    assert quick_check_problems(tmp_path / "absent.db") == []  # a new database is created, not checked
    not_db = tmp_path / "notes.db"
    not_db.write_text("these are my notes, not a database\n" * 200)
    assert "not a database" in " ".join(quick_check_problems(not_db))


@pytest.mark.parametrize(
    "command",
    [
        pytest.param("crawl", marks=pytest.mark.slow),  # the crawl command in a subprocess
        pytest.param("nightly", marks=pytest.mark.slow),  # the nightly command in a subprocess
        "extract",
    ],
)
def test_runs_refuse_a_damaged_database_and_leave_it_as_it_was(damaged: Path, tmp_path: Path, command: str) -> None:
    warc = fixture.build(tmp_path / "src.warc.gz", n=3)
    before = _sha(damaged)
    args = {
        "crawl": ["crawl", "hk_gov_press", "--replay", str(warc)],
        "nightly": ["nightly", "--replay", str(warc), "--no-deliver", "--digest-dir", str(tmp_path / "d")],
        "extract": ["extract"],
    }[command]
    # crawl and nightly would start Twisted's reactor if they did not refuse: a subprocess each
    run = call_cli if command == "extract" else run_cli
    res = run(*args, "--db", str(damaged), "--archive", str(tmp_path / "archive"), cwd=tmp_path)
    assert res.returncode == 1, res.stderr
    assert "is damaged" in res.stderr and ".recover" in res.stderr, res.stderr
    assert _sha(damaged) == before
    assert not list((tmp_path / "archive").rglob("*.warc.gz"))  # nothing crawled either


@pytest.mark.skipif(shutil.which("sqlite3") is None, reason="the sqlite3 command-line tool is not installed")
def test_the_recovery_docs_operations_gives_works(damaged: Path) -> None:
    """`.recover`, or where the sqlite3 build cannot run it, the documented `.dump` fallback."""
    recovered = damaged.with_name("l.recovered.db")
    rec = subprocess.run(["sqlite3", str(damaged), ".recover"], capture_output=True)
    if rec.returncode == 0:
        subprocess.run(["sqlite3", str(recovered)], input=rec.stdout, capture_output=True, check=True)
    else:
        assert b"SQL logic error" in rec.stderr, rec.stderr  # the known broken build, documented
        dump = subprocess.run(["sqlite3", str(damaged), ".dump"], capture_output=True).stdout
        dump = re.sub(rb"(?m)^ROLLBACK;.*$", b"COMMIT;", dump)
        subprocess.run(["sqlite3", str(recovered)], input=dump, capture_output=True, check=True)
        version = subprocess.run(
            ["sqlite3", str(damaged), "pragma user_version"], capture_output=True, text=True, check=True
        ).stdout.strip()
        subprocess.run(["sqlite3", str(recovered), f"pragma user_version = {version}"], check=True)
    assert quick_check_problems(recovered) == []
    c = sqlite3.connect(recovered)
    try:
        assert 250 < c.execute("SELECT COUNT(*) FROM documents").fetchone()[0] <= 300
    finally:
        c.close()
    check_before_writing(recovered)
    Store(recovered).close()  # opens (and migrates) as a longarm database again


def test_rows_pointing_at_rows_a_recovery_lost_are_removed_for_the_crawl_to_rebuild(tmp_path: Path) -> None:
    from longarm.db.integrity import repair_dangling_rows
    from tests.ops.seed import seed

    text = "The Police said arrest warrants were issued against Nathan Law Kwun-chung. Rewards are offered."
    items = [
        {
            "source_id": "hk_gov_press",
            "url": f"https://www.info.gov.hk/gia/general/202307/0{i}/P{i}.htm",
            "title": f"T{i}",
            "published_at": "2023-07-0{i}T12:00:00+08:00",
            "text": text,
            "created_at": "2023-07-04T12:00:00Z",
            "detections": [{"label": "action", "speaker": "Hong Kong Police Force", "start": 0, "end": 40}],
        }
        for i in (1, 2, 3)
    ]
    db = tmp_path / "l.db"
    seed(db, items)
    store = Store(db)
    assert repair_dangling_rows(store.db) == {}  # a sound store: nothing to do
    c = store.db
    docs = {r["url"]: (r["id"], r["snapshot_id"]) for r in c.query("SELECT id, url, snapshot_id FROM documents")}
    (lost_doc, _), (_, lost_snap), (kept, _) = (docs[i["url"]] for i in items)
    c.execute("PRAGMA foreign_keys = OFF")  # as a recovery leaves it: rows gone under their references
    c.execute("DELETE FROM documents WHERE id = ?", [lost_doc])
    c.execute("DELETE FROM snapshots WHERE id = ?", [lost_snap])
    c.conn.commit()
    c.execute("PRAGMA foreign_keys = ON")
    assert repair_dangling_rows(c) == {"threats": 2, "documents": 1}
    assert list(c.execute("PRAGMA foreign_key_check")) == []
    assert [r[0] for r in c.execute("SELECT id FROM documents")] == [kept]
    assert [r[0] for r in c.execute("SELECT document_id FROM threats")] == [kept]
    assert items[1]["url"] not in store.known_articles()  # fetched again by the next crawl
    store.close()
