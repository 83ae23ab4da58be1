"""Page layouts of the demo sources, written after each site's public page structure.

Each function takes an article (or a list of articles for a discovery page) and
returns the HTML/XML text as the site would serve it, navigation, share bars,
editor lines and copyright footers included, so that the extractor has to strip
them. Only the layouts are modelled on the real sites; every text is our own.
"""

from __future__ import annotations

from datetime import datetime
from email.utils import format_datetime
from html import escape
from typing import Any

WEEKDAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
WEEKDAYS_ZH = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"]
MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
MON3 = [m[:3] for m in MONTHS_EN]


def e(s: str) -> str:
    return escape(s, quote=True)


def paras(ps: list[str], indent: str = "", cls: str = "", attrs: str = "") -> str:
    c = f' class="{cls}"' if cls else ""
    return "\n".join(f"<p{c}{attrs}>{indent}{p}</p>" for p in ps)


def rfc822(dt: datetime) -> str:
    return format_datetime(dt)


# --------------------------------------------------------------------------- info.gov.hk


def gia_article(a: dict[str, Any]) -> str:
    dt: datetime = a["date"]
    zh = a["lang"] == "zh-Hant"
    num = a["url"].rsplit("/", 1)[1].split(".")[0]
    ymd = f"{dt:%Y%m}/{dt:%d}"
    body = "<br />\n&nbsp;<br />\n".join(f"&nbsp;&nbsp;&nbsp;&nbsp; {p}" for p in a["paras"])
    if zh:
        trailer = (
            f"完<br/>\n{dt.year}年{dt.month}月{dt.day}日（{WEEKDAYS_ZH[dt.weekday()]}）<br/>\n"
            f"香港時間{dt:%H}時{dt:%M}分發出"
        )
        labels = dict(
            skip="跳至主要內容",
            font="字體大小",
            sitemap="網站指南",
            archives="新聞公報檔案",
            yesterday="昨日新聞公報",
            back="返回目錄",
            top="回到頁首",
            today="今日新聞公報",
            other="English",
            notices="重要告示",
            privacy="私隱政策",
            share="分享",
            photo="相片",
            lang_img="lang_en.png",
            rss="https://www.gov.hk/tc/about/rss.htm",
        )
        index_suffix = "c"
        other_url = a.get("other_url") or a["url"].replace("c.htm", ".htm")
        html_lang = "zh-HK"
    else:
        trailer = (
            f"Ends/{WEEKDAYS_EN[dt.weekday()]}, {MONTHS_EN[dt.month - 1]} {dt.day}, {dt.year}<br/>\n"
            f" Issued at HKT {dt:%H:%M}"
        )
        labels = dict(
            skip="Go to main content",
            font="Font Size",
            sitemap="Sitemap",
            archives="Archives",
            yesterday="Yesterday's Press Releases",
            back="Back to Index Page",
            top="Back to top",
            today="Today's Press Releases",
            other="Traditional Chinese",
            notices="Important Notices",
            privacy="Privacy Policy",
            share="Share",
            photo="Photo",
            lang_img="lang_tc.png",
            rss="https://www.gov.hk/en/about/rss.htm",
        )
        index_suffix = ""
        other_url = a.get("other_url") or a["url"].replace(".htm", "c.htm")
        html_lang = "en"
    prev_day = a.get(
        "prev_index",
        f"/gia/general/{dt:%Y%m}/{dt.day - 1:02d}{index_suffix}.htm"
        if dt.day > 1
        else f"/gia/general/{dt:%Y%m}/01{index_suffix}.htm",
    )
    photo = ""
    if a.get("photo"):
        photo = (
            f'<h2 class="attTypeTitle1" style="font-weight:bold;">{labels["photo"]}</h2>\n'
            f'<div class="pad10"><a class="fancybox" href="http://gia.info.gov.hk/general/{ymd}/{num}_photo_1.jpg" '
            f'title="{e(a["photo"])}"><img src="http://gia.info.gov.hk/general/{ymd}/{num}_photo_1t.jpg" '
            f'alt="{e(a["photo"])}" /></a></div>'
        )
    return f"""<!DOCTYPE html>
<!-- Version Number = 01.01.14.08081 -->
<html lang="{html_lang}">
<head>
	<meta http-equiv="X-UA-Compatible" content="IE=edge">
	<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
	<meta name="viewport" content="width=device-width, initial-scale=1.0">
	<title>{e(a["title"])}</title>
	<meta name="description" content="{e(a["paras"][0][:150])}..."/>
	<meta property="og:title" content="{e(a["title"])}"/>
	<link href="/gia/css/bootstrap.min.css?1.0.20170921" rel="stylesheet" type="text/css">
	<link href="/gia/css/public.css?1.0.20170921" rel="stylesheet" type="text/css">
	<script src="/gia/js/jeasyUI/jquery-1.11.1.min.js?1.0.20170921" type="text/javascript"></script>
	<script type="text/javascript">
	$(function() {{
		var url = 'select_{"tc" if zh else "en"}.htm?' + Math.random()*Math.random();
		$("#includedContent").load(url,function(){{ $('#selectManual option[value="{num}"]').attr("selected", "selected"); }});
		$("#rightContent").clone().appendTo(".controlDisplay2");
	}});
	</script>
	<script src="/gia/js/share.js?1.0.20170921" type="text/javascript"></script>
</head>
<body>
	<a id="skiptocontent" href="#contentBody" class="access">{labels["skip"]}</a>
	<div id="header" style="width:100%;height:auto;">
		<div class="wrapper">
			<div class="left"><img width="479" class="titleImg" src="/gia/images/header_pressreleases{"_c" if zh else ""}_x2.png" alt="{"香港特別行政區政府 - 新聞公報" if zh else "The Government of the Hong Kong Special Administrative Region - Press Releases"}" border="0"></div>
			<div class="right"><a href="http://www.brandhk.gov.hk" class="logo_hk_en"><img class="b0" src="/gia/images/header_HK_logo_x2.png" alt="Brand Hong Kong" /></a></div>
			<div class="header_right2 resRight1">
				<a href="{labels["rss"]}" class="logo_rss" alt="RSS"></a> | <b>{labels["font"]}:</b>
				<a id="f1" href="javascript:void(0);" class="font_size_btn btn_font_size_1_on"></a>
				<a id="f2" href="javascript:void(0);" class="font_size_btn btn_font_size_2"></a>
				<a id="f3" href="javascript:void(0);" class="font_size_btn btn_font_size_3"></a> | <a href="http://www.gov.hk/{"tc" if zh else "en"}/about/sitemap.htm"><b>{labels["sitemap"]}</b></a>
			</div>
			<div class="left responsivegov">
				<a href="http://www.gov.hk/{"tc" if zh else "en"}/residents/" class="homePageURL" target="_blank"><img src="/gia/images/govLink_tc.png" alt="GovHK" title="GovHK"></a>
				<a href="{e(other_url.replace("https://www.info.gov.hk", ""))}"><img src="/gia/images/{labels["lang_img"]}" class="hdrLnk b0" alt="{labels["other"]}" title="{labels["other"]}"></a>
				<a href="http://sc.isd.gov.hk/TuniS/{e(a["url"].replace("https://", ""))}" class="govEnd"><img src="/gia/images/lang_sc.png" alt="Simplified Chinese" title="Simplified Chinese"></a>
			</div>
		</div>
	</div>
<div id="headerBanner" style="width:100%;height:50px;"></div>
<div id="contentBody" class="row">
			<div class="colLeft resLeftContent">
				<div class="rel">
					<div id="includedContent"></div>
					<div class="left"><INPUT TYPE=submit class="submitBtnSmall" name=submit value="GO" onclick="handleSelect();return false;"></div>
					<div class="sharePost2">
						<a href="javascript:shareFacebook()" class="icon_facebook" title="{labels["share"]} Facebook"></a>
						<a href="javascript:shareTwitter()" class="icon_twitter" title="{labels["share"]} Twitter"></a>
						<a href="MAILTO:?subject={e(a["title"])}&body={e(a["url"])}" class="icon_mailto" title="Email"></a>
						<a href="/cgi-bin/isd/gia/savefile.pl" class="icon_save" title="Save"></a>
						<a href="{num}p.htm" class="icon_print" title="Print"></a>
					</div>
				</div>
				<div class="clearboth"></div>
				<div>&nbsp;</div>
				<div class="rel">
					<div class="fontSize1" style="display:none">{e(a["title"])}</div>
					<div class="fontSize1" id="PRHeadline">
						<span id="PRHeadlineSpan"><span>{e(a["title"])}</span></span>
					</div>
					<div id="starBar" class="fontSize1">******************************************************************************************</div>
					<div id="starBarSpacing"></div>
				</div>
				<span id="pressrelease" class="fontSize1">
				{body}<br />
				<br />
				<div class="controlDisplay2 resRightContent"></div>
				<div>&nbsp;</div>
				<div class="mB15 f15">{trailer}
				</div>
				<div style="margin-top:10px;">
				 NNNN
				</div>
				</span>
				<div class="btm_btn">
					<div class="left" style="white-space:nowrap;">
						<a href="/gia/ISD_public_Calendar_{"tc" if zh else "en"}.html" class="newAch">{labels["archives"]}</a>&nbsp;&nbsp;
						<a href="{prev_day}" class="newAch mL5">{labels["yesterday"]}</a>&nbsp;&nbsp;
					</div>
					<div class="resContentBackTop">
						<a href="/gia/general/{dt:%Y%m}/{dt:%d}{index_suffix}.htm" class="newAch">{labels["back"]}</a>
						<a href="#" class="backTop">{labels["top"]}</a>
					</div>
				</div>
				<div style="padding-top:10px"><a href="/gia/general/today{index_suffix}.htm" class="newAch">{labels["today"]}</a></div>
			</div>
		<div class="controlDisplay1 resRightContent">
			<div id="rightContent" class="fontSize1">
			{photo}
			</div>
		</div>
</div>
<div id="footer" style="width:100%;height:auto;">
	<div class="wrapper">
		<a href="/gia/ISD_public_important_notice_{"tc" if zh else "en"}.html" class="left mT10">{labels["notices"]}</a> |
		<a href="/gia/ISD_public_privacy_{"tc" if zh else "en"}.html">{labels["privacy"]}</a>
		<div class="right"><a href="http://www.webforall.gov.hk/recognition_scheme" class="logo_webforall" title="Web Accessibility Recognition Scheme"></a></div>
		<div class="copyright">2025 &copy; {"版權所有" if zh else "All rights reserved"}</div>
	</div>
</div>
</body>
</html>
"""


