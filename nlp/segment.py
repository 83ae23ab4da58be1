"""Chinese word segmentation with jieba, loaded lazily with our gazetteers and cue terms.

Why: one-character Chinese cues (将 'will', 会 'will', 了 perfective) are only evidence
when they are words of their own, not parts of 将军 (general) or 会议 (meeting);
jieba tells us the word boundaries. Segmentation runs at ~1 MB/s here, so it is
applied to candidate sentences only, never to whole documents, and within a sentence
only to the runs of Chinese text a question is asked about (see :func:`token_bounds`).

jieba writes a ~9 MB dictionary cache; we point it at our cache directory
($LONGARM_CACHE, else $XDG_CACHE_HOME/longarm, else ~/.cache/longarm) instead of
the system temp folder.
"""

from __future__ import annotations

import bisect
import functools
import logging
import os
import re
import tempfile
import threading
from math import log
from pathlib import Path
from typing import Any, Callable, Container, Iterable

__all__ = ["WordBounds", "cache_dir", "get_tokenizer", "token_bounds"]

_LOCK = threading.Lock()
_TOKENIZER: Any = None
_WORDS: list[str] = []


def cache_dir() -> Path:
    """Where jieba's dictionary cache goes (created on demand)."""
    base = os.environ.get("LONGARM_CACHE")
    if base:
        path = Path(base)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        path = Path(xdg) / "longarm" if xdg else Path.home() / ".cache" / "longarm"
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / ".write-test"
        probe.write_text("")
        probe.unlink()
    except OSError:
        path = Path(tempfile.gettempdir()) / "longarm-cache"
        path.mkdir(parents=True, exist_ok=True)
    return path


def register_words(words: Iterable[str]) -> None:
    """Words (already normalised) to add to jieba's dictionary when it is first loaded."""
    _WORDS.extend(w for w in words if len(w) > 1)


def get_tokenizer() -> Any:
    """jieba's default tokenizer, initialised once with our cache dir and user words."""
    global _TOKENIZER
    if _TOKENIZER is not None:
        return _TOKENIZER
    with _LOCK:
        if _TOKENIZER is None:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            dt = jieba.dt
            dt.tmp_dir = str(cache_dir())
            dt.initialize()
            for w in dict.fromkeys(_WORDS):
                dt.add_word(w, freq=20000)
            _TOKENIZER = dt
    return _TOKENIZER


class _Membership(Container[int]):
    """``offset in x`` answered by a function (the two sides of :class:`WordBounds`)."""

    __slots__ = ("_test",)

    def __init__(self, test: Callable[[int], bool]) -> None:
        self._test = test

    def __contains__(self, offset: object) -> bool:
        return isinstance(offset, int) and self._test(offset)


@functools.lru_cache(maxsize=1)
def _re_han() -> re.Pattern[str]:
    """jieba's own block pattern: it cuts text into these runs and segments each run on its own."""
    import jieba

    return jieba.re_han_default


