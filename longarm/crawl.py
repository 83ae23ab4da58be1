"""Run a crawl: every chosen source, one Scrapy crawler each, in one process.

The runner owns what outlives a spider: the run row, the WARC writer, the
replay index, the per-source health summary. Spiders and pipelines reach them
through ``longarm.core.runtime``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from longarm import settings as default_settings
from longarm.core import runtime
from longarm.db import Store
from longarm.spiders import health
from longarm.spiders.registry import Source, get_registry

logger = logging.getLogger(__name__)

# Below this share of article pages yielding title and text, a source's layout has probably changed ...
YIELD_WARNING_THRESHOLD = 0.6
# ... judged only on this many article pages or more: one or two odd pages say little.
MIN_YIELD_SAMPLE = 3


@dataclass
class SourceResult:
    source_id: str
    status: str
    pages: int = 0
    documents: int = 0
    new_documents: int = 0
    known_skipped: int = 0
    parsed_nothing: int = 0
    errors: int = 0
    extraction_yield: float | None = None
    warning: str = ""
    detail: list[str] = field(default_factory=list)


@dataclass
class CrawlResult:
    run_id: int
    status: str
    sources: list[SourceResult]
    counters: dict[str, int]

    @property
    def failed_sources(self) -> list[str]:
        return [s.source_id for s in self.sources if s.status not in (health.OK,)]


def build_settings(run_id: int, *, replay: bool, overrides: dict[str, Any] | None = None) -> Settings:
    s = Settings()
    s.setmodule(default_settings, priority="project")
    if replay:
        s.update(default_settings.REPLAY_OVERRIDES, priority="project")
    s.set("LONGARM_RUN_ID", run_id, priority="cmdline")
    for k, v in (overrides or {}).items():
        s.set(k, v, priority="cmdline")
    return s


def _summarise(spider: Any, crawler: Any, new_docs: int) -> SourceResult:
    c = spider.stats_counter
    states = spider.states
    pages = crawler.stats.get_value("response_received_count", 0) or 0
    article_pages = c["article_pages"]
    docs = c["documents"]
    yield_ = (docs - c["missing_title"]) / article_pages if article_pages else None
    problems = {k: v for k, v in states.items() if k != health.OK}
    # The source state says the worst thing that kept us from content.
    if states.get(health.OK, 0) == 0 and problems:
        status = max(problems, key=lambda k: problems[k])
    elif c["discovery_failures"] and not c["discovery_pages"]:
        status = health.SITE_DOWN
    elif docs == 0 and article_pages >= (1 if not c["known_skipped"] else MIN_YIELD_SAMPLE):
        # One bad new page beside known good ones is no sign of a layout change.
        status = health.PARSED_NOTHING
    elif (
        docs == 0
        and not c["not_modified"]
        and problems
        and c["article_failures"] >= (1 if not c["known_skipped"] else MIN_YIELD_SAMPLE)
    ):
        # The listings answered but every article request failed (down, blocked, challenged): say why.
        status = max(problems, key=lambda k: problems[k])
    elif (
        c["discovery_pages"]
        and not c["article_requests"]
        and not c["known_skipped"]
        and states.get(health.PARSED_NOTHING)
    ):
        status = health.PARSED_NOTHING
    else:
        status = health.OK
    warning = ""
    if yield_ is not None and yield_ < YIELD_WARNING_THRESHOLD and article_pages >= MIN_YIELD_SAMPLE:
        warning = (
            f"extraction yield {yield_:.0%} (documents with title and text / article pages) is below "
            f"{YIELD_WARNING_THRESHOLD:.0%}: the site's layout may have changed; check `longarm parse` on a recent page"
        )
    elif status == health.PARSED_NOTHING:
        warning = "pages were fetched but nothing was parsed: discovery or layout may have changed"
    return SourceResult(
        source_id=spider.source_id,
        status=status,
        pages=pages,
        documents=docs,
        new_documents=new_docs,
        known_skipped=c["known_skipped"],
        parsed_nothing=c["parsed_nothing"],
        errors=sum(problems.values()),
        extraction_yield=yield_,
        warning=warning,
        detail=spider.error_samples,
    )


#: How a run's detail names a first-contact report (a note for the operator, not an error).
FIRST_CONTACT_NOTE = "first contact report:"


def _write_first_contact(spider: Any, res: SourceResult, archive_dir: str | Path, run_id: int) -> None:
    """Write the first-contact report of an unverified source, and point the run's detail at it."""
    log = getattr(spider, "first_contact", None)
    if log is None:
        return
    try:
        path = log.write(archive_dir, run_id=run_id, status=res.status, warning=res.warning)
    except OSError as exc:  # a report is a convenience: never lose a crawl over it
        logger.warning("%s: first-contact report not written (%s)", res.source_id, exc)
        return
    verdict = log.report(run_id=run_id, status=res.status)["verdict"]
    # First in the detail: the digest's Source health shows the first lines of it.
    res.detail.insert(0, f"{FIRST_CONTACT_NOTE} {path}: {verdict}")
    logger.warning(
        "%s: first live crawl of a source not verified on real pages: %s (report %s)", res.source_id, verdict, path
    )