def gia_index(
    day: datetime, lang: str, items: list[dict[str, Any]], extra_links: list[tuple[str, str, str]] = ()
) -> str:
    zh = lang == "zh-Hant"
    suffix = "c" if zh else ""
    if zh:
        heading = f"{day.year}年{day.month}月{day.day}日（{WEEKDAYS_ZH[day.weekday()]}）新聞公報"
        other = f"/gia/general/{day:%Y%m}/{day:%d}.htm"
        other_label = "English"
    else:
        heading = f"Press Releases - {WEEKDAYS_EN[day.weekday()]}, {MONTHS_EN[day.month - 1]} {day.day}, {day.year}"
        other = f"/gia/general/{day:%Y%m}/{day:%d}c.htm"
        other_label = "繁體版"
    rows = [(a["url"].replace("https://www.info.gov.hk", ""), a["title"], f"{a['date']:%H:%M}") for a in items]
    rows += list(extra_links)
    rows.sort(key=lambda r: r[2])
    trs = "\n".join(
        f'<tr><td class="leftColumn"><a href="{e(u)}">{e(t)}</a></td><td class="rightColumn">{tm}</td></tr>'
        for u, t, tm in rows
    )
    prev_day = f"/gia/general/{day:%Y%m}/{day.day - 1:02d}{suffix}.htm"
    return f"""<!DOCTYPE html>
<html lang="{"zh-HK" if zh else "en"}">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{e(heading)}</title>
<link href="/gia/css/public.css?1.0.20170921" rel="stylesheet" type="text/css">
</head>
<body>
<div id="header"><img src="/gia/images/header_pressreleases{"_c" if zh else ""}_x2.png" alt="{"新聞公報" if zh else "Press Releases"}">
<a href="{other}">{other_label}</a> | <a href="/gia/rss/general_{"zh" if zh else "en"}.xml">RSS</a></div>
<div id="contentBody">
<h1 class="indexTitle">{e(heading)}</h1>
<div class="calendarNav"><a href="{prev_day}">{"前一日" if zh else "Previous day"}</a> | <a href="/gia/ISD_public_Calendar_{"tc" if zh else "en"}.html">{"新聞公報檔案" if zh else "Archives"}</a></div>
<table class="dataTable" summary="{"新聞公報" if zh else "press releases"}">
{trs}
</table>
</div>
<div id="footer"><a href="/gia/ISD_public_important_notice_{"tc" if zh else "en"}.html">{"重要告示" if zh else "Important Notices"}</a> | 2025 &copy;</div>
</body>
</html>
"""


