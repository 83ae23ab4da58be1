"""The search index: its FTS5 tables and triggers, a full build, and incremental upkeep.

Why: the FTS5 tables are contentless (``content=''``): only the index is stored,
the text stays in ``threats`` / ``documents``. Triggers on those tables log
every insert, change and delete (with the old values, needed to take a row out
of a contentless index) into ``search_pending``; :func:`index_new` drains that
log, so keeping the index in sync is cheap and idempotent. :func:`ensure_index`
builds everything on a database that has no index yet (or was indexed by an
older normaliser).
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import sqlite3
from typing import Any, Iterable, Iterator, Sequence

from longarm.db.search_text import TOKENIZE, _instruments_text, _targets_text, index_text, normaliser_id

__all__ = [
    "DOCUMENT_COLUMNS",
    "DOCUMENT_WEIGHTS",
    "THREAT_COLUMNS",
    "THREAT_WEIGHTS",
    "document_facets",
    "ensure_index",
    "index_documents",
    "index_new",
    "index_status",
    "index_threats",
    "rebuild_index",
    "threat_facets",
]

THREAT_COLUMNS = ("quote", "speaker", "targets", "instruments")
THREAT_WEIGHTS = (1.0, 2.0, 2.0, 0.5)
DOCUMENT_COLUMNS = ("title", "text")
DOCUMENT_WEIGHTS = (3.0, 1.0)

_DATE_FULL = re.compile(r"^\d{4}-\d{2}-\d{2}$")


#
# Besides the text, every index row carries "facet" tokens (source, language,
# label, publication year/month/day) in a column of weight 0, so filters are
# intersected inside FTS5 instead of being checked row by row afterwards.
# Facet tokens are "zq" + a letter + digits: they end in a digit, so the Porter
# stemmer leaves them alone, and no real word looks like them.


def _conn(db: Any) -> sqlite3.Connection:
    return getattr(db, "conn", db)


def _h(value: str) -> str:
    return str(int(hashlib.sha1(value.encode("utf-8")).hexdigest()[:12], 16))


def _lang_tokens(lang: str | None) -> list[str]:
    if not lang:
        return []
    lang = lang.lower()
    out = ["zql" + _h(lang)]
    family = lang.split("-")[0]
    if family != lang:
        out.append("zql" + _h(family))
    return out


def _date_tokens(date: str | None) -> list[str]:
    if not date or not _DATE_FULL.match(date[:10]):
        return []
    y, m, d = date[:4], date[5:7], date[8:10]
    return [f"zqy{y}", f"zqm{y}{m}", f"zqd{y}{m}{d}"]


def threat_facets(label: Any, lang: Any, source_id: Any, published_date: Any) -> str:
    toks = []
    if label:
        toks.append("zqb" + _h(str(label)))
    toks += _lang_tokens(lang)
    if source_id:
        toks.append("zqs" + _h(str(source_id)))
    toks += _date_tokens(published_date)
    return " ".join(toks)


def document_facets(lang: Any, source_id: Any, published_date: Any) -> str:
    return threat_facets(None, lang, source_id, published_date)


# The pending log: kind 't'/'d', the row, the op ('i' insert, 'u' change, 'd' delete)
# and, for 'u'/'d', the values the index holds for the row (needed to remove it
# from a contentless index): threats: quote, speaker, targets, instruments,
# label, lang (threat's, else document's), source_id, published_date;
# documents: title, text, lang, source_id, published_date.
_T_OLD = (
    "OLD.quote, OLD.speaker, OLD.targets, OLD.instruments, OLD.label, "
    "COALESCE(OLD.lang, (SELECT lang FROM documents WHERE id = OLD.document_id)), "
    "(SELECT source_id FROM documents WHERE id = OLD.document_id), "
    "(SELECT published_date FROM documents WHERE id = OLD.document_id)"
)
_T_COLS = "kind, row_id, op, old1, old2, old3, old4, old5, old6, old7, old8"
_D_COLS = "kind, row_id, op, old1, old2, old3, old4, old5"

_TRIGGERS = {
    "search_threats_ai": "AFTER INSERT ON threats BEGIN "
    "INSERT INTO search_pending(kind, row_id, op) VALUES ('t', NEW.id, 'i'); END",
    "search_threats_au": "AFTER UPDATE OF id, document_id, quote, speaker, targets, instruments, label, lang ON threats "
    "WHEN OLD.id IS NOT NEW.id OR OLD.document_id IS NOT NEW.document_id "
    "OR OLD.quote IS NOT NEW.quote OR OLD.speaker IS NOT NEW.speaker "
    "OR OLD.targets IS NOT NEW.targets OR OLD.instruments IS NOT NEW.instruments "
    "OR OLD.label IS NOT NEW.label OR OLD.lang IS NOT NEW.lang BEGIN "
    f"INSERT INTO search_pending({_T_COLS}) VALUES ('t', OLD.id, 'u', {_T_OLD}); "
    "INSERT INTO search_pending(kind, row_id, op) SELECT 't', NEW.id, 'i' WHERE OLD.id IS NOT NEW.id; END",
    "search_threats_ad": "AFTER DELETE ON threats BEGIN "
    f"INSERT INTO search_pending({_T_COLS}) VALUES ('t', OLD.id, 'd', {_T_OLD}); END",
    "search_documents_ai": "AFTER INSERT ON documents BEGIN "
    "INSERT INTO search_pending(kind, row_id, op) VALUES ('d', NEW.id, 'i'); END",
    "search_documents_au": "AFTER UPDATE OF id, title, text, lang, source_id, published_date ON documents "
    "WHEN OLD.id IS NOT NEW.id OR OLD.title IS NOT NEW.title OR OLD.text IS NOT NEW.text "
    "OR OLD.lang IS NOT NEW.lang OR OLD.source_id IS NOT NEW.source_id "
    "OR OLD.published_date IS NOT NEW.published_date BEGIN "
    f"INSERT INTO search_pending({_D_COLS}) "
    "VALUES ('d', OLD.id, 'u', OLD.title, OLD.text, OLD.lang, OLD.source_id, OLD.published_date); "
    "INSERT INTO search_pending(kind, row_id, op) SELECT 'd', NEW.id, 'i' WHERE OLD.id IS NOT NEW.id; "
    # the threats of this document carry its source, language and date as facets
    f"INSERT INTO search_pending({_T_COLS}) SELECT 't', t.id, 'u', t.quote, t.speaker, t.targets, "
    "t.instruments, t.label, COALESCE(t.lang, OLD.lang), OLD.source_id, OLD.published_date "
    "FROM threats t WHERE t.document_id = OLD.id "
    "AND (OLD.lang IS NOT NEW.lang OR OLD.source_id IS NOT NEW.source_id "
    "OR OLD.published_date IS NOT NEW.published_date OR OLD.id IS NOT NEW.id); END",
    "search_documents_ad": "AFTER DELETE ON documents BEGIN "
    f"INSERT INTO search_pending({_D_COLS}) "
    "VALUES ('d', OLD.id, 'd', OLD.title, OLD.text, OLD.lang, OLD.source_id, OLD.published_date); END",
}

_THREAT_SELECT = (
    "SELECT t.id, t.quote, t.speaker, t.targets, t.instruments, t.label, COALESCE(t.lang, d.lang), "
    "d.source_id, d.published_date FROM threats t LEFT JOIN documents d ON d.id = t.document_id"
)
_DOCUMENT_SELECT = "SELECT d.id, d.title, d.text, d.lang, d.source_id, d.published_date FROM documents d"
_T_INSERT = "INSERT INTO search_threats(rowid, quote, speaker, targets, instruments, facets) VALUES (?, ?, ?, ?, ?, ?)"
_T_DELETE = (
    "INSERT INTO search_threats(search_threats, rowid, quote, speaker, targets, instruments, facets) "
    "VALUES ('delete', ?, ?, ?, ?, ?, ?)"
)
_D_INSERT = "INSERT INTO search_documents(rowid, title, text, facets) VALUES (?, ?, ?, ?)"
_D_DELETE = "INSERT INTO search_documents(search_documents, rowid, title, text, facets) VALUES ('delete', ?, ?, ?, ?)"


def _create_tables(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE IF NOT EXISTS search_state (key TEXT PRIMARY KEY, value TEXT)")
    conn.execute("""CREATE TABLE IF NOT EXISTS search_pending (
        seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, row_id INTEGER NOT NULL, op TEXT NOT NULL,
        old1 TEXT, old2 TEXT, old3 TEXT, old4 TEXT, old5 TEXT, old6 TEXT, old7 TEXT, old8 TEXT)""")
    conn.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS search_threats USING fts5("
        f"{', '.join(THREAT_COLUMNS)}, facets, content='', tokenize='{TOKENIZE}')"
    )
    conn.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS search_documents USING fts5("
        f"{', '.join(DOCUMENT_COLUMNS)}, facets, content='', tokenize='{TOKENIZE}')"
    )
    conn.execute(
        "INSERT INTO search_threats(search_threats, rank) VALUES ('rank', ?)",
        [f"bm25({', '.join(map(str, THREAT_WEIGHTS))}, 0.0)"],
    )
    conn.execute(
        "INSERT INTO search_documents(search_documents, rank) VALUES ('rank', ?)",
        [f"bm25({', '.join(map(str, DOCUMENT_WEIGHTS))}, 0.0)"],
    )
    for name, body in _TRIGGERS.items():
        conn.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")


def _state(conn: sqlite3.Connection) -> dict[str, str]:
    try:
        return dict(conn.execute("SELECT key, value FROM search_state").fetchall())
    except sqlite3.Error:
        return {}


def _threat_row(row: Sequence[Any]) -> tuple[Any, ...]:
    """(id, quote, speaker, targets, instruments, label, lang, source_id, published_date) -> index values."""
    rid, quote, speaker, targets, instruments, label, lang, source_id, date = row
    return (
        rid,
        index_text(quote),
        index_text(speaker),
        index_text(_targets_text(targets)),
        index_text(_instruments_text(instruments)),
        threat_facets(label, lang, source_id, date),
    )


def _document_row(row: Sequence[Any]) -> tuple[Any, ...]:
    """(id, title, text, lang, source_id, published_date) -> index values."""
    rid, title, text, lang, source_id, date = row
    return rid, index_text(title), index_text(text), document_facets(lang, source_id, date)


def _batched(it: Iterable[Any], n: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for x in it:
        batch.append(x)
        if len(batch) >= n:
            yield batch
            batch = []
    if batch:
        yield batch


@contextlib.contextmanager
def _write_transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE ... COMMIT: takes the write lock before reading what to change, so two
    processes (a crawl and `longarm serve`) never apply the same logged change twice."""
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if own:
            conn.rollback()
        raise
    else:
        if own:
            conn.commit()


