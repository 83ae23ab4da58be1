"""A Wen Wei Po backfill from today back to 2020 walks both of the site's layouts (issue 14).

Until January 2021 the paper published at news.wenweipo.com/YYYY/MM/DD/IN....htm (Big5),
listed by ``list_news.php`` (today's instant news, and a JSON list per day); since then at
www.wenweipo.com/a/YYYYMM/DD/AP<hex>.html, listed by /immed/hongkong and its "more" pages.
The replay archive written here holds listing pages of each layout, shaped like the real
ones in ../shared/corpus/real/wenweipo (markup structure only, synthetic text), and one
article per link. ``longarm crawl wen_wei_po --since 2020-06-30 --replay`` must store every
in-range article of both layouts: none lost at the layout change, none outside the range.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from longarm.db import connect
from tests.conftest import run_cli

pytestmark = pytest.mark.slow  # end-to-end: replay crawls in subprocesses

TODAY_CAPTURE = "2025-07-26T02:00:00Z"  # the replay's "today": 2025-07-26 in Hong Kong
OLD_CAPTURE = "2020-08-09T10:00:00Z"

NEW_LISTING = "https://www.wenweipo.com/immed/hongkong"
OLD_LISTING = "http://news.wenweipo.com/list_news.php?cat=000IN&instantCat=hk"
OLD_DAY_INDEX = "http://news.wenweipo.com/list_news.php?oldnews=1&instantCat=hk&date={day}"

# New layout, newest first as /immed/hongkong pages them: (page, address, title, published)
NEW_ARTICLES = [
    (
        1,
        "https://www.wenweipo.com/a/202507/26/AP6884a7c0e4b0f1c3a7d26011.html",
        "國安處拘捕兩名男子",
        "2025-07-26 09:30",
    ),
    (
        1,
        "https://www.wenweipo.com/a/202507/20/AP687c9a5ee4b0f1c3a7d1b302.html",
        "保安局回應外國政客言論",
        "2025-07-20 18:00",
    ),
    (
        2,
        "https://www.wenweipo.com/a/202307/04/AP64a3a1c2e4b0b9d7c1f2a301.html",
        "八潛逃者被通緝 懸紅百萬",
        "2023-07-04 04:00",
    ),
    (2, "https://www.wenweipo.com/a/202203/15/AP62301b2ae4b0c5a2d8e91b01.html", "法院審理國安案件", "2022-03-15 12:00"),
    (3, "https://www.wenweipo.com/a/202103/01/AP603c56f0e4b04e1918c8e7a0.html", "47疑犯今提堂", "2021-03-01 10:52"),
    (3, "https://www.wenweipo.com/a/202101/11/AP5ffc1a20e4b0b9d7c1f20001.html", "文匯網新版上線", "2021-01-11 08:00"),
]
# Old layout: today's instant list as last captured (2020-08-09) and the per-day JSON index.
OLD_LISTED = [
    ("http://news.wenweipo.com/2020/08/09/IN2008090047.htm", "建設力量聯合聲明 配合政府施政攜手創明天", "2020-08-09"),
    ("http://news.wenweipo.com/2020/08/09/IN2008090001.htm", "美方制裁 特區官員回應", "2020-08-09"),
]
OLD_INDEXED = {  # day -> [(link as the JSON gives it, absolute address, title)]
    "2020-06-30": [
        (
            "/2020/06/30/IN2006300040.htm",
            "http://news.wenweipo.com/2020/06/30/IN2006300040.htm",
            "人大常委會通過香港國安法",
        )
    ],
    "2020-07-01": [
        (
            "http://news.wenweipo.com/2020/07/01/IN2007010051.htm",
            "http://news.wenweipo.com/2020/07/01/IN2007010051.htm",
            "警方國安處拘捕十人",
        ),
        (
            "/2020/07/01/IN2007010012.htm",
            "http://news.wenweipo.com/2020/07/01/IN2007010012.htm",
            "特區政府：國安法正式實施",
        ),
    ],
    "2021-01-06": [
        ("/2021/01/06/IN2101060020.htm", "http://news.wenweipo.com/2021/01/06/IN2101060020.htm", "警方拘捕五十三人")
    ],
}
OLDER_THAN_SINCE = "http://news.wenweipo.com/2020/06/29/IN2006290008.htm"

PARAGRAPHS = [
    "香港特區政府發言人今日表示，執法部門會依法嚴正處理所有危害國家安全的行為，並呼籲市民切勿以身試法。",
    "發言人又指出，任何人不論身處何地，只要觸犯相關罪行，執法部門都會一追到底，絕不姑息。",
]


def _old_article(title: str, day: str) -> bytes:
    """The old layout (h1.title, span.date, #main-content), Big5 with Han characters as entities like the real pages."""
    text = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    entity_text = "".join(f"&#{ord(c)};" if ord(c) > 0x2000 else c for c in text)
    page = (
        "<html><head><meta http-equiv='Content-Type' content='text/html; charset=big5'>"
        f"<title>{title}</title></head><body><div id='logobar'><span class='current'>"
        "<a href='http://www.wenweipo.com'>首頁</a> > 快訊 > 正文</span></div><div id='main'><div class='left'>"
        f"<div id='main-header'><h1 class='title'>{title}</h1><div class='foot-left'><span class='date'>{day}</span>"
        f"</div></div><div id='main-content'>{entity_text}<p class='fromInfo'>責任編輯：test</p></div>"
        "<div id='main-footer'><div class='text'>相關新聞</div></div></div></div></body></html>"
    )
    return page.encode("big5hkscs")


def _new_article(title: str, published: str) -> bytes:
    text = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        "<!DOCTYPE html><html lang='zh-HK'><head><meta charset='utf-8'>"
        f"<title>{title} - 香港文匯網</title></head><body><div class='post-header'><h1>{title}</h1>"
        f"<div class='post-meta'><span class='publish-date'>{published}</span></div></div>"
        f"<div class='post-summary'>{PARAGRAPHS[0]}</div><div class='post-body'>{text}</div>"
        "<div class='post-footer'>責任編輯：test</div></body></html>"
    ).encode("utf-8")


