"""Aho-Corasick matching of lexicon and gazetteer terms over normalised text.

Why: a document is mostly unrelated news. One pass of a C automaton over the
normalised text finds every trigger term (acts of pursuit, instruments); only
the sentences containing one get the full analysis (jieba, rules). The same
machinery, with all terms, then finds every cue and alias inside a candidate
sentence.

English terms match whole words ('arrest' not in 'arrestor'; 'extradit*' allows any
ending); Chinese terms match as substrings (token-level checks are done later, by
the extractor, for terms flagged `token`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Iterator, NamedTuple

import ahocorasick

__all__ = ["Pattern", "Hit", "Matcher"]


@dataclass(frozen=True)
class Pattern:
    """A normalised term with how to check its boundaries and what it stands for."""

    key: str
    prefix: bool = False  # English: any word ending allowed
    token: bool = False  # Chinese: must be a jieba word (checked by the caller)
    case: str | None = None  # exact original-case form required (short English aliases)
    payload: Any = None  # (category, object) for the caller


class Hit(NamedTuple):
    """A validated occurrence of a pattern (absolute offsets). A named tuple: tens of thousands
    are made per document on real prose, and a tuple is several times cheaper to build than a
    frozen dataclass; fields, equality and hashing are the same."""

    start: int
    end: int
    pattern: Pattern


#: makes a hit without the named tuple's Python-level ``__new__`` (a third less time a hit)
_new_hit = tuple.__new__


def _word_char(c: str) -> bool:
    return c.isascii() and c.isalnum()


class _Check(NamedTuple):
    """A pattern with its boundary checks worked out once, when the automaton is built."""

    pattern: Pattern
    left: bool  # an ASCII word character must not precede the match
    right: bool  # ... nor follow it (not for prefix patterns)
    case: str | None


class Matcher:
    """An Aho-Corasick automaton over many patterns; ``find`` returns validated hits."""

    def __init__(self, patterns: Iterable[Pattern]) -> None:
        table: dict[str, list[Pattern]] = {}
        for p in patterns:
            if p.key:
                table.setdefault(p.key, []).append(p)
        self._auto = ahocorasick.Automaton()
        for key, pats in table.items():
            checks = tuple(_Check(p, _word_char(key[0]), not p.prefix and _word_char(key[-1]), p.case) for p in pats)
            unchecked = all(not c.left and not c.right and c.case is None for c in checks)
            self._auto.add_word(key, (len(key), checks, unchecked))
        self._empty = not table
        if not self._empty:
            self._auto.make_automaton()

    def iter_hits(
        self, norm: str, start: int = 0, end: int | None = None, original: str | None = None
    ) -> Iterator[Hit]:
        """Validated hits in ``norm[start:end]`` (absolute offsets)."""
        if self._empty:
            return
        n = len(norm)
        stop = n if end is None else end
        if stop <= start:
            return
        # the automaton copies the string it is given on every call, so a window of a long document
        # is passed as a slice (offsets shifted back): one sentence costs its own length, not the document's
        window = norm if start == 0 and stop == n else norm[start:stop]
        for last, (length, checks, unchecked) in self._auto.iter(window):
            s = start + last - length + 1
            e = start + last + 1
            if unchecked:  # most Chinese terms: nothing to check
                for c in checks:
                    yield _new_hit(Hit, (s, e, c.pattern))
                continue
            for p, left, right, case in checks:
                if left and s > 0:
                    ch = norm[s - 1]
                    if ch.isascii() and ch.isalnum():
                        continue
                if right and e < n:
                    ch = norm[e]
                    if ch.isascii() and ch.isalnum():
                        continue
                if case is not None and (original is None or original[s:e] != case):
                    continue
                yield _new_hit(Hit, (s, e, p))

    def find(self, norm: str, start: int = 0, end: int | None = None, original: str | None = None) -> list[Hit]:
        return list(self.iter_hits(norm, start, end, original))

    def has_hit(self, norm: str, start: int = 0, end: int | None = None, original: str | None = None) -> bool:
        """Is there a validated hit in ``norm[start:end]``? Stops at the first (a pre-test needs no more)."""
        return next(self.iter_hits(norm, start, end, original), None) is not None

    def first_positions(self, norm: str) -> list[int]:
        """Start offsets of every validated hit (the prefilter only needs where, not what)."""
        return [h.start for h in self.iter_hits(norm)]
