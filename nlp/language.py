"""Language and script detection: "en", "zh-Hant" or "zh-Hans".

Why: documents arrive without reliable language tags (feeds mislabel, pages mix
scripts), and the extractor needs to know whether Chinese text is traditional
or simplified to report it and to pick sentence rules. Counting Han vs Latin
letters and then traditional-only vs simplified-only characters (from OpenCC's
tables) is fast and needs no model.
"""

from __future__ import annotations

from .normalize import simplified_only, traditional_only

__all__ = ["detect_language", "is_han"]

_SAMPLE = 20000  # characters looked at: enough to decide, bounded cost on huge documents


def is_han(ch: str) -> bool:
    """True for CJK unified ideographs (basic block and extension A, compatibility block)."""
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x2FA1F


def detect_language(text: str, hint: str | None = None) -> str:
    """Return "en", "zh-Hant" or "zh-Hans" for ``text``.

    Chinese wins as soon as Han characters are at least a fifth as many as Latin
    letters (a Chinese article quoting English names is still Chinese). Script is
    decided by traditional-only vs simplified-only characters. ``hint`` (what a
    listing or a URL pattern says the page is) decides what the text cannot: a
    text with neither Han characters nor Latin letters, or a script tie. Without
    a hint a tie (rare, very short texts) goes to traditional when any Hong
    Kong-specific marker shows, else simplified.

    The one language detector: the spiders' page extraction re-exports it
    (``longarm.spiders.extraction.language``).
    """
    sample = text[:_SAMPLE]
    han = latin = 0
    trad = simp = 0
    t_only, s_only = traditional_only(), simplified_only()
    for ch in sample:
        if ch.isascii():
            if ch.isalpha():
                latin += 1
        elif is_han(ch):
            han += 1
            if ch in t_only:
                trad += 1
            elif ch in s_only:
                simp += 1
    if han == 0 or han * 5 < latin:
        return "en" if latin or hint is None else hint
    if trad > simp:
        return "zh-Hant"
    if simp > trad:
        return "zh-Hans"
    if hint in ("zh-Hant", "zh-Hans"):
        return hint
    return "zh-Hant" if any(m in sample for m in ("嘅", "咗", "喺", "冇", "「")) else "zh-Hans"
