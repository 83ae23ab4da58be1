"""The one progress line of a crawl (longarm/progress.py) with re-check spiders among the running crawls."""

from __future__ import annotations

from collections import Counter
from types import SimpleNamespace

from longarm import progress


def _crawler(pages: int, items: int) -> SimpleNamespace:
    values = {"response_received_count": pages, "item_scraped_count": items}
    return SimpleNamespace(stats=SimpleNamespace(get_value=lambda key, default=None: values.get(key, default)))


def test_line_counts_a_recheck_spider_without_discovery_states(monkeypatch) -> None:
    source = SimpleNamespace(stats_counter=Counter(known_skipped=4), states={"ok": 3, "site_down": 1})
    recheck = SimpleNamespace(stats_counter=Counter(requests=5))  # spiders/recheck_spider.py: no states
    monkeypatch.setattr(progress, "_ACTIVE", [(_crawler(10, 2), source), (_crawler(5, 5), recheck)])
    line = progress._line()
    assert "pages 15" in line and "documents 7" in line and "already stored 4" in line and "problems 1" in line
