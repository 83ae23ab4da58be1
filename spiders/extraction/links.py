"""Links from listing pages, feeds and sitemaps (discovery), tolerant of broken markup."""

from __future__ import annotations

import json
from typing import Any, Iterator, Mapping
from urllib.parse import urldefrag, urljoin

from lxml import etree, html

from longarm.spiders.extraction.encoding import decode_html
from longarm.spiders.extraction.limits import cap_attributes


def extract_links(body: bytes, base_url: str, headers: Mapping[str, str] | None = None) -> list[str]:
    """Absolute http(s) URLs of every <a href>, deduplicated, in page order.

    A listing that answers JSON (Wen Wei Po's old daily index, ``list_news.php?oldnews=1``)
    gives the URLs its objects name instead (see :func:`json_links`).
    """
    if not body.strip():
        return []
    text, _ = decode_html(body, headers)
    if text.lstrip()[:1] in ("[", "{"):
        found = json_links(text, base_url)
        if found is not None:
            return found
    text, _notes = cap_attributes(text)  # a tag with 200,000 attributes would take hours to parse
    try:
        doc = html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return []
    base = base_url
    for b in doc.xpath("//base[@href]"):
        base = urljoin(base_url, b.get("href").strip())
        break
    seen: set[str] = set()
    out: list[str] = []
    for a in doc.xpath("//a[@href]"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "mailto:", "#")):
            continue
        url = urldefrag(urljoin(base, href))[0]
        if url.startswith(("http://", "https://")) and url not in seen:
            seen.add(url)
            out.append(url)
    return out


#: JSON keys whose string value is a link (relative ones are joined to the listing URL).
_JSON_LINK_KEYS = {"link", "url", "href", "linkurl", "link_url", "shareurl", "share_url"}


def _json_strings(node: Any, key: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _json_strings(v, str(k).lower())
    elif isinstance(node, list):
        for v in node:
            yield from _json_strings(v, key)
    elif isinstance(node, str):
        yield key, node


def json_links(text: str, base_url: str) -> list[str] | None:
    """Links named in a JSON listing, in document order; None when the text is not JSON.

    A value counts when its key says it is a link (``link``, ``url``, ``href``, ...) or
    when it is an absolute http(s) URL under any key.
    """
    try:
        data = json.loads(text)
    except ValueError:
        return None
    seen: set[str] = set()
    out: list[str] = []
    for key, value in _json_strings(data):
        value = value.strip()
        if not value or (key not in _JSON_LINK_KEYS and not value.startswith(("http://", "https://"))):
            continue
        if value.startswith(("javascript:", "mailto:", "#")):
            continue
        url = urldefrag(urljoin(base_url, value))[0]
        if url.startswith(("http://", "https://")) and url not in seen:
            seen.add(url)
            out.append(url)
    return out


def _xml_root(body: bytes) -> etree._Element | None:
    if not body.strip():
        return None
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(body.strip(), parser=parser)
    except (etree.XMLSyntaxError, ValueError):
        return None


def _local(tag: object) -> str:
    return tag.split("}", 1)[-1].lower() if isinstance(tag, str) else ""


def parse_feed(body: bytes, base_url: str) -> list[tuple[str, str | None]]:
    """(article link, published date text or None) for each RSS 2.0 item or Atom entry."""
    from longarm.spiders.extraction.dates import parse_date

    root = _xml_root(body)
    if root is None:
        return []
    out: list[tuple[str, str | None]] = []
    for el in root.iter():
        name = _local(el.tag)
        if name not in ("item", "entry"):
            continue
        link, published = None, None
        for child in el:
            cname = _local(child.tag)
            if cname == "link":
                link = (child.get("href") or child.text or "").strip() or link
            elif cname == "guid" and not link and (child.text or "").startswith("http"):
                link = child.text.strip()
            elif cname in ("pubdate", "published", "updated", "date") and not published:
                published = (child.text or "").strip()
        if link:
            dt = None
            if published:
                from email.utils import parsedate_to_datetime

                try:
                    dt = parsedate_to_datetime(published)
                except (TypeError, ValueError):
                    dt = parse_date(published)
            out.append((urljoin(base_url, link), dt.isoformat() if dt else None))
    return out


def parse_sitemap(body: bytes, base_url: str) -> list[tuple[str, str | None, bool]]:
    """(loc, lastmod, is a child sitemap of a sitemap index) for each entry."""
    root = _xml_root(body)
    if root is None:
        return []
    is_index = _local(root.tag) == "sitemapindex"
    out: list[tuple[str, str | None, bool]] = []
    for el in root:
        loc = lastmod = None
        for child in el:
            if _local(child.tag) == "loc":
                loc = (child.text or "").strip()
            elif _local(child.tag) == "lastmod":
                lastmod = (child.text or "").strip()
        if loc:
            out.append((urljoin(base_url, loc), lastmod, is_index))
    return out
