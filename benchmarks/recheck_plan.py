"""The re-check planning model of benchmarks/bench_recheck.py: schedule simulation and cost arithmetic.

Why a simulation and not only a formula: what is due on a night comes from the project's own
schedule code (``longarm.rechecks.plan_rechecks`` / ``due_rechecks``: due dates computed in
SQL from ``documents.first_seen``, several steps due at once settled by one fetch, retries
after ``retry_after_hours``), so the benchmark runs that code over a store of articles captured
over the past years and counts, night by night, what it hands to the spiders. The closed form
(:func:`steady_state_per_night`) is kept beside it to check the simulation (tests) and to scale
the figures to other store sizes.

The time a source's re-checks take follows Scrapy's own AutoThrottle delay policy
(:func:`host_seconds`), fed with the politeness settings the nightly crawl uses
(``longarm.crawl.build_settings`` with the longarm.toml overrides).

Nothing here times anything: the measurements are in bench_recheck.py.
"""

from __future__ import annotations

import heapq
import math
import random
import statistics
import tomllib
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Iterable, Sequence

ASSUMPTIONS_FILE = Path(__file__).with_name("recheck_bench.toml")
EPOCH = datetime(2027, 1, 1, tzinfo=timezone.utc)  # night 0 of the simulated year (any date would do)
_ISO = "%Y-%m-%dT%H:%M:%SZ"


@dataclass(frozen=True)
class Assumptions:
    """What the benchmark cannot measure (recheck_bench.toml), each overridable from the command line."""

    history_days: int = 730
    detection_share: float = 0.10
    statements_per_article: int = 2
    start_hour_utc: int = 2
    crawl_minutes: int = 40
    nights: int = 365
    edited: float = 0.05
    gone: float = 0.02
    unreachable: float = 0.02
    not_modified: float = 0.0
    identical_bytes: float = 0.5
    latency_seconds: float = 0.5
    not_modified_bytes: int = 400
    not_found_bytes: int = 2000
    documents: int = 10000
    samples: int = 200
    max_source_minutes_p95: float = 60.0
    max_db_ms_per_recheck: float = 50.0

    def check(self) -> None:
        """Raise ValueError naming the first value that cannot be used."""
        for name in ("detection_share", "edited", "gone", "unreachable", "not_modified", "identical_bytes"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} = {value}: a share between 0 and 1")
        if self.edited + self.gone + self.unreachable + self.not_modified > 1.0:
            raise ValueError("edited + gone + unreachable + not_modified add up to more than 1")
        for name in ("history_days", "nights", "documents", "samples"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} = {getattr(self, name)}: at least 1")
        if self.latency_seconds < 0 or self.crawl_minutes < 0 or not 0 <= self.start_hour_utc < 24:
            raise ValueError("latency_seconds and crawl_minutes are >= 0, start_hour_utc in 0..23")


