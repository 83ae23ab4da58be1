"""A progress line on the terminal while a crawl runs (pages, documents, errors)."""
from __future__ import annotations

import sys
import time
from typing import Any

from scrapy import signals
from twisted.internet import task


class ProgressLine:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.enabled = crawler.settings.getbool("LONGARM_PROGRESS", True)
        self.tty = sys.stderr.isatty()
        self.loop: task.LoopingCall | None = None
        self.started = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler: Any) -> "ProgressLine":
        ext = cls(crawler)
        crawler.signals.connect(ext.opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.closed, signal=signals.spider_closed)
        return ext

    def opened(self, spider: Any) -> None:
        if self.enabled:
            self.loop = task.LoopingCall(self.show, spider)
            self.loop.start(1.0 if self.tty else 15.0, now=False)

    def show(self, spider: Any, final: bool = False) -> None:
        stats = self.crawler.stats
        pages = stats.get_value("response_received_count", 0)
        docs = stats.get_value("item_scraped_count", 0)
        errors = stats.get_value("log_count/ERROR", 0) + sum(
            v for k, v in spider.states.items() if k not in ("ok",))
        line = (f"[{spider.source_id}] {time.monotonic() - self.started:6.0f}s  pages {pages}  "
                f"documents {docs}  known-skipped {spider.stats_counter['known_skipped']}  problems {errors}")
        if self.tty:
            sys.stderr.write("\r" + line.ljust(100) + ("\n" if final else ""))
        else:
            sys.stderr.write(line + "\n")
        sys.stderr.flush()

    def closed(self, spider: Any) -> None:
        if self.loop and self.loop.running:
            self.loop.stop()
        if self.enabled:
            self.show(spider, final=True)
