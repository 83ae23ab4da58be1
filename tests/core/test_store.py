"""The store: schema creation and migration, idempotent upserts, stable threat ids."""
from __future__ import annotations

from pathlib import Path

import pytest

from db import SCHEMA_VERSION, Store, connect
from spiders.registry import get_registry


def test_schema_created_in_wal_mode(tmp_path: Path) -> None:
    db = connect(tmp_path / "x.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    for t in ("sources", "runs", "run_sources", "snapshots", "revisits", "documents", "threats", "people", "aliases"):
        assert t in db.table_names()
    # migrating again is a no-op
    db2 = connect(tmp_path / "x.db")
    assert db2.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_refuses_missing_database_when_asked(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no longarm database"):
        Store(tmp_path / "missing.db", create=False)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    db = connect(tmp_path / "x.db")
    db.execute("PRAGMA user_version = 99")
    with pytest.raises(RuntimeError, match="newer than this longarm"):
        connect(tmp_path / "x.db")


def _doc(url: str = "https://www.info.gov.hk/gia/general/202307/03/P2023070300001.htm", text: str = "Police announced bounties.") -> dict:
    return {"source_id": "hk_gov_press", "url": url, "canonical_url": None, "title": "T",
            "published_at": "2023-07-03T21:05:00+08:00", "lang": "en", "text": text, "snapshot_id": None}


def test_document_upsert_is_idempotent(tmp_path: Path) -> None:
    store = Store(tmp_path / "x.db")
    store.sync_sources(get_registry().values())
    store.sync_sources(get_registry().values())
    assert store.db["sources"].count == 15
    a, changed_a = store.upsert_document(_doc(), 1)
    b, changed_b = store.upsert_document(_doc(), 2)
    assert (a, changed_a) == (b, True) or (a == b and changed_a and not changed_b)
    assert not changed_b
    assert store.db["documents"].count == 1
    c, changed_c = store.upsert_document(_doc(text="Police announced more bounties."), 3)
    assert c == a and changed_c
    row = store.db["documents"].get(a)
    assert row["text"] == "Police announced more bounties." and row["extracted_version"] is None
    assert row["published_date"] == "2023-07-03"


def test_replace_threats_keeps_ids_and_other_versions(tmp_path: Path) -> None:
    store = Store(tmp_path / "x.db")
    store.sync_sources(get_registry().values())
    doc_id, _ = store.upsert_document(_doc(), 1)
    det = {"label": "action", "speaker": "Hong Kong Police Force", "speaker_kind": "hk_police", "targets": [],
           "instruments": ["bounty"], "quote": "Police announced bounties.", "start": 0, "end": 26, "score": 0.9}
    store.replace_threats(doc_id, [det], "v1", "en")
    first_id = store.db.execute("SELECT id FROM threats").fetchone()[0]
    store.replace_threats(doc_id, [det], "v1", "en")
    assert store.db["threats"].count == 1
    assert store.db.execute("SELECT id FROM threats").fetchone()[0] == first_id
    store.replace_threats(doc_id, [det], "v2", "en")
    assert store.db["threats"].count == 2
    store.replace_threats(doc_id, [], "v2", "en")
    assert store.db["threats"].count == 1  # v1 untouched
    assert store.db["documents"].get(doc_id)["extracted_version"] == "v2"


def test_interrupted_runs_are_marked(tmp_path: Path) -> None:
    store = Store(tmp_path / "x.db")
    r1 = store.start_run("crawl", ["hk_gov_press"])
    r2 = store.start_run("crawl", ["hk_gov_press"])
    assert store.db["runs"].get(r1)["status"] == "interrupted"
    assert store.db["runs"].get(r2)["status"] == "running"