def rss(
    channel_title: str, link: str, description: str, language: str, items: list[dict[str, Any]], build_date: datetime
) -> str:
    out = []
    for a in items:
        summary = a.get("summary") or a["paras"][0]
        out.append(f"""  <item>
    <title>{e(a["title"])}</title>
    <link>{e(a["url"])}</link>
    <description><![CDATA[{summary}]]></description>
    <pubDate>{rfc822(a["date"])}</pubDate>
    <guid isPermaLink="true">{e(a["url"])}</guid>
  </item>""")
    items_xml = "\n".join(out)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
  <title>{e(channel_title)}</title>
  <link>{e(link)}</link>
  <description>{e(description)}</description>
  <language>{language}</language>
  <lastBuildDate>{rfc822(build_date)}</lastBuildDate>
{items_xml}
</channel>
</rss>
"""


# --------------------------------------------------------------------------- news.gov.hk


def newsgov_article(a: dict[str, Any]) -> str:
    zh = a["lang"] == "zh-Hant"
    dt: datetime = a["date"]
    date_txt = f"{dt.year}年{dt.month}月{dt.day}日" if zh else f"{MONTHS_EN[dt.month - 1]} {dt.day}, {dt.year}"
    nav = (
        ["首頁", "財經", "城市生活", "社會", "法治", "國際與內地", "頭條新聞"]
        if zh
        else ["Home", "Finance", "City Life", "Community", "Law & Order", "Admin", "Top Stories"]
    )
    return f"""<!DOCTYPE html>
