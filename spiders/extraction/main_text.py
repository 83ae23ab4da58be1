"""Main text, title and publication date of an article page.

Order of trust, and why:

1. the source's own CSS selectors (``[source.extract]`` in ``sources.toml``): a
   selector checked on the real site is more precise than any generic heuristic;
2. trafilatura (precision first, then recall): it knows nothing of our sites but
   handles new layouts; it is known to return nothing (or a related-links list)
   on some People's Daily / Xinhua GBK templates, hence the order;
3. a last-resort "densest block" of paragraphs, so that a short statement (an MFA
   answer, a police appeal of two sentences) is never dropped for being short.

Text is returned as paragraphs separated by a single ``"\\n"``; whitespace inside a
paragraph is collapsed (no-break spaces and ideographic spaces included) so that
offsets into the text are stable across runs and extractor versions.
"""

from __future__ import annotations

import copy
import re
from typing import Any, Iterable

from cssselect import SelectorError
from lxml import etree, html
from lxml.cssselect import CSSSelector

# Chrome that is never part of an article's body on any of our sources.
GENERIC_DROP_HEAD = [
    # no "form": ASP.NET pages wrap the whole page in one <form>
    "script",
    "style",
    "noscript",
    "iframe",
    "button",
    "select",
    "input",
    "textarea",
    "nav",
    "header",
    "footer",
    "svg",
    "canvas",
    "template",
    "object",
    "embed",
    "[class*=share]",
    "[id*=share]",
    "[class*=Share]",
    "[id*=Share]",
    ".bdsharebuttonbox",
    ".bshare-custom",
    "[class*=breadcrumb]",
    "[class*=crumb]",
    "[class*=pagination]",
    "[class*=related]",
    "[class*=recommend]",
    "[class*=copyright]",
    "[id*=copyright]",
    "[class*=footer]",
    "[id*=footer]",
    "[class*=print]",
    "[class*=qrcode]",
    "[class*=ewm]",
]
#: A body-selector match with less text than this is an empty placeholder; the next selector is tried.
MIN_SELECTOR_CHARS = 6

# Elements whose text starts a new paragraph.
BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "tr",
    "section",
    "article",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "dl",
    "figure",
    "figcaption",
    "center",
    "address",
    "hr",
    "main",
    "aside",
    "td",
    "th",
    "tbody",
    "thead",
}
_WS = re.compile(r"[ \t\r\f\v\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+")
# Lines that are page chrome wherever they occur (exact matches after stripping).
CHROME_LINE = re.compile(
    r"^(share|share this|share to|分享到?[:：]?|分享|打印|打印本页|关闭|關閉|关闭窗口|【?打印】?|【?关闭】?|【?關閉】?|"
    r"back to top|print|email|close|top|返回顶部|返回頂部|字号[:：]?.*|字體[:：]?.*|【字号.*|"
    r"扫一扫.*|掃一掃.*|微信|微博|qq空间|facebook|twitter|whatsapp|wechat|weibo|linkedin|"
    r"[\[【]?责任编辑[:：].{0,20}[\]】]?|[\[【]?責任編輯[:：].{0,20}[\]】]?|[(（]?编辑[:：].{0,20}[)）]?|"
    r"【纠错】|【糾錯】|纠错|\[纠错\]|点击进入.{1,20}>>|點擊進入.{1,20}>>|"
    r"(?:標籤|标签|Tags?|关键词|關鍵詞)\s*[:：].{0,60}|【字[号號][:：]?.{0,12}】?|字[号號][:：]\s*大\s*中\s*小)$",
    re.I,
)


def css(doc: html.HtmlElement, selectors: str | Iterable[str]) -> list[html.HtmlElement]:
    """Elements matching a comma list of CSS selectors, in the order the selectors are listed.

    The order matters: ``"#PRHeadlineSpan, title"`` means "the headline span, else <title>".
    A selector the lxml translator cannot handle is skipped rather than raised: a typo in
    sources.toml should degrade extraction for one source, not stop the crawl.
    """
    parts = [selectors] if isinstance(selectors, str) else list(selectors)
    out: list[html.HtmlElement] = []
    for part in parts:
        for sel in _split_selectors(part):
            try:
                found = CSSSelector(sel)(doc)
            except (SelectorError, etree.XPathError, ValueError):
                continue
            out.extend(e for e in found if e not in out)
    return out


def split_selectors(s: str) -> list[str]:
    """The parts of a comma list of CSS selectors, in order (commas inside brackets stay)."""
    return _split_selectors(s)


