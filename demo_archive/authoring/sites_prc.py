"""Page layouts of the PRC state-media and government sources (our texts, the sites' structures)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sites import MON3, MONTHS_EN, e, paras

# --------------------------------------------------------------------------- Xinhua


def xinhua_zh_article(a: dict[str, Any]) -> str:
    dt: datetime = a["date"]
    return f"""<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<meta name="keywords" content="{e(",".join(a.get("tags", [])))}" />
<meta name="description" content="{e(a["title"])}" />
<title>{e(a["title"])}-新华网</title>
<link rel="stylesheet" href="//lib.news.cn/common/reset.css" />
<script src="//lib.news.cn/common/sharePC.js"></script>
</head>
<body>
<div class="topBar"><div class="logo"><a href="http://www.news.cn/"><img src="//lib.news.cn/common/logo.png" alt="新华网" /></a></div>
<div class="nav"><a href="http://www.news.cn/politics/">时政</a> | <a href="http://www.news.cn/local/">地方</a> | <a href="http://www.news.cn/legal/">法治</a> | <a href="http://www.news.cn/gangao/">港澳</a> | <a href="http://www.news.cn/tw/">台湾</a> | <a href="http://www.news.cn/world/">国际</a> | <a href="http://www.news.cn/fortune/">财经</a></div></div>
<div class="header domPC">
 <div class="header-cont clearfix">
  <div class="header-time left"><span class="year"><em> {dt:%Y}</em></span><span class="day"><em> {dt:%m}</em>/<em>{dt:%d}</em></span><span class="time"> {dt:%H:%M:%S}</span></div>
  <div class="source">来源：{e(a.get("source", "新华网"))}</div>
  <div class="head-line clearfix"><h1><span class="title">{e(a["title"])}</span></h1>
   <div class="pageShare"><div class="setFont">字体：<span id="fontSmall">小</span><span id="fontNormal" class="active">中</span><span id="fontBig">大</span></div>
   <div class="share">分享到：<a href="javascript:void(0)" class="wx">微信</a><a href="javascript:void(0)" class="wb">微博</a><a href="javascript:void(0)" class="qzone">QQ空间</a></div></div>
  </div>
 </div>
</div>
<div class="main clearfix">
 <div class="main-left left">
  <div id="detail">
   <span id="detailContent">
{paras(a["paras"], indent="　　")}
   </span>
  </div>
  <div id="articleEdit"><span class="tiyi1"><a href="javascript:void(0);" class="advise">【纠错】</a></span><span class="editor">【责任编辑:{e(a.get("editor", "王立"))}】</span></div>
 </div>
 <div class="main-right right"><div class="columBox"><div class="col-tit">热点推荐</div><ul><li><a href="http://www.news.cn/gangao/index.html">港澳频道</a></li></ul></div></div>
</div>
<div class="foot"><div class="foot-nav"><a href="http://www.news.cn/aboutus.htm">关于我们</a> | <a href="http://www.news.cn/contactus.htm">联系我们</a> | <a href="http://www.news.cn/copyright.htm">版权声明</a></div>
<p>Copyright &copy; 2000-2025 XINHUANET.com All Rights Reserved. 制作单位：新华网股份有限公司 版权所有 新华网股份有限公司</p></div>
</body>
</html>
"""


def xinhua_en_article(a: dict[str, Any]) -> str:
    dt: datetime = a["date"]
    return f"""<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{e(a["title"])}-Xinhua</title>
<meta name="description" content="{e(a["title"])}" />
<link rel="stylesheet" href="https://english.news.cn/detail/css/cont.css" />
</head>
<body>
<div class="header"><a href="https://english.news.cn/"><img src="https://english.news.cn/images/logo.png" alt="Xinhua"></a>
<ul class="nav"><li><a href="https://english.news.cn/china/index.htm">China</a></li><li><a href="https://english.news.cn/world/index.htm">World</a></li><li><a href="https://english.news.cn/business/index.htm">Business</a></li><li><a href="https://english.news.cn/sci/index.htm">Sci-Tech</a></li><li><a href="https://english.news.cn/photo/index.htm">Photos</a></li></ul></div>
<div class="conBox">
 <div class="detail">
  <h1 class="Btitle">{e(a["title"])}</h1>
  <div class="wzzy">Source: Xinhua</div>
  <div class="info">Editor: {e(a.get("editor", "Huaxia"))} | {dt:%Y-%m-%d %H:%M:%S}</div>
  <div class="share">Share <a href="javascript:void(0)" class="fb">Facebook</a> <a href="javascript:void(0)" class="tw">X</a> <a href="javascript:void(0)" class="li">LinkedIn</a></div>
  <div id="detailContent" class="content">
{paras(a["paras"])}
  </div>
 </div>
 <div class="related"><h3>Related</h3><ul><li><a href="https://english.news.cn/china/index.htm">More China news</a></li></ul></div>
</div>
<div class="footer"><p>Copyright &copy; 2000 - 2025 XINHUANET.com All rights reserved.</p></div>
</body>
</html>
"""


def xinhua_zh_listing(items: list[dict[str, Any]]) -> str:
    lis = "\n".join(
        f'<div class="item"><div class="tit"><a href="{e(a["url"])}" target="_blank">{e(a["title"])}</a></div>'
        f'<div class="time">{a["date"]:%Y-%m-%d}</div></div>'
        for a in items
    )
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>港澳频道_新华网</title></head>
<body>
<div class="topBar"><a href="http://www.news.cn/">新华网</a> <a href="http://www.news.cn/gangao/">港澳</a></div>
<div class="column-left"><div class="title">港澳要闻</div>
<div id="list" class="list">
{lis}
</div>
<div class="more"><a href="javascript:void(0)">加载更多</a></div></div>
<div class="foot">Copyright &copy; 2000-2025 XINHUANET.com All Rights Reserved.</div>
</body></html>
"""


