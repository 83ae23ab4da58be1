"""robots.txt holds for every request queued while it downloads (middlewares/robots.py).

Scrapy 2.19's own middleware hands the parser to the first waiting request only; the later ones
get None and go through unchecked. The scenario (tests/core/robots_scenario.py) runs in its own
process because it installs the asyncio reactor: requests queue behind the site's robots.txt
download, which the scenario then answers by hand.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import REPO
from tests.core.robots_scenario import PATHS


def _run(which: str) -> dict[str, str]:
    res = subprocess.run(
        [sys.executable, "-m", "tests.core.robots_scenario", which],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert res.returncode == 0, res.stderr[-2000:]
    data = json.loads(res.stdout.strip().splitlines()[-1])
    assert data["downloads"] == 1, "one robots.txt download for the site"
    return data["outcome"]


def test_every_queued_request_is_checked() -> None:
    out = _run("ours")
    assert out == {p: "forbidden" if p.startswith("/private/") else "allowed" for p in PATHS}


def test_scrapys_own_middleware_lets_later_waiters_through() -> None:
    """Why middlewares/robots.py exists: when this skips, Scrapy fixed it and ours can go."""
    out = _run("scrapy")
    if all(out[p] == "forbidden" for p in PATHS if p.startswith("/private/")):
        pytest.skip("Scrapy's RobotsTxtMiddleware now checks every waiter: middlewares/robots.py can be removed")
    assert any(out[p] == "allowed" for p in PATHS if p.startswith("/private/"))