def _split_selectors(s: str) -> list[str]:
    # Split on top-level commas only (commas inside [attr="a,b"] or :not(a, b) stay).
    out, depth, buf, quote = [], 0, [], ""
    for ch in s:
        if quote:
            buf.append(ch)
            if ch == quote:
                quote = ""
            continue
        if ch in "\"'":
            quote = ch
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "," and depth == 0:
            out.append("".join(buf).strip())
            buf = []
            continue
        buf.append(ch)
    if "".join(buf).strip():
        out.append("".join(buf).strip())
    return [p for p in out if p]


def drop(doc: html.HtmlElement, selectors: Iterable[str], *, generic: bool = False) -> None:
    """Remove the matching elements but keep their tail text (it belongs to the parent).

    ``generic``: the selectors are guesses ("[class*=share]"), not checked on the site, and
    some templates put such classes on a wrapper of the whole article (CGTN's
    ``cg-share-page``); an element holding much unlinked text is then kept.
    """
    for el in css(doc, list(selectors)):
        if el.getparent() is None:
            continue
        if generic and el.tag not in ("script", "style", "noscript", "template", "iframe", "svg"):
            text = norm_ws(el.text_content())
            linked = sum(len(norm_ws(a.text_content())) for a in el.iter("a"))
            if len(text) - linked > 400:
                continue
        el.drop_tree()


def norm_ws(s: str) -> str:
    return _WS.sub(" ", s).strip()


def element_text(el: html.HtmlElement) -> str:
    """Visible text of an element as paragraphs, one per line.

    Block elements and <br> end a paragraph; inline text is joined. This keeps the
    paragraphing of pages that separate paragraphs with <br> only (info.gov.hk).
    """
    parts: list[str] = [el.text or ""]
    # an explicit stack, not recursion: a hostile or broken page can nest thousands of elements
    # (issue 10); (True, node) opens an element, (False, node) closes it and adds its tail
    stack: list[tuple[bool, Any]] = [(True, child) for child in reversed(el)]
    while stack:
        entering, node = stack.pop()
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        block = tag in BLOCK_TAGS
        if not entering:
            if block:
                parts.append("\n")
            if node.tail:
                parts.append(node.tail)
            continue
        if tag in ("script", "style", "noscript", "template") or not isinstance(node.tag, str):
            if node.tail:
                parts.append(node.tail)
            continue
        if block:
            parts.append("\n")
        if node.text:
            parts.append(node.text)
        stack.append((False, node))
        stack.extend((True, child) for child in reversed(node))
    return clean_lines("".join(parts).split("\n"))


def clean_lines(lines: Iterable[str]) -> str:
    """Normalise whitespace per paragraph, drop empty lines and chrome-only lines."""
    out: list[str] = []
    for line in lines:
        line = norm_ws(line)
        if not line or CHROME_LINE.match(line) or set(line) <= set("*-=_·|>"):
            continue
        out.append(line)
    return "\n".join(out)


def first_text(doc: html.HtmlElement, selectors: str) -> tuple[str, html.HtmlElement | None]:
    for el in css(doc, selectors):
        if el.tag == "meta":
            t = norm_ws(el.get("content") or "")
        else:
            t = norm_ws(el.text_content())
        if t:
            return t, el
    return "", None


# ---------------------------------------------------------------------------- trafilatura


def _traf_config() -> Any:
    from trafilatura.settings import use_config

    cfg = use_config()
    # Short documents are real documents here (an MFA answer can be 3 sentences).
    cfg.set("DEFAULT", "MIN_EXTRACTED_SIZE", "40")
    cfg.set("DEFAULT", "MIN_OUTPUT_SIZE", "10")
    cfg.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # no signal.alarm: we may run in threads
    cfg.set("DEFAULT", "EXTENSIVE_DATE_SEARCH", "off")
    return cfg


_CFG: Any = None


def trafilatura_text(tree: html.HtmlElement, url: str, *, precision: bool) -> str:
    """Main text by trafilatura on an already-parsed (and pre-cleaned) tree, '' when nothing."""
    global _CFG
    import trafilatura

    if _CFG is None:
        _CFG = _traf_config()
    try:
        out = trafilatura.extract(
            tree,
            url=url,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            favor_precision=precision,
            favor_recall=not precision,
            deduplicate=False,
            output_format="txt",
            with_metadata=False,
            config=_CFG,
        )
    except Exception:  # trafilatura raises assorted errors on odd trees; the caller falls back
        return ""
    return clean_lines((out or "").split("\n"))


