"""The values a search filter can take, so that a typo is an error and not an empty result.

Why: `longarm search --source nope` (or `--lang fr`, `--label bogus`) used to answer "0 threats
match", which reads as "nothing was said" when nothing was searched (issue 10). Labels and
languages are fixed by the analyze contract; sources are those in the store's ``sources`` table
(the registry mirrored at each crawl).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from longarm.db.search import QueryError

__all__ = ["LABELS", "LANGS", "check_choices", "source_ids"]

LABELS = ("threat", "action")
#: ``zh`` matches both scripts
LANGS = ("en", "zh", "zh-Hant", "zh-Hans")


def source_ids(conn: sqlite3.Connection) -> list[str]:
    """Ids in the store's ``sources`` table, sorted (empty when the table is missing)."""
    try:
        return sorted(r[0] for r in conn.execute("SELECT id FROM sources"))
    except sqlite3.OperationalError:
        return []


def _choose(value: str, choices: tuple[str, ...] | list[str], option: str) -> str:
    for c in choices:
        if value.lower() == c.lower():
            return c
    listed = ", ".join(choices) if choices else "(none: the store has no sources yet; run `longarm crawl`)"
    raise QueryError(f"{option} {value!r} is not one of: {listed}")


def check_choices(filters: Any, conn: sqlite3.Connection) -> None:
    """Raise :class:`QueryError` naming the valid values when ``filters`` (a ``longarm.db.search.Filters``)
    has a label, language or source that does not exist; spellings that differ only in case are
    set to the canonical one."""
    if filters.label is not None:
        filters.label = _choose(filters.label, LABELS, "--label")
    if filters.lang is not None:
        filters.lang = _choose(filters.lang, LANGS, "--lang")
    if filters.source is not None:
        filters.source = _choose(filters.source, source_ids(conn), "--source")