def index_status(db: Any) -> str:
    """'missing', 'stale' (other normaliser), 'pending' (changes to index) or 'ok'."""
    conn = _conn(db)
    st = _state(conn)
    if not st.get("built_at"):
        return "missing"
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE name LIKE 'search_%'")}
    if not {"search_threats", "search_documents", "search_pending", *_TRIGGERS} <= names:
        return "missing"
    if st.get("normaliser") != normaliser_id() or st.get("layout") != _LAYOUT:
        return "stale"
    if conn.execute("SELECT EXISTS (SELECT 1 FROM search_pending)").fetchone()[0]:
        return "pending"
    return "ok"


_LAYOUT = "2"  # bump when columns, facets or triggers change: the index is rebuilt


def _note_years(conn: sqlite3.Connection, years: set[str]) -> None:
    years = {y for y in years if y and y.isdigit()}
    if not years:
        return
    st = _state(conn)
    lo = min([*years, *([st["min_year"]] if st.get("min_year") else [])])
    hi = max([*years, *([st["max_year"]] if st.get("max_year") else [])])
    conn.executemany(
        "INSERT OR REPLACE INTO search_state(key, value) VALUES (?, ?)", [("min_year", lo), ("max_year", hi)]
    )


def rebuild_index(db: Any, *, progress: Any = None, optimize: bool = True) -> dict[str, int]:
    """Drop and rebuild the whole search index (in one transaction); returns row counts."""
    from longarm.db.store import utcnow

    conn = _conn(db)
    counts = {"threats": 0, "documents": 0}
    with _write_transaction(conn):
        for name in _TRIGGERS:
            conn.execute(f"DROP TRIGGER IF EXISTS {name}")
        for name in ("search_threats", "search_documents", "search_pending", "search_state"):
            conn.execute(f"DROP TABLE IF EXISTS {name}")
        _create_tables(conn)
        for batch in _batched(conn.execute(_THREAT_SELECT + " ORDER BY t.id"), 5000):
            conn.executemany(_T_INSERT, [_threat_row(r) for r in batch])
            counts["threats"] += len(batch)
            if progress:
                progress("threats", counts["threats"])
        years: set[str] = set()
        for batch in _batched(conn.execute(_DOCUMENT_SELECT + " ORDER BY d.id"), 1000):
            conn.executemany(_D_INSERT, [_document_row(r) for r in batch])
            years.update((r[5] or "")[:4] for r in batch)
            counts["documents"] += len(batch)
            if progress:
                progress("documents", counts["documents"])
        if optimize:
            conn.execute("INSERT INTO search_threats(search_threats) VALUES ('optimize')")
            conn.execute("INSERT INTO search_documents(search_documents) VALUES ('optimize')")
        conn.executemany(
            "INSERT OR REPLACE INTO search_state(key, value) VALUES (?, ?)",
            [("normaliser", normaliser_id()), ("layout", _LAYOUT), ("built_at", utcnow())],
        )
        _note_years(conn, years)
    return counts


