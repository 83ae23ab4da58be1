"""Text as the search index sees it: folded script, Han bigrams, Porter stems.

Why its own module: the index, the query parser and the highlighter must all
see a text the same way, or a query finds a row and highlights nothing (or the
reverse). The character fold itself is ``longarm.nlp.normalize.fold_script`` (OpenCC's
tables are read in one place only); what is particular to search lives here:
Han runs written out as overlapping bigrams for FTS5, and English stems taken
from SQLite's own porter tokenizer so they agree with the index.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import sqlite3
import threading
from typing import Any, Iterable

from longarm.nlp.normalize import fold_script, script_fold_table, to_simplified

__all__ = [
    "NORMALISER_VERSION",
    "TOKENIZE",
    "HAN_RUN",
    "IS_HAN",
    "LATIN_WORD",
    "fold",
    "index_text",
    "normaliser_id",
    "stem",
    "to_simplified",
]

NORMALISER_VERSION = "1"
TOKENIZE = "porter unicode61 remove_diacritics 2"

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN_RUN = re.compile(f"[{_HAN}]+")
IS_HAN = re.compile(f"[{_HAN}]")
# what unicode61 treats as one token, minus Han characters (handled separately)
LATIN_WORD = re.compile(f"(?:(?![{_HAN}])[^\\W_])+")


@functools.lru_cache(maxsize=1)
def normaliser_id() -> str:
    """Identifies the normaliser: an index built by another one must be rebuilt."""
    h = hashlib.sha256(json.dumps(sorted(script_fold_table().items())).encode()).hexdigest()[:12]
    return f"{NORMALISER_VERSION}-{h}"


def fold(text: str) -> str:
    """Chinese folded to simplified characters, full-width ASCII to ASCII. Same length as ``text``."""
    return fold_script(text)


def _han_tokens(run: str) -> list[str]:
    """Bigrams of a Han run plus its last character (so every character starts some token)."""
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)] + [run[-1]]


def index_text(text: str | None) -> str:
    """The normalised copy of ``text`` that goes into the FTS5 index."""
    if not text:
        return ""
    s = fold(text)
    out: list[str] = []
    pos = 0
    for m in HAN_RUN.finditer(s):
        if m.start() > pos:
            out.append(s[pos : m.start()])
        out.append(" " + " ".join(_han_tokens(m.group())) + " ")
        pos = m.end()
    if pos == 0:
        return s
    out.append(s[pos:])
    return "".join(out)


def _targets_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return value
    if isinstance(value, (list, tuple)):
        return " ; ".join(str(v) for v in value if v)
    return str(value)


def _instruments_text(value: Any) -> str:
    return _targets_text(value).replace("_", " ")


# -- Porter stems, computed by SQLite's own tokenizer ----------------------------


class _Stemmer:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cache: dict[str, str] = {}
        self._con: sqlite3.Connection | None = None

    def _connection(self) -> sqlite3.Connection:
        if self._con is None:
            con = sqlite3.connect(":memory:", check_same_thread=False)
            con.execute(f"CREATE VIRTUAL TABLE s USING fts5(w, tokenize='{TOKENIZE}')")
            con.execute("CREATE VIRTUAL TABLE v USING fts5vocab(s, instance)")
            self._con = con
        return self._con

    def stems(self, words: Iterable[str]) -> dict[str, str]:
        words = set(words)
        with self._lock:
            missing = [w for w in words if w not in self._cache]
            if missing:
                if len(self._cache) > 200_000:
                    self._cache.clear()
                con = self._connection()
                with con:
                    con.execute("DELETE FROM s")
                    con.executemany("INSERT INTO s(rowid, w) VALUES (?, ?)", enumerate(missing, 1))
                    got: dict[int, str] = {}
                    for doc, term in con.execute("SELECT doc, term FROM v ORDER BY doc, offset"):
                        got.setdefault(doc, term)
                for i, w in enumerate(missing, 1):
                    self._cache[w] = got.get(i, w.lower())
            return {w: self._cache[w] for w in words}


_STEMMER = _Stemmer()


def stem(word: str) -> str:
    return _STEMMER.stems([word])[word]