def densest_block(doc: html.HtmlElement) -> str:
    """Text of the element with the most paragraph text and the fewest links (last resort)."""
    best, best_score = None, 0.0
    for el in doc.iter("div", "td", "article", "section", "span", "main"):
        paras = [p for p in el.findall("./p")] or []
        text = " ".join(norm_ws(p.text_content()) for p in paras)
        if not text:
            continue
        link_text = sum(len(norm_ws(a.text_content())) for p in paras for a in p.iter("a"))
        score = len(text) - 2 * link_text
        if score > best_score:
            best, best_score = el, score
    if best is None:
        return ""
    return element_text(best)


# ---------------------------------------------------------------------------- document parts


def parse_html(text: str) -> html.HtmlElement:
    """Parse decoded HTML leniently; comments and processing instructions go at once.

    Raises ValueError (from lxml) when there is no element at all.
    """
    # lxml refuses str input with an XML encoding declaration; such pages are rare but real.
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text, count=1)
    parser = html.HTMLParser(remove_comments=True, remove_pis=True, recover=True, huge_tree=True)
    doc = html.document_fromstring(text, parser=parser)
    if doc is None:
        raise ValueError("no HTML element")
    return doc


_TITLE_SUFFIX = re.compile(
    r"\s*(?:[-_|–—]+|--)\s*(?:[^-_|–—]{0,30}(?:网|網|频道|頻道|新闻|新聞|News|news|Xinhua|CGTN|Global Times|China Daily|"
    r"People'?s Daily|gov\.hk|\.cn|\.com)[^-_|–—]{0,20})(?:\s*[-_|–—]+\s*[^-_|–—]{1,30})*$"
)


def title_of(doc: html.HtmlElement, selectors: str | None) -> str:
    """Headline: source selector, else og:title, else the single <h1>, else <title> minus the site name."""
    if selectors:
        t, el = first_text(doc, selectors)
        if t:
            return _strip_site(t, doc) if el is not None and el.tag == "title" else t
    for sel in (
        'meta[property="og:title"]',
        'meta[name="twitter:title"]',
        'meta[name="ArticleTitle"]',
        'meta[name="title"]',
    ):
        t, _ = first_text(doc, sel)
        if t:
            return _strip_site(t)
    h1 = [norm_ws(h.text_content()) for h in doc.iter("h1")]
    h1 = [h for h in h1 if h]
    if len(h1) == 1:
        return h1[0]
    t, _ = first_text(doc, "title")
    return _strip_site(t, doc)


_SEPARATORS = re.compile(r"\s*(?:_|\||｜|--|-|–|—)\s*")


def _strip_site(t: str, doc: html.HtmlElement | None = None) -> str:
    """<title> minus the site name: "Headline_国务院台湾事务办公室" -> "Headline".

    First choice: a prefix of <title> (cut at a separator) that the page prints as an
    element of its own (the headline); then a suffix that looks like a site name.
    """
    if doc is not None and doc.body is not None:
        cuts = [m.start() for m in _SEPARATORS.finditer(t)]
        for cut in sorted(cuts, reverse=True):
            head = norm_ws(t[:cut])
            if len(head) < 4:
                continue
            for el in doc.body.iter():
                if (
                    isinstance(el.tag, str)
                    and el.tag not in ("title", "script", "style", "a")
                    and norm_ws(el.text_content()) == head
                ):
                    return head
    stripped = _TITLE_SUFFIX.sub("", t).strip()
    return stripped or t


def canonical_of(doc: html.HtmlElement, url: str, allowed_domains: Iterable[str] = ()) -> str:
    """<link rel=canonical> (or og:url) when it points to an article on the source's hosts.

    Some CMS templates put the site root or a listing in rel=canonical; such a
    canonical would merge every article into one, so it is ignored.
    """
    from urllib.parse import urljoin, urlparse

    allowed = {d.lower() for d in allowed_domains}
    for sel in ('link[rel="canonical"]', 'meta[property="og:url"]'):
        for el in css(doc, sel):
            href = (el.get("href") or el.get("content") or "").strip()
            if not href:
                continue
            cand = urljoin(url, href)
            p = urlparse(cand)
            if p.scheme not in ("http", "https") or p.path in ("", "/") or "/index" in p.path and "/index" not in url:
                continue
            if allowed and p.hostname and p.hostname.lower() not in allowed:
                continue
            return cand
    return url