def load_assumptions(path: Path = ASSUMPTIONS_FILE, **overrides: Any) -> Assumptions:
    """The assumptions of ``path`` with ``overrides`` (None values ignored); raises ValueError on a bad value."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"{path}: {exc}: fix or restore the file") from exc
    flat: dict[str, Any] = {}
    for table in data.values():
        if isinstance(table, dict):
            flat.update(table)
    known = set(Assumptions.__dataclass_fields__)
    unknown = sorted(set(flat) - known)
    if unknown:
        raise ValueError(f"{path}: unknown key(s) {', '.join(unknown)}")
    flat.update({k: v for k, v in overrides.items() if v is not None})
    out = Assumptions(**flat)
    out.check()
    return out


def night_start(night: int, hour: int) -> datetime:
    """When the nightly run of simulated night ``night`` starts (night 0 = EPOCH's day)."""
    return EPOCH + timedelta(days=night, hours=hour)


# --- The store the schedule simulation runs on -----------------------------------------------------


@dataclass
class ScheduleStore:
    """A store of articles with capture times only (no text): what the schedule needs."""

    db: Any
    articles: int  # articles captured before night 0 (the store the operator has)
    intake_per_day: float
    with_statements: int


def build_schedule_store(
    path: Path,
    articles: int,
    sources: dict[str, float],
    a: Assumptions,
    *,
    seed: int = 7,
) -> ScheduleStore:
    """A real longarm store (``longarm.db.Store``, every migration) of ``articles`` captured over ``history_days``.

    The intake goes on at the same rate through the simulated nights (those articles get
    ``first_seen`` in the future, so the schedule code sees them only once captured). Each
    article is first stored during a nightly run (``start_hour_utc`` + up to ``crawl_minutes``),
    of a source drawn by ``sources`` (weights), and holds a statement with probability
    ``detection_share``.
    """
    from longarm.db import Store

    if articles < 1:
        raise ValueError(f"articles = {articles}: at least 1")
    if not sources or sum(sources.values()) <= 0:
        raise ValueError("no source to spread the articles over")
    rng = random.Random(seed)
    store = Store(path)
    db = store.db
    intake = articles / a.history_days
    total = articles + int(round(intake * a.nights))
    names, weights = list(sources), list(sources.values())
    db.table("sources").insert_all([{"id": s, "name": s, "kind": "test"} for s in names], pk="id", replace=True)
    docs, snaps, threats = [], [], []
    for i in range(1, total + 1):
        # Article i of the history is captured on a uniformly random day; later ones in order of intake.
        if i <= articles:
            day = -1 - int(rng.random() * a.history_days)
        else:
            day = int((i - articles - 1) / intake)
        when = night_start(day, a.start_hour_utc) + timedelta(seconds=rng.random() * a.crawl_minutes * 60)
        source = rng.choices(names, weights)[0]
        url = f"https://{source}.example/a/{i}.html"
        snaps.append({"id": i, "url": url, "captured_at": when.strftime(_ISO), "status": 200, "sha256": f"{i:064x}"})
        docs.append(
            {"id": i, "source_id": source, "url": url, "snapshot_id": i, "first_seen": when.strftime(_ISO), "text": ""}
        )
        if rng.random() < a.detection_share:
            threats.append({"document_id": i, "label": "threat", "quote": f"q{i}", "start": 0, "end": 1})
    with db.conn:
        db.table("snapshots").insert_all(snaps, batch_size=5000)
        db.table("documents").insert_all(docs, batch_size=5000)
        db.table("threats").insert_all(threats, batch_size=5000)
    return ScheduleStore(db, articles, intake, len(threats))


# --- Night by night, through longarm.rechecks ------------------------------------------------------


@dataclass
class NightCounts:
    night: int
    documents: int  # fetches (one per document, however many steps are due)
    rechecks: int  # schedule rows settled or retried
    retries: int  # fetches of a document whose last attempt failed
    by_source: dict[str, int] = field(default_factory=dict)
    due_seconds: float = 0.0  # time due_rechecks took (reported as measured database time)


@dataclass
class Simulation:
    backlog: NightCounts  # the first night after the schedule is turned on for a store with history
    nights: list[NightCounts]
    first_plan_seconds: float  # plan_rechecks the first time: every article's schedule inserted
    plan_seconds: float  # plan_rechecks over the whole store once more (every night does it)
    documents_in_store: int  # documents plan_rechecks went over (the history and the simulated intake)
    lag_days: dict[int, float]  # step -> mean days between due_at and the night it was fetched


def simulate_nights(
    sched: ScheduleStore, config: Any, a: Assumptions, *, seed: int = 11, clock: Any = None
) -> Simulation:
    """Run the schedule code night after night: plan, list what is due, settle it.

    Night 0 is the first night with re-checks turned on: everything the store's history made
    due is due at once (the backlog). Then ``nights`` steady-state nights: every due document is
    fetched; a share ``unreachable`` of them fails and stays pending (the attempts and retry wait
    of ``record_recheck``), the rest is done. ``config`` is a ``longarm.config.RecheckConfig``.
    """
    import time

    from longarm.recheck_outcome import load_markers
    from longarm.rechecks import due_rechecks, plan_rechecks

    clock = clock or time.perf_counter
    rng = random.Random(seed)
    db = sched.db
    max_attempts = load_markers().max_attempts
    t0 = clock()
    plan_rechecks(db, config)
    first_plan_seconds = clock() - t0
    failed_before: set[int] = set()
    results: list[NightCounts] = []
    plan_seconds = 0.0
    for night in range(0, a.nights + 1):
        now = night_start(night, a.start_hour_utc)
        if night == 1:
            t0 = clock()
            plan_rechecks(db, config)  # what a nightly does first: idempotent, over the whole store
            plan_seconds = clock() - t0
        t0 = clock()
        due = due_rechecks(db, now)
        due_seconds = clock() - t0
        counts = NightCounts(night, len(due), sum(len(d.recheck_ids) for d in due), 0, due_seconds=due_seconds)
        stamp = now.strftime(_ISO)
        done_rows, retry_rows = [], []
        for d in due:
            counts.by_source[d.source_id] = counts.by_source.get(d.source_id, 0) + 1
            if d.document_id in failed_before:
                counts.retries += 1
            if night > 0 and rng.random() < a.unreachable:
                retry_rows.extend(d.recheck_ids)
                failed_before.add(d.document_id)
            else:
                done_rows.extend(d.recheck_ids)
                failed_before.discard(d.document_id)
        with db.conn:
            db.conn.executemany(
                "UPDATE rechecks SET status = 'done', outcome = 'unchanged', done_at = ?, "
                "attempts = attempts + 1, last_attempt_at = ? WHERE id = ?",
                [(stamp, stamp, rid) for rid in done_rows],
            )
            db.conn.executemany(
                "UPDATE rechecks SET attempts = attempts + 1, last_attempt_at = ?, outcome = 'unreachable', "
                "status = CASE WHEN attempts + 1 >= ? THEN 'failed' ELSE 'pending' END WHERE id = ?",
                [(stamp, max_attempts, rid) for rid in retry_rows],
            )
        results.append(counts)
    lag = {
        int(r["step_days"]): float(r["lag"])
        for r in db.query(
            "SELECT step_days, AVG(julianday(done_at) - julianday(due_at)) AS lag FROM rechecks "
            "WHERE status = 'done' AND due_at >= ? GROUP BY step_days",
            [night_start(1, 0).strftime(_ISO)],
        )
    }
    documents = db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    return Simulation(results[0], results[1:], first_plan_seconds, plan_seconds, documents, lag)


def poisson(rng: random.Random, mean: float) -> int:
    """A Poisson draw (Knuth's method; the normal approximation above a mean of 50)."""
    if mean <= 0:
        return 0
    if mean > 50:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, k, p = math.exp(-mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def distribution(values: Sequence[float]) -> dict[str, float]:
    """mean, p95 (nearest rank) and max of ``values``."""
    if not values:
        return {"mean": 0.0, "p95": 0.0, "max": 0.0}
    ordered = sorted(values)
    rank = max(0, math.ceil(0.95 * len(ordered)) - 1)
    return {"mean": statistics.fmean(ordered), "p95": float(ordered[rank]), "max": float(ordered[-1])}


def steady_state_per_night(intake_per_day: float, config: Any, detection_share: float) -> float:
    """Closed form: documents fetched per night once every step is in force (no retries).

    Each step of the schedule takes one day's intake of the articles it applies to; the steps
    of one article never fall on the same night in steady state (they are days apart).
    """
    if not config.enabled:
        return 0.0
    per_night = intake_per_day * detection_share * len(set(config.days))
    if config.without_detections:
        per_night += intake_per_day * (1 - detection_share) * len(set(config.without_detections_days))
    return per_night


def backlog_documents(articles: int, history_days: int, config: Any, detection_share: float) -> float:
    """Closed form: documents due on the first night re-checks run on a store with history.

    Every article that some step has come due for since its capture, each fetched once.
    """
    if not config.enabled:
        return 0.0

    def share_with_a_step(steps: Iterable[int]) -> float:
        first = min(steps, default=None)
        if first is None:
            return 0.0
        return max(0.0, history_days - first) / history_days

    out = articles * detection_share * share_with_a_step(config.days)
    if config.without_detections:
        out += articles * (1 - detection_share) * share_with_a_step(config.without_detections_days)
    return out


# --- Time at the configured politeness -------------------------------------------------------------


@dataclass(frozen=True)
class Politeness:
    """The Scrapy settings a RecheckSpider runs with (per crawler; one crawler per source)."""

    download_delay: float
    jitter: float
    concurrency_per_domain: int
    autothrottle: bool
    start_delay: float
    max_delay: float
    target_concurrency: float
    retry_times: int
    retry_backoff: float

    @classmethod
    def from_settings(cls, s: Any) -> "Politeness":
        """From a Scrapy ``Settings`` (``longarm.crawl.build_settings``)."""
        return cls(
            download_delay=s.getfloat("DOWNLOAD_DELAY"),
            jitter=s.getfloat("DOWNLOAD_DELAY_JITTER"),
            concurrency_per_domain=s.getint("CONCURRENT_REQUESTS_PER_DOMAIN"),
            autothrottle=s.getbool("AUTOTHROTTLE_ENABLED"),
            start_delay=s.getfloat("AUTOTHROTTLE_START_DELAY"),
            max_delay=s.getfloat("AUTOTHROTTLE_MAX_DELAY"),
            target_concurrency=s.getfloat("AUTOTHROTTLE_TARGET_CONCURRENCY"),
            retry_times=s.getint("RETRY_TIMES") if s.getbool("RETRY_ENABLED") else 0,
            retry_backoff=s.getfloat("LONGARM_BACKOFF_BASE"),
        )


def _autothrottle(p: Politeness) -> Any:
    """Scrapy's AutoThrottle with the given settings, for its delay policy alone (no crawler)."""
    from scrapy.extensions.throttle import AutoThrottle

    at = AutoThrottle.__new__(AutoThrottle)
    at.target_concurrency = p.target_concurrency
    at.mindelay = p.download_delay
    at.maxdelay = p.max_delay
    return at


def answer_statuses(n: int, a: Assumptions, rng: random.Random) -> list[int]:
    """The HTTP statuses of ``n`` re-check fetches by the answer shares (503 for unreachable)."""
    out = []
    for _ in range(n):
        x = rng.random()
        if x < a.not_modified:
            out.append(304)
        elif x < a.not_modified + a.gone:
            out.append(404)
        elif x < a.not_modified + a.gone + a.unreachable:
            out.append(503)
        else:
            out.append(200)
    return out


def jitter_factor(jitter: float) -> float:
    """Mean gap between two requests to a host, in delays, when the delay is varied by +-``jitter``.

    Not 1: Scrapy draws a new random delay each time its timer fires (``Downloader._process_queue``)
    and waits again while the new draw exceeds the time since the last request, so the gap is
    the last of a run of rising draws. For draws uniform on [a, b] its mean is a + (b - a)(e - 2):
    with the +-50% jitter, 1.22 delays.
    """
    j = min(max(jitter, 0.0), 1.0)
    return 1 + j * (2 * math.e - 5)


def host_seconds(statuses: Sequence[int], latency: float, p: Politeness, *, robots: bool = True) -> tuple[float, int]:
    """Wall seconds to fetch one host's re-checks of a night, and the requests sent.

    Scrapy sends a host's requests one delay apart (``_process_queue``: one request per delay,
    the delay varied by +-jitter around its value, so the mean gap is the delay), the delay
    starting at AUTOTHROTTLE_START_DELAY and moved after each answer by AutoThrottle's own
    policy (only a 200 may lower it, towards max(DOWNLOAD_DELAY, latency)). robots.txt is
    fetched first. A 5xx is retried RETRY_TIMES times: a retry has a lower priority (it goes
    after the first attempts) and waits LONGARM_BACKOFF_BASE * 2**(n-1) seconds before the n-th
    (middlewares/backoff.py), so the night of a host with a 5xx lasts at least that chain.
    """
    at = _autothrottle(p) if p.autothrottle else None
    slot = SimpleNamespace(delay=max(p.download_delay, p.start_delay) if at else p.download_delay)
    factor = jitter_factor(p.jitter)
    firsts: list[int] = ([200] if robots else []) + list(statuses)
    if not firsts:
        return 0.0, 0
    last_sent: float | None = None
    failed_at: list[float] = []  # when the answer of each failing first attempt came back

    def send(status: int, ready: float = 0.0) -> float:
        nonlocal last_sent
        if last_sent is None:
            when = ready
        else:
            gap = slot.delay * factor
            # With concurrency 1 a request also waits for the answer before it.
            when = max(ready, last_sent + (gap if p.concurrency_per_domain > 1 else max(gap, latency)))
        last_sent = when
        if at is not None:
            at._adjust_delay(slot, latency, SimpleNamespace(status=status))
        return when

    for status in firsts:
        when = send(status)
        if status >= 500:
            failed_at.append(when + latency)
    end = (last_sent or 0.0) + latency
    requests = len(firsts)
    # Retries: after the first attempts (a lower priority), each after its backoff wait; the waits
    # of different requests run side by side, so retries go out in the order they become ready.
    ready = [(answered + p.retry_backoff, 1) for answered in failed_at] if p.retry_times else []
    heapq.heapify(ready)
    while ready:
        when_ready, attempt = heapq.heappop(ready)
        answered = send(503, when_ready) + latency
        requests += 1
        end = max(end, answered)
        if attempt < p.retry_times:
            heapq.heappush(ready, (answered + p.retry_backoff * 2**attempt, attempt + 1))
    return end, requests


# --- Bytes ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageBytes:
    """Measured sizes (bench_recheck.py): the mean of real article pages and of the WARC records."""

    body: float  # body bytes of a page (as saved)
    body_gzip: float  # the same gzip-compressed (what a site that compresses sends)
    warc_response: float  # a response + request record pair (the project's WARC writer, gzip per record)
    warc_revisit: float  # a revisit record of an identical payload
    warc_not_modified: float  # a revisit record of a 304
    warc_not_found: float  # a response + request pair of a small 404 page


def bytes_per_fetch(a: Assumptions, b: PageBytes, *, retries: int = 0) -> dict[str, float]:
    """Expected bytes received (raw and gzip) and archived per re-check fetch, by the answer shares.

    An unreachable answer (a 5xx) is sent ``retries`` more times, each answer received and archived.
    """
    failing = a.gone + a.unreachable * (1 + retries)
    changed = a.edited
    unchanged = max(0.0, 1 - a.edited - a.gone - a.unreachable - a.not_modified)
    full_200 = changed + unchanged
    down = full_200 * b.body + a.not_modified * a.not_modified_bytes + failing * a.not_found_bytes
    down_gz = full_200 * b.body_gzip + a.not_modified * a.not_modified_bytes + failing * a.not_found_bytes
    warc = (
        (changed + unchanged * (1 - a.identical_bytes)) * b.warc_response
        + unchanged * a.identical_bytes * b.warc_revisit
        + a.not_modified * b.warc_not_modified
        + failing * b.warc_not_found
    )
    return {"received": down, "received_gzip": down_gz, "warc": warc}


def scaled(a: Assumptions, **changes: Any) -> Assumptions:
    return replace(a, **changes)