def xinhua_en_listing(items: list[dict[str, Any]]) -> str:
    lis = "\n".join(
        f'<div class="item"><div class="tit"><span><a href="{e(a["url"].replace("https://english.news.cn", ".."))}" target="_blank">'
        f'{e(a["title"])}</a></span></div><div class="time">{a["date"]:%Y-%m-%d %H:%M:%S}</div></div>'
        for a in items
    )
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>China-Xinhua</title></head>
<body>
<div class="header"><a href="https://english.news.cn/">Xinhua</a></div>
<div class="column"><h2>China</h2>
<div class="list">
{lis}
</div></div>
<div class="footer">Copyright &copy; 2000 - 2025 XINHUANET.com All rights reserved.</div>
</body></html>
"""


# --------------------------------------------------------------------------- People's Daily


def people_zh_article(a: dict[str, Any], meta_charset: str = "GB2312") -> str:
    dt: datetime = a["date"]
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="content-type" content="text/html;charset={meta_charset}"/>
<meta http-equiv="Content-Language" content="utf-8" />
<meta content="all" name="robots" />
<title>{e(a["title"])}--港澳频道--人民网 </title>
<meta name="keywords" content="{e(",".join(a.get("tags", [])))}" />
<meta name="description" content="{e(a["paras"][0][:80])}" />
<meta name="publishdate" content="{dt:%Y-%m-%d}">
<link href="/img/2020wbc/css/page.css" type="text/css" rel="stylesheet" media="all" />
</head>
<body>
<div class="rm_nav">
	<div class="w1200 cf"><h1 class="cf"><img src="/img/2020peopleindex/img/logo_red.png" alt=""></h1><ul class="cf">
	<li><a href="http://www.people.com.cn/" target="_blank">人民网首页</a></li><li><a href="http://politics.people.com.cn/" target="_blank">时政</a></li><li><a href="http://hm.people.com.cn/" target="_blank">港澳</a></li><li><a href="http://tw.people.com.cn/" target="_blank">台湾</a></li><li><a href="http://world.people.com.cn/" target="_blank">国际</a></li><li><a href="http://opinion.people.com.cn/" target="_blank">观点</a></li></ul></div>
</div>
<div class="route">
	<a href="http://www.people.com.cn/" target="_blank">人民网</a>&gt;&gt;<a href="http://hm.people.com.cn/" target="_blank">港澳频道</a>
</div>
<div class="layout rm_txt cf">
	<div class="col col-1">
		<h3 class="pre"></h3>
		<h1>{e(a["title"])}</h1>
		<h4 class="sub"></h4>
		<div class="author cf">{e(a.get("author", ""))}</div>
		<div class="channel cf">
			<div class="col-1-1">
				{dt.year}年{dt:%m}月{dt:%d}日{dt:%H:%M} | 来源：{e(a.get("source", "人民网－港澳频道"))}
			</div>
			<div class="col-1-2 fr"><span class="rm_type"><i>小字号</i></span></div>
		</div>
		<div class="rm_txt_con cf">
{paras(a["paras"], indent="　　")}
			<div class="edit cf">(责编：{e(a.get("editor", "刘洁妍、黄钰涵"))})</div>
			<p class="paper_num"><em class="section-common-share-wrap">分享让更多人看到</em></p>
		</div>
		<div class="rm_relevant cf"><h2>相关新闻</h2><ul><li><a href="http://hm.people.com.cn/GB/42272/index.html">港澳频道</a></li></ul></div>
	</div>
	<div class="col col-2 fr"><div class="rm_ranking"><h2>推荐阅读</h2></div></div>
</div>
<div class="foot">
	<p><a href="http://www.people.com.cn/GB/50142/104580/index.html" target="_blank">人民日报社概况</a> | <a href="http://www.people.com.cn/GB/1018/22259/index.html" target="_blank">关于人民网</a> | <a href="http://job.people.com.cn/" target="_blank">招聘英才</a></p>
	<p>人 民 网 股 份 有 限 公 司 版 权 所 有 ，未 经 书 面 授 权 禁 止 使 用</p>
	<p>Copyright &copy; 1997-2025 by www.people.com.cn. all rights reserved</p>
</div>
</body>
</html>
"""


def people_en_article(a: dict[str, Any]) -> str:
    dt: datetime = a["date"]
    return f"""<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
<title>{e(a["title"])} - People's Daily Online</title>
<meta name="keywords" content="{e(",".join(a.get("tags", [])))}" />
<meta name="description" content="{e(a["paras"][0][:120])}" />
</head>
<body>
<div class="header"><a href="http://en.people.cn/"><img src="/img/2020en/images/logo.png" alt="People's Daily Online"></a>
<ul class="nav"><li><a href="http://en.people.cn/90785/index.html">China</a></li><li><a href="http://en.people.cn/90777/index.html">World</a></li><li><a href="http://en.people.cn/business/index.html">Business</a></li><li><a href="http://en.people.cn/90782/index.html">Society</a></li><li><a href="http://en.people.cn/90780/index.html">Opinions</a></li></ul></div>
<div class="w860 d2txtCon cf">
	<h1>{e(a["title"])}</h1>
	<div class="origin cf"><span>By {e(a.get("author", "Xinhua"))} ({e(a.get("source", "People's Daily Online"))}) {dt:%H:%M}, {MONTHS_EN[dt.month - 1]} {dt:%d}, {dt.year}</span></div>
	<div class="share cf">Share: <a href="#">Facebook</a> <a href="#">X</a> <a href="#">LinkedIn</a></div>
	<div class="d2txt_con cf">
{paras(a["paras"])}
	</div>
	<div class="editor">(Web editor: {e(a.get("editor", "Zhang Kaiwei, Liang Jun"))})</div>
</div>
<div class="foot"><p>Copyright by People's Daily Online. All Rights Reserved.</p></div>
</body>
</html>
"""


