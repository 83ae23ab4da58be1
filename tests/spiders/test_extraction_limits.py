"""Hostile page shapes stay linear (issue 10): many attributes on a tag, deep nesting.

Timings are not asserted here (benchmarks/bench_long_input.py measures them); these
tests check the structure: attributes are capped before parsing, walks do not recurse,
a page over the depth limit is refused with its URL, and the spider counts and logs a
page the extractors fail on instead of dropping it.
"""

from __future__ import annotations

import logging

import pytest
from lxml import etree
from lxml import html as lxml_html
from scrapy.http import HtmlResponse, Request

from longarm.spiders.extraction import ExtractionError, extract_document
from longarm.spiders.extraction.limits import MAX_ATTRIBUTES, MAX_DEPTH, cap_attributes, tree_depth
from longarm.spiders.extraction.main_text import element_text
from longarm.spiders.registry import get_registry
from longarm.spiders.source_spider import SourceSpider

URL = "https://www.info.gov.hk/gia/general/202307/03/P2023070300001.htm"
PARA = (
    "<p>Police issued arrest warrants for eight activists living abroad and offered rewards of HK$1 million each.</p>"
)


def _page(body: str) -> bytes:
    return f"<html><head><meta charset='utf-8'><title>Warrants</title></head><body>{body}</body></html>".encode()


def _attrs(n: int) -> str:
    return " ".join(f'data-a{i}="v{i}"' for i in range(n))


def test_a_normal_page_is_returned_untouched():
    text = _page(f"<div class='x' id=\"y\">{PARA}</div><script>if (a<b && c>d) {{}}</script>").decode()
    out, notes = cap_attributes(text)
    assert out is text and notes == []


def test_a_tag_with_too_many_attributes_keeps_its_first_ones():
    text = _page(f"<div {_attrs(MAX_ATTRIBUTES + 500)}>{PARA}</div>").decode()
    out, notes = cap_attributes(text)
    assert notes == [f"tag <div> had {MAX_ATTRIBUTES + 500:,} attributes; kept the first {MAX_ATTRIBUTES:,}"]
    div = lxml_html.document_fromstring(out).find(".//div")
    assert len(div.attrib) == MAX_ATTRIBUTES
    assert div.get("data-a0") == "v0" and div.get(f"data-a{MAX_ATTRIBUTES - 1}") == f"v{MAX_ATTRIBUTES - 1}"
    assert div.get(f"data-a{MAX_ATTRIBUTES}") is None
    assert PARA in out  # the text after the tag is kept


def test_quoted_angle_brackets_and_scripts_do_not_hide_or_fake_tags():
    hidden = f'<div title="a > b" {_attrs(MAX_ATTRIBUTES + 1)}>'
    text = _page(f"{hidden}{PARA}</div>").decode()
    out, notes = cap_attributes(text)
    assert len(notes) == 1 and 'title="a > b"' in out
    fake = "<script>var s = '<x " + " y" * (3 * MAX_ATTRIBUTES) + ">';</script>"
    text = _page(fake + PARA).decode()
    assert cap_attributes(text) == (text, [])


def test_extract_document_with_many_attributes_has_the_text_and_says_what_it_cut():
    src = get_registry()["hk_gov_press"]
    doc = extract_document(_page(f"<div {_attrs(20_000)}>{PARA * 3}</div>"), URL, src)
    assert "arrest warrants" in doc["text"]
    assert any("20,000 attributes" in w for w in doc["warnings"])


def test_element_text_and_depth_do_not_recurse():
    depth = 5000  # far past Python's recursion limit
    root = etree.Element("div")
    node = root
    for _ in range(depth):
        node = etree.SubElement(node, "div")
    node.text = "deep words"
    assert element_text(root) == "deep words"
    assert tree_depth(root, stop_at=10**6) == depth + 1
    assert tree_depth(root) == MAX_DEPTH + 1  # stops counting past the limit


def test_a_thousand_nested_elements_are_extracted():
    src = get_registry()["hk_gov_press"]
    doc = extract_document(_page("<div>" * 1000 + PARA * 3 + "</div>" * 1000), URL, src)
    assert "arrest warrants" in doc["text"]


@pytest.mark.parametrize("depth", [MAX_DEPTH + 10, 100_000])
def test_a_page_nested_past_the_limit_is_refused_with_its_url(depth):
    src = get_registry()["hk_gov_press"]
    with pytest.raises(ExtractionError) as exc:
        extract_document(_page("<div>" * depth + PARA + "</div>" * depth), URL, src)
    assert URL in str(exc.value) and "nested" in str(exc.value)


def _article_response(body: bytes) -> HtmlResponse:
    return HtmlResponse(URL, body=body, encoding="utf-8", request=Request(URL, meta={"longarm_kind": "article"}))


def test_spider_counts_and_logs_a_refused_page(caplog):
    spider = SourceSpider("hk_gov_press")
    with caplog.at_level(logging.WARNING):
        items = list(spider.parse_article(_article_response(_page("<div>" * 3000 + PARA + "</div>" * 3000))))
    assert items == []
    assert spider.stats_counter["parsed_nothing"] == 1 and spider.states["parsed_nothing"] == 1
    assert any(URL in s and "nested" in s for s in spider.error_samples)
    assert URL in caplog.text


def test_spider_counts_and_logs_a_page_an_extractor_fails_on(monkeypatch, caplog):
    import longarm.spiders.extraction as extraction

    def explode(*_a, **_k):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(extraction, "extract_document", explode)
    spider = SourceSpider("hk_gov_press")
    with caplog.at_level(logging.WARNING):
        items = list(spider.parse_article(_article_response(_page(PARA))))
    assert items == []
    assert spider.stats_counter["extraction_errors"] == 1 and spider.states["parsed_nothing"] == 1
    assert any(URL in s and "RecursionError" in s for s in spider.error_samples)
    assert URL in caplog.text and "RecursionError" in caplog.text