def update_search_index(store: Store) -> None:
    """Bring the full-text index up to date so `search` and `serve` see the new rows at once."""
    try:
        from longarm.db.search import index_new

        index_new(store.db)
    except Exception as exc:  # search rebuilds lazily on first use; never lose a crawl over it
        logger.warning("search index not updated (%s); `longarm search` will rebuild it", exc)


def _due_rechecks(store: Store, recheck: Any, source_ids: list[str], rt: runtime.Runtime) -> dict[str, list[Any]]:
    """Plan the re-check schedule and list, per source of the run, the articles due (longarm/rechecks.py).

    ``recheck`` is a ``longarm.config.RecheckConfig`` (None or disabled: no re-checks). Only the
    run's sources are re-checked: a source left out of the run keeps its re-checks pending.
    """
    if recheck is None or not recheck.enabled:
        return {}
    from longarm.rechecks import due_rechecks, plan_rechecks

    planned = plan_rechecks(store.db, recheck)
    if planned:
        logger.info("re-checks: %d added to the schedule", planned)
    by_source: dict[str, list[Any]] = {}
    waiting = deferred = 0
    taken = 0
    cap = int(getattr(recheck, "max_per_night", 0) or 0)
    for due in due_rechecks(store.db, now=rt.now):  # the longest overdue first
        if due.source_id not in source_ids:
            continue
        if rt.replay is not None and not rt.replay.captured_after(due.url, due.captured_at):
            waiting += 1  # a replay answers a re-check only with a later capture of the page
            continue
        if cap and taken >= cap:
            deferred += 1  # the rest of a backlog waits for the next nights, oldest first
            continue
        taken += 1
        by_source.setdefault(due.source_id, []).append(due)
    if deferred:
        logger.warning(
            "re-checks: %d due article(s) left for the next nights ([recheck] max_per_night = %d)", deferred, cap
        )
    if waiting:
        logger.info("re-checks: %d due article(s) have no later capture in the replayed archive: left pending", waiting)
    for source_id, due_list in by_source.items():
        rt.count("rechecks_due", len(due_list))
        logger.info("re-checks: %d article(s) of %s due", len(due_list), source_id)
    return by_source


def _recheck_after(process: CrawlerProcess, source_id: str, due_list: list[Any], started: list[Any]) -> Any:
    """A callback that starts the source's RecheckSpider once its crawl has ended.

    One after the other, never side by side: Scrapy's per-domain delay and concurrency hold within
    one crawler, so a source's re-checks run after its crawl to stay within its politeness budget.
    """
    from longarm.spiders.recheck_spider import RecheckSpider

    def start(result: Any) -> Any:
        crawler = process.create_crawler(RecheckSpider)
        started.append(crawler)
        process.crawl(crawler, source_id=source_id, due=due_list)
        return result

    return start


