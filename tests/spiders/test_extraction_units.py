"""Unit tests of the extraction library: encodings, dates, language, feeds and sitemaps, bad input."""

from __future__ import annotations

import os
import time
from zoneinfo import ZoneInfo

import pytest

from longarm.spiders.extraction import (
    MAX_BYTES,
    ExtractionError,
    decode_html,
    detect_language,
    extract_document,
    parse_date,
    parse_feed,
    parse_sitemap,
    url_date,
)
from longarm.spiders.extraction.links import extract_links
from longarm.spiders.registry import get_registry

ZH_S = "香港警方对八名潜逃者发出通缉令，悬赏一百万港元。外交部发言人表示，香港是法治社会。"
ZH_T = "香港警方對八名潛逃者發出通緝令，懸賞一百萬港元。保安局局長表示，政府會終身追捕他們。"


def page(text: str, charset: str = "utf-8", title: str = "Title") -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return f'<html><head>{meta}<title>{title}</title></head><body><div class="newsdetail-content"><p>{text}</p></div></body></html>'


# ------------------------------------------------------------------------------------------ encoding


@pytest.mark.parametrize(
    "name,body,headers,expected",
    [
        ("GBK bytes declared UTF-8", page(ZH_S, "utf-8").encode("gbk"), None, "gb18030"),
        (
            "GBK bytes, UTF-8 in the HTTP header",
            page(ZH_S, "").encode("gbk"),
            {"Content-Type": "text/html; charset=UTF-8"},
            "gb18030",
        ),
        ("UTF-8 bytes declared GB2312 (people.com.cn copies)", page(ZH_S, "gb2312").encode("utf-8"), None, "utf-8"),
        (
            "UTF-8 bytes, GBK in the header",
            page(ZH_T, "").encode("utf-8"),
            {"content-type": "text/html; charset=gbk"},
            "utf-8",
        ),
        ("Big5 bytes declared UTF-8", page(ZH_T, "utf-8").encode("big5"), None, "big5hkscs"),
        ("Big5 bytes declared GB2312", page(ZH_T, "gb2312").encode("big5"), None, "big5hkscs"),
        ("GBK bytes declared Big5", page(ZH_S, "big5").encode("gbk"), None, "gb18030"),
        ("traditional text in GBK declared Big5", page(ZH_T, "big5").encode("gbk"), None, "gb18030"),
        ("Big5 declared Big5", page(ZH_T, "big5").encode("big5"), None, "big5hkscs"),
        ("GB2312 declared GB2312", page(ZH_S, "gb2312").encode("gb2312"), None, "gb18030"),
        ("UTF-8 with BOM", b"\xef\xbb\xbf" + page(ZH_S, "gbk").encode("utf-8"), None, "utf-8"),
    ],
)
def test_decode_html(name, body, headers, expected):
    text, enc = decode_html(body, headers)
    assert enc == expected, name
    assert ZH_S in text or ZH_T in text


def test_decode_keeps_a_utf8_page_with_one_broken_byte():
    body = page("<p>香港警方对八名潜逃者发出通缉令。</p>" * 400).encode()
    body = body[:3001] + b"\xff" + body[3001:]
    text, enc = decode_html(body)
    assert enc == "utf-8" and text.count("\ufffd") == 1


def test_extract_document_reports_a_wrong_declaration():
    src = get_registry()["hk_news_gov"]
    body = page(ZH_T, "utf-8", "警方通緝八人").encode("big5")
    doc = extract_document(
        body,
        "https://www.news.gov.hk/chi/2023/07/20230704/20230704_101530_911.html",
        src,
        headers={"Content-Type": "text/html; charset=utf-8"},
    )
    assert doc["encoding"] == "big5hkscs"
    assert doc["text"] == ZH_T
    assert doc["lang"] == "zh-Hant"
    assert any("declared charset utf-8" in w for w in doc["warnings"])


# ------------------------------------------------------------------------------------------ dates

HK, SH = "Asia/Hong_Kong", "Asia/Shanghai"


