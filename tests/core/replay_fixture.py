"""A tiny replay archive written in the test: an RSS feed and three info.gov.hk press releases."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

FEED_URL = "https://www.info.gov.hk/gia/rss/general_en.xml"
ARTICLES = {
    "https://www.info.gov.hk/gia/general/202307/03/P2023070300811.htm": (
        "Police announce arrest warrants and rewards",
        "Ends/Monday, July 3, 2023\nIssued at HKT 21:05",
        "The Police today (July 3) said that arrest warrants have been issued against eight persons who have "
        "absconded overseas for offences endangering national security. A reward of HK$1 million is offered "
        "for information leading to the arrest of each of them. A spokesman said the Police will spare no "
        "effort in pursuing them and urged them to surrender.",
    ),
    "https://www.info.gov.hk/gia/general/202307/03/P2023070300522.htm": (
        "Weather forecast for tonight",
        "Ends/Monday, July 3, 2023\nIssued at HKT 16:30",
        "The Hong Kong Observatory said that it will be mainly cloudy with a few showers tonight. Temperatures "
        "will range between 27 and 31 degrees. Winds will be light to moderate southerly.",
    ),
    "https://www.info.gov.hk/gia/general/202307/04/P2023070400123.htm": (
        "SJ responds to media enquiries",
        "Ends/Tuesday, July 4, 2023\nIssued at HKT 10:12",
        "The Secretary for Justice said the offences under the National Security Law have extraterritorial "
        "effect and those who abscond will be pursued. The Government will take all lawful means.",
    ),
}
GZIPPED = "https://www.info.gov.hk/gia/general/202307/03/P2023070300522.htm"


def article_html(title: str, trailer: str, body: str) -> bytes:
    paras = "".join(f"<p>{s.strip()}.</p>" for s in body.split(". ") if s.strip())
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head><body>"
        f"<div id='header'>GovHK | 香港政府一站通 | Press Releases</div>"
        f"<div id='contentBody'><span id='PRHeadlineSpan'>{title}</span>"
        f"<div id='pressrelease'>{paras}</div><div id='footer'>{trailer}</div></div>"
        f"<div id='footer'>2023 | Important notices | Privacy Policy</div></body></html>"
    ).encode("utf-8")


def feed_xml() -> bytes:
    items = "".join(
        f"<item><title>{t}</title><link>{u}</link><pubDate>Mon, 03 Jul 2023 13:05:00 GMT</pubDate></item>"
        for u, (t, _, _) in ARTICLES.items()
    )
    return (
        f"<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel><title>Press Releases</title>"
        f"<link>https://www.info.gov.hk/gia/general/today.htm</link>{items}</channel></rss>"
    ).encode("utf-8")


def build(path: Path) -> Path:
    pages = [(FEED_URL, feed_xml(), "application/rss+xml; charset=utf-8")]
    pages += [(u, article_html(*v), "text/html; charset=utf-8") for u, v in ARTICLES.items()]
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True, warc_version="1.1")
        for url, body, ctype in pages:
            headers = [("Content-Type", ctype)]
            if url == GZIPPED:
                body = gzip.compress(body, mtime=0)
                headers.append(("Content-Encoding", "gzip"))
            headers.append(("Content-Length", str(len(body))))
            http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
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
