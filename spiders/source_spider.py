"""One spider class for every source, driven by its registry entry.

It only parses and yields: article requests from feeds, sitemaps, listing
and date-index pages, and a DocumentItem per article. What to skip (articles
already stored) is decided from the ``known`` map the runner passes in, so a
killed crawl run again goes on from what the database holds. How far the last
walk of each listing / date index got comes in as ``walks``
(longarm.spiders.discovery_state): a listing stops at a page of only known articles
only when its previous walk was complete.
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import date, datetime, timedelta, timezone
from typing import Any, AsyncIterator, Iterable
from zoneinfo import ZoneInfo

import scrapy
from scrapy.http import Response

from longarm.spiders import health
from longarm.spiders.discovery_state import PreviousWalk, WalkProgress, discovery_key, discovery_page_walked, tracked
from longarm.spiders.extraction.dates import url_date as extraction_url_date
from longarm.spiders.first_contact import FirstContactLog
from longarm.spiders.items import DocumentItem
from longarm.spiders.registry import Discovery, Source, get_registry

logger = logging.getLogger(__name__)


def url_date(url: str) -> date | None:
    """The publication date many of our sources put in their article URLs (t20240424_, /2019-12/10/, /202307/03/),
    or any date-like run in the URL: enough to tell whether a discovered link is in the crawl's date range."""
    found = extraction_url_date(url, anywhere=True)
    return found.date() if found else None


def date_range(since: date, until: date) -> list[date]:
    days = (until - since).days
    return [since + timedelta(days=i) for i in range(days + 1)]