def index_new(db: Any) -> dict[str, int]:
    """Bring the index up to date: build it if missing or stale, else apply the logged changes.

    Cheap when nothing changed (one indexed lookup) and idempotent; the crawl
    pipeline calls it after storing documents and threats.
    """
    conn = _conn(db)
    status = index_status(conn)
    if status in ("missing", "stale"):
        return rebuild_index(conn)
    if status == "ok":
        return {"threats": 0, "documents": 0}
    with _write_transaction(conn):
        return _drain(conn)


def _drain(conn: sqlite3.Connection) -> dict[str, int]:
    """Apply every logged change (inside the caller's write transaction)."""
    counts = {"threats": 0, "documents": 0}
    rows = conn.execute(f"SELECT seq, {_T_COLS} FROM search_pending ORDER BY seq").fetchall()
    if not rows:
        return counts
    first: dict[tuple[str, int], tuple] = {}
    for r in rows:
        first.setdefault((r[1], r[2]), r)
    years: set[str] = set()
    for (kind, row_id), r in first.items():
        years |= _apply(conn, kind, row_id, r)
        counts["threats" if kind == "t" else "documents"] += 1
    _note_years(conn, years)
    conn.execute("DELETE FROM search_pending WHERE seq <= ?", [rows[-1][0]])
    return counts


