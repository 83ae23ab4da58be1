"""Item pipelines: store documents, write their WARC metadata records, extract threats.

Order (settings.ITEM_PIPELINES): StoreDocumentPipeline (300) -> ArchiveMetadataPipeline
(400) -> ExtractThreatsPipeline (500). A document whose text has not changed since
it was stored passes through without new rows or records, which is what makes a
second crawl of the same archive add nothing.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.exceptions import DropItem, NotConfigured

from longarm.core import runtime
from longarm.pipelines.warc_writer import warc_date

logger = logging.getLogger(__name__)


class _RuntimePipeline:
    def __init__(self, rt: runtime.Runtime, crawler: Any = None) -> None:
        self.rt = rt
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> Any:
        rt = runtime.for_settings(crawler.settings)
        if rt is None:
            raise NotConfigured("no longarm runtime: crawl through `longarm crawl`")
        return cls(rt, crawler)

    def spider(self, spider: Any) -> Any:
        """The spider: Scrapy >= 2.13 no longer passes it to ``process_item(item)``."""
        return spider if spider is not None else getattr(self.crawler, "spider", None)


class StoreDocumentPipeline(_RuntimePipeline):
    def process_item(self, item: Any, spider: Any = None) -> Any:
        if not item.get("text"):
            raise DropItem(f"{item.get('url')}: empty text")
        doc = {
            k: item.get(k)
            for k in ("source_id", "url", "canonical_url", "title", "published_at", "lang", "text", "snapshot_id")
        }
        doc_id, changed = self.rt.store.upsert_document(doc, self.rt.run_id)
        item["document_id"] = doc_id
        item["changed"] = changed
        # A run killed between storing the document and archiving its metadata record left it without
        # one: write it now (the text is unchanged, so nothing else is redone).
        item["needs_metadata"] = (
            changed
            or self.rt.store.db.execute(
                "SELECT metadata_record_id IS NULL AND source_id = ? FROM documents WHERE id = ?",
                [item.get("source_id"), doc_id],
            ).fetchone()[0]
            == 1
        )
        self.rt.count("documents_new" if changed else "documents_unchanged")
        return item


class ArchiveMetadataPipeline(_RuntimePipeline):
    def process_item(self, item: Any, spider: Any = None) -> Any:
        if not item.get("needs_metadata"):
            return item
        fields = {
            "source_id": item.get("source_id"),
            "run_id": self.rt.run_id,
            "document_id": item.get("document_id"),
            "url": item.get("url"),
            "canonical_url": item.get("canonical_url"),
            "title": item.get("title"),
            "published_at": item.get("published_at"),
            "lang": item.get("lang"),
            "encoding": item.get("encoding"),
            "text_length": len(item.get("text") or ""),
            "warnings": item.get("warnings") or [],
            "snapshot_id": item.get("snapshot_id"),
        }
        rec = self.rt.warc.write_metadata(
            item["url"], refers_to_record_id=item.get("warc_record_id"), fields=fields, date=warc_date()
        )
        with self.rt.store.db.conn:
            self.rt.store.db["documents"].update(item["document_id"], {"metadata_record_id": rec.record_id})
        return item


class ExtractThreatsPipeline(_RuntimePipeline):
    """Runs the NLP stage on new or changed documents (offsets index the stored text)."""

    def process_item(self, item: Any, spider: Any = None) -> Any:
        ex = self.rt.extractor
        extract_one = self.rt.extract_one
        if ex is None or extract_one is None or not item.get("changed"):
            return item
        spider = self.spider(spider)
        n = extract_one(
            self.rt.store,
            ex,
            item["document_id"],
            item["text"],
            item.get("lang"),
            publisher={"name": spider.source.name, "kind": spider.source.kind} if spider else None,
        )
        self.rt.count("threats", n)
        return item
