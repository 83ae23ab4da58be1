"""The store: schema creation and migration, idempotent upserts, stable threat ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from longarm.db import SCHEMA_VERSION, Store, connect
from longarm.spiders.registry import get_registry


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


def _doc(
    url: str = "https://www.info.gov.hk/gia/general/202307/03/P2023070300001.htm",
    text: str = "Police announced bounties.",
) -> dict:
    return {
        "source_id": "hk_gov_press",
        "url": url,
        "canonical_url": None,
        "title": "T",
        "published_at": "2023-07-03T21:05:00+08:00",
        "lang": "en",
        "text": text,
        "snapshot_id": None,
    }


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


BOUNTY_DETECTION = {
    "label": "action",
    "speaker": "Hong Kong Police Force",
    "speaker_kind": "hk_police",
    "targets": [],
    "instruments": ["bounty"],
    "quote": "Police announced bounties.",
    "start": 0,
    "end": 26,
    "score": 0.9,
}


def _store_with_document(tmp_path: Path) -> tuple[Store, int]:
    store = Store(tmp_path / "x.db")
    store.sync_sources(get_registry().values())
    doc_id, _ = store.upsert_document(_doc(), 1)
    return store, doc_id


def test_replace_threats_keeps_ids_and_other_versions(tmp_path: Path) -> None:
    """A new extractor version keeps the rows it finds again (same id) and retires, never deletes, the rest."""
    store, doc_id = _store_with_document(tmp_path)
    det = dict(BOUNTY_DETECTION)
    other = {**det, "label": "threat", "quote": "They will be pursued.", "start": 30, "end": 51}
    store.replace_threats(doc_id, [det, other], "v1", "en")
    ids = {r["quote"]: r["id"] for r in store.db.query("SELECT id, quote FROM threats")}
    store.replace_threats(doc_id, [det, other], "v1", "en")
    assert store.db["threats"].count == 2
    assert {r["quote"]: r["id"] for r in store.db.query("SELECT id, quote FROM threats")} == ids

    # v2 finds the first statement again (with a better speaker) and no longer the second
    store.replace_threats(doc_id, [{**det, "speaker": "Police National Security Department"}], "v2", "en")
    rows = {r["id"]: r for r in store.db.query("SELECT * FROM threats")}
    assert len(rows) == 2
    kept = rows[ids["Police announced bounties."]]
    assert kept["extractor_version"] == "v2" and kept["superseded_at"] is None
    assert kept["speaker"] == "Police National Security Department"
    retired = rows[ids["They will be pursued."]]
    assert retired["extractor_version"] == "v1" and retired["superseded_at"]

    # v3 finds nothing: nothing is deleted, everything is retired; v4 finds the second again: same row back
    store.replace_threats(doc_id, [], "v3", "en")
    assert store.db["threats"].count == 2
    assert store.db.execute("SELECT count(*) FROM threats WHERE superseded_at IS NULL").fetchone()[0] == 0
    store.replace_threats(doc_id, [other], "v4", "en")
    back = store.db["threats"].get(ids["They will be pursued."])
    assert back["superseded_at"] is None and back["extractor_version"] == "v4"
    assert store.db["documents"].get(doc_id)["extracted_version"] == "v4"


def test_superseded_statements_leave_search_but_stay_citable(tmp_path: Path) -> None:
    from longarm.db import citation
    from longarm.db import search as S

    store, doc_id = _store_with_document(tmp_path)
    det = dict(BOUNTY_DETECTION)
    store.replace_threats(doc_id, [det], "v1", "en")
    tid = store.db.execute("SELECT id FROM threats").fetchone()[0]
    S.rebuild_index(store.db)
    assert [r["id"] for r in S.search_threats(store.db, "bounties").rows] == [tid]
    store.replace_threats(doc_id, [], "v2", "en")
    S.index_new(store.db)
    res = S.search_threats(store.db, "bounties", count=True)
    assert res.rows == [] and res.total == 0
    c = citation.load(store.db, tid)
    assert c["quote"] == "Police announced bounties." and citation.as_json(c)["superseded_at"]


def test_schema_v2_retires_rows_of_earlier_versions(tmp_path: Path) -> None:
    """A database from before superseded_at: every version's rows were current; now only the last extraction is."""
    import sqlite3

    store, doc_id = _store_with_document(tmp_path)
    det = {**BOUNTY_DETECTION, "speaker": None, "speaker_kind": None, "instruments": []}
    store.replace_threats(doc_id, [det], "v1", "en")
    conn = sqlite3.connect(tmp_path / "x.db")
    conn.execute(
        'INSERT INTO threats (document_id, label, quote, start, "end", extractor_version, created_at) '
        "SELECT document_id, label, quote, start, \"end\", 'v0', created_at FROM threats"
    )
    conn.execute("UPDATE threats SET superseded_at = NULL")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    store = Store(tmp_path / "x.db")
    current = list(store.db.query("SELECT extractor_version FROM threats WHERE superseded_at IS NULL"))
    assert current == [{"extractor_version": "v1"}]


def test_interrupted_runs_are_marked(tmp_path: Path) -> None:
    store = Store(tmp_path / "x.db")
    r1 = store.start_run("crawl", ["hk_gov_press"])
    r2 = store.start_run("crawl", ["hk_gov_press"])
    assert store.db["runs"].get(r1)["status"] == "interrupted"
    assert store.db["runs"].get(r2)["status"] == "running"


def test_schema_version_is_the_number_of_migrations() -> None:
    """A new migration must move SCHEMA_VERSION with it (tests compare stores against it)."""
    from longarm.db.schema import MIGRATIONS, SCHEMA_VERSION

    assert SCHEMA_VERSION == len(MIGRATIONS)
