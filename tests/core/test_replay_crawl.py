"""End to end on a small replay archive: crawl, archive, store; run twice; verify hashes and WARC files."""

from __future__ import annotations

import subprocess
import sys

import pytest

from longarm.db import connect
from longarm.pipelines.warc_reader import read_response_at, warc_files
from tests.conftest import run_cli
from tests.core import replay_fixture

pytestmark = pytest.mark.slow  # end-to-end: replay crawls in subprocesses


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> dict:
    tmp = tmp_path_factory.mktemp("replay")
    warc = replay_fixture.build(tmp / "source.warc.gz")
    db, archive = tmp / "l.db", tmp / "archive"
    first = run_cli("crawl", "hk_gov_press", "--replay", str(warc), "--db", str(db), "--archive", str(archive))
    counts1 = {t: connect(db)[t].count for t in ("snapshots", "documents", "revisits", "threats")}
    second = run_cli("crawl", "hk_gov_press", "--replay", str(warc), "--db", str(db), "--archive", str(archive))
    return {"tmp": tmp, "db": db, "archive": archive, "first": first, "second": second, "counts1": counts1}


def test_crawl_stores_every_article(crawled: dict) -> None:
    assert crawled["first"].returncode in (0, 3), crawled["first"].stderr
    db = connect(crawled["db"])
    urls = {r["url"] for r in db.query("SELECT url FROM documents")}
    assert urls == set(replay_fixture.ARTICLES)
    doc = next(db.query("SELECT * FROM documents WHERE url LIKE '%P2023070300811%'"))
    assert doc["title"] == "Police announce arrest warrants and rewards"
    assert doc["lang"] == "en"
    assert doc["published_at"].startswith("2023-07-03T21:05") and doc["published_at"].endswith("+08:00")
    assert "HK$1 million" in doc["text"]
    assert "Privacy Policy" not in doc["text"]
    assert doc["snapshot_id"] is not None


def test_not_in_archive_urls_are_skipped_and_logged(crawled: dict) -> None:
    assert "not in the archive" in crawled["first"].stderr


def test_every_snapshot_hash_matches_its_warc_record(crawled: dict) -> None:
    db = connect(crawled["db"])
    rows = list(db.query("SELECT * FROM snapshots"))
    assert len(rows) == 4  # feed + 3 articles
    for row in rows:
        rec = read_response_at(crawled["archive"], row["warc_file"], row["warc_offset"])
        assert rec.url == row["url"]
        assert rec.sha256 == row["sha256"]


def test_compressed_response_archived_as_received(crawled: dict) -> None:
    db = connect(crawled["db"])
    row = next(db.query("SELECT * FROM snapshots WHERE url = ?", [replay_fixture.GZIPPED]))
    assert row["content_encoding"] == "gzip"
    rec = read_response_at(crawled["archive"], row["warc_file"], row["warc_offset"])
    assert rec.payload[:2] == b"\x1f\x8b"
    assert b"Observatory" in rec.decoded_payload()


def test_warc_files_pass_warcio_check(crawled: dict) -> None:
    files = warc_files(crawled["archive"])
    assert files
    for f in files:
        res = subprocess.run([sys.executable, "-m", "warcio.cli", "check", str(f)], capture_output=True, text=True)
        assert res.returncode == 0, res.stdout + res.stderr


def test_second_crawl_adds_no_rows(crawled: dict) -> None:
    assert crawled["second"].returncode in (0, 3), crawled["second"].stderr
    db = connect(crawled["db"])
    counts2 = {t: db[t].count for t in ("snapshots", "documents", "revisits", "threats")}
    assert counts2 == crawled["counts1"]
    runs = list(db.query("SELECT status FROM runs ORDER BY id"))
    assert len(runs) == 2 and all(r["status"] in ("finished", "partial") for r in runs)


def test_metadata_record_per_document(crawled: dict) -> None:
    from warcio.archiveiterator import ArchiveIterator

    db = connect(crawled["db"])
    meta_ids = {r["metadata_record_id"] for r in db.query("SELECT metadata_record_id FROM documents")}
    assert None not in meta_ids and len(meta_ids) == 3
    found = set()
    for f in warc_files(crawled["archive"]):
        with open(f, "rb") as fh:
            for rec in ArchiveIterator(fh):
                if rec.rec_type == "metadata":
                    found.add(rec.rec_headers.get_header("WARC-Record-ID"))
                    assert rec.rec_headers.get_header("WARC-Refers-To")
    assert meta_ids <= found