def _new_listing(page: int) -> bytes:
    items = "".join(
        f"<div class='story-item'><a href='{u}'>{t}</a><span class='date'>{p}</span></div>"
        for n, u, t, p in NEW_ARTICLES
        if n == page
    )
    return f"<html><head><meta charset='utf-8'></head><body>{items}</body></html>".encode("utf-8")


def _old_listing() -> bytes:
    rows = "".join(f"<li><a href='{u[len('http://news.wenweipo.com') :]}'>{t}</a></li>" for u, t, _ in OLD_LISTED)
    rows += f"<li><a href='{OLDER_THAN_SINCE}'>舊聞</a></li>"
    return (
        "<html><head><meta http-equiv='Content-Type' content='text/html; charset=big5'></head>"
        f"<body><ul class='news-list'>{rows}</ul></body></html>"
    ).encode("big5hkscs")


def _day_index(day: str) -> bytes:
    rows = [{"title": t, "link": link, "date": f"{day} 12:00"} for link, _, t in OLD_INDEXED[day]]
    rows.append({"title": "今日天氣", "link": f"http://news.wenweipo.com/weather/{day.replace('-', '')}.htm"})
    return json.dumps(rows, ensure_ascii=True).encode("ascii")


def _write(path: Path) -> Path:
    big5 = "text/html; charset=big5"
    pages: list[tuple[str, bytes, str, str]] = [
        (NEW_LISTING, _new_listing(1), "text/html; charset=utf-8", TODAY_CAPTURE)
    ]
    pages += [
        (f"{NEW_LISTING}/more_{p}.html", _new_listing(p), "text/html; charset=utf-8", TODAY_CAPTURE) for p in (2, 3)
    ]
    pages += [(u, _new_article(t, p), "text/html; charset=utf-8", TODAY_CAPTURE) for _, u, t, p in NEW_ARTICLES]
    pages.append((OLD_LISTING, _old_listing(), big5, OLD_CAPTURE))
    pages += [(u, _old_article(t, d), big5, OLD_CAPTURE) for u, t, d in OLD_LISTED]
    pages.append((OLDER_THAN_SINCE, _old_article("範圍以外", "2020-06-29"), big5, OLD_CAPTURE))
    for day, rows in OLD_INDEXED.items():
        pages.append((OLD_DAY_INDEX.format(day=day), _day_index(day), "application/json", OLD_CAPTURE))
        pages += [(u, _old_article(t, day), big5, OLD_CAPTURE) for _, u, t in rows]
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True, warc_version="1.1")
        for url, body, ctype, when in pages:
            http = StatusAndHeaders(
                "200 OK", [("Content-Type", ctype), ("Content-Length", str(len(body)))], protocol="HTTP/1.1"
            )
            w.write_record(
                w.create_warc_record(
                    url,
                    "response",
                    payload=io.BytesIO(body),
                    length=len(body),
                    http_headers=http,
                    warc_headers_dict={"WARC-Date": when},
                )
            )
    return path