@pytest.mark.parametrize(
    "text,tz,expected",
    [
        ("2022年1月13日", SH, "2022-01-13T00:00:00+08:00"),
        ("2022年01月13日 09:05", SH, "2022-01-13T09:05:00+08:00"),
        ("2024年04月24日23:52 | 来源：新华网", SH, "2024-04-24T23:52:00+08:00"),
        ("完 2020年1月9日（星期四） 香港時間15時00分", HK, "2020-01-09T15:00:00+08:00"),
        ("2020-07-01 10:30", SH, "2020-07-01T10:30:00+08:00"),
        ("发布时间：2023-07-05 16:30:12", SH, "2023-07-05T16:30:12+08:00"),
        ("2020/07/01", SH, "2020-07-01T00:00:00+08:00"),
        ("January 9, 2020", HK, "2020-01-09T00:00:00+08:00"),
        ("Ends/Thursday, January 9, 2020\n Issued at HKT 16:31", HK, "2020-01-09T16:31:00+08:00"),
        ("24 December 2024", HK, "2024-12-24T00:00:00+08:00"),
        ("19:49, 21-Jan-2019", SH, "2019-01-21T19:49:00+08:00"),
        ("Published: Jul 04, 2023 12:30 AM", SH, "2023-07-04T00:30:00+08:00"),
        ("Jul 04, 2023 1:05 PM", SH, "2023-07-04T13:05:00+08:00"),
        ("09:05, July 04, 2023", SH, "2023-07-04T09:05:00+08:00"),
        ("2023-07-04T10:15:30+08:00", HK, "2023-07-04T10:15:30+08:00"),
        ("2020-07-01 10:30", "Europe/London", "2020-07-01T10:30:00+01:00"),
        ("Copyright © 2018 CGTN. All rights reserved.", SH, None),
        ("中华人民共和国外交部 版权所有 2000-2020", SH, None),
        ("2022年13月45日", SH, None),
        ("香港時間15時00分", HK, None),
        ("", HK, None),
    ],
)
def test_parse_date(text, tz, expected):
    dt = parse_date(text, tz)
    assert (dt.isoformat() if dt else None) == expected


@pytest.mark.parametrize(
    "url,expected",
    [
        ("http://www.xinhuanet.com/world/2019-12/10/c_1125327450.htm", "2019-12-10"),
        ("http://politics.people.com.cn/n1/2024/0424/c1001-40223222.html", "2024-04-24"),
        ("https://www.ccdi.gov.cn/toutiaon/202404/t20240424_343546.html", "2024-04-24"),
        ("https://www.news.cn/gangao/20230704/5c1e2d7b8a9f4e3db6a0c7f2e1d4b3a9/c.html", "2023-07-04"),
        ("https://www.info.gov.hk/gia/general/202307/03/P2023070300811.htm", "2023-07-03"),
        ("https://news.cgtn.com/news/2023-07-04/HK-police-1l9XyZAbCdE/index.html", "2023-07-04"),
        ("http://www.takungpao.com/news/232108/2023/0704/870312.html", "2023-07-04"),
        ("https://www.fmprc.gov.cn/web/wjdt_674879/fyrbt_674889/t1793459.shtml", None),
    ],
)
def test_url_date(url, expected):
    dt = url_date(url, SH)
    assert (dt.date().isoformat() if dt else None) == expected
    if dt:
        assert dt.tzinfo == ZoneInfo(SH)


@pytest.mark.parametrize(
    "url,known_scheme,anywhere",
    [
        ("https://www.ccdi.gov.cn/toutiaon/202404/t20240424_343546.html", "2024-04-24", "2024-04-24"),
        ("https://www.info.gov.hk/gia/general/202307/03/P2023070300811.htm", "2023-07-03", "2023-07-03"),
        ("http://news.wenweipo.com/2018/07/30/IN1807300001.htm", None, "2018-07-30"),
        ("http://m.tfltb.cn/internation/2020_10_29_569634.shtml", None, "2020-10-29"),
        ("http://comment.wenweipo.com/click_rate.php?news_id=IN1807300001&c_date=20180730", None, "2018-07-30"),
        ("http://ecns.cn/2016/01-28/197350.shtml", None, "2016-01-28"),
        ("https://www.fmprc.gov.cn/web/wjdt_674879/fyrbt_674889/t1793459.shtml", None, None),
        ("https://example.org/a/20231345.html", None, None),
    ],
)
def test_one_url_date_for_pages_and_for_discovery(url, known_scheme, anywhere):
    """A page's publication date trusts only the known URL schemes; the spider's date-range guess
    for a discovered link takes any date-like run (longarm.spiders.source_spider.url_date calls the same function)."""
    from longarm.spiders.source_spider import url_date as link_date

    strict = url_date(url, SH)
    assert (strict.date().isoformat() if strict else None) == known_scheme
    loose = url_date(url, SH, anywhere=True)
    assert (loose.date().isoformat() if loose else None) == anywhere
    assert (link_date(url).isoformat() if link_date(url) else None) == anywhere


