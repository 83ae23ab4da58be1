"""The politeness model of bench_recheck.py against a real RecheckSpider on a local site (a subprocess).

benchmarks/recheck_calibration.py runs the nightly's re-check path (RecheckSpider, ArchiveMiddleware,
RecheckPipeline) with small delays against a server on 127.0.0.1; the model must not promise a
host more requests per second than Scrapy sends, and every answer must be recorded.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.recheck_plan import Politeness, host_seconds
from longarm.crawl import build_settings

pytestmark = pytest.mark.slow  # a Scrapy process in a subprocess, a few seconds

REPO = Path(__file__).resolve().parents[2]


def test_recheck_spider_keeps_to_the_modelled_pace(tmp_path: Path) -> None:
    settings = {
        "DOWNLOAD_DELAY": 0.1,
        "AUTOTHROTTLE_START_DELAY": 0.2,
        "LONGARM_BACKOFF_BASE": 0.1,
        "LONGARM_PROGRESS": False,
        "LOG_LEVEL": "ERROR",
    }
    statuses = [200, 304, 200, 404, 503, 200, 200, 200]
    spec = tmp_path / "spec.json"
    spec.write_text(
        json.dumps({"statuses": statuses, "latency": 0.02, "settings": settings, "workdir": str(tmp_path / "w")}),
        encoding="utf-8",
    )
    proc = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "recheck_calibration.py"), str(spec)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    # robots.txt, one request per article, the 503 retried RETRY_TIMES (3) times.
    assert got["requests"] == 1 + len(statuses) + 3
    # 200s carry a changed text (edited), the 304 answers the conditional request, the 503 stays pending.
    assert got["outcomes"] == {"edited": 5, "unchanged": 1, "gone": 1, "unreachable": 1}
    polite = Politeness.from_settings(build_settings(0, replay=False, overrides=settings))
    predicted, sent = host_seconds(got["answers_in_order"][: len(statuses)], 0.02, polite)
    assert sent == got["requests"]
    # Never faster than the model (the politeness it reports holds); loose above: the machine is shared.
    assert 0.8 * predicted <= got["measured_seconds"] <= 3 * predicted + 2
