"""`longarm demo` as a new user runs it: from an empty folder, twice, with relative paths.

The first session's demo passed every unit test and still stored nothing: the
replay index kept relative WARC paths that were later read against "/". This
runs the real command end to end so that cannot happen again.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from longarm.db import connect
from longarm.pipelines.warc_reader import read_response_at
from tests.conftest import run_cli

pytestmark = pytest.mark.slow  # end-to-end: runs `longarm demo` on the bundled archive


def _manifest_pages() -> list[dict]:
    """The demo manifest's pages, with the note saying whether each is on topic."""
    import tomllib

    from longarm.commands.demo import MANIFEST

    return tomllib.loads(MANIFEST.read_text(encoding="utf-8"))["page"]


def test_demo_stores_documents_and_threats(demo_runs: dict) -> None:
    first = demo_runs["first"]
    assert first.returncode == 0, first.stderr
    c = demo_runs["counts1"]
    assert c["documents"] >= 100 and c["threats"] >= 100 and c["snapshots"] >= 150
    assert "run 1: finished" in first.stdout


def test_demo_is_quiet_on_stderr(demo_runs: dict) -> None:
    """Cron mails whatever reaches stderr: only warnings about real problems belong there."""
    for run in (demo_runs["first"], demo_runs["second"]):
        lines = [ln for ln in run.stderr.splitlines() if ln.strip()]
        assert all(ln.startswith("WARNING ") for ln in lines), run.stderr[:2000]
        assert len(lines) <= 5, run.stderr[:2000]


def test_second_demo_adds_no_rows_and_stays_finished(demo_runs: dict) -> None:
    assert demo_runs["second"].returncode == 0, demo_runs["second"].stderr
    assert demo_runs["counts2"] == demo_runs["counts1"]
    assert "run 3: finished" in demo_runs["second"].stdout  # runs 1 and 2: the first demo's two nights


def test_demo_shows_edited_and_removed_statements(demo_runs: dict) -> None:
    """The re-check night of the bundled archive: one page edited, one 404, one soft "not found" (issue 11)."""
    out = demo_runs["first"].stdout
    assert "re-checks: 3 article(s) due; 0 unchanged, 1 edited, 2 gone, 0 unreachable, 0 unreadable" in out
    db = connect(demo_runs["cwd"] / "demo" / "longarm.db")
    removed = db.execute("SELECT COUNT(*) FROM threats WHERE removed_from_source_at = '2025-08-02'").fetchone()[0]
    reworded = list(
        db.query("SELECT t.quote, w.quote AS now FROM threats t JOIN statement_rewordings w ON w.threat_id = t.id")
    )
    assert removed >= 2 and len(reworded) == 1
    assert "不遺餘力" in reworded[0]["quote"] and "依法將潛逃者緝拿歸案" in reworded[0]["now"]
    assert f"{removed} statement(s) removed from the source, 1 reworded (2 page(s) gone, 1 edited)" in out


def test_every_snapshot_digest_matches_its_warc_record(demo_runs: dict) -> None:
    archive = demo_runs["cwd"] / "demo" / "archive"
    db = connect(demo_runs["cwd"] / "demo" / "longarm.db")
    rows = list(db.query("SELECT warc_file, warc_offset, sha256 FROM snapshots"))
    assert rows
    for r in rows:
        rec = read_response_at(archive, r["warc_file"], r["warc_offset"])
        assert hashlib.sha256(rec.payload).hexdigest() == r["sha256"]


def test_every_demo_threat_verifies(demo_runs: dict) -> None:
    db = connect(demo_runs["cwd"] / "demo" / "longarm.db")
    ids = [r["id"] for r in db.query("SELECT id FROM threats ORDER BY id LIMIT 15")]
    assert ids
    for tid in ids:
        res = run_cli("verify", str(tid), "--db", "demo/longarm.db", "--archive", "demo/archive", cwd=demo_runs["cwd"])
        assert res.returncode == 0, (tid, res.stdout, res.stderr)


