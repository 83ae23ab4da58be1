"""Read archived records back: by offset (citations, verify, show) and by URL (replay)."""

from __future__ import annotations

import gzip
import hashlib
import logging
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

logger = logging.getLogger(__name__)


class ArchiveError(RuntimeError):
    """An archived record cannot be read; the message names the file and offset."""


@dataclass
class ArchivedResponse:
    url: str
    record_id: str
    warc_date: str
    status: int
    reason: str
    protocol: str
    headers: list[tuple[str, str]]
    payload: bytes  # as received on the wire: Content-Encoding not undone
    warc_file: str
    offset: int

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.payload).hexdigest()

    def header(self, name: str) -> str | None:
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def decoded_payload(self) -> bytes:
        """The payload with its Content-Encoding (gzip, deflate, br) undone."""
        enc = (self.header("Content-Encoding") or "").lower()
        data = self.payload
        for e in [x.strip() for x in enc.split(",") if x.strip()][::-1]:
            if e in ("gzip", "x-gzip"):
                data = gzip.decompress(data)
            elif e == "deflate":
                try:
                    data = zlib.decompress(data)
                except zlib.error:
                    data = zlib.decompress(data, -zlib.MAX_WBITS)
            elif e == "br":
                import brotli

                data = brotli.decompress(data)
            elif e != "identity":
                raise ArchiveError(f"unknown Content-Encoding {e!r} in {self.warc_file}@{self.offset}")
        return data


def _to_response(record: Any, warc_file: str, offset: int) -> ArchivedResponse:
    http = record.http_headers
    status, reason = 200, ""
    if http and http.statusline:
        parts = http.statusline.split(" ", 1)
        status = int(parts[0]) if parts[0].isdigit() else 200
        reason = parts[1] if len(parts) > 1 else ""
    return ArchivedResponse(
        url=record.rec_headers.get_header("WARC-Target-URI"),
        record_id=record.rec_headers.get_header("WARC-Record-ID"),
        warc_date=record.rec_headers.get_header("WARC-Date"),
        status=status,
        reason=reason,
        protocol=(http.protocol if http else "") or "HTTP/1.1",
        headers=list(http.headers) if http else [],
        payload=record.raw_stream.read(),
        warc_file=warc_file,
        offset=offset,
    )


def read_response_at(archive_dir: str | Path, warc_file: str, offset: int) -> ArchivedResponse:
    """The response record at ``offset`` of ``warc_file`` (relative to ``archive_dir``, or absolute)."""
    path = Path(warc_file)
    if not path.is_absolute():
        path = Path(archive_dir) / warc_file
    if not path.exists():
        raise ArchiveError(f"WARC file {path} is missing: was the archive folder moved? Pass --archive DIR.")
    try:
        with open(path, "rb") as fh:
            fh.seek(offset)
            record = next(iter(ArchiveIterator(fh)), None)
            if record is None or record.rec_type != "response":
                raise ArchiveError(f"no response record at {path}@{offset}")
            return _to_response(record, warc_file, offset)
    except (ArchiveLoadFailed, OSError, EOFError, zlib.error) as exc:
        raise ArchiveError(f"cannot read {path}@{offset}: {exc}") from exc


def warc_files(path: str | Path) -> list[Path]:
    """A WARC file, or every *.warc / *.warc.gz under a folder, in name order."""
    p = Path(path)
    if p.is_file():
        return [p]
    if p.is_dir():
        return sorted(x for x in p.rglob("*") if x.is_file() and x.name.endswith((".warc.gz", ".warc")))
    raise ArchiveError(f"{p} is neither a WARC file nor a folder of them")


def iter_records(path: Path) -> Iterator[tuple[Any, int]]:
    """(record, offset) for every record of a file; an unreadable tail is logged and ends the file."""
    with open(path, "rb") as fh:
        it = ArchiveIterator(fh)
        try:
            for record in it:
                yield record, it.get_record_offset()
        except (ArchiveLoadFailed, EOFError, OSError, zlib.error) as exc:
            logger.warning("%s: unreadable data after the last complete record (%s); skipped", path, exc)
