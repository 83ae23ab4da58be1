"""Replay archives for the ops tests: an info.gov.hk RSS feed and N press releases (hk_gov_press URL scheme)."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.core.replay_fixture import article_html

FEED_URL = "https://www.info.gov.hk/gia/rss/general_en.xml"

BODIES = [
    (
        "Police announce arrest warrants and rewards",
        "The Police today said that arrest warrants have been issued against {name} who has absconded overseas for "
        "offences endangering national security. A reward of HK$1 million is offered for information leading to the "
        "arrest. A spokesman said the Police will spare no effort in pursuing absconders and urged them to surrender.",
    ),
    (
        "SJ responds to media enquiries",
        "The Secretary for Justice said the offences under the National Security Law have extraterritorial effect and "
        "that {name} and others who abscond will be pursued for life. The Government will take all lawful means.",
    ),
    (
        "Weather forecast for tonight",
        "The Hong Kong Observatory said that it will be mainly cloudy with a few showers tonight. Temperatures will "
        "range between 27 and 31 degrees. Winds will be light to moderate southerly.",
    ),
]
NAMES = ["Nathan Law Kwun-chung", "Ted Hui Chi-fung", "Dennis Kwok Wing-hang", "Anna Kwok Fung-yee"]


def article_url(i: int) -> str:
    day = 1 + i % 28
    return f"https://www.info.gov.hk/gia/general/202307/{day:02d}/P202307{day:02d}{i:05d}.htm"


def articles(n: int) -> dict[str, tuple[str, str, str]]:
    out = {}
    for i in range(n):
        title, body = BODIES[i % len(BODIES)]
        day = 1 + i % 28
        trailer = f"Ends/Monday, July {day}, 2023\nIssued at HKT 21:{i % 60:02d}"
        out[article_url(i)] = (f"{title} ({i})", trailer, body.format(name=NAMES[i % len(NAMES)]) + f" Ref {i}.")
    return out


def feed_xml(arts: dict[str, tuple[str, str, str]]) -> bytes:
    items = "".join(
        f"<item><title>{t}</title><link>{u}</link><pubDate>Mon, 03 Jul 2023 13:05:00 GMT</pubDate></item>"
        for u, (t, _, _) in arts.items()
    )
    return (
        f"<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel><title>Press Releases</title>"
        f"<link>https://www.info.gov.hk/gia/general/today.htm</link>{items}</channel></rss>"
    ).encode("utf-8")


def build(path: Path, n: int = 6, *, padding: int = 0) -> Path:
    """A replay WARC with the feed and ``n`` articles (``padding`` bytes of filler text per article)."""
    arts = articles(n)
    pages = [(FEED_URL, feed_xml(arts), "application/rss+xml; charset=utf-8")]
    filler = " ".join(textwrap.wrap("Background information on the Government's work. " * (padding // 50 + 1)))
    for u, (t, tr, b) in arts.items():
        body = b + (" " + filler[:padding] if padding else "")
        pages.append((u, article_html(t, tr, body), "text/html; charset=utf-8"))
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True, warc_version="1.1")
        for url, body, ctype in pages:
            http = StatusAndHeaders(
                "200 OK", [("Content-Type", ctype), ("Content-Length", str(len(body)))], protocol="HTTP/1.1"
            )
            rec = w.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=http,
                warc_headers_dict={"WARC-Date": "2023-07-04T12:00:00Z"},
            )
            w.write_record(rec)
    return path
