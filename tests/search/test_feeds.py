"""Atom feeds: a search's, a source's, a person's; valid for a feed parser, stable ids, new entries after a crawl."""

from __future__ import annotations

import asyncio
from urllib.parse import quote

import feedparser
import pytest

from longarm.db import search as S
from longarm.db.schema import connect
from longarm.feeds import statement_id
from tests.conftest import call_cli, run_cli


def _get(ds, path: str):
    async def go():
        return await ds.client.get(path)

    return asyncio.run(go())


def _feed(ds, path: str):
    r = _get(ds, path)
    assert r.status_code == 200, (path, r.status_code, r.text[:300])
    assert r.headers["content-type"].startswith("application/atom+xml")
    parsed = feedparser.parse(r.content)
    assert not parsed.bozo, (path, parsed.get("bozo_exception"))
    assert parsed.version == "atom10"
    return parsed


@pytest.fixture(scope="module")
def ds(indexed):
    from longarm.web import make_datasette

    return make_datasette(indexed.db_path, indexed.archive)


def test_search_feed_has_the_search_results_with_quote_citation_and_links(ds, indexed) -> None:
    f = _feed(ds, "/-/longarm/feed/search.atom?q=bounty&lang=zh")
    db = connect(indexed.db_path)
    expected = {r["id"] for r in S.search_threats(db.conn, "bounty", S.Filters(lang="zh"), limit=100).rows}
    threat_links = {e.link for e in f.entries}
    assert threat_links == {f"http://localhost/-/longarm/threat/{i}" for i in expected} and len(expected) == 2
    e = next(x for x in f.entries if x.link.endswith(f"/threat/{indexed.tid('警方懸紅')}"))
    html = e.content[0].value
    assert "警方懸紅一百萬港元通緝羅冠聰等人" in html and "National Security Department" in html
    assert "Nathan Law Kwun-chung" in html and "bounty" in html and "SHA-256" in html
    assert [link.href for link in e.links] == [e.link]  # one alternate link: the statement's page
    assert 'href="http://localhost/-/longarm/snapshot/' in html and ">archived copy</a>" in html
    assert 'href="https://www.info.gov.hk/gia/general/202307/03/P2023070300811c.htm"' in html
    assert e.author == "National Security Department" and e.published.startswith("2023-07-03")
    assert {t.term for t in e.tags} == {"action", "bounty", "arrest_warrant"}
    assert f.feed.title == "longarm: “bounty” (lang zh)"
    assert any(link.rel == "self" and "q=bounty" in link.href for link in f.feed.links)


def test_entry_ids_are_stable_and_independent_of_row_ids(ds, indexed) -> None:
    a = _feed(ds, "/-/longarm/feed/search.atom?q=" + quote("通缉"))
    b = _feed(ds, "/-/longarm/feed/search.atom?q=" + quote("通缉"))
    assert [e.id for e in a.entries] == [e.id for e in b.entries] and a.entries
    db = connect(indexed.db_path)
    rows = {
        r["id"]: r
        for r in db.query(
            'SELECT t.id, t.start, t."end", t.quote, d.url FROM threats t JOIN documents d ON d.id = t.document_id'
        )
    }
    for e in a.entries:
        tid = int(e.link.rsplit("/", 1)[1])
        assert e.id == statement_id(rows[tid]) and e.id.startswith("urn:longarm:statement:")
    assert len({e.id for e in a.entries}) == len(a.entries)


def test_source_and_person_feeds(ds, indexed) -> None:
    f = _feed(ds, "/-/longarm/feed/source/xinhua.atom")
    assert len(f.entries) == 2 and "Xinhua" in f.feed.title or "xinhua" in f.feed.title
    person = _feed(ds, "/-/longarm/feed/person/" + quote("Nathan Law Kwun-chung") + ".atom")
    links = {e.link.rsplit("/", 1)[1] for e in person.entries}
    assert links == {str(indexed.tid("警方懸紅")), str(indexed.tid("red notice through INTERPOL"))}
    by_alias = _feed(ds, "/-/longarm/feed/person/" + quote("羅冠聰") + ".atom")
    assert [e.id for e in by_alias.entries] == [e.id for e in person.entries]
    assert by_alias.feed.title == person.feed.title == "longarm: statements about Nathan Law Kwun-chung"


def test_feed_errors_are_clear(ds) -> None:
    r = _get(ds, "/-/longarm/feed/search.atom?q=bounty&since=tomorrow")
    assert r.status_code == 400 and "since" in r.text
    r = _get(ds, "/-/longarm/feed/source/nope.atom")
    assert r.status_code == 404 and "no source 'nope'" in r.text
    r = _get(ds, "/-/longarm/feed/person/" + quote("Nobody Atall") + ".atom")
    assert r.status_code == 404 and "Nobody Atall" in r.text
    # a search with no words is the feed of every statement (filters still apply)
    f = _feed(ds, "/-/longarm/feed/search.atom?label=threat")
    assert f.entries and all(any(t.term == "threat" for t in e.tags) for e in f.entries)


def test_every_search_page_links_its_feed(ds) -> None:
    for path in ("/-/longarm/search?q=bounty&label=action&documents=1&page=2", "/-/longarm/search"):
        html = _get(ds, path).text
        assert 'type="application/atom+xml"' in html and 'id="feed-link"' in html
    html = _get(ds, "/-/longarm/search?q=bounty&label=action&page=2").text
    assert 'href="/-/longarm/feed/search.atom?q=bounty&amp;label=action"' in html
    _feed(ds, "/-/longarm/feed/search.atom?q=bounty&label=action")


@pytest.mark.slow  # end-to-end: a replay crawl in a subprocess
def test_saved_search_feed_gains_an_entry_after_a_crawl(store_copy, tmp_path) -> None:
    """A reader subscribed to 'reward' sees the statement a later crawl stores, first, and keeps the old ids."""
    from longarm.web import make_datasette
    from tests.core import replay_fixture

    # the fixture's statements were written by hand (extractor version "test-1"); a crawl re-extracts
    # every stale document before it finishes, so bring the store up to date first
    r = call_cli("extract", *store_copy.cli_args())
    assert r.returncode == 0, r.stderr
    db = connect(store_copy.db_path)
    S.rebuild_index(db)
    db.conn.close()
    path = "/-/longarm/feed/search.atom?q=reward"
    before = _feed(make_datasette(store_copy.db_path, store_copy.archive), path)
    warc = replay_fixture.build(tmp_path / "source.warc.gz")
    r = run_cli("crawl", "hk_gov_press", "--replay", str(warc), *store_copy.cli_args())
    assert r.returncode in (0, 3), r.stderr
    after = _feed(make_datasette(store_copy.db_path, store_copy.archive), path)
    old = [e.id for e in before.entries]
    new = [e for e in after.entries if e.id not in old]
    assert new, "the crawl stored a statement about a reward; the feed should list it"
    assert after.entries[0].id == new[0].id  # newest first
    assert set(old) <= {e.id for e in after.entries}  # earlier entries keep their ids
    assert "HK$1 million" in new[0].content[0].value or "reward" in new[0].content[0].value.lower()