def people_listing(lang: str, items: list[dict[str, Any]], extra: list[tuple[str, str, str]] = ()) -> str:
    rows = [(a["url"], a["title"], f"{a['date']:%Y-%m-%d}") for a in items] + list(extra)
    if lang == "en":
        lis = "\n".join(
            f'<li><a href="{e(u.replace("http://en.people.cn", ""))}" target="_blank">{e(t)}</a><span>{d}</span></li>'
            for u, t, d in rows
        )
        return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8" /><title>China - People's Daily Online</title></head>
<body><div class="header"><a href="http://en.people.cn/">People's Daily Online</a></div>
<div class="w1200 cf"><div class="p2_left"><h2>China</h2><ul class="foreign_list8 cf">
{lis}
</ul><div class="page_n"><a href="/90785/index2.html">Next</a></div></div></div>
<div class="foot">Copyright by People's Daily Online. All Rights Reserved.</div></body></html>
"""
    lis = "\n".join(
        f'<li><a href="{e(u.replace("http://hm.people.com.cn", ""))}" target="_blank">{e(t)}</a> <i class="gray">{d}</i></li>'
        for u, t, d in rows
    )
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="content-type" content="text/html;charset=UTF-8"/><title>港澳要闻--港澳频道--人民网</title></head>
<body><div class="rm_nav"><a href="http://www.people.com.cn/">人民网首页</a> <a href="http://hm.people.com.cn/">港澳频道</a></div>
<div class="w1200 p2j_list cf"><div class="fl"><h2>港澳要闻</h2><ul class="list_14">
{lis}
</ul><div class="page_n"><a href="/GB/42272/index2.html">下一页</a></div></div></div>
<div class="foot">人民网版权所有，未经书面授权禁止使用 Copyright &copy; 1997-2025 by www.people.com.cn. all rights reserved</div></body></html>
"""


NOT_FOUND_EN = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>404 Not Found</title></head>
<body><div class="header"><a href="http://en.people.cn/">People's Daily Online</a></div>
<div class="error"><h1>Sorry, the page you requested could not be found.</h1>
<p>The page may have been moved or deleted. <a href="http://en.people.cn/">Return to the homepage</a></p></div>
</body></html>
"""


# --------------------------------------------------------------------------- CGTN


def cgtn_article(a: dict[str, Any]) -> str:
    dt: datetime = a["date"]
    stamp = f"{dt:%H:%M}, {dt:%d}-{MON3[dt.month - 1]}-{dt.year}"
    upd = a.get("updated", dt)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(a["title"])} - CGTN</title>
<meta property="og:title" content="{e(a["title"])}">
<meta property="og:site_name" content="CGTN">
<meta name="description" content="{e(a["paras"][0][:150])}">
</head>
<body>
<div class="cg-header"><a class="cg-logo" href="https://www.cgtn.com/"><img src="https://ui.cgtn.com/static/public/images/logo.png" alt="CGTN"></a>
<ul class="cg-nav"><li><a href="https://www.cgtn.com/china">China</a></li><li><a href="https://www.cgtn.com/world">World</a></li><li><a href="https://www.cgtn.com/business">Business</a></li><li><a href="https://www.cgtn.com/opinions">Opinions</a></li><li><a href="https://www.cgtn.com/video">Video</a></li><li><a href="https://www.cgtn.com/live">Live</a></li></ul></div>
<div class="cg-main-container">
 <div class="news-info">
  <div class="news-section-date news-text">
   <span class="section">{e(a.get("section", "China"))}</span>
   <span class="date">{stamp}</span>
  </div>
  <div class="news-title">{e(a["title"])}</div>
  <div class="updatetime news-text">Updated {upd:%H:%M}, {upd:%d}-{MON3[upd.month - 1]}-{upd.year}</div>
  <div class="news-author news-text">CGTN</div>
 </div>
 <div class="share-icon"><div class="cg-row-title share-banner news-text"><p class="label news-text"> Share </p>
  <a href="javascript:;" class="share-facebook">Facebook</a> <a href="javascript:;" class="share-twitter">X</a> <a href="javascript:;" class="share-weibo">Weibo</a> <a href="javascript:;" class="copy-link">Copy link</a></div></div>
 <div id="cmsMainContent" class="m-content">
{paras(a["paras"], cls="text en")}
 </div>
 <div class="cmsSource">Source(s): {e(a.get("sources", "Xinhua"))}</div>
 <div class="recommend"><h3>Related stories</h3><ul><li><a href="https://www.cgtn.com/china">More from China</a></li></ul></div>
</div>
<div class="cg-footer"><p>Copyright &copy; 2025 CGTN. Beijing ICP prepared NO.16065310-3</p><a href="https://www.cgtn.com/terms-of-use">Terms of use</a> | <a href="https://www.cgtn.com/privacy-policy">Privacy policy</a></div>
</body>
</html>
"""


