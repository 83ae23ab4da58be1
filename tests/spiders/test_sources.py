"""Per-source parsing tests on hand-written fixture pages (city-scrapers style).

Each fixture in ``tests/files/<source_id>/`` is loaded into a Scrapy response at its
URL, as the spider would see it, and every field of the extracted document is
checked against ``tests/files/expected.toml``; listing pages and feeds must yield
exactly the article URLs the source's patterns accept. Every registry source has
at least one listing (or feed) and one article, in each of its languages.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse, TextResponse

from longarm.spiders.extraction import extract_document, extract_links, parse_feed
from longarm.spiders.registry import get_registry

FILES = Path(__file__).resolve().parents[1] / "files"
EXPECTED = tomllib.loads((FILES / "expected.toml").read_text(encoding="utf-8"))
ARTICLES = EXPECTED["article"]
LISTINGS = EXPECTED["listing"]


def _response(case: dict) -> TextResponse:
    body = (FILES / case["file"]).read_bytes()
    headers = case.get("headers") or {}
    cls = TextResponse if case["file"].endswith(".xml") else HtmlResponse
    return cls(url=case["url"], body=body, headers=headers)


def _headers(response: TextResponse) -> dict[str, str]:
    return {k.decode("latin-1"): v[0].decode("latin-1") for k, v in response.headers.items() if v}


@pytest.mark.parametrize("case", ARTICLES, ids=[c["file"] for c in ARTICLES])
def test_article(case):
    source = get_registry()[case["source"]]
    response = _response(case)
    assert source.match_article(response.url), f"{response.url} is not an article URL of {source.id}"
    doc = extract_document(response.body, response.url, source, headers=_headers(response))
    assert doc["url"] == case["url"]
    assert doc["canonical_url"] == case.get("canonical", case["url"])
    assert doc["title"] == case["title"]
    assert doc["published_at"] == case["published_at"]
    assert doc["lang"] == case["lang"]
    assert doc["encoding"] == case.get("encoding", "utf-8")
    assert doc["text"].startswith(case["start"]), doc["text"][:200]
    assert doc["text"].endswith(case["end"]), doc["text"][-200:]
    for chrome in (
        "分享",
        "Share",
        "版權所有",
        "版权所有",
        "Copyright",
        "责编",
        "責任編輯",
        "责任编辑",
        "【打印】",
        "字号",
        "標籤",
        "Back to top",
        "來源：",
        "来源：",
        "Editor:",
        "相关新闻",
    ):
        assert chrome not in doc["text"], f"chrome {chrome!r} in {case['file']}"
    assert "\n\n" not in doc["text"]


@pytest.mark.parametrize("case", LISTINGS, ids=[c["file"] for c in LISTINGS])
def test_listing(case):
    source = get_registry()[case["source"]]
    response = _response(case)
    if case["kind"] == "feed":
        entries = parse_feed(response.body, response.url)
        links = [link for link, _ in entries]
        if "published" in case:
            dates = dict(entries)
            assert [dates[u] for u in case["articles"]] == case["published"]
    else:
        links = extract_links(response.body, response.url, _headers(response))
    found = source.article_urls(links)
    assert found == case["articles"]


def test_every_source_has_fixtures_in_each_language():
    registry = get_registry()
    for sid, source in registry.items():
        arts = [c for c in ARTICLES if c["source"] == sid]
        lists = [c for c in LISTINGS if c["source"] == sid]
        assert arts and lists, f"{sid}: needs a listing/feed fixture and an article fixture"
        for lang in source.languages:
            assert any(c["lang"] == lang for c in arts), f"{sid}: no {lang} article fixture"
        assert len(lists) >= len(source.languages), f"{sid}: needs a listing or feed per language"


def test_fixture_files_are_all_used():
    used = {c["file"] for c in ARTICLES + LISTINGS}
    on_disk = {str(p.relative_to(FILES)) for p in FILES.rglob("*") if p.is_file() and p.name != "expected.toml"}
    assert on_disk == used


def test_people_fixture_is_really_gbk():
    body = (FILES / "peoples_daily/c42272-40027311.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    assert "坚决缉拿潜逃者" in body.decode("gbk")
