"""Chinese word segmentation with jieba, loaded lazily with our gazetteers and cue terms.

Why: one-character Chinese cues (将 'will', 会 'will', 了 perfective) are only evidence
when they are words of their own, not parts of 将军 (general) or 会议 (meeting);
jieba tells us the word boundaries. Segmentation runs at ~1 MB/s here, so it is
applied to candidate sentences only, never to whole documents.

jieba writes a ~9 MB dictionary cache; we point it at our cache directory
($LONGARM_CACHE, else $XDG_CACHE_HOME/longarm, else ~/.cache/longarm) instead of
the system temp folder.
"""
from __future__ import annotations

import logging
import os
import tempfile
import threading
from pathlib import Path
from typing import Any, Iterable

__all__ = ["cache_dir", "get_tokenizer", "token_bounds"]

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


def token_bounds(text: str, start: int, end: int) -> tuple[set[int], set[int]]:
    """Start and end offsets (absolute) of the jieba words of ``text[start:end]``."""
    starts: set[int] = set()
    ends: set[int] = set()
    for _word, s, e in get_tokenizer().tokenize(text[start:end], HMM=True):
        starts.add(start + s)
        ends.add(start + e)
    return starts, ends
