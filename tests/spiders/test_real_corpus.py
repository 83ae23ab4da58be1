"""Every file of the real-page corpus, checked against tests/spiders/real_pages.toml.

``test_real_pages.py`` checks first and last sentences of the pages it knows; this module
makes sure that *no* saved page is left out: each article page gives its title, a date
within a day of the one its URL states, its language and a main text of real length; each
listing gives its article links; the one altered copy is checked for what it still shows.
The corpus lives in ``../shared/corpus/real`` beside the checkout (saved copies of others'
pages, never copied into the repo): every test skips when it is absent.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from longarm.spiders.extraction import extract_document, extract_links
from longarm.spiders.registry import get_registry, source_for_url
from longarm.spiders.source_spider import url_date

REAL = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "real"
EXPECTED = tomllib.loads((Path(__file__).with_name("real_pages.toml")).read_text(encoding="utf-8"))
ARTICLES: list[dict[str, Any]] = EXPECTED["article"]
LISTINGS: list[dict[str, Any]] = EXPECTED["listing"]
ALTERED: list[dict[str, Any]] = EXPECTED["altered"]
OTHER: list[dict[str, Any]] = EXPECTED["other"]
MIN_CHARS = 200


def _corpus() -> Path:
    if not REAL.is_dir():
        pytest.skip(f"real-page corpus not found at {REAL.resolve()} (it lives in ../shared beside the repo)")
    return REAL


def _page(rel: str) -> bytes:
    path = _corpus() / rel
    if not path.is_file():
        pytest.skip(f"{rel} missing from the real-page corpus")
    return path.read_bytes()


def test_every_corpus_file_has_expectations() -> None:
    corpus = _corpus()
    on_disk = {str(p.relative_to(corpus)) for p in corpus.rglob("*") if p.is_file() and p.name != "PROVENANCE.md"}
    listed = [c["file"] for c in ARTICLES + LISTINGS + ALTERED + OTHER]
    assert len(listed) == len(set(listed)), "a file is listed twice in real_pages.toml"
    missing = sorted(on_disk - set(listed))
    assert not missing, f"corpus files without expectations: add them to tests/spiders/real_pages.toml: {missing}"


@pytest.mark.parametrize("case", ARTICLES, ids=[c["file"] for c in ARTICLES])
def test_article_page(case: dict[str, Any]) -> None:
    body = _page(case["file"])
    found = source_for_url(case["url"])
    assert found is not None, f"{case['url']}: no source's article patterns match"
    source, _ = found
    assert source.id == case["source"]
    doc = extract_document(body, case["url"], source)
    assert doc["title"] == case["title"]
    assert doc["lang"] == case["lang"]
    stated = url_date(case["url"]) or date.fromisoformat(case["date"])
    assert doc["published_at"], f"{case['file']}: no publication date ({doc['warnings']})"
    published = datetime.fromisoformat(doc["published_at"]).date()
    assert abs((published - stated).days) <= 1, f"{case['file']}: published {published}, the URL says {stated}"
    need = case.get("min_chars", MIN_CHARS)
    assert len(doc["text"]) >= need, f"{case['file']}: {len(doc['text'])} characters of text ({doc['warnings']})"
    assert not doc["text"].startswith(case["title"])  # the headline is a field of its own


@pytest.mark.parametrize("case", LISTINGS, ids=[c["file"] for c in LISTINGS])
def test_listing_page(case: dict[str, Any]) -> None:
    body = _page(case["file"])
    source = get_registry()[case["source"]]
    articles = source.article_urls(extract_links(body, case["url"]))
    for url in case["links"]:
        assert url in articles, f"{url} not among the article links of {case['file']}"
    assert len(articles) >= case["at_least"], f"{case['file']}: {len(articles)} article links"
    assert len(set(articles)) == len(articles)


def test_wen_wei_po_old_layout_is_big5_with_entities() -> None:
    """The old news.wenweipo.com pages are Big5 bytes with most Han characters as &#NNNNN; entities."""
    case = next(c for c in ARTICLES if c["file"].startswith("wenweipo/news.wenweipo.com_2020"))
    body = _page(case["file"])
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    assert body.count(b"&#") > 100
    doc = extract_document(body, case["url"], get_registry()["wen_wei_po"])
    assert doc["encoding"] == "big5hkscs" and not doc["warnings"]
    assert "&#" not in doc["text"] and "責任編輯" not in doc["text"] and "相關新聞" not in doc["text"]
    # the whole article is one paragraph (hence its lower min_chars): nothing of it is lost
    assert "\n" not in doc["text"] and doc["text"].startswith("【文匯網訊】") and doc["text"].endswith("。")


@pytest.mark.parametrize("case", ALTERED, ids=[c["file"] for c in ALTERED])
def test_altered_news_gov_hk_copy_shows_what_it_still_holds(case: dict[str, Any]) -> None:
    """The Mercury fixture copy: scripts stripped, every <meta content> renamed to value, text as entities.

    What it still shows: the headline (an element of the page), the date (from its URL and body),
    the language and the text. What it lost: the meta tags (og:url, og:title, description), so the
    canonical address falls back to the URL it was served at.
    """
    body = _page(case["file"])
    # the alteration, as PROVENANCE.md documents it
    assert b"<script" not in body.lower()
    assert re.search(rb'<meta[^>]*\svalue="', body) and not re.search(rb'<meta[^>]*\scontent="', body)
    source = get_registry()[case["source"]]
    assert source_for_url(case["url"])[0].id == source.id
    doc = extract_document(body, case["url"], source)
    assert doc["title"] == case["title"]
    assert doc["lang"] == case["lang"]
    # the day the page prints (2024年5月31日); the time was only in <meta name="date">, renamed away
    assert doc["published_at"] == f"{url_date(case['url']).isoformat()}T00:00:00+08:00"
    assert doc["canonical_url"] == case["url"]
    assert len(doc["text"]) >= MIN_CHARS and "&#x" not in doc["text"]


@pytest.mark.parametrize("case", OTHER, ids=[c["file"] for c in OTHER])
def test_other_files_are_not_pages_of_ours(case: dict[str, Any]) -> None:
    """Neither articles nor listings: no article link and (for the landing page) no article address."""
    body = _page(case["file"])
    links = extract_links(body, "http://www.info.gov.hk/")
    assert not any(s.article_urls(links) for s in get_registry().values())


def test_verified_flag_follows_the_real_pages() -> None:
    """`verified` in sources.toml is true exactly for the sources with a page in real_pages.toml.

    The rest (HK Police, the Security Bureau, Ta Kung Pao, the MPS, the Taiwan Affairs Office
    when this was written) stay "not verified on real pages" in `longarm sources`, and their
    first live crawl writes a first-contact report (spiders/first_contact.py). Needs no corpus.
    """
    with_pages = {c["source"] for c in ARTICLES + LISTINGS + ALTERED}
    registry = get_registry()
    assert with_pages <= set(registry), f"unknown sources in real_pages.toml: {with_pages - set(registry)}"
    verified = {s.id for s in registry.values() if s.verified}
    assert verified == with_pages, (
        f"marked verified without a real page: {sorted(verified - with_pages)}; "
        f"real pages but not marked verified: {sorted(with_pages - verified)}"
    )
    assert {s.id for s in registry.values() if not s.verified} == {
        "hk_police",
        "hk_security_bureau",
        "ta_kung_pao",
        "mps",
        "tao",
    }
