"""Make the archive whole again after a crash: run at the start of every crawl and nightly.

A run killed at any moment (``kill -9``, power cut, full disk) can leave the WARC
file it was writing with an unfinished record at its end. The database cannot be
behind the archive (a ``snapshots`` row is written only after its record is
flushed and fsynced), but the archive can be ahead of it and its last record can
be cut short. ``recover_archive``:

1. reads every WARC file of the archive folder record by record, checking each
   gzip member is complete, each record's header and ``Content-Length`` add up,
   and its ``WARC-Block-Digest`` matches (a truncated file can look fine to
   ``warcio check``, which stops quietly at a cut gzip member);
2. when a file ends in an incomplete record, copies the bytes after the last
   complete record into ``<file>.partial-<UTC timestamp>`` beside it (set aside,
   never deleted), fsyncs the copy, then truncates the WARC file to its last
   complete record (a file with no complete record at all is renamed to the
   ``.partial-`` name instead of left empty). A file whose bad bytes are followed
   by records the database points at is not touched, only reported;
3. checks that every ``snapshots`` and ``revisits`` row points at a complete
   record (reported, never deleted), and lists runs left ``running`` (the next
   ``Store.start_run`` marks them ``interrupted``).

Files found complete are remembered in ``<archive>/.longarm-verified.json`` (size
and mtime), so a nightly does not re-read months of archive; a file that changed
since is read again. The recovery only touches files when this process holds the
archive's run lock (``longarm.core.lock``) or can take it: it never truncates a file
another run is writing.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import logging
import os
import zlib
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, BinaryIO

logger = logging.getLogger(__name__)

VERIFIED_CACHE = ".longarm-verified.json"
CHUNK = 1 << 20


class IncompleteRecord(Exception):
    """A record (or gzip member) that is cut short or corrupt; ``offset`` is where it starts."""

    def __init__(self, offset: int, reason: str) -> None:
        super().__init__(f"offset {offset}: {reason}")
        self.offset = offset
        self.reason = reason


@dataclass
class FileScan:
    path: Path
    size: int
    good_end: int  # end of the last complete record
    offsets: list[int] = field(default_factory=list)  # start offsets of complete records (gzip members)
    error: str = ""

    @property
    def complete(self) -> bool:
        return not self.error and self.good_end == self.size


@dataclass
class SetAside:
    warc_file: str  # relative to the archive folder
    partial_file: str  # where the unfinished bytes went
    offset: int  # the WARC file now ends here
    length: int  # bytes set aside
    reason: str


@dataclass
class RecoveryReport:
    archive_dir: str
    files: int = 0  # WARC files in the archive
    files_read: int = 0  # read this time (the rest were verified earlier and unchanged)
    records: int = 0  # complete records in the files read
    set_aside: list[SetAside] = field(default_factory=list)
    untouched: list[dict[str, Any]] = field(default_factory=list)  # damaged but referenced: left as is
    bad_rows: list[dict[str, Any]] = field(default_factory=list)  # rows not pointing at a complete record
    interrupted_runs: list[int] = field(default_factory=list)
    skipped: str = ""  # why recovery did not run (another run holds the lock)

    @property
    def clean(self) -> bool:
        return not (self.set_aside or self.untouched or self.bad_rows or self.skipped)

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["clean"] = self.clean
        return d

    def summary(self) -> str:
        if self.skipped:
            return f"archive recovery skipped: {self.skipped}"
        parts = [f"archive check: {self.files} WARC file(s), {self.files_read} read"]
        if self.set_aside:
            total = sum(s.length for s in self.set_aside)
            parts.append(f"{len(self.set_aside)} unfinished tail(s) ({total} bytes) set aside")
        if self.untouched:
            parts.append(f"{len(self.untouched)} damaged file(s) left untouched (see log)")
        if self.bad_rows:
            parts.append(f"{len(self.bad_rows)} database row(s) not pointing at a complete record")
        if self.interrupted_runs:
            parts.append(f"interrupted run(s) {', '.join(map(str, self.interrupted_runs))}")
        return "; ".join(parts)


# -- reading -----------------------------------------------------------------------------------
def _digest_matches(header_value: str, block: bytes) -> bool | None:
    """True/False when the WARC-Block-Digest can be checked, None when its algorithm is unknown."""
    algo, _, value = header_value.strip().partition(":")
    algo = algo.lower().replace("-", "")
    if algo not in ("sha1", "sha256", "sha512", "md5"):
        return None
    actual = hashlib.new(algo, block).digest()
    value = value.strip()
    try:
        if len(value) == 2 * len(actual) and all(c in "0123456789abcdefABCDEF" for c in value):
            expected = bytes.fromhex(value)
        else:
            expected = base64.b32decode(value.upper() + "=" * (-len(value) % 8))
    except (binascii.Error, ValueError):
        return False
    return expected == actual


def _parse_header(raw: bytes, offset: int) -> dict[str, str]:
    lines = raw.decode("utf-8", "replace").split("\r\n")
    if not lines or not lines[0].startswith("WARC/"):
        raise IncompleteRecord(offset, f"no WARC record header (starts {raw[:20]!r})")
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if sep:
            headers[name.strip().lower()] = value.strip()
    if "content-length" not in headers:
        raise IncompleteRecord(offset, "record header has no Content-Length")
    try:
        if int(headers["content-length"]) < 0:
            raise ValueError
    except ValueError:
        raise IncompleteRecord(offset, f"bad Content-Length {headers['content-length']!r}") from None
    return headers


def _check_records(data: bytes, offset: int) -> int:
    """Every record in ``data`` (one gzip member's content) is complete; returns how many."""
    i = n = 0
    while i < len(data):
        if data[i : i + 2] == b"\r\n" and not data[i:].strip(b"\r\n"):
            break  # trailing blank lines
        end = data.find(b"\r\n\r\n", i)
        if end < 0:
            raise IncompleteRecord(offset, "record header cut short")
        headers = _parse_header(data[i:end], offset)
        length = int(headers["content-length"])
        start = end + 4
        block = data[start : start + length]
        if len(block) < length:
            raise IncompleteRecord(offset, f"record block cut short ({len(block)} of {length} bytes)")
        if data[start + length : start + length + 4] != b"\r\n\r\n":
            raise IncompleteRecord(offset, "record does not end with CRLF CRLF")
        if headers.get("warc-block-digest") and _digest_matches(headers["warc-block-digest"], block) is False:
            raise IncompleteRecord(offset, "WARC-Block-Digest does not match the record block")
        i = start + length + 4
        n += 1
    if n == 0:
        raise IncompleteRecord(offset, "empty gzip member")
    return n


def _scan_gzip(fh: BinaryIO, scan: FileScan) -> int:
    records = 0
    pos = 0
    buf = b""
    while True:
        if not buf:
            buf = fh.read(CHUNK)
            if not buf:
                return records  # clean end of file
        start = pos
        d = zlib.decompressobj(wbits=31)
        out: list[bytes] = []
        try:
            while True:
                out.append(d.decompress(buf))
                if d.eof:
                    rest = d.unused_data
                    pos += len(buf) - len(rest)
                    buf = rest
                    break
                pos += len(buf)
                buf = fh.read(CHUNK)
                if not buf:
                    raise IncompleteRecord(start, "gzip member cut short (the file ends inside a record)")
        except zlib.error as exc:
            raise IncompleteRecord(start, f"corrupt gzip data ({exc})") from None
        records += _check_records(b"".join(out), start)
        scan.offsets.append(start)
        scan.good_end = pos


def _scan_plain(fh: BinaryIO, scan: FileScan) -> int:
    records = 0
    while True:
        start = fh.tell()
        line = fh.readline()
        while line in (b"\r\n", b"\n"):
            start = fh.tell()
            line = fh.readline()
        if not line:
            return records
        head = [line]
        while True:
            line = fh.readline()
            if not line:
                raise IncompleteRecord(start, "record header cut short")
            if line == b"\r\n":
                break
            head.append(line)
        headers = _parse_header(b"".join(head).rstrip(b"\r\n"), start)
        length = int(headers["content-length"])
        block = fh.read(length)
        if len(block) < length:
            raise IncompleteRecord(start, f"record block cut short ({len(block)} of {length} bytes)")
        if fh.read(4) != b"\r\n\r\n":
            raise IncompleteRecord(start, "record does not end with CRLF CRLF")
        if headers.get("warc-block-digest") and _digest_matches(headers["warc-block-digest"], block) is False:
            raise IncompleteRecord(start, "WARC-Block-Digest does not match the record block")
        records += 1
        scan.offsets.append(start)
        scan.good_end = fh.tell()


def scan_warc(path: str | Path) -> FileScan:
    """Read a WARC file and find the end of its last complete record (``good_end``)."""
    path = Path(path)
    scan = FileScan(path, path.stat().st_size, 0)
    if scan.size == 0:
        scan.error = "empty file (its run stopped before writing the first record)"
        return scan
    with open(path, "rb") as fh:
        magic = fh.read(2)
        fh.seek(0)
        try:
            if magic == b"\x1f\x8b" or (not magic and path.name.endswith(".gz")):
                _scan_gzip(fh, scan)
            else:
                _scan_plain(fh, scan)
        except IncompleteRecord as exc:
            scan.error = exc.reason
            scan.good_end = exc.offset
    return scan


def warc_file_list(archive_dir: Path) -> list[Path]:
    """The archive's WARC files (``*.warc.gz``, ``*.warc``); set-aside ``.partial-*`` files are not."""
    if not archive_dir.is_dir():
        return []
    return sorted(p for p in archive_dir.rglob("*") if p.is_file() and p.name.endswith((".warc.gz", ".warc")))


# -- the verified-files cache ------------------------------------------------------------------
def _load_cache(archive_dir: Path) -> dict[str, list[int]]:
    try:
        data = json.loads((archive_dir / VERIFIED_CACHE).read_text(encoding="utf-8"))
        return {k: list(v) for k, v in data.get("files", {}).items()}
    except (OSError, ValueError, AttributeError):
        return {}


def _save_cache(archive_dir: Path, files: dict[str, list[int]]) -> None:
    tmp = archive_dir / (VERIFIED_CACHE + ".tmp")
    try:
        tmp.write_text(
            json.dumps(
                {
                    "about": "WARC files longarm found complete (size, mtime_ns); see pipelines/warc_recovery.py",
                    "files": files,
                },
                indent=0,
                sort_keys=True,
            ),
            encoding="utf-8",
        )
        os.replace(tmp, archive_dir / VERIFIED_CACHE)
    except OSError as exc:
        logger.warning("cannot write %s: %s", archive_dir / VERIFIED_CACHE, exc)


# -- repairing ---------------------------------------------------------------------------------
def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _partial_name(path: Path) -> Path:
    ts = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    candidate = path.with_name(f"{path.name}.partial-{ts}")
    n = 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}.partial-{ts}-{n}")
    return candidate


