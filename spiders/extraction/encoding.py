"""Decide a page's character encoding from its bytes when the declaration is wrong.

Chinese government and state-media sites often declare GB2312 or Big5 while
serving UTF-8 (and the reverse). A strict UTF-8 decode of non-ASCII bytes
almost never succeeds by chance on GBK/Big5 text, so it is tried first; then
the declaration (widened to its superset: GB2312/GBK -> GB18030, Big5 ->
Big5-HKSCS); then charset-normalizer's guess.
"""
from __future__ import annotations

import codecs
import re
from typing import Mapping

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
              "big5": "big5hkscs", "x-big5": "big5hkscs", "iso-8859-1": "cp1252", "latin-1": "cp1252",
              "ascii": "cp1252", "us-ascii": "cp1252"}


def _norm(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        return None
    return _SUPERSETS.get(name, _SUPERSETS.get(canonical, canonical))


def declared_encoding(body: bytes, headers: Mapping[str, str] | None = None) -> str | None:
    """The charset the server or the page declares (HTTP header first, then <meta>)."""
    for k, v in (headers or {}).items():
        if k.lower() == "content-type" and "charset=" in v.lower():
            enc = _norm(v.lower().split("charset=", 1)[1].split(";")[0])
            if enc:
                return enc
    m = _META_CHARSET.search(body[:8192])
    return _norm(m.group(1).decode("ascii", "ignore")) if m else None


def decode_html(body: bytes, headers: Mapping[str, str] | None = None) -> tuple[str, str]:
    """(text, encoding actually used)."""
    if body.startswith(codecs.BOM_UTF8):
        return body[3:].decode("utf-8", "replace"), "utf-8"
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return body.decode("utf-16", "replace"), "utf-16"
    try:
        text = body.decode("utf-8")
        return text, "utf-8"
    except UnicodeDecodeError:
        pass
    declared = declared_encoding(body, headers)
    if declared and declared != "utf-8":
        try:
            return body.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            pass
    for candidate in ("gb18030", "big5hkscs"):
        try:
            return body.decode(candidate), candidate
        except UnicodeDecodeError:
            continue
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(body[:200000]).best()
        if best is not None and best.encoding:
            enc = _norm(best.encoding) or best.encoding
            return body.decode(enc, "replace"), enc
    except Exception:  # charset-normalizer is a guess; fall through to a lossy decode
        pass
    enc = declared or "utf-8"
    return body.decode(enc, "replace"), enc
