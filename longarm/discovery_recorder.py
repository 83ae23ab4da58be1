"""The crawl runner's side of resumable discovery: read each walk's state before, write it during and after.

Spiders only yield (and signal); this is where their walks reach the store
(tables ``discovery_walks`` and ``discovery_pages``, see longarm.db.schema._v3):

- before the crawl, ``previous_walks`` gives each spider its entries' last walks,
  and ``start`` marks them under way (incomplete), so a run killed at any
  moment leaves them incomplete;
- during it, every listing page or date-index day walked is recorded as the
  spider reports it;
- when a spider closes, each walk is recorded complete only if the spider
  finished on its own and no page or article of the walk failed.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from scrapy import signals

from longarm.spiders.discovery_state import PreviousWalk, discovery_key, discovery_page_walked, tracked
from longarm.spiders.registry import Source

logger = logging.getLogger(__name__)


def previous_walks(store: Any, source: Source, *, backfill: bool) -> dict[str, PreviousWalk]:
    """Each listing / date-index entry's last walk (and, for a backfill, the days it need not walk again)."""
    rows = store.discovery_walks(source.id)
    out: dict[str, PreviousWalk] = {}
    for disc in tracked(source.discovery):
        key = discovery_key(disc)
        done = store.days_fully_stored(source.id, key) if backfill and disc.type == "date_index" else set()
        out[key] = PreviousWalk.from_row(rows.get(key), done)
    return out


class DiscoveryRecorder:
    """Writes what one run's spiders walked; connect it to each crawler before the crawl starts."""

    def __init__(self, store: Any, run_id: int) -> None:
        self.store = store
        self.run_id = run_id

    def start(self, source: Source) -> None:
        entries = [(discovery_key(d), d.type) for d in tracked(source.discovery)]
        if entries:
            self.store.start_walks(self.run_id, source.id, entries)

    def connect(self, crawler: Any) -> None:
        crawler.signals.connect(self.page_walked, signal=discovery_page_walked)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    def page_walked(
        self, spider: Any, progress: Any, page: str, url: str, links: list[str], oldest: Any = None
    ) -> None:
        self.store.record_discovery_page(
            {
                "source_id": spider.source_id,
                "discovery": progress.key,
                "page": page,
                "url": url,
                "links": json.dumps(links, ensure_ascii=False),
                "oldest_date": oldest.isoformat() if oldest else None,
                "walked_on": spider.today.isoformat(),
                "run_id": self.run_id,
            }
        )

    def spider_closed(self, spider: Any, reason: str) -> None:
        for key, progress in getattr(spider, "progress", {}).items():
            row = progress.end_row(reason, self.run_id)
            self.store.finish_walk(spider.source_id, key, row)
            if not row["complete"]:
                logger.info(
                    "%s: walk of %s not complete (%s, %d failure(s)): the next run walks it in full",
                    spider.source_id,
                    key,
                    reason,
                    progress.failures,
                )
