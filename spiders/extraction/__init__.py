"""Page extraction: small pure functions from response bytes to a document.

Used by the spiders (``parse_article``), ``longarm parse`` and ``longarm verify``
(which re-extracts the text from the archived payload), so the same bytes must
always give the same text: threat offsets are offsets into that text. Nothing
here touches Scrapy, the network or the database.

Error policy: ``extract_document`` raises :class:`ExtractionError` only when the
input cannot be a page at all (empty body, binary data, over :data:`MAX_BYTES`,
no HTML element). Anything merely odd (wrong charset declaration, no date, body
selector that matched nothing, no text) is returned with a message in
``warnings``; the caller decides (the spider skips documents without text).
"""

from __future__ import annotations

import copy
from typing import Any, Mapping
from zoneinfo import ZoneInfo

from longarm.spiders.extraction.dates import find_published, parse_date, url_date
from longarm.spiders.extraction.encoding import declared_encoding, decode_html
from longarm.spiders.extraction.language import detect_language
from longarm.spiders.extraction.limits import MAX_DEPTH, cap_attributes, tree_depth
from longarm.spiders.extraction.links import extract_links, parse_feed, parse_sitemap

__all__ = [
    "ExtractionError",
    "MAX_BYTES",
    "decode_html",
    "detect_language",
    "extract_document",
    "extract_links",
    "parse_date",
    "parse_feed",
    "parse_sitemap",
    "url_date",
]

#: Larger bodies are not article pages (a video, a dump, a trap); they are refused, not truncated,
#: because a truncated text would silently shift with the next crawl.
MAX_BYTES = 16 * 1024 * 1024


#: When the source's body selector misses, generic output shorter than this is page chrome, not an article.
SHELL_CHARS = 120


class ExtractionError(ValueError):
    """A page gave no document; the message names the URL, what failed and what to do."""


def _looks_binary(body: bytes) -> bool:
    head = body[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with BOM is text
        return False
    if b"\x00" in head:
        return True
    ctrl = sum(1 for b in head if b < 9 or 13 < b < 32)
    return ctrl > len(head) * 0.05


def extract_document(
    body: bytes, url: str, source: Any, *, headers: Mapping[str, str] | None = None, lang_hint: str | None = None
) -> dict[str, Any]:
    """The document an article page holds.

    Returns ``url``, ``canonical_url``, ``title``, ``published_at`` (ISO 8601 with the
    source's UTC offset; date-only pages at 00:00 local; None when unknown), ``lang``
    (``en`` / ``zh-Hant`` / ``zh-Hans``), ``text`` (paragraphs separated by one ``"\\n"``),
    ``encoding`` (what the bytes were decoded with) and ``warnings`` (list of str).

    ``source`` is a registry :class:`~longarm.spiders.registry.Source` (its ``extract`` selectors,
    ``timezone``, ``allowed_domains`` and article patterns are used). ``lang_hint`` (the
    language of the feed or listing the URL came from) breaks ties only: the text decides.
    """
    from lxml import etree

    from longarm.spiders.extraction import main_text as mt

    if not body or not body.strip():
        raise ExtractionError(
            f"{url}: empty response body, nothing to extract; re-fetch the page "
            "(an empty 200 is often a rate limit or a failed gzip)"
        )
    if len(body) > MAX_BYTES:
        raise ExtractionError(
            f"{url}: body is {len(body) / 1048576:.1f} MB, over the {MAX_BYTES // 1048576} MB "
            "limit for an article page; check that the URL pattern does not match a download"
        )
    if _looks_binary(body):
        raise ExtractionError(
            f"{url}: body is binary data, not HTML (control bytes in the first 8 KB); check the "
            "Content-Type and Content-Encoding (undecoded gzip?) of the response"
        )
    warnings: list[str] = []
    text, encoding = decode_html(body, headers)
    declared = declared_encoding(body, headers)
    if declared and declared != encoding and not (declared == "cp1252" and encoding == "utf-8"):
        warnings.append(f"declared charset {declared} does not match the bytes; decoded as {encoding}")
    if text.count("\ufffd") > 20:
        warnings.append(f"{text.count(chr(0xFFFD))} undecodable byte sequences replaced")
    text, capped = cap_attributes(text)
    warnings.extend(capped)
    try:
        doc = mt.parse_html(text)
    except (etree.ParserError, ValueError) as exc:
        raise ExtractionError(
            f"{url}: no HTML element in the body ({exc}); the response is probably not a page"
        ) from exc
    depth = tree_depth(doc)
    if depth > MAX_DEPTH:
        raise ExtractionError(
            f"{url}: elements nested over {MAX_DEPTH} deep, over the limit for an article page "
            "(a broken or hostile page); open it in a browser to see whether it holds an article"
        )
    try:
        return _document(doc, url, source, encoding=encoding, warnings=warnings, lang_hint=lang_hint)
    except RecursionError as exc:
        # a walk inside a library (trafilatura, htmldate) that recurses over the tree
        raise ExtractionError(
            f"{url}: the page's structure is too deep to extract ({exc}); "
            "open it in a browser to see whether it holds an article"
        ) from None


def _document(
    doc: Any, url: str, source: Any, *, encoding: str, warnings: list[str], lang_hint: str | None
) -> dict[str, Any]:
    """The document fields from the parsed page (``extract_document`` after its checks)."""
    from longarm.spiders.extraction import main_text as mt

    overrides: dict[str, Any] = dict(getattr(source, "extract", {}) or {})
    tz = ZoneInfo(getattr(source, "timezone", None) or "Asia/Hong_Kong")
    allowed = getattr(source, "allowed_domains", ()) or ()

    # Metadata comes from the untouched tree (meta tags live in <head>, dates in headers).
    canonical = mt.canonical_of(doc, url, allowed)
    meta_doc = copy.deepcopy(doc)
    title = mt.title_of(meta_doc, overrides.get("title"))

    mt.drop(doc, mt.GENERIC_DROP_HEAD, generic=True)
    mt.drop(doc, overrides.get("drop", []) or [])
    main, how = mt.body_text(doc, url, overrides.get("body"))
    main = mt.strip_title(main, title)
    from_selector = how.startswith("selector")
    if not from_selector:
        main = mt.trim_meta_lines(main)
    if not from_selector and overrides.get("body"):
        if len(main) < SHELL_CHARS and not mt.has_sentence(main):
            # The source's checked selector found nothing and the generic extractors only
            # scraped a few lines: this is a script-rendered shell or an error page, and
            # those lines are page chrome, not an article.
            warnings.append(
                f"body selector {overrides['body']!r} found nothing and the generic extractors only "
                f"{len(main)} characters ({how}); page looks like a script-rendered shell, text left empty"
            )
            main = ""
        else:
            warnings.append(f"body selector {overrides['body']!r} found no text; used {how}")
    if not main:
        warnings.append("no main text found")

    published = find_published(
        meta_doc,
        url,
        tz,
        selectors=overrides.get("date"),
        date_regex=overrides.get("date_regex"),
        title=title,
        body_text=main,
    )
    if published is None:
        warnings.append("no publication date found")

    hint = lang_hint
    if hint is None and hasattr(source, "match_article"):
        art = source.match_article(url)
        hint = art.lang if art else None
    lang = detect_language((title or "") + "\n" + main, hint=hint)
    if hint and lang != hint:
        warnings.append(f"text reads as {lang}, listing/pattern said {hint}")
    return {
        "url": url,
        "canonical_url": canonical,
        "title": title or None,
        "published_at": published.isoformat() if published else None,
        "lang": lang,
        "text": main,
        "encoding": encoding,
        "warnings": warnings,
    }
