"""First contact with sources never checked on real pages, and the MPS's HTTP 521 challenge (issue 14).

Two local HTTP servers on 127.0.0.1 play the sites: one serves listings and articles in a
layout the registry partly guessed right (title and body selectors match, the date selector
does not), in one it guessed right, a listing answered by a JavaScript challenge with HTTP
200; the other answers every request, robots.txt included, with HTTP 521 and a JavaScript
challenge, as www.mps.gov.cn does. ``longarm crawl`` runs against them through
``$LONGARM_REGISTRY``; the test reads the first-contact reports, ``sources`` and
``sources --health``.
"""

from __future__ import annotations

import http.server
import json
import threading
from pathlib import Path
from typing import Any, Callable

import pytest

from longarm.db import connect
from longarm.spiders import first_contact, health
from tests.conftest import run_cli

pytestmark = pytest.mark.slow  # end-to-end: live crawls against local HTTP servers, in subprocesses

CHALLENGE = (
    b"<html><head><script>var x=[1,2,3];document.cookie='__jsl_clearance=1716190000.123|0|abc';"
    b"location.href=location.pathname+location.search</script></head><body></body></html>"
)
HTML = "text/html; charset=utf-8"
PARAS = [
    "The National Security Department of the Police today arrested two men for offences endangering "
    "national security, a spokesman said, adding that investigation was continuing.",
    "The spokesman said anyone who absconds overseas will be pursued for life and urged the public to report "
    "information through the national security hotline.",
]


def page(
    title: str, when: str, *, title_cls: str = "headline", date_cls: str = "time", body_id: str = "article"
) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in PARAS)
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title} | Test</title></head><body>"
        f"<div id='nav'>Home | News | Contact</div><h1 class='{title_cls}'>{title}</h1>"
        f"<span class='{date_cls}'>{when}</span><div id='{body_id}'>{body}</div>"
        f"<div id='footer'>Important notices</div></body></html>"
    ).encode("utf-8")


def listing(links: list[str]) -> bytes:
    return (
        "<html><head><meta charset='utf-8'></head><body><ul>"
        + "".join(f"<li><a href='{u}'>{u}</a></li>" for u in links)
        + "</ul></body></html>"
    ).encode("utf-8")


GUESSED = ["/guessed/20240520/arrests.html", "/guessed/20240521/reply.html", "/guessed/20240522/notice.html"]
HOLDS = ["/holds/20240520/statement.html", "/holds/20240521/warrants.html"]
ROUTES: dict[str, tuple[int, bytes]] = {
    "/robots.txt": (200, b"User-agent: *\nAllow: /\n"),
    "/guessed/index.html": (200, listing([*GUESSED, "/about/contact.html", "/video/clip.mp4"])),
    **{u: (200, page(f"Police statement {i}", "2024-05-2%d 10:00" % i)) for i, u in enumerate(GUESSED)},
    "/holds/index.html": (200, listing(HOLDS)),
    **{u: (200, page(f"Bureau reply {i}", "2024-05-2%d 11:00" % i, date_cls="pubdate")) for i, u in enumerate(HOLDS)},
    "/walled/index.html": (200, CHALLENGE),
    "/verified/index.html": (200, listing(["/verified/20240520/one.html"])),
    "/verified/20240520/one.html": (200, page("Verified page", "2024-05-20 09:00", date_cls="pubdate")),
}


def _serve(route: Callable[[str], tuple[int, bytes]]) -> tuple[http.server.ThreadingHTTPServer, list[str]]:
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802
            hits.append(self.path)
            status, body = route(self.path)
            self.send_response(status)
            self.send_header("Content-Type", HTML)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, hits