def cgtn_listing(items: list[dict[str, Any]]) -> str:
    lis = "\n".join(
        f'<div class="cg-content-description"><div class="cg-title"><a href="{e(a["url"])}" data-time="{a["date"]:%Y-%m-%d %H:%M}">{e(a["title"])}</a></div></div>'
        for a in items
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>China - CGTN</title></head>
<body><div class="cg-header"><a href="https://www.cgtn.com/">CGTN</a></div>
<div class="cg-main-container"><h1 class="cg-section-title">China</h1>
{lis}
<div class="cg-load-more"><a href="javascript:;">Load more</a></div></div>
<div class="cg-footer">Copyright &copy; 2025 CGTN.</div></body></html>
"""


# --------------------------------------------------------------------------- China Daily


def chinadaily_article(a: dict[str, Any]) -> str:
    dt: datetime = a["date"]
    return f"""<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{e(a["title"])} - Chinadaily.com.cn</title>
<meta name="description" content="{e(a["paras"][0][:150])}" />
<meta name="keywords" content="{e(",".join(a.get("tags", [])))}" />
</head>
<body>
<div class="topNav"><a href="//www.chinadaily.com.cn/"><img src="//img3.chinadaily.com.cn/static/common/img/logo.png" alt="China Daily"></a>
<ul><li><a href="//www.chinadaily.com.cn/china">China</a></li><li><a href="//www.chinadaily.com.cn/world">World</a></li><li><a href="//www.chinadaily.com.cn/business">Business</a></li><li><a href="//www.chinadaily.com.cn/opinion">Opinion</a></li><li><a href="//www.chinadaily.com.cn/regional">Regional</a></li></ul></div>
<div class="topBar crumb"><a href="//www.chinadaily.com.cn/">Home</a> / <a href="//www.chinadaily.com.cn/china">China</a> / <a href="//www.chinadaily.com.cn/china/governmentandpolicy">Society</a></div>
<div class="main_art">
 <div class="lft_art" id="lft-art">
  <h1>{e(a["title"])}</h1>
  <div class="info"><span class="info_l">By {e(a.get("author", "ZHANG YI"))} | {e(a.get("source", "China Daily"))} | Updated: {dt:%Y-%m-%d %H:%M}</span>
   <span class="info_r"><a class="printIco" href="javascript:window.print()">Print</a><a class="shareIco" href="#">Share</a><a class="fbIco" href="#">Facebook</a><a class="twIco" href="#">X</a></span></div>
  <div id="Content">
{paras(a["paras"])}
  </div>
  <div class="selectpage"></div>
 </div>
 <div class="rt_art"><div class="tw2"><h3>Top News</h3><ul><li><a href="//www.chinadaily.com.cn/china">More</a></li></ul></div></div>
</div>
<div class="footer"><div class="fl"><a href="//www.chinadaily.com.cn/static_e/2011about.html">About China Daily</a> | <a href="//www.chinadaily.com.cn/e/static_e/advertise">Advertise on Site</a> | <a href="//www.chinadaily.com.cn/e/static_e/contact">Contact Us</a></div>
<p>Copyright 1995 - 2025. All rights reserved. The content (including but not limited to text, photo, multimedia information, etc) published in this site belongs to China Daily Information Co (CDIC). Without written authorization from CDIC, such content shall not be republished or used in any form.</p></div>
</body>
</html>
"""


def chinadaily_cn_article(a: dict[str, Any]) -> str:
    """The Chinese edition (china.chinadaily.com.cn), after the real 2023 page: h1.dabiaoti, #Content.article."""
    dt: datetime = a["date"]
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{e(a["title"])} - 中国日报网</title>
<meta name="keywords" content="{e(",".join(a.get("tags", [])))}" />
<meta property="og:url" content="{e(a["url"])}" />
</head>
<body>
<div class="topNav"><a href="https://cn.chinadaily.com.cn/">中国日报网</a> <a href="https://china.chinadaily.com.cn/">中国</a> <a href="https://world.chinadaily.com.cn/">国际</a></div>
<div class="main_l">
  <h1 class="dabiaoti">{e(a["title"])}</h1>
  <div class="fenx"><div class="xinf-le">来源：中国日报网 {dt:%Y-%m-%d %H:%M}</div>
  <div class="share">分享到：<a href="#">微博</a> <a href="#">微信</a></div></div>
  <div id="Content" class="article">
{paras(a["paras"])}
    <p>（编辑：{e(a.get("author", "中国日报记者")[-2:])}）</p>
    <div style="width:100%;text-align:right;font-size:12px;padding-top:20px;">【责任编辑：{e(a.get("author", "中国日报记者")[-2:])}】</div>
  </div>
  <div class="selectpage"></div>
</div>
<div class="footer">中国日报网版权说明：凡注明来源为“中国日报网：XXX（署名）”的原创作品，版权均属于中国日报网。</div>
</body>
</html>
"""


def chinadaily_cn_listing(items: list[dict[str, Any]]) -> str:
    lis = "\n".join(
        f'<h3><a href="//china.chinadaily.com.cn{e(a["url"].split("chinadaily.com.cn", 1)[1])}" target="_blank">'
        f"{e(a['title'])}</a></h3><p>{a['date']:%Y-%m-%d %H:%M}</p>"
        for a in items
    )
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8" /><title>中国 - 中国日报网</title></head>
<body><div class="topNav"><a href="https://cn.chinadaily.com.cn/">中国日报网</a></div>
<div class="busBox1">
{lis}
</div>
<div class="footer">中国日报网</div></body></html>
"""


def chinadailyhk_article(a: dict[str, Any]) -> str:
    dt: datetime = a["date"]
    return f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{e(a["title"])} - Hong Kong - Chinadailyhk</title>
<meta property="og:title" content="{e(a["title"])}"><meta property="article:published_time" content="{dt.isoformat()}"></head>
<body>
<header class="cdhk-header"><a href="/" class="logo">China Daily Hong Kong</a>
<nav><a href="/hk">Hong Kong</a> <a href="/china">China</a> <a href="/world">World</a> <a href="/opinion">Opinion</a> <a href="/business">Business</a></nav></header>
<main class="article-detail">
 <h1 class="article-title">{e(a["title"])}</h1>
 <div class="article-info"><span class="author">By {e(a.get("author", "Oswald Chan"))} in Hong Kong</span> <span class="time">Published: {dt:%H:%M}, {dt:%d} {MON3[dt.month - 1]} {dt.year}</span></div>
 <div class="article-share"><a href="#">Facebook</a> <a href="#">X</a> <a href="#">WhatsApp</a> <a href="#">Copy link</a></div>
 <div class="article-content">
{paras(a["paras"])}
 </div>
 <div class="article-tags">{" ".join(f'<a href="#">{e(t)}</a>' for t in a.get("tags", []))}</div>
</main>
<footer class="cdhk-footer"><p>Copyright &copy; 2025 China Daily Hong Kong. All rights reserved.</p></footer>
</body></html>
"""


def chinadailyhk_listing(items: list[dict[str, Any]]) -> str:
    lis = "\n".join(
        f'<div class="story-card"><a class="story-title" href="{e(u.replace("https://www.chinadailyhk.com", ""))}">{e(t)}</a><span class="time">{d}</span></div>'
        for u, t, d in items
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Hong Kong - Chinadailyhk</title></head>
<body><header class="cdhk-header"><a href="/">China Daily Hong Kong</a></header>
<main><h1>Hong Kong</h1>
{lis}
</main>
<footer class="cdhk-footer">Copyright &copy; 2025 China Daily Hong Kong.</footer></body></html>
"""


# --------------------------------------------------------------------------- Global Times / Huanqiu


def gt_article(a: dict[str, Any]) -> str:
    dt: datetime = a["date"]
    h12 = dt.strftime("%I:%M %p")
    body = "<br><br>".join(a["paras"])
    return f"""<!DOCTYPE html>
<html>
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{e(a["title"])} - Global Times</title>
<meta name="description" content="{e(a["paras"][0][:150])}" />
</head>
<body>
<div class="header"><a href="https://www.globaltimes.cn/"><img src="https://www.globaltimes.cn/img/logo.png" alt="Global Times"></a>
<ul class="nav_menu"><li><a href="https://www.globaltimes.cn/china/index.html">CHINA</a></li><li><a href="https://www.globaltimes.cn/source/index.html">SOURCE</a></li><li><a href="https://www.globaltimes.cn/opinion/index.html">OPINION</a></li><li><a href="https://www.globaltimes.cn/In-depth/index.html">IN-DEPTH</a></li><li><a href="https://www.globaltimes.cn/world/index.html">WORLD</a></li><li><a href="https://www.globaltimes.cn/life/index.html">LIFE</a></li></ul></div>
<div class="container article_page">
 <div class="article_column">{e(a.get("column", "CHINA / POLITICS"))}</div>
 <div class="article_title">{e(a["title"])}</div>
 <div class="author_share">
  <div class="author_share_left"><span class="byline">By {e(a.get("author", "Global Times"))}</span> <span class="pub_time">Published: {MON3[dt.month - 1]} {dt:%d}, {dt.year} {h12}</span></div>
  <div class="author_share_right"><a class="facebook" href="#"></a><a class="twitter" href="#"></a><a class="linkedin" href="#"></a></div>
 </div>
 <div class="article">
  <div class="article_content"><div class="article_right">{body}</div></div>
 </div>
 <div class="related_articles"><h3>RELATED ARTICLES</h3><ul><li><a href="https://www.globaltimes.cn/china/politics/">More politics</a></li></ul></div>
</div>
<div class="footer"><p>Copyright &copy; 2025 Global Times All Rights Reserved. 京ICP备16026920号-1</p><a href="https://www.globaltimes.cn/about-us/">About Us</a> | <a href="https://www.globaltimes.cn/privacy/">Privacy Policy</a></div>
</body></html>
"""


def gt_listing(items: list[dict[str, Any]]) -> str:
    lis = "\n".join(
        f'<div class="list_info"><a class="new_title_ms" href="{e(a["url"])}">{e(a["title"])}</a>'
        f'<p>{e(a["paras"][0][:120])}...</p><div class="source_time">{MON3[a["date"].month - 1]} {a["date"]:%d}, {a["date"].year}</div></div>'
        for a in items
    )
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>POLITICS - Global Times</title></head>
<body><div class="header"><a href="https://www.globaltimes.cn/">Global Times</a></div>
<div class="container"><div class="level01_title">CHINA / POLITICS</div>
{lis}
<div class="more_btn"><a href="javascript:;">MORE</a></div></div>
<div class="footer">Copyright &copy; 2025 Global Times All Rights Reserved.</div></body></html>
"""


def huanqiu_article(a: dict[str, Any]) -> str:
    dt: datetime = a["date"]
    return f"""<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>{e(a["title"])}_环球网</title>
<meta name="keywords" content="{e(",".join(a.get("tags", [])))}">
<meta name="description" content="{e(a["paras"][0][:80])}">
<script type="text/javascript" src="//himg2.huanqiu.com/statics/3w/v2/js/pubHeader.js?v=7" slogan="h"></script>
</head>
<body>
<div class="topIndex"><div class="hdTop"><a href="https://www.huanqiu.com/">环球网</a> <a href="https://world.huanqiu.com/">国际</a> <a href="https://china.huanqiu.com/">国内</a> <a href="https://mil.huanqiu.com/">军事</a> <a href="https://taiwan.huanqiu.com/">台湾</a> <a href="https://opinion.huanqiu.com/">评论</a></div></div>
<div class="container"><div class="main clear"><div class="m-content" id="content">
<div class="content-a" id="article">
 <h1 class="a-title"><strong>{e(a["title"])}</strong></h1>
 <div class="a-info"><span class="time">{dt:%Y-%m-%d %H:%M}</span> <span class="source">来源：<a href="#">{e(a.get("source", "环球时报"))}</a></span> <span class="original"><span>{e(a.get("author", ""))}</span></span></div>
 <div class="a-share">分享到：<a href="javascript:;">微信</a> <a href="javascript:;">微博</a> <a href="javascript:;">QQ空间</a></div>
 <div class="a-con">
{paras(a["paras"])}
 </div>
 <div class="a-edit"><span class="a">责编：{e(a.get("editor", "薛艺磊"))}</span></div>
</div>
</div></div></div>
<div class="footer"><p>环球网版权所有，未经授权禁止复制 Copyright &copy; 2025 Huanqiu.com All Rights Reserved</p></div>
</body></html>
"""


def huanqiu_listing(items: list[dict[str, Any]]) -> str:
    lis = "\n".join(
        f'<li><a href="{e(a["url"].replace("https:", ""))}" target="_blank"><h4>{e(a["title"])}</h4></a><span class="time">{a["date"]:%Y-%m-%d %H:%M}</span></li>'
        for a in items
    )
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>国内新闻_环球网</title></head>
<body><div class="topIndex"><a href="https://www.huanqiu.com/">环球网</a></div>
<div class="container"><div class="list-wrap"><ul class="csr_sketch_txt_4">
{lis}
</ul><div class="more">加载更多</div></div></div>
<div class="footer">环球网版权所有 Copyright &copy; 2025 Huanqiu.com</div></body></html>
"""


# --------------------------------------------------------------------------- MPS


def mps_article(a: dict[str, Any]) -> str:
    dt: datetime = a["date"]
    return f"""<!DOCTYPE html>
<html>
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<meta name="SiteName" content="中华人民共和国公安部" /><meta name="ColumnName" content="公安要闻" />
<meta name="ArticleTitle" content="{e(a["title"])}" /><meta name="PubDate" content="{dt:%Y-%m-%d %H:%M}" />
<title>{e(a["title"])}-中华人民共和国公安部</title></head>
<body>
<div class="header"><a href="https://www.mps.gov.cn/"><img src="/images/mps_logo.png" alt="中华人民共和国公安部"></a>
<div class="nav"><a href="https://www.mps.gov.cn/">首页</a> <a href="https://www.mps.gov.cn/n2253534/index.html">新闻</a> <a href="https://www.mps.gov.cn/n6557558/index.html">公开</a> <a href="https://www.mps.gov.cn/n2254314/index.html">服务</a> <a href="https://www.mps.gov.cn/n2254098/index.html">互动</a></div></div>
<div class="position">当前位置：<a href="https://www.mps.gov.cn/">首页</a> &gt; <a href="https://www.mps.gov.cn/n2253534/index.html">新闻</a> &gt; <a href="https://www.mps.gov.cn/n2253534/n2253535/index.html">公安要闻</a></div>
<div class="arcContent">
 <div class="arcTitle"><h1>{e(a["title"])}</h1></div>
 <div class="arcInfo"><span class="time">时间：{dt:%Y-%m-%d}</span> <span class="source">来源：{e(a.get("source", "公安部网站"))}</span> <span class="fontsize">【字体：<a href="javascript:;">大</a> <a href="javascript:;">中</a> <a href="javascript:;">小</a>】</span> <a href="javascript:window.print()">打印</a></div>
 <div class="arcBody" id="ztdx">
{paras(a["paras"], indent="　　")}
 </div>
 <div class="arcShare">分享到：<a href="javascript:;">微信</a> <a href="javascript:;">微博</a></div>
</div>
<div class="footer"><p><a href="https://www.mps.gov.cn/n2254314/n2254315/index.html">网站地图</a> | <a href="https://www.mps.gov.cn/n2254314/n2254316/index.html">联系我们</a></p>
<p>中华人民共和国公安部 版权所有 京ICP备05070602号 京公网安备11040102700161号</p></div>
</body></html>
"""


def mps_listing(items: list[dict[str, Any]], page: int, pages: int) -> str:
    lis = "\n".join(
        f'<li><a href="{e(a["url"].replace("https://www.mps.gov.cn/n2253534/n2253535/", "../n2253535/"))}" target="_blank" title="{e(a["title"])}">{e(a["title"])}</a><span>{a["date"]:%Y-%m-%d}</span></li>'
        for a in items
    )
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" /><title>公安要闻-中华人民共和国公安部</title></head>
<body><div class="header"><a href="https://www.mps.gov.cn/">中华人民共和国公安部</a></div>
<div class="position">当前位置：<a href="https://www.mps.gov.cn/">首页</a> &gt; 新闻 &gt; 公安要闻</div>
<div class="list"><ul>
{lis}
</ul></div>
<div class="page"><script type="text/javascript">createPageHTML({pages}, {page - 1}, "index", "html");</script></div>
<div class="footer">中华人民共和国公安部 版权所有</div></body></html>
"""


# --------------------------------------------------------------------------- CCDI


def ccdi_article(a: dict[str, Any]) -> str:
    dt: datetime = a["date"]
    return f"""<!DOCTYPE html>
<html>
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{e(a["title"])}_中央纪委国家监委网站</title>
<meta name="ArticleTitle" content="{e(a["title"])}"><meta name="PubDate" content="{dt:%Y-%m-%d %H:%M}">
</head>
<body>
<div class="top_nav"><a href="https://www.ccdi.gov.cn/">首页</a> <a href="https://www.ccdi.gov.cn/toutiaon/">要闻</a> <a href="https://www.ccdi.gov.cn/scdcn/">审查调查</a> <a href="https://www.ccdi.gov.cn/gjhzn/">国际合作</a> <a href="https://www.ccdi.gov.cn/pln/">评论</a> <a href="https://www.ccdi.gov.cn/yaowenn/">时政</a></div>
<div class="other_center">
 <div class="flater_tab">
  <div class="Article_61">
   <h2 class="tit">
    {e(a["title"])}
   </h2>
   <h3 class="daty">
    <div class="daty_con">
     <em class="e e1">来源：{e(a.get("source", "中央纪委国家监委网站"))}</em>
     <em class="e e2">发布时间：
      {dt:%Y-%m-%d %H:%M}
     </em>
     <em class="e e3"><div class="share_box"><span class="share">分享<b></b></span><div class="bdsharebuttonbox"><a class="social-share-icon icon-wechat" href="javascript:;">微信</a><a class="social-share-icon icon-weibo" href="javascript:;">微博</a></div></div></em>
    </div>
   </h3>
   <div class="content">
{paras(a["paras"], indent="　　")}
   </div>
  </div>
  <div class="clear"></div>
  <div class="page"><script type="text/javascript">createPageHTML_ZW(1, 0, "{a["url"].rsplit("/", 1)[1].split(".")[0]}", "html");</script></div>
 </div>
</div>
<div class="footer"><p>中央纪委国家监委网站版权所有，未经许可不得转载 京ICP备10034044号 京公网安备11010202000001号</p><p>技术支持：中央纪委国家监委网站信息技术部</p></div>
</body></html>
"""


def ccdi_listing(title: str, items: list[dict[str, Any]], column: str, page: int, pages: int) -> str:
    lis = "\n".join(
        f'<li><a href="./{e(a["url"].split(f"/{column}/", 1)[1])}" target="_blank">{e(a["title"])}</a><span class="more">{a["date"]:%Y-%m-%d}</span></li>'
        for a in items
    )
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" /><title>{e(title)}_中央纪委国家监委网站</title></head>
<body><div class="top_nav"><a href="https://www.ccdi.gov.cn/">首页</a></div>
<div class="other_center"><div class="other_top">{e(title)}</div>
<ul class="list_news_dl2">
{lis}
</ul>
<div class="page"><script type="text/javascript">createPageHTML({pages}, {page - 1}, "index", "html");</script></div></div>
<div class="footer">中央纪委国家监委网站版权所有</div></body></html>
"""


# --------------------------------------------------------------------------- TAO


def tao_article(a: dict[str, Any]) -> str:
    dt: datetime = a["date"]
    return f"""<!DOCTYPE html>
<html>
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{e(a["title"])}_国务院台湾事务办公室</title></head>
<body>
<div class="top"><a href="http://www.gwytb.gov.cn/"><img src="/images/logo.png" alt="国务院台湾事务办公室"></a>
<div class="nav"><a href="http://www.gwytb.gov.cn/">首页</a> <a href="http://www.gwytb.gov.cn/xwdt/">新闻动态</a> <a href="http://www.gwytb.gov.cn/xwdt/xwfb/xwfbh/">新闻发布会</a> <a href="http://www.gwytb.gov.cn/zccs/">政策法规</a> <a href="http://www.gwytb.gov.cn/lazx/">两岸之窗</a></div></div>
<div class="position">您当前的位置：<a href="http://www.gwytb.gov.cn/">首页</a> &gt; <a href="http://www.gwytb.gov.cn/xwdt/">新闻动态</a> &gt; <a href="http://www.gwytb.gov.cn/xwdt/xwfb/xwfbh/">新闻发布会</a></div>
<div class="area">
 <div class="title"><h1>{e(a["title"])}</h1></div>
 <div class="info">发布时间：{dt:%Y-%m-%d %H:%M}　来源：{e(a.get("source", "国台办"))}　【<a href="javascript:;">大</a> <a href="javascript:;">中</a> <a href="javascript:;">小</a>】 <a href="javascript:window.print()">打印</a></div>
 <div class="TRS_Editor">
{paras(a["paras"], indent="　　")}
 </div>
 <div class="editor">责任编辑：{e(a.get("editor", "王尧"))}</div>
 <div class="share">分享到：<a href="javascript:;">微信</a> <a href="javascript:;">微博</a></div>
</div>
<div class="footer"><p>版权所有：国务院台湾事务办公室 网站维护：国务院台湾事务办公室新闻局 京ICP备05064046号</p></div>
</body></html>
"""


def tao_listing(items: list[dict[str, Any]], page: int, pages: int) -> str:
    lis = "\n".join(
        f'<li><a href="./{e(a["url"].split("/xwfbh/", 1)[1])}" target="_blank">{e(a["title"])}</a><span>[{a["date"]:%Y-%m-%d}]</span></li>'
        for a in items
    )
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" /><title>新闻发布会_国务院台湾事务办公室</title></head>
<body><div class="top"><a href="http://www.gwytb.gov.cn/">国务院台湾事务办公室</a></div>
<div class="list"><h2>新闻发布会</h2><ul class="wp_article_list">
{lis}
</ul>
<div class="page"><script>createPageHTML({pages}, {page - 1}, "index", "htm");</script></div></div>
<div class="footer">版权所有：国务院台湾事务办公室</div></body></html>
"""


# --------------------------------------------------------------------------- MFA


def mfa_zh_article(a: dict[str, Any]) -> str:
    dt: datetime = a["date"]
    body = "\n".join(f'<P style="FONT-SIZE: 14px; FONT-FAMILY: arial">　　{p}</P>' for p in a["paras"])
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<meta http-equiv="keywords" content="中华人民共和国外交部,外交部,中国外交部">
<title>{e(a["title"])}</title>
<link href="../../../images/base.css" rel="stylesheet" type="text/css"/>
</head>
<body>
<div class="header"><div class="logo"><a href="https://www.mfa.gov.cn/web/"><img src="../../../images/logo.png" alt="中华人民共和国外交部"></a></div>
<ul class="menu"><li><a href="https://www.mfa.gov.cn/web" class="twoW">首页</a></li><li><a href="https://www.mfa.gov.cn/web/wjbz_673089/" class="fourW">外交部长</a></li><li><a href="https://www.mfa.gov.cn/web/wjb_673085/" class="threeW">外交部</a></li><li><a href="https://www.mfa.gov.cn/web/wjdt_674879/" class="fourW">外交动态</a></li><li><a href="https://www.mfa.gov.cn/web/zwjg_674741/" class="fourW">驻外机构</a></li><li><a href="https://www.mfa.gov.cn/web/ziliao_674904/" class="twoW">资料</a></li></ul></div>
<div class="nav">
	<a href="./../../../">首页</a>&nbsp;>&nbsp;<a href="./../../">外交动态</a>&nbsp;>&nbsp;<a href="./../">发言人表态</a>
</div>
<div class="vibox" style="min-height:700px;">
	<div class="title" id="News_Body_Title">{e(a["title"])}</div>
	<div class="futitle" id="News_Body_subitle"></div>
	<div class="time"><span id="News_Body_source"></span><span id="News_Body_Time">{dt:%Y-%m-%d %H:%M}</span></div>
	<div class="info">
		[字体：<a href="javascript:edit(20);">大</a> <a href="javascript:edit(16);">中</a> <a href="javascript:edit(14);">小</a>]&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;
		<a onclick="doPrint()" href="javascript:void(0);" target="_self">打印本页</a>
	</div>
	<div id="News_Body_Txt_A" class="content">
{body}
	</div>
	<div class="news" id="relnews_list" style="display:none;"><div class="news_top">相关新闻</div><ul></ul></div>
</div>
<div class="footer"><p>中华人民共和国外交部 版权所有 京ICP备05003934号-1 京公网安备11010102000012号</p><p>地址：北京市朝阳区朝阳门南大街2号 邮编：100701 电话：86-10-65961114</p></div>
</body>
</html>
"""


def mfa_en_article(a: dict[str, Any]) -> str:
    body = "\n".join(f'<P style="FONT-SIZE: 14px; FONT-FAMILY: arial" align=justify>{p}</P>' for p in a["paras"])
    dt: datetime = a["date"]
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<title>{e(a["title"])}</title>
<link href="../../../../images/eng_base.css" rel="stylesheet" type="text/css"/>
</head>
<body>
<div class="header"><a href="https://www.mfa.gov.cn/eng/"><img src="../../../../images/eng_logo.png" alt="Ministry of Foreign Affairs of the People's Republic of China"></a>
<ul class="menu"><li><a href="https://www.mfa.gov.cn/eng/">Home</a></li><li><a href="https://www.mfa.gov.cn/eng/wjb/">Ministry</a></li><li><a href="https://www.mfa.gov.cn/eng/xw/">News</a></li><li><a href="https://www.mfa.gov.cn/eng/xw/fyrbt/">Spokesperson's Remarks</a></li></ul></div>
<div style="width:100%">
	<div class="urhere">
		<a href="./../../../">Home</a>&nbsp;>&nbsp;<a href="./../../">Press and Media Service</a>&nbsp;>&nbsp;<a href="./../">Spokesperson's Remarks</a>&nbsp;>&nbsp;<a href="./">Regular Press Conference</a>
	</div>
	<div class="content_mod">
		<h2 class="title">{e(a["title"])}</h2>
		<h2 style="text-align:center; font-size:16px; font-weight:bold; margin-bottom:10px;" id="News_Body_subitle"></h2>
		<div class="date" id="News_Body_Time">Updated: {MONTHS_EN[dt.month - 1]} {dt:%d}, {dt.year} {dt:%H:%M}</div>
		<div class="content">
{body}
		</div>
		<div class="print"><a href="javascript:window.print()">Print</a> | <a href="javascript:window.close()">Close</a></div>
	</div>
</div>
<div class="footer"><p>Copyright &copy; Ministry of Foreign Affairs, the People's Republic of China</p><p>Address: No. 2, Chaoyangmen Nandajie, Chaoyang District, Beijing, 100701 Tel: 86-10-65961114</p></div>
</body>
</html>
"""


def mfa_listing(lang: str, items: list[dict[str, Any]], page: int, pages: int) -> str:
    if lang == "en":
        lis = "\n".join(
            f'<li><a href="./{e(a["url"].rsplit("/2511_665403/", 1)[1])}" target="_blank">{e(a["title"])}</a>({a["date"]:%Y-%m-%d})</li>'
            for a in items
        )
        return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"><title>Regular Press Conference</title></head>
<body><div class="header"><a href="https://www.mfa.gov.cn/eng/">Ministry of Foreign Affairs of the People's Republic of China</a></div>
<div class="urhere"><a href="./../../../">Home</a>&nbsp;>&nbsp;<a href="./../../">Press and Media Service</a>&nbsp;>&nbsp;<a href="./../">Spokesperson's Remarks</a>&nbsp;>&nbsp;Regular Press Conference</div>
<div class="rebox_news"><ul>
{lis}
</ul></div>
<div class="page" id="pages"><script type="text/javascript">var currentPage = {page - 1};var countPage = {pages};</script></div>
<div class="footer">Copyright &copy; Ministry of Foreign Affairs, the People's Republic of China</div></body></html>
"""
    lis = "\n".join(
        f'<li><a href="./{e(a["url"].rsplit("/fyrbt_674889/", 1)[1])}" target="_blank">{e(a["title"])}</a>({a["date"]:%Y-%m-%d})</li>'
        for a in items
    )
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"><title>发言人表态</title></head>
<body><div class="header"><a href="https://www.mfa.gov.cn/web/">中华人民共和国外交部</a></div>
<div class="nav"><a href="./../../">首页</a>&nbsp;>&nbsp;<a href="./../">外交动态</a>&nbsp;>&nbsp;发言人表态</div>
<div class="rebox_r fl"><div class="rebox_title">发言人表态</div><div class="rebox_news"><ul>
{lis}
</ul></div>
<div class="page" id="pages"><script type="text/javascript">var currentPage = {page - 1};var countPage = {pages};</script></div></div>
<div class="footer">中华人民共和国外交部 版权所有</div></body></html>
"""
