"""Archive every response as received on the wire, before anything changes it.

This downloader middleware sits next to the downloader (order 950, after
HttpCompressionMiddleware's 590 on the way in, so before it on the way out):
it sees the body still compressed and the headers as sent, writes the WARC
request/response pair (or a revisit record when the payload is identical to
one already archived for the URL), records a ``snapshots`` row, and tells the
spider which snapshot the response is through ``response.meta``. A ``304 Not
Modified`` answer to a conditional request is a revisit of the response it
confirms (WARC profile server-not-modified), never a new snapshot.
"""

from __future__ import annotations

import logging
from datetime import datetime
from http import HTTPStatus
from typing import Any

from scrapy.exceptions import NotConfigured

from longarm.core import runtime
from longarm.pipelines.warc_writer import sha256_hex, warc_date

logger = logging.getLogger(__name__)

_HOP_BY_HOP = {"transfer-encoding"}


def _decode_headers(headers: Any) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for name, values in headers.items():
        key = name.decode("latin-1") if isinstance(name, bytes) else str(name)
        for v in values:
            out.append((key, v.decode("latin-1") if isinstance(v, bytes) else str(v)))
    return out


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _normalise_date(value: str) -> str:
    """A WARC-Date with microseconds (replayed records keep their original capture time)."""
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return warc_date()
    return warc_date(dt)


class ArchiveMiddleware:
    def __init__(self, rt: runtime.Runtime, crawler: Any = None) -> None:
        self.rt = rt
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> "ArchiveMiddleware":
        rt = runtime.for_settings(crawler.settings)
        if rt is None:
            raise NotConfigured("no longarm runtime: crawl through `longarm crawl`")
        return cls(rt, crawler)

    def process_response(self, request: Any, response: Any, spider: Any = None) -> Any:
        if request.meta.get("longarm_no_archive"):
            return response
        if spider is None:
            # Scrapy >= 2.13 no longer passes the spider to middlewares that do not require it.
            spider = getattr(self.crawler, "spider", None)
        try:
            self._archive(request, response, spider)
        except OSError as exc:
            # A full disk or unwritable folder must stop the crawl, not silently lose evidence.
            logger.error("cannot archive %s: %s", response.url, exc)
            raise
        return response

    def _archive(self, request: Any, response: Any, spider: Any) -> None:
        store, warc = self.rt.store, self.rt.warc
        replay = request.meta.get("longarm_replay")
        captured = _normalise_date(replay["warc_date"]) if replay else warc_date()
        captured_at = captured[:19] + "Z"
        request.meta["captured_at"] = captured_at  # when this answer was received (a replay: when recorded)
        body: bytes = response.body
        sha = sha256_hex(body)
        headers = [(k, v) for k, v in _decode_headers(response.headers) if k.lower() not in _HOP_BY_HOP]
        protocol = getattr(response, "protocol", None) or "HTTP/1.1"
        reason = _reason(response.status)
        source_id = getattr(spider, "source_id", None)
        if response.status == 304:
            confirmed = store.latest_snapshot(response.url)
            if confirmed is not None:
                self._not_modified(request, response, confirmed, captured, captured_at, headers, protocol, reason)
                return
            # A 304 to no request of ours (nothing archived to confirm): keep it as received, below.
        existing = store.find_snapshot(response.url, sha)
        if existing:
            request.meta["snapshot_id"] = existing["id"]
            request.meta["warc_record_id"] = existing["warc_record_id"]
            request.meta["snapshot_new"] = False
            if replay and (existing["captured_at"] == captured_at or store.has_revisit(existing["id"], captured_at)):
                return  # the very same capture (a replay run again): nothing new to record
            # Live: every response goes into the WARC, even an identical one within the same second
            # (the revisits table keeps one row per snapshot and second; the record is in the archive).
            rec = warc.write_revisit(
                response.url,
                payload_sha256=sha,
                refers_to_record_id=existing["warc_record_id"],
                refers_to_uri=existing["url"],
                refers_to_date=existing["captured_at"],
                status=response.status,
                reason=reason,
                protocol=protocol,
                response_headers=headers,
                date=captured,
            )
            store.insert_revisit(
                {
                    "snapshot_id": existing["id"],
                    "url": response.url,
                    "captured_at": captured_at,
                    "status": response.status,
                    "warc_file": rec.warc_file,
                    "warc_offset": rec.offset,
                    "warc_length": rec.length,
                    "warc_record_id": rec.record_id,
                    "run_id": self.rt.run_id,
                }
            )
            self.rt.count("revisits")
            return
        req_headers = _decode_headers(request.headers)
        resp_rec, _req_rec = warc.write_exchange(
            response.url,
            method=request.method,
            request_headers=req_headers,
            status=response.status,
            reason=reason,
            protocol=protocol,
            response_headers=headers,
            body=body,
            date=captured,
            request_body=request.body or b"",
            ip_address=str(response.ip_address) if response.ip_address else None,
        )
        get = lambda name: (response.headers.get(name) or b"").decode("latin-1") or None  # noqa: E731
        snapshot_id = store.insert_snapshot(
            {
                "url": response.url,
                "captured_at": captured_at,
                "status": response.status,
                "content_type": get("Content-Type"),
                "sha256": sha,
                "warc_file": resp_rec.warc_file,
                "warc_offset": resp_rec.offset,
                "warc_length": resp_rec.length,
                "warc_record_id": resp_rec.record_id,
                "payload_length": len(body),
                "content_encoding": get("Content-Encoding"),
                "etag": get("ETag"),
                "last_modified": get("Last-Modified"),
                "source_id": source_id,
                "run_id": self.rt.run_id,
            }
        )
        request.meta["snapshot_id"] = snapshot_id
        request.meta["warc_record_id"] = resp_rec.record_id
        request.meta["snapshot_new"] = True
        self.rt.count("snapshots")

    def _not_modified(
        self,
        request: Any,
        response: Any,
        confirmed: dict[str, Any],
        captured: str,
        captured_at: str,
        headers: list[tuple[str, str]],
        protocol: str,
        reason: str,
    ) -> None:
        """A 304: the server confirms the archived response; record when, not a new (empty) snapshot."""
        store = self.rt.store
        request.meta["snapshot_id"] = confirmed["id"]
        request.meta["warc_record_id"] = confirmed["warc_record_id"]
        request.meta["snapshot_new"] = False
        if store.has_revisit(confirmed["id"], captured_at):
            return
        rec = self.rt.warc.write_not_modified(
            response.url,
            refers_to_record_id=confirmed["warc_record_id"],
            refers_to_uri=confirmed["url"],
            refers_to_date=confirmed["captured_at"],
            reason=reason,
            protocol=protocol,
            response_headers=headers,
            date=captured,
        )
        store.insert_revisit(
            {
                "snapshot_id": confirmed["id"],
                "url": response.url,
                "captured_at": captured_at,
                "status": 304,
                "warc_file": rec.warc_file,
                "warc_offset": rec.offset,
                "warc_length": rec.length,
                "warc_record_id": rec.record_id,
                "run_id": self.rt.run_id,
            }
        )
        self.rt.count("revisits")
