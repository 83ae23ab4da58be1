"""`longarm nightly` end to end on replay archives: twice in a row, delivery, and a run killed with SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from longarm.commands.demo import demo_today
from longarm.db import connect
from longarm.pipelines.warc_reader import warc_files
from longarm.pipelines.warc_recovery import scan_warc
from tests.conftest import REPO, run_cli
from tests.ops import fixture
from tests.ops.servers import SMTPServer, WebhookServer

pytestmark = pytest.mark.slow  # end-to-end: runs `longarm nightly` in subprocesses, incl. a kill -9 resume

TABLES = ("snapshots", "revisits", "documents", "threats")


def counts(db: Path) -> dict[str, int]:
    c = connect(db)
    try:
        return {t: c[t].count for t in TABLES}
    finally:
        c.conn.close()


def assert_archive_readable(archive: Path) -> None:
    files = warc_files(archive)
    assert files
    for f in files:
        scan = scan_warc(f)
        assert scan.complete, f"{f}: {scan.error} at {scan.good_end}"
        assert subprocess.run(["gzip", "-t", str(f)], capture_output=True).returncode == 0, f
        res = subprocess.run(
            [str(Path(sys.executable).parent / "warcio"), "check", str(f)], capture_output=True, text=True
        )
        assert res.returncode == 0, res.stdout + res.stderr


@pytest.fixture(scope="module")
def demo_runs(tmp_path_factory: pytest.TempPathFactory) -> dict:
    from longarm.demo_archive import build_demo_archive

    tmp = tmp_path_factory.mktemp("nightly")
    warc = build_demo_archive(tmp / "src")
    db, archive, dg = tmp / "l.db", tmp / "archive", tmp / "digests"
    smtp, hook = SMTPServer(), WebhookServer()
    env = {
        "LONGARM_SMTP_HOST": "127.0.0.1",
        "LONGARM_SMTP_PORT": str(smtp.port),
        "LONGARM_SMTP_FROM": "longarm@example.org",
        "LONGARM_SMTP_TO": "analyst@example.org",
        "LONGARM_SMTP_STARTTLS": "false",
        "LONGARM_WEBHOOK_URL": hook.url,
    }
    args = [
        "nightly",
        "--replay",
        str(warc),
        "--today",
        str(demo_today()),
        "--db",
        str(db),
        "--archive",
        str(archive),
        "--digest-dir",
        str(dg),
        "--log-file",
        str(tmp / "log" / "nightly.log"),
    ]
    try:
        first = run_cli(*args, env=env, cwd=tmp)
        c1 = counts(db)
        second = run_cli(*args, env=env, cwd=tmp)
    finally:
        smtp.stop()
        hook.stop()
    return {
        "tmp": tmp,
        "db": db,
        "archive": archive,
        "dg": dg,
        "first": first,
        "second": second,
        "c1": c1,
        "smtp": smtp,
        "hook": hook,
    }


def test_nightly_stores_and_writes_a_digest(demo_runs: dict) -> None:
    first = demo_runs["first"]
    assert first.returncode in (0, 3), first.stderr[-3000:]
    assert demo_runs["c1"]["documents"] > 0 and demo_runs["c1"]["snapshots"] > 0
    names = sorted(p.name for p in demo_runs["dg"].iterdir())
    assert names == [f"{n[:10]}-run1.{x}" for n in names[:1] for x in ("html", "json", "md")] + [
        f"{n[:10]}-run2.{x}" for n in names[:1] for x in ("html", "json", "md")
    ]
    d1 = json.loads(next(demo_runs["dg"].glob("*-run1.json")).read_text())
    assert d1["since"] is None and d1["run"]["id"] == 1
    assert d1["counts"]["items"] == demo_runs["c1"]["threats"] - _refound(demo_runs["db"])
    assert {s["source_id"] for s in d1["health"]["sources"]} >= {"hk_gov_press", "xinhua"}
    assert d1["counts"]["new_documents"] == demo_runs["c1"]["documents"]
    if first.returncode == 3:
        assert "source(s) failed" in first.stderr


def _refound(db: Path) -> int:
    c = sqlite3.connect(db)
    n = c.execute("""SELECT COUNT(*) FROM threats t WHERE EXISTS (SELECT 1 FROM threats o WHERE
                     o.document_id = t.document_id AND o.start = t.start AND o."end" = t."end" AND o.id > t.id)""").fetchone()[
        0
    ]
    c.close()
    return n


def test_second_nightly_adds_nothing_and_says_so(demo_runs: dict) -> None:
    second = demo_runs["second"]
    assert second.returncode in (0, 3), second.stderr[-3000:]
    assert counts(demo_runs["db"]) == demo_runs["c1"]
    d1 = json.loads(next(demo_runs["dg"].glob("*-run1.json")).read_text())
    d2 = json.loads(next(demo_runs["dg"].glob("*-run2.json")).read_text())
    assert d2["since"] == d1["until"] and d2["counts"]["items"] == 0 and d2["new_people"] == []
    assert d2["counts"]["new_documents"] == 0
    assert "Nothing new" in next(demo_runs["dg"].glob("*-run2.md")).read_text()
    c = sqlite3.connect(demo_runs["db"])
    runs = c.execute("SELECT command, status FROM runs ORDER BY id").fetchall()
    assert [r[0] for r in runs] == ["nightly", "nightly"] and all(r[1] in ("finished", "partial") for r in runs)
    assert c.execute("SELECT COUNT(*) FROM digests WHERE run_id IS NOT NULL").fetchone()[0] == 2


def test_nightly_delivers_and_logs(demo_runs: dict) -> None:
    msgs = demo_runs["smtp"].messages
    assert len(msgs) == 2 and msgs[0]["to"] == ["analyst@example.org"]
    assert "longarm digest" in msgs[0]["message"]["Subject"] and "nothing new" in msgs[1]["message"]["Subject"]
    posts = demo_runs["hook"].received
    assert len(posts) == 2 and json.loads(posts[1]["body"])["counts"]["items"] == 0
    assert "email: ok" in demo_runs["first"].stdout and "webhook: ok" in demo_runs["first"].stdout
    log = (demo_runs["tmp"] / "log" / "nightly.log").read_text()
    assert "nightly run 1" in log and "nightly run 2" in log


def test_archive_is_readable(demo_runs: dict) -> None:
    assert_archive_readable(demo_runs["archive"])


# -- a run killed with SIGKILL in the middle, then started again -----------------------------------
def _natural_rows(db: Path) -> dict[str, set]:
    c = sqlite3.connect(db)
    try:
        return {
            "snapshots": set(c.execute("SELECT url, sha256, captured_at, status FROM snapshots")),
            "documents": set(
                c.execute(
                    "SELECT url, source_id, title, published_at, lang, text_sha256, "
                    "extracted_version IS NOT NULL FROM documents"
                )
            ),
            "threats": set(
                c.execute("""SELECT d.url, t.label, t.speaker, t.targets, t.start, t."end", t.quote
                                        FROM threats t JOIN documents d ON d.id = t.document_id""")
            ),
            "revisits": set(c.execute("SELECT url, captured_at FROM revisits")),
        }
    finally:
        c.close()


def _snapshot_count(db: Path) -> int:
    try:
        c = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return c.execute("SELECT COUNT(*) FROM snapshots").fetchone()[0]
        finally:
            c.close()
    except sqlite3.Error:
        return 0


def test_killed_run_resumes_to_the_same_rows(tmp_path: Path) -> None:
    warc = fixture.build(tmp_path / "src.warc.gz", n=400, padding=30000)
    conf = tmp_path / "longarm.toml"
    conf.write_text('sources = ["hk_gov_press"]\n')
    env = {k: v for k, v in os.environ.items() if not k.startswith("LONGARM_")}
    env["PYTHONPATH"] = str(REPO)

    def nightly(name: str) -> list[str]:
        return [
            sys.executable,
            "-m",
            "longarm.cli",
            "nightly",
            "--config",
            str(conf),
            "--replay",
            str(warc),
            "--db",
            str(tmp_path / name / "l.db"),
            "--archive",
            str(tmp_path / name / "archive"),
            "--digest-dir",
            str(tmp_path / name / "digests"),
            "--no-deliver",
        ]

    # Killed once records are being written.
    killed_db = tmp_path / "killed" / "l.db"
    p = subprocess.Popen(nightly("killed"), cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and p.poll() is None and _snapshot_count(killed_db) < 40:
        time.sleep(0.01)
    assert p.poll() is None, "the crawl finished before it could be killed: make the archive bigger"
    os.kill(p.pid, signal.SIGKILL)
    p.wait()
    partial_rows = _natural_rows(killed_db)
    assert 0 < len(partial_rows["snapshots"]) < 401
    # A kill usually lands between records (each is written in one go); make sure this one also left a
    # torn write: the first half of a record at the end of the WARC file being written.
    last = warc_files(tmp_path / "killed" / "archive")[-1]
    offsets = scan_warc(last).offsets
    member = last.read_bytes()[offsets[1] : offsets[2]]  # one whole record (gzip member)
    torn = member[: len(member) // 2]
    with open(last, "ab") as fh:
        fh.write(torn)
    size_before = last.stat().st_size
    # Started again: recovery, then it goes on from what the database holds.
    res = subprocess.run(nightly("killed"), cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert res.returncode in (0, 3), res.stderr[-3000:]
    assert "set aside" in res.stderr and last.stat().st_size == size_before - len(torn)
    partials = list(last.parent.glob(last.name + ".partial-*"))
    assert len(partials) == 1 and partials[0].read_bytes() == torn
    # An uninterrupted run of the same archive.
    ref = subprocess.run(nightly("clean"), cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert ref.returncode in (0, 3), ref.stderr[-3000:]
    got, want = _natural_rows(killed_db), _natural_rows(tmp_path / "clean" / "l.db")
    for table in want:
        assert got[table] == want[table], table
    assert len(want["documents"]) == 400
    c = sqlite3.connect(killed_db)
    assert [r[0] for r in c.execute("SELECT status FROM runs ORDER BY id")][0] == "interrupted"
    c.close()
    assert_archive_readable(tmp_path / "killed" / "archive")
    # The digest of the resumed run lists what the killed run stored too (it never wrote a digest).
    d = json.loads(next((tmp_path / "killed" / "digests").glob("*.json")).read_text())
    assert d["since"] is None and d["counts"]["new_documents"] == 400
    assert d["health"]["recovery"]["set_aside"][0]["length"] == len(torn)
    assert d["health"]["recovery"]["interrupted_runs"] == [1]
