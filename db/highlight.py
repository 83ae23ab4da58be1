"""Where a query matches in the original text, and a snippet around it.

Why: highlights are computed on the original text, not the index: Chinese terms
by position in the folded text (the fold keeps every offset), English words by
comparing Porter stems computed by SQLite's own tokenizer, so what is marked is
what the index matched.
"""

from __future__ import annotations

from typing import Sequence

from longarm.db.query import Alternative, Query
from longarm.db.search_text import _STEMMER, LATIN_WORD, fold

__all__ = ["mark", "match_spans", "snippet", "snippet_fit", "window", "window_of"]


def match_spans(text: str | None, query: Query | Sequence[Alternative]) -> list[tuple[int, int]]:
    """Sorted, merged (start, end) offsets in ``text`` of everything the query matches."""
    if not text:
        return []
    alts = query.alternatives if isinstance(query, Query) else list(query)
    folded = fold(text)
    spans: list[tuple[int, int]] = []
    latin_alts = [a for a in alts if a.words]
    for a in alts:
        if a.han:
            start = folded.find(a.han)
            while start >= 0:
                spans.append((start, start + len(a.han)))
                start = folded.find(a.han, start + 1)
    if latin_alts:
        words = [(m.start(), m.end(), m.group()) for m in LATIN_WORD.finditer(folded)]
        if words:
            stems = _STEMMER.stems(w for _, _, w in words)
            wanted = _STEMMER.stems(w for a in latin_alts for w in a.words)
            seq = [stems[w] for _, _, w in words]
            for a in latin_alts:
                target = [wanted[w] for w in a.words]
                n = len(target)
                for k in range(len(seq) - n + 1):
                    ok = all(seq[k + x] == target[x] for x in range(n - 1))
                    last_word = words[k + n - 1][2].lower()
                    if a.prefix:
                        ok = ok and (last_word.startswith(a.words[-1]) or seq[k + n - 1].startswith(target[-1]))
                    else:
                        ok = ok and seq[k + n - 1] == target[-1]
                    if ok:
                        spans.append((words[k][0], words[k + n - 1][1]))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def mark(text: str, spans: Sequence[tuple[int, int]], before: str = "[", after: str = "]") -> str:
    out, pos = [], 0
    for s, e in spans:
        out.append(text[pos:s])
        out.append(before + text[s:e] + after)
        pos = e
    out.append(text[pos:])
    return "".join(out)


def window(text: str, spans: Sequence[tuple[int, int]], size: int = 240) -> tuple[int, int]:
    """A (start, end) window of about ``size`` characters around the first match (or the start)."""
    if len(text) <= size:
        return 0, len(text)
    first = spans[0][0] if spans else 0
    start = max(0, first - size // 3)
    end = min(len(text), start + size)
    start = max(0, end - size)
    return start, end


def snippet(
    text: str | None, spans: Sequence[tuple[int, int]], size: int = 240, before: str = "[", after: str = "]"
) -> str:
    """The text around the first match, matches marked, ellipses where cut."""
    if not text:
        return ""
    s, e = window(text, spans, size)
    inner = [(max(a, s) - s, min(b, e) - s) for a, b in spans if b > s and a < e]
    out = mark(text[s:e], inner, before, after)
    return ("…" if s > 0 else "") + " ".join(out.split()) + ("…" if e < len(text) else "")


window_of = window


def snippet_fit(text: str | None, spans: Sequence[tuple[int, int]], columns: int = 70) -> str:
    """A marked snippet that fits about ``columns`` display columns (Chinese characters take two)."""
    if not text:
        return ""
    import unicodedata

    wide = sum(1 for c in text[:400] if unicodedata.east_asian_width(c) in "WF")
    share = wide / max(1, min(len(text), 400))
    size = max(10, int(columns / (1 + share)) - 2 * min(len(spans), 3))
    return snippet(text, spans, size)