def run_crawl(
    db_path: str | Path,
    archive_dir: str | Path,
    source_ids: list[str] | None = None,
    *,
    replay: str | Path | None = None,
    replay_as_of: datetime | None = None,
    clock: datetime | None = None,
    since: date | None = None,
    until: date | None = None,
    today: date | None = None,
    settings_overrides: dict[str, Any] | None = None,
    command: str = "crawl",
    extract: bool = True,
    operator: str = "",
    check_store: bool = True,
    recheck: Any = None,
    rechecks_only: bool = False,
) -> CrawlResult:
    """Crawl the given sources (all by default) into the store and archive.

    ``replay_as_of`` replays the archive as it stood at that time (later captures are left out);
    ``clock`` is the run's "now" for re-checks (due dates, outcome dates of failures); None: the
    wall clock. A replay re-checks only when ``recheck`` is given, and only pages the archive
    captured again later. ``rechecks_only``: no source crawl, only the re-checks due.

    Runs the Twisted reactor, so call it once per process (the CLI does). The
    database is checked (``PRAGMA quick_check``) before anything is written to it:
    a damaged one raises ``longarm.db.integrity.CorruptDatabaseError`` with the way to
    recover (``check_store=False`` when the caller has just checked it).
    """
    from longarm.extraction_runner import extract_one, extract_pending, load_extractor
    from longarm.middlewares.replay import ReplayIndex
    from longarm.pipelines.warc_writer import WarcWriterSet

    registry = get_registry()
    chosen: list[Source] = []
    for sid in source_ids or list(registry):
        if sid not in registry:
            raise ValueError(f"unknown source {sid!r}; known sources: {', '.join(registry)}")
        chosen.append(registry[sid])
    if since:
        for src in chosen:
            if not src.has_history:
                logger.warning(
                    "%s has no date-indexed history: --since/--until only filters what its "
                    "current feeds and listings show",
                    src.id,
                )
    replay_index = ReplayIndex(replay, as_of=replay_as_of) if replay else None
    if replay_index is not None and clock is None and recheck is not None:
        clock = replay_as_of or replay_index.newest_capture()  # a replay's re-checks happen when it was recorded
    if replay_index is not None and today is None:
        today = replay_index.last_capture_date()
        if today is not None:
            logger.info("replay: taking %s (the archive's newest capture, HK/PRC time) as today", today)
    if check_store:
        from longarm.db.integrity import check_before_writing

        check_before_writing(db_path)
    store = Store(db_path)
    from longarm.db.integrity import repair_dangling_rows

    repair_dangling_rows(store.db)  # rows a database recovery left pointing at lost rows: rebuilt by this crawl
    from longarm.db.archive_location import record_archive

    record_archive(store.db, db_path, archive_dir)  # later commands find the archive without --archive
    from longarm.pipelines.warc_recovery import recover_archive

    recover_archive(archive_dir, store)  # set aside unfinished WARC tails a crashed run left (logged)
    store.sync_sources(registry.values())
    run_id = store.start_run(command, [s.id for s in chosen], str(replay) if replay else None)
    writer = WarcWriterSet(archive_dir, run_id, operator=operator)
    extractor = load_extractor() if extract else None
    if extractor is not None:
        try:
            from longarm.nlp.gazetteer import load_people, load_speakers

            store.sync_gazetteer([*load_people(), *load_speakers()])
        except Exception as exc:  # the gazetteer copy in the DB is a convenience, never fatal
            logger.warning("could not copy the gazetteer into the database: %s", exc)
    rt = runtime.Runtime(
        run_id=run_id,
        store=store,
        warc=writer,
        replay=replay_index,
        extractor=extractor,
        extract_one=extract_one,
        now=clock,
    )
    runtime.register(rt)
    settings = build_settings(run_id, replay=bool(replay), overrides=settings_overrides)
    process = CrawlerProcess(settings)
    # Scrapy's logging defaults set its own loggers to DEBUG; keep them at the CLI's level.
    logging.getLogger("scrapy").setLevel(logging.getLogger().getEffectiveLevel())
    crawlers = []
    from longarm.discovery_recorder import DiscoveryRecorder, previous_walks
    from longarm.spiders import first_contact
    from longarm.spiders.source_spider import SourceSpider

    known = store.known_articles()  # one read, shared: the spiders only look URLs up in it
    recorder = DiscoveryRecorder(store, run_id)
    rechecks_due = _due_rechecks(store, recheck, [s.id for s in chosen], rt)
    recheck_crawlers: list[Any] = []
    for src in chosen if not rechecks_only else []:
        walks = previous_walks(store, src, backfill=since is not None)  # read before marking them under way
        recorder.start(src)
        crawler = process.create_crawler(SourceSpider)
        recorder.connect(crawler)
        crawlers.append((src, crawler))
        # A live crawl of a source never checked on real pages keeps its first pages for the operator.
        first = replay is None and first_contact.is_due(src, archive_dir)
        crawl_done = process.crawl(
            crawler,
            source_id=src.id,
            since=since,
            until=until,
            known=known,
            today=today,
            first_contact=first,
            walks=walks,
        )
        if src.id in rechecks_due:
            crawl_done.addBoth(_recheck_after(process, src.id, rechecks_due[src.id], recheck_crawlers))
    if rechecks_only:  # no source crawl: each source's re-checks start at once (one crawler a source)
        for source_id, due_list in rechecks_due.items():
            _recheck_after(process, source_id, due_list, recheck_crawlers)(None)
    results: list[SourceResult] = []
    status = "failed"
    try:
        process.start()
        for src, crawler in crawlers:
            spider = crawler.spider
            new_docs = store.db.execute(
                "SELECT COUNT(*) FROM documents WHERE source_id = ? AND run_id = ?", [src.id, run_id]
            ).fetchone()[0]
            res = _summarise(spider, crawler, new_docs)
            _write_first_contact(spider, res, archive_dir, run_id)
            results.append(res)
            store.record_run_source(
                run_id,
                src.id,
                {
                    "status": res.status,
                    "pages": res.pages,
                    "documents": res.documents,
                    "new_documents": res.new_documents,
                    "known_skipped": res.known_skipped,
                    "parsed_nothing": res.parsed_nothing,
                    "errors": res.errors,
                    "extraction_yield": res.extraction_yield,
                    "warning": res.warning,
                    "detail": "\n".join(res.detail),
                },
            )
            if res.warning:
                logger.warning("%s: %s", src.id, res.warning)
        for recheck_crawler in recheck_crawlers:
            rt.count("recheck_requests", recheck_crawler.spider.stats_counter["requests"])
        if recheck_crawlers:
            from longarm.rechecks import site_problems

            for source_id, n in site_problems(store.db, run_id).items():
                logger.warning(
                    "%s: all %d re-check(s) failed (site down or blocking us?): a site problem, not removals; "
                    "they are tried again next night",
                    source_id,
                    n,
                )
        if extract:
            # A run killed between storing a document and extracting it, or an extractor upgraded since:
            # the run is not finished while a stored document lacks the current extraction.
            leftovers = extract_pending(store, extractor)
            rt.count("documents_extracted_after_crawl", leftovers["documents"])
            rt.count("threats", leftovers["threats"])
        status = "finished" if all(r.status == health.OK for r in results) else "partial"
        if (
            extract
            and extractor is None
            and store.db.execute("SELECT COUNT(*) FROM documents WHERE extracted_version IS NULL").fetchone()[0]
        ):
            logger.error(
                "threat extraction unavailable: stored documents are left unextracted; "
                "run `longarm extract` once the nlp package loads"
            )
            status = "partial"
        update_search_index(store)
    finally:
        writer.close()
        errors = [f"{r.source_id}: {d}" for r in results for d in r.detail if not d.startswith(FIRST_CONTACT_NOTE)]
        counters = dict(rt.counters)
        store.finish_run(run_id, status, {**counters, "sources": len(chosen)}, errors)
        runtime.unregister(run_id)
        store.close()
    return CrawlResult(run_id, status, results, counters)
