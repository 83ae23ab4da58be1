"""Script and case folding that keeps every character at its offset.

Why: one lexicon has to serve traditional and simplified Chinese and any
capitalisation of English, and every detection must point back into the
*original* text. OpenCC's phrase-level converter is both slow in its pure
Python form (~1.5 MB/s, as slow as jieba) and free to change lengths, so we
build a one-character-to-one-character table from OpenCC's own dictionaries
and apply it with ``str.translate`` (C speed, ~50 MB/s). Phrase entries of
OpenCC whose result has the same length are applied afterwards, so the output
equals ``OpenCC('t2s')`` for nearly all text while ``len(out) == len(text)``
always holds.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any, Callable

__all__ = [
    "to_simplified",
    "normalize",
    "char_table",
    "traditional_only",
    "simplified_only",
    "opencc_t2s",
    "script_fold_table",
    "fold_script",
]


def _dictionary_dir() -> Path:
    import opencc  # opencc-python-reimplemented ships OpenCC's dictionaries as text files

    return Path(opencc.__file__).resolve().parent / "dictionary"


def _read_pairs(name: str) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    path = _dictionary_dir() / name
    if not path.is_file():
        return pairs
    for line in path.read_text(encoding="utf-8").splitlines():
        if "\t" not in line:
            continue
        src, dst = line.split("\t", 1)
        cands = dst.split()
        if src and cands:
            pairs.append((src, cands[0]))
    return pairs


@functools.lru_cache(maxsize=1)
def char_table() -> dict[int, str]:
    """Traditional -> simplified, one character to one character (OpenCC TSCharacters, first candidate)."""
    table: dict[int, str] = {}
    for src, dst in _read_pairs("TSCharacters.txt"):
        if len(src) == 1 and len(dst) == 1 and src != dst:
            table[ord(src)] = dst
    return table


@functools.lru_cache(maxsize=1)
def _phrase_fixups() -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """OpenCC t2s phrases whose char-by-char result differs but whose length is kept."""
    table = char_table()
    fix: dict[str, str] = {}
    for src, dst in _read_pairs("TSPhrases.txt"):
        if len(src) == len(dst) and len(src) > 1:
            naive = src.translate(table)
            if naive != dst:
                fix[naive] = dst
    if not fix:
        return None, fix
    pattern = re.compile("|".join(re.escape(k) for k in sorted(fix, key=len, reverse=True)))
    return pattern, fix


def to_simplified(text: str) -> str:
    """Traditional Chinese -> simplified, with ``len(result) == len(text)`` guaranteed.

    Used by search indexing and by the extractor, so it is a single ``str.translate``
    plus a rare regex pass for OpenCC phrase exceptions.
    """
    return _apply_fixups(text, text.translate(char_table()))


def _apply_fixups(original: str, out: str) -> str:
    """Apply same-length OpenCC phrase exceptions where the original really was traditional."""
    if out.isascii():
        return out
    pattern, fix = _phrase_fixups()
    if pattern is None:
        return out

    def repl(m: re.Match[str]) -> str:
        if original[m.start() : m.end()] == m.group(0):  # already simplified text: leave it alone
            return m.group(0)
        return fix[m.group(0)]

    return pattern.sub(repl, out)


@functools.lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    """to_simplified's table plus ASCII lower-casing, full-width ASCII and typographic quotes folded."""
    table = dict(char_table())
    for c in range(ord("A"), ord("Z") + 1):
        table[c] = chr(c + 32)
    for c in range(0xFF01, 0xFF5F):  # full-width ASCII forms
        table[c] = chr(c - 0xFEE0).lower()
    table[0x3000] = " "  # ideographic space
    for ch in "\u2018\u2019\u201b\u2032":
        table[ord(ch)] = "'"
    for ch in "\u201c\u201d\u201f\u2033":
        table[ord(ch)] = '"'
    for ch in "\u2010\u2011\u2012\u2013\u2014\u2015":
        table[ord(ch)] = "-"
    table[0x00A0] = " "
    return table


#: texts at least this long are folded through ``_fold_codes`` (below it numpy's set-up costs more)
_ARRAY_FOLD_MIN = 256


