"""Offline replay: serve recorded responses from WARC files by URL, no network.

A downloader middleware placed next to the downloader answers every request
from the index; the rest of the stack (decompression, redirects, robots.txt,
archiving, spiders, pipelines) runs exactly as in a live crawl.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Headers, Response
from scrapy.responsetypes import responsetypes
from w3lib.url import canonicalize_url

from longarm.core import runtime
from longarm.pipelines.warc_reader import ArchiveError, iter_records, read_response_at, warc_files

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReplayEntry:
    path: str
    offset: int
    warc_date: str
    when: datetime | None = None  # warc_date parsed once (None: missing or unreadable)


def _key(url: str) -> str:
    return canonicalize_url(url, keep_fragments=False)


def _when(warc_date: str | None) -> datetime | None:
    if not warc_date:
        return None
    try:
        when = datetime.fromisoformat(warc_date.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


class ReplayIndex:
    """URL -> its response records across the given WARC files, oldest first; a lookup answers with the newest.

    ``as_of`` replays the archive as it stood at that time: records captured later are not there.
    An archive of several nights can so be replayed night by night (``longarm demo`` replays its
    first night, then the night of its re-checks, whose answers are the later captures).
    """

    def __init__(self, path: str | Path, as_of: datetime | None = None) -> None:
        self.source = str(path)
        self.as_of = as_of
        self.entries: dict[str, ReplayEntry] = {}
        self.history: dict[str, list[ReplayEntry]] = {}
        files = warc_files(path)
        if not files:
            raise ArchiveError(f"no WARC files under {path}")
        from longarm.pipelines.warc_recovery import scan_warc

        for f in files:
            scan = scan_warc(f)
            if not scan.complete:
                # warcio reads a cut-off last record as a short, valid-looking one: never replay it.
                logger.warning(
                    "replay archive %s is damaged at byte %d of %d (%s): records from there on are "
                    "skipped; copy the file again or run `warcio check` on it",
                    f,
                    scan.good_end,
                    scan.size,
                    scan.error or "cut short",
                )
            for record, offset in iter_records(f):
                if offset >= scan.good_end:
                    break
                if record.rec_type != "response":
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                warc_date = record.rec_headers.get_header("WARC-Date")
                when = _when(warc_date)
                entry = ReplayEntry(str(f.resolve()), offset, warc_date, when)
                if as_of is not None and when is not None and when > as_of:
                    continue  # not yet captured at the time replayed
                self.history.setdefault(_key(url), []).append(entry)
        for key, entries in self.history.items():
            # oldest first; records without a date keep their order in the files, as before
            entries.sort(key=lambda e: e.when or datetime.min.replace(tzinfo=timezone.utc))
            self.entries[key] = entries[-1]
        logger.info("replay index: %d URLs from %d WARC file(s) under %s", len(self.entries), len(files), path)

    def newest_capture(self) -> datetime | None:
        """The time of the newest capture in the (as-of) archive, UTC."""
        times = [e.when for e in self.entries.values() if e.when is not None]
        return max(times, default=None)

    def last_capture_date(self, utc_offset_hours: int = 8) -> date | None:
        """The local date (HK/PRC time by default) of the newest capture: a replay's 'today'.

        Date-index discovery asks for "today's" index pages; replaying an archive
        recorded on another day should ask for that day's, not the machine's.
        """

        when = self.newest_capture()
        if when is None:
            return None
        return (when + timedelta(hours=utc_offset_hours)).date()

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, url: str) -> ReplayEntry | None:
        return self.entries.get(_key(url))

    def captured_after(self, url: str, when: str | None) -> bool:
        """Whether the archive holds a capture of ``url`` made after ``when`` (a UTC ISO time).

        A replayed re-check needs one: answering it with the capture it checks would report
        "unchanged" for a page nobody looked at again.
        """
        since = _when(when)
        if since is None:
            return False
        # the store keeps capture times to the second; a WARC-Date may have microseconds
        return any(
            (e.when or since).replace(microsecond=0) > since.replace(microsecond=0)
            for e in self.history.get(_key(url), [])
        )


class ReplayMiddleware:
    """Answers requests from the replay index (enabled only with --replay)."""

    def __init__(self, rt: runtime.Runtime) -> None:
        self.rt = rt

    @classmethod
    def from_crawler(cls, crawler: Any) -> "ReplayMiddleware":
        rt = runtime.for_settings(crawler.settings)
        if rt is None or rt.replay is None:
            raise NotConfigured("not a replay crawl")
        return cls(rt)

    def process_request(self, request: Any, spider: Any = None) -> Response:
        entry = self.rt.replay.lookup(request.url)
        if entry is None:
            if request.url.endswith("/robots.txt"):
                # No recorded robots.txt: behave as a site without one, archive nothing.
                request.meta["longarm_no_archive"] = True
                return Response(request.url, status=404, body=b"", request=request, flags=["replay-synthetic"])
            self.rt.count("replay_missing")
            logger.warning("replay: %s is not in the archive %s; skipped", request.url, self.rt.replay.source)
            raise IgnoreRequest(f"not in replay archive: {request.url}")
        rec = read_response_at("/", entry.path, entry.offset)
        headers = [(k, v) for k, v in rec.headers if k.lower() not in ("transfer-encoding",)]
        # Headers (bytes, any case), as Scrapy's downloader passes them: a dict of str names
        # matched no Content-Type, so the class was guessed from the URL and body alone.
        respcls = responsetypes.from_args(headers=Headers(headers), url=request.url, body=rec.payload[:4096])
        request.meta["longarm_replay"] = {"warc_date": rec.warc_date, "record_id": rec.record_id, "file": entry.path}
        return respcls(
            url=request.url,
            status=rec.status,
            headers=headers,
            body=rec.payload,
            request=request,
            flags=["replay"],
            protocol=rec.protocol,
        )