<html lang="{"zh-HK" if zh else "en"}">
<head>
<meta charset="utf-8">
<title>{e(a["title"])} | news.gov.hk</title>
<meta property="og:title" content="{e(a["title"])}">
<meta property="og:site_name" content="news.gov.hk">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/common/css/style.css">
</head>
<body>
<header class="site-header">
  <a class="logo" href="/{"chi" if zh else "eng"}/index.html"><img src="/common/images/logo.png" alt="news.gov.hk"></a>
  <nav class="main-nav"><ul>{"".join(f'<li><a href="/{"chi" if zh else "eng"}/categories/{i}/index.html">{n}</a></li>' for i, n in enumerate(nav))}</ul></nav>
  <div class="lang-switch"><a href="{e(a.get("other_url", "#"))}">{"English" if zh else "中文"}</a></div>
</header>
<main id="main">
  <div class="breadcrumb"><a href="/{"chi" if zh else "eng"}/index.html">{nav[0]}</a> &gt; <a href="/{"chi" if zh else "eng"}/categories/4/index.html">{nav[4]}</a></div>
  <article class="newsdetail">
    <h1>{e(a["title"])}</h1>
    <div class="newsdate"><time datetime="{dt.isoformat()}">{date_txt}</time></div>
    <div class="share-bar"><span>{"分享" if zh else "Share"}:</span> <a href="#" class="fb">Facebook</a> <a href="#" class="x">X</a> <a href="#" class="wa">WhatsApp</a> <a href="#" class="mail">Email</a> <a href="javascript:window.print()">{"列印" if zh else "Print"}</a></div>
    <div class="newsdetail-content">
{paras(a["paras"])}
    </div>
    <div class="tags">{"標籤" if zh else "Tags"}: {" ".join(f'<a href="#">{e(t)}</a>' for t in a.get("tags", []))}</div>
  </article>
  <aside class="related"><h2>{"相關新聞" if zh else "Related news"}</h2><ul><li><a href="/{"chi" if zh else "eng"}/index.html">{"更多新聞" if zh else "More news"}</a></li></ul></aside>