def test_published_ignores_footer_year_and_takes_url_date():
    src = get_registry()["wen_wei_po"]
    body = (
        "<html><head><title>標題</title></head><body><h1>標題</h1><div><p>" + ZH_T + "</p></div>"
        "<div class='footer'>Copyright © 2019 版權所有</div></body></html>"
    ).encode()
    doc = extract_document(body, "https://www.wenweipo.com/a/202307/04/AP64a3a1c2e4b0b9d7c1f2a301.html", src)
    assert doc["published_at"] == "2023-07-04T00:00:00+08:00"


def test_published_unknown_is_none_with_warning():
    src = get_registry()["cgtn"]
    body = b"<html><head><title>No date here</title></head><body><p>Copyright 2019 CGTN. A story with no date at all, told in one sentence.</p></body></html>"
    doc = extract_document(body, "https://news.cgtn.com/news/3d3d514e7a51444d32457a6333566d54/index.html", src)
    assert doc["published_at"] is None
    assert "no publication date found" in doc["warnings"]


def test_meta_date_in_utc_is_shown_in_the_source_timezone():
    src = get_registry()["china_daily"]
    body = (
        b'<html><head><meta property="article:published_time" content="2023-07-04T00:15:00Z"><title>T</title></head>'
        b"<body><p>Hong Kong police issued arrest warrants for eight people who fled abroad, officials said.</p></body></html>"
    )
    doc = extract_document(body, "https://www.chinadaily.com.cn/a/202307/04/WS64a3b2c1a310bf8a75e6c8d1.html", src)
    assert doc["published_at"] == "2023-07-04T08:15:00+08:00"


# ------------------------------------------------------------------------------------------ language


@pytest.mark.parametrize(
    "text,hint,expected",
    [
        ("Police issued arrest warrants for eight absconders on Monday.", None, "en"),
        (ZH_T, None, "zh-Hant"),
        (ZH_S, None, "zh-Hans"),
        (
            "Hong Kong police said Nathan Law (羅冠聰) and Ted Hui (許智峯) were among the eight people wanted.",
            None,
            "en",
        ),
        ("香港", "zh-Hant", "zh-Hant"),
        ("香港", "zh-Hans", "zh-Hans"),
        ("國家安全處今日宣布", "zh-Hans", "zh-Hant"),
    ],
)
def test_detect_language(text, hint, expected):
    assert detect_language(text, hint=hint) == expected


# ------------------------------------------------------------------------------------------ links, feeds, sitemaps


def test_extract_links_absolute_dedup_in_order():
    body = b"""<html><head><base href="https://www.example.gov.hk/news/"></head><body>
    <a href="a.html">A</a><a href="/b.html#top">B</a><a href="a.html">A again</a><a href="javascript:void(0)">x</a>
    <a href="mailto:x@y">m</a><a href="//cdn.example.gov.hk/c.html">C</a><a href=" https://other.org/d ">D</a></body></html>"""
    assert extract_links(body, "https://www.example.gov.hk/index.html") == [
        "https://www.example.gov.hk/news/a.html",
        "https://www.example.gov.hk/b.html",
        "https://cdn.example.gov.hk/c.html",
        "https://other.org/d",
    ]
    assert extract_links(b"", "https://x.org/") == []


def test_parse_feed_rss_atom_and_broken_xml():
    rss = b"""<?xml version="1.0"?><rss version="2.0"><channel><item><title>a</title><link>/gia/a.htm</link>
    <pubDate>Mon, 03 Jul 2023 21:05:00 +0800</pubDate></item><item><guid>https://x.hk/b</guid></item></channel></rss>"""
    assert parse_feed(rss, "https://www.info.gov.hk/rss.xml") == [
        ("https://www.info.gov.hk/gia/a.htm", "2023-07-03T21:05:00+08:00"),
        ("https://x.hk/b", None),
    ]
    atom = b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>t</title><link rel="alternate" href="https://x.cn/1.html"/>
    <published>2023-07-04T10:00:00+08:00</published><updated>2023-07-05T10:00:00+08:00</updated></entry></feed>"""
    assert parse_feed(atom, "https://x.cn/feed") == [("https://x.cn/1.html", "2023-07-04T10:00:00+08:00")]
    broken = (
        b"<rss><channel><item><link>https://x.hk/1</link><title>A & B</title></item><item><link>https://x.hk/2</link>"
    )
    assert [u for u, _ in parse_feed(broken, "https://x.hk/")] == ["https://x.hk/1", "https://x.hk/2"]
    assert parse_feed(b"", "https://x.hk/") == [] and parse_feed(b"\x00\x01garbage", "https://x.hk/") == []


def test_parse_sitemap_index_and_urlset():
    index = b"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <sitemap><loc>https://x.cn/sitemap-2023.xml</loc><lastmod>2023-07-04</lastmod></sitemap></sitemapindex>"""
    assert parse_sitemap(index, "https://x.cn/sitemap.xml") == [("https://x.cn/sitemap-2023.xml", "2023-07-04", True)]
    urlset = b"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.cn/a/1.html</loc></url>
    <url><loc> https://x.cn/a/2.html </loc><lastmod>2023-07-04T10:00:00+08:00</lastmod></url></urlset>"""
    assert parse_sitemap(urlset, "https://x.cn/s.xml") == [
        ("https://x.cn/a/1.html", None, False),
        ("https://x.cn/a/2.html", "2023-07-04T10:00:00+08:00", False),
    ]