def set_aside_tail(path: Path, good_end: int) -> Path:
    """Move the bytes after ``good_end`` into ``<file>.partial-<ts>``; truncate the file there."""
    partial = _partial_name(path)
    if good_end == 0:
        os.rename(path, partial)  # nothing complete in it: the whole file is the unfinished part
        _fsync_dir(path.parent)
        return partial
    with open(path, "rb") as src, open(partial, "xb") as dst:
        src.seek(good_end)
        while True:
            chunk = src.read(CHUNK)
            if not chunk:
                break
            dst.write(chunk)
        dst.flush()
        os.fsync(dst.fileno())
    _fsync_dir(path.parent)
    # The copy is on disk: only now cut the original (a crash in between leaves both, losing nothing).
    with open(path, "r+b") as fh:
        fh.truncate(good_end)
        fh.flush()
        os.fsync(fh.fileno())
    return partial


def _rows_by_file(store: Any) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for table in ("snapshots", "revisits"):
        try:
            rows = store.db.execute(f"SELECT id, warc_file, warc_offset, warc_length FROM {table}").fetchall()
        except Exception as exc:  # a database without the table (never migrated): nothing to check
            logger.debug("cannot read %s: %s", table, exc)
            continue
        for rid, wf, off, length in rows:
            out.setdefault(wf or "", []).append(
                {"table": table, "id": rid, "warc_file": wf, "warc_offset": off, "warc_length": length}
            )
    return out


