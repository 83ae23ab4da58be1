"""Check the politeness model of bench_recheck.py against the real RecheckSpider, on a local site.

The minutes bench_recheck.py reports come from ``recheck_plan.host_seconds`` (Scrapy's delay
policy replayed). This runs the real thing once: a ``RecheckSpider`` in a Scrapy process with
the nightly's settings (``longarm.crawl.build_settings``: middlewares, ArchiveMiddleware
writing the WARC, RecheckPipeline recording each outcome in a real store), against a threaded
HTTP server on 127.0.0.1 that answers after a set latency with 200, 304 (to the conditional
request), 404 or 503. The delays are scaled down (e.g. 1/10 of the configured ones) so the check
takes seconds; it prints, as JSON, the wall seconds the server saw (first request to last answer)
beside what ``host_seconds`` predicts for the same answers.

Run in its own process (Scrapy's reactor runs once per process):
``python benchmarks/recheck_calibration.py SPEC.json`` with keys ``statuses`` (a list, one per
article), ``latency``, ``settings`` (Scrapy setting overrides), ``workdir``.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

SOURCE = "bench_calibration"


def _article(i: int) -> bytes:
    paras = "".join(
        f"<p>Paragraph {k} of article {i}: the bureau said the wanted persons would be pursued "
        f"and a reward of HK$1 million was offered for information leading to an arrest.</p>"
        for k in range(40)
    )
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Article {i}</title></head>"
        f"<body><h1>Article {i}</h1><div class='date'>2027-01-01</div><div id='content'>{paras}</div></body></html>"
    ).encode("utf-8")


class _Site:
    def __init__(self, statuses: list[int], latency: float) -> None:
        self.statuses = statuses
        self.latency = latency
        self.log: list[tuple[float, float, str, int]] = []  # (arrived, answered, path, status)
        self.lock = threading.Lock()

    def handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                arrived = time.monotonic()
                time.sleep(site.latency)
                body, status = b"", 200
                if self.path == "/robots.txt":
                    body = b"User-agent: *\nDisallow:\n"
                else:
                    i = int(self.path.rsplit("/", 1)[-1].split(".")[0])
                    status = site.statuses[i]
                    if status == 304 and not self.headers.get("If-None-Match"):
                        status = 200  # no validator sent: the page itself
                    body = {200: _article(i), 304: b"", 404: b"<h1>Not Found</h1>", 503: b"<h1>Unavailable</h1>"}[
                        status
                    ]
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("ETag", f'"{self.path}"')
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if body:
                    self.wfile.write(body)
                with site.lock:
                    site.log.append((arrived, time.monotonic(), self.path, status))

            def log_message(self, *args: Any) -> None:
                pass

        return Handler


def _registry(path: Path) -> None:
    path.write_text(
        f'[[source]]\nid = "{SOURCE}"\nname = "Calibration"\nowner = "bench"\nkind = "hk_government"\n'
        'languages = ["en"]\nallowed_domains = ["127.0.0.1"]\ntimezone = "Asia/Hong_Kong"\nrevisit_days = 0\n'
        '  [[source.discovery]]\n  type = "listing"\n  url = "http://127.0.0.1/list.html"\n'
        "  [[source.articles]]\n  pattern = '^http://127\\.0\\.0\\.1:\\d+/a/\\d+\\.html$'\n  lang = \"en\"\n"
        '  [source.extract]\n  title = "h1"\n  body = "#content"\n  date = ".date"\n',
        encoding="utf-8",
    )


def run(spec: dict[str, Any]) -> dict[str, Any]:
    workdir = Path(spec["workdir"])
    workdir.mkdir(parents=True, exist_ok=True)
    os.environ["LONGARM_REGISTRY"] = str(workdir / "sources.toml")
    _registry(workdir / "sources.toml")
    from scrapy.crawler import CrawlerProcess

    from longarm.config import RecheckConfig
    from longarm.core import runtime
    from longarm.crawl import build_settings
    from longarm.db import Store
    from longarm.pipelines.warc_writer import WarcWriterSet
    from longarm.rechecks import due_rechecks, plan_rechecks
    from longarm.spiders.recheck_spider import RecheckSpider

    statuses = [int(s) for s in spec["statuses"]]
    site = _Site(statuses, float(spec["latency"]))
    server = ThreadingHTTPServer(("127.0.0.1", 0), site.handler())
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        store = Store(workdir / "calibration.db")
        store.db.table("sources").insert({"id": SOURCE, "name": "Calibration", "kind": "hk_government"}, pk="id")
        for i in range(len(statuses)):
            url = f"http://127.0.0.1:{port}/a/{i}.html"
            snap = store.insert_snapshot(
                {
                    "url": url,
                    "captured_at": "2020-01-01T02:00:00Z",
                    "status": 200,
                    "sha256": f"{i:064x}",
                    "etag": f'"/a/{i}.html"',
                    "warc_record_id": f"<urn:uuid:{uuid.uuid4()}>",  # the first capture a 304 revisit refers to
                }
            )
            doc_id, _ = store.upsert_document(
                {"source_id": SOURCE, "url": url, "text": f"old text {i}", "lang": "en", "snapshot_id": snap}, None
            )
            store.db.execute("UPDATE documents SET first_seen = '2020-01-01T02:00:00Z' WHERE id = ?", [doc_id])
            store.db.table("threats").insert(
                {"document_id": doc_id, "label": "threat", "quote": "old text", "start": 0, "end": 8}
            )
        store.db.conn.commit()
        plan_rechecks(store.db, RecheckConfig(days=(1,)))
        due = due_rechecks(store.db)
        run_id = store.start_run("bench-calibration", [SOURCE])
        writer = WarcWriterSet(workdir / "warc", run_id)
        rt = runtime.Runtime(run_id=run_id, store=store, warc=writer)
        runtime.register(rt)
        settings = build_settings(run_id, replay=False, overrides=spec.get("settings", {}))
        process = CrawlerProcess(settings)
        process.crawl(RecheckSpider, source_id=SOURCE, due=due)
        t0 = time.monotonic()
        process.start()
        process_seconds = time.monotonic() - t0
        writer.close()
        outcomes = {
            r["outcome"]: r["n"] for r in store.db.query("SELECT outcome, COUNT(*) AS n FROM rechecks GROUP BY outcome")
        }
        store.close()
    finally:
        server.shutdown()
        server.server_close()
    log = sorted(site.log)
    seen = [s for _, _, path, s in log if path != "/robots.txt"]
    return {
        "measured_seconds": (max(e for _, e, _, _ in log) - log[0][0]) if log else 0.0,
        "process_seconds": process_seconds,
        "requests": len(log),
        "answers_in_order": seen,
        "gaps": [round(b[0] - a[0], 4) for a, b in zip(log, log[1:])],
        "latencies": [round(e - s0, 4) for s0, e, _, _ in log],
        "outcomes": outcomes,
    }


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: recheck_calibration.py SPEC.json", file=sys.stderr)
        sys.exit(2)
    print(json.dumps(run(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")))))
