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
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "big5": "big5hkscs",
    "x-big5": "big5hkscs",
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
}


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


# The ~250 most frequent Han characters of news text, in both scripts. A wrong
# double-byte decoding (Big5 read as GBK, UTF-8 read as GBK) still yields valid Han
# characters, but rare ones: the share of frequent characters tells the right reading.
_COMMON_HAN = set(
    "的一是不了在人有我他这這个個们們中来來上大为為和国國地到以说說时時要就出会會可也你对對生能而子那得于於着著"
    "下自之年过過发發后後作里裏用道行所然家种種事成方多经經么麼去法学學如都同现現当當没沒动動面起看定天分还還进進"
    "好小部其些主样樣理心她本前开開但因只从從想实實日军軍者意无無力它与與长長把机機十民第公此已工使情明性知全三又"
    "关關点點正业業外将將两兩高间間由问問很最重并並物手应應战戰向头頭文体體政美相见見被利什二等产產或新己制身果加西斯"
    "月话話合回特代内內信表化老给給世位次度门門任常先海通教儿兒原东東声聲提立及比员員解水名真论論处處走义義各入几幾"
    "口认認条條平系气氣题題活尔爾更别別打女变變四神总總何电電数數安少报報才结結反受目太量再感建务務做接必场場件计計管期"
    "市直德资資命山金指克许許统統区區保至队隊形社便空决決治展马馬科司五基眼书書非则則听聽白却界达達光放强強即像难難且权權"
    "思王象完设設式色路记記南品住告类類求据據程北边邊死张張该該交规規万萬取拉格望觉覺术術领領共确確传傳师師观觀清今切院让讓"
    "识識候带帶导導争爭运運笑飞飛风風步改收根干干港警署府官局港澳台灣湾逃犯罪案追捕悬懸赏賞通缉緝"
)


def _han_score(text: str) -> float:
    """Share of Han characters that are frequent ones (0 when there are almost none)."""
    sample = text[:20000]
    han = [c for c in sample if "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"]
    if len(han) < 4:
        return 0.0
    return sum(c in _COMMON_HAN for c in han) / len(han)


def decode_html(body: bytes, headers: Mapping[str, str] | None = None) -> tuple[str, str]:
    """(text, encoding actually used), deciding from the bytes when the declaration is wrong.

    Order: a BOM; a strict UTF-8 decode (non-ASCII GBK/Big5 bytes almost never form
    valid UTF-8, so success means UTF-8 whatever the page declares); then every
    strict decoding among the declared charset, GB18030 and Big5-HKSCS, ranked by the
    share of frequent Han characters (ties go to the declared charset), with a nearly
    valid UTF-8 reading (a few broken bytes) in the race too; then charset-normalizer;
    last, a lossy decode with U+FFFD replacements.
    """
    if body.startswith(codecs.BOM_UTF8):
        return body[3:].decode("utf-8", "replace"), "utf-8"
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return body.decode("utf-16", "replace"), "utf-16"
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = declared_encoding(body, headers)
    candidates: list[tuple[float, int, str, str]] = []
    for enc in dict.fromkeys([declared, "gb18030", "big5hkscs"]):
        if not enc or enc == "utf-8":
            continue
        try:
            text = body.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        candidates.append((_han_score(text), int(enc == declared), enc, text))
    lossy = body.decode("utf-8", "replace")
    bad = lossy.count("\ufffd")
    if bad <= len(body) // 1000:  # a few broken bytes in a big UTF-8 page (a truncated multi-byte char)
        candidates.append((_han_score(lossy), int(declared in (None, "utf-8")), "utf-8", lossy))
    if candidates:
        score, is_declared, enc, text = max(candidates, key=lambda c: (c[0], c[1]))
        if score >= 0.2 or is_declared or len(candidates) == 1:
            return text, enc
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(body[:200000]).best()
        if best is not None and best.encoding:
            enc = _norm(best.encoding) or best.encoding
            return body.decode(enc, "replace"), enc
    except Exception:  # charset-normalizer is a guess; fall through to a lossy decode
        pass
    if candidates:
        _, _, enc, text = max(candidates, key=lambda c: (c[0], c[1]))
        return text, enc
    enc = declared or "utf-8"
    return body.decode(enc, "replace"), enc