</main>
<footer class="site-footer">
  <a href="/{"chi" if zh else "eng"}/about.html">{"關於我們" if zh else "About us"}</a> | <a href="/{"chi" if zh else "eng"}/notices.html">{"重要告示" if zh else "Important notices"}</a> | <a href="/{"chi" if zh else "eng"}/privacy.html">{"私隱政策" if zh else "Privacy policy"}</a>
  <p>{"香港特別行政區政府新聞處" if zh else "Information Services Department, HKSAR Government"} &copy; 2025</p>
</footer>
</body>
</html>
"""


# --------------------------------------------------------------------------- police.gov.hk


def police_article(a: dict[str, Any]) -> str:
    zh = a["lang"] == "zh-Hant"
    dt: datetime = a["date"]
    date_txt = f"{dt.year}年{dt.month}月{dt.day}日" if zh else f"{dt.day} {MONTHS_EN[dt.month - 1]} {dt.year}"
    base = "ppp_tc" if zh else "ppp_en"
    table = ""
    if a.get("table"):
        head, rows = a["table"]
        table = (
            '<table class="wanted"><thead><tr>'
            + "".join(f"<th>{e(h)}</th>" for h in head)
            + "</tr></thead><tbody>"
            + "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in r) + "</tr>" for r in rows)
            + "</tbody></table>"
        )
    return f"""<!DOCTYPE html>
<html lang="{"zh-HK" if zh else "en"}">
<head>
<meta charset="utf-8">
<title>{e(a["title"])} - {"香港警務處" if zh else "Hong Kong Police Force"}</title>
<link rel="stylesheet" href="/{base}/css/main.css">
</head>
<body>
<div id="topbar"><a href="/{base}/index.html"><img src="/{base}/images/hkpf_logo.png" alt="{"香港警務處" if zh else "Hong Kong Police Force"}"></a>
<ul class="topnav"><li><a href="/{base}/01_about_us/index.html">{"關於我們" if zh else "About Us"}</a></li><li><a href="/{base}/02_crime_matters/index.html">{"罪案事宜" if zh else "Crime Matters"}</a></li><li><a href="/{base}/03_police_message/index.html">{"警方信息" if zh else "Police Message"}</a></li><li><a href="/{base}/04_crime_matters/index.html">{"常見問題" if zh else "FAQ"}</a></li></ul>
<div class="lang"><a href="{e(a.get("other_url", "#"))}">{"English" if zh else "繁體"}</a></div></div>
<div id="breadcrumb"><a href="/{base}/index.html">{"主頁" if zh else "Home"}</a> &gt; <a href="/{base}/03_police_message/index.html">{"警方信息" if zh else "Police Message"}</a> &gt; <a href="/{base}/03_police_message/pr/index.html">{"新聞公報" if zh else "Press Releases"}</a></div>
<div id="content">
  <h1 class="pr-title">{e(a["title"])}</h1>
  <div class="pr-date">{date_txt} {dt:%H:%M}</div>
  <div class="pr-tools"><a href="javascript:window.print()">{"列印" if zh else "Print"}</a> | <a href="#" class="share">{"分享" if zh else "Share"}</a> | {"字體" if zh else "Text size"} <a href="#">A</a> <a href="#">A+</a></div>
  <div class="pr-content">
{paras(a["paras"])}
{table}
  </div>
  <div class="pr-back"><a href="/{base}/03_police_message/pr/index.html">{"返回新聞公報" if zh else "Back to Press Releases"}</a></div>
