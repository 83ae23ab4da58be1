"""What re-checking a store of N articles costs per night (issue 11 point 6): requests, bytes, minutes, database time.

One command, so an operator can plan the re-check schedule of longarm.toml:

    python benchmarks/bench_recheck.py [--articles 100000] [--config longarm.toml] [--db STORE] [--json] [--out FILE]

What it measures (nothing is fetched from the internet):

1. Re-checks per night: the project's schedule code (longarm.rechecks.plan_rechecks /
   due_rechecks) run night after night over a real store of ``--articles`` articles first
   captured over the past two years, the intake going on at the same rate for a simulated year
   (benchmarks/recheck_plan.py): the first night's backlog, then mean / p95 / max per night, per
   source.
2. Bytes: the saved real article pages of ../shared/corpus/real (the demo archive's when that
   folder is absent): body size raw and gzip-compressed, and the WARC records the project's own
   writer (longarm.pipelines.warc_writer) makes of a full response, an identical payload (revisit) and a
   304 (revisit), gzip per record as in the archive.
3. Minutes at the configured politeness: the Scrapy settings a RecheckSpider runs with
   (longarm.crawl.build_settings + the longarm.toml politeness), through Scrapy's AutoThrottle
   policy, per source; sources run side by side (one crawler each, in one process), each
   source's re-checks after its own crawl (longarm/crawl.py).
4. Database time per re-check: a temporary store of ``--documents`` articles built from real
   page texts, timing due_rechecks, the archive's snapshot rows and record_recheck for each
   outcome (edited with the real extractor), and the database size.

What it cannot measure is in benchmarks/recheck_bench.toml (answer shares, latency, share of
articles with statements) and printed with the figures. Exit 1 when the steady state at the
given size misses a target of that file.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import re
import statistics
import sys
import tempfile
import time
import tomllib
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.recheck_plan import (  # noqa: E402
    Assumptions,
    PageBytes,
    Politeness,
    answer_statuses,
    backlog_documents,
    build_schedule_store,
    bytes_per_fetch,
    distribution,
    host_seconds,
    load_assumptions,
    poisson,
    simulate_nights,
    steady_state_per_night,
)

REAL_DIR = REPO.parent / "shared" / "corpus" / "real"
DEMO_DIR = REPO / "demo_archive"
PLANNING_SIZES = (10_000, 100_000, 1_000_000)
PLANNING_NIGHTS = 200


@dataclass
class Page:
    url: str
    source_id: str
    body: bytes
    text: str
    lang: str | None
    headers: list[tuple[str, str]]


def _article_pages(origin: str) -> list[Page]:
    """The saved article pages (real, else the demo archive's) with the text the page parser gives."""
    from longarm.spiders.extraction import ExtractionError, extract_document
    from longarm.spiders.registry import get_registry

    registry = get_registry()
    candidates: list[tuple[str, Path, list[tuple[str, str]]]] = []
    if origin == "real":
        from benchmarks.real_corpus import page_addresses

        for rel, url in sorted(page_addresses(REAL_DIR).items()):
            path = REAL_DIR / rel
            if path.is_file():
                candidates.append((url, path, [("Content-Type", "text/html")]))
    else:
        manifest = tomllib.loads((DEMO_DIR / "manifest.toml").read_text(encoding="utf-8"))
        for p in manifest["page"]:
            if int(p.get("status", 200)) == 200:
                headers = [("Content-Type", p.get("content_type", "text/html")), *p.get("headers", {}).items()]
                candidates.append((p["url"], DEMO_DIR / "pages" / p["file"], headers))
    pages = []
    for url, path, headers in candidates:
        for src in registry.values():
            art = src.match_article(url)
            if art is None:
                continue
            body = path.read_bytes()
            try:
                doc = extract_document(body, url, src, lang_hint=art.lang)
            except ExtractionError:
                break
            if doc["text"].strip():
                pages.append(Page(url, src.id, body, doc["text"], doc["lang"], headers))
            break
    return pages


def load_pages() -> tuple[str, list[Page]]:
    """(where from, pages): the real article pages, else the demo archive's (said in the report)."""
    if REAL_DIR.is_dir():
        pages = _article_pages("real")
        if pages:
            return f"real article pages of {REAL_DIR} ({len(pages)})", pages
    pages = _article_pages("demo")
    if not pages:
        raise RuntimeError(f"no article page found in {REAL_DIR} nor in {DEMO_DIR}: the benchmark needs pages")
    return f"demo archive article pages ({len(pages)}; {REAL_DIR} absent)", pages


# --- 2. bytes ---------------------------------------------------------------------------------------


def measure_bytes(pages: list[Page], a: Assumptions, workdir: Path) -> tuple[PageBytes, dict[str, float]]:
    """Mean sizes of the pages and of the WARC records the project's writer makes of them; ms per write."""
    from longarm.pipelines.warc_writer import WarcWriterSet, sha256_hex, warc_date

    writer = WarcWriterSet(workdir / "warc", 0, operator="bench_recheck")
    sizes: dict[str, list[float]] = {k: [] for k in ("response", "revisit", "not_modified", "not_found")}
    times: dict[str, list[float]] = {k: [] for k in sizes}
    request_headers = [("User-Agent", "longarm/0.1"), ("Accept-Encoding", "gzip, deflate")]
    not_found = b"<html><head><title>404 Not Found</title></head><body>" + b" " * max(0, a.not_found_bytes - 70)
    try:
        for p in pages:
            date = warc_date()
            headers = [*p.headers, ("Content-Length", str(len(p.body))), ("ETag", '"5f3a-1"')]
            t0 = time.perf_counter()
            resp, req = writer.write_exchange(
                p.url,
                method="GET",
                request_headers=request_headers,
                status=200,
                reason="OK",
                protocol="HTTP/1.1",
                response_headers=headers,
                body=p.body,
                date=date,
            )
            times["response"].append(time.perf_counter() - t0)
            sizes["response"].append(resp.length + req.length)
            t0 = time.perf_counter()
            rev = writer.write_revisit(
                p.url,
                payload_sha256=sha256_hex(p.body),
                refers_to_record_id=resp.record_id,
                refers_to_uri=p.url,
                refers_to_date=date,
                status=200,
                reason="OK",
                protocol="HTTP/1.1",
                response_headers=headers,
                date=warc_date(),
            )
            times["revisit"].append(time.perf_counter() - t0)
            sizes["revisit"].append(rev.length)
            t0 = time.perf_counter()
            nm = writer.write_not_modified(
                p.url,
                refers_to_record_id=resp.record_id,
                refers_to_uri=p.url,
                refers_to_date=date,
                reason="Not Modified",
                protocol="HTTP/1.1",
                response_headers=[("ETag", '"5f3a-1"'), ("Date", "Fri, 01 Jan 2027 02:00:00 GMT")],
                date=warc_date(),
            )
            times["not_modified"].append(time.perf_counter() - t0)
            sizes["not_modified"].append(nm.length)
            t0 = time.perf_counter()
            r404, q404 = writer.write_exchange(
                p.url,
                method="GET",
                request_headers=request_headers,
                status=404,
                reason="Not Found",
                protocol="HTTP/1.1",
                response_headers=[("Content-Type", "text/html")],
                body=not_found,
                date=warc_date(),
            )
            times["not_found"].append(time.perf_counter() - t0)
            sizes["not_found"].append(r404.length + q404.length)
    finally:
        writer.close()
    bodies = [len(p.body) for p in pages]
    b = PageBytes(
        body=statistics.fmean(bodies),
        body_gzip=statistics.fmean(len(gzip.compress(p.body, 6)) for p in pages),
        warc_response=statistics.fmean(sizes["response"]),
        warc_revisit=statistics.fmean(sizes["revisit"]),
        warc_not_modified=statistics.fmean(sizes["not_modified"]),
        warc_not_found=statistics.fmean(sizes["not_found"]),
    )
    ms = {k: 1000 * statistics.fmean(v) for k, v in times.items()}
    ms["body_median_bytes"] = float(statistics.median(bodies))
    return b, ms


def measure_parse_ms(pages: list[Page]) -> float:
    """Mean ms the RecheckSpider spends reading a 200 answer (visible text + the source's extractor)."""
    from longarm.spiders.extraction import extract_document
    from longarm.spiders.recheck_spider import page_title_and_text
    from longarm.spiders.registry import get_registry

    registry = get_registry()
    t0 = time.perf_counter()
    for p in pages:
        page_title_and_text(p.body, p.url)
        extract_document(p.body, p.url, registry[p.source_id], lang_hint=p.lang)
    return 1000 * (time.perf_counter() - t0) / len(pages)


# --- 3b. the politeness model against the real RecheckSpider ----------------------------------------

CALIBRATION_SCALE = 0.25  # delays, latency and backoff scaled down so the check takes seconds
CALIBRATION_MIX = [200] * 27 + [304] * 4 + [404] * 3 + [503] * 2


def calibrate(p: Politeness, a: Assumptions, workdir: Path) -> list[dict[str, Any]]:
    """Run a RecheckSpider (benchmarks/recheck_calibration.py) on a local site; measured vs predicted seconds.

    Two sites: one answering faster than the delay (the delay rules) and one slower (AutoThrottle
    follows the latency), at ``CALIBRATION_SCALE`` of the configured delays.
    """
    import subprocess
    from dataclasses import replace

    k = CALIBRATION_SCALE
    scaled = replace(
        p, download_delay=p.download_delay * k, start_delay=p.start_delay * k, retry_backoff=p.retry_backoff * k
    )
    settings = {
        "DOWNLOAD_DELAY": scaled.download_delay,
        "AUTOTHROTTLE_START_DELAY": scaled.start_delay,
        "LONGARM_BACKOFF_BASE": scaled.retry_backoff,
        "LONGARM_PROGRESS": False,
        "LOG_LEVEL": "ERROR",
    }
    out: list[dict[str, Any]] = []
    mix = list(CALIBRATION_MIX)
    random.Random(23).shuffle(mix)
    for name, latency, statuses in (
        ("site faster than the delay", a.latency_seconds * k, mix),
        ("site slower than the delay", max(2 * scaled.download_delay, a.latency_seconds * k), mix[:16]),
    ):
        spec = workdir / f"calibration-{len(out)}.json"
        spec.write_text(
            json.dumps(
                {"statuses": statuses, "latency": latency, "settings": settings, "workdir": str(workdir / spec.stem)}
            ),
            encoding="utf-8",
        )
        proc = subprocess.run(
            [sys.executable, str(Path(__file__).with_name("recheck_calibration.py")), str(spec)],
            capture_output=True,
            text=True,
            timeout=300,
            cwd=REPO,
        )
        if proc.returncode != 0:
            raise RuntimeError(f"calibration run failed ({proc.returncode}): {proc.stderr[-1500:]}")
        got = json.loads(proc.stdout.strip().splitlines()[-1])
        predicted, sent = host_seconds(got["answers_in_order"][: len(statuses)], latency, scaled)
        out.append(
            {
                "site": name,
                "latency": latency,
                "download_delay": scaled.download_delay,
                "rechecks": len(statuses),
                "requests_predicted": sent,
                "requests_measured": got["requests"],
                "seconds_predicted": predicted,
                "seconds_measured": got["measured_seconds"],
                "ratio": got["measured_seconds"] / predicted if predicted else None,
                "outcomes": got["outcomes"],
            }
        )
    return out


# --- 4. database time -------------------------------------------------------------------------------


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?。！？])\s*", text) if len(s.strip()) >= 12]


