"""Re-checks of archived articles: the schedule, what is due, and recording what each found.

Every stored article with a current statement is fetched again at fixed steps (days after it
was first stored, ``documents.first_seen``; longarm.toml ``[recheck] days``). The nightly run
fetches what is due through the normal Scrapy path (spiders/recheck_spider.py), so every
answer is archived like any other; ``record_recheck`` then stores the outcome
(longarm/recheck_outcome.py) in ``rechecks``:

- unchanged: nothing else changes;
- edited: the new text becomes a new ``document_versions`` row with its own snapshot, its
  statements are extracted into ``version_statements``; a statement whose quote is no longer in
  the new text but whose sentence is, in other words (longarm/rewording.py), gets
  ``threats.edited_on_source_at`` and a ``statement_rewordings`` row with its new wording; one
  with no new wording gets ``threats.removed_from_source_at``;
- gone: every current statement of the document gets ``removed_from_source_at``;
- unreachable / unreadable: the re-check stays pending and is due again the next night; after
  ``max_attempts`` failures in a row it is closed as ``failed``, never as gone.

The ``documents`` row and its statements are never rewritten: they index the first capture,
which ``longarm verify`` and ``longarm cite`` keep pointing at.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

import sqlite_utils

from longarm.config import RecheckConfig
from longarm.recheck_outcome import EDITED, GONE, UNREACHABLE, UNREADABLE, LiveAnswer, Outcome, classify, load_markers
from longarm.recheck_outcome import missing_quotes as quotes_missing

PENDING, DONE, FAILED = "pending", "done", "failed"

_ISO = "%Y-%m-%dT%H:%M:%SZ"


def _iso(when: datetime) -> str:
    return when.astimezone(timezone.utc).strftime(_ISO)


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(timezone.utc)


#: When an article was first captured: its response's capture time, or when it was stored if that is
#: earlier (a replayed archive is stored long after it was recorded: its schedule follows the recording).
_FIRST_CAPTURE = "MIN(COALESCE(s.captured_at, d.first_seen), d.first_seen)"


def plan_rechecks(db: sqlite_utils.Database, config: RecheckConfig) -> int:
    """Add the schedule's re-checks of every stored document that lacks them; returns how many were added.

    Due dates count from the article's first capture (``_FIRST_CAPTURE``).

    Idempotent (one row per document and step): run before every nightly fetch, so documents
    stored since, or documents that gained a statement, get their schedule.
    """
    if not config.enabled:
        return 0
    has_statement = "EXISTS (SELECT 1 FROM threats t WHERE t.document_id = d.id AND t.superseded_at IS NULL)"
    plans: list[tuple[str, tuple[int, ...]]] = [(has_statement, config.days)]
    if config.without_detections:
        plans.append((f"NOT {has_statement}", config.without_detections_days))
    before = db.execute("SELECT COUNT(*) FROM rechecks").fetchone()[0]
    with db.conn:
        for condition, steps in plans:
            for step in steps:
                db.execute(
                    "INSERT OR IGNORE INTO rechecks (document_id, step_days, due_at, status, attempts) "
                    f"SELECT d.id, ?, strftime('%Y-%m-%dT%H:%M:%SZ', {_FIRST_CAPTURE}, ?), 'pending', 0 "
                    "FROM documents d LEFT JOIN snapshots s ON s.id = d.snapshot_id "
                    f"WHERE d.first_seen IS NOT NULL AND {condition}",
                    [step, f"+{int(step)} days"],
                )
    return int(db.execute("SELECT COUNT(*) FROM rechecks").fetchone()[0] - before)


@dataclass
class DueRecheck:
    """One document to fetch again, with every re-check of it that is due (settled by one fetch)."""

    document_id: int
    url: str
    source_id: str
    lang: str | None
    recheck_ids: list[int] = field(default_factory=list)
    etag: str | None = None
    last_modified: str | None = None
    captured_at: str | None = None  # when the current version was captured (a replay needs a later capture)


#: A pending re-check is due once its time has come and, after a failed attempt, its retry wait is over.
_DUE = (
    "r.status = 'pending' AND r.due_at <= :due_by AND (r.last_attempt_at IS NULL OR r.last_attempt_at <= :retry_before)"
)


def _due_by(now: datetime | None) -> str:
    return _iso(_now(now) + timedelta(hours=load_markers().early_hours))


def _retry_before(now: datetime | None) -> str:
    return _iso(_now(now) - timedelta(hours=load_markers().retry_after_hours))


def due_rechecks(db: sqlite_utils.Database, now: datetime | None = None) -> list[DueRecheck]:
    """The documents with a pending re-check due at ``now`` (an unreachable one: once its retry wait is over),
    the longest overdue first.

    "Due" includes the next ``early_hours`` (recheck.toml): an article stored during a nightly run
    comes due a little after the same run's start some days later; without the slack, every step
    would wait one more night.

    Validators (ETag / Last-Modified) come from the snapshot of the document's current version,
    so the site can answer ``304 Not Modified``.
    """
    rows = db.query(
        f"""SELECT r.id, r.document_id, d.url, d.source_id, d.lang,
                  COALESCE((SELECT v.snapshot_id FROM document_versions v WHERE v.document_id = d.id
                            ORDER BY v.version DESC LIMIT 1), d.snapshot_id) AS current_snapshot
           FROM rechecks r JOIN documents d ON d.id = r.document_id
           WHERE {_DUE}
           ORDER BY r.due_at, r.document_id, r.step_days""",
        {"due_by": _due_by(now), "retry_before": _retry_before(now)},
    )
    out: dict[int, DueRecheck] = {}
    for r in rows:
        due = out.get(r["document_id"])
        if due is None:
            snap = list(
                db.query("SELECT etag, last_modified, captured_at FROM snapshots WHERE id = ?", [r["current_snapshot"]])
            )
            due = out[r["document_id"]] = DueRecheck(
                r["document_id"],
                r["url"],
                r["source_id"],
                r["lang"],
                etag=snap[0]["etag"] if snap else None,
                last_modified=snap[0]["last_modified"] if snap else None,
                captured_at=snap[0]["captured_at"] if snap else None,
            )
        due.recheck_ids.append(r["id"])
    return list(out.values())


def current_version(db: sqlite_utils.Database, document_id: int) -> dict[str, Any]:
    """The document's latest known text: its newest ``document_versions`` row, else the first capture.

    Returns ``version`` (1 for the first capture), ``text`` and ``snapshot_id``.
    """
    rows = list(
        db.query(
            "SELECT version, text, snapshot_id FROM document_versions WHERE document_id = ? "
            "ORDER BY version DESC LIMIT 1",
            [document_id],
        )
    )
    if rows:
        return rows[0]
    doc = list(db.query("SELECT text, snapshot_id FROM documents WHERE id = ?", [document_id]))
    if not doc:
        raise LookupError(f"no document {document_id}")
    return {"version": 1, "text": doc[0]["text"] or "", "snapshot_id": doc[0]["snapshot_id"]}


def record_recheck(
    db: sqlite_utils.Database,
    due: DueRecheck,
    answer: LiveAnswer,
    *,
    snapshot_id: int | None,
    run_id: int | None = None,
    extractor: Any = None,
    extractor_version: str | None = None,
    publisher: dict[str, str] | None = None,
    title: str | None = None,
    now: datetime | None = None,
) -> Outcome:
    """Classify what the site answered and store it (one transaction); returns the outcome."""
    when = _iso(_now(now))  # the capture's time when the caller knows it (a replay: the recorded night)
    markers = load_markers()
    current = current_version(db, due.document_id)
    outcome = classify(answer, current["text"], markers)
    statements: list[dict[str, Any]] = []
    if outcome.kind == EDITED and extractor is not None:
        statements = _extract(extractor, answer.extracted_text or "", due.lang, publisher)
    with db.conn:
        version_id = None
        if outcome.kind in (UNREACHABLE, UNREADABLE):
            for rid in due.recheck_ids:
                row = db.execute("SELECT attempts FROM rechecks WHERE id = ?", [rid]).fetchone()
                attempts = (row[0] or 0) + 1 if row else 1
                failed = attempts >= markers.max_attempts
                db.table("rechecks").update(
                    rid,
                    {
                        "attempts": attempts,
                        "last_attempt_at": when,
                        "outcome": outcome.kind,
                        "detail": outcome.detail + ("" if not failed else f"; gave up after {attempts} attempts"),
                        "status": FAILED if failed else PENDING,
                        "done_at": when if failed else None,
                        "snapshot_id": snapshot_id,
                        "run_id": run_id,
                    },
                )
            return outcome
        first = due.recheck_ids[0] if due.recheck_ids else None
        if outcome.kind == EDITED:
            text = answer.extracted_text or ""
            table = db.table("document_versions")
            table.insert(
                {
                    "document_id": due.document_id,
                    "version": int(current["version"]) + 1,
                    "snapshot_id": snapshot_id,
                    "captured_at": when,
                    "title": title,
                    "text": text,
                    "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                    "recheck_id": first,
                    "run_id": run_id,
                }
            )
            version_id = int(table.last_pk) if table.last_pk is not None else None
            _store_statements(db, due.document_id, version_id, statements, extractor_version)
            _mark_missing(db, due.document_id, text, when[:10], first, version_id, markers)
        elif outcome.kind == GONE:
            _mark_missing(db, due.document_id, None, when[:10], first, None, markers)
        for rid in due.recheck_ids:
            db.table("rechecks").update(
                rid,
                {
                    "status": DONE,
                    "done_at": when,
                    "outcome": outcome.kind,
                    "detail": outcome.detail,
                    "snapshot_id": snapshot_id,
                    "version_id": version_id,
                    "attempts": (db.execute("SELECT attempts FROM rechecks WHERE id = ?", [rid]).fetchone()[0] or 0)
                    + 1,
                    "last_attempt_at": when,
                    "run_id": run_id,
                },
            )
    return outcome


def _extract(extractor: Any, text: str, lang: str | None, publisher: dict[str, str] | None) -> list[dict[str, Any]]:
    rows = []
    for d in extractor.extract(text, lang=lang, publisher=publisher):
        row = d.to_dict() if hasattr(d, "to_dict") else dict(d)
        if text[row["start"] : row["end"]] == row["quote"]:
            rows.append(row)
    return rows


def _store_statements(
    db: sqlite_utils.Database,
    document_id: int,
    version_id: int | None,
    statements: list[dict[str, Any]],
    extractor_version: str | None,
) -> None:
    """The new version's statements; ``threat_id`` links one to the first capture's statement of the same quote."""
    by_quote = {
        r["quote"]: r["id"]
        for r in db.query(
            "SELECT id, quote FROM threats WHERE document_id = ? AND superseded_at IS NULL ORDER BY id DESC",
            [document_id],
        )
    }
    rows = [
        {
            "version_id": version_id,
            "label": s["label"],
            "speaker": s.get("speaker"),
            "speaker_kind": s.get("speaker_kind"),
            "targets": json.dumps(s.get("targets") or [], ensure_ascii=False),
            "instruments": json.dumps(s.get("instruments") or [], ensure_ascii=False),
            "quote": s["quote"],
            "start": s["start"],
            "end": s["end"],
            "score": s.get("score"),
            "extractor_version": extractor_version,
            "threat_id": by_quote.get(s["quote"]),
        }
        for s in statements
    ]
    if rows:
        db.table("version_statements").insert_all(rows)


def _mark_missing(
    db: sqlite_utils.Database,
    document_id: int,
    new_text: str | None,
    day: str,
    recheck_id: int | None,
    version_id: int | None,
    markers: Any,
) -> tuple[list[int], list[int]]:
    """Mark the current statements whose quote is missing from ``new_text``: reworded or removed.

    ``new_text`` None: the page is gone, every statement is removed. A missing quote whose
    sentence is still there in other words is reworded (``edited_on_source_at``, first date kept;
    its ``statement_rewordings`` row follows the latest version); one with no new wording is
    removed (``removed_from_source_at``, first date kept). Returns (removed ids, reworded ids).
    """
    from longarm.rewording import NewText

    rows = [
        (r["id"], r["quote"] or "")
        for r in db.query(
            "SELECT id, quote FROM threats WHERE document_id = ? AND superseded_at IS NULL "
            "AND removed_from_source_at IS NULL",
            [document_id],
        )
    ]
    missing = [tid for tid, _ in rows] if new_text is None else quotes_missing(rows, new_text)
    quotes = dict(rows)
    version = NewText(new_text) if new_text is not None and missing else None  # cut into sentences once
    removed: list[int] = []
    reworded: list[int] = []
    for tid in missing:
        found = (
            None
            if version is None
            else version.rewording(
                quotes[tid],
                min_similarity=markers.reworded_min_similarity,
                max_sentences=markers.reworded_max_sentences,
            )
        )
        if found is None:
            removed.append(tid)
            continue
        reworded.append(tid)
        covering = db.execute(
            'SELECT id FROM version_statements WHERE version_id = ? AND start < ? AND "end" > ? ORDER BY id LIMIT 1',
            [version_id, found.end, found.start],
        ).fetchone()
        db.table("statement_rewordings").upsert(
            {
                "threat_id": tid,
                "version_id": version_id,
                "recheck_id": recheck_id,
                "seen_on": day,
                "quote": found.text,
                "start": found.start,
                "end": found.end,
                "similarity": found.similarity,
                "version_statement_id": covering[0] if covering else None,
            },
            pk="threat_id",
        )
    if removed:
        db.execute(
            f"UPDATE threats SET removed_from_source_at = ?, removed_in_recheck_id = ? "
            f"WHERE id IN ({','.join('?' * len(removed))})",
            [day, recheck_id, *removed],
        )
    if reworded:
        db.execute(
            f"UPDATE threats SET edited_on_source_at = COALESCE(edited_on_source_at, ?) "
            f"WHERE id IN ({','.join('?' * len(reworded))})",
            [day, *reworded],
        )
    return removed, reworded


def recheck_counts(db: sqlite_utils.Database, now: datetime | None = None) -> dict[str, int]:
    """Re-checks due now, pending later, done (by outcome) and failed: for operations and reports."""
    out: dict[str, int] = {
        "due": db.execute(
            f"SELECT COUNT(*) FROM rechecks r WHERE {_DUE}",
            {"due_by": _due_by(now), "retry_before": _retry_before(now)},
        ).fetchone()[0],
        "scheduled": db.execute(
            "SELECT COUNT(*) FROM rechecks WHERE status = 'pending' AND due_at > ?", [_due_by(now)]
        ).fetchone()[0],
        "failed": db.execute("SELECT COUNT(*) FROM rechecks WHERE status = 'failed'").fetchone()[0],
    }
    for r in db.query("SELECT outcome, COUNT(*) AS n FROM rechecks WHERE status = 'done' GROUP BY outcome"):
        out[f"done_{r['outcome']}"] = r["n"]
    return out


def recheck_counts_by_source(db: sqlite_utils.Database, now: datetime | None = None) -> dict[str, dict[str, int]]:
    """Per source: re-checks ``due`` now, ``done`` and ``failed``, and ``unreachable`` (pending after a failure).

    For ``longarm sources --health``. A source whose re-checks all end unreachable is a site
    problem (down, blocking us), which these counts show apart from removals (``gone``).
    """
    if "rechecks" not in db.table_names():
        return {}
    out: dict[str, dict[str, int]] = {}
    for r in db.query(
        f"""SELECT d.source_id,
                  SUM({_DUE}) AS due,
                  SUM(r.status = 'done') AS done,
                  SUM(r.status = 'failed') AS failed,
                  SUM(r.status = 'pending' AND r.outcome IN ('unreachable', 'unreadable')) AS unreachable,
                  SUM(r.status = 'done' AND r.outcome = 'gone') AS gone,
                  SUM(r.status = 'done' AND r.outcome = 'edited') AS edited
           FROM rechecks r JOIN documents d ON d.id = r.document_id GROUP BY d.source_id""",
        {"due_by": _due_by(now), "retry_before": _retry_before(now)},
    ):
        out[r["source_id"]] = {k: int(r[k] or 0) for k in ("due", "done", "failed", "unreachable", "gone", "edited")}
    return out


#: A source whose every re-check of a run failed, with at least this many, is reported as a site problem.
SITE_PROBLEM_MIN_RECHECKS = 2


def site_problems(db: sqlite_utils.Database, run_id: int) -> dict[str, int]:
    """Sources whose every re-check in run ``run_id`` ended unreachable or unreadable (how many).

    A site that answers every re-check with errors is down or blocking us: a site problem to
    report, not a wave of deletions (and none of these re-checks is recorded as gone).
    """
    out: dict[str, int] = {}
    for r in db.query(
        """SELECT d.source_id, COUNT(DISTINCT r.document_id) AS n,
                  SUM(r.outcome NOT IN ('unreachable', 'unreadable')) AS answered
           FROM rechecks r JOIN documents d ON d.id = r.document_id
           WHERE r.run_id = ? GROUP BY d.source_id""",
        [run_id],
    ):
        if not r["answered"] and r["n"] >= SITE_PROBLEM_MIN_RECHECKS:
            out[r["source_id"]] = int(r["n"])
    return out


def document_versions(db: sqlite_utils.Database, snapshot_id: int) -> list[dict[str, Any]]:
    """Every version of the document a snapshot belongs to (as its first capture or as a later version), oldest first.

    Each: ``version`` (1 = first capture), ``snapshot_id``, ``captured_at``, ``text``. Empty when the
    snapshot is no document's.
    """
    doc = list(db.query("SELECT id FROM documents WHERE snapshot_id = ?", [snapshot_id]))
    if not doc:
        doc = list(
            db.query("SELECT document_id AS id FROM document_versions WHERE snapshot_id = ? LIMIT 1", [snapshot_id])
        )
    if not doc:
        return []
    return versions_of_document(db, doc[0]["id"])


def versions_of_document(db: Any, document_id: int) -> list[dict[str, Any]]:
    """Every version of a document, oldest first: the first capture (version 1), then what re-checks found.

    ``db`` is a sqlite-utils Database or a sqlite3 connection (the web page's). Each:
    ``version``, ``snapshot_id``, ``captured_at``, ``title``, ``text``; empty when there is no such document.
    """
    conn = db.conn if hasattr(db, "conn") else db
    cols = ["version", "snapshot_id", "captured_at", "title", "text"]
    first = conn.execute(
        "SELECT 1, d.snapshot_id, COALESCE(s.captured_at, d.first_seen), d.title, d.text "
        "FROM documents d LEFT JOIN snapshots s ON s.id = d.snapshot_id WHERE d.id = ?",
        [document_id],
    ).fetchall()
    if not first:
        return []
    later = conn.execute(
        "SELECT version, snapshot_id, captured_at, title, text FROM document_versions WHERE document_id = ? "
        "ORDER BY version",
        [document_id],
    ).fetchall()
    return [dict(zip(cols, row)) for row in [*first, *later]]
