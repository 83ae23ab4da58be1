"""Backfill (`crawl SOURCE --since D --until D`) and nightly discovery: which pages the spider asks for.

Date-indexed sources walk every day of the range; paginated listings page back
until they reach articles older than --since; a nightly crawl walks only the
last few days and stops paging at known articles.
"""

from __future__ import annotations

from datetime import date

import pytest
from scrapy.http import HtmlResponse, Request

from longarm.spiders.registry import get_registry
from longarm.spiders.source_spider import SourceSpider
from tests.conftest import run_cli


def _discovery_urls(spider: SourceSpider, kind: str) -> list[str]:
    return [r.url for r in spider.discovery_requests() if r.meta["discovery"].type == kind]


def test_backfill_walks_every_day_of_the_range_in_both_languages() -> None:
    spider = SourceSpider("hk_gov_press", since=date(2020, 6, 30), until=date(2020, 7, 31))
    urls = _discovery_urls(spider, "date_index")
    assert len(urls) == 32 * 2
    assert "https://www.info.gov.hk/gia/general/202006/30.htm" in urls
    assert "https://www.info.gov.hk/gia/general/202006/30c.htm" in urls
    assert "https://www.info.gov.hk/gia/general/202007/31c.htm" in urls
    assert not any("202006/29" in u or "202008/01" in u for u in urls)
    assert len(_discovery_urls(spider, "feed")) == 2  # the feeds are read too (their articles are filtered by date)


def test_nightly_walks_only_the_last_days() -> None:
    spider = SourceSpider("hk_gov_press", today=date(2025, 7, 26))
    urls = sorted(_discovery_urls(spider, "date_index"))
    assert urls == [
        "https://www.info.gov.hk/gia/general/202507/25.htm",
        "https://www.info.gov.hk/gia/general/202507/25c.htm",
        "https://www.info.gov.hk/gia/general/202507/26.htm",
        "https://www.info.gov.hk/gia/general/202507/26c.htm",
    ]


def _listing(spider: SourceSpider, page: int, article_urls: list[str]) -> list[Request]:
    disc = next(d for d in spider.source.discovery if d.type == "listing")
    url = disc.url if page == 1 else disc.next_page.format(page=disc.page_start + page - 2)
    body = (
        "<html><body><ul>" + "".join(f'<li><a href="{u}">news</a></li>' for u in article_urls) + "</ul></body></html>"
    )
    response = HtmlResponse(
        url,
        body=body.encode(),
        encoding="utf-8",
        request=Request(url, meta={"longarm_kind": "discovery", "discovery": disc, "page": page}),
    )
    return list(spider.parse_listing(response))


def _ccdi(day: str, n: int) -> str:
    return f"https://www.ccdi.gov.cn/toutiaon/{day[:6]}/t{day}_{n}.html"


def test_backfill_pages_a_listing_back_past_max_pages_until_older_than_since() -> None:
    spider = SourceSpider("ccdi", since=date(2020, 6, 30), until=date(2020, 7, 31))
    limit = next(d for d in spider.source.discovery if d.type == "listing").max_pages
    # Page `limit` still holds July 2020 articles: a backfill goes on past the nightly page limit ...
    out = _listing(spider, limit, [_ccdi("20200715", 1), _ccdi("20200701", 2)])
    articles = [r.url for r in out if r.meta.get("longarm_kind") == "article"]
    pages = [r.url for r in out if r.meta.get("longarm_kind") == "discovery"]
    assert articles == [_ccdi("20200715", 1), _ccdi("20200701", 2)]
    assert pages == [f"https://www.ccdi.gov.cn/toutiaon/index_{limit}.html"]
    # ... skips articles outside the range, and stops once the page reaches articles older than --since.
    out = _listing(spider, limit + 1, [_ccdi("20200805", 3), _ccdi("20200630", 4), _ccdi("20200629", 5)])
    assert [r.url for r in out if r.meta.get("longarm_kind") == "article"] == [_ccdi("20200630", 4)]
    assert not [r for r in out if r.meta.get("longarm_kind") == "discovery"]


def test_nightly_stops_paging_at_known_articles_and_at_max_pages() -> None:
    known_url = _ccdi("20250720", 9)
    from longarm.db.store import KnownArticle
    from longarm.spiders.discovery_state import PreviousWalk, discovery_key

    known = {known_url: KnownArticle(known_url, "2025-07-25T00:00:00Z", None, None, "ccdi")}
    disc = next(d for d in get_registry()["ccdi"].discovery if d.type == "listing")
    walks = {discovery_key(disc): PreviousWalk(complete=True, pages_walked=3)}
    spider = SourceSpider("ccdi", known=known, today=date(2025, 7, 26), walks=walks)
    out = _listing(spider, 1, [known_url])
    assert out == []  # a page of only known articles after a complete walk: nothing to fetch, no next page
    spider = SourceSpider("ccdi", today=date(2025, 7, 26))
    limit = next(d for d in spider.source.discovery if d.type == "listing").max_pages
    out = _listing(spider, limit, [_ccdi("20250721", 10)])
    assert [r.meta.get("longarm_kind") for r in out] == ["article"]  # new, but the nightly page limit is reached


@pytest.mark.slow  # a replay crawl in a subprocess
def test_backfill_of_a_source_without_history_says_so(tmp_path) -> None:
    from longarm.demo_archive import build_demo_archive

    no_history = [s.id for s in get_registry().values() if not s.has_history]
    assert "cgtn" in no_history
    warc = build_demo_archive(tmp_path / "src")
    res = run_cli(
        "crawl",
        "cgtn",
        "--since",
        "2020-06-30",
        "--until",
        "2020-07-31",
        "--replay",
        str(warc),
        "--db",
        str(tmp_path / "x.db"),
        "--archive",
        str(tmp_path / "a"),
    )
    assert res.returncode in (0, 3), res.stderr
    assert "cgtn has no date-indexed history" in res.stderr


@pytest.mark.slow  # a replay crawl in a subprocess
def test_backfill_replay_keeps_to_the_range(tmp_path) -> None:
    """End to end on the demo archive: a two-day backfill of the press releases stores only those days."""
    from longarm.db import connect
    from longarm.demo_archive import build_demo_archive

    warc = build_demo_archive(tmp_path / "src")
    res = run_cli(
        "crawl",
        "hk_gov_press",
        "--since",
        "2025-07-25",
        "--until",
        "2025-07-26",
        "--replay",
        str(warc),
        "--db",
        str(tmp_path / "x.db"),
        "--archive",
        str(tmp_path / "a"),
    )
    assert res.returncode in (0, 3), res.stderr
    db = connect(tmp_path / "x.db")
    dates = [r["published_date"] for r in db.query("SELECT published_date FROM documents")]
    assert dates and all("2025-07-25" <= d <= "2025-07-26" for d in dates)
    fetched = {r["url"] for r in db.query("SELECT url FROM snapshots")}
    assert "https://www.info.gov.hk/gia/general/202507/25.htm" in fetched
    assert "https://www.info.gov.hk/gia/general/202507/26c.htm" in fetched