class SourceSpider(scrapy.Spider):
    name = "longarm"

    def __init__(
        self,
        source_id: str,
        *,
        since: date | None = None,
        until: date | None = None,
        known: dict[str, Any] | None = None,
        today: date | None = None,
        first_contact: bool = False,
        walks: dict[str, PreviousWalk] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(name=source_id, **kwargs)
        registry = get_registry()
        if source_id not in registry:
            raise ValueError(f"unknown source {source_id!r}: see `longarm sources`")
        self.source: Source = registry[source_id]
        self.source_id = source_id
        self.allowed_domains = list(self.source.allowed_domains)
        self.since, self.until = since, until
        self.backfill = since is not None
        self.tz = ZoneInfo(self.source.timezone)
        self.today = today or datetime.now(self.tz).date()
        self.known = known or {}
        self.previous_walks = walks or {}
        self.progress: dict[str, WalkProgress] = {
            discovery_key(d): WalkProgress(discovery_key(d), d.type) for d in tracked(self.source.discovery)
        }
        self.seen: set[str] = set()
        self.stats_counter: Counter[str] = Counter()
        self.states: Counter[str] = Counter()
        self.error_samples: list[str] = []
        #: Pages kept for the first-contact report (spiders/first_contact.py), when the runner asks for one.
        self.first_contact: FirstContactLog | None = FirstContactLog(self.source) if first_contact else None

    # -- bookkeeping ----------------------------------------------------------
    def note_state(self, state: str, url: str, detail: str = "") -> None:
        self.states[state] += 1
        if state != health.OK and len(self.error_samples) < 20:
            self.error_samples.append(f"{state}: {url} {detail}".strip())

    def errback(self, failure: Any) -> None:
        request = failure.request
        state = health.classify_failure(failure)
        self.note_state(state, request.url, type(failure.value).__name__ + ": " + str(failure.value)[:200])
        response = getattr(failure.value, "response", None)
        status = getattr(response, "status", None)
        error = type(failure.value).__name__ + ": " + str(failure.value)[:200]
        if state == health.REDIRECTED_OFFSITE:
            # Where the site sends the article, not a failure to fetch it: the walk is not left incomplete
            # (the next run would walk it in full every night), the redirect is counted and logged.
            self.stats_counter["offsite_redirects"] += 1
            logger.info("%s: %s %s (%s)", self.source_id, state, request.url, failure.value)
            return
        self._walk_failed(request.meta)
        if request.meta.get("longarm_kind") == "article":
            self.stats_counter["article_failures"] += 1
            if self.first_contact is not None:
                self.first_contact.article_page(request.url, status, state, error=error)
        else:
            self.stats_counter["discovery_failures"] += 1
            if self.first_contact is not None:
                self.first_contact.discovery_page(request.url, status, state, error=error)
        logger.info("%s: %s %s (%s)", self.source_id, state, request.url, failure.value)

    def _walk_failed(self, meta: dict[str, Any]) -> None:
        """A page or article of a walk failed: the walk is not complete, the next run walks it in full."""
        progress = self.progress.get(meta.get("discovery_key") or "")
        if progress is not None:
            progress.failures += 1

    def previous_walk(self, disc: Discovery) -> PreviousWalk:
        return self.previous_walks.get(discovery_key(disc)) or PreviousWalk()

    # -- discovery --------------------------------------------------------------
    def _days(self, disc: Discovery) -> list[date]:
        if self.since:
            last = self.until or self.today
            if disc.until is not None:
                last = min(last, disc.until)  # an old layout's index: only the days it served
            return date_range(self.since, last) if last >= self.since else []
        return [self.today - timedelta(days=i) for i in range(max(disc.days, 1))]

    def _in_use(self, disc: Discovery) -> bool:
        """Whether this run reads the discovery page: retired layouts only serve a backfill reaching back to them."""
        if disc.until is None:
            return True
        if self.backfill:
            return self.since is not None and self.since <= disc.until
        return not disc.retired(self.today)

    def discovery_requests(self) -> Iterable[scrapy.Request]:
        for disc in self.source.discovery:
            if not self._in_use(disc):
                continue
            meta = {"longarm_kind": "discovery", "discovery": disc, "page": 1, "discovery_key": discovery_key(disc)}
            if disc.type == "feed":
                yield scrapy.Request(disc.url, self.parse_feed, errback=self.errback, meta=meta, dont_filter=True)
            elif disc.type == "sitemap":
                yield scrapy.Request(disc.url, self.parse_sitemap, errback=self.errback, meta=meta, dont_filter=True)
            elif disc.type == "listing":
                yield scrapy.Request(disc.url, self.parse_listing, errback=self.errback, meta=meta, dont_filter=True)
            elif disc.type == "date_index":
                done = self.previous_walk(disc).done_days if self.backfill else frozenset()
                for d in self._days(disc):
                    if d.isoformat() in done:  # a backfill resumed: every article of that day is stored
                        self.progress[discovery_key(disc)].days_skipped += 1
                        self.stats_counter["days_skipped"] += 1
                        continue
                    url = disc.url_template.format(yyyy=f"{d:%Y}", mm=f"{d:%m}", dd=f"{d:%d}", yyyymm=f"{d:%Y%m}")
                    yield scrapy.Request(
                        url,
                        self.parse_listing,
                        errback=self.errback,
                        meta={**meta, "index_date": d.isoformat()},
                        dont_filter=True,
                    )

    async def start(self) -> AsyncIterator[Any]:
        for request in self.discovery_requests():
            yield request

    def _in_range(self, url: str, published: str | None = None) -> bool:
        if not self.since:
            return True
        d = None
        if published:
            try:
                d = datetime.fromisoformat(published.replace("Z", "+00:00")).date()
            except ValueError:
                d = None
        d = d or url_date(url)
        if d is None:
            return True
        return self.since <= d <= (self.until or self.today)

    def article_request(self, url: str, lang: str | None, walk: str | None = None) -> scrapy.Request | None:
        """A request for an article, or None when it is known and not due for a revisit."""
        art = self.source.match_article(url)
        if art is None:
            return None
        url = art.address(url)
        if url in self.seen:
            return None
        self.seen.add(url)
        lang = art.lang or lang
        meta: dict[str, Any] = {"longarm_kind": "article", "lang_hint": lang, "discovery_key": walk}
        headers: dict[str, str] = {}
        known = self.known.get(url)
        if known is not None and known.source_id in (None, self.source_id) and not known.metadata_archived:
            # Stored by a run killed before its WARC metadata record was written: fetch it again, plainly
            # (a 304 would bring no item), so the pipelines write the record.
            self.stats_counter["article_requests"] += 1
            return scrapy.Request(url, self.parse_article, errback=self.errback, meta=meta)
        if known is not None:
            due = False
            if known.source_id not in (None, self.source_id):
                pass  # stored by another source, which revisits it
            elif self.source.revisit_days and known.last_seen:
                try:
                    last = datetime.fromisoformat(known.last_seen.replace("Z", "+00:00"))
                    due = datetime.now(timezone.utc) - last > timedelta(days=self.source.revisit_days)
                except ValueError:
                    due = True
            if not due:
                self.stats_counter["known_skipped"] += 1
                return None
            if known.etag:
                headers["If-None-Match"] = known.etag
            if known.last_modified:
                headers["If-Modified-Since"] = known.last_modified
            meta["handle_httpstatus_list"] = [304]
        self.stats_counter["article_requests"] += 1
        return scrapy.Request(url, self.parse_article, errback=self.errback, meta=meta, headers=headers)

    def _challenged_discovery(self, response: Response) -> bool:
        """A feed or listing answered by an anti-bot challenge page is a challenge, not an empty site."""
        if not health.looks_like_challenge(response.status, response.body):
            return False
        self.stats_counter["discovery_failures"] += 1
        self.note_state(health.CHALLENGED, response.url, "anti-bot challenge page instead of the listing")
        if self.first_contact is not None:
            self.first_contact.discovery_page(response.url, response.status, health.CHALLENGED)
        return True

    def _note_discovery(self, response: Response, links: list[str], articles: list[str]) -> None:
        state = health.OK if articles or links else health.PARSED_NOTHING
        if self.first_contact is not None:
            self.first_contact.discovery_page(response.url, response.status, state, links, articles)

    def parse_feed(self, response: Response) -> Iterable[Any]:
        from longarm.spiders.extraction import parse_feed

        if self._challenged_discovery(response):
            return
        disc: Discovery = response.meta["discovery"]
        self.stats_counter["discovery_pages"] += 1
        entries = parse_feed(response.body, response.url)
        self.note_state(
            health.OK if entries else health.PARSED_NOTHING, response.url, "feed had no entries" if not entries else ""
        )
        if self.first_contact is not None:
            links = [link for link, _ in entries]
            self._note_discovery(response, links, self.source.article_urls(links))
        for link, published in entries:
            if not self._in_range(link, published):
                continue
            req = self.article_request(link, disc.lang)
            if req is not None:
                yield req

    def parse_sitemap(self, response: Response) -> Iterable[Any]:
        from longarm.spiders.extraction import parse_sitemap

        if self._challenged_discovery(response):
            return
        disc: Discovery = response.meta["discovery"]
        self.stats_counter["discovery_pages"] += 1
        entries = parse_sitemap(response.body, response.url)
        if self.first_contact is not None:
            locs = [loc for loc, _, is_index in entries if not is_index]
            self._note_discovery(response, locs, self.source.article_urls(locs))
        for loc, lastmod, is_index in entries:
            if is_index:
                if self._in_range(loc, lastmod):
                    assert response.request is not None  # Scrapy sets it on every response it calls back with
                    yield response.request.replace(url=loc)
                continue
            if self._in_range(loc, lastmod):
                req = self.article_request(loc, disc.lang)
                if req is not None:
                    yield req

    def parse_listing(self, response: Response) -> Iterable[Any]:
        from longarm.spiders.extraction import extract_links

        if self._challenged_discovery(response):
            return
        disc: Discovery = response.meta["discovery"]
        page = response.meta.get("page", 1)
        self.stats_counter["discovery_pages"] += 1
        all_links = extract_links(response.body, response.url, _headers(response))
        links = self.source.article_urls(all_links)
        if not links:
            self.note_state(health.PARSED_NOTHING, response.url, "listing yielded no article links")
        else:
            self.note_state(health.OK, response.url)
        self._note_discovery(response, all_links, links)
        new = 0
        dates = [d for d in map(url_date, links) if d]
        oldest: date | None = min(dates) if dates else None
        in_range = [link for link in links if self._in_range(link)]
        key = discovery_key(disc)
        for link in in_range:
            # New = not stored when the run started; what another entry found in this run still counts,
            # so how far a walk goes does not depend on which response came back first.
            if link not in self.known:
                new += 1
            req = self.article_request(link, disc.lang, key)
            if req is not None:
                yield req
        index_date = response.meta.get("index_date")
        day = date.fromisoformat(index_date) if index_date else None
        progress = self.progress.get(key)
        if progress is not None:
            progress.note_page(None if day else page, day, dates)
            crawler = getattr(self, "crawler", None)  # None when a test calls the spider directly
            if crawler is not None:
                crawler.signals.send_catch_log(
                    discovery_page_walked,
                    spider=self,
                    progress=progress,
                    page=index_date or str(page),
                    url=response.url,
                    links=in_range,
                    oldest=oldest,
                )
        # Paging: stop at max_pages, at a page of only known articles (nightly, and only when the
        # previous walk of this listing was complete: a killed walk never reached the older pages),
        # or once the listing reaches articles older than --since (backfill).
        if not disc.next_page or not links:
            return
        limit = disc.max_pages if not self.backfill else max(disc.max_pages, 500)
        if page >= limit:
            return
        if not self.backfill and new == 0 and self.previous_walk(disc).complete:
            return
        if self.backfill and oldest and self.since and oldest < self.since:
            return
        # page_start: the number the site gives its second page (TRS-built gov.cn sites: default_1.shtml)
        yield scrapy.Request(
            disc.next_page.format(page=disc.page_start + page - 1),
            self.parse_listing,
            errback=self.errback,
            meta={**response.meta, "page": page + 1},
            dont_filter=True,
        )

    def parse_article(self, response: Response) -> Iterable[Any]:
        from longarm.spiders.extraction import ExtractionError, extract_document

        if response.status == 304:
            self.stats_counter["not_modified"] += 1
            return
        if health.looks_like_challenge(response.status, response.body):
            self.stats_counter["article_failures"] += 1
            self.note_state(health.CHALLENGED, response.url, "anti-bot challenge page instead of the article")
            if self.first_contact is not None:
                self.first_contact.article_page(response.url, response.status, health.CHALLENGED)
            self._walk_failed(response.meta)
            return
        self.stats_counter["article_pages"] += 1
        try:
            doc = extract_document(
                response.body,
                response.url,
                self.source,
                headers=_headers(response),
                lang_hint=response.meta.get("lang_hint"),
            )
        except ExtractionError as exc:
            self.stats_counter["parsed_nothing"] += 1
            self.note_state(health.PARSED_NOTHING, response.url, str(exc))
            logger.warning("%s: %s", self.source_id, exc)
            if self.first_contact is not None:
                self.first_contact.article_page(
                    response.url,
                    response.status,
                    health.PARSED_NOTHING,
                    body=response.body,
                    headers=_headers(response),
                    error=str(exc),
                )
            return
        except Exception as exc:  # noqa: BLE001 - a page the extractors choke on is counted and logged, never lost unseen
            self.stats_counter["parsed_nothing"] += 1
            self.stats_counter["extraction_errors"] += 1
            detail = f"extraction failed ({type(exc).__name__}: {str(exc)[:200]})"
            self.note_state(health.PARSED_NOTHING, response.url, detail)
            logger.error("%s: %s: %s; the page is skipped, please report it", self.source_id, response.url, detail)
            if self.first_contact is not None:
                self.first_contact.article_page(
                    response.url,
                    response.status,
                    health.PARSED_NOTHING,
                    body=response.body,
                    headers=_headers(response),
                    error=detail,
                )
            return
        if self.first_contact is not None:
            state = health.OK if (doc.get("text") or "").strip() else health.PARSED_NOTHING
            self.first_contact.article_page(
                response.url, response.status, state, body=response.body, headers=_headers(response), doc=doc
            )
        if not (doc.get("text") or "").strip():
            self.stats_counter["parsed_nothing"] += 1
            self.note_state(health.PARSED_NOTHING, response.url, "no main text found")
            logger.warning("%s: no main text in %s; skipped", self.source_id, response.url)
            return
        if not doc.get("title"):
            self.stats_counter["missing_title"] += 1
        self.stats_counter["documents"] += 1
        self.note_state(health.OK, response.url)
        item = DocumentItem(
            source_id=self.source_id,
            url=response.url,
            canonical_url=doc.get("canonical_url"),
            title=doc.get("title"),
            published_at=doc.get("published_at"),
            lang=doc.get("lang"),
            text=doc["text"],
            encoding=doc.get("encoding"),
            warnings=doc.get("warnings") or [],
            status=response.status,
            snapshot_id=response.meta.get("snapshot_id"),
            warc_record_id=response.meta.get("warc_record_id"),
            response=response,
        )
        yield item


def _headers(response: Response) -> dict[str, str]:
    return {k.decode("latin-1"): v[0].decode("latin-1") for k, v in response.headers.items() if v}
