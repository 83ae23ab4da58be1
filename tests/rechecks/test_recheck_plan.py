"""The re-check planning model of benchmarks/bench_recheck.py: the schedule simulation and the arithmetic.

Small stores, no timing asserted: the figures the benchmark reports rest on these parts.
"""

from __future__ import annotations

import math
import random
from dataclasses import replace
from pathlib import Path

import pytest

from benchmarks.recheck_plan import (
    Assumptions,
    PageBytes,
    Politeness,
    answer_statuses,
    backlog_documents,
    build_schedule_store,
    bytes_per_fetch,
    distribution,
    host_seconds,
    jitter_factor,
    load_assumptions,
    simulate_nights,
    steady_state_per_night,
)
from longarm.config import RecheckConfig

SOURCES = {"a": 3.0, "b": 1.0}


def _polite(**changes: object) -> Politeness:
    base = Politeness(
        download_delay=1.0,
        jitter=0.5,
        concurrency_per_domain=2,
        autothrottle=True,
        start_delay=2.0,
        max_delay=60.0,
        target_concurrency=1.0,
        retry_times=3,
        retry_backoff=5.0,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def _small(**changes: object) -> Assumptions:
    small: dict[str, object] = {"history_days": 200, "nights": 60, "detection_share": 0.5, "unreachable": 0.0}
    return replace(Assumptions(), **{**small, **changes})  # type: ignore[arg-type]


def test_assumptions_file_loads_and_overrides(tmp_path: Path) -> None:
    a = load_assumptions(latency_seconds=1.5, detection_share=None)
    assert a.latency_seconds == 1.5 and 0 < a.detection_share < 1  # None: the file's value
    bad = tmp_path / "bad.toml"
    bad.write_text("[store]\ndetection_share = 1.5\n", encoding="utf-8")
    with pytest.raises(ValueError, match="detection_share"):
        load_assumptions(bad)
    bad.write_text("[store]\nshare_of_articles = 0.1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown key"):
        load_assumptions(bad)
    with pytest.raises(ValueError, match="more than 1"):
        load_assumptions(edited=0.6, gone=0.5)


def test_closed_forms() -> None:
    config = RecheckConfig(days=(1, 7, 30, 90, 365))
    assert steady_state_per_night(10, config, 0.1) == pytest.approx(5.0)
    both = RecheckConfig(days=(1, 7, 30, 90, 365), without_detections=True, without_detections_days=(30, 365))
    assert steady_state_per_night(10, both, 0.1) == pytest.approx(5.0 + 10 * 0.9 * 2)
    assert steady_state_per_night(10, RecheckConfig(enabled=False), 0.1) == 0
    # A store of 730 days: every article but the last day's has its 1-day step due on the first night.
    assert backlog_documents(7300, 730, config, 0.1) == pytest.approx(730 * 729 / 730)
    assert backlog_documents(7300, 730, both, 0.1) == pytest.approx(730 * 729 / 730 + 6570 * 700 / 730)


def test_simulation_through_the_schedule_code_matches_the_closed_form(tmp_path: Path) -> None:
    a = _small()
    sched = build_schedule_store(tmp_path / "s.db", 4000, SOURCES, a)
    assert sched.intake_per_day == pytest.approx(20.0)
    config = RecheckConfig(days=(1, 7, 30))
    sim = simulate_nights(sched, config, a)
    per_night = [n.documents for n in sim.nights]
    assert len(per_night) == 60
    # 20 articles a day, half with statements, three steps: 30 fetches a night.
    assert distribution(per_night)["mean"] == pytest.approx(steady_state_per_night(20.0, config, 0.5), rel=0.12)
    assert sim.backlog.documents == pytest.approx(backlog_documents(4000, 200, config, 0.5), rel=0.08)
    for night in sim.nights:
        assert sum(night.by_source.values()) == night.documents
        assert night.retries == 0 and night.rechecks == night.documents  # steps of one article never coincide
    share_a = sum(n.by_source.get("a", 0) for n in sim.nights) / sum(per_night)
    assert share_a == pytest.approx(0.75, abs=0.08)
    # An article stored during a run comes due just after a later run has started; early_hours
    # (recheck.toml) makes that run fetch it rather than the one a day later.
    assert all(-0.5 <= lag <= 0.1 for lag in sim.lag_days.values()), sim.lag_days


def test_unreachable_rechecks_come_back_the_next_night(tmp_path: Path) -> None:
    a = _small(unreachable=0.5)
    sched = build_schedule_store(tmp_path / "s.db", 4000, SOURCES, a)
    sim = simulate_nights(sched, RecheckConfig(days=(1, 7)), a)
    assert sum(n.retries for n in sim.nights) > 0
    base = steady_state_per_night(20.0, RecheckConfig(days=(1, 7)), 0.5)
    # Half of each night's fetches fail and are due again: about twice the fetches of a clean night.
    assert distribution([n.documents for n in sim.nights])["mean"] > 1.5 * base


def test_only_articles_with_statements_unless_configured(tmp_path: Path) -> None:
    a = _small(detection_share=0.0)
    sched = build_schedule_store(tmp_path / "s.db", 2000, SOURCES, a)
    assert simulate_nights(sched, RecheckConfig(days=(1,)), replace(a, nights=10)).backlog.documents == 0
    sched2 = build_schedule_store(tmp_path / "s2.db", 2000, SOURCES, a)
    config = RecheckConfig(days=(1,), without_detections=True, without_detections_days=(30,))
    sim = simulate_nights(sched2, config, replace(a, nights=30))
    assert distribution([n.documents for n in sim.nights])["mean"] == pytest.approx(10.0, rel=0.25)


def test_host_time_follows_scrapy_delay_policy() -> None:
    fixed = _polite(autothrottle=False, jitter=0.0)
    # robots.txt then n requests, one delay apart, and the last answer's latency.
    assert host_seconds([200] * 10, 0.5, fixed) == (pytest.approx(10 * 1.0 + 0.5), 11)
    assert host_seconds([200] * 10, 0.5, fixed, robots=False) == (pytest.approx(9 * 1.0 + 0.5), 10)
    # AutoThrottle starts at 2 s; only a 200 can lower it (towards DOWNLOAD_DELAY when the site is fast).
    steady = _polite(jitter=0.0)
    all_304, _ = host_seconds([304] * 100, 0.5, steady, robots=False)
    assert all_304 == pytest.approx(99 * 2.0 + 0.5)
    all_200, _ = host_seconds([200] * 100, 0.5, steady, robots=False)
    assert 99 * 1.0 < all_200 < 99 * 1.0 + 3
    slow, _ = host_seconds([200] * 100, 3.0, steady, robots=False)  # a slow site: the delay follows its latency
    assert slow == pytest.approx(99 * 3.0 + 3.0, rel=0.02)
    # The +-50% jitter: Scrapy redraws the delay each time its timer fires, so the mean gap is e - 1.5 delays.
    jittered, _ = host_seconds([200] * 10, 0.5, replace(fixed, jitter=0.5))
    assert jittered == pytest.approx(10 * (math.e - 1.5) + 0.5)
    # A 5xx is retried RETRY_TIMES times, after the first attempts and after the backoff chain (5, 10, 20 s).
    seconds, sent = host_seconds([503], 0.5, fixed, robots=False)
    assert sent == 4 and seconds == pytest.approx(0.5 + (5 + 0.5) + (10 + 0.5) + (20 + 0.5))
    # Two failing pages: their backoff waits run side by side, not one chain after the other.
    assert host_seconds([503, 503], 0.5, fixed, robots=False) == (pytest.approx(38.0), 8)
    assert host_seconds([], 0.5, fixed, robots=False) == (0.0, 0)


def test_jitter_factor_is_the_mean_of_scrapys_redraws() -> None:
    rng = random.Random(3)
    gaps = []
    for _ in range(50000):  # Downloader._process_queue: draw, wait; at the timer draw again, wait while above
        waited = rng.uniform(0.5, 1.5)
        while (draw := rng.uniform(0.5, 1.5)) > waited:
            waited = draw
        gaps.append(waited)
    assert sum(gaps) / len(gaps) == pytest.approx(jitter_factor(0.5), rel=0.01)
    assert jitter_factor(0.0) == 1.0


def test_answer_statuses_follow_the_shares() -> None:
    a = replace(Assumptions(), not_modified=0.3, gone=0.1, unreachable=0.1)
    statuses = answer_statuses(10000, a, random.Random(1))
    assert statuses.count(304) / 10000 == pytest.approx(0.3, abs=0.02)
    assert statuses.count(404) / 10000 == pytest.approx(0.1, abs=0.02)
    assert statuses.count(503) / 10000 == pytest.approx(0.1, abs=0.02)
    assert statuses.count(200) / 10000 == pytest.approx(0.5, abs=0.02)


def test_bytes_per_fetch() -> None:
    b = PageBytes(
        body=30000, body_gzip=9000, warc_response=10000, warc_revisit=500, warc_not_modified=450, warc_not_found=900
    )
    none = dict(edited=0.0, gone=0.0, unreachable=0.0, not_modified=0.0)
    every_changed = replace(Assumptions(), **none, identical_bytes=0.0)  # type: ignore[arg-type]
    assert bytes_per_fetch(every_changed, b) == {"received": 30000, "received_gzip": 9000, "warc": 10000}
    identical = replace(every_changed, identical_bytes=1.0)
    assert bytes_per_fetch(identical, b)["warc"] == 500
    all_304 = replace(every_changed, not_modified=1.0)
    assert bytes_per_fetch(all_304, b) == {"received": 400, "received_gzip": 400, "warc": 450}
    failing = replace(every_changed, unreachable=1.0)
    assert bytes_per_fetch(failing, b, retries=3)["warc"] == 4 * 900


def test_distribution() -> None:
    assert distribution(list(range(1, 101))) == {"mean": 50.5, "p95": 95.0, "max": 100.0}
    assert distribution([]) == {"mean": 0.0, "p95": 0.0, "max": 0.0}


def test_politeness_is_the_crawl_settings() -> None:
    from longarm import settings
    from longarm.crawl import build_settings

    p = Politeness.from_settings(build_settings(0, replay=False, overrides={"DOWNLOAD_DELAY": 3.0}))
    assert p.download_delay == 3.0
    assert p.start_delay == settings.AUTOTHROTTLE_START_DELAY
    assert p.concurrency_per_domain == settings.CONCURRENT_REQUESTS_PER_DOMAIN
    assert p.retry_times == settings.RETRY_TIMES
