"""Article pages that redirect off-site (HTTP 3xx or meta refresh) are logged with the target and counted in the
source's health, not dropped silently; on-site redirects are still followed (issue 10, point 6)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse, Request, Response

from longarm.db import connect
from longarm.middlewares.offsite_redirect import (
    OffsiteRedirect,
    OffsiteRedirectMiddleware,
    OffsiteRefreshMiddleware,
    on_site,
)
from tests.conftest import run_cli
from tests.core.replay_fixture import article_html
from tests.ops.fixture import FEED_URL, feed_xml

BASE = "https://www.info.gov.hk/gia/general/202307/03/"
PLAIN, REDIRECTED, REFRESHED, MOVED, MOVED_TO = (BASE + f"P20230703000{i}.htm" for i in (11, 12, 13, 14, 15))
OFFSITE_REDIRECT = "https://elsewhere.example.com/landing?id=12"
OFFSITE_REFRESH = "https://news.example.org/story/13"
BODY = (
    "The Police today said that arrest warrants have been issued against Nathan Law Kwun-chung who has "
    "absconded overseas. A reward of HK$1 million is offered for information leading to the arrest."
)


class _Spider:
    source_id = "hk_gov_press"
    allowed_domains = ["info.gov.hk"]


def _article(url: str) -> Request:
    return Request(url, meta={"longarm_kind": "article"})


def test_on_site_follows_scrapys_rule() -> None:
    assert on_site("https://www.info.gov.hk/x", ["info.gov.hk"])
    assert on_site("https://INFO.gov.hk./x", ["info.gov.hk"])
    assert not on_site("https://notinfo.gov.hk/x", ["info.gov.hk"])
    assert not on_site("https://info.gov.hk.evil.example/x", ["info.gov.hk"])


def test_middlewares_raise_for_off_site_targets_of_articles_only() -> None:
    mw = OffsiteRedirectMiddleware()
    resp = Response(PLAIN, status=302, headers={"Location": OFFSITE_REDIRECT})
    with pytest.raises(OffsiteRedirect) as ei:
        mw.process_response(_article(PLAIN), resp, _Spider())
    assert ei.value.target == OFFSITE_REDIRECT and ei.value.how == "redirect"
    on = Response(PLAIN, status=301, headers={"Location": "/gia/general/202307/03/P2023070300099.htm"})
    assert mw.process_response(_article(PLAIN), on, _Spider()) is on
    listing = Request(PLAIN, meta={"longarm_kind": "discovery"})
    assert mw.process_response(listing, resp, _Spider()) is resp
    refresh = OffsiteRefreshMiddleware([], 100, True)
    page = HtmlResponse(
        PLAIN,
        body=f'<html><head><meta http-equiv="refresh" content="0; url={OFFSITE_REFRESH}"></head></html>'.encode(),
        encoding="utf-8",
    )
    with pytest.raises(OffsiteRedirect) as ei:
        refresh.process_response(_article(PLAIN), page, _Spider())
    assert ei.value.target == OFFSITE_REFRESH and ei.value.how == "meta refresh"
    assert OffsiteRefreshMiddleware([], 100, False).process_response(_article(PLAIN), page, _Spider()) is page
    slow = HtmlResponse(
        PLAIN, body=f'<meta http-equiv="refresh" content="600; url={OFFSITE_REFRESH}">'.encode(), encoding="utf-8"
    )
    assert refresh.process_response(_article(PLAIN), slow, _Spider()) is slow  # not a redirect Scrapy follows


def _warc(path: Path) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    arts = {
        u: (f"Police announce arrest warrants ({n})", "Ends/Monday, July 3, 2023\nIssued at HKT 21:05", BODY)
        for n, u in enumerate((PLAIN, REDIRECTED, REFRESHED, MOVED))
    }
    html = "text/html; charset=utf-8"
    refresh_page = (
        f'<html><head><meta http-equiv="refresh" content="0; url={OFFSITE_REFRESH}"></head><body>moved</body></html>'
    ).encode()
    pages = [
        (FEED_URL, "200 OK", feed_xml(arts), "application/rss+xml; charset=utf-8", []),
        (PLAIN, "200 OK", article_html(*arts[PLAIN]), html, []),
        (REDIRECTED, "302 Found", b"", html, [("Location", OFFSITE_REDIRECT)]),
        (REFRESHED, "200 OK", refresh_page, html, []),
        (MOVED, "301 Moved Permanently", b"", html, [("Location", MOVED_TO)]),
        (MOVED_TO, "200 OK", article_html("Moved on site", "Ends/Monday, July 3, 2023", BODY), html, []),
    ]
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True, warc_version="1.1")
        for url, status, body, ctype, extra in pages:
            http = StatusAndHeaders(
                status, [("Content-Type", ctype), ("Content-Length", str(len(body))), *extra], protocol="HTTP/1.1"
            )
            w.write_record(
                w.create_warc_record(
                    url,
                    "response",
                    payload=io.BytesIO(body),
                    length=len(body),
                    http_headers=http,
                    warc_headers_dict={"WARC-Date": "2023-07-04T12:00:00Z"},
                )
            )
    return path


@pytest.mark.slow  # a replay crawl in a subprocess
def test_crawl_logs_and_counts_off_site_redirects(tmp_path: Path) -> None:
    warc = _warc(tmp_path / "src.warc.gz")
    db, archive = tmp_path / "l.db", tmp_path / "archive"
    res = run_cli(
        "crawl", "hk_gov_press", "--replay", str(warc), "--db", str(db), "--archive", str(archive), cwd=tmp_path
    )
    assert res.returncode in (0, 3), res.stderr
    for url, target, how in ((REDIRECTED, OFFSITE_REDIRECT, "redirect"), (REFRESHED, OFFSITE_REFRESH, "meta refresh")):
        assert f"article {url}: {how} to off-site {target}" in res.stderr, res.stderr
    c = connect(db)
    urls = {r["url"] for r in c.query("SELECT url FROM documents")}
    assert PLAIN in urls and MOVED_TO in urls  # on-site redirect still followed
    assert not {REDIRECTED, REFRESHED} & urls
    row = next(c.query("SELECT rs.errors, rs.detail FROM run_sources rs WHERE source_id = 'hk_gov_press'"))
    detail = " ".join(json.loads(row["detail"]) if row["detail"].startswith("[") else [row["detail"]])
    assert f"redirected_offsite: {REDIRECTED}" in detail and OFFSITE_REDIRECT in detail
    assert f"redirected_offsite: {REFRESHED}" in detail and OFFSITE_REFRESH in detail
    assert row["errors"] >= 2
    # The redirect responses themselves are archived: the evidence of where the article went.
    snaps = {r["url"]: r["status"] for r in c.query("SELECT url, status FROM snapshots")}
    assert snaps.get(REDIRECTED) == 302 and snaps.get(REFRESHED) == 200
