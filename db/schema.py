"""Create and migrate longarm's tables.

The database is the researchers' artefact, so table and column names are plain
and documented (docs/store.md, "The database"). Migrations are numbered steps applied
in order and recorded in ``PRAGMA user_version``; each step only adds, so an
older database is upgraded in place without losing rows.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Callable

import sqlite_utils

#: the newest migration; a test checks it is len(MIGRATIONS)
SCHEMA_VERSION = 7


def _v1(db: sqlite_utils.Database) -> None:
    db.table("sources").create(
        {
            "id": str,
            "name": str,
            "owner": str,
            "kind": str,
            "languages": str,
            "allowed_domains": str,
            "verified": int,
            "verified_note": str,
            "history": str,
        },
        pk="id",
        if_not_exists=True,
    )
    db.table("runs").create(
        {
            "id": int,
            "started": str,
            "finished": str,
            "status": str,
            "command": str,
            "replay": str,
            "sources": str,
            "counts": str,
            "errors": str,
            "pid": int,
            "host": str,
        },
        pk="id",
        if_not_exists=True,
    )
    db.table("run_sources").create(
        {
            "run_id": int,
            "source_id": str,
            "status": str,
            "pages": int,
            "documents": int,
            "new_documents": int,
            "known_skipped": int,
            "parsed_nothing": int,
            "errors": int,
            "extraction_yield": float,
            "warning": str,
            "detail": str,
        },
        pk=("run_id", "source_id"),
        if_not_exists=True,
        foreign_keys=[("run_id", "runs", "id")],
    )
    db.table("snapshots").create(
        {
            "id": int,
            "url": str,
            "captured_at": str,
            "status": int,
            "content_type": str,
            "sha256": str,
            "warc_file": str,
            "warc_offset": int,
            "warc_length": int,
            "warc_record_id": str,
            "payload_length": int,
            "content_encoding": str,
            "etag": str,
            "last_modified": str,
            "source_id": str,
            "run_id": int,
        },
        pk="id",
        if_not_exists=True,
    )
    db.table("snapshots").create_index(["url", "sha256"], unique=True, if_not_exists=True)
    db.table("snapshots").create_index(["warc_record_id"], if_not_exists=True)
    db.table("revisits").create(
        {
            "id": int,
            "snapshot_id": int,
            "url": str,
            "captured_at": str,
            "status": int,
            "warc_file": str,
            "warc_offset": int,
            "warc_length": int,
            "warc_record_id": str,
            "run_id": int,
        },
        pk="id",
        if_not_exists=True,
        foreign_keys=[("snapshot_id", "snapshots", "id")],
    )
    db.table("revisits").create_index(["snapshot_id", "captured_at"], unique=True, if_not_exists=True)
    db.table("documents").create(
        {
            "id": int,
            "source_id": str,
            "url": str,
            "canonical_url": str,
            "title": str,
            "published_at": str,
            "published_date": str,
            "lang": str,
            "text": str,
            "text_sha256": str,
            "snapshot_id": int,
            "metadata_record_id": str,
            "first_seen": str,
            "last_seen": str,
            "run_id": int,
            "extracted_version": str,
        },
        pk="id",
        if_not_exists=True,
        foreign_keys=[("snapshot_id", "snapshots", "id"), ("source_id", "sources", "id")],
    )
    db.table("documents").create_index(["url"], unique=True, if_not_exists=True)
    db.table("documents").create_index(["source_id", "published_date"], if_not_exists=True)
    db.table("threats").create(
        {
            "id": int,
            "document_id": int,
            "label": str,
            "speaker": str,
            "speaker_kind": str,
            "targets": str,
            "instruments": str,
            "quote": str,
            "start": int,
            "end": int,
            "score": float,
            "lang": str,
            "extractor_version": str,
            "created_at": str,
        },
        pk="id",
        if_not_exists=True,
        foreign_keys=[("document_id", "documents", "id")],
    )
    db.table("threats").create_index(
        ["document_id", "extractor_version", "start", "end"], unique=True, if_not_exists=True
    )
    db.table("threats").create_index(["speaker"], if_not_exists=True)
    db.table("people").create(
        {"name": str, "kind": str, "role": str, "note": str},
        pk="name",
        if_not_exists=True,
    )
    db.table("aliases").create(
        {"alias": str, "name": str, "table_name": str},
        pk=("alias", "name"),
        if_not_exists=True,
    )


def _v2(db: sqlite_utils.Database) -> None:
    """threats.superseded_at: when a newer extractor version stopped finding the statement.

    Rows are never deleted when the extractor changes (a report may cite them);
    search, the digest and the web page show only rows where it is NULL.
    """
    if "superseded_at" not in db.table("threats").columns_dict:
        db.table("threats").add_column("superseded_at", str)
    # One current row per document, version and span; superseded rows may repeat a span.
    db.execute("DROP INDEX IF EXISTS idx_threats_document_id_extractor_version_start_end")
    db.execute(
        "CREATE UNIQUE INDEX IF NOT EXISTS threats_current_span ON threats "
        '(document_id, extractor_version, start, "end") WHERE superseded_at IS NULL'
    )
    # Earlier versions kept every extractor version's rows side by side: the document's
    # last extraction is what is current.
    db.execute(
        "UPDATE threats SET superseded_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
        "WHERE superseded_at IS NULL AND extractor_version IS NOT "
        "(SELECT extracted_version FROM documents WHERE documents.id = threats.document_id)"
    )
    db.table("threats").create_index(["document_id", "superseded_at"], if_not_exists=True)


def _v3(db: sqlite_utils.Database) -> None:
    """Discovery state, so a killed crawl resumes where it stopped instead of losing articles.

    ``discovery_walks``: one row per source and listing / date-index entry of the
    registry, the state of its last walk. ``complete`` is 1 only when that walk
    reached its natural end (every page, every article it found fetched without
    failure); a nightly stops paging at a page of only known articles only after
    a complete walk. ``discovery_pages``: the listing pages and date-index days
    walked, with the article links each held (a backfill skips a past day whose
    articles are all stored).
    """
    db.table("discovery_walks").create(
        {
            "source_id": str,
            "discovery": str,
            "type": str,
            "complete": int,
            "pages_walked": int,
            "oldest_date": str,
            "newest_date": str,
            "first_day": str,
            "last_day": str,
            "failures": int,
            "end_reason": str,
            "started_at": str,
            "finished_at": str,
            "run_id": int,
            "completed_run_id": int,
        },
        pk=("source_id", "discovery"),
        if_not_exists=True,
    )
    db.table("discovery_pages").create(
        {
            "source_id": str,
            "discovery": str,
            "page": str,
            "url": str,
            "links": str,
            "oldest_date": str,
            "walked_on": str,
            "walked_at": str,
            "run_id": int,
        },
        pk=("source_id", "discovery", "page"),
        if_not_exists=True,
    )


def _v4(db: sqlite_utils.Database) -> None:
    """store_settings (key, value): facts about the store itself, e.g. ``archive``, the WARC folder
    the crawls write (db/archive_location.py), so commands find it without --archive."""
    db.table("store_settings").create({"key": str, "value": str}, pk="key", if_not_exists=True)


def _v5(db: sqlite_utils.Database) -> None:
    """quantities: the figures a statement gives (nlp/quantities.py), one row per figure.

    ``threats.quantities_version`` says which version of the figure reader filled
    them (NULL: not read yet); `longarm extract` fills what is missing or older.
    """
    db.table("quantities").create(
        {
            "id": int,
            "threat_id": int,
            "value": float,
            "unit": str,
            "currency": str,
            "counted": str,
            "period": str,
            "per_person": int,
            "approximate": int,
            "text": str,
            "start": int,
            "end": int,
        },
        pk="id",
        if_not_exists=True,
        foreign_keys=[("threat_id", "threats", "id")],
    )
    db.table("quantities").create_index(["threat_id"], if_not_exists=True)
    db.table("quantities").create_index(["counted", "unit"], if_not_exists=True)
    if "quantities_version" not in db.table("threats").columns_dict:
        db.table("threats").add_column("quantities_version", str)


def _v6(db: sqlite_utils.Database) -> None:
    """Re-checks of archived articles (longarm/rechecks.py, docs/rechecks.md).

    ``rechecks``: one row per document and schedule step (days after first capture); ``status``
    pending | done | failed, ``outcome`` unchanged | edited | gone | unreachable | unreadable,
    ``snapshot_id`` the response the outcome rests on. ``document_versions``: a later text of a
    document found by a re-check (the ``documents`` row keeps the text its statements index);
    ``version_statements``: the statements extracted from such a version. ``threats`` gains
    ``removed_from_source_at`` (the date a re-check first found the quote missing from the live
    page) and ``removed_in_recheck_id``.
    """
    db.table("rechecks").create(
        {
            "id": int,
            "document_id": int,
            "step_days": int,
            "due_at": str,
            "done_at": str,
            "status": str,
            "outcome": str,
            "detail": str,
            "snapshot_id": int,
            "version_id": int,
            "attempts": int,
            "last_attempt_at": str,
            "run_id": int,
        },
        pk="id",
        if_not_exists=True,
        foreign_keys=[("document_id", "documents", "id")],
    )
    db.table("rechecks").create_index(["document_id", "step_days"], unique=True, if_not_exists=True)
    db.table("rechecks").create_index(["status", "due_at"], if_not_exists=True)
    db.table("document_versions").create(
        {
            "id": int,
            "document_id": int,
            "version": int,
            "snapshot_id": int,
            "captured_at": str,
            "title": str,
            "text": str,
            "text_sha256": str,
            "recheck_id": int,
            "run_id": int,
        },
        pk="id",
        if_not_exists=True,
        foreign_keys=[("document_id", "documents", "id"), ("snapshot_id", "snapshots", "id")],
    )
    db.table("document_versions").create_index(["document_id", "version"], unique=True, if_not_exists=True)
    db.table("version_statements").create(
        {
            "id": int,
            "version_id": int,
            "label": str,
            "speaker": str,
            "speaker_kind": str,
            "targets": str,
            "instruments": str,
            "quote": str,
            "start": int,
            "end": int,
            "score": float,
            "extractor_version": str,
            "threat_id": int,
        },
        pk="id",
        if_not_exists=True,
        foreign_keys=[("version_id", "document_versions", "id")],
    )
    db.table("version_statements").create_index(["version_id"], if_not_exists=True)
    for column in ("removed_from_source_at", "removed_in_recheck_id"):
        if column not in db.table("threats").columns_dict:
            db.table("threats").add_column(column, int if column.endswith("_id") else str)


def _v7(db: sqlite_utils.Database) -> None:
    """Statements reworded on the live page (longarm/rewording.py, docs/rechecks.md).

    ``threats.edited_on_source_at``: the date a re-check first found the quote gone from an edited
    page but its sentence still there in other words; ``statement_rewordings``: that new wording
    (one row per statement, the latest version that holds it), its offsets in the version's text,
    how alike it is, and the new version's statement that covers it, when the extractor found one.
    """
    if "edited_on_source_at" not in db.table("threats").columns_dict:
        db.table("threats").add_column("edited_on_source_at", str)
    db.table("statement_rewordings").create(
        {
            "id": int,
            "threat_id": int,
            "version_id": int,
            "recheck_id": int,
            "seen_on": str,
            "quote": str,
            "start": int,
            "end": int,
            "similarity": float,
            "version_statement_id": int,
        },
        pk="id",
        if_not_exists=True,
        foreign_keys=[("threat_id", "threats", "id"), ("version_id", "document_versions", "id")],
    )
    db.table("statement_rewordings").create_index(["threat_id"], unique=True, if_not_exists=True)


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_v1, _v2, _v3, _v4, _v5, _v6, _v7]


def migrate(db: sqlite_utils.Database) -> int:
    """Apply every migration newer than the database's ``user_version``; returns the new version."""
    current = db.execute("PRAGMA user_version").fetchone()[0]
    if current > len(MIGRATIONS):
        raise RuntimeError(
            f"database schema version {current} is newer than this longarm ({len(MIGRATIONS)}): upgrade longarm"
        )
    for version in range(current + 1, len(MIGRATIONS) + 1):
        with db.conn:
            MIGRATIONS[version - 1](db)
            db.execute(f"PRAGMA user_version = {version}")
    return len(MIGRATIONS)


def connect(path: str | Path, *, create: bool = True, readonly: bool = False) -> sqlite_utils.Database:
    """Open the database in WAL mode (readers keep working during a crawl) and migrate it.

    ``create=False`` refuses to create a new file, so a mistyped ``--db`` gives a
    clear error instead of an empty database.
    """
    path = Path(path)
    if not create and not path.exists():
        raise FileNotFoundError(
            f"no longarm database at {path}: run `longarm crawl` or `longarm demo` first, or pass --db"
        )
    if readonly:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        db = sqlite_utils.Database(conn)
        db.execute("PRAGMA busy_timeout = 5000")
        return db
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
    db = sqlite_utils.Database(conn)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA busy_timeout = 30000")
    db.execute("PRAGMA foreign_keys = ON")
    migrate(db)
    return db
