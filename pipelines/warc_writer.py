"""Write WARC 1.1 files: request, response, revisit and metadata records.

Every record is gzip-compressed on its own (so any record can be read by
offset), carries SHA-256 block and payload digests, and is flushed and fsynced
before the database is told about it: a row in ``snapshots`` never points at
bytes that are not on disk. Files rotate by size and are named by run and date.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.utils import Digester
from warcio.warcwriter import WARCWriter

from longarm.core.version import __version__

DEFAULT_MAX_SIZE = 512 * 1024 * 1024
SERVER_NOT_MODIFIED = "http://netpreserve.org/warc/1.1/revisit/server-not-modified"


class _Sha256WARCWriter(WARCWriter):
    """warcio's writer with SHA-256 digests instead of SHA-1."""

    @staticmethod
    def _create_digester() -> Digester:
        return Digester("sha256")


@dataclass(frozen=True)
class WrittenRecord:
    """Where a record landed: file name relative to the archive folder, offset and length."""

    warc_file: str
    offset: int
    length: int
    record_id: str


def warc_date(dt: datetime | None = None) -> str:
    """A WARC-Date in UTC with microseconds, as WARC 1.1 allows."""
    dt = (dt or datetime.now(timezone.utc)).astimezone(timezone.utc)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _request_target(url: str) -> str:
    parts = urlsplit(url)
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    return target


