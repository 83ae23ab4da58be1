"""`longarm export csv|jsonl|plover` and the Python API: every detection, with its citation, round-trips."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import longarm
from longarm.api import LongarmError
from longarm.db import connect
from longarm.detections import FIELDS, plover_event, read_csv
from tests.conftest import call_cli


def _current(db_path: Path) -> dict[int, dict]:
    db = connect(db_path)
    rows = {r["id"]: r for r in db.query("SELECT * FROM threats WHERE superseded_at IS NULL")}
    db.conn.close()
    return rows


def test_csv_round_trips_every_detection_with_its_citation(indexed, tmp_path: Path) -> None:
    out = tmp_path / "d.csv"
    r = call_cli("export", "csv", str(out), *indexed.cli_args())
    assert r.returncode == 0, r.stderr
    assert not (tmp_path / "d.csv.part").exists()
    rows = read_csv(out.read_text(encoding="utf-8"))
    assert list(rows[0]) == FIELDS
    stored = _current(indexed.db_path)
    assert {int(x["threat_id"]) for x in rows} == set(stored) and len(rows) == len(stored)
    for x in rows:
        t = stored[int(x["threat_id"])]
        assert x["quote"] == t["quote"]
        assert x["targets"] == json.loads(t["targets"])
        assert x["instruments"] == json.loads(t["instruments"])
        assert len(x["payload_sha256"]) == 64 and x["warc_file"] and x["url"].startswith("https://")
        assert x["quote"] in x["citation"] and x["payload_sha256"] in x["citation"]
    assert f"wrote {len(stored)} detection(s) as csv" in r.stderr


def test_jsonl_to_stdout_keeps_lists_and_every_field(indexed) -> None:
    r = call_cli("export", "jsonl", "-", *indexed.cli_args())
    assert r.returncode == 0, r.stderr
    recs = [json.loads(line) for line in r.stdout.splitlines()]
    stored = _current(indexed.db_path)
    assert {x["threat_id"] for x in recs} == set(stored)
    for x in recs:
        assert set(FIELDS) <= set(x)
        assert x["targets"] == json.loads(stored[x["threat_id"]]["targets"])
        assert x["captured_at_utc"].endswith("Z")
    dates = [x["published_date"] for x in recs]
    assert dates == sorted(dates)


def test_plover_records_code_threats_and_actions(indexed) -> None:
    r = call_cli("export", "plover", "-", *indexed.cli_args())
    assert r.returncode == 0, r.stderr
    events = {e["event_id"]: e for e in map(json.loads, r.stdout.splitlines())}
    assert len(events) == len(_current(indexed.db_path))
    bounty = events[f"longarm-{indexed.tid('警方懸紅一百萬港元')}"]
    assert (bounty["event_type"], bounty["mode"], bounty["actor"]) == (
        "COERCE",
        "arrest",
        "National Security Department",
    )
    assert bounty["actor_country"] == "HKG" and bounty["recipient"] == ["Nathan Law Kwun-chung"]
    assert bounty["event_date"] == "2023-07-03" and bounty["quote"].startswith("警方懸紅")
    warning = events[f"longarm-{indexed.tid('arrest warrants issued for fugitive')}"]
    assert (warning["event_type"], warning["mode"], warning["actor_country"]) == ("THREATEN", "arrest", "CHN")
    assert warning["source_id"] == "global_times" and warning["citation"]


def test_plover_mode_follows_the_priority_of_instruments() -> None:
    base = {"threat_id": 1, "label": "action", "speaker_kind": "prc_government"}
    assert plover_event({**base, "instruments": ["bounty", "extradition"]})["mode"] == "deport"
    assert plover_event({**base, "instruments": ["bounty", "extradition"]})["modes"] == ["deport", "arrest"]
    assert plover_event({**base, "instruments": ["passport_cancellation"]})["mode"] == "restrict"
    assert plover_event({**base, "instruments": []})["event_type"] == "COERCE"
    assert plover_event({**base, "label": "threat", "instruments": ["nsl"]})["event_type"] == "THREATEN"


def test_selection_and_bad_input(indexed, tmp_path: Path) -> None:
    r = call_cli("export", "jsonl", "-", "--source", "xinhua", "--label", "action", *indexed.cli_args())
    recs = [json.loads(line) for line in r.stdout.splitlines()]
    assert r.returncode == 0 and len(recs) == 1 and recs[0]["source_id"] == "xinhua"
    r = call_cli("export", "csv", "-", "--since", "2024", "--until", "2024-12", *indexed.cli_args())
    assert r.returncode == 0 and {x["published_date"][:4] for x in read_csv(r.stdout)} == {"2024"}
    for bad in (["--since", "soon"], ["--source", "nope"]):
        r = call_cli("export", "csv", "-", *bad, *indexed.cli_args())
        assert r.returncode == 2 and bad[1] in r.stderr, r.stderr
    r = call_cli("export", "csv", str(tmp_path / "no" / "such" / "x.csv"), *indexed.cli_args())
    assert r.returncode == 2 and "does not exist" in r.stderr
    r = call_cli("export", "wacz", str(tmp_path / "x.wacz"), "--label", "threat", *indexed.cli_args())
    assert r.returncode == 2 and "not wacz" in r.stderr


def test_superseded_statements_only_on_request(store_copy) -> None:
    db = connect(store_copy.db_path)
    tid = store_copy.tid("无论逃到哪里")
    db.execute("UPDATE threats SET superseded_at = '2026-01-01T00:00:00Z' WHERE id = ?", [tid])
    db.conn.commit()
    db.conn.close()
    r = call_cli("export", "jsonl", "-", "--db", str(store_copy.db_path))
    assert tid not in {json.loads(x)["threat_id"] for x in r.stdout.splitlines()}
    r = call_cli("export", "jsonl", "-", "--include-superseded", "--db", str(store_copy.db_path))
    recs = {json.loads(x)["threat_id"]: json.loads(x) for x in r.stdout.splitlines()}
    assert recs[tid]["superseded_at"] == "2026-01-01T00:00:00Z"


# -- the Python API ------------------------------------------------------------------


def test_python_api_search_detections_citation_verify(store_copy) -> None:
    with longarm.open(store_copy.db_path, archive=store_copy.archive) as lg:
        hits = lg.search("紅色通緝令")  # finds the Chinese quote first, the English one through the synonyms
        assert [h["id"] for h in hits] == [store_copy.tid("紅色通緝令"), store_copy.tid("red notice through")]
        assert hits[0]["highlights"] and isinstance(hits[0]["targets"], list)
        assert {h["id"] for h in lg.search("bounty", source="xinhua")} == {store_copy.tid("悬赏一百万港元")}
        recs = lg.detections(label="action")
        assert {r["label"] for r in recs} == {"action"} and len(recs) == 2
        # pandas-ready: flat records, values are scalars or lists of strings
        for r in recs:
            for v in r.values():
                assert v is None or isinstance(v, (str, int, float)) or all(isinstance(x, str) for x in v)
        events = lg.plover(since="2023", until="2023")
        assert {e["event_date"][:4] for e in events} == {"2023"}
        tid = store_copy.tid("red notice through INTERPOL")
        assert lg.citation(tid)["payload_sha256"]
        assert "longarm threat" in lg.citation(tid, "md")
        assert lg.verify(tid)["ok"] is True
        assert {s["id"] for s in lg.sources()} >= {"xinhua", "hk_gov_press"}
        with pytest.raises(LongarmError, match="no threat with id 999999"):
            lg.citation(999999)
        with pytest.raises(LongarmError, match="not a date"):
            lg.detections(since="soon")
        with pytest.raises(LongarmError, match="limit"):
            lg.search("bounty", limit=0)


def test_python_api_missing_database(tmp_path: Path) -> None:
    with pytest.raises(LongarmError, match="no longarm database"):
        longarm.open(tmp_path / "nope.db")
    assert not (tmp_path / "nope.db").exists()
