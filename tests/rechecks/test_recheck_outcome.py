"""The re-check classifier (longarm/recheck_outcome.py): every outcome, and never 'gone' on a failure."""

from __future__ import annotations

import pytest

from longarm.recheck_outcome import (
    EDITED,
    GONE,
    UNCHANGED,
    UNREACHABLE,
    UNREADABLE,
    LiveAnswer,
    classify,
    load_markers,
    missing_quotes,
)

URL = "https://www.info.gov.hk/gia/general/202405/20/P2024052000123.htm"
TEXT = "Police issue arrest warrants. A reward of HK$1 million is offered. They will be pursued for life."


def answer(**kw: object) -> LiveAnswer:
    base: dict[str, object] = {"url": URL, "status": 200, "final_url": URL, "page_text": "nav " + TEXT}
    base.update(kw)
    return LiveAnswer(**base)  # type: ignore[arg-type]


def test_same_text_is_unchanged_even_reflowed() -> None:
    assert classify(answer(extracted_text=TEXT.replace(". ", ".\n  ")), TEXT).kind == UNCHANGED


def test_304_is_unchanged() -> None:
    assert classify(answer(status=304, page_text=""), TEXT).kind == UNCHANGED


def test_changed_text_is_edited() -> None:
    edited = TEXT.replace("pursued for life", "asked to return")
    assert classify(answer(extracted_text=edited), TEXT).kind == EDITED


@pytest.mark.parametrize("status", [404, 410])
def test_404_and_410_are_gone(status: int) -> None:
    out = classify(answer(status=status, extracted_text=None), TEXT)
    assert out.kind == GONE and str(status) in out.detail


@pytest.mark.parametrize(
    "phrase", ["该页面不存在", "頁面不存在", "內容已刪除", "Page not found", "Sorry, the PAGE NOT FOUND here"]
)
def test_soft_404_served_with_200_is_gone(phrase: str) -> None:
    out = classify(answer(page_text=f"Home | News\n{phrase}\nBack to home", extracted_text=phrase), TEXT)
    assert out.kind == GONE and "not found" in out.detail


def test_short_chinese_soft_404_names_its_phrase() -> None:
    out = classify(answer(page_text="首頁 對不起，頁面不存在。", extracted_text=None), TEXT)
    assert out.kind == GONE and "頁面不存在" in out.detail


def test_soft_404_in_the_title_is_gone() -> None:
    long_text = "menu item " * 200
    assert classify(answer(title="404 Not Found", page_text=long_text, extracted_text=long_text), TEXT).kind == GONE


def test_a_long_article_mentioning_page_not_found_is_not_gone() -> None:
    article = TEXT + " The bureau said the page not found on its site was a mistake. " + "More words. " * 80
    assert classify(answer(page_text=article, extracted_text=article), TEXT).kind == EDITED


def test_empty_body_is_gone() -> None:
    assert classify(answer(page_text="  \n ", extracted_text=None), TEXT).kind == GONE


@pytest.mark.parametrize("final", ["https://www.info.gov.hk/", "https://www.info.gov.hk/index.html"])
def test_redirect_to_home_page_is_gone(final: str) -> None:
    out = classify(answer(redirected=True, final_url=final, extracted_text="Welcome " * 50), TEXT)
    assert out.kind == GONE and final in out.detail


def test_redirect_to_a_listing_page_is_gone() -> None:
    listing = "https://www.info.gov.hk/gia/general/today.htm"
    out = classify(answer(redirected=True, final_url=listing, final_is_article=False, extracted_text="x" * 300), TEXT)
    assert out.kind == GONE


def test_redirect_to_another_article_url_is_compared_not_gone() -> None:
    moved = "https://www.info.gov.hk/gia/general/202405/20/P2024052000124.htm"
    assert classify(answer(redirected=True, final_url=moved, extracted_text=TEXT), TEXT).kind == UNCHANGED


@pytest.mark.parametrize("status", [500, 502, 503, 504, 403, 429, 521])
def test_server_errors_and_blocks_are_unreachable_never_gone(status: int) -> None:
    # even when the error page says "not found" in passing
    out = classify(answer(status=status, page_text="Page not found", extracted_text=None), TEXT)
    assert out.kind == UNREACHABLE


@pytest.mark.parametrize(
    "error", ["DNSLookupError: no such host", "TimeoutError: took longer than 60 s", "SSLError: bad handshake"]
)
def test_no_answer_is_unreachable(error: str) -> None:
    out = classify(LiveAnswer(url=URL, status=None, error=error), TEXT)
    assert out.kind == UNREACHABLE and error in out.detail


def test_page_without_article_text_is_unreadable_not_gone() -> None:
    out = classify(answer(page_text="A new layout with lots of words " * 40, extracted_text=None), TEXT)
    assert out.kind == UNREADABLE


def test_missing_quotes_ignores_whitespace() -> None:
    new = "Police issue arrest warrants.\nA reward of HK$1   million is offered."
    quotes = [(1, "A reward of HK$1 million is offered."), (2, "They will be pursued for life.")]
    assert missing_quotes(quotes, new) == [2]


def test_markers_file_loads_with_the_issue_phrases() -> None:
    m = load_markers()
    for phrase in ("该页面不存在", "頁面不存在", "內容已刪除", "page not found"):
        assert phrase in m.soft_404_phrases
    assert 404 in m.gone_statuses and 503 in m.unreachable_statuses and m.max_attempts >= 2


def test_bad_markers_file_is_named(tmp_path: object) -> None:
    from pathlib import Path

    bad = Path(str(tmp_path)) / "recheck.toml"
    bad.write_text("[gone]\nstatuses = [404]\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match="recheck.toml"):
        load_markers(str(bad))
