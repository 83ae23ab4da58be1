"""Tell English, traditional Chinese and simplified Chinese apart from the text itself."""
from __future__ import annotations

import re
from functools import lru_cache

_HAN = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")


@lru_cache(maxsize=1)
def _converters():
    import opencc

    return opencc.OpenCC("t2s"), opencc.OpenCC("s2t")


def detect_language(text: str, hint: str | None = None) -> str:
    """'en', 'zh-Hant' or 'zh-Hans'.

    Chinese when Han characters outnumber a quarter of the letters; then the
    script is the one OpenCC changes less of (sampled, for speed). ``hint`` is
    returned when the text has too few Han characters to decide the script.
    """
    sample = text[:6000]
    han = _HAN.findall(sample)
    latin = len(_LATIN.findall(sample))
    if len(han) < 0.25 * (len(han) + latin / 4) or len(han) < 2:
        return "en" if latin or hint is None else hint
    chars = "".join(han)[:3000]
    t2s, s2t = _converters()
    to_simp = sum(a != b for a, b in zip(chars, t2s.convert(chars)))
    to_trad = sum(a != b for a, b in zip(chars, s2t.convert(chars)))
    if to_simp == to_trad:
        return hint if hint in ("zh-Hant", "zh-Hans") else "zh-Hans"
    return "zh-Hant" if to_simp > to_trad else "zh-Hans"
