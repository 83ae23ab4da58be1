#!/usr/bin/env python3
"""Write demo_archive/pages/ and demo_archive/manifest.toml from the texts in content_*.py.

The pages are ours: texts written for the project (facts such as names and dates
are real, statements are paraphrased), laid out after each site's public page
structure (sites.py, sites_prc.py). Run from anywhere:

    python demo_archive/authoring/make_pages.py

It rewrites every page and the manifest; edit the content files, not the output.
"""

from __future__ import annotations

import gzip  # noqa: F401  (documented: the builder, not this script, gzips pages)
import json
import shutil
import sys
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import content_hk as hk  # noqa: E402
import content_prc as prc  # noqa: E402
import sites  # noqa: E402
import sites_prc  # noqa: E402

ROOT = HERE.parent
PAGES = ROOT / "pages"
UTC = timezone.utc
CRAWL_TIME = datetime(2025, 7, 26, 13, 0, tzinfo=UTC)  # 21:00 HKT on the demo's "today"
DEMO = {
    "since": "2025-07-25",
    "until": "2025-07-26",
    "today": "2025-07-26",
    # The night the demo re-checks its articles (docs/rechecks.md): RECAPTURES are the live pages then.
    "recheck_on": "2025-08-02",
    "description": (
        "longarm offline demo: pages written for the project in the URL schemes and page layouts of "
        "15 government and state-media sources (HK press releases, police, Security Bureau, Xinhua, "
        "People's Daily, CGTN, China Daily, Global Times, Wen Wei Po, Ta Kung Pao, MPS, CCDI, TAO, "
        "MFA), about half on long-arm policing threats, half unrelated or hard negatives; as crawled "
        "on the evening of 2025-07-26 (HKT)."
    ),
}


@dataclass
class Out:
    url: str
    body: bytes
    source: str
    content_type: str = "text/html"
    charset: str = "utf-8"
    header_charset: str | None = None
    status: int = 200
    content_encoding: str = ""
    captured_at: datetime = CRAWL_TIME
    headers: dict[str, str] = field(default_factory=dict)
    note: str = ""
    folder: str = ""  # a later capture of a URL is kept under pages/<source>/<folder>/...

    @property
    def file(self) -> str:
        parts = urlsplit(self.url)
        path = parts.path or "/"
        if path.endswith("/"):
            path += "index.html"
        last = path.rsplit("/", 1)[1]
        if "." not in last:
            path += ".html"
        return f"{self.source}/{self.folder + '/' if self.folder else ''}{parts.netloc}{path}"


OUT: list[Out] = []
_disc_seq = [0]


def http_date(dt: datetime) -> str:
    from email.utils import format_datetime

    return format_datetime(dt.astimezone(UTC), usegmt=True)


def captured(a: dict[str, Any]) -> datetime:
    """Articles are captured the evening of their publication day (or ~1.5 h later if published late)."""
    local = a["date"]
    evening = local.replace(hour=21, minute=30)
    t = max(evening, local + timedelta(minutes=90))
    return t.astimezone(UTC)


TOPIC_NOTES = {
    "threat": "on topic: threat statement",
    "action": "on topic: reported action",
    "negative": "unrelated",
    "hard_negative": "hard negative",
}
HARD_NEGATIVE_WHY = {
    "P2": "a local robbery: suspects wanted",
    "P4": "a local robbery: 通緝 in its everyday sense",
    "PD3": "劝返 in the COVID checkpoint sense",
    "GT2": "NGOs criticising the bounties, quoted in state media",
    "GT5": "天网 as the video-surveillance network",
    "M2": "天网 as the video-surveillance network",
    "M6": "劝返 in the COVID checkpoint sense",
    "M7": "追逃 of domestic suspects (summer crackdown)",
    "G13": "a customs arrest at the airport",
    "Z13": "a customs arrest at the airport",
    "MF5": "a denial (no 'overseas police stations')",
    "ME4": "a denial (no 'overseas police stations')",
}


def article_note(a: dict[str, Any]) -> str:
    note = TOPIC_NOTES[a["topic"]]
    if a["id"] in HARD_NEGATIVE_WHY:
        note = f"hard negative: {HARD_NEGATIVE_WHY[a['id']]}"
    if a.get("note"):
        note += "; " + a["note"]
    return note


