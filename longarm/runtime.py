"""Per-crawl shared objects (store, WARC writer, replay index) looked up by run id.

Scrapy deep-copies settings, so live objects such as a SQLite connection cannot
travel in them; the crawl runner registers a Runtime here and puts only its
run id in the settings, and middlewares and pipelines look it up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

_RUNTIMES: dict[int, "Runtime"] = {}


@dataclass
class Runtime:
    run_id: int
    store: Any  # db.Store
    warc: Any  # pipelines.warc_writer.WarcWriterSet
    replay: Any = None  # pipelines.replay.ReplayIndex or None
    extractor: Any = None  # nlp.ThreatExtractor or None
    now: datetime | None = None  # the run's clock: None = the wall clock; a replay as of a date: that time
    counters: dict[str, int] = field(default_factory=dict)

    def count(self, key: str, n: int = 1) -> None:
        self.counters[key] = self.counters.get(key, 0) + n


def register(rt: Runtime) -> None:
    _RUNTIMES[rt.run_id] = rt


def unregister(run_id: int) -> None:
    _RUNTIMES.pop(run_id, None)


def for_settings(settings: Any) -> Runtime | None:
    run_id = settings.getint("LONGARM_RUN_ID", 0)
    return _RUNTIMES.get(run_id)
