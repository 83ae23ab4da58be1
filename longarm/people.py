"""People the store names as targets whom the gazetteer does not list yet.

Why: the extractor keeps such names as they are written (``unlisted_targets``); an analyst reviews
them — `longarm people unlisted` — and adds the real ones to the gazetteer with `longarm people add`,
after which `longarm extract` re-runs the stored documents with the new entry.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

__all__ = ["unlisted_in_store"]


def unlisted_in_store(db_path: str | Path, limit: int = 50) -> list[dict[str, Any]]:
    """Targets named in the store's statements that no gazetteer entry knows, most frequent first:
    name, the forms it is written in (both scripts), statements, first and latest dates, one
    statement id to look at."""
    from longarm.nlp.gazetteer import load_gazetteer
    from longarm.nlp.normalize import normalize

    gaz = load_gazetteer()
    known = {normalize(a) for e in [*gaz.people, *gaz.speakers] for a in [e.name, *e.aliases]}
    with sqlite3.connect(f"file:{Path(db_path)}?mode=ro", uri=True) as db:
        rows = db.execute(
            "SELECT j.value, count(*), min(d.published_at), max(d.published_at), min(t.id) "
            "FROM threats t JOIN documents d ON d.id = t.document_id, "
            "json_each(CASE WHEN json_valid(t.targets) THEN t.targets ELSE '[]' END) j "
            "GROUP BY j.value ORDER BY count(*) DESC, j.value"
        ).fetchall()
    # one entry per person whatever the script (張曉雯 and 张晓雯 are one name)
    merged: dict[str, dict[str, Any]] = {}
    for name, n, first, latest, tid in rows:
        if not isinstance(name, str) or normalize(name) in known:
            continue
        entry = merged.setdefault(
            normalize(name),
            {"name": name, "forms": [], "statements": 0, "first": first, "latest": latest, "example_threat_id": tid},
        )
        entry["forms"].append(name)
        entry["statements"] += n
        dates_first = [x for x in (entry["first"], first) if x]
        dates_latest = [x for x in (entry["latest"], latest) if x]
        entry["first"] = min(dates_first) if dates_first else None
        entry["latest"] = max(dates_latest) if dates_latest else None
    out = sorted(merged.values(), key=lambda e: (-e["statements"], e["name"]))
    return out[:limit]
