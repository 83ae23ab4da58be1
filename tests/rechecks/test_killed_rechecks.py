"""A nightly killed with SIGKILL in the middle of its re-checks loses nothing, and the next run
finishes them: each re-check done once, one new version for the edited page, a sound database
and archive (issue 11, point 5).
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from benchmarks.fault_checks import integrity_problems, warc_problems
from longarm.db import connect
from tests.conftest import REPO, run_cli
from tests.core.test_live_crawl import HTML, Site, _handler, _Server, _source
from tests.rechecks.test_live_rechecks import KEPT, _article, _path

pytestmark = pytest.mark.slow

PAGES = ("first_edited", "second_removed", "third_slow", "fourth_removed")


def _done(db: Path) -> int:
    try:
        c = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return c.execute("SELECT COUNT(*) FROM rechecks WHERE status = 'done'").fetchone()[0]
        finally:
            c.close()
    except sqlite3.Error:
        return 0


def test_killed_rechecks_resume_without_loss(tmp_path: Path) -> None:
    site = Site()
    server = _Server(("127.0.0.1", 0), _handler(site))
    site.port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    ok = lambda body: lambda h: (200, HTML, body)  # noqa: E731
    slow_body = _article("third_slow")

    def slow(h: dict[str, str]) -> Any:
        time.sleep(4)
        return 200, HTML, slow_body

    site.routes.update(
        {
            "/robots.txt": lambda h: (200, [("Content-Type", "text/plain")], b"User-agent: *\nDisallow:\n"),
            "/news/index.html": ok(
                b"<html><body>" + b"".join(f"<a href='{_path(n)}'>{n}</a>".encode() for n in PAGES) + b"</body></html>"
            ),
            **{_path(n): ok(_article(n)) for n in PAGES},
        }
    )
    try:
        registry = tmp_path / "sources.toml"
        registry.write_text(_source("t_kill", [("listing", f"{site.base}/news/index.html", "en")]), encoding="utf-8")
        config = tmp_path / "longarm.toml"
        config.write_text(
            "[politeness]\ndownload_delay = 0.0\nrandomize_delay = false\nautothrottle = false\n"
            "concurrency_per_domain = 1\ndownload_timeout = 30\nretry_times = 0\n[recheck]\ndays = [1]\n",
            encoding="utf-8",
        )
        db, archive = tmp_path / "l.db", tmp_path / "archive"
        env = {"LONGARM_REGISTRY": str(registry)}
        nightly = [
            "nightly", "--no-deliver", "--digest-dir", str(tmp_path / "digests"),
            "--db", str(db), "--archive", str(archive), "--config", str(config),
        ]  # fmt: skip
        first = run_cli(*nightly, env=env, timeout=180)
        assert first.returncode == 0, first.stderr[-2000:]
        conn = connect(db)
        conn.execute("UPDATE documents SET first_seen = strftime('%Y-%m-%dT%H:%M:%SZ', first_seen, '-2 days')")
        conn.conn.commit()
        conn.conn.close()
        site.routes[_path("first_edited")] = ok(_article("first_edited", [KEPT]))
        del site.routes[_path("second_removed")]
        del site.routes[_path("fourth_removed")]
        site.routes[_path("third_slow")] = slow

        full_env = {k: v for k, v in os.environ.items() if not k.startswith("LONGARM_")}
        full_env.update({"PYTHONPATH": str(REPO), **env})
        p = subprocess.Popen(
            [sys.executable, "-m", "longarm.cli", *nightly],
            cwd=REPO,
            env=full_env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and p.poll() is None and _done(db) < 1:
            time.sleep(0.05)
        assert p.poll() is None, "the nightly ended before it could be killed"
        os.kill(p.pid, signal.SIGKILL)
        p.wait()
        killed_done = _done(db)
        assert 1 <= killed_done < len(PAGES)

        site.routes[_path("third_slow")] = ok(slow_body)
        rerun = run_cli(*nightly, env=env, timeout=180)
        assert rerun.returncode == 0, rerun.stderr[-2000:]
        conn = connect(db)
        rows = {
            r["url"].rsplit("/", 1)[-1].removesuffix(".html"): (r["status"], r["outcome"])
            for r in conn.query(
                "SELECT d.url, r.status, r.outcome FROM rechecks r JOIN documents d ON d.id = r.document_id"
            )
        }
        assert rows == {
            "first_edited": ("done", "edited"),
            "second_removed": ("done", "gone"),
            "third_slow": ("done", "unchanged"),
            "fourth_removed": ("done", "gone"),
        }
        assert conn["document_versions"].count == 1
        assert conn.execute("SELECT COUNT(*) FROM rechecks").fetchone()[0] == len(PAGES)
        assert integrity_problems(db) == []
        assert warc_problems(archive) == []
    finally:
        server.shutdown()
        server.server_close()