# ------------------------------------------------------------------------------------------ bad input

URL = "https://www.wenweipo.com/a/202307/04/AP64a3a1c2e4b0b9d7c1f2a301.html"


@pytest.mark.parametrize(
    "body,words",
    [
        (b"", "empty"),
        (b"  \r\n\t ", "empty"),
        (os.urandom(4096) + b"\x00", "binary"),
        (b"\x1f\x8b\x08\x00" + os.urandom(2000), "binary"),
        (b"%PDF-1.4\n\x00\x01\x02" + os.urandom(1000), "binary"),
    ],
)
def test_unusable_bodies_raise_with_url_and_advice(body, words):
    with pytest.raises(ExtractionError) as exc:
        extract_document(body, URL, get_registry()["wen_wei_po"])
    assert URL in str(exc.value) and words in str(exc.value)


def test_oversized_body_is_refused():
    body = b"<html><body>" + b"<p>x</p>" * (MAX_BYTES // 8 + 1) + b"</body></html>"
    with pytest.raises(ExtractionError, match="MB"):
        extract_document(body, URL, get_registry()["wen_wei_po"])


@pytest.mark.parametrize(
    "body", [b"<html></html>", b"<<<>>>&&&", b"<p>unclosed <div><span>", b"plain words, no markup"]
)
def test_garbage_html_returns_with_warnings(body):
    doc = extract_document(body, URL, get_registry()["wen_wei_po"])
    assert isinstance(doc["text"], str) and isinstance(doc["warnings"], list)


def test_five_megabyte_page():
    src = get_registry()["hk_news_gov"]
    para = "<p>" + "Police said the eight absconders would be pursued for life, wherever they are. " * 5 + "</p>\n"
    body = (
        "<html><head><meta charset='utf-8'><title>Big | news.gov.hk</title></head><body><article class='newsdetail'>"
        "<h1>Big</h1><div class='newsdate'>2023-07-04 10:00</div><div class='newsdetail-content'>"
        + para * (5 * 1024 * 1024 // len(para) + 1)
        + "</div></article></body></html>"
    ).encode()
    assert len(body) > 5 * 1024 * 1024
    started = time.monotonic()
    doc = extract_document(body, "https://www.news.gov.hk/eng/2023/07/20230704/20230704_100000_001.html", src)
    assert time.monotonic() - started < 30
    assert doc["title"] == "Big" and doc["published_at"] == "2023-07-04T10:00:00+08:00"
    assert len(doc["text"]) > 4_000_000


def test_short_statement_is_kept():
    """A police statement of one sentence is a document, not noise."""
    src = get_registry()["hk_police"]
    body = (
        "<html><head><meta charset='utf-8'><title>警方呼籲 - 香港警務處</title></head><body><div id='content'>"
        "<h1 class='pr-title'>警方呼籲</h1><div class='pr-date'>2023年7月3日</div>"
        "<div class='pr-content'><p>警方呼籲潛逃者自首。</p></div></div></body></html>"
    ).encode()
    doc = extract_document(body, "https://www.police.gov.hk/ppp_tc/03_police_message/pr/pr_20230703_09.html", src)
    assert doc["text"] == "警方呼籲潛逃者自首。" and doc["lang"] == "zh-Hant"


def test_same_bytes_same_text():
    src = get_registry()["hk_news_gov"]
    body = page(ZH_T, "utf-8").encode()
    url = "https://www.news.gov.hk/chi/2023/07/20230704/20230704_101530_911.html"
    assert extract_document(body, url, src) == extract_document(body, url, src)
