"""The WARC writer: records read back by offset, digests, revisits, rotation, warcio check."""

from __future__ import annotations

import gzip
import hashlib
import os
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from longarm.pipelines.warc_reader import iter_records, read_response_at, warc_files
from longarm.pipelines.warc_writer import WarcWriterSet, sha256_hex, warc_date
from tests.conftest import warcio_check


def _exchange(w: WarcWriterSet, url: str, body: bytes, headers=None):
    return w.write_exchange(
        url,
        method="GET",
        request_headers=[("User-Agent", "test")],
        status=200,
        reason="OK",
        protocol="HTTP/1.1",
        response_headers=headers or [("Content-Type", "text/html")],
        body=body,
        date=warc_date(),
    )


def test_write_read_back_by_offset_and_hash(tmp_path: Path) -> None:
    w = WarcWriterSet(tmp_path, 7)
    bodies = {
        f"https://www.info.gov.hk/gia/general/202307/03/P20230703{i:05d}.htm": f"<p>page {i} 懸紅</p>".encode()
        for i in range(5)
    }
    written = {url: _exchange(w, url, body)[0] for url, body in bodies.items()}
    w.close()
    for url, rec in written.items():
        got = read_response_at(tmp_path, rec.warc_file, rec.offset)
        assert got.url == url
        assert got.payload == bodies[url]
        assert got.sha256 == hashlib.sha256(bodies[url]).hexdigest()
        assert got.record_id == rec.record_id
    files = warc_files(tmp_path)
    assert len(files) == 1
    assert files[0].name.startswith("longarm-run00007-")
    assert warcio_check(files[0]).returncode == 0


def test_records_are_linked_and_typed(tmp_path: Path) -> None:
    w = WarcWriterSet(tmp_path, 1)
    resp, req = _exchange(w, "https://example.org/a", b"hello")
    meta = w.write_metadata("https://example.org/a", refers_to_record_id=resp.record_id, fields={"title": "A"})
    w.close()
    records = {}
    with open(tmp_path / resp.warc_file, "rb") as fh:
        for r in ArchiveIterator(fh):
            records[r.rec_headers.get_header("WARC-Record-ID")] = r.rec_headers
    types = [h.get_header("WARC-Type") for h in records.values()]
    assert types == ["warcinfo", "response", "request", "metadata"]
    assert records[req.record_id].get_header("WARC-Concurrent-To") == resp.record_id
    assert records[meta.record_id].get_header("WARC-Refers-To") == resp.record_id
    assert records[resp.record_id].get_header("WARC-Payload-Digest").startswith("sha256:")
    assert records[resp.record_id].get_header("WARC-Block-Digest").startswith("sha256:")


def test_compressed_body_is_kept_as_received(tmp_path: Path) -> None:
    raw = gzip.compress("紅色通緝令".encode("utf-8"))
    w = WarcWriterSet(tmp_path, 1)
    resp, _ = _exchange(w, "https://example.org/gz", raw, [("Content-Type", "text/html"), ("Content-Encoding", "gzip")])
    w.close()
    got = read_response_at(tmp_path, resp.warc_file, resp.offset)
    assert got.payload == raw
    assert got.decoded_payload().decode("utf-8") == "紅色通緝令"
    assert got.sha256 == sha256_hex(raw)
    assert warcio_check(tmp_path / resp.warc_file).returncode == 0


