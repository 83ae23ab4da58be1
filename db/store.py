"""The Store: every write longarm makes to SQLite goes through here.

Writes are idempotent upserts keyed on natural keys (snapshot: URL + payload
SHA-256; document: URL; threat: document + extractor version + offsets), so a
crawl run twice, or resumed after a crash, adds no duplicate rows.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator

import sqlite_utils

from longarm.db.schema import connect


def utcnow() -> str:
    """Current UTC time as ISO 8601 with a Z suffix, second precision."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _inserted_id(table: sqlite_utils.db.Table) -> int:
    """The integer primary key of the row ``table`` just inserted (sqlite-utils types it as optional)."""
    if table.last_pk is None:
        raise RuntimeError(f"insert into {table.name} gave no row id")
    return int(table.last_pk)


@dataclass
class KnownArticle:
    url: str
    last_seen: str
    etag: str | None
    last_modified: str | None
    source_id: str | None = None
    # False when the run that stored it was killed before writing its WARC metadata record: its
    # source fetches it again (the record says how the text was extracted; citations need it).
    metadata_archived: bool = True


class Store:
    """A longarm database opened for reading and writing."""

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        self.path = Path(path)
        self.db: sqlite_utils.Database = connect(self.path, create=create)

    def close(self) -> None:
        self.db.conn.close()

    # -- sources and runs -------------------------------------------------
    def sync_sources(self, sources: Iterable[Any]) -> None:
        """Mirror the registry into the ``sources`` table (registry is the truth)."""
        rows = []
        for s in sources:
            d = s.summary()
            rows.append(
                {
                    "id": d["id"],
                    "name": d["name"],
                    "owner": d["owner"],
                    "kind": d["kind"],
                    "languages": _json(d["languages"]),
                    "allowed_domains": _json(d["allowed_domains"]),
                    "verified": int(d["verified"]),
                    "verified_note": d["verified_note"],
                    "history": d["history"],
                }
            )
        with self.db.conn:
            self.db.table("sources").upsert_all(rows, pk="id")

    def start_run(self, command: str, sources: list[str], replay: str | None = None) -> int:
        """Record a new run; earlier runs left 'running' by a crash are marked 'interrupted'."""
        with self.db.conn:
            self.db.execute(
                "UPDATE runs SET status = 'interrupted', finished = COALESCE(finished, ?) WHERE status = 'running'",
                [utcnow()],
            )
            table = self.db.table("runs")
            table.insert(
                {
                    "started": utcnow(),
                    "finished": None,
                    "status": "running",
                    "command": command,
                    "replay": replay,
                    "sources": _json(sources),
                    "counts": "{}",
                    "errors": "[]",
                    "pid": os.getpid(),
                    "host": socket.gethostname(),
                }
            )
            return _inserted_id(table)

    def finish_run(self, run_id: int, status: str, counts: dict[str, Any], errors: list[str]) -> None:
        with self.db.conn:
            self.db.table("runs").update(
                run_id,
                {
                    "finished": utcnow(),
                    "status": status,
                    "counts": _json(counts),
                    "errors": _json(errors[:200]),
                },
            )

    def record_run_source(self, run_id: int, source_id: str, row: dict[str, Any]) -> None:
        with self.db.conn:
            self.db.table("run_sources").upsert(
                {"run_id": run_id, "source_id": source_id, **row}, pk=("run_id", "source_id")
            )

    # -- snapshots ----------------------------------------------------------
    def find_snapshot(self, url: str, sha256: str) -> dict[str, Any] | None:
        rows = list(self.db.query("SELECT * FROM snapshots WHERE url = ? AND sha256 = ?", [url, sha256]))
        return rows[0] if rows else None

    def insert_snapshot(self, row: dict[str, Any]) -> int:
        with self.db.conn:
            table = self.db.table("snapshots")
            table.insert(row)
            return _inserted_id(table)

    def latest_snapshot(self, url: str) -> dict[str, Any] | None:
        """The last successful (2xx) response archived for ``url``: what a 304 Not Modified confirms."""
        rows = list(
            self.db.query(
                "SELECT * FROM snapshots WHERE url = ? AND status BETWEEN 200 AND 299 ORDER BY captured_at DESC, id DESC "
                "LIMIT 1",
                [url],
            )
        )
        return rows[0] if rows else None

    def has_revisit(self, snapshot_id: int, captured_at: str) -> bool:
        return bool(
            list(
                self.db.query(
                    "SELECT 1 FROM revisits WHERE snapshot_id = ? AND captured_at = ?", [snapshot_id, captured_at]
                )
            )
        )

    def insert_revisit(self, row: dict[str, Any]) -> None:
        with self.db.conn:
            self.db.table("revisits").insert(row, ignore=True)

    def snapshot(self, snapshot_id: int) -> dict[str, Any] | None:
        rows = list(self.db.query("SELECT * FROM snapshots WHERE id = ?", [snapshot_id]))
        return rows[0] if rows else None

    # -- documents ----------------------------------------------------------
    def known_articles(self) -> dict[str, KnownArticle]:
        """Stored article URLs with their validators, for incremental crawls.

        Every stored URL is returned, whichever source stored it: listings link
        across sources (the Security Bureau's index links to press releases on
        info.gov.hk), and a URL another source already stores must not be
        fetched and stored a second time. The spider revisits only its own.

        ``last_seen`` counts a ``304 Not Modified`` (a revisit row with status 304) as
        seeing the article: otherwise an article once due for a revisit would be
        asked for again on every run.

        ``metadata_archived`` is False for a document whose run was killed
        between storing it and writing its WARC metadata record.
        """
        out: dict[str, KnownArticle] = {}
        for r in self.db.query(
            """SELECT d.url, NULLIF(MAX(COALESCE(d.last_seen, ''), COALESCE(nm.seen, '')), '') AS last_seen,
                      d.source_id, s.etag, s.last_modified, d.metadata_record_id IS NOT NULL AS archived
               FROM documents d
               LEFT JOIN snapshots s ON s.id = d.snapshot_id
               LEFT JOIN (SELECT url, MAX(captured_at) AS seen FROM revisits WHERE status = 304 GROUP BY url) nm
                      ON nm.url = d.url"""
        ):
            out[r["url"]] = KnownArticle(
                r["url"], r["last_seen"], r["etag"], r["last_modified"], r["source_id"], bool(r["archived"])
            )
        return out

    def upsert_document(self, doc: dict[str, Any], run_id: int | None) -> tuple[int, bool]:
        """Insert or update a document by URL; returns (id, changed).

        A document whose text is unchanged keeps its row (only ``last_seen``
        moves), so re-crawls add nothing and keep extraction results. A URL
        belongs to the source that stored it first: another source reaching
        it through its own listings only moves ``last_seen``, so ownership and
        text never flip between two sources' extraction rules.
        """
        text = doc.get("text") or ""
        text_sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        now = utcnow()
        with self.db.conn:
            existing = list(
                self.db.query(
                    "SELECT id, source_id, text_sha256, title, published_at FROM documents WHERE url = ?", [doc["url"]]
                )
            )
            fields = {
                "source_id": doc["source_id"],
                "url": doc["url"],
                "canonical_url": doc.get("canonical_url"),
                "title": doc.get("title"),
                "published_at": doc.get("published_at"),
                "published_date": (doc.get("published_at") or "")[:10] or None,
                "lang": doc.get("lang"),
                "text": text,
                "text_sha256": text_sha,
                "snapshot_id": doc.get("snapshot_id"),
                "metadata_record_id": doc.get("metadata_record_id"),
            }
            if existing:
                row = existing[0]
                if row["source_id"] != doc["source_id"]:
                    self.db.table("documents").update(row["id"], {"last_seen": now})
                    return int(row["id"]), False
                changed = (
                    row["text_sha256"] != text_sha
                    or row["title"] != fields["title"]
                    or row["published_at"] != fields["published_at"]
                )
                update: dict[str, Any] = {"last_seen": now}
                if changed:
                    update.update(fields)
                    update["extracted_version"] = None
                    update["run_id"] = run_id
                self.db.table("documents").update(row["id"], update)
                return int(row["id"]), changed
            table = self.db.table("documents")
            table.insert({**fields, "first_seen": now, "last_seen": now, "run_id": run_id, "extracted_version": None})
            return _inserted_id(table), True

    def documents_to_extract(self, version: str, all_documents: bool = False) -> Iterator[dict[str, Any]]:
        sql = """SELECT d.id, d.text, d.lang, d.source_id, s.name AS source_name, s.kind AS source_kind
                 FROM documents d LEFT JOIN sources s ON s.id = d.source_id"""
        params: list[Any] = []
        if not all_documents:
            sql += " WHERE d.extracted_version IS NULL OR d.extracted_version != ?"
            params.append(version)
        sql += " ORDER BY d.id"
        yield from list(self.db.query(sql, params))

    # -- discovery state (longarm.db.schema._v3) ----------------------------------------
    def discovery_walks(self, source_id: str) -> dict[str, dict[str, Any]]:
        """The last walk of each of a source's listing / date-index entries, keyed by entry (URL or template)."""
        return {
            r["discovery"]: r for r in self.db.query("SELECT * FROM discovery_walks WHERE source_id = ?", [source_id])
        }

    def start_walks(self, run_id: int, source_id: str, entries: Iterable[tuple[str, str]]) -> None:
        """Mark the walks of ``entries`` ((discovery, type) pairs) as under way: not complete until they end.

        Written before the first request goes out, so a run killed at any moment leaves them incomplete
        and the next run walks them in full instead of stopping at the first page of known articles.
        """
        now = utcnow()
        with self.db.conn:
            self.db.table("discovery_walks").upsert_all(
                [
                    {
                        "source_id": source_id,
                        "discovery": key,
                        "type": kind,
                        "complete": 0,
                        "run_id": run_id,
                        "started_at": now,
                        "finished_at": None,
                        "end_reason": "running",
                        "failures": 0,
                    }
                    for key, kind in entries
                ],
                pk=("source_id", "discovery"),
            )

    def finish_walk(self, source_id: str, discovery: str, row: dict[str, Any]) -> None:
        """Record how a walk ended (``complete``, pages walked, dates reached, failures, reason)."""
        with self.db.conn:
            self.db.table("discovery_walks").upsert(
                {"source_id": source_id, "discovery": discovery, "finished_at": utcnow(), **row},
                pk=("source_id", "discovery"),
            )

    def record_discovery_page(self, row: dict[str, Any]) -> None:
        """One listing page or date-index day walked, with the article links it held (JSON list)."""
        with self.db.conn:
            self.db.table("discovery_pages").upsert(
                {**row, "walked_at": utcnow()}, pk=("source_id", "discovery", "page")
            )

    def days_fully_stored(self, source_id: str, discovery: str) -> set[str]:
        """Date-index days (YYYY-MM-DD) walked after they ended whose every article link is a stored document.

        A backfill resumed after a kill skips them: nothing more can come of them. A day walked on
        the day itself may still grow, and a day with an article not stored (failed, or parsed
        nothing) is walked again.
        """
        return {
            r["page"]
            for r in self.db.query(
                """SELECT p.page FROM discovery_pages p
               WHERE p.source_id = ? AND p.discovery = ? AND p.walked_on > p.page
                 AND NOT EXISTS (SELECT 1 FROM json_each(p.links) j
                                 WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.url = j.value))""",
                [source_id, discovery],
            )
        }

    # -- threats ------------------------------------------------------------
    def replace_threats(
        self, document_id: int, detections: list[dict[str, Any]], version: str, lang: str | None
    ) -> int:
        """Make ``detections`` (by extractor ``version``) the document's current statements.

        A statement already stored for the document (the same quote at the same
        offsets, by any version) keeps its row and id, so citations stay valid
        and the digest does not announce it again; its attribution and
        ``extractor_version`` are brought up to date. Statements the new run no
        longer finds are not deleted, only marked ``superseded_at`` (a report
        may cite them); search, the digest and the web page leave them out.
        """
        now = utcnow()
        with self.db.conn:
            rows = list(
                self.db.query(
                    'SELECT id, start, "end", quote, superseded_at FROM threats WHERE document_id = ? '
                    "ORDER BY superseded_at IS NOT NULL, id",
                    [document_id],
                )
            )
            by_span: dict[tuple[int, int, str], int] = {}
            for r in rows:
                by_span.setdefault((r["start"], r["end"], r["quote"]), r["id"])
            plan: list[tuple[int | None, dict[str, Any]]] = []
            keep: set[int] = set()
            for det in detections:
                tid = by_span.get((det["start"], det["end"], det["quote"]))
                if tid in keep:
                    tid = None
                if tid is not None:
                    keep.add(tid)
                plan.append(
                    (
                        tid,
                        {
                            "document_id": document_id,
                            "label": det["label"],
                            "speaker": det.get("speaker"),
                            "speaker_kind": det.get("speaker_kind"),
                            "targets": _json(det.get("targets") or []),
                            "instruments": _json(det.get("instruments") or []),
                            "quote": det["quote"],
                            "start": det["start"],
                            "end": det["end"],
                            "score": det.get("score"),
                            "lang": lang,
                            "extractor_version": version,
                            "superseded_at": None,
                        },
                    )
                )
            # Retire first: the current rows of a document are unique per version and span.
            stale = [r["id"] for r in rows if r["id"] not in keep and r["superseded_at"] is None]
            if stale:
                self.db.execute(
                    f"UPDATE threats SET superseded_at = ? WHERE id IN ({','.join('?' * len(stale))})", [now, *stale]
                )
            table = self.db.table("threats")
            for tid, row in plan:
                if tid is not None:
                    table.update(tid, row)
                else:
                    table.insert({**row, "created_at": now})
            self.db.table("documents").update(document_id, {"extracted_version": version})
        return len(detections)

    def threats_without_quantities(self, version: str, document_id: int | None = None) -> list[dict[str, Any]]:
        """Current statements whose figures were not read by this version of the reader (id, quote, lang)."""
        sql = (
            "SELECT t.id, t.quote, COALESCE(t.lang, d.lang) AS lang FROM threats t "
            "LEFT JOIN documents d ON d.id = t.document_id "
            "WHERE t.superseded_at IS NULL AND t.quantities_version IS NOT ?"
        )
        params: list[Any] = [version]
        if document_id is not None:
            sql += " AND t.document_id = ?"
            params.append(document_id)
        return list(self.db.query(sql + " ORDER BY t.id", params))

    def replace_quantities(self, threat_id: int, quantities: list[dict[str, Any]], version: str) -> None:
        """Make ``quantities`` (offsets in the quote) the statement's figures, read by reader ``version``."""
        cols = ("value", "unit", "currency", "counted", "period", "per_person", "approximate", "text", "start", "end")
        with self.db.conn:
            self.db.execute("DELETE FROM quantities WHERE threat_id = ?", [threat_id])
            rows = [{"threat_id": threat_id, **{k: q.get(k) for k in cols}} for q in quantities]
            for r in rows:
                r["per_person"] = int(bool(r["per_person"]))
                r["approximate"] = int(bool(r["approximate"]))
            if rows:
                self.db.table("quantities").insert_all(rows)
            self.db.execute("UPDATE threats SET quantities_version = ? WHERE id = ?", [version, threat_id])

    def sync_gazetteer(self, people: Iterable[dict[str, Any]]) -> None:
        """Mirror gazetteer entries (name, kind, role, note, aliases) into ``people`` / ``aliases``."""
        people = list(people)
        with self.db.conn:
            self.db.table("people").upsert_all(
                [{k: p.get(k) for k in ("name", "kind", "role", "note")} for p in people], pk="name"
            )
            self.db.table("aliases").upsert_all(
                [
                    {"alias": a, "name": p["name"], "table_name": p.get("table_name", "people")}
                    for p in people
                    for a in p.get("aliases", [])
                ],
                pk=("alias", "name"),
            )

    def counts(self) -> dict[str, int]:
        return {t: self.db[t].count for t in ("sources", "runs", "snapshots", "revisits", "documents", "threats")}
