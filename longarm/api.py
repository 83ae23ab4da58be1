"""A small Python API for notebooks: ``longarm.open("longarm.db")``.

Researchers who work in pandas or Jupyter get the same searches and records the
CLI gives, as plain lists of dicts (``pandas.DataFrame(records)`` takes them as
they are), without writing SQL. Example (docs/python-api.md)::

    import longarm, pandas as pd
    with longarm.open("demo/longarm.db") as lg:
        hits = lg.search("red notice", since="2023")
        df = pd.DataFrame(lg.detections(label="action"))
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from longarm import detections as D
from longarm.db import Store
from longarm.db import search as S


class LongarmError(Exception):
    """A bad argument or an unusable database, said in words (no traceback needed)."""


class Longarm:
    """A longarm store opened for reading (the search index is brought up to date when writable)."""

    def __init__(self, db: str | Path, *, archive: str | Path | None = None) -> None:
        try:
            self._store = Store(db, create=False)
        except FileNotFoundError as exc:
            raise LongarmError(str(exc)) from exc
        self.path = self._store.path
        self._archive = Path(archive) if archive is not None else None
        try:
            S.ensure_index(self._store.db)
        except sqlite3.OperationalError as exc:
            if "readonly" not in str(exc) and "read-only" not in str(exc):
                raise
            if S.index_status(self._store.db) in ("missing", "stale"):
                raise LongarmError(f"the search index of {self.path} needs building but the file is read-only") from exc

    # -- context manager ------------------------------------------------------
    def __enter__(self) -> "Longarm":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        self._store.close()

    @property
    def db(self) -> Any:
        """The sqlite-utils Database, for anything the methods below do not cover."""
        return self._store.db

    # -- searches ---------------------------------------------------------------
    def search(
        self,
        query: str,
        *,
        label: str | None = None,
        speaker: str | None = None,
        target: str | None = None,
        source: str | None = None,
        lang: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Statements matching ``query`` (English or Chinese, either script), best first.

        The same search as ``longarm search`` and the web page; each row has the
        statement's fields, ``relevance`` (lower is better) and ``highlights``
        (offsets of the matched words in the quote).
        """
        if not 1 <= int(limit) <= 10_000:
            raise LongarmError(f"limit {limit}: give a number from 1 to 10000")
        try:
            filters = S.Filters(
                label=label, speaker=speaker, target=target, source=source, lang=lang, since=since, until=until
            )
            res = S.search_threats(self._store.db.conn, query, filters, limit=int(limit), offset=max(0, int(offset)))
        except S.QueryError as exc:
            raise LongarmError(f"query {query[:80]!r}: {exc}") from exc
        out = []
        for r in res.rows:
            r = dict(r)
            r["relevance"] = r.pop("rank", None)
            r["highlights"] = [list(s) for s in r.pop("spans")]
            r.pop("snippet", None)
            out.append(r)
        return out

    def detections(
        self,
        *,
        since: str | None = None,
        until: str | None = None,
        source: str | None = None,
        label: str | None = None,
        include_superseded: bool = False,
    ) -> list[dict[str, Any]]:
        """Every selected statement with all its fields and citation (the rows of `longarm export jsonl`)."""
        return list(D.records(self._store.db, self._selection(since, until, source, label, include_superseded)))

    def plover(
        self, *, since: str | None = None, until: str | None = None, source: str | None = None, label: str | None = None
    ) -> list[dict[str, Any]]:
        """PLOVER-style event records, one per statement (docs/exports.md has the mapping)."""
        sel = self._selection(since, until, source, label, False)
        return [D.plover_event(r) for r in D.records(self._store.db, sel)]

    def citation(self, threat_id: int, format: str = "json") -> Any:
        """The citation of a statement: a dict (json), a list (csl) or a Markdown line (md)."""
        from longarm.db import citation as C

        try:
            c = C.load(self._store.db, int(threat_id))
        except C.CitationNotFound as exc:
            raise LongarmError(f"{exc} in {self.path}") from exc
        if format == "json":
            return C.as_json(c)
        if format == "csl":
            return C.as_csl(c)
        if format == "md":
            return C.as_markdown(c)
        raise LongarmError(f"citation format {format!r}: use json, csl or md")

    def verify(self, threat_id: int) -> dict[str, Any]:
        """Re-read the archived record: SHA-256 and quote checks, as a dict with ``ok``."""
        from longarm.db.archive_location import recorded_archive
        from longarm.verification import verify

        archive = self._archive or recorded_archive(self.path) or Path("archive")
        self.citation(threat_id)  # a clear error for an unknown id
        return verify(self._store.db, archive, int(threat_id)).as_dict()

    def sources(self) -> list[dict[str, Any]]:
        """The source registry as stored (id, name, owner, kind, languages, ...)."""
        return list(self._store.db.query("SELECT * FROM sources ORDER BY id"))

    @staticmethod
    def _selection(
        since: str | None, until: str | None, source: str | None, label: str | None, include_superseded: bool
    ) -> D.Selection:
        try:
            return D.Selection(
                since=S.check_date(since, "since"),
                until=S.check_date(until, "until"),
                source=source,
                label=label,
                include_superseded=include_superseded,
            )
        except S.QueryError as exc:
            raise LongarmError(str(exc)) from exc


def open_store(db: str | Path, *, archive: str | Path | None = None) -> Longarm:
    """Open a longarm database for the Python API (see :class:`Longarm`)."""
    return Longarm(db, archive=archive)
