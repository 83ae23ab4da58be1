"""What a re-check of an archived article found: unchanged, edited, gone, unreachable or unreadable.

Pure functions over what the live site answered (no Scrapy, no SQLite), so every rule is
unit-tested on its own. The markers (statuses, home paths, "not found" phrases, thresholds)
are in ``longarm/data/recheck.toml``.

The rule that matters most: a failure to reach a site (DNS, TLS, timeouts, 5xx, blocks) is
``unreachable``, never ``gone``; only an answer that says the page is no longer there is.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import urlsplit

UNCHANGED, EDITED, GONE, UNREACHABLE, UNREADABLE = "unchanged", "edited", "gone", "unreachable", "unreadable"
OUTCOMES = (UNCHANGED, EDITED, GONE, UNREACHABLE, UNREADABLE)

MARKERS_FILE = Path(__file__).parent / "data" / "recheck.toml"


@dataclass(frozen=True)
class Markers:
    gone_statuses: frozenset[int]
    home_paths: frozenset[str]
    soft_404_max_chars: int
    empty_max_chars: int
    soft_404_phrases: tuple[str, ...]
    unreachable_statuses: frozenset[int]
    max_attempts: int
    retry_after_hours: float
    reworded_min_similarity: float = 0.6
    reworded_max_sentences: int = 3
    early_hours: float = 12.0


@lru_cache(maxsize=4)
def load_markers(path: str | None = None) -> Markers:
    """The markers of ``longarm/data/recheck.toml`` (or ``path``)."""
    file = Path(path) if path else MARKERS_FILE
    try:
        data: dict[str, Any] = tomllib.loads(file.read_text(encoding="utf-8"))
        gone, unreachable = data["gone"], data["unreachable"]
        return Markers(
            gone_statuses=frozenset(int(s) for s in gone["statuses"]),
            home_paths=frozenset(p.rstrip("/") for p in gone["home_paths"]),
            soft_404_max_chars=int(gone["soft_404_max_chars"]),
            empty_max_chars=int(gone["empty_max_chars"]),
            soft_404_phrases=tuple(p.casefold() for p in gone["soft_404_phrases"]),
            unreachable_statuses=frozenset(int(s) for s in unreachable["statuses"]),
            max_attempts=int(unreachable["max_attempts"]),
            retry_after_hours=float(unreachable["retry_after_hours"]),
            reworded_min_similarity=float(data["reworded"]["min_similarity"]),
            reworded_max_sentences=int(data["reworded"]["max_sentences"]),
            early_hours=float(data["schedule"]["early_hours"]),
        )
    except (OSError, KeyError, ValueError, TypeError, tomllib.TOMLDecodeError) as exc:
        raise RuntimeError(f"re-check markers {file}: {type(exc).__name__}: {exc}: fix or restore the file") from exc


@dataclass(frozen=True)
class LiveAnswer:
    """What the site answered a re-check (``status`` None: no HTTP answer at all, see ``error``)."""

    url: str
    status: int | None = None
    error: str = ""
    final_url: str = ""
    redirected: bool = False
    final_is_article: bool = True  # the final URL still matches the source's article URL patterns
    title: str = ""
    page_text: str = ""  # the visible text of the whole page
    extracted_text: str | None = None  # the article text the source's extractor found (None: none)


@dataclass(frozen=True)
class Outcome:
    kind: str
    detail: str


def normalise(text: str) -> str:
    """Text compared for change: whitespace runs collapsed (re-flowed HTML is no edit)."""
    return re.sub(r"\s+", " ", text or "").strip()


def soft_404_phrase(title: str, page_text: str, markers: Markers | None = None) -> str | None:
    """The "not found" phrase a short page (or its title) shows, or None."""
    m = markers or load_markers()
    t = (title or "").casefold()
    body = normalise(page_text).casefold()
    for phrase in m.soft_404_phrases:
        if phrase in t or (len(body) <= m.soft_404_max_chars and phrase in body):
            return phrase
    return None


def is_home_or_listing(final_url: str, final_is_article: bool, markers: Markers | None = None) -> bool:
    m = markers or load_markers()
    path = urlsplit(final_url).path.rstrip("/")
    return path in m.home_paths or not final_is_article


def classify(answer: LiveAnswer, previous_text: str, markers: Markers | None = None) -> Outcome:
    """The outcome of one re-check, compared with the text of the document's current version."""
    m = markers or load_markers()
    status = answer.status
    if status is None:
        return Outcome(UNREACHABLE, answer.error or "no answer")
    if status in m.unreachable_statuses or status >= 500:
        return Outcome(UNREACHABLE, f"HTTP {status}" + (f" ({answer.error})" if answer.error else ""))
    if status in m.gone_statuses:
        return Outcome(GONE, f"HTTP {status}")
    if answer.redirected and answer.final_url and is_home_or_listing(answer.final_url, answer.final_is_article, m):
        return Outcome(GONE, f"redirected to {answer.final_url} (a home or listing page)")
    if status == 304:
        return Outcome(UNCHANGED, "304 Not Modified")
    if not 200 <= status < 300:
        return Outcome(UNREACHABLE, f"HTTP {status}: tried again next night")
    phrase = soft_404_phrase(answer.title, answer.page_text, m)
    if phrase is not None:
        return Outcome(GONE, f"a 'not found' page served with HTTP {status} ({phrase!r})")
    if len(normalise(answer.page_text)) <= m.empty_max_chars and not normalise(answer.extracted_text or ""):
        return Outcome(GONE, "empty page")
    new = normalise(answer.extracted_text or "")
    if not new:
        return Outcome(UNREADABLE, "page fetched but no article text extracted (layout change?): tried again")
    if new == normalise(previous_text):
        return Outcome(UNCHANGED, "same text")
    return Outcome(EDITED, "text changed")


def missing_quotes(quotes: Iterable[tuple[int, str]], new_text: str) -> list[int]:
    """Ids of the statements (id, quote) whose quote no longer stands in ``new_text`` (whitespace ignored)."""
    current = normalise(new_text)
    return [tid for tid, quote in quotes if normalise(quote) not in current]