def build_timing_store(path: Path, pages: list[Page], a: Assumptions, seed: int = 5) -> Any:
    """A store of ``a.documents`` articles with statements, their texts the real pages' (each made distinct).

    Every article holds ``statements_per_article`` statements (sentences of its text, as the
    extractor stores them: quote and offsets), a snapshot with an ETag, and its re-check schedule.
    """
    from longarm.config import RecheckConfig
    from longarm.db import Store
    from longarm.rechecks import plan_rechecks

    rng = random.Random(seed)
    store = Store(path)
    db = store.db
    db.table("sources").insert_all(
        [{"id": s, "name": s, "kind": "test"} for s in sorted({p.source_id for p in pages})], pk="id", replace=True
    )
    snaps, docs, threats = [], [], []
    for i in range(1, a.documents + 1):
        p = pages[i % len(pages)]
        text = f"{p.text}\n(#{i})"  # distinct text per article, as the real ones are
        url = f"{p.url}?copy={i}"
        day = 1 + rng.randrange(a.history_days)
        first_seen = f"2025-01-01T02:{i % 60:02d}:00Z"
        snaps.append(
            {
                "id": i,
                "url": url,
                "captured_at": first_seen,
                "status": 200,
                "sha256": hashlib.sha256(text.encode()).hexdigest(),
                "etag": f'"{i:x}"',
                "last_modified": "Wed, 01 Jan 2025 02:00:00 GMT",
                "payload_length": len(p.body),
            }
        )
        docs.append(
            {
                "id": i,
                "source_id": p.source_id,
                "url": url,
                "title": f"article {i}",
                "lang": p.lang,
                "text": text,
                "text_sha256": hashlib.sha256(text.encode()).hexdigest(),
                "snapshot_id": i,
                "first_seen": first_seen,
                "last_seen": first_seen,
                "published_date": f"2025-01-{1 + day % 28:02d}",
                "extracted_version": "bench",
            }
        )
        sentences = _sentences(p.text) or [p.text[:80]]
        for s in rng.sample(sentences, min(len(sentences), a.statements_per_article)):
            start = text.find(s)
            threats.append(
                {
                    "document_id": i,
                    "label": "threat",
                    "speaker": "bench",
                    "quote": s,
                    "start": start,
                    "end": start + len(s),
                    "score": 0.9,
                    "lang": p.lang,
                    "extractor_version": "bench",
                    "created_at": first_seen,
                }
            )
    with db.conn:
        db.table("snapshots").insert_all(snaps, batch_size=2000)
        db.table("documents").insert_all(docs, batch_size=2000)
        db.table("threats").insert_all(threats, batch_size=2000)
    plan_rechecks(db, RecheckConfig())
    return store


