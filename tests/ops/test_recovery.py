"""Archive recovery: an unfinished WARC tail is set aside (never deleted) and the file ends at its last record."""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from longarm.db import Store
from longarm.pipelines.warc_recovery import recover_archive, scan_warc
from longarm.pipelines.warc_writer import WarcWriterSet, warc_date
from tests.conftest import warcio_check

REPO = Path(__file__).resolve().parents[2]


def write_archive(archive: Path, n: int = 4) -> tuple[Path, list[int]]:
    """A WARC file of our writer: warcinfo + n request/response pairs; returns (path, record end offsets)."""
    w = WarcWriterSet(archive, 1)
    ends = []
    for i in range(n):
        body = (f"<html><body><p>page {i} " + "x" * 500 + "</p></body></html>").encode()
        resp, req = w.write_exchange(
            f"https://www.info.gov.hk/gia/general/202307/03/P20230703{i:05d}.htm",
            method="GET",
            request_headers=[("User-Agent", "t")],
            status=200,
            reason="OK",
            protocol="HTTP/1.1",
            response_headers=[("Content-Type", "text/html")],
            body=body,
            date=warc_date(),
        )
        ends += [resp.offset + resp.length, req.offset + req.length]
    path = archive / w.current_file
    w.close()
    return path, ends


def assert_readable(path: Path) -> int:
    assert subprocess.run(["gzip", "-t", str(path)], capture_output=True).returncode == 0
    res = warcio_check(path)
    assert res.returncode == 0, res.stdout + res.stderr
    with open(path, "rb") as fh:
        n = sum(1 for r in ArchiveIterator(fh) if r.content_stream().read() is not None)
    scan = scan_warc(path)
    assert scan.complete, scan.error
    return n


@pytest.mark.parametrize("cut", ["mid_gzip", "mid_header", "inside_first"])
def test_truncated_tail_is_set_aside(tmp_path: Path, cut: str) -> None:
    archive = tmp_path / "archive"
    path, ends = write_archive(archive)
    data = path.read_bytes()
    last_good = ends[4]  # after warcinfo + 5 records
    cut_at = {"mid_gzip": last_good + (ends[5] - last_good) // 2, "mid_header": last_good + 12, "inside_first": 40}[cut]
    if cut == "inside_first":
        last_good = 0
    path.write_bytes(data[:cut_at])
    report = recover_archive(archive)
    assert len(report.set_aside) == 1
    sa = report.set_aside[0]
    partial = archive / sa.partial_file
    assert partial.name.startswith(path.name + ".partial-")
    if last_good:
        assert sa.offset == last_good and path.stat().st_size == last_good
        assert partial.read_bytes() == data[last_good:cut_at]  # set aside, byte for byte
        assert assert_readable(path) == 6
    else:
        assert not path.exists() and partial.read_bytes() == data[:cut_at]
    # Idempotent: a second pass finds nothing to do and reads nothing (verified cache).
    again = recover_archive(archive)
    assert again.clean and again.files_read == 0


def test_complete_archive_is_left_alone(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    path, _ = write_archive(archive)
    before = path.read_bytes()
    report = recover_archive(archive)
    assert report.clean and report.files == 1 and report.records == 9
    assert path.read_bytes() == before


def test_corrupt_digest_is_detected(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    path, ends = write_archive(archive, 1)
    data = path.read_bytes()
    # Re-compress the last record with one byte of its block changed: gzip fine, digest wrong.
    member = gzip.decompress(data[ends[0] :])
    bad = member.replace(b"User-Agent: t", b"User-Agent: u")
    path.write_bytes(data[: ends[0]] + gzip.compress(bad))
    scan = scan_warc(path)
    assert scan.good_end == ends[0] and "Digest" in scan.error


def test_rows_pointing_past_the_end_are_reported_not_deleted(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    path, ends = write_archive(archive)
    store = Store(tmp_path / "l.db")
    rel = path.relative_to(archive).as_posix()
    store.insert_snapshot(
        {"url": "https://a/1", "sha256": "0" * 64, "warc_file": rel, "warc_offset": 0, "warc_length": ends[0]}
    )
    store.insert_snapshot(
        {"url": "https://a/2", "sha256": "1" * 64, "warc_file": rel, "warc_offset": 7, "warc_length": 10}
    )
    store.insert_snapshot(
        {
            "url": "https://a/3",
            "sha256": "2" * 64,
            "warc_file": "2020-01-01/gone.warc.gz",
            "warc_offset": 0,
            "warc_length": 10,
        }
    )
    report = recover_archive(archive, store)
    problems = {r["id"]: r["problem"] for r in report.bad_rows}
    assert set(problems) == {2, 3}
    assert "no complete record starts" in problems[2] and "missing" in problems[3]
    assert store.db["snapshots"].count == 3


def test_damaged_file_with_referenced_records_after_the_damage_is_untouched(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    path, ends = write_archive(archive)
    data = bytearray(path.read_bytes())
    data[ends[1] + 30] ^= 0xFF  # corrupt a record in the middle
    path.write_bytes(bytes(data))
    store = Store(tmp_path / "l.db")
    store.insert_snapshot(
        {
            "url": "https://a/1",
            "sha256": "0" * 64,
            "warc_file": path.relative_to(archive).as_posix(),
            "warc_offset": ends[4],
            "warc_length": ends[5] - ends[4],
        }
    )
    report = recover_archive(archive, store)
    assert not report.set_aside and report.untouched and path.read_bytes() == bytes(data)


def test_recovery_skips_an_archive_another_run_holds(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    path, ends = write_archive(archive)
    path.write_bytes(path.read_bytes()[: ends[4] + 10])
    hold = (
        "import sys,time\nfrom longarm.core.lock import run_lock\n"
        "with run_lock(sys.argv[1], sys.argv[2]):\n print('locked', flush=True); time.sleep(30)\n"
    )
    p = subprocess.Popen(
        [sys.executable, "-c", hold, str(tmp_path / "l.db"), str(archive)], cwd=REPO, stdout=subprocess.PIPE, text=True
    )
    try:
        assert p.stdout.readline().strip() == "locked"
        report = recover_archive(archive)
        assert report.skipped and not report.set_aside
        assert path.stat().st_size == ends[4] + 10
    finally:
        p.kill()
        p.wait()