_LAST: dict[str, RecoveryReport] = {}


def last_report(archive_dir: str | Path) -> RecoveryReport | None:
    """The report of this process's last ``recover_archive`` of ``archive_dir`` (e.g. the one run_crawl made)."""
    return _LAST.get(str(Path(archive_dir).resolve()))


def recover_archive(archive_dir: str | Path, store: Any = None, *, full: bool = False) -> RecoveryReport:
    """Check every WARC file of ``archive_dir``; set aside unfinished tails; check the DB's pointers.

    ``store`` (a ``longarm.db.Store``, optional) lets it check ``snapshots``/``revisits`` rows and refuse to
    cut bytes a row points at. ``full=True`` re-reads files verified earlier. Never deletes anything.
    """
    from longarm.core import lock

    archive = Path(archive_dir)
    report = RecoveryReport(str(archive))
    _LAST[str(archive.resolve())] = report
    if not archive.is_dir():
        return report
    if lock.archive_locked_by_me(archive):
        _recover(archive, store, full, report)
        return report
    try:
        with lock.archive_lock(archive, command="recover"):
            _recover(archive, store, full, report)
    except lock.LockedError as exc:
        report.skipped = f"another run is writing this archive ({lock.describe_holder(exc.holder)})"
        logger.warning("archive recovery: %s; not touching its files", report.skipped)
    return report