def _file_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 1e6


#: The outcome each timed case must produce (else the benchmark timed another code path).
EXPECTED_OUTCOME = {
    "unchanged_same_text": "unchanged",
    "unchanged_304": "unchanged",
    "gone_404": "gone",
    "unreachable_503": "unreachable",
    "edited": "edited",
}


def measure_database(pages: list[Page], a: Assumptions, workdir: Path, *, use_extractor: bool = True) -> dict[str, Any]:
    """ms per re-check for each code path, on a store of ``a.documents`` articles; the store's size."""
    from longarm.recheck_outcome import LiveAnswer
    from longarm.rechecks import due_rechecks, record_recheck

    path = workdir / "timing.db"
    t0 = time.perf_counter()
    store = build_timing_store(path, pages, a)
    build_s = time.perf_counter() - t0
    db = store.db
    size_before = _file_mb(path)
    t0 = time.perf_counter()
    due_all = due_rechecks(db, datetime(2027, 6, 1, tzinfo=timezone.utc))
    select_ms = 1000 * (time.perf_counter() - t0) / max(1, len(due_all))
    random.Random(3).shuffle(due_all)
    for d in due_all:
        d.recheck_ids = d.recheck_ids[:1]  # in steady state one step is due per fetch
    n = min(a.samples, len(due_all) // 6)
    groups = [due_all[k * n : (k + 1) * n] for k in range(6)]
    texts = {r["id"]: r["text"] for r in db.query("SELECT id, text FROM documents")}
    out: dict[str, Any] = {"documents": a.documents, "samples": n, "build_seconds": build_s, "select_ms": select_ms}
    extractor, version = None, None
    if use_extractor:
        from longarm.extraction_runner import extractor_version, load_extractor

        t0 = time.perf_counter()
        extractor = load_extractor()
        if extractor is not None:
            for page in pages[:3]:  # lazy loads (segmenter dictionaries) are not a re-check's cost
                extractor.extract(page.text, lang=page.lang)
        out["extractor_load_seconds"] = time.perf_counter() - t0
        version = extractor_version() if extractor is not None else None

    def edited_text(doc_id: int) -> str:
        text = texts[doc_id]
        quote = db.execute("SELECT quote FROM threats WHERE document_id = ? ORDER BY id LIMIT 1", [doc_id]).fetchone()[
            0
        ]
        return text.replace(quote, "") + "\nThe article was updated."

    cases = {
        "unchanged_same_text": lambda d: LiveAnswer(
            d.url, 200, page_text=texts[d.document_id], extracted_text=texts[d.document_id]
        ),
        "unchanged_304": lambda d: LiveAnswer(d.url, 304),
        "gone_404": lambda d: LiveAnswer(d.url, 404, page_text="Not Found"),
        "unreachable_503": lambda d: LiveAnswer(d.url, 503, page_text="Service Unavailable"),
        "edited": lambda d: LiveAnswer(
            d.url, 200, page_text=edited_text(d.document_id), extracted_text=edited_text(d.document_id)
        ),
    }
    for (name, make), due in zip(cases.items(), groups):
        answers = [make(d) for d in due]
        t0 = time.perf_counter()
        kinds = [
            record_recheck(
                db,
                d,
                ans,
                snapshot_id=None,
                extractor=extractor if name == "edited" else None,
                extractor_version=version,
                title="t",
            ).kind
            for d, ans in zip(due, answers)
        ]
        out[f"{name}_ms"] = 1000 * (time.perf_counter() - t0) / len(due)
        if set(kinds) != {EXPECTED_OUTCOME[name]}:
            raise RuntimeError(
                f"timing {name}: record_recheck gave {sorted(set(kinds))}, not the path meant to be timed"
            )
        if name == "edited" and extractor is not None:
            t0 = time.perf_counter()
            for d in due:
                extractor.extract(edited_text(d.document_id), lang=d.lang)
            out["extract_ms"] = 1000 * (time.perf_counter() - t0) / len(due)
    # What ArchiveMiddleware writes to the database per answer: look the payload up, add a snapshot row.
    t0 = time.perf_counter()
    for k, d in enumerate(groups[5]):
        sha = hashlib.sha256(f"new {k}".encode()).hexdigest()
        store.find_snapshot(d.url, sha)
        store.insert_snapshot({"url": d.url, "captured_at": "2027-06-01T02:00:00Z", "status": 200, "sha256": sha})
    out["archive_rows_ms"] = 1000 * (time.perf_counter() - t0) / max(1, len(groups[5]))
    out["removed_statements"] = db.execute(
        "SELECT COUNT(*) FROM threats WHERE removed_from_source_at IS NOT NULL"
    ).fetchone()[0]
    out["versions"] = db.execute("SELECT COUNT(*) FROM document_versions").fetchone()[0]
    out["version_statements"] = db.execute("SELECT COUNT(*) FROM version_statements").fetchone()[0]
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    out["db_mb"] = size_before
    out["db_mb_after"] = _file_mb(path)
    out["db_kb_per_document"] = 1000 * size_before / a.documents
    store.close()
    return out


def db_ms_per_fetch(dbt: dict[str, Any], a: Assumptions) -> dict[str, float]:
    """Expected database ms per re-check fetch by the answer shares (with and without the extractor)."""
    unchanged = max(0.0, 1 - a.edited - a.gone - a.unreachable - a.not_modified)
    edited_db = dbt["edited_ms"] - dbt.get("extract_ms", 0.0)
    rows = dbt["archive_rows_ms"] * (1 - a.not_modified)
    base = (
        dbt["select_ms"]
        + rows
        + unchanged * dbt["unchanged_same_text_ms"]
        + a.not_modified * dbt["unchanged_304_ms"]
        + a.gone * dbt["gone_404_ms"]
        + a.unreachable * dbt["unreachable_503_ms"]
    )
    return {"without_extractor": base + a.edited * edited_db, "with_extractor": base + a.edited * dbt["edited_ms"]}


def process_ms_per_fetch(report: dict[str, Any], a: Assumptions) -> float:
    """ms the nightly process spends per re-check fetch: reading a 200, writing its WARC records, the database.

    Sources share one process (one core); this is the CPU and disk time their re-checks add.
    """
    w = report["bytes"]["write_ms"]
    answered_200 = max(0.0, 1 - a.gone - a.unreachable - a.not_modified)
    unchanged = max(0.0, answered_200 - a.edited)
    warc = (
        (a.edited + unchanged * (1 - a.identical_bytes)) * w["response"]
        + unchanged * a.identical_bytes * w["revisit"]
        + a.not_modified * w["not_modified"]
        + (a.gone + a.unreachable) * w["not_found"]
    )
    return answered_200 * report["parse_ms_per_answer"] + warc + report["db_ms_per_fetch"]["with_extractor"]


# --- 1 + 3. the schedule, night by night, and the minutes --------------------------------------------


def source_weights(db_path: Path | None, sources: list[str]) -> tuple[dict[str, float], float | None, str]:
    """Articles per source (equal when no store is given) and the store's share of articles with statements."""
    if db_path is None:
        return {s: 1.0 for s in sources}, None, f"equal shares over the {len(sources)} configured sources"
    from longarm.db import connect

    db = connect(db_path, create=False, readonly=True)
    weights = {
        r["source_id"]: float(r["n"])
        for r in db.query("SELECT source_id, COUNT(*) AS n FROM documents GROUP BY source_id")
    }
    total = sum(weights.values())
    if not total:
        raise ValueError(f"{db_path} holds no document: give a store with articles, or no --db")
    with_statements = db.execute(
        "SELECT COUNT(DISTINCT document_id) FROM threats WHERE superseded_at IS NULL"
    ).fetchone()[0]
    db.conn.close()
    return weights, with_statements / total, f"the mix of {int(total)} articles in {db_path}"


def night_minutes(by_source: dict[str, int], a: Assumptions, p: Politeness, rng: random.Random) -> dict[str, Any]:
    """Per source minutes and requests of one night's re-checks; the night's wall minutes (sources side by side)."""
    per_source = {}
    requests = 0
    for source, n in by_source.items():
        if n < 1:
            continue  # no RecheckSpider starts for a source with nothing due
        seconds, sent = host_seconds(answer_statuses(n, a, rng), a.latency_seconds, p)
        per_source[source] = seconds / 60
        requests += sent
    return {
        "per_source": per_source,
        "wall_minutes": max(per_source.values(), default=0.0),
        "request_minutes": sum(per_source.values()),
        "requests": requests,
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    from longarm.config import load_config
    from longarm.crawl import build_settings
    from longarm.spiders.registry import get_registry

    overrides = {
        "detection_share": args.detection_share,
        "latency_seconds": args.latency,
        "not_modified": args.not_modified,
        "nights": args.nights,
        "documents": args.documents,
        "samples": args.samples,
    }
    cfg = load_config(args.config)
    sources = cfg.enabled_sources() or list(get_registry())
    weights, store_share, mix = source_weights(args.db, sources)
    if store_share is not None and args.detection_share is None:
        overrides["detection_share"] = store_share
    a = load_assumptions(**overrides)
    politeness = Politeness.from_settings(build_settings(0, replay=False, overrides=cfg.scrapy_overrides()))
    recheck = cfg.recheck
    report: dict[str, Any] = {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "command": "python benchmarks/bench_recheck.py " + " ".join(args.argv),
        "articles": args.articles,
        "schedule": {
            "enabled": recheck.enabled,
            "days": list(recheck.days),
            "without_detections": recheck.without_detections,
            "without_detections_days": list(recheck.without_detections_days),
        },
        "politeness": asdict(politeness),
        "assumptions": asdict(a),
        "source_mix": mix,
    }
    with tempfile.TemporaryDirectory(prefix="bench_recheck_") as tmp:
        work = Path(tmp)
        # 1. the schedule
        t0 = time.perf_counter()
        sched = build_schedule_store(work / "schedule.db", args.articles, weights, a)
        build_s = time.perf_counter() - t0
        sim = simulate_nights(sched, recheck, a)
        per_night = [n.documents for n in sim.nights]
        rng = random.Random(13)
        minutes = [night_minutes(n.by_source, a, politeness, rng) for n in sim.nights]
        backlog_minutes = night_minutes(sim.backlog.by_source, a, politeness, rng)
        share = {s: n / max(1, sum(per_night)) for s, n in _sum_by_source(sim.nights).items()}
        report["schedule_store"] = {
            "articles": sched.articles,
            "with_statements": sched.with_statements,
            "intake_per_day": sched.intake_per_day,
            "build_seconds": build_s,
        }
        report["per_night"] = {
            "backlog_documents": sim.backlog.documents,
            "backlog_formula": backlog_documents(args.articles, a.history_days, recheck, a.detection_share),
            "documents": distribution(per_night),
            "formula_mean": steady_state_per_night(sched.intake_per_day, recheck, a.detection_share),
            "requests": distribution([m["requests"] for m in minutes]),
            "retries": distribution([n.retries for n in sim.nights]),
            "source_share": dict(sorted(share.items(), key=lambda kv: -kv[1])),
            "lag_days_by_step": sim.lag_days,
        }
        report["minutes"] = {
            "wall": distribution([m["wall_minutes"] for m in minutes]),
            "source_max": distribution([max(m["per_source"].values(), default=0.0) for m in minutes]),
            "request_minutes": distribution([m["request_minutes"] for m in minutes]),
            "backlog_wall": backlog_minutes["wall_minutes"],
            "backlog_requests": backlog_minutes["requests"],
        }
        report["database_schedule"] = {
            "first_plan_rechecks_ms": 1000 * sim.first_plan_seconds,
            "plan_rechecks_ms": 1000 * sim.plan_seconds,
            "documents_in_store": sim.documents_in_store,
            "plan_rechecks_ms_per_document": 1000 * sim.plan_seconds / max(1, sim.documents_in_store),
            "due_rechecks_ms": distribution([1000 * n.due_seconds for n in sim.nights]),
            "due_rechecks_ms_per_document": 1000 * sum(n.due_seconds for n in sim.nights) / max(1, sum(per_night)),
        }
        sched.db.conn.close()
        # 2. bytes
        where, pages = load_pages()
        pb, write_ms = measure_bytes(pages, a, work)
        per_fetch = bytes_per_fetch(a, pb, retries=politeness.retry_times)
        report["pages"] = where
        report["bytes"] = {"page": asdict(pb), "per_fetch": per_fetch, "write_ms": write_ms}
        report["parse_ms_per_answer"] = measure_parse_ms(pages)
        # 4. database
        dbt = measure_database(pages, a, work, use_extractor=not args.no_extractor)
        report["database"] = dbt
        report["db_ms_per_fetch"] = db_ms_per_fetch(dbt, a)
        report["process_ms_per_fetch"] = process_ms_per_fetch(report, a)
        if not args.no_calibration:
            report["calibration"] = calibrate(politeness, a, work)
    report["planning"] = planning_table(report, a, recheck, politeness)
    report["targets"] = check_targets(report, a)
    return report


def _sum_by_source(nights: list[Any]) -> dict[str, int]:
    out: dict[str, int] = {}
    for n in nights:
        for s, k in n.by_source.items():
            out[s] = out.get(s, 0) + k
    return out


def planning_table(report: dict[str, Any], a: Assumptions, configured: Any, p: Politeness) -> list[dict[str, Any]]:
    """Per store size and schedule: re-checks, requests, MB, minutes at politeness, database minutes per night.

    Re-checks per night are the closed form (checked against the simulation above); each of
    ``PLANNING_NIGHTS`` sampled nights draws every source's count from a Poisson law around its
    share, so a source with less than one re-check a night is sometimes idle (no crawler, no
    robots.txt) and sometimes not. Bytes, database and process time at the measured per-fetch figures.
    """
    from dataclasses import replace

    variants = [("as configured", configured)]
    if not configured.without_detections:
        variants.append(("+ articles without statements", replace(configured, without_detections=True)))
    share = report["per_night"]["source_share"] or {"all": 1.0}
    rows = []
    pb = report["bytes"]["per_fetch"]
    dbms = report["db_ms_per_fetch"]["with_extractor"]
    proc_ms = report["process_ms_per_fetch"]
    plan_ms_per_document = report["database_schedule"]["plan_rechecks_ms_per_document"]
    rng = random.Random(17)
    for n in PLANNING_SIZES:
        for label, sched in variants:
            docs = steady_state_per_night(n / a.history_days, sched, a.detection_share)
            backlog = backlog_documents(n, a.history_days, sched, a.detection_share)
            nights = [
                night_minutes({s: poisson(rng, docs * w) for s, w in share.items()}, a, p, rng)
                for _ in range(PLANNING_NIGHTS)
            ]
            back = night_minutes({s: round(backlog * w) for s, w in share.items()}, a, p, rng)
            plan_minutes = n * plan_ms_per_document / 60000
            rows.append(
                {
                    "articles": n,
                    "schedule": label,
                    "rechecks_per_night": docs,
                    "requests_per_night": statistics.fmean(m["requests"] for m in nights),
                    "mb_received": docs * pb["received"] / 1e6,
                    "mb_received_gzip": docs * pb["received_gzip"] / 1e6,
                    "mb_warc": docs * pb["warc"] / 1e6,
                    "minutes_busiest_source": distribution([m["wall_minutes"] for m in nights]),
                    "db_minutes": docs * dbms / 60000 + plan_minutes,
                    "process_minutes": docs * proc_ms / 60000 + plan_minutes,
                    "backlog_rechecks": backlog,
                    "backlog_minutes_busiest_source": back["wall_minutes"],
                    "backlog_process_minutes": backlog * proc_ms / 60000,
                }
            )
    return rows


def check_targets(report: dict[str, Any], a: Assumptions) -> list[dict[str, Any]]:
    return [
        {
            "what": "re-check minutes of the busiest source, p95 night",
            "value": report["minutes"]["source_max"]["p95"],
            "target": a.max_source_minutes_p95,
            "ok": report["minutes"]["source_max"]["p95"] <= a.max_source_minutes_p95,
        },
        {
            "what": "database ms per re-check (without the extractor)",
            "value": report["db_ms_per_fetch"]["without_extractor"],
            "target": a.max_db_ms_per_recheck,
            "ok": report["db_ms_per_fetch"]["without_extractor"] <= a.max_db_ms_per_recheck,
        },
    ]


# --- output -----------------------------------------------------------------------------------------


def _n(x: float) -> str:
    return f"{x:,.0f}" if abs(x) >= 10 else f"{x:,.1f}"


def _calibration_lines(r: dict[str, Any]) -> list[str]:
    cal = r.get("calibration")
    if not cal:
        return ["The minutes were not checked against a RecheckSpider run (--no-calibration).", ""]
    out = [
        f"The minutes model checked against the real RecheckSpider on a local site, delays at "
        f"{CALIBRATION_SCALE:g} of the configured ones:",
        "",
        "| site | latency s | re-checks | requests (model / seen) | seconds (model / measured) | measured / model |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for c in cal:
        out.append(
            f"| {c['site']} | {c['latency']:.3f} | {c['rechecks']} | {c['requests_predicted']} / {c['requests_measured']} "
            f"| {c['seconds_predicted']:.1f} / {c['seconds_measured']:.1f} | {c['ratio']:.2f} |"
        )
    out.append("")
    return out


def markdown(r: dict[str, Any]) -> str:
    a, pn, mi, b, d = r["assumptions"], r["per_night"], r["minutes"], r["bytes"], r["database"]
    pol = r["politeness"]
    sched = r["schedule"]
    lines = [
        f"# Re-check cost per night: {r['articles']:,} stored articles ({r['date']})",
        "",
        f"`{r['command']}`",
        "",
        f"Schedule: days {sched['days']}"
        + (
            f", articles without statements on {sched['without_detections_days']}"
            if sched["without_detections"]
            else ", articles without statements not re-checked"
        )
        + f"; {a['detection_share']:.0%} of articles hold a statement; intake "
        f"{r['schedule_store']['intake_per_day']:.0f} articles a day ({r['articles']:,} over {a['history_days']} days); "
        f"sources: {r['source_mix']}.",
        f"Politeness (per source crawler): DOWNLOAD_DELAY {pol['download_delay']} s (jitter ±{pol['jitter']:.0%}), "
        f"{pol['concurrency_per_domain']} per domain, AutoThrottle {'on' if pol['autothrottle'] else 'off'} "
        f"(start {pol['start_delay']} s, target concurrency {pol['target_concurrency']}), "
        f"{pol['retry_times']} retries; assumed latency {a['latency_seconds']} s.",
        f"Answers assumed: {a['edited']:.0%} edited, {a['gone']:.0%} gone, {a['unreachable']:.0%} unreachable, "
        f"{a['not_modified']:.0%} 304; {a['identical_bytes']:.0%} of unchanged 200s byte-identical.",
        "",
        f"## Per night (simulated through longarm.rechecks, {a['nights']} nights after the store's history)",
        "",
        "| | mean | p95 | max |",
        "|---|---:|---:|---:|",
        f"| articles re-checked (fetches) | {_n(pn['documents']['mean'])} | {_n(pn['documents']['p95'])} | {_n(pn['documents']['max'])} |",
        f"| HTTP requests (with robots.txt, retries of 5xx) | {_n(pn['requests']['mean'])} | {_n(pn['requests']['p95'])} | {_n(pn['requests']['max'])} |",
        f"| minutes, busiest source (sources run side by side) | {_n(mi['source_max']['mean'])} | {_n(mi['source_max']['p95'])} | {_n(mi['source_max']['max'])} |",
        f"| request-minutes, all sources added | {_n(mi['request_minutes']['mean'])} | {_n(mi['request_minutes']['p95'])} | {_n(mi['request_minutes']['max'])} |",
        f"| due_rechecks, ms | {_n(r['database_schedule']['due_rechecks_ms']['mean'])} | {_n(r['database_schedule']['due_rechecks_ms']['p95'])} | {_n(r['database_schedule']['due_rechecks_ms']['max'])} |",
        "",
        f"Closed form mean: {pn['formula_mean']:.1f} fetches a night. First night with re-checks on "
        f"(the backlog of the store's history): {pn['backlog_documents']:,} fetches "
        f"(closed form {pn['backlog_formula']:,.0f}), {mi['backlog_wall']:.0f} minutes for the busiest source. "
        "Each step is fetched on average "
        + ", ".join(f"{k} d: {v:.2f}" for k, v in sorted(pn["lag_days_by_step"].items(), key=lambda kv: int(kv[0])))
        + " days after it came due (an article stored during a run comes due after the next run has started).",
        "",
        *_calibration_lines(r),
        "Share of re-checks per source: "
        + ", ".join(f"{s} {v:.1%}" for s, v in list(pn["source_share"].items())[:15])
        + ".",
        "",
        f"## Bytes ({r['pages']})",
        "",
        "| | bytes |",
        "|---|---:|",
        f"| page body, mean (median {b['write_ms']['body_median_bytes']:,.0f}) | {b['page']['body']:,.0f} |",
        f"| page body gzip-compressed, mean | {b['page']['body_gzip']:,.0f} |",
        f"| WARC: response + request records | {b['page']['warc_response']:,.0f} |",
        f"| WARC: revisit (identical payload) | {b['page']['warc_revisit']:,.0f} |",
        f"| WARC: revisit of a 304 | {b['page']['warc_not_modified']:,.0f} |",
        f"| WARC: a 404 page | {b['page']['warc_not_found']:,.0f} |",
        f"| per re-check: received (not compressed / gzip) | {b['per_fetch']['received']:,.0f} / {b['per_fetch']['received_gzip']:,.0f} |",
        f"| per re-check: archived (WARC) | {b['per_fetch']['warc']:,.0f} |",
        "",
        f"WARC write with fsync, ms: response {b['write_ms']['response']:.1f}, revisit {b['write_ms']['revisit']:.1f}, "
        f"304 {b['write_ms']['not_modified']:.1f}. Reading a 200 answer (visible text + the source's extractor): "
        f"{r['parse_ms_per_answer']:.1f} ms.",
        "",
        f"## Database, measured on a store of {d['documents']:,} articles built from real page texts "
        f"({d['db_mb']:.0f} MB, {d['db_kb_per_document']:.1f} kB an article)",
        "",
        "| code path | ms per re-check |",
        "|---|---:|",
        f"| due_rechecks at {r['articles']:,} articles (per article due) | {r['database_schedule']['due_rechecks_ms_per_document']:.2f} |",
        f"| due_rechecks at {d['documents']:,} articles, {d['documents']:,} due at once (per article) | {d['select_ms']:.2f} |",
        f"| snapshot rows of the answer (ArchiveMiddleware) | {d['archive_rows_ms']:.2f} |",
        f"| record: unchanged (same text) | {d['unchanged_same_text_ms']:.2f} |",
        f"| record: unchanged (304) | {d['unchanged_304_ms']:.2f} |",
        f"| record: gone (404, statements marked removed) | {d['gone_404_ms']:.2f} |",
        f"| record: unreachable (503, pending again) | {d['unreachable_503_ms']:.2f} |",
        f"| record: edited (new version, re-extraction, removed statements) | {d['edited_ms']:.2f} |",
        f"| of which the extractor | {d.get('extract_ms', 0.0):.2f} |",
        f"| mean per re-check, by the answer shares: without / with the extractor | "
        f"{r['db_ms_per_fetch']['without_extractor']:.2f} / {r['db_ms_per_fetch']['with_extractor']:.2f} |",
        "",
        f"plan_rechecks, every night over the whole store: {r['database_schedule']['plan_rechecks_ms']:.0f} ms for "
        f"{r['database_schedule']['documents_in_store']:,} documents (the first time, inserting every schedule: "
        f"{r['database_schedule']['first_plan_rechecks_ms']:.0f} ms). "
        f"Process time per re-check (reading the answer, WARC, database): {r['process_ms_per_fetch']:.1f} ms. Database after the timings: {d['db_mb_after']:.0f} MB "
        f"({d['versions']} versions, {d['version_statements']} version statements, "
        f"{d['removed_statements']} statements marked removed).",
        "",
        "## Planning",
        "",
        "Per night in steady state (re-checks: mean; minutes of the busiest source: mean / p95 of sampled "
        "nights, sources side by side; DB minutes: the database with re-extraction of edited pages and "
        "plan_rechecks; process minutes: that plus reading the answers and writing the WARC, on the "
        "nightly's one process), and the first night re-checks run on a store with that history.",
        "",
        "| articles | schedule | re-checks | requests | MB received (gzip) | MB archived "
        "| minutes at politeness | DB minutes | process minutes | first night: re-checks, minutes |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in r["planning"]:
        busiest = row["minutes_busiest_source"]
        lines.append(
            f"| {row['articles']:,} | {row['schedule']} | {_n(row['rechecks_per_night'])} "
            f"| {_n(row['requests_per_night'])} "
            f"| {_n(row['mb_received'])} ({_n(row['mb_received_gzip'])}) | {_n(row['mb_warc'])} "
            f"| {busiest['mean']:.1f} / {busiest['p95']:.1f} | {row['db_minutes']:.1f} | {row['process_minutes']:.1f} "
            f"| {_n(row['backlog_rechecks'])}, {_n(row['backlog_minutes_busiest_source'])} |"
        )
    lines.append("")
    for t in r["targets"]:
        lines.append(f"target: {t['what']}: {t['value']:.2f} <= {t['target']}: {'ok' if t['ok'] else 'MISSED'}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100_000, help="stored articles (default 100,000)")
    ap.add_argument("--config", type=Path, default=None, help="longarm.toml to read the schedule and politeness from")
    ap.add_argument(
        "--db", type=Path, default=None, help="a longarm store to take the source mix and statement share from"
    )
    ap.add_argument("--detection-share", type=float, default=None, help="share of articles with a statement")
    ap.add_argument("--latency", type=float, default=None, help="seconds a site takes to answer")
    ap.add_argument("--not-modified", type=float, default=None, help="share of re-checks answered 304")
    ap.add_argument("--nights", type=int, default=None, help="steady-state nights simulated (default 365)")
    ap.add_argument("--documents", type=int, default=None, help="articles of the database-timing store")
    ap.add_argument("--samples", type=int, default=None, help="re-checks timed per outcome")
    ap.add_argument("--no-extractor", action="store_true", help="time the edited outcome without re-extraction")
    ap.add_argument(
        "--no-calibration", action="store_true", help="skip the RecheckSpider run on a local site (checks the minutes)"
    )
    ap.add_argument("--json", action="store_true", help="print the report as JSON")
    ap.add_argument("--out", type=Path, default=None, help="also write the JSON report to this file")
    args = ap.parse_args(argv)
    from longarm.core.errors import UsageError

    args.argv = list(sys.argv[1:] if argv is None else argv)
    if args.articles < 1:
        ap.error(f"--articles {args.articles}: give a number of stored articles, at least 1")
    if args.db is not None and not args.db.is_file():
        ap.error(f"--db {args.db}: no such file; give a longarm store or leave --db out")
    try:
        report = run(args)
    except (ValueError, UsageError) as exc:
        print(f"bench_recheck: {exc}", file=sys.stderr)
        return 2
    except RuntimeError as exc:
        print(f"bench_recheck: {exc}", file=sys.stderr)
        return 1
    text = json.dumps(report, ensure_ascii=False, indent=1, default=str)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")
    print(text if args.json else markdown(report))
    return 0 if all(t["ok"] for t in report["targets"]) else 1


if __name__ == "__main__":
    sys.exit(main())