def test_revisit_record_refers_to_original(tmp_path: Path) -> None:
    w = WarcWriterSet(tmp_path, 1)
    body = os.urandom(16384)  # 16 KiB that gzip cannot shrink
    resp, _ = _exchange(w, "https://example.org/a", body)
    rv = w.write_revisit(
        "https://example.org/a",
        payload_sha256=sha256_hex(body),
        refers_to_record_id=resp.record_id,
        refers_to_uri="https://example.org/a",
        refers_to_date="2024-01-01T00:00:00Z",
        status=200,
        reason="OK",
        protocol="HTTP/1.1",
        response_headers=[("Content-Type", "text/html")],
        date=warc_date(),
    )
    w.close()
    recs = {
        r.rec_headers.get_header("WARC-Record-ID"): r
        for r, _ in ((r, o) for r, o in _records(tmp_path / resp.warc_file))
    }
    hdr = recs[rv.record_id].rec_headers
    assert hdr.get_header("WARC-Type") == "revisit"
    assert hdr.get_header("WARC-Refers-To") == resp.record_id
    assert "identical-payload-digest" in hdr.get_header("WARC-Profile")
    assert rv.length < resp.length / 2  # headers only, no second copy of the payload


def _records(path: Path):
    with open(path, "rb") as fh:
        for r in ArchiveIterator(fh):
            r.content_stream().read()
            yield r, None


def test_rotation_by_size(tmp_path: Path) -> None:
    w = WarcWriterSet(tmp_path, 3, max_size=2000)
    for i in range(6):
        _exchange(w, f"https://example.org/{i}", bytes(range(256)) * 8)
    w.close()
    files = warc_files(tmp_path)
    assert len(files) >= 3
    for f in files:
        assert warcio_check(f).returncode == 0
        first = next(iter_records(f))[0]
        assert first.rec_type == "warcinfo"


def test_truncated_file_reads_complete_records_only(tmp_path: Path) -> None:
    w = WarcWriterSet(tmp_path, 1)
    a, _ = _exchange(w, "https://example.org/a", b"A" * 1000)
    b, _ = _exchange(w, "https://example.org/b", b"B" * 1000)
    w.close()
    path = tmp_path / a.warc_file
    data = path.read_bytes()
    path.write_bytes(data[: b.offset + b.length // 2])
    urls = [r.rec_headers.get_header("WARC-Target-URI") for r, _ in iter_records(path) if r.rec_type == "response"]
    assert urls == ["https://example.org/a"]


def test_replay_index_skips_a_cut_off_last_record(tmp_path: Path, caplog) -> None:
    """warcio reads a record cut inside its payload as a short valid one: replay must not serve it."""
    from longarm.middlewares.replay import ReplayIndex

    w = WarcWriterSet(tmp_path, 1)
    a, _ = _exchange(w, "https://example.org/a", os.urandom(3000))
    b, _ = _exchange(w, "https://example.org/b", os.urandom(3000))
    w.close()
    path = tmp_path / a.warc_file
    data = path.read_bytes()
    path.write_bytes(data[: b.offset + b.length - 200])
    index = ReplayIndex(path)
    assert index.lookup("https://example.org/a") is not None
    assert index.lookup("https://example.org/b") is None
    assert "damaged" in caplog.text and str(path) in caplog.text


def test_replay_response_class_follows_the_recorded_content_type(tmp_path: Path) -> None:
    """As in a live crawl, the recorded Content-Type (any case) picks the response class, not the URL or body."""
    from scrapy import Request
    from scrapy.http import HtmlResponse, JsonResponse

    from longarm.core.runtime import Runtime
    from longarm.middlewares.replay import ReplayIndex, ReplayMiddleware

    w = WarcWriterSet(tmp_path, 1)
    a, _ = _exchange(
        w,
        "https://example.org/article/1",
        b"<p>no html tag</p>",
        headers=[("content-type", "text/html; charset=utf-8")],
    )
    _exchange(w, "https://example.org/api?id=1", b'{"a": 1}', headers=[("Content-Type", "application/json")])
    w.close()
    mw = ReplayMiddleware(Runtime(run_id=1, store=None, warc=None, replay=ReplayIndex(tmp_path / a.warc_file)))
    html = mw.process_request(Request("https://example.org/article/1"))
    assert isinstance(html, HtmlResponse) and html.text == "<p>no html tag</p>"
    assert isinstance(mw.process_request(Request("https://example.org/api?id=1")), JsonResponse)