</div>
<div id="footer"><a href="/{base}/important_notices.html">{"重要告示" if zh else "Important Notices"}</a> | <a href="/{base}/privacy.html">{"私隱政策" if zh else "Privacy Policy"}</a> | {"2025 &copy; 香港警務處" if zh else "2025 &copy; Hong Kong Police Force"}</div>
</body>
</html>
"""


def police_listing(lang: str, items: list[dict[str, Any]]) -> str:
    zh = lang == "zh-Hant"
    base = "ppp_tc" if zh else "ppp_en"
    lis = "\n".join(
        f'<li><span class="date">{a["date"]:%d/%m/%Y}</span> <a href="{e(a["url"].rsplit("/", 1)[1])}">{e(a["title"])}</a></li>'
        for a in items
    )
    return f"""<!DOCTYPE html>
<html lang="{"zh-HK" if zh else "en"}">
<head><meta charset="utf-8"><title>{"新聞公報 - 香港警務處" if zh else "Press Releases - Hong Kong Police Force"}</title></head>
<body>
<div id="topbar"><a href="/{base}/index.html">{"香港警務處" if zh else "Hong Kong Police Force"}</a>
<a href="/{"ppp_en" if zh else "ppp_tc"}/03_police_message/pr/index.html">{"English" if zh else "繁體"}</a></div>
<div id="content">
<h1>{"新聞公報" if zh else "Press Releases"}</h1>
<ul class="pr-list">
{lis}
</ul>
</div>
<div id="footer">{"2025 &copy; 香港警務處" if zh else "2025 &copy; Hong Kong Police Force"}</div>
</body>
</html>
"""


# --------------------------------------------------------------------------- sb.gov.hk


def sb_article(a: dict[str, Any]) -> str:
    zh = a["lang"] == "zh-Hant"
    dt: datetime = a["date"]
    date_txt = f"{dt.year}年{dt.month}月{dt.day}日" if zh else f"{dt.day} {MONTHS_EN[dt.month - 1]} {dt.year}"
    base = "chi" if zh else "eng"
    return f"""<!DOCTYPE html>
<html lang="{"zh-HK" if zh else "en"}">
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>{e(a["title"])}</title></head>
<body>
<div id="header"><a href="/{base}/index.htm"><img src="/images/sb_logo.gif" alt="{"保安局" if zh else "Security Bureau"}"></a>
<div class="menu"><a href="/{base}/about/index.htm">{"關於我們" if zh else "About Us"}</a> | <a href="/{base}/news/index.htm">{"新聞稿" if zh else "Press Releases"}</a> | <a href="/{base}/contact/index.htm">{"聯絡我們" if zh else "Contact Us"}</a></div></div>
<div id="main">
<h1 class="pageTitle">{e(a["title"])}</h1>
<p class="date">{date_txt}</p>
<div class="content">
{paras(a["paras"])}
</div>
<p class="back"><a href="/{base}/news/index.htm">{"返回" if zh else "Back"}</a></p>
</div>
<div id="footer">{"2025 &copy; 保安局 | 重要告示 | 私隱政策" if zh else "2025 &copy; Security Bureau | Important Notices | Privacy Policy"}</div>
</body>
</html>
"""


def sb_listing(lang: str, items: list[dict[str, Any]]) -> str:
    zh = lang == "zh-Hant"
    base = "chi" if zh else "eng"
    rows = "\n".join(
        f'<tr><td class="date">{a["date"]:%d.%m.%Y}</td><td><a href="{e(a["url"])}" target="_blank">{e(a["title"])}</a></td></tr>'
        for a in items
    )
    return f"""<!DOCTYPE html>