def test_simplified_query_finds_traditional_statement_on_demo_store(demo_runs: dict) -> None:
    res = run_cli("search", "红色通缉令", "--db", "demo/longarm.db", "--json", cwd=demo_runs["cwd"])
    assert res.returncode == 0, res.stderr
    import json

    rows = json.loads(res.stdout)
    rows = rows["results"] if isinstance(rows, dict) else rows
    assert any(r["lang"] == "zh-Hant" and "紅色通緝令" in r["quote"] for r in rows)
    assert any(r["lang"] == "zh-Hans" for r in rows)


def test_english_query_finds_chinese_statements_on_demo_store(demo_runs: dict) -> None:
    res = run_cli("search", "red notice", "--db", "demo/longarm.db", "--json", cwd=demo_runs["cwd"])
    assert res.returncode == 0, res.stderr
    import json

    rows = json.loads(res.stdout)
    rows = rows["results"] if isinstance(rows, dict) else rows
    assert {"zh-Hans", "zh-Hant"} <= {r["lang"] for r in rows}


def test_operators_only_query_exits_2_with_a_message(demo_runs: dict) -> None:
    res = run_cli("search", '"AND (', "--db", "demo/longarm.db", cwd=demo_runs["cwd"])
    assert res.returncode == 2
    assert "nothing to search for" in res.stderr and "Traceback" not in res.stderr


def test_warcio_check_passes_on_every_demo_warc(demo_runs: dict) -> None:
    import subprocess
    import sys

    files = sorted((demo_runs["cwd"] / "demo" / "archive").rglob("*.warc.gz"))
    assert files
    warcio = Path(sys.executable).with_name("warcio")
    for f in files:
        res = subprocess.run([str(warcio), "check", str(f)], capture_output=True, text=True)
        assert res.returncode == 0, (f, res.stdout, res.stderr)


def test_no_statement_on_demo_pages_written_as_negatives(demo_runs: dict) -> None:
    """The manifest says which demo pages are on topic; unrelated news and hard negatives must yield nothing."""
    notes: dict[str, str] = {}
    for p in _manifest_pages():  # the first capture's note: a later one is the page as a re-check found it
        notes.setdefault(p["url"], p.get("note", ""))
    db = connect(demo_runs["cwd"] / "demo" / "longarm.db")
    wrong = [
        (r["url"], r["quote"][:80])
        for r in db.query(
            "SELECT d.url, t.quote FROM threats t JOIN documents d ON d.id = t.document_id WHERE t.superseded_at IS NULL"
        )
        if not notes.get(r["url"], "").startswith("on topic")
    ]
    assert wrong == []


def test_every_on_topic_demo_page_yields_a_statement(demo_runs: dict) -> None:
    on_topic = sorted({p["url"] for p in _manifest_pages() if p.get("note", "").startswith("on topic")})
    db = connect(demo_runs["cwd"] / "demo" / "longarm.db")
    found = {
        r["url"]
        for r in db.query(
            "SELECT DISTINCT d.url FROM threats t JOIN documents d ON d.id = t.document_id WHERE t.superseded_at IS NULL"
        )
    }
    assert len(on_topic) >= 60
    assert [u for u in on_topic if u not in found] == []


def test_commands_find_the_demo_archive_without_archive_option(demo_runs: dict) -> None:
    """Issue 13: after `make demo`, verify and export work with --db alone (the store records its archive)."""
    cwd = demo_runs["cwd"]
    db = connect(cwd / "demo" / "longarm.db")
    assert db.execute("SELECT value FROM store_settings WHERE key = 'archive'").fetchone()[0] == "archive"
    tid = db.execute("SELECT id FROM threats ORDER BY id LIMIT 1").fetchone()[0]
    db.conn.close()
    res = run_cli("verify", str(tid), "--db", "demo/longarm.db", cwd=cwd)
    assert res.returncode == 0, (res.stdout, res.stderr)
    res = run_cli("export", "wacz", "out.wacz", "--db", "demo/longarm.db", cwd=cwd)
    assert res.returncode == 0, res.stderr
    assert (cwd / "out.wacz").stat().st_size > 0
    # from another working directory too: the recorded path is relative to the database, not to the cwd
    res = run_cli("verify", str(tid), "--db", str(cwd / "demo" / "longarm.db"), cwd=cwd.parent)
    assert res.returncode == 0, (res.stdout, res.stderr)
