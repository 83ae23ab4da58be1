"""Article pages that send the crawler off-site, by an HTTP redirect or a meta refresh: logged, never silent.

Scrapy follows a redirect by scheduling a new request, and its offsite filter
drops a request outside the source's ``allowed_domains`` at scheduling time,
calling no errback: the article vanished from the run without a word, and the
source still reported ``ok``. These two downloader middlewares look at an
article's response just before Scrapy's redirect (HTTP 3xx) and meta-refresh
middlewares do; when the target is off-site they log it with the target and
raise ``OffsiteRedirect``, which reaches the spider's errback, so the source's
health counts it (state ``redirected_offsite``, longarm.spiders.health) with the target
in its problems. The 3xx response or refresh page itself is archived as
received (longarm.middlewares.archive runs closer to the downloader), so the evidence of
where the article went is kept. On-site redirects are followed as before.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urljoin, urlsplit

from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Request, Response
from scrapy.utils.response import get_meta_refresh
from w3lib.url import safe_url_string

logger = logging.getLogger(__name__)

REDIRECT_STATUSES = (301, 302, 303, 307, 308)


class OffsiteRedirect(IgnoreRequest):
    """An article's page redirects (``how``: "redirect" or "meta refresh") to ``target`` outside its source."""

    def __init__(self, url: str, target: str, how: str) -> None:
        self.url, self.target, self.how = url, target, how
        super().__init__(f"{how} to off-site {target} (not followed)")


def on_site(url: str, allowed_domains: list[str] | tuple[str, ...]) -> bool:
    """True when ``url``'s host is one of ``allowed_domains`` or below one (Scrapy's offsite rule)."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    if not allowed_domains:
        return True
    return any(host == d.lower() or host.endswith("." + d.lower()) for d in allowed_domains)


def _check(request: Request, spider: Any, target: str, how: str) -> None:
    if spider is None or on_site(target, getattr(spider, "allowed_domains", None) or ()):
        return
    logger.warning(
        "%s: article %s: %s to off-site %s, not followed (counted in the source's health)",
        getattr(spider, "source_id", "?"),
        request.url,
        how,
        target,
    )
    raise OffsiteRedirect(request.url, target, how)


def _is_article(request: Request) -> bool:
    return request.meta.get("longarm_kind") == "article" and not request.meta.get("dont_redirect")


class _CrawlerSpider:
    """Scrapy 2.13+ no longer passes the spider to middlewares: take it from the crawler."""

    crawler: Any = None

    def _spider(self, spider: Any) -> Any:
        return spider if spider is not None else getattr(self.crawler, "spider", None)


class OffsiteRedirectMiddleware(_CrawlerSpider):
    """HTTP 3xx of an article to another site (runs before RedirectMiddleware, 600)."""

    @classmethod
    def from_crawler(cls, crawler: Any) -> "OffsiteRedirectMiddleware":
        mw = cls()
        mw.crawler = crawler
        return mw

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Response:
        target = response.headers.get(b"Location")
        if _is_article(request) and response.status in REDIRECT_STATUSES and target is not None:
            location = safe_url_string(target.decode("latin-1"))
            _check(request, self._spider(spider), urljoin(request.url, location), "redirect")
        return response


class OffsiteRefreshMiddleware(_CrawlerSpider):
    """``<meta http-equiv="refresh">`` of an article to another site (runs before MetaRefreshMiddleware, 580,
    and after HttpCompressionMiddleware, 590, so it reads the decoded page), with the same settings."""

    def __init__(self, ignore_tags: list[str], max_delay: int, enabled: bool) -> None:
        self.ignore_tags, self.max_delay, self.enabled = ignore_tags, max_delay, enabled

    @classmethod
    def from_crawler(cls, crawler: Any) -> "OffsiteRefreshMiddleware":
        s = crawler.settings
        mw = cls(
            s.getlist("METAREFRESH_IGNORE_TAGS"), s.getint("METAREFRESH_MAXDELAY"), s.getbool("METAREFRESH_ENABLED")
        )
        mw.crawler = crawler
        return mw

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Response:
        if self.enabled and _is_article(request) and isinstance(response, HtmlResponse):
            interval, url = get_meta_refresh(response, ignore_tags=self.ignore_tags)
            if url and interval is not None and interval < self.max_delay:
                _check(request, self._spider(spider), url, "meta refresh")
        return response