def _recover(archive: Path, store: Any, full: bool, report: RecoveryReport) -> None:
    files = warc_file_list(archive)
    report.files = len(files)
    cache = {} if full else _load_cache(archive)
    new_cache: dict[str, list[int]] = {}
    rows = _rows_by_file(store) if store is not None else {}
    boundaries: dict[str, tuple[set[int], int]] = {}  # rel -> (record offsets or empty = unknown, size)
    for path in files:
        rel = path.relative_to(archive).as_posix()
        st = path.stat()
        stamp = [st.st_size, st.st_mtime_ns]
        if cache.get(rel, [None, None])[:2] == stamp:
            new_cache[rel] = cache[rel]
            boundaries[rel] = (set(), st.st_size)
            continue
        scan = scan_warc(path)
        report.files_read += 1
        report.records += len(scan.offsets)
        if scan.complete:
            new_cache[rel] = stamp
            boundaries[rel] = (set(scan.offsets), scan.size)
            continue
        # Damaged: would cutting at good_end drop bytes a database row points at?
        referenced = [
            r for r in rows.get(rel, []) if r["warc_offset"] is not None and r["warc_offset"] >= scan.good_end
        ]
        if referenced:
            report.untouched.append(
                {"warc_file": rel, "offset": scan.good_end, "reason": scan.error, "rows_after": len(referenced)}
            )
            logger.error(
                "%s: damaged record at offset %d (%s), but %d database row(s) point at records after "
                "it: file left untouched; inspect it by hand",
                path,
                scan.good_end,
                scan.error,
                len(referenced),
            )
            boundaries[rel] = (set(scan.offsets) | {r["warc_offset"] for r in referenced}, scan.size)
            continue
        partial = set_aside_tail(path, scan.good_end)
        length = scan.size - scan.good_end
        report.set_aside.append(
            SetAside(rel, partial.relative_to(archive).as_posix(), scan.good_end, length, scan.error)
        )
        logger.warning(
            "%s: unfinished record at offset %d (%s): %d byte(s) set aside in %s; the file now ends "
            "at its last complete record",
            path,
            scan.good_end,
            scan.error,
            length,
            partial.name,
        )
        if scan.good_end:
            st = path.stat()
            new_cache[rel] = [st.st_size, st.st_mtime_ns]
            boundaries[rel] = (set(scan.offsets), st.st_size)
    _save_cache(archive, new_cache)
    if store is not None:
        _check_rows(rows, boundaries, report)
        try:
            report.interrupted_runs = [
                r[0] for r in store.db.execute("SELECT id FROM runs WHERE status = 'running' ORDER BY id").fetchall()
            ]
        except Exception:
            pass
        if report.interrupted_runs:
            logger.warning(
                "run(s) %s did not finish (crashed or killed); they are marked 'interrupted' and this "
                "run goes on from what the database holds",
                ", ".join(map(str, report.interrupted_runs)),
            )
    if not report.clean:
        logger.warning("%s", report.summary())
    else:
        logger.info("%s", report.summary())


def _check_rows(
    rows: dict[str, list[dict[str, Any]]], boundaries: dict[str, tuple[set[int], int]], report: RecoveryReport
) -> None:
    for rel, file_rows in rows.items():
        known = boundaries.get(rel)
        for r in file_rows:
            problem = ""
            if known is None:
                problem = "WARC file missing from the archive folder"
            else:
                offsets, size = known
                off, length = r["warc_offset"], r["warc_length"]
                if off is None or length is None:
                    problem = "no offset/length recorded"
                elif off + length > size:
                    problem = f"record {off}+{length} runs past the end of the file ({size} bytes)"
                elif offsets and off not in offsets:
                    problem = f"no complete record starts at offset {off}"
            if problem:
                report.bad_rows.append({**r, "problem": problem})
    if report.bad_rows:
        missing = sum(1 for r in report.bad_rows if r["problem"].startswith("WARC file missing"))
        for r in report.bad_rows[:10]:
            logger.error(
                "%s row %s points at %s@%s: %s", r["table"], r["id"], r["warc_file"], r["warc_offset"], r["problem"]
            )
        logger.error(
            "%d database row(s) do not point at a complete WARC record (%d in missing files: is --archive "
            "the folder this database was crawled into?); rows are kept",
            len(report.bad_rows),
            missing,
        )