<html lang="{"zh-HK" if zh else "en"}">
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>{"保安局 - 新聞稿" if zh else "Security Bureau - Press Releases"}</title></head>
<body>
<div id="header"><a href="/{base}/index.htm">{"保安局" if zh else "Security Bureau"}</a> | <a href="/{"eng" if zh else "chi"}/news/index.htm">{"English" if zh else "中文"}</a></div>
<div id="main">
<h2>{"新聞稿及聲明" if zh else "Press Releases and Statements"}</h2>
<p>{"年份" if zh else "Year"}: <a href="/{base}/news/2025.htm">2025</a> <a href="/{base}/news/2024.htm">2024</a> <a href="/{base}/news/2023.htm">2023</a></p>
<table class="newsTable">
<tr><th>{"日期" if zh else "Date"}</th><th>{"標題" if zh else "Title"}</th></tr>
{rows}
</table>
</div>
<div id="footer">2025 &copy; {"保安局" if zh else "Security Bureau"}</div>
</body>
</html>
"""


# --------------------------------------------------------------------------- Wen Wei Po / Ta Kung Pao


def wwp_article(a: dict[str, Any]) -> str:
    dt: datetime = a["date"]
    return f"""<!DOCTYPE html>
<html lang="zh-HK">
<head>
<meta charset="utf-8">
<title>{e(a["title"])} - 香港文匯網</title>
<meta name="keywords" content="{e(",".join(a.get("tags", [])))}">
<meta property="og:title" content="{e(a["title"])}">
<meta property="article:published_time" content="{dt.isoformat()}">
</head>
<body>
<div class="header"><a href="https://www.wenweipo.com/" class="logo">香港文匯網</a>
<ul class="nav"><li><a href="/immed/hongkong">香港</a></li><li><a href="/immed/china">內地</a></li><li><a href="/world/">國際</a></li><li><a href="/finance/">財經</a></li><li><a href="/opinion/">評論</a></li><li><a href="/culture/">文化</a></li></ul></div>
<div class="main-wrap">
<div class="crumbs"><a href="https://www.wenweipo.com/">首頁</a> &gt; <a href="/immed/hongkong">香港</a></div>
<h1 class="title">{e(a["title"])}</h1>
<div class="info"><span class="publish-date">{dt:%Y-%m-%d %H:%M}</span> <span class="source">來源：{e(a.get("source", "香港文匯報"))}</span> <span class="author">{e(a.get("author", ""))}</span></div>
<div class="share-box">分享：<a href="#" class="wechat">微信</a> <a href="#" class="weibo">微博</a> <a href="#" class="facebook">Facebook</a> <a href="#" class="twitter">X</a></div>
<div class="post-body">
{paras(a["paras"])}
</div>
<div class="editor">責任編輯：{e(a.get("editor", "李薇"))}</div>
<div class="recommend"><h3>推薦閱讀</h3><ul><li><a href="/hongkong/">更多香港新聞</a></li></ul></div>
</div>
<div class="footer">香港文匯網 版權所有 &copy; 2025 Wen Wei Po. All rights reserved. | <a href="/about/">關於我們</a> | <a href="/privacy/">私隱政策</a></div>
</body>
</html>
"""


def wwp_stories(items: list[dict[str, Any]]) -> str:
    return "\n".join(
        f'<div class="story-item"><a href="{e(a["url"])}" class="story-title">{e(a["title"])}</a>'
        f'<span class="date">{a["date"]:%Y-%m-%d %H:%M}</span><p class="summary">{e(a["paras"][0][:60])}……</p></div>'
        for a in items
    )


def wwp_more(items: list[dict[str, Any]]) -> str:
    """A "more" page of /immed/hongkong (more_N.html): a bare fragment of story items, as the site's script loads."""
    return wwp_stories(items) + "\n"