class WarcWriterSet:
    """Appends records to the current WARC file of a run, rotating by size.

    Files are named ``<archive>/<YYYY-MM-DD>/longarm-run<RUN>-<YYYYMMDD>-<NNNNN>.warc.gz``
    so a folder listing shows which run wrote what and when.
    """

    def __init__(
        self,
        archive_dir: str | Path,
        run_id: int,
        *,
        max_size: int = DEFAULT_MAX_SIZE,
        operator: str = "",
        fsync: bool = True,
    ) -> None:
        self.archive_dir = Path(archive_dir)
        self.run_id = run_id
        self.max_size = max_size
        self.operator = operator
        self.fsync = fsync
        self._fh: Any = None
        self._path: Path | None = None
        self._writer: _Sha256WARCWriter | None = None
        self._seq = 0

    def _next_path(self) -> Path:
        now = datetime.now(timezone.utc)
        folder = self.archive_dir / now.strftime("%Y-%m-%d")
        folder.mkdir(parents=True, exist_ok=True)
        while True:
            self._seq += 1
            path = folder / f"longarm-run{self.run_id:05d}-{now:%Y%m%d}-{self._seq:05d}.warc.gz"
            if not path.exists():
                return path

    def _ensure_open(self) -> None:
        if self._fh is not None and self._fh.tell() < self.max_size:
            return
        self.close()
        self._path = self._next_path()
        self._fh = open(self._path, "xb")
        self._writer = _Sha256WARCWriter(self._fh, gzip=True, warc_version="1.1")
        info = {
            "software": f"longarm/{__version__} (warcio)",
            "format": "WARC File Format 1.1",
            "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
            "isPartOf": f"longarm run {self.run_id}",
            "operator": self.operator,
            "description": "HTTP responses as received on the wire (compressed bodies stay compressed).",
        }
        self._write(self._writer.create_warcinfo_record(self._path.name, info))

    def _write(self, record: Any) -> WrittenRecord:
        assert self._fh is not None and self._writer is not None and self._path is not None
        start = self._fh.tell()
        self._writer.write_record(record)
        self._fh.flush()
        if self.fsync:
            os.fsync(self._fh.fileno())
        end = self._fh.tell()
        rel = self._path.relative_to(self.archive_dir).as_posix()
        return WrittenRecord(rel, start, end - start, record.rec_headers.get_header("WARC-Record-ID"))

    @property
    def current_file(self) -> str | None:
        return self._path.relative_to(self.archive_dir).as_posix() if self._path else None

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
        self._fh = None
        self._writer = None

    def write_exchange(
        self,
        url: str,
        *,
        method: str,
        request_headers: Iterable[tuple[str, str]],
        status: int,
        reason: str,
        protocol: str,
        response_headers: Iterable[tuple[str, str]],
        body: bytes,
        date: str,
        request_body: bytes = b"",
        ip_address: str | None = None,
    ) -> tuple[WrittenRecord, WrittenRecord]:
        """Write the response record, then its request record (WARC-Concurrent-To the response)."""
        self._ensure_open()
        assert self._writer is not None
        http = StatusAndHeaders(f"{status} {reason}".strip(), list(response_headers), protocol=protocol or "HTTP/1.1")
        extra = {"WARC-Date": date}
        if ip_address:
            extra["WARC-IP-Address"] = ip_address
        resp = self._writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), length=len(body), http_headers=http, warc_headers_dict=extra
        )
        written_resp = self._write(resp)
        req_http = StatusAndHeaders(
            f"{method} {_request_target(url)}",
            list(request_headers),
            protocol=protocol or "HTTP/1.1",
            is_http_request=True,
        )
        req = self._writer.create_warc_record(
            url,
            "request",
            payload=io.BytesIO(request_body),
            length=len(request_body),
            http_headers=req_http,
            warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To": written_resp.record_id},
        )
        written_req = self._write(req)
        return written_resp, written_req

    def write_revisit(
        self,
        url: str,
        *,
        payload_sha256: str,
        refers_to_record_id: str,
        refers_to_uri: str,
        refers_to_date: str,
        status: int,
        reason: str,
        protocol: str,
        response_headers: Iterable[tuple[str, str]],
        date: str,
    ) -> WrittenRecord:
        """An identical payload seen again: headers only, pointing at the original record."""
        self._ensure_open()
        assert self._writer is not None
        digest = "sha256:" + base64.b32encode(bytes.fromhex(payload_sha256)).decode("ascii")
        http = StatusAndHeaders(f"{status} {reason}".strip(), list(response_headers), protocol=protocol or "HTTP/1.1")
        record = self._writer.create_revisit_record(
            url,
            digest,
            refers_to_uri,
            refers_to_date,
            http_headers=http,
            warc_headers_dict={"WARC-Date": date, "WARC-Refers-To": refers_to_record_id},
        )
        return self._write(record)

    def write_not_modified(
        self,
        url: str,
        *,
        refers_to_record_id: str,
        refers_to_uri: str,
        refers_to_date: str,
        reason: str,
        protocol: str,
        response_headers: Iterable[tuple[str, str]],
        date: str,
    ) -> WrittenRecord:
        """A 304 Not Modified answer to a conditional request: a revisit record (profile
        server-not-modified) holding the 304's headers, pointing at the archived response it confirms."""
        self._ensure_open()
        assert self._writer is not None
        http = StatusAndHeaders(f"304 {reason}".strip(), list(response_headers), protocol=protocol or "HTTP/1.1")
        record = self._writer.create_warc_record(
            url,
            "revisit",
            http_headers=http,
            warc_headers_dict={"WARC-Date": date, "WARC-Refers-To": refers_to_record_id},
        )
        record.rec_headers.add_header("WARC-Profile", SERVER_NOT_MODIFIED)
        record.rec_headers.add_header("WARC-Refers-To-Target-URI", refers_to_uri)
        record.rec_headers.add_header("WARC-Refers-To-Date", refers_to_date)
        return self._write(record)

    def write_metadata(
        self, url: str, *, refers_to_record_id: str | None, fields: dict[str, Any], date: str | None = None
    ) -> WrittenRecord:
        """A metadata record (JSON) saying what was extracted from a response, for whom and when."""
        self._ensure_open()
        assert self._writer is not None
        payload = json.dumps(fields, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")
        headers = {"WARC-Date": date or warc_date()}
        if refers_to_record_id:
            headers["WARC-Refers-To"] = refers_to_record_id
        record = self._writer.create_warc_record(
            url,
            "metadata",
            payload=io.BytesIO(payload),
            length=len(payload),
            warc_content_type="application/json",
            warc_headers_dict=headers,
        )
        return self._write(record)