def add_article(src: str, a: dict[str, Any], html: str, **kw: Any) -> None:
    charset = kw.pop("charset", a.get("charset", "utf-8"))
    kw.pop("note", None)
    kw["note"] = article_note(a)
    body = html.encode(charset)
    OUT.append(Out(url=a["url"], body=body, source=src, charset=charset, captured_at=captured(a), **kw))


def add_discovery(src: str, url: str, text: str, content_type: str = "text/html", **kw: Any) -> None:
    _disc_seq[0] += 1
    at = CRAWL_TIME + timedelta(seconds=7 * _disc_seq[0])
    OUT.append(Out(url=url, body=text.encode("utf-8"), source=src, content_type=content_type, captured_at=at, **kw))


def by_disc(items: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    return sorted((a for a in items if key in a["disc"]), key=lambda a: a["date"], reverse=True)


# ----------------------------------------------------------------------------- HK sources


def build_hk_gov_press() -> None:
    src = "hk_gov_press"
    items = hk.HK_GOV_PRESS
    for a in items:
        add_article(
            src,
            a,
            sites.gia_article(a),
            headers={"Server": "Apache", "Last-Modified": http_date(a["date"]), "Cache-Control": "max-age=300"},
        )
    add_discovery(
        src,
        "https://www.info.gov.hk/gia/rss/general_en.xml",
        sites.rss(
            "Press Releases",
            "https://www.info.gov.hk/gia/general/today.htm",
            "Hong Kong Government Press Releases",
            "en",
            by_disc(items, "feed_en"),
            CRAWL_TIME,
        ),
        content_type="application/rss+xml",
        headers={"Server": "Apache"},
    )
    add_discovery(
        src,
        "https://www.info.gov.hk/gia/rss/general_zh.xml",
        sites.rss(
            "新聞公報",
            "https://www.info.gov.hk/gia/general/todayc.htm",
            "香港特別行政區政府新聞公報",
            "zh-hk",
            by_disc(items, "feed_zh"),
            CRAWL_TIME,
        ),
        content_type="application/rss+xml",
        headers={"Server": "Apache"},
    )
    for day in (25, 26):
        dt = datetime(2025, 7, day, tzinfo=hk.HKT)
        extra_en = [hk.GIA_MISSING] if day == 26 else []
        add_discovery(
            src,
            f"https://www.info.gov.hk/gia/general/202507/{day}.htm",
            sites.gia_index(dt, "en", by_disc(items, f"idx_202507{day}_en"), extra_en),
            headers={"Server": "Apache"},
            note="links to P2025072600412.htm, which is not in the archive (crawler logs and skips it)"
            if day == 26
            else "",
        )
        add_discovery(
            src,
            f"https://www.info.gov.hk/gia/general/202507/{day}c.htm",
            sites.gia_index(dt, "zh-Hant", by_disc(items, f"idx_202507{day}_zh")),
            headers={"Server": "Apache"},
        )


def build_hk_news_gov() -> None:
    src = "hk_news_gov"
    items = hk.HK_NEWS_GOV
    for a in items:
        add_article(src, a, sites.newsgov_article(a), headers={"ETag": f'"{a["id"].lower()}-{a["date"]:%Y%m%d%H%M}"'})
    add_discovery(
        src,
        "https://www.news.gov.hk/en/common/html/topstories.rss.xml",
        sites.rss(
            "news.gov.hk - Top Stories",
            "https://www.news.gov.hk/eng/index.html",
            "Top stories from news.gov.hk",
            "en",
            by_disc(items, "feed_en"),
            CRAWL_TIME,
        ),
        content_type="application/rss+xml",
    )
    add_discovery(
        src,
        "https://www.news.gov.hk/tc/common/html/topstories.rss.xml",
        sites.rss(
            "香港政府新聞網 - 頭條新聞",
            "https://www.news.gov.hk/chi/index.html",
            "香港政府新聞網頭條新聞",
            "zh-hk",
            by_disc(items, "feed_zh"),
            CRAWL_TIME,
        ),
        content_type="application/rss+xml",
    )


def build_hk_police() -> None:
    src = "hk_police"
    items = hk.HK_POLICE
    for a in items:
        add_article(src, a, sites.police_article(a))
    add_discovery(
        src,
        "https://www.police.gov.hk/ppp_en/03_police_message/pr/index.html",
        sites.police_listing("en", by_disc(items, "listing_en")),
    )
    add_discovery(
        src,
        "https://www.police.gov.hk/ppp_tc/03_police_message/pr/index.html",
        sites.police_listing("zh-Hant", by_disc(items, "listing_zh")),
    )


def build_hk_security_bureau() -> None:
    src = "hk_security_bureau"
    items = hk.HK_SECURITY_BUREAU
    for a in items:
        html = sites.gia_article(a) if a.get("layout") == "gia" else sites.sb_article(a)
        add_article(src, a, html, headers={"Server": "Apache"} if a.get("layout") == "gia" else {})
    # The Security Bureau's listings also link to press releases filed under hk_gov_press.
    cross = {a["id"]: a for a in hk.HK_GOV_PRESS}
    en = by_disc(items, "listing_en") + [cross["G6"], cross["G4"]]
    zh = by_disc(items, "listing_zh") + [cross["Z6"]]
    add_discovery(
        src,
        "https://www.sb.gov.hk/eng/news/index.htm",
        sites.sb_listing("en", sorted(en, key=lambda a: a["date"], reverse=True)),
    )
    add_discovery(
        src,
        "https://www.sb.gov.hk/chi/news/index.htm",
        sites.sb_listing("zh-Hant", sorted(zh, key=lambda a: a["date"], reverse=True)),
    )


def build_wen_wei_po() -> None:
    src = "wen_wei_po"
    items = hk.WEN_WEI_PO
    for a in items:
        add_article(src, a, sites.wwp_article(a))
    # /immed/hongkong and the "more" pages its script loads (more_2.html, more_3.html): the oldest two
    # stories are on the later pages
    listed = by_disc(items, "listing")
    add_discovery(src, "https://www.wenweipo.com/immed/hongkong", sites.wwp_listing(listed[:-2]))
    add_discovery(src, "https://www.wenweipo.com/immed/hongkong/more_2.html", sites.wwp_more(listed[-2:-1]))
    add_discovery(src, "https://www.wenweipo.com/immed/hongkong/more_3.html", sites.wwp_more(listed[-1:]))


def build_ta_kung_pao() -> None:
    src = "ta_kung_pao"
    items = hk.TA_KUNG_PAO
    for a in items:
        add_article(src, a, sites.tkp_article(a))
    add_discovery(src, "http://www.takungpao.com/news/232108/index.html", sites.tkp_listing(by_disc(items, "listing")))


# ----------------------------------------------------------------------------- PRC sources


def build_xinhua() -> None:
    src = "xinhua"
    items = prc.XINHUA
    for a in items:
        html = sites_prc.xinhua_zh_article(a) if a["lang"] == "zh-Hans" else sites_prc.xinhua_en_article(a)
        add_article(src, a, html, headers={"Server": "Tengine", "ETag": f'"{prc.hx(a["url"], 8)}-{a["date"]:%Y%m%d}"'})
    add_discovery(
        src,
        "https://www.news.cn/gangao/index.html",
        sites_prc.xinhua_zh_listing(by_disc(items, "listing_zh")),
        headers={"Server": "Tengine"},
    )
    add_discovery(
        src,
        "https://english.news.cn/china/index.htm",
        sites_prc.xinhua_en_listing(by_disc(items, "listing_en")),
        headers={"Server": "Tengine"},
    )


def build_peoples_daily() -> None:
    src = "peoples_daily"
    items = prc.PEOPLE
    for a in items:
        if a["lang"] == "zh-Hans":
            html = sites_prc.people_zh_article(a, meta_charset=a.get("meta_charset", "GB2312"))
            kw: dict[str, Any] = {"charset": a.get("encoding", "utf-8")}
            if "header_charset" in a:
                kw["header_charset"] = a["header_charset"]
            add_article(src, a, html, note=a.get("note", ""), headers={"Server": "nginx"}, **kw)
        else:
            add_article(src, a, sites_prc.people_en_article(a), headers={"Server": "nginx"})
    url404, title404, date404 = prc.PEOPLE_404
    OUT.append(
        Out(
            url=url404,
            body=sites_prc.NOT_FOUND_EN.encode("utf-8"),
            source=src,
            status=404,
            captured_at=CRAWL_TIME + timedelta(minutes=20),
            headers={"Server": "nginx"},
            note="404 for an URL the English listing links to",
        )
    )
    add_discovery(
        src,
        "http://hm.people.com.cn/GB/42272/index.html",
        sites_prc.people_listing("zh-Hans", by_disc(items, "listing_zh")),
        headers={"Server": "nginx"},
    )
    add_discovery(
        src,
        "http://en.people.cn/90785/index.html",
        sites_prc.people_listing("en", by_disc(items, "listing_en"), [prc.PEOPLE_404]),
        headers={"Server": "nginx"},
    )


def build_cgtn() -> None:
    src = "cgtn"
    items = prc.CGTN
    for a in items:
        add_article(
            src,
            a,
            sites_prc.cgtn_article(a),
            content_encoding=a.get("content_encoding", ""),
            note=a.get("note", ""),
            headers={"Server": "CLOUD ELB 1.0.0", "Vary": "Accept-Encoding"},
        )
    add_discovery(src, "https://www.cgtn.com/china", sites_prc.cgtn_listing(by_disc(items, "listing")))


def build_china_daily() -> None:
    src = "china_daily"
    items = prc.CHINA_DAILY
    for a in items:
        html = {"cd": sites_prc.chinadaily_article, "cdcn": sites_prc.chinadaily_cn_article}.get(
            a["layout"], sites_prc.chinadailyhk_article
        )(a)
        add_article(src, a, html)
    url_e, title_e, date_e = prc.CHINA_DAILY_EMPTY
    OUT.append(
        Out(
            url=url_e,
            body=b"",
            source=src,
            captured_at=CRAWL_TIME + timedelta(minutes=25),
            note="200 OK with an empty body (the crawler must record it and find no text)",
        )
    )
    add_discovery(
        src,
        "https://www.chinadaily.com.cn/rss/china_rss.xml",
        sites.rss(
            "China Daily - China",
            "https://www.chinadaily.com.cn/china",
            "China news from chinadaily.com.cn",
            "en",
            by_disc(items, "feed"),
            CRAWL_TIME,
        ),
        content_type="application/rss+xml",
    )
    hk_rows = [(a["url"], a["title"], f"{a['date']:%Y-%m-%d %H:%M}") for a in by_disc(items, "listing_hk")]
    hk_rows.insert(0, (url_e, title_e, date_e + " 18:00"))
    add_discovery(src, "https://www.chinadailyhk.com/hk", sites_prc.chinadailyhk_listing(hk_rows))
    add_discovery(
        src, "https://china.chinadaily.com.cn/", sites_prc.chinadaily_cn_listing(by_disc(items, "listing_cn"))
    )


def build_global_times() -> None:
    src = "global_times"
    items = prc.GLOBAL_TIMES
    for a in items:
        html = sites_prc.gt_article(a) if a["layout"] == "gt" else sites_prc.huanqiu_article(a)
        add_article(src, a, html)
    add_discovery(src, "https://www.globaltimes.cn/china/politics/", sites_prc.gt_listing(by_disc(items, "listing_en")))
    add_discovery(src, "https://china.huanqiu.com/", sites_prc.huanqiu_listing(by_disc(items, "listing_zh")))


def _paged(
    src: str,
    items: list[dict[str, Any]],
    prefix: str,
    first: str,
    next_tpl: str,
    render: Callable[[list[dict[str, Any]], int, int], str],
    pages: int = 3,
    page_start: int = 1,
) -> None:
    """page_start: the number the site puts in its second page's URL (gov.cn TRS sites: default_1)."""
    for page in range(1, pages + 1):
        url = first if page == 1 else next_tpl.format(page=page_start + page - 2)
        add_discovery(src, url, render(by_disc(items, f"{prefix}p{page}"), page, pages))


def build_mps() -> None:
    src = "mps"
    for a in prc.MPS_ITEMS:
        add_article(src, a, sites_prc.mps_article(a))
    _paged(
        src,
        prc.MPS_ITEMS,
        "",
        "https://www.mps.gov.cn/n2253534/n2253535/index.html",
        "https://www.mps.gov.cn/n2253534/n2253535/index_{page}.html",
        sites_prc.mps_listing,
        page_start=2,
    )


def build_ccdi() -> None:
    src = "ccdi"
    for a in prc.CCDI_ITEMS:
        add_article(src, a, sites_prc.ccdi_article(a))
    _paged(
        src,
        prc.CCDI_ITEMS,
        "toutiaon_",
        "https://www.ccdi.gov.cn/toutiaon/",
        "https://www.ccdi.gov.cn/toutiaon/index_{page}.html",
        lambda items, page, pages: sites_prc.ccdi_listing("要闻", items, "toutiaon", page, pages),
    )
    _paged(
        src,
        prc.CCDI_ITEMS,
        "gjhzn_",
        "https://www.ccdi.gov.cn/gjhzn/",
        "https://www.ccdi.gov.cn/gjhzn/index_{page}.html",
        lambda items, page, pages: sites_prc.ccdi_listing("国际合作", items, "gjhzn", page, pages),
    )


def build_tao() -> None:
    src = "tao"
    for a in prc.TAO_ITEMS:
        add_article(src, a, sites_prc.tao_article(a))
    _paged(
        src,
        prc.TAO_ITEMS,
        "",
        "http://www.gwytb.gov.cn/xwdt/xwfb/xwfbh/",
        "http://www.gwytb.gov.cn/xwdt/xwfb/xwfbh/index_{page}.htm",
        sites_prc.tao_listing,
    )


def build_mfa() -> None:
    src = "mfa"
    for a in prc.MFA_ITEMS:
        html = sites_prc.mfa_zh_article(a) if a["lang"] == "zh-Hans" else sites_prc.mfa_en_article(a)
        add_article(src, a, html, headers={"Server": "Apache", "X-Frame-Options": "SAMEORIGIN"})
    _paged(
        src,
        prc.MFA_ITEMS,
        "zh_",
        f"{prc.MFA_ZH}/default.shtml",
        prc.MFA_ZH + "/default_{page}.shtml",
        lambda items, page, pages: sites_prc.mfa_listing("zh-Hans", items, page, pages),
    )
    _paged(
        src,
        prc.MFA_ITEMS,
        "en_",
        f"{prc.MFA_EN}/default.shtml",
        prc.MFA_EN + "/default_{page}.shtml",
        lambda items, page, pages: sites_prc.mfa_listing("en", items, page, pages),
    )


RECHECK_TIME = datetime(2025, 8, 2, 13, 0, tzinfo=UTC)  # the re-check night, 21:00 HKT
#: The live pages on the re-check night, as edits of the first captures: (url, status, edits, note).
#: An edit is (old, new) on the page's text; status 404 or a "not found" body is a page taken down.
RECAPTURES: list[tuple[str, int, list[tuple[str, str]], str]] = [
    (
        "https://www.info.gov.hk/gia/general/202307/03/P2023070300811c.htm",
        200,
        [
            ("警方會不遺餘力將潛逃者緝拿歸案", "警方會依法將潛逃者緝拿歸案"),
            ("發言人促請被通緝人士盡快返港自首，並呼籲市民如有相關資料，致電國家安全處舉報熱線。", ""),
        ],
        "re-check: edited (one statement reworded, one removed)",
    ),
    (
        "https://www.sb.gov.hk/eng/news/2024/20241224_statement.htm",
        404,
        [],
        "re-check: removed (404)",
    ),
    (
        "https://www.mps.gov.cn/n2253534/n2253535/c9301725/content.html",
        200,
        [],
        "re-check: removed (a 'page not found' page served with 200)",
    ),
]
NOT_FOUND_EN = "<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>"
NOT_FOUND_ZH = (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>中华人民共和国公安部</title></head>'
    '<body><div class="error"><p>对不起，您访问的页面不存在或已被删除。</p><a href="/">返回首页</a></div></body></html>'
)


def build_recaptures() -> None:
    """The re-check night's answers: the first captures edited, or pages taken down (RECAPTURES)."""
    first = {o.url: o for o in OUT}
    for url, status, edits, note in RECAPTURES:
        o = first[url]
        if status == 404:
            body = NOT_FOUND_EN.encode("utf-8")
        elif not edits:
            body = NOT_FOUND_ZH.encode("utf-8")
        else:
            text = o.body.decode(o.charset)
            for old, new in edits:
                if old not in text:
                    raise SystemExit(f"RECAPTURES: {old!r} is not in {url}")
                text = text.replace(old, new)
            body = text.encode(o.charset)
        OUT.append(
            Out(
                url=url,
                body=body,
                source=o.source,
                charset=o.charset if status == 200 else "utf-8",
                status=status,
                captured_at=RECHECK_TIME,
                note=note,
                folder="recaptured-" + DEMO["recheck_on"],
            )
        )


BUILDERS: list[Callable[[], None]] = [
    build_hk_gov_press,
    build_hk_news_gov,
    build_hk_police,
    build_hk_security_bureau,
    build_wen_wei_po,
    build_ta_kung_pao,
    build_xinhua,
    build_peoples_daily,
    build_cgtn,
    build_china_daily,
    build_global_times,
    build_mps,
    build_ccdi,
    build_tao,
    build_mfa,
    build_recaptures,  # last: edits of pages built above
]


def toml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def write_manifest(outs: list[Out]) -> str:
    lines = [
        "# longarm demo archive: one [[page]] per recorded response. Built into a WARC by",
        "# longarm/demo_archive.py (`python scripts/build_demo_archive.py --out DIR`).",
        "# Generated by demo_archive/authoring/make_pages.py; see demo_archive/README.md.",
        "#",
        "# Keys: url, file (under pages/), status (default 200), content_type, charset (of the file bytes),",
        '#       header_charset (charset sent in Content-Type; "" = none; default = charset),',
        '#       content_encoding ("gzip": the builder gzips the file into the record), captured_at (UTC),',
        "#       headers (extra response headers), note.",
        "",
        "[demo]",
        f"since = {toml_str(DEMO['since'])}",
        f"until = {toml_str(DEMO['until'])}",
        f"today = {toml_str(DEMO['today'])}",
        f"recheck_on = {toml_str(DEMO['recheck_on'])}",
        f"description = {toml_str(DEMO['description'])}",
        "",
    ]
    for o in outs:
        lines.append("[[page]]")
        lines.append(f"url = {toml_str(o.url)}")
        lines.append(f"file = {toml_str(o.file)}")
        if o.status != 200:
            lines.append(f"status = {o.status}")
        lines.append(f"content_type = {toml_str(o.content_type)}")
        lines.append(f"charset = {toml_str(o.charset)}")
        if o.header_charset is not None:
            lines.append(f"header_charset = {toml_str(o.header_charset)}")
        if o.content_encoding:
            lines.append(f"content_encoding = {toml_str(o.content_encoding)}")
        lines.append(f"captured_at = {toml_str(o.captured_at.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ'))}")
        if o.headers:
            inner = ", ".join(f"{toml_str(k)} = {toml_str(v)}" for k, v in o.headers.items())
            lines.append(f"headers = {{ {inner} }}")
        if o.note:
            lines.append(f"note = {toml_str(o.note)}")
        lines.append("")
    return "\n".join(lines)


def main() -> int:
    OUT.clear()
    _disc_seq[0] = 0
    for b in BUILDERS:
        b()
    captures = [(o.url, o.captured_at) for o in OUT]
    dupes = {c for c in captures if captures.count(c) > 1}
    if dupes:
        raise SystemExit(f"a URL captured twice at the same time: {sorted(dupes)}")
    if PAGES.exists():
        shutil.rmtree(PAGES)
    for o in OUT:
        p = PAGES / o.file
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(o.body)
    (ROOT / "manifest.toml").write_text(write_manifest(OUT), encoding="utf-8")
    print(f"wrote {len(OUT)} pages and manifest.toml")
    return 0


if __name__ == "__main__":
    sys.exit(main())
