"""Citations (md, json, CSL-JSON) and verification against the archived WARC record."""

from __future__ import annotations

import gzip
import json
import sqlite3
from pathlib import Path

from longarm.db import citation as C
from longarm.verification import verify
from tests.conftest import call_cli

FIELDS = {
    "quote",
    "speaker",
    "title",
    "source",
    "published_at",
    "url",
    "captured_at_utc",
    "warc_file",
    "warc_offset",
    "payload_sha256",
}


def _conn(f):
    return sqlite3.connect(f"file:{f.db_path}?mode=ro", uri=True)


def test_json_citation_has_every_field(indexed) -> None:
    tid = indexed.tid("警方懸紅")
    c = C.load(_conn(indexed), tid)
    j = C.as_json(c)
    assert FIELDS <= set(j)
    assert j["quote"] == "警方懸紅一百萬港元通緝羅冠聰等人，並會追捕到底。"
    assert j["speaker"] == "National Security Department"
    assert j["title"] == "警方懸紅通緝八名潛逃者"
    assert j["source"] == "Hong Kong Government press releases" and j["source_id"] == "hk_gov_press"
    assert j["published_at"].startswith("2023-07-03")
    assert j["url"].startswith("https://www.info.gov.hk/")
    assert j["captured_at_utc"].endswith("Z")
    assert j["warc_file"].endswith(".warc.gz") and isinstance(j["warc_offset"], int)
    assert len(j["payload_sha256"]) == 64
    assert (indexed.archive / j["warc_file"]).exists()


def test_csl_json_shape(indexed) -> None:
    items = C.as_csl(C.load(_conn(indexed), indexed.tid("警方对五名潜逃者")))
    assert isinstance(items, list) and len(items) == 1
    it = items[0]
    assert it["type"] == "article-newspaper"  # xinhua is state media
    for key in ("id", "title", "container-title", "URL", "issued", "accessed", "archive", "archive_location", "note"):
        assert key in it, key
    assert it["issued"] == {"date-parts": [[2023, 12, 14]]}
    assert len(it["accessed"]["date-parts"][0]) == 3
    assert (
        "警方对五名潜逃者" in it["note"]
        and C.load(_conn(indexed), indexed.tid("警方对五名潜逃者"))["sha256"] in it["note"]
    )
    assert "#offset=" in it["archive_location"]
    json.dumps(items)  # serialisable


def test_csl_type_follows_source_kind(indexed) -> None:
    conn = _conn(indexed)
    kinds = dict(conn.execute("SELECT id, kind FROM sources").fetchall())
    for quote_part, source in (("警方对五名潜逃者", "xinhua"), ("警方懸紅", "hk_gov_press")):
        it = C.as_csl(C.load(conn, indexed.tid(quote_part)))[0]
        want = "article-newspaper" if kinds[source] in C.NEWS_KINDS else "webpage"
        assert it["type"] == want


def test_markdown_line(indexed) -> None:
    c = C.load(_conn(indexed), indexed.tid("red notice through INTERPOL"))
    line = C.as_markdown(c)
    assert "\n" not in line
    for part in (c["quote"], c["speaker"], c["title"], c["url"], c["sha256"], c["warc_file"], str(c["warc_offset"])):
        assert part in line


def test_cli_cite_formats(indexed) -> None:
    tid = indexed.tid("red notice through INTERPOL")
    r = call_cli("cite", str(tid), *indexed.cli_args())
    assert r.returncode == 0 and "red notice through INTERPOL" in r.stdout
    r = call_cli("cite", str(tid), "--format", "json", *indexed.cli_args())
    assert r.returncode == 0 and FIELDS <= set(json.loads(r.stdout))
    r = call_cli("cite", str(tid), "--format", "csl", *indexed.cli_args())
    assert r.returncode == 0 and json.loads(r.stdout)[0]["URL"].startswith("https://")
    assert call_cli("cite", "999999", *indexed.cli_args()).returncode == 2
    assert call_cli("cite", "abc", *indexed.cli_args()).returncode == 2


def test_verify_passes_on_intact_archive(indexed) -> None:
    for tid in indexed.threat_ids.values():
        v = verify(_conn(indexed), indexed.archive, tid, extractor=indexed.extractor)
        assert v.ok, v.message
        assert {c.name for c in v.checks} >= {"warc", "sha256", "quote"}


def _tamper_payload(archive: Path, warc_file: str, offset: int, length: int, old: bytes, new: bytes) -> None:
    """Rewrite one gzip member of a WARC file with a changed payload (same length), as an attacker would."""
    path = archive / warc_file
    data = path.read_bytes()
    member = gzip.decompress(data[offset : offset + length])
    assert old in member
    changed = gzip.compress(member.replace(old, new, 1))
    path.write_bytes(data[:offset] + changed + data[offset + length :])


def test_verify_fails_after_tampering(store_copy) -> None:
    tid = store_copy.tid("警方懸紅")
    conn = sqlite3.connect(store_copy.db_path)
    c = C.load(conn, tid)
    _tamper_payload(
        store_copy.archive, c["warc_file"], c["warc_offset"], c["warc_length"], "懸紅".encode(), "懸賞".encode()
    )
    v = verify(conn, store_copy.archive, tid, extractor=store_copy.extractor)
    assert not v.ok and "SHA-256 mismatch" in v.message
    r = call_cli("verify", str(tid), *store_copy.cli_args())
    assert r.returncode == 1 and "SHA-256" in (r.stdout + r.stderr)
    r = call_cli("cite", str(tid), "--verify", *store_copy.cli_args())
    assert r.returncode == 1 and "NOT verified" in r.stderr


def test_verify_fails_when_quote_moved(store_copy) -> None:
    tid = store_copy.tid("red notice through INTERPOL")
    conn = sqlite3.connect(store_copy.db_path)
    with conn:
        conn.execute('UPDATE threats SET start = start + 3, "end" = "end" + 3 WHERE id = ?', [tid])
    v = verify(conn, store_copy.archive, tid, extractor=store_copy.extractor)
    assert not v.ok and "quote is not at characters" in v.message and "occurs at" in v.message


def test_verify_fails_when_warc_missing(store_copy) -> None:
    tid = store_copy.tid("arrest warrants issued")
    conn = sqlite3.connect(store_copy.db_path)
    c = C.load(conn, tid)
    (store_copy.archive / c["warc_file"]).unlink()
    v = verify(conn, store_copy.archive, tid, extractor=store_copy.extractor)
    assert not v.ok and "missing" in v.message
    r = call_cli("verify", str(tid), *store_copy.cli_args())
    assert r.returncode == 1 and "missing" in r.stderr


def test_cli_verify_unknown_id_exit_2(indexed) -> None:
    r = call_cli("verify", "424242", *indexed.cli_args())
    assert r.returncode == 2 and "no threat" in r.stderr


def test_cli_verify_passes_with_real_extractor(indexed) -> None:
    tid = indexed.tid("警方懸紅")
    r = call_cli("verify", str(tid), *indexed.cli_args())
    assert r.returncode == 0, r.stdout + r.stderr
    r = call_cli("cite", str(tid), "--verify", "--format", "json", *indexed.cli_args())
    assert r.returncode == 0 and json.loads(r.stdout)["verification"]["ok"] is True