def _entry(sid: str, listing_url: str, *, verified: bool, date_sel: str = ".pubdate") -> str:
    pattern = r"^http://127\.0\.0\.1:\d+/[a-z]+/\d{8}/[a-z_]+\.html$"
    return (
        f'[[source]]\nid = "{sid}"\nname = "Test {sid}"\nowner = "test"\nkind = "hk_government"\n'
        f'languages = ["en"]\nallowed_domains = ["127.0.0.1"]\ntimezone = "Asia/Hong_Kong"\n'
        f'verified = {str(verified).lower()}\nverified_note = "test site"\nrevisit_days = 0\n'
        f'  [[source.discovery]]\n  type = "listing"\n  url = "{listing_url}"\n'
        f"  [[source.articles]]\n  pattern = '{pattern}'\n"
        f'  [source.extract]\n  title = "h1.headline"\n  body = "#article"\n  date = "{date_sel}"\n'
    )


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Any:
    site, site_hits = _serve(lambda path: ROUTES.get(path, (404, b"<h1>Not found</h1>")))
    mps, mps_hits = _serve(lambda path: (521, CHALLENGE))  # every path, robots.txt too
    base, mps_base = (f"http://127.0.0.1:{s.server_address[1]}" for s in (site, mps))
    tmp = tmp_path_factory.mktemp("first_contact")
    registry = tmp / "sources.toml"
    registry.write_text(
        "\n".join(
            [
                _entry("t_guessed", f"{base}/guessed/index.html", verified=False),
                _entry("t_holds", f"{base}/holds/index.html", verified=False),
                _entry("t_mps", f"{mps_base}/n2253534/n2253535/index.html", verified=False),
                _entry("t_walled", f"{base}/walled/index.html", verified=False),
                _entry("t_verified", f"{base}/verified/index.html", verified=True),
            ]
        ),
        encoding="utf-8",
    )
    config = tmp / "fast.toml"
    config.write_text(
        "[politeness]\ndownload_delay = 0.0\nrandomize_delay = false\nautothrottle = false\n"
        "download_timeout = 5\nretry_times = 0\n"
    )
    db, archive = tmp / "x.db", tmp / "archive"
    env = {"LONGARM_REGISTRY": str(registry)}
    common = ["--db", str(db), "--archive", str(archive), "--config", str(config)]
    try:
        first = run_cli("crawl", *common, env=env, timeout=120)
        reports1 = {
            sid: first_contact.read_report(archive, sid) for sid in ("t_guessed", "t_holds", "t_mps", "t_walled")
        }
        second = run_cli("crawl", *common, env=env, timeout=120)
        reports2 = {sid: first_contact.read_report(archive, sid) for sid in ("t_guessed", "t_mps")}
        table = run_cli("sources", *common, env=env)
        health_json = run_cli("sources", "--health", "--json", *common, env=env)
        health_table = run_cli("sources", "--health", *common, env=env)
    finally:
        for s in (site, mps):
            s.shutdown()
            s.server_close()
    return {
        "first": first,
        "second": second,
        "reports1": reports1,
        "reports2": reports2,
        "archive": archive,
        "db": db,
        "table": table,
        "health_json": health_json,
        "health_table": health_table,
        "site_hits": site_hits,
        "mps_hits": mps_hits,
        "base": base,
    }


def test_partly_guessed_layout_is_reported_selector_by_selector(crawled: Any) -> None:
    assert crawled["first"].returncode == 3, crawled["first"].stderr  # t_mps and t_walled failed
    r = crawled["reports1"]["t_guessed"]
    assert r["status"] == health.OK and r["verified"] is False
    assert r["selectors"]["title"] == {"selector": "h1.headline", "matched": 3, "of": 3}
    assert r["selectors"]["body"] == {"selector": "#article", "matched": 3, "of": 3}
    assert r["selectors"]["date"] == {"selector": ".pubdate", "matched": 0, "of": 3}
    assert r["verdict"] == "layout partly holds: date selector matched 0 of 3 pages"
    # the date was still found (the URL states it): the yield counts complete documents
    assert r["yield"] == {"article_pages": 3, "documents": 3, "complete": 3, "share": 1.0}
    [listing_entry] = r["discovery"]
    assert listing_entry["article_links"] == 3 and listing_entry["links"] == 5
    assert listing_entry["unmatched_sample"] == [
        crawled["base"] + "/about/contact.html",
        crawled["base"] + "/video/clip.mp4",
    ]
    art = next(a for a in r["articles"] if a["url"].endswith("/guessed/20240520/arrests.html"))
    assert art["title"] == "Police statement 0" and art["published_at"].startswith("2024-05-20")
    assert art["selectors"]["date"]["parts"] == [{"css": ".pubdate", "elements": 0, "chars": 0, "date": None}]
    assert art["selectors"]["body"]["parts"][0]["chars"] >= 200
    md = (crawled["archive"] / "first_contact" / "t_guessed.md").read_text(encoding="utf-8")
    assert "Verdict: layout partly holds: date selector matched 0 of 3 pages" in md
    assert "| date | `.pubdate` | 0 of 3 pages |" in md and "date: NOT matched" in md


def test_layout_that_holds_says_so(crawled: Any) -> None:
    r = crawled["reports1"]["t_holds"]
    assert r["verdict"] == "layout holds: title, date and body selectors matched; 2 of 2 pages complete"
    assert all(v == {"selector": v["selector"], "matched": 2, "of": 2} for v in r["selectors"].values())


