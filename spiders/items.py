"""The item a spider yields for each article page."""

from __future__ import annotations

import scrapy


class DocumentItem(scrapy.Item):
    """One article as the source published it, with a pointer to the archived response."""

    source_id = scrapy.Field()
    url = scrapy.Field()  # the URL fetched (after redirects)
    canonical_url = scrapy.Field()  # <link rel=canonical> or og:url when the page gives one
    title = scrapy.Field()
    published_at = scrapy.Field()  # ISO 8601 with the source's UTC offset (HK/PRC: +08:00), or None
    lang = scrapy.Field()  # en | zh-Hant | zh-Hans
    text = scrapy.Field()  # main text, page chrome removed
    encoding = scrapy.Field()  # the character encoding actually used to decode the page
    warnings = scrapy.Field()  # extraction warnings (e.g. charset declaration was wrong)
    status = scrapy.Field()  # HTTP status of the response
    snapshot_id = scrapy.Field()  # snapshots.id of the archived response (set by ArchiveMiddleware)
    warc_record_id = scrapy.Field()  # WARC-Record-ID of the response record
    document_id = scrapy.Field()  # documents.id once stored (set by StoreDocumentPipeline)
    changed = scrapy.Field()  # True when the stored row was new or its text changed (StoreDocumentPipeline)
    needs_metadata = scrapy.Field()  # True when the stored row has no WARC metadata record yet (StoreDocumentPipeline)
    response = scrapy.Field()  # the scrapy Response itself (not stored; for pipelines that need it)


class RecheckItem(scrapy.Item):
    """What the site answered a re-check of a stored article (spiders/recheck_spider.py)."""

    due = scrapy.Field()  # longarm.rechecks.DueRecheck: the document and its due re-checks
    answer = scrapy.Field()  # the fields of longarm.recheck_outcome.LiveAnswer (a dict: spiders import no longarm)
    snapshot_id = scrapy.Field()  # snapshots.id of the archived answer (None when nothing was received)
    title = scrapy.Field()  # the title the extractor found, when the page still reads as an article
    captured_at = scrapy.Field()  # when the answer was received (UTC ISO; a replay: when it was recorded)
