"""Per-crawl shared objects (store, WARC writer, replay index) looked up by run id.

Scrapy deep-copies settings, so live objects such as a SQLite connection cannot
travel in them; the crawl runner registers a Runtime here and puts only its
run id in the settings, and middlewares and pipelines look it up.

The runtime also carries the extraction runner (``extract_one``) the crawl runner chose: the
item pipeline that extracts threats calls it without importing the CLI package, which owns the
glue between the NLP library and the store (``longarm/extraction_runner.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

_RUNTIMES: dict[int, "Runtime"] = {}


class ExtractOne(Protocol):
    """Extract one stored document's threats and store them; returns how many were found.

    ``longarm.extraction_runner.extract_one`` is the implementation the crawl registers.
    """

    def __call__(
        self,
        store: Any,
        extractor: Any,
        document_id: int,
        text: str,
        lang: str | None,
        publisher: dict[str, str] | None = None,
    ) -> int: ...


@dataclass
class Runtime:
    run_id: int
    store: Any  # longarm.db.Store
    warc: Any  # longarm.pipelines.warc_writer.WarcWriterSet
    replay: Any = None  # longarm.middlewares.replay.ReplayIndex or None
    extractor: Any = None  # longarm.nlp.ThreatExtractor or None
    extract_one: ExtractOne | None = None  # longarm.extraction_runner.extract_one (with an extractor)
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
