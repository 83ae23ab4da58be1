"""The re-check schedule and how outcomes are stored (longarm/rechecks.py), on a real SQLite store."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from longarm.config import RecheckConfig
from longarm.db import Store
from longarm.recheck_outcome import LiveAnswer
from longarm.rechecks import current_version, due_rechecks, plan_rechecks, recheck_counts, record_recheck

URL = "https://www.info.gov.hk/gia/general/202405/20/P1.htm"
Q1 = "A reward of HK$1 million is offered for each absconder."
Q2 = "They will be pursued for life."
TEXT = f"Police issue arrest warrants. {Q1} {Q2}"
FIRST = datetime(2026, 1, 10, 3, 0, tzinfo=timezone.utc)


class FakeExtractor:
    """Finds every sentence that mentions a reward or pursuit: enough to see statements re-extracted."""

    def extract(self, text: str, lang: str | None = None, publisher: Any = None) -> list[dict[str, Any]]:
        out = []
        for sentence in [s.strip() + "." for s in text.split(".") if s.strip()]:
            if "reward" in sentence or "pursued" in sentence:
                start = text.index(sentence)
                out.append({"label": "threat", "quote": sentence, "start": start, "end": start + len(sentence)})
        return out


def _store(tmp_path: Path, *, with_statements: bool = True, url: str = URL) -> tuple[Store, int]:
    store = Store(tmp_path / "t.db")
    store.db.table("sources").upsert({"id": "hk_gov", "name": "HK Gov", "kind": "hk_government"}, pk="id")
    snaps = store.db.table("snapshots")
    snaps.insert({"url": url, "captured_at": "2026-01-10T03:00:00Z", "status": 200, "sha256": "a" * 64, "etag": '"e1"'})
    snap = snaps.last_pk
    doc_id, _ = store.upsert_document(
        {"source_id": "hk_gov", "url": url, "text": TEXT, "lang": "en", "snapshot_id": snap}, run_id=None
    )
    store.db.execute("UPDATE documents SET first_seen = '2026-01-10T03:00:00Z' WHERE id = ?", [doc_id])
    store.db.conn.commit()
    if with_statements:
        store.replace_threats(doc_id, FakeExtractor().extract(TEXT), "test-1", "en")
    return store, doc_id


def test_schedule_follows_the_configured_days(tmp_path: Path) -> None:
    store, doc_id = _store(tmp_path)
    assert plan_rechecks(store.db, RecheckConfig(days=(1, 7, 30))) == 3
    assert plan_rechecks(store.db, RecheckConfig(days=(1, 7, 30))) == 0  # idempotent
    rows = list(store.db.query("SELECT step_days, due_at, status FROM rechecks ORDER BY step_days"))
    assert [(r["step_days"], r["due_at"]) for r in rows] == [
        (1, "2026-01-11T03:00:00Z"),
        (7, "2026-01-17T03:00:00Z"),
        (30, "2026-02-09T03:00:00Z"),
    ]
    assert due_rechecks(store.db, FIRST + timedelta(hours=11)) == []
    # a step due within early_hours (12, recheck.toml) is made tonight: an article stored during a nightly
    # run comes due a little after the next run's start, and would otherwise wait one more night
    assert len(due_rechecks(store.db, FIRST + timedelta(hours=13))) == 1
    due = due_rechecks(store.db, FIRST + timedelta(days=8))
    assert len(due) == 1 and due[0].document_id == doc_id and len(due[0].recheck_ids) == 2  # steps 1 and 7
    assert due[0].etag == '"e1"'  # conditional request validators of the current version


def test_documents_without_statements_only_when_configured(tmp_path: Path) -> None:
    store, _ = _store(tmp_path, with_statements=False)
    assert plan_rechecks(store.db, RecheckConfig(days=(1,))) == 0
    assert (
        plan_rechecks(store.db, RecheckConfig(days=(1,), without_detections=True, without_detections_days=(30,))) == 1
    )
    assert [r["step_days"] for r in store.db.query("SELECT step_days FROM rechecks")] == [30]
    assert plan_rechecks(store.db, RecheckConfig(enabled=False)) == 0


def _due(store: Store, days: int = 2) -> Any:
    plan_rechecks(store.db, RecheckConfig(days=(1, 7)))
    return due_rechecks(store.db, FIRST + timedelta(days=days))[0]


def test_edited_keeps_the_first_capture_and_adds_a_version(tmp_path: Path) -> None:
    store, doc_id = _store(tmp_path)
    due = _due(store)
    new_text = f"Police issue arrest warrants. {Q1} They are urged to return."
    when = FIRST + timedelta(days=2)
    out = record_recheck(
        store.db,
        due,
        LiveAnswer(url=URL, status=200, final_url=URL, page_text=new_text, extracted_text=new_text),
        snapshot_id=None,
        extractor=FakeExtractor(),
        extractor_version="test-1",
        now=when,
    )
    assert out.kind == "edited"
    doc = next(store.db.query("SELECT text FROM documents WHERE id = ?", [doc_id]))
    assert doc["text"] == TEXT  # the first capture's text, which its statements index, is untouched
    version = current_version(store.db, doc_id)
    assert version["version"] == 2 and version["text"] == new_text
    threats = {r["quote"]: r for r in store.db.query("SELECT * FROM threats WHERE document_id = ?", [doc_id])}
    assert threats[Q2]["removed_from_source_at"] == "2026-01-12"
    assert threats[Q1]["removed_from_source_at"] is None
    statements = list(store.db.query("SELECT quote, threat_id FROM version_statements"))
    assert statements == [{"quote": Q1, "threat_id": threats[Q1]["id"]}]
    rc = list(store.db.query("SELECT status, outcome, version_id FROM rechecks WHERE status = 'done'"))
    assert rc == [{"status": "done", "outcome": "edited", "version_id": 1}]
    # the next re-check compares with the new version: the same text again is unchanged
    plan_rechecks(store.db, RecheckConfig(days=(1, 7)))
    later = due_rechecks(store.db, FIRST + timedelta(days=8))[0]
    again = LiveAnswer(url=URL, status=200, final_url=URL, page_text=new_text, extracted_text=new_text)
    assert record_recheck(store.db, later, again, snapshot_id=None, now=FIRST + timedelta(days=8)).kind == "unchanged"
    assert store.db["document_versions"].count == 1


def test_gone_marks_every_statement_removed_once(tmp_path: Path) -> None:
    store, doc_id = _store(tmp_path)
    due = _due(store, days=8)
    out = record_recheck(
        store.db, due, LiveAnswer(url=URL, status=404), snapshot_id=None, now=FIRST + timedelta(days=8)
    )
    assert out.kind == "gone"
    dates = [
        r["removed_from_source_at"] for r in store.db.query("SELECT * FROM threats WHERE document_id = ?", [doc_id])
    ]
    assert dates == ["2026-01-18", "2026-01-18"]
    assert recheck_counts(store.db, FIRST + timedelta(days=8)) == {
        "due": 0,
        "scheduled": 0,
        "failed": 0,
        "done_gone": 2,
    }


def test_unreachable_is_retried_next_night_and_never_gone(tmp_path: Path) -> None:
    store, doc_id = _store(tmp_path)
    due = _due(store)
    night = FIRST + timedelta(days=2)
    out = record_recheck(store.db, due, LiveAnswer(url=URL, status=503), snapshot_id=None, now=night)
    assert out.kind == "unreachable"
    assert due_rechecks(store.db, night + timedelta(hours=1)) == []  # not again the same night
    assert len(due_rechecks(store.db, night + timedelta(days=1))) == 1  # due again the next night
    assert all(r["removed_from_source_at"] is None for r in store.db.query("SELECT * FROM threats"))


def test_repeated_failures_close_the_recheck_as_failed(tmp_path: Path) -> None:
    from longarm.recheck_outcome import load_markers

    store, _ = _store(tmp_path)
    night = FIRST + timedelta(days=2)
    for i in range(load_markers().max_attempts):
        due = due_rechecks(store.db, night + timedelta(days=i)) if i else [_due(store)]
        assert due, f"attempt {i + 1} not due"
        record_recheck(
            store.db,
            due[0],
            LiveAnswer(url=URL, error="DNSLookupError"),
            snapshot_id=None,
            now=night + timedelta(days=i),
        )
    rows = list(store.db.query("SELECT status, outcome FROM rechecks WHERE step_days = 1"))
    assert rows == [{"status": "failed", "outcome": "unreachable"}]
    assert all(r["removed_from_source_at"] is None for r in store.db.query("SELECT * FROM threats"))


@pytest.mark.parametrize("bad", ["[recheck]\ndays = [-1]\n", '[recheck]\ndays = "daily"\n'])
def test_bad_recheck_config_is_named(tmp_path: Path, bad: str) -> None:
    from longarm.config import ConfigError, load_config

    path = tmp_path / "longarm.toml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[recheck\] days"):
        load_config(path)


def test_recheck_config_read(tmp_path: Path) -> None:
    from longarm.config import load_config

    path = tmp_path / "longarm.toml"
    path.write_text("[recheck]\ndays = [30, 1, 7]\nwithout_detections = true\n", encoding="utf-8")
    cfg = load_config(path).recheck
    assert cfg.days == (1, 7, 30) and cfg.without_detections and cfg.without_detections_days == (30, 365)


def test_health_counts_and_site_problem(tmp_path: Path) -> None:
    from longarm.rechecks import recheck_counts_by_source, site_problems

    store, _ = _store(tmp_path)
    _, other = _store(tmp_path, url=URL.replace("P1", "P2"))
    plan_rechecks(store.db, RecheckConfig(days=(1, 7)))
    night = FIRST + timedelta(days=2)
    for due in due_rechecks(store.db, night):
        record_recheck(store.db, due, LiveAnswer(url=due.url, status=503), snapshot_id=None, run_id=9, now=night)
    assert site_problems(store.db, 9) == {"hk_gov": 2}
    counts = recheck_counts_by_source(store.db, night)["hk_gov"]
    assert counts == {"due": 0, "done": 0, "failed": 0, "unreachable": 2, "gone": 0, "edited": 0}
    # one page of the site answers (gone): the site works, no site problem
    next_night = night + timedelta(days=1)
    for due, status in zip(due_rechecks(store.db, next_night), (404, 503)):
        answer = LiveAnswer(url=due.url, status=status)
        record_recheck(store.db, due, answer, snapshot_id=None, run_id=10, now=next_night)
    assert site_problems(store.db, 10) == {}
    assert recheck_counts_by_source(store.db, next_night)["hk_gov"]["gone"] == 1


def test_max_per_night_spreads_a_backlog_oldest_first(tmp_path: Path) -> None:
    """[recheck] max_per_night: the longest overdue articles first, the rest on later nights (logged)."""
    from types import SimpleNamespace

    from longarm.crawl import _due_rechecks

    store, first_doc = _store(tmp_path)
    snaps = store.db.table("snapshots")
    docs = [first_doc]
    for k in range(1, 4):  # three more articles, each captured a day later than the one before
        url = URL.replace("P1", f"P{k + 1}")
        snaps.insert({"url": url, "captured_at": f"2026-01-1{k}T03:00:00Z", "status": 200, "sha256": str(k) * 64})
        doc_id, _ = store.upsert_document(
            {"source_id": "hk_gov", "url": url, "text": TEXT, "lang": "en", "snapshot_id": snaps.last_pk}, run_id=None
        )
        store.db.execute("UPDATE documents SET first_seen = ? WHERE id = ?", [f"2026-01-1{k}T03:00:00Z", doc_id])
        store.replace_threats(doc_id, FakeExtractor().extract(TEXT), "test-1", "en")
        docs.append(doc_id)
    store.db.conn.commit()
    rt = SimpleNamespace(now=FIRST + timedelta(days=10), replay=None, count=lambda *a: None)
    capped = _due_rechecks(store, RecheckConfig(days=(1,), max_per_night=3), ["hk_gov"], rt)
    assert [d.document_id for d in capped["hk_gov"]] == docs[:3]  # the oldest three
    everything = _due_rechecks(store, RecheckConfig(days=(1,)), ["hk_gov"], rt)
    assert [d.document_id for d in everything["hk_gov"]] == docs


def test_max_per_night_is_checked_in_the_config(tmp_path: Path) -> None:
    from longarm.config import ConfigError, load_config

    good = tmp_path / "good.toml"
    good.write_text("[recheck]\nmax_per_night = 500\n", encoding="utf-8")
    assert load_config(good).recheck.max_per_night == 500
    bad = tmp_path / "bad.toml"
    bad.write_text("[recheck]\nmax_per_night = -1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="max_per_night"):
        load_config(bad)


@pytest.mark.parametrize(
    "args, message",
    [
        (["--as-of", "2025-08-02"], "--as-of needs --replay"),
        (["--replay", "REPLAY", "--as-of", "last tuesday"], "--as-of 'last tuesday' is not a time"),
        (["--replay", "REPLAY", "--as-of", "2025-08-02T10:00:00"], "has no time zone"),
    ],
)
def test_crawl_replay_as_of_bad_input_is_named(tmp_path: Path, args: list[str], message: str) -> None:
    """Refused before any crawl starts (exit 2, the value named): in-process is safe, no reactor runs."""
    from tests.conftest import call_cli

    replay = tmp_path / "archive.warc.gz"
    replay.write_bytes(b"")
    args = [str(replay) if a == "REPLAY" else a for a in args]
    res = call_cli("crawl", *args, "--db", str(tmp_path / "x.db"), "--archive", str(tmp_path / "a"))
    assert res.returncode == 2 and message in res.stderr, res.stderr