def test_backfill_from_today_to_2020_reaches_articles_of_both_layouts(tmp_path: Path) -> None:
    warc = _write(tmp_path / "wenweipo.warc.gz")
    res = run_cli(
        "crawl",
        "wen_wei_po",
        "--since",
        "2020-06-30",
        "--replay",
        str(warc),
        "--db",
        str(tmp_path / "x.db"),
        "--archive",
        str(tmp_path / "archive"),
    )
    assert res.returncode in (0, 3), res.stderr
    db = connect(tmp_path / "x.db")
    stored = {r["url"]: r for r in db.query("SELECT url, title, published_date, lang FROM documents")}
    new_layout = {u: t for _, u, t, _ in NEW_ARTICLES}
    old_layout = {u: t for u, t, _ in OLD_LISTED} | {u: t for rows in OLD_INDEXED.values() for _, u, t in rows}
    # every article of both layouts, from the listing, its "more" pages and the per-day JSON index
    assert sorted(set(new_layout) - set(stored)) == []
    assert sorted(set(old_layout) - set(stored)) == []
    assert OLDER_THAN_SINCE not in stored  # the old listing also showed an article older than --since
    assert set(stored) == set(new_layout) | set(old_layout)
    for url, title in (new_layout | old_layout).items():
        row = stored[url]
        assert row["title"] == title  # the Big5 pages decoded
        assert row["lang"] == "zh-Hant"
        assert "2020-06-30" <= row["published_date"] <= "2025-07-26"
    # the old layout's day index was asked for each day up to its last (2021-01-11), none after
    fetched = {r["url"] for r in db.query("SELECT url FROM snapshots")}
    assert OLD_DAY_INDEX.format(day="2021-01-06") in fetched
    assert f"{NEW_LISTING}/more_3.html" in fetched


def test_nightly_crawl_of_the_same_archive_reads_only_the_new_layout(tmp_path: Path) -> None:
    """The old layout's pages carry `until`: a nightly crawl (no --since) does not ask for them."""
    warc = _write(tmp_path / "wenweipo.warc.gz")
    res = run_cli(
        "crawl",
        "wen_wei_po",
        "--replay",
        str(warc),
        "--db",
        str(tmp_path / "x.db"),
        "--archive",
        str(tmp_path / "archive"),
    )
    assert res.returncode in (0, 3), res.stderr
    db = connect(tmp_path / "x.db")
    urls = {r["url"] for r in db.query("SELECT url FROM documents")}
    assert urls and all(u.startswith("https://www.wenweipo.com/a/") for u in urls)
    fetched = {r["url"] for r in db.query("SELECT url FROM snapshots")}
    assert not any("news.wenweipo.com" in u for u in fetched)
