"""Resumable discovery (issue 10): walk state in the store, and what the spider does with it.

A listing stops paging at a page of only known articles only after a complete
walk; a backfill skips the past days whose articles are all stored; a walk is
complete only when its spider finished on its own with nothing failing; the
runner writes what the spider reports (spiders only yield and signal).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from types import SimpleNamespace

from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Request

from longarm.db import SCHEMA_VERSION, Store, connect
from longarm.db.store import KnownArticle
from longarm.discovery_recorder import DiscoveryRecorder, previous_walks
from longarm.spiders.discovery_state import PreviousWalk, WalkProgress, discovery_key
from longarm.spiders.registry import get_registry
from longarm.spiders.source_spider import SourceSpider

TODAY = date(2025, 7, 26)


def _listing_disc(source_id: str = "ccdi"):
    return next(d for d in get_registry()[source_id].discovery if d.type == "listing")


def _ccdi(day: str, n: int) -> str:
    return f"https://www.ccdi.gov.cn/toutiaon/{day[:6]}/t{day}_{n}.html"


def _known(*urls: str, source_id: str = "ccdi", archived: bool = True) -> dict[str, KnownArticle]:
    return {u: KnownArticle(u, "2025-07-25T00:00:00Z", None, None, source_id, archived) for u in urls}


def _listing(spider: SourceSpider, page: int, article_urls: list[str]) -> list[Request]:
    disc = _listing_disc(spider.source_id)
    url = disc.url if page == 1 else disc.next_page.format(page=disc.page_start + page - 2)
    body = (
        "<html><body><ul>" + "".join(f'<li><a href="{u}">news</a></li>' for u in article_urls) + "</ul></body></html>"
    )
    meta = {"longarm_kind": "discovery", "discovery": disc, "page": page, "discovery_key": discovery_key(disc)}
    response = HtmlResponse(url, body=body.encode(), encoding="utf-8", request=Request(url, meta=meta))
    return list(spider.parse_listing(response))


def _kinds(out: list[Request]) -> list[str]:
    return [r.meta.get("longarm_kind") for r in out]


# -- the spider ----------------------------------------------------------------------------------
def test_a_page_of_known_articles_does_not_cut_a_walk_left_incomplete() -> None:
    known = _known(_ccdi("20250720", 1), _ccdi("20250719", 2))
    key = discovery_key(_listing_disc())
    for walks in ({}, {key: PreviousWalk(complete=False, pages_walked=1)}):
        spider = SourceSpider("ccdi", known=known, today=TODAY, walks=walks)
        out = _listing(spider, 1, list(known))
        assert _kinds(out) == ["discovery"], walks  # nothing to fetch here, but the walk goes on
        assert out[0].meta["page"] == 2
    spider = SourceSpider("ccdi", known=known, today=TODAY, walks={key: PreviousWalk(complete=True)})
    assert _listing(spider, 1, list(known)) == []  # after a complete walk: stop


def test_new_means_not_stored_when_the_run_started() -> None:
    """An article another entry found earlier in this run still counts as new: how far a walk goes must
    not depend on which response came back first."""
    url = _ccdi("20250721", 3)
    key = discovery_key(_listing_disc())
    spider = SourceSpider("ccdi", today=TODAY, walks={key: PreviousWalk(complete=True)})
    spider.seen.add(url)
    assert _kinds(_listing(spider, 1, [url])) == ["discovery"]


def test_article_requests_carry_their_walk_and_failures_mark_it() -> None:
    spider = SourceSpider("ccdi", today=TODAY)
    key = discovery_key(_listing_disc())
    out = _listing(spider, 1, [_ccdi("20250721", 4)])
    article = next(r for r in out if r.meta["longarm_kind"] == "article")
    assert article.meta["discovery_key"] == key
    spider.errback(SimpleNamespace(request=article, value=IgnoreRequest("not in the replay archive")))
    progress = spider.progress[key]
    assert progress.failures == 1 and progress.pages == 1 and progress.oldest == date(2025, 7, 21)
    assert progress.end_row("finished", 7)["complete"] == 0


def test_walk_is_complete_only_when_finished_without_failures() -> None:
    p = WalkProgress("https://example.org/list", "listing")
    p.note_page(1, None, [date(2024, 1, 2)])
    p.note_page(3, None, [date(2023, 5, 1)])
    row = p.end_row("finished", 4)
    assert row["complete"] == 1 and row["completed_run_id"] == 4
    assert (row["pages_walked"], row["oldest_date"], row["newest_date"]) == (3, "2023-05-01", "2024-01-02")
    for reason in ("shutdown", "closespider_itemcount", "cancelled"):
        row = p.end_row(reason, 5)
        assert row["complete"] == 0 and "completed_run_id" not in row


def test_own_article_without_metadata_record_is_fetched_again() -> None:
    url = _ccdi("20250718", 5)
    spider = SourceSpider("ccdi", known=_known(url, archived=False), today=TODAY)
    assert spider.article_request(url, "zh-Hans") is not None
    spider = SourceSpider("ccdi", known=_known(url, source_id="mps", archived=False), today=TODAY)
    assert spider.article_request(url, "zh-Hans") is None  # another source's document: theirs to fetch
    spider = SourceSpider("ccdi", known=_known(url), today=TODAY)
    assert spider.article_request(url, "zh-Hans") is None


def test_backfill_skips_days_whose_articles_are_all_stored() -> None:
    src = get_registry()["hk_gov_press"]
    en = next(d for d in src.discovery if d.type == "date_index" and d.url_template.endswith("/{dd}.htm"))
    walks = {discovery_key(en): PreviousWalk(done_days=frozenset({"2020-07-01", "2020-07-02"}))}
    spider = SourceSpider("hk_gov_press", since=date(2020, 7, 1), until=date(2020, 7, 3), walks=walks)
    urls = [r.url for r in spider.discovery_requests() if r.meta["discovery"].type == "date_index"]
    assert "https://www.info.gov.hk/gia/general/202007/01.htm" not in urls
    assert "https://www.info.gov.hk/gia/general/202007/03.htm" in urls
    assert "https://www.info.gov.hk/gia/general/202007/01c.htm" in urls  # the Chinese index: its own walk
    assert spider.stats_counter["days_skipped"] == 2
    # A nightly walks its recent days whatever the store says.
    spider = SourceSpider("hk_gov_press", today=date(2020, 7, 2), walks=walks)
    urls = [r.url for r in spider.discovery_requests() if r.meta["discovery"].type == "date_index"]
    assert "https://www.info.gov.hk/gia/general/202007/01.htm" in urls


# -- the store and the runner's recorder ---------------------------------------------------------
def _doc(url: str) -> dict:
    return {
        "source_id": "hk_gov_press",
        "url": url,
        "title": "T",
        "published_at": None,
        "lang": "en",
        "text": "text of " + url,
    }


def test_store_keeps_walks_and_knows_which_days_are_done(tmp_path: Path) -> None:
    store = Store(tmp_path / "x.db")
    store.sync_sources(get_registry().values())
    template = "https://www.info.gov.hk/gia/general/{yyyymm}/{dd}.htm"
    store.start_walks(1, "hk_gov_press", [(template, "date_index")])
    assert store.discovery_walks("hk_gov_press")[template]["complete"] == 0
    a, b, c = (f"https://www.info.gov.hk/gia/general/202007/0{i}/P20200700000{i}.htm" for i in (1, 2, 3))
    for page, links, walked_on in (
        ("2020-07-01", [a], "2020-07-05"),
        ("2020-07-02", [a, b], "2020-07-05"),
        ("2020-07-03", [c], "2020-07-03"),
        ("2020-07-04", [], "2020-07-05"),
    ):
        store.record_discovery_page(
            {
                "source_id": "hk_gov_press",
                "discovery": template,
                "page": page,
                "url": "u",
                "links": json.dumps(links),
                "walked_on": walked_on,
                "run_id": 1,
            }
        )
    store.upsert_document(_doc(a), 1)
    store.upsert_document(_doc(c), 1)
    # 07-01: its one article stored; 07-02: b is missing; 07-03: walked on the day itself (may grow);
    # 07-04: an empty day walked later.
    assert store.days_fully_stored("hk_gov_press", template) == {"2020-07-01", "2020-07-04"}
    store.finish_walk("hk_gov_press", template, {"complete": 1, "pages_walked": 4, "end_reason": "finished"})
    walks = previous_walks(store, get_registry()["hk_gov_press"], backfill=True)
    assert walks[template].complete and walks[template].done_days == {"2020-07-01", "2020-07-04"}
    assert previous_walks(store, get_registry()["hk_gov_press"], backfill=False)[template].done_days == set()


def test_recorder_writes_pages_as_walked_and_the_end_of_each_walk(tmp_path: Path) -> None:
    store = Store(tmp_path / "x.db")
    spider = SourceSpider("ccdi", today=TODAY)
    rec = DiscoveryRecorder(store, 9)
    rec.start(spider.source)
    keys = {discovery_key(d) for d in spider.source.discovery if d.type == "listing"}
    assert set(store.discovery_walks("ccdi")) == keys
    progress = spider.progress[discovery_key(_listing_disc())]
    progress.note_page(1, None, [date(2025, 7, 20)])
    rec.page_walked(
        spider=spider,
        progress=progress,
        page="1",
        url="https://www.ccdi.gov.cn/toutiaon/",
        links=[_ccdi("20250720", 1)],
        oldest=date(2025, 7, 20),
    )
    row = store.db["discovery_pages"].get(("ccdi", progress.key, "1"))
    assert json.loads(row["links"]) == [_ccdi("20250720", 1)] and row["walked_on"] == "2025-07-26"
    rec.spider_closed(spider, "shutdown")
    assert {r["complete"] for r in store.discovery_walks("ccdi").values()} == {0}
    rec.spider_closed(spider, "finished")
    walk = store.discovery_walks("ccdi")[progress.key]
    assert (walk["complete"], walk["pages_walked"], walk["oldest_date"], walk["completed_run_id"]) == (
        1,
        1,
        "2025-07-20",
        9,
    )


def test_known_articles_say_whether_the_metadata_record_was_written(tmp_path: Path) -> None:
    store = Store(tmp_path / "x.db")
    store.sync_sources(get_registry().values())
    url = "https://www.info.gov.hk/gia/general/202007/01/P2020070100001.htm"
    doc_id, _ = store.upsert_document(_doc(url), 1)
    assert store.known_articles()[url].metadata_archived is False
    store.db["documents"].update(doc_id, {"metadata_record_id": "<urn:uuid:x>"})
    assert store.known_articles()[url].metadata_archived is True


def test_version_2_database_gains_the_discovery_tables(tmp_path: Path) -> None:
    db = connect(tmp_path / "x.db")
    db.execute("DROP TABLE discovery_walks")
    db.execute("DROP TABLE discovery_pages")
    db.execute("PRAGMA user_version = 2")
    db.conn.commit()
    db.conn.close()
    db = connect(tmp_path / "x.db")
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 3
    assert {"discovery_walks", "discovery_pages"} <= set(db.table_names())
