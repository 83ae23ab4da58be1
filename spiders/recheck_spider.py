"""Fetch stored articles again for their re-checks (longarm/rechecks.py), one spider per source.

It only fetches and describes what the site answered: a ``RecheckItem`` per document, also
when the fetch failed (the errback yields one), so ``longarm.recheck_pipeline`` can record every
outcome. Requests go through the same middlewares as any crawl (robots.txt, politeness,
retries, ArchiveMiddleware), so every answer is in the WARC, an identical payload or a
``304`` as a revisit record.
"""

from __future__ import annotations

import logging
from collections import Counter
from typing import Any, AsyncIterator, Iterable

import scrapy
from scrapy.http import Response

from longarm.spiders.items import RecheckItem
from longarm.spiders.registry import Source, get_registry

logger = logging.getLogger(__name__)


def page_title_and_text(body: bytes, url: str) -> tuple[str, str]:
    """The <title> and the visible text of an HTML page ("" for what cannot be parsed)."""
    if not body.strip():
        return "", ""
    try:
        import lxml.html

        tree = lxml.html.document_fromstring(body)
    except Exception:  # noqa: BLE001 - not HTML at all: no title, the raw text is the text
        return "", body.decode("utf-8", "replace")
    for bad in tree.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    title = " ".join(tree.xpath("//title//text()")).strip()
    body_nodes = tree.xpath("//body")
    text = body_nodes[0].text_content() if body_nodes else tree.text_content()
    return title, text


class RecheckSpider(scrapy.Spider):
    name = "longarm-recheck"
    custom_settings = {"ITEM_PIPELINES": {"longarm.recheck_pipeline.RecheckPipeline": 300}}

    def __init__(self, source_id: str, *, due: list[Any], **kwargs: Any) -> None:
        super().__init__(name=f"recheck-{source_id}", **kwargs)
        registry = get_registry()
        if source_id not in registry:
            raise ValueError(f"unknown source {source_id!r}: see `longarm sources`")
        self.source: Source = registry[source_id]
        self.source_id = source_id
        self.allowed_domains = list(self.source.allowed_domains)
        self.due = due
        self.stats_counter: Counter[str] = Counter()

    def requests(self) -> Iterable[scrapy.Request]:
        for due in self.due:
            headers: dict[str, str] = {}
            if due.etag:
                headers["If-None-Match"] = due.etag
            if due.last_modified:
                headers["If-Modified-Since"] = due.last_modified
            meta = {"longarm_kind": "recheck", "recheck": due, "handle_httpstatus_list": [304]}
            self.stats_counter["requests"] += 1
            yield scrapy.Request(
                due.url, self.parse, errback=self.errback, meta=meta, headers=headers, dont_filter=True
            )

    async def start(self) -> AsyncIterator[Any]:
        for request in self.requests():
            yield request

    def parse(self, response: Response) -> Iterable[Any]:
        due = response.meta["recheck"]
        title, page_text, extracted, doc_title = "", "", None, None
        if response.status != 304:
            title, page_text = page_title_and_text(response.body, response.url)
            extracted, doc_title = self._extract(response)
        answer = {
            "url": due.url,
            "status": response.status,
            "final_url": response.url,
            "redirected": bool(response.meta.get("redirect_urls")),
            "final_is_article": self.source.match_article(response.url) is not None,
            "title": title,
            "page_text": page_text,
            "extracted_text": extracted,
        }
        yield RecheckItem(
            due=due,
            answer=answer,
            snapshot_id=response.meta.get("snapshot_id"),
            title=doc_title,
            captured_at=response.meta.get("captured_at"),
        )

    def errback(self, failure: Any) -> Iterable[Any]:
        request = failure.request
        due = request.meta["recheck"]
        response = getattr(failure.value, "response", None)
        error = f"{type(failure.value).__name__}: {str(failure.value)[:200]}"
        status = getattr(response, "status", None)
        if response is not None and status is not None and status < 400:
            status = None  # an answer we could not follow (offsite redirect...): not a statement about the page
        title, page_text = "", ""
        if response is not None and status is not None:
            title, page_text = page_title_and_text(response.body, response.url)
        answer = {
            "url": due.url,
            "status": status,
            "error": error,
            "final_url": getattr(response, "url", "") or "",
            "title": title,
            "page_text": page_text,
        }
        logger.info("%s: re-check of %s failed: %s", self.source_id, due.url, error)
        yield RecheckItem(
            due=due,
            answer=answer,
            snapshot_id=request.meta.get("snapshot_id"),
            title=None,
            captured_at=request.meta.get("captured_at"),
        )

    def _extract(self, response: Response) -> tuple[str | None, str | None]:
        from longarm.spiders.extraction import extract_document

        headers = {k.decode("latin-1"): v[0].decode("latin-1") for k, v in response.headers.items() if v}
        try:
            doc = extract_document(
                response.body, response.url, self.source, headers=headers, lang_hint=response.meta["recheck"].lang
            )
        except Exception as exc:  # noqa: BLE001 - a page the extractor cannot read is 'unreadable', not lost
            logger.info("%s: re-check of %s: no text extracted (%s)", self.source_id, response.url, exc)
            return None, None
        return (doc.get("text") or None), doc.get("title")
