"""Figures attached to stored statements after extraction: table, migration, `extract`, exports."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from longarm.db import SCHEMA_VERSION, Store, connect
from longarm.extraction_runner import attach_quantities, extract_one
from longarm.nlp.quantities import quantities_version
from tests.conftest import call_cli


def _figures(db_path: Path) -> dict[int, list[dict]]:
    db = connect(db_path)
    out: dict[int, list[dict]] = {}
    for r in db.query("SELECT * FROM quantities ORDER BY threat_id, start"):
        out.setdefault(r["threat_id"], []).append(r)
    db.conn.close()
    return out


def test_attach_fills_every_current_statement_once(store_copy) -> None:
    store = Store(store_copy.db_path)
    assert attach_quantities(store) == len(store_copy.threat_ids)
    assert attach_quantities(store) == 0  # nothing left for this reader version
    versions = {r[0] for r in store.db.execute("SELECT quantities_version FROM threats")}
    store.close()
    assert versions == {quantities_version()}
    figs = _figures(store_copy.db_path)
    hk = figs[store_copy.tid("警方懸紅一百萬港元")]
    assert [(f["value"], f["currency"], f["counted"], f["text"]) for f in hk] == [
        (1_000_000, "HKD", "reward", "一百萬港元")
    ]
    en = figs[store_copy.tid("red notice through INTERPOL")]
    assert [(f["value"], f["currency"], f["text"]) for f in en] == [(1_000_000, "HKD", "HK$1 million")]
    xinhua = figs[store_copy.tid("悬赏一百万港元")]
    assert {(f["unit"], f["value"]) for f in xinhua} == {("person", 5), ("money", 1_000_000)}
    assert store_copy.tid("arrest warrants issued for fugitive") not in figs  # no figure in it


def test_extract_one_reads_figures_after_extraction(tmp_path: Path) -> None:
    class OneDetection:
        """An extractor stand-in: the figure reader runs on whatever the extractor returns."""

        def extract(self, text, lang=None, publisher=None):
            quote = "每人懸紅100萬元"
            start = text.index(quote)
            return [
                {
                    "label": "action",
                    "speaker": "Hong Kong Police Force",
                    "speaker_kind": "hk_police",
                    "targets": [],
                    "instruments": ["bounty"],
                    "quote": quote,
                    "start": start,
                    "end": start + len(quote),
                    "score": 0.9,
                }
            ]

    store = Store(tmp_path / "x.db")
    store.sync_sources([])
    did, _ = store.upsert_document(
        {
            "source_id": None,
            "url": "https://example.org/a",
            "text": "警方發出通緝令，每人懸紅100萬元。",
            "lang": "zh-Hant",
        },
        None,
    )
    assert extract_one(store, OneDetection(), did, "警方發出通緝令，每人懸紅100萬元。", "zh-Hant") == 1
    row = next(store.db.query("SELECT * FROM quantities"))
    assert (row["value"], row["currency"], row["per_person"], row["text"]) == (1_000_000, "HKD", 1, "100萬元")
    store.close()


def test_older_store_is_upgraded_and_extract_fills_figures(store_copy) -> None:
    conn = sqlite3.connect(store_copy.db_path)
    conn.execute("DROP TABLE IF EXISTS quantities")
    conn.execute("ALTER TABLE threats DROP COLUMN quantities_version")
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()
    r = call_cli("extract", "--db", str(store_copy.db_path), "--archive", str(store_copy.archive))
    assert r.returncode == 0, r.stderr
    db = connect(store_copy.db_path)
    current = db.execute("SELECT COUNT(*) FROM threats WHERE superseded_at IS NULL").fetchone()[0]
    unread = db.execute(
        "SELECT COUNT(*) FROM threats WHERE superseded_at IS NULL AND quantities_version IS NULL"
    ).fetchone()[0]
    assert current > 0 and unread == 0
    assert f"figures read for {current} statement(s)" in r.stdout
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.conn.close()
    assert store_copy.tid("警方懸紅一百萬港元") in _figures(store_copy.db_path)


def test_exports_carry_the_figures(store_copy) -> None:
    store = Store(store_copy.db_path)
    attach_quantities(store)
    store.close()
    r = call_cli("export", "jsonl", "-", "--db", str(store_copy.db_path))
    recs = {x["threat_id"]: x for x in map(json.loads, r.stdout.splitlines())}
    q = recs[store_copy.tid("警方懸紅一百萬港元")]["quantities"]
    assert q == [
        {
            "value": 1_000_000,
            "unit": "money",
            "currency": "HKD",
            "counted": "reward",
            "period": None,
            "per_person": False,
            "approximate": False,
            "text": "一百萬港元",
            "start": 4,
            "end": 9,
        }
    ]
    from longarm.detections import read_csv

    r = call_cli("export", "csv", "-", "--db", str(store_copy.db_path))
    rows = {int(x["threat_id"]): x for x in read_csv(r.stdout)}
    assert rows[store_copy.tid("警方懸紅一百萬港元")]["quantities"] == q
