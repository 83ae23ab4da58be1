"""One progress line on the terminal for the whole crawl (all sources together).

Each crawler's extension registers its spider; a single timer prints the sums,
redrawn in place on a terminal and every 15 seconds as a plain line otherwise
(cron logs).
"""

from __future__ import annotations

import sys
import time
from typing import Any

from scrapy import signals
from twisted.internet import task

_ACTIVE: list[tuple[Any, Any]] = []  # (crawler, spider) of running crawls
_LOOP: task.LoopingCall | None = None
_STARTED = time.monotonic()
_TTY = sys.stderr.isatty()


def _line(final: bool = False) -> str:
    pages = docs = skipped = problems = 0
    running = 0
    for crawler, spider in _ACTIVE:
        stats = crawler.stats
        pages += stats.get_value("response_received_count", 0) or 0
        docs += stats.get_value("item_scraped_count", 0) or 0
        # A RecheckSpider (longarm/crawl.py starts one per source after its crawl) has no discovery states.
        skipped += spider.stats_counter.get("known_skipped", 0)
        problems += sum(v for k, v in getattr(spider, "states", {}).items() if k != "ok")
        running += 0 if getattr(spider, "_longarm_closed", False) else 1
    return (
        f"crawl {time.monotonic() - _STARTED:5.0f}s  sources running {running}/{len(_ACTIVE)}  pages {pages}  "
        f"documents {docs}  already stored {skipped}  problems {problems}"
    )


def _show(final: bool = False) -> None:
    line = _line(final)
    if _TTY:
        sys.stderr.write("\r" + line.ljust(110) + ("\n" if final else ""))
    else:
        sys.stderr.write(line + "\n")
    sys.stderr.flush()


class ProgressLine:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.enabled = crawler.settings.getbool("LONGARM_PROGRESS", True)

    @classmethod
    def from_crawler(cls, crawler: Any) -> "ProgressLine":
        ext = cls(crawler)
        crawler.signals.connect(ext.opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.closed, signal=signals.spider_closed)
        return ext

    def opened(self, spider: Any) -> None:
        global _LOOP
        if not self.enabled:
            return
        _ACTIVE.append((self.crawler, spider))
        if _LOOP is None:
            _LOOP = task.LoopingCall(_show)
            _LOOP.start(1.0 if _TTY else 15.0, now=False)

    def closed(self, spider: Any) -> None:
        global _LOOP
        if not self.enabled:
            return
        spider._longarm_closed = True
        if all(getattr(s, "_longarm_closed", False) for _, s in _ACTIVE) and _LOOP is not None:
            if _LOOP.running:
                _LOOP.stop()
            _LOOP = None
            _show(final=True)
