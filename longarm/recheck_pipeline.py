"""Store what each re-check found (longarm.rechecks.record_recheck): the RecheckSpider's only pipeline.

It lives in ``longarm`` (not ``pipelines``) because it uses the application layer (the runtime,
the re-check library); the spider names it in its ``custom_settings`` by path only.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import Any

from scrapy.exceptions import NotConfigured

from longarm.core import runtime

logger = logging.getLogger(__name__)


def _parse_utc(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(timezone.utc)


class RecheckPipeline:
    def __init__(self, rt: runtime.Runtime, crawler: Any = None) -> None:
        self.rt = rt
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> "RecheckPipeline":
        rt = runtime.for_settings(crawler.settings)
        if rt is None:
            raise NotConfigured("no longarm runtime: re-check through `longarm nightly`")
        return cls(rt, crawler)

    def process_item(self, item: Any, spider: Any = None) -> Any:
        from longarm.recheck_outcome import LiveAnswer
        from longarm.rechecks import record_recheck

        spider = spider if spider is not None else getattr(self.crawler, "spider", None)
        version = None
        if self.rt.extractor is not None:
            from longarm.extraction_runner import extractor_version

            version = extractor_version()
        source = getattr(spider, "source", None)
        captured = item.get("captured_at")
        outcome = record_recheck(
            self.rt.store.db,
            item["due"],
            LiveAnswer(**item["answer"]),
            snapshot_id=item.get("snapshot_id"),
            run_id=self.rt.run_id,
            extractor=self.rt.extractor,
            extractor_version=version,
            publisher={"name": source.name, "kind": source.kind} if source is not None else None,
            title=item.get("title"),
            now=_parse_utc(captured) if captured else self.rt.now,
        )
        self.rt.count(f"rechecks_{outcome.kind}")
        logger.info("re-check of %s: %s (%s)", item["due"].url, outcome.kind, outcome.detail)
        return item