def _run_bounds(run: str) -> tuple[frozenset[int], frozenset[int]]:
    """Word start and end offsets (relative) of one run of jieba's block pattern: exactly those of
    ``Tokenizer.tokenize(run, HMM=True)``.

    Why not tokenize itself: it is a stack of generators yielding word strings (tokenize, cut, the
    route's walk) over a run that is one block already. These are jieba 0.42's own steps, in its
    order and with its floating-point operations: ``get_DAG``, the best route from the end
    (``calc``, with a loop for its ``max`` over a generator: the first of equal tuples either way,
    and the tuples differ in their offsets), then ``__cut_DAG``'s walk, which gives each run of
    single characters not in the dictionary to the HMM (``finalseg.cut``). A fifth less time on the
    runs of the real corpus; tests/nlp/test_nlp_segment.py checks the offsets against ``tokenize``.
    """
    from jieba import finalseg

    tok = get_tokenizer()
    freq = tok.FREQ
    n = len(run)
    dag = tok.get_DAG(run)
    logtotal = log(tok.total)
    route: list[tuple[float, int]] = [(0, 0)] * (n + 1)
    for idx in range(n - 1, -1, -1):
        best: tuple[float, int] | None = None
        for x in dag[idx]:
            cand = (log(freq.get(run[idx : x + 1]) or 1) - logtotal + route[x + 1][0], x)
            if best is None or cand > best:
                best = cand
        assert best is not None  # get_DAG gives every offset at least itself
        route[idx] = best
    starts: set[int] = set()
    ends: set[int] = set()

    def single(s: int, e: int) -> None:
        """The buffer of one-character words ``run[s:e]``: one word, the HMM's words, or each character."""
        if e - s == 1 or (e - s > 1 and freq.get(run[s:e])):
            starts.update(range(s, e))
            ends.update(range(s + 1, e + 1))
        elif e - s > 1:
            for w in finalseg.cut(run[s:e]):
                starts.add(s)
                s += len(w)
                ends.add(s)

    x = buffered = 0
    while x < n:
        y = route[x][1] + 1
        if y - x > 1:
            single(buffered, x)
            starts.add(x)
            ends.add(y)
            buffered = y
        x = y
    single(buffered, n)
    return frozenset(starts), frozenset(ends)


class WordBounds:
    """Where jieba's words of ``text[start:end]`` start and end, segmenting only the runs asked about.

    Why: jieba splits its input into runs of Han characters and ASCII letters/digits
    (``jieba.re_han_default``), segments each run on its own, and makes every other
    character a word of its own (``\\r\\n`` one word). So whether an offset is a word
    boundary depends only on the run around it, and a sentence with one token cue needs
    one clause segmented, not the whole sentence (each run at most once). No cache across
    sentences: text the crawler meets is new, and a benchmark that passes over the same
    documents again must not look faster than new text. The answers are exactly those of
    segmenting the whole slice.
    """

    __slots__ = ("_text", "_start", "_end", "_runs", "_run_starts", "_segmented")

    def __init__(self, text: str, start: int, end: int) -> None:
        self._text = text
        self._start = start
        self._end = end
        self._runs = [m.span() for m in _re_han().finditer(text, start, end)]
        self._run_starts = [s for s, _ in self._runs]
        self._segmented: dict[int, tuple[frozenset[int], frozenset[int]]] = {}

    def _bounds_of(self, run: tuple[int, int]) -> tuple[frozenset[int], frozenset[int]]:
        got = self._segmented.get(run[0])
        if got is None:
            got = self._segmented[run[0]] = _run_bounds(self._text[run[0] : run[1]])
        return got

    def _run_at(self, i: int) -> tuple[int, int] | None:
        k = bisect.bisect_right(self._run_starts, i) - 1
        if k >= 0 and i < self._runs[k][1]:
            return self._runs[k]
        return None

    def is_start(self, p: int) -> bool:
        """True when a word of the slice starts at absolute offset ``p``."""
        if not self._start <= p < self._end:
            return False
        run = self._run_at(p)
        if run is not None:
            return p - run[0] in self._bounds_of(run)[0]
        # outside a run every character is a word, except the "\n" of "\r\n"
        return not (self._text[p] == "\n" and p > self._start and self._text[p - 1] == "\r")

    def is_end(self, p: int) -> bool:
        """True when a word of the slice ends at absolute offset ``p`` (exclusive end)."""
        if not self._start < p <= self._end:
            return False
        run = self._run_at(p - 1)
        if run is not None:
            return p - run[0] in self._bounds_of(run)[1]
        return not (self._text[p - 1] == "\r" and p < self._end and self._text[p] == "\n")


def token_bounds(text: str, start: int, end: int) -> tuple[Container[int], Container[int]]:
    """Start and end offsets (absolute) of the jieba words of ``text[start:end]``, as containers
    (``offset in starts``): the same answers as segmenting the whole slice, computed lazily."""
    wb = WordBounds(text, start, end)
    return _Membership(wb.is_start), _Membership(wb.is_end)