@functools.lru_cache(maxsize=1)
def _fold_codes() -> Any:
    """``_fold_table`` as a numpy array of code points (index: a code point), or None if some entry
    is not one character to one character (then ``str.translate`` folds every text)."""
    import numpy as np  # imported here: db/ folds text with this module and needs no numpy

    table = _fold_table()
    if not all(isinstance(v, str) and len(v) == 1 for v in table.values()):
        return None
    codes = np.arange(max(table) + 1, dtype=np.uint32)
    for src, dst in table.items():
        codes[src] = ord(dst)
    return codes


def _fold(text: str) -> str:
    """``text.translate(_fold_table())``. Why an array for long texts: ``str.translate`` looks every
    character up in a dict and leaves its fast path at the first non-ASCII one; a page through one
    array lookup is five times faster (measured on the real corpus), with the same characters."""
    codes = _fold_codes() if len(text) >= _ARRAY_FOLD_MIN else None
    if codes is None:
        return text.translate(_fold_table())
    import numpy as np

    # "surrogatepass": a lone surrogate (a page decoded with errors) goes through unchanged, as translate leaves it
    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).copy()
    inside = cps < len(codes)
    cps[inside] = codes[cps[inside]]
    return cps.tobytes().decode("utf-32-le", "surrogatepass")


def normalize(text: str) -> str:
    """The text every lexicon is matched against: simplified, lower-case ASCII, same length and offsets."""
    out = _apply_fixups(text, _fold(text))
    if len(out) != len(text):  # cannot happen with 1:1 tables; kept as the documented safety net
        out = "".join(c.translate(_fold_table())[:1] or c for c in text)
    return out


@functools.lru_cache(maxsize=1)
def script_fold_table() -> dict[int, str]:
    """One character to one character: HK/TW variants and traditional -> simplified, full-width ASCII -> ASCII.

    Why a second table: the search index folds the Hong Kong and Taiwan variant
    forms too (OpenCC's HKVariantsRev and TWVariantsRev, followed to a fixed point
    through TSCharacters), so 綫 finds 线, and it keeps ASCII case (FTS5 lower-cases
    by itself). Unlike :func:`normalize` it has no phrase fix-ups: a query and a
    document must fold alike whatever surrounds a character. The search index's
    content depends on this table (``longarm.db.search_text.normaliser_id`` hashes it).
    """
    mapping: dict[str, str] = {}
    for name in ("HKVariantsRev.txt", "TWVariantsRev.txt", "TSCharacters.txt"):
        for src, dst in _read_pairs(name):
            if len(src) == 1 and len(dst) == 1 and src != dst:
                mapping.setdefault(src, dst)
    # follow chains (variant -> standard traditional -> simplified) to a fixed point
    table: dict[int, str] = {}
    for src, dst in mapping.items():
        seen = {src}
        while dst in mapping and dst not in seen:
            seen.add(dst)
            dst = mapping[dst]
        if dst != src:
            table[ord(src)] = dst
    for cp in range(0xFF01, 0xFF5F):  # full-width ASCII
        table[cp] = chr(cp - 0xFEE0)
    table[0x3000] = " "  # ideographic space
    return table


def fold_script(text: str) -> str:
    """``text`` through :func:`script_fold_table`: simplified script, ASCII width, case kept, same length."""
    return text.translate(script_fold_table())


def opencc_t2s(text: str) -> str:
    """OpenCC's own phrase-aware t2s, falling back to our per-char mapping when lengths differ.

    Slow (pure Python); offered for callers that want OpenCC's exact output on short strings.
    """
    out = _opencc()(text)
    return out if len(out) == len(text) else to_simplified(text)


@functools.lru_cache(maxsize=1)
def _opencc() -> Callable[[str], str]:
    import opencc

    return opencc.OpenCC("t2s").convert


@functools.lru_cache(maxsize=1)
def traditional_only() -> frozenset[str]:
    """Characters that only occur in traditional script (they change under t2s)."""
    simp = {dst for src, dst in _read_pairs("TSCharacters.txt")}
    return frozenset(chr(c) for c in char_table() if chr(c) not in simp)


@functools.lru_cache(maxsize=1)
def simplified_only() -> frozenset[str]:
    """Characters that only occur in simplified script (they change under s2t and are no traditional form)."""
    trad = {chr(c) for c in char_table()}
    out = set()
    for src, dst in _read_pairs("STCharacters.txt"):
        if len(src) == 1 and src != dst and src not in trad:
            out.add(src)
    return frozenset(out)