def _apply(conn: sqlite3.Connection, kind: str, row_id: int, ev: Sequence[Any]) -> set[str]:
    """Make the index entry of one row match the row as it is now.

    ``ev`` is the first logged event for the row since the last update; it tells
    what the index holds: after an insert ('i') nothing, after an update or a
    delete the old values it carries.
    """
    op = ev[3]
    if kind == "t":
        if op in ("u", "d"):
            conn.execute(_T_DELETE, _threat_row((row_id, *ev[4:12])))
        row = conn.execute(_THREAT_SELECT + " WHERE t.id = ?", [row_id]).fetchone()
        if row is not None:
            conn.execute(_T_INSERT, _threat_row(row))
        return set()
    if op in ("u", "d"):
        conn.execute(_D_DELETE, _document_row((row_id, *ev[4:9])))
    row = conn.execute(_DOCUMENT_SELECT + " WHERE d.id = ?", [row_id]).fetchone()
    if row is not None:
        conn.execute(_D_INSERT, _document_row(row))
        return {(row[5] or "")[:4]}
    return set()


def index_threats(db: Any, ids: Iterable[int]) -> int:
    """Index the given threats now. Normally not needed: triggers log every change for :func:`index_new`."""
    return _index_ids(db, "t", ids)


def index_documents(db: Any, ids: Iterable[int]) -> int:
    """Index the given documents now (see :func:`index_threats`)."""
    return _index_ids(db, "d", ids)


def _index_ids(db: Any, kind: str, ids: Iterable[int]) -> int:
    conn = _conn(db)
    if index_status(conn) in ("missing", "stale"):
        return rebuild_index(conn)["threats" if kind == "t" else "documents"]
    n = 0
    with _write_transaction(conn):
        _drain(conn)  # after this the index holds every row's current values
        for rid in ids:
            if kind == "t":
                row = conn.execute(_THREAT_SELECT + " WHERE t.id = ?", [int(rid)]).fetchone()
                if row is not None:
                    conn.execute(_T_DELETE, _threat_row(row))
                    conn.execute(_T_INSERT, _threat_row(row))
                    n += 1
            else:
                row = conn.execute(_DOCUMENT_SELECT + " WHERE d.id = ?", [int(rid)]).fetchone()
                if row is not None:
                    conn.execute(_D_DELETE, _document_row(row))
                    conn.execute(_D_INSERT, _document_row(row))
                    n += 1
    return n


def ensure_index(db: Any) -> str:
    """Build or update the index if needed (used lazily by search and serve). Returns the status before."""
    conn = _conn(db)
    status = index_status(conn)
    if status != "ok":
        index_new(conn)
    return status