def test_mps_521_challenge_is_challenged_not_an_empty_site(crawled: Any) -> None:
    assert crawled["mps_hits"]  # the server was asked (robots.txt, the listing), and answered 521
    db = connect(crawled["db"])
    statuses = [
        r["status"] for r in db.query("SELECT status FROM run_sources WHERE source_id = 't_mps' ORDER BY run_id")
    ]
    assert statuses == [health.CHALLENGED, health.CHALLENGED]
    rows = {r["id"]: r for r in json.loads(crawled["health_json"].stdout)}
    assert rows["t_mps"]["last_status"] == health.CHALLENGED
    assert rows["t_mps"]["first_contact"]["status"] == health.CHALLENGED
    assert "challenged" in crawled["health_table"].stdout
    r = crawled["reports1"]["t_mps"]
    assert r["verdict"].startswith("challenged: the site answered with an anti-bot JavaScript challenge")
    assert r["discovery"][0]["status"] == 521 and r["discovery"][0]["state"] == health.CHALLENGED
    assert r["articles"] == []


def test_listing_answered_by_a_challenge_with_http_200_is_challenged(crawled: Any) -> None:
    """Before, a 200 challenge page on the listing read as "listing yielded no article links" (parsed_nothing)."""
    rows = {r["id"]: r for r in json.loads(crawled["health_json"].stdout)}
    assert rows["t_walled"]["last_status"] == health.CHALLENGED
    assert crawled["reports1"]["t_walled"]["verdict"].startswith("challenged:")


def test_report_kept_once_contact_is_made_and_retried_until_then(crawled: Any) -> None:
    first, second = crawled["reports1"], crawled["reports2"]
    assert second["t_guessed"]["run_id"] == first["t_guessed"]["run_id"]  # the first contact stays
    assert second["t_mps"]["run_id"] > first["t_mps"]["run_id"]  # no page reached yet: the next night tries again


def test_verified_sources_get_no_report(crawled: Any) -> None:
    assert first_contact.read_report(crawled["archive"], "t_verified") is None
    assert sorted(p.name for p in (crawled["archive"] / "first_contact").iterdir()) == sorted(
        f"{s}.{ext}" for s in ("t_guessed", "t_holds", "t_mps", "t_walled") for ext in ("json", "md")
    )


def test_sources_says_not_verified_on_real_pages_and_points_at_the_reports(crawled: Any) -> None:
    out = crawled["table"].stdout
    line = next(x for x in out.splitlines() if x.startswith("t_guessed"))
    assert line.rstrip().endswith("not verified on real pages")
    assert next(x for x in out.splitlines() if x.startswith("t_verified")).rstrip().endswith("yes")
    assert "first contact t_guessed: layout partly holds: date selector matched 0 of 3 pages" in out
    assert str(crawled["archive"] / "first_contact" / "t_guessed.md") in out


def test_run_detail_names_the_report(crawled: Any) -> None:
    db = connect(crawled["db"])
    detail = next(db.query("SELECT detail FROM run_sources WHERE source_id = 't_guessed' ORDER BY run_id LIMIT 1"))[
        "detail"
    ]
    assert "first contact report:" in detail and "t_guessed.md" in detail
    errors = json.loads(next(db.query("SELECT errors FROM runs ORDER BY id LIMIT 1"))["errors"])
    assert errors and not any("first contact report" in e for e in errors)  # a note, not an error


def test_replay_crawl_writes_no_first_contact_report(tmp_path: Path) -> None:
    """Only a live crawl meets the site: replaying an archive of an unverified source leaves no report."""
    from longarm.spiders.registry import REGISTRY_PATH
    from tests.core import replay_fixture

    text = REGISTRY_PATH.read_text(encoding="utf-8")
    entry = text.index('id = "hk_gov_press"')
    flag = text.index("verified = true", entry)
    registry = tmp_path / "sources.toml"
    registry.write_text(text[:flag] + "verified = false" + text[flag + len("verified = true") :], encoding="utf-8")
    warc = replay_fixture.build(tmp_path / "fixture.warc.gz")
    archive = tmp_path / "archive"
    res = run_cli(
        "crawl",
        "hk_gov_press",
        "--replay",
        str(warc),
        "--db",
        str(tmp_path / "x.db"),
        "--archive",
        str(archive),
        env={"LONGARM_REGISTRY": str(registry)},
    )
    assert res.returncode in (0, 3), res.stderr
    assert connect(tmp_path / "x.db")["documents"].count >= 1
    assert "not verified on real pages" in run_cli("sources", env={"LONGARM_REGISTRY": str(registry)}).stdout
    assert not (archive / "first_contact").exists()