def body_text(doc: html.HtmlElement, url: str, selectors: str | None) -> tuple[str, str]:
    """(main text, how it was found: "selector" | "selector-data-json" | "trafilatura" | "trafilatura-recall" | "densest-block" | "none")."""
    if selectors:
        for el in css(doc, selectors):
            t = element_text(el)
            if len(t) >= MIN_SELECTOR_CHARS:  # short is fine: a one-sentence police appeal is a document
                return t, "selector"
            t = data_json_text(el)
            if len(t) >= MIN_SELECTOR_CHARS:
                return t, "selector-data-json"
    precise = trafilatura_text(copy.deepcopy(doc), url, precision=True)
    best, how = precise, "trafilatura"
    if len(precise) < 200:
        recall = trafilatura_text(copy.deepcopy(doc), url, precision=False)
        if len(recall) > len(precise):
            best, how = recall, "trafilatura-recall"
    # trafilatura drops repeated paragraphs and, on some GBK templates, most of the
    # article; a block of <p> much longer than its output is the article.
    dense = densest_block(doc)
    if len(dense) > len(best) * 2:
        return dense, "densest-block"
    if best:
        return best, how
    return "", "none"


def data_json_text(el: html.HtmlElement) -> str:
    """Paragraphs a script would render from the element's ``data-json`` attribute.

    CGTN's 2019 share layout ships the article as ``<div id="cmsMainContent"
    data-json='[{"contentType":1,"content":"..."}, {"contentType":4,"img":...}]'>`` and
    an empty element: the text blocks (those with a string ``content``) are the article.
    """
    import json

    raw = el.get("data-json")
    if not raw:
        return ""
    try:
        blocks = json.loads(raw)
    except ValueError:
        return ""
    if not isinstance(blocks, list):
        return ""
    lines = []
    for block in blocks:
        content = block.get("content") if isinstance(block, dict) else None
        if isinstance(content, str) and content.strip():
            # the strings are HTML fragments ("&nbsp;", "<b>"): their visible text
            lines.append(element_text(html.fragment_fromstring(content, create_parent="div")))
    return clean_lines("\n".join(lines).split("\n"))


def strip_title(text: str, title: str | None) -> str:
    """Drop a first line that only repeats the headline (the title is a field of its own)."""
    if not title or not text:
        return text
    first, _, rest = text.partition("\n")
    if norm_ws(first) == norm_ws(title):
        return rest
    return text


_META_WORDS = re.compile(
    r"来源|來源|[Ss]ource\s*[:：]|发布时间|發布時間|时间[:：]|時間[:：]|[Ee]ditor\s*[:：]|作者[:：]|字[号號]|"
    r"责编|責編|编辑[:：]|編輯[:：]|阅读数|閱讀數|[Pp]ublished\s*[:：]?|[Uu]pdated\s*[:：]?"
)


def trim_meta_lines(text: str) -> str:
    """Drop date / source / editor lines the generic extractors keep at the edges of the body.

    Only short lines (under 80 characters) at the very start or end are considered, and
    only when they are mostly a date or carry a by-line keyword ("来源：", "Source:"),
    so a first sentence that merely begins with a date ("2024年1月28日，中央纪委…") stays.
    """
    from zoneinfo import ZoneInfo

    from longarm.spiders.extraction.dates import find_dates

    tz = ZoneInfo("UTC")

    def is_meta(line: str) -> bool:
        if len(line) >= 80:
            return False
        if _META_WORDS.search(line):
            return True
        rest = line
        for _pos, _dt in find_dates(line, tz):
            rest = ""
        if (
            rest == ""
            and len(
                re.sub(
                    r"[\d\s年月日:：\-/.,，()（）星期一二三四五六日天APMapmHKT]|"
                    r"January|February|March|April|May|June|July|August|September|October|"
                    r"November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
                    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Date",
                    "",
                    line,
                )
            )
            <= 2
        ):
            return True
        return False

    lines = text.split("\n")
    start = 0
    while start < min(3, len(lines) - 1) and is_meta(lines[start]):
        start += 1
    end = len(lines)
    while end - 1 > start and end > len(lines) - 3 and is_meta(lines[end - 1]):
        end -= 1
    return "\n".join(lines[start:end])


def has_sentence(text: str) -> bool:
    """True when some line reads as prose (not a menu or a by-line): the test for a script shell."""
    for line in text.split("\n"):
        han = len(re.findall(r"[\u3400-\u9fff]", line))
        if han >= 12 and re.search(r"[。！？；」”]$", line):
            return True
        if len(re.findall(r"[A-Za-z]+", line)) >= 8 and re.search(r"[.!?\"'”]$", line):
            return True
    return False