def wwp_listing(items: list[dict[str, Any]]) -> str:
    lis = wwp_stories(items)
    return f"""<!DOCTYPE html>
<html lang="zh-HK">
<head><meta charset="utf-8"><title>香港 - 香港文匯網</title></head>
<body>
<div class="header"><a href="https://www.wenweipo.com/" class="logo">香港文匯網</a>
<ul class="nav"><li><a href="/immed/hongkong">香港</a></li><li><a href="/immed/china">內地</a></li><li><a href="/opinion/">評論</a></li></ul></div>
<div class="channel-list">
<h2>香港</h2>
{lis}
</div>
<div class="footer">香港文匯網 版權所有 &copy; 2025</div>
</body>
</html>
"""


def tkp_article(a: dict[str, Any]) -> str:
    dt: datetime = a["date"]
    return f"""<!DOCTYPE html>
<html lang="zh-HK">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{e(a["title"])}_大公網</title>
<meta name="description" content="{e(a["paras"][0][:80])}" />
</head>
<body>
<div class="tkp_header"><a href="http://www.takungpao.com/" class="tkp_logo">大公網</a>
<div class="tkp_nav"><a href="http://www.takungpao.com/news/232108/index.html">香港</a> <a href="http://www.takungpao.com/news/232109/index.html">內地</a> <a href="http://www.takungpao.com/news/232110/index.html">國際</a> <a href="http://www.takungpao.com/opinion/">評論</a> <a href="http://www.takungpao.com/finance/">財經</a></div></div>
<div class="tkp_wrap">
<div class="tkp_con_tit"><div class="tkp_position">您的位置：<a href="http://www.takungpao.com/">首頁</a> &gt; <a href="http://www.takungpao.com/news/232108/index.html">香港</a> &gt; 正文</div>
<h2 class="tkp_con_title">{e(a["title"])}</h2>
<div class="tkp_con_author"><span>{dt:%Y-%m-%d %H:%M:%S}</span><span>來源：{e(a.get("source", "大公報"))}</span><span class="tkp_share">分享到：<a href="#">微信</a><a href="#">微博</a><a href="#">Facebook</a></span></div></div>
<div class="tkp_content">
{paras(a["paras"], indent="　　")}
<p class="tkp_editor">責任編輯：{e(a.get("editor", "邱家華"))}</p>
</div>
<div class="tkp_related"><h3>相關新聞</h3><ul><li><a href="http://www.takungpao.com/news/232108/index.html">香港新聞</a></li></ul></div>
</div>
<div class="tkp_footer">大公網版權所有 Copyright &copy; 2002-2025 Takungpao.com All Rights Reserved | <a href="http://www.takungpao.com/about/">關於我們</a></div>
</body>
</html>
"""


def tkp_listing(items: list[dict[str, Any]]) -> str:
    lis = "\n".join(
        f'<dl class="tkp_list_item"><dt><a href="{e(a["url"])}" target="_blank">{e(a["title"])}</a></dt>'
        f'<dd class="date">{a["date"]:%Y-%m-%d %H:%M}</dd><dd class="intro">{e(a["paras"][0][:50])}……</dd></dl>'
        for a in items
    )
    return f"""<!DOCTYPE html>
<html lang="zh-HK">
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" /><title>香港_大公網</title></head>
<body>
<div class="tkp_header"><a href="http://www.takungpao.com/">大公網</a></div>
<div class="tkp_wrap"><h1 class="tkp_col_title">香港</h1>
{lis}
<div class="tkp_page"><a href="http://www.takungpao.com/news/232108/index.html" class="cur">1</a> <a href="javascript:;">下一頁</a></div>
</div>
<div class="tkp_footer">大公網版權所有 Copyright &copy; 2002-2025 Takungpao.com</div>
</body>
</html>
"""
