"""Full-text search over threats and documents that understands Chinese.

Design (see docs/guide.md, "search"). The work is split by concept:

* :mod:`longarm.db.search_text`: text as the index sees it. SQLite's FTS5 cannot
  segment Chinese, and its trigram tokenizer never matches queries under three
  characters, so we index a *normalised copy* of the text: Chinese folded
  character by character to simplified script (``longarm.nlp.normalize.fold_script``:
  OpenCC's t2s character table plus its HK/TW variant tables; context free and
  length keeping, so an offset in the folded text is an offset in the original);
  every run of Han characters written as overlapping bigrams plus its last
  character ("红色通缉令" -> "红色 色通 通缉 缉令 令"); everything else left to
  FTS5's ``porter unicode61`` tokenizer ("pursue" finds "pursued").
* :mod:`longarm.db.query`: a user's query parsed into terms, expanded with synonyms
  and aliases, written out as quoted FTS5 phrases (never passed raw to MATCH).
* :mod:`longarm.db.highlight`: match offsets, marks and snippets on the original text.
* :mod:`longarm.db.index`: the contentless FTS5 tables, the triggers that log changes
  into ``search_pending``, the full build and the incremental upkeep.
* this module: filters and the searches themselves (ranked threats and
  documents, the newest threats of a feed). It also re-exports the public names
  of the four modules above, so ``from db import search as S; S.fold(...)``
  keeps working.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field
from typing import Any, Sequence

from longarm.db.highlight import mark, match_spans, snippet, snippet_fit, window, window_of
from longarm.db.index import (
    DOCUMENT_COLUMNS,
    DOCUMENT_WEIGHTS,
    THREAT_COLUMNS,
    THREAT_WEIGHTS,
    _conn,
    _h,
    _state,
    document_facets,
    ensure_index,
    index_documents,
    index_new,
    index_status,
    index_threats,
    rebuild_index,
    threat_facets,
)
from longarm.db.query import (
    DATA_DIR,
    MAX_QUERY_CHARS,
    MAX_TERMS,
    SYNONYMS_FILE,
    Alternative,
    Query,
    QueryError,
    Term,
    _aliases,
    _quote,
    load_synonyms,
    parse_query,
)
from longarm.db.search_text import (
    _HAN,
    HAN_RUN,
    IS_HAN,
    LATIN_WORD,
    NORMALISER_VERSION,
    TOKENIZE,
    fold,
    index_text,
    normaliser_id,
    stem,
    to_simplified,
)

__all__ = [
    # searching (this module)
    "Filters",
    "RANK_WINDOW",
    "Results",
    "check_date",
    "newest_threats",
    "search_documents",
    "search_threats",
    # re-exported: longarm.db.search_text
    "HAN_RUN",
    "IS_HAN",
    "LATIN_WORD",
    "NORMALISER_VERSION",
    "TOKENIZE",
    "fold",
    "index_text",
    "normaliser_id",
    "stem",
    "to_simplified",
    # re-exported: longarm.db.query
    "Alternative",
    "DATA_DIR",
    "MAX_QUERY_CHARS",
    "MAX_TERMS",
    "Query",
    "QueryError",
    "SYNONYMS_FILE",
    "Term",
    "load_synonyms",
    "parse_query",
    # re-exported: longarm.db.highlight
    "mark",
    "match_spans",
    "snippet",
    "snippet_fit",
    "window",
    "window_of",
    # re-exported: longarm.db.index
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

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

# Ranking (bm25) costs about 2 µs per matching row. When a query matches more
# rows than this, only the newest RANK_WINDOW matches (by id, i.e. the most
# recently stored) are ranked, so a page comes back in bounded time; the
# results say so, and filters or more words narrow the set.
RANK_WINDOW = 10_000


def check_date(value: str | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    v = str(value).strip()
    if not _DATE.match(v):
        raise QueryError(f"{name} {value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
    parts = v.split("-")
    if int(parts[0]) < 1:
        raise QueryError(f"{name} {value!r} is not a valid date: years start at 0001")
    if len(parts) > 1 and not 1 <= int(parts[1]) <= 12 or len(parts) > 2 and not 1 <= int(parts[2]) <= 31:
        raise QueryError(f"{name} {value!r} is not a valid date")
    return v


#: the ``changed`` filter's values -> the condition on a statement (``t``) and on a document (``d``)
CHANGED = {
    "removed": (
        "t.removed_from_source_at IS NOT NULL",
        "EXISTS (SELECT 1 FROM rechecks r WHERE r.document_id = d.id AND r.status = 'done' AND r.outcome = 'gone')",
    ),
    "edited": (
        "t.edited_on_source_at IS NOT NULL AND t.removed_from_source_at IS NULL",
        "EXISTS (SELECT 1 FROM document_versions v WHERE v.document_id = d.id)",
    ),
    "changed": (
        "(t.removed_from_source_at IS NOT NULL OR t.edited_on_source_at IS NOT NULL)",
        "EXISTS (SELECT 1 FROM rechecks r WHERE r.document_id = d.id AND r.status = 'done' "
        "AND r.outcome IN ('gone', 'edited'))",
    ),
}


def _change_columns(conn: sqlite3.Connection) -> str:
    """The statement's removed / edited dates for a SELECT (NULLs on a read-only store from before re-checks)."""
    columns = {r[1] for r in conn.execute("PRAGMA table_info(threats)")}
    if {"removed_from_source_at", "edited_on_source_at"} <= columns:
        return "t.removed_from_source_at, t.edited_on_source_at"
    return "NULL AS removed_from_source_at, NULL AS edited_on_source_at"


@dataclass
class Filters:
    label: str | None = None
    speaker: str | None = None
    target: str | None = None
    source: str | None = None
    lang: str | None = None
    since: str | None = None
    until: str | None = None
    year: str | None = None
    #: what re-checks found on the live page (docs/rechecks.md): ``removed``, ``edited`` or ``changed`` (either)
    changed: str | None = None

    def __post_init__(self) -> None:
        for k in ("label", "speaker", "target", "source", "lang", "year", "changed"):
            v = getattr(self, k)
            setattr(self, k, str(v).strip() or None if v is not None else None)
        self.since = check_date(self.since, "--since")
        self.until = check_date(self.until, "--until")
        if self.year is not None and (not re.fullmatch(r"\d{4}", self.year) or self.year == "0000"):
            raise QueryError(f"year {self.year!r} is not a year")
        if self.changed is not None:
            self.changed = self.changed.lower()
            if self.changed not in CHANGED:
                raise QueryError(f"changed {self.changed!r} is not one of: {', '.join(CHANGED)}")

    def active(self) -> dict[str, str]:
        return {k: v for k, v in self.__dict__.items() if v}


def _names_for(conn: sqlite3.Connection, value: str) -> list[str]:
    """A speaker/target filter value plus the canonical names it is an alias of."""
    names = [value]
    canon = _aliases(conn).get(fold(value).lower().strip())
    if canon and canon not in names:
        names.append(canon)
    return names


def _like(v: str) -> str:
    return "%" + v.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _value_phrase(value: str) -> str | None:
    """An FTS5 expression matching ``value``'s words (in order) in one column, or None."""
    parts = []
    f = fold(value)
    for m in re.finditer(f"[{_HAN}]+|(?:(?![{_HAN}])[^\\W_])+", f):
        tok = m.group()
        parts.append(Alternative(han=tok).fts() if IS_HAN.match(tok) else _quote(tok.lower()))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else "(" + " AND ".join(parts) + ")"


def _date_cover(since: str | None, until: str | None, years: tuple[int, int]) -> list[str]:
    """Facet tokens (years, months, days) whose union covers [since, until] within the indexed years."""
    import calendar
    from datetime import date, timedelta

    lo_y, hi_y = years

    def start_of(v: str) -> date:
        p = [int(x) for x in v.split("-")] + [1, 1]
        return date(p[0], p[1], min(p[2], calendar.monthrange(p[0], p[1])[1]))

    def end_of(v: str) -> date:
        p = [int(x) for x in v.split("-")]
        if len(p) == 1:
            return date(p[0], 12, 31)
        last = calendar.monthrange(p[0], p[1])[1]
        return date(p[0], p[1], last if len(p) == 2 else min(p[2], last))

    a = start_of(since) if since else date(lo_y, 1, 1)
    b = end_of(until) if until else date(hi_y, 12, 31)
    a = max(a, date(lo_y, 1, 1))
    b = min(b, date(hi_y, 12, 31))
    if a > b:
        return []
    toks: list[str] = []
    d = a
    while d <= b:
        if d.month == 1 and d.day == 1 and date(d.year, 12, 31) <= b:
            toks.append(f"zqy{d.year}")
            d = date(d.year + 1, 1, 1)
        elif d.day == 1 and date(d.year, d.month, calendar.monthrange(d.year, d.month)[1]) <= b:
            toks.append(f"zqm{d.year}{d.month:02d}")
            d = date(d.year, d.month, calendar.monthrange(d.year, d.month)[1]) + timedelta(days=1)
        else:
            toks.append(f"zqd{d.year}{d.month:02d}{d.day:02d}")
            d += timedelta(days=1)
    return toks


def _filters(conn: sqlite3.Connection, f: Filters, *, threats: bool) -> tuple[list[str], list[str], list[Any]]:
    """(FTS5 sub-expressions to AND with the query, SQL conditions, SQL parameters) for the filters.

    The FTS5 part narrows the matches inside the index (fast); the SQL part
    states the filter exactly on the rows that remain.
    """
    fts: list[str] = []
    where: list[str] = []
    params: list[Any] = []
    if threats:
        # unary + keeps the planner off the partial index on current rows (it would scan them all)
        where.append("+t.superseded_at IS NULL")  # superseded statements stay citable, not listed
    if threats and f.label:
        fts.append(_quote("zqb" + _h(f.label)))
        where.append("t.label = ?")
        params.append(f.label)
    for col, value in (("speaker", f.speaker), ("targets", f.target)):
        if not (threats and value):
            continue
        names = _names_for(conn, value)
        phrases = [p for p in (_value_phrase(n) for n in names) if p]
        if len(phrases) == len(names):
            fts.append("(" + " OR ".join(f"{col} : {p}" for p in phrases) + ")")
        if col == "speaker":
            where.append("(" + " OR ".join("t.speaker LIKE ? ESCAPE '\\'" for _ in names) + ")")
        else:
            where.append(
                "EXISTS (SELECT 1 FROM json_each(CASE WHEN json_valid(t.targets) THEN t.targets ELSE '[]' END) j "
                "WHERE " + " OR ".join("j.value LIKE ? ESCAPE '\\'" for _ in names) + ")"
            )
        params += [_like(n) for n in names]
    if f.lang:
        fts.append(_quote("zql" + _h(f.lang.lower())))
        col = "COALESCE(t.lang, d.lang)" if threats else "d.lang"
        where.append(f"(lower({col}) = lower(?) OR lower({col}) LIKE lower(?) ESCAPE '\\')")
        params += [f.lang, f.lang.replace("_", "\\_") + "-%"]
    if f.changed:
        if _change_columns(conn).startswith("NULL"):
            raise QueryError("this database predates re-checks: open it once with a write command to upgrade it")
        on_threat, on_document = CHANGED[f.changed]
        where.append(on_threat if threats else on_document)
    if f.source:
        fts.append(_quote("zqs" + _h(f.source)))
        where.append("d.source_id = ?")
        params.append(f.source)
    since, until = f.since, f.until
    if f.year:
        if not since or since < f.year:
            since = f.year
        if not until or until[:4] > f.year:
            until = f.year
    if since or until:
        st = _state(conn)
        try:
            years = (int(st.get("min_year") or 1990), int(st.get("max_year") or 2100))
        except ValueError:
            years = (1990, 2100)
        cover = _date_cover(since, until, years)
        fts.append("(" + " OR ".join(_quote(t) for t in cover) + ")" if cover else _quote("zqnothing0"))
        if since:
            where.append("d.published_date >= ?")
            params.append(since)
        if until:
            where.append("substr(d.published_date, 1, ?) <= ?")
            params += [len(until), until]
    return fts, where, params


@dataclass
class Results:
    query: Query
    rows: list[dict[str, Any]]
    total: int | None = None  # exact number of matches, when counted
    ranked_window: int | None = None  # set when only the newest N matches were ranked
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)

    @property
    def note(self) -> str | None:
        if self.ranked_window:
            return (
                f"more than {self.ranked_window:,} matches: ranked among the newest {self.ranked_window:,}; "
                "add words or filters to narrow"
            )
        return None


def _execute(conn: sqlite3.Connection, sql: str, params: Sequence[Any]) -> list[sqlite3.Row]:
    old = conn.row_factory
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, list(params)).fetchall()
    except sqlite3.OperationalError as exc:
        msg = str(exc)
        if "fts5" in msg or "syntax" in msg or "MATCH" in msg or "unterminated" in msg:
            raise QueryError(f"the query could not be searched ({msg})") from exc
        if "no such table: search_" in msg:
            raise QueryError(
                "the search index is missing: run `longarm search` once with write access to build it"
            ) from exc
        raise
    finally:
        conn.row_factory = old


def _window_floor(conn: sqlite3.Connection, table: str, match: str, window: int) -> int | None:
    """The smallest rowid among the newest ``window`` matches, or None when there are fewer."""
    row = _execute(
        conn,
        f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
        [match, window - 1],
    )
    return row[0][0] if row else None


def _prepare(
    conn: sqlite3.Connection, table: str, query: Query, f: Filters, threats: bool, window: int | None
) -> tuple[str, list[Any], int | None, list[str], list[Any]]:
    """(match expression, its args incl. the window floor, floor, SQL conditions, their params)."""
    fts, where, params = _filters(conn, f, threats=threats)
    match = " AND ".join([f"({query.match_expression()})", *fts]) if fts else query.match_expression()
    floor = _window_floor(conn, table, match, window) if window else None
    return match, ([floor] if floor is not None else []), floor, where, params


def _ranked_ids(
    conn: sqlite3.Connection, table: str, match: str, floor: int | None, n: int | None
) -> list[tuple[int, float]]:
    """(rowid, rank) of the best ``n`` matches (all when n is None), ranked inside FTS5 (no joins)."""
    sql = (
        f"SELECT rowid, rank FROM {table} WHERE {table} MATCH ?"
        + (" AND rowid >= ?" if floor is not None else "")
        + " ORDER BY rank"
        + (" LIMIT ?" if n is not None else "")
    )
    args: list[Any] = [match, *([floor] if floor is not None else []), *([n] if n is not None else [])]
    return [(r[0], r[1]) for r in _execute(conn, sql, args)]


def _page(
    conn: sqlite3.Connection,
    table: str,
    select: str,
    joins: str,
    id_col: str,
    match: str,
    floor: int | None,
    where: list[str],
    params: list[Any],
    limit: int,
    offset: int,
) -> list[dict[str, Any]]:
    """One page of ranked rows (as dicts, with their ``rank``): rank in FTS5 first, then join and check the exact filters on the few candidates.

    Joining before ranking would look up every match; the exact SQL filters
    almost never drop a candidate (the FTS5 facet tokens already did the
    filtering), so when they drop too many we simply widen the candidate list.
    """
    want = limit + offset
    n: int | None = want + 20 if not where else want * 2 + 50
    while True:
        cands = _ranked_ids(conn, table, match, floor, n)
        if not cands:
            return []
        ranks = dict(cands)
        ids = list(ranks)
        rows: list[sqlite3.Row] = []
        for i in range(0, len(ids), 900):
            chunk = ids[i : i + 900]
            rows += _execute(
                conn,
                f"SELECT {select} {joins} WHERE {id_col} IN ({','.join('?' * len(chunk))})"
                + "".join(" AND " + w for w in where),
                [*chunk, *params],
            )
        if len(rows) >= want or n is None or len(cands) < n:
            break
        n = None if n > 5000 else n * 4
    rows.sort(key=lambda r: (ranks[r[0]], r[0]))
    return [_with_rank(r, ranks[r[0]]) for r in rows[offset : offset + limit]]


def _with_rank(row: sqlite3.Row, rank: float) -> dict[str, Any]:
    d = dict(row)
    d["rank"] = rank
    return d


def search_threats(
    db: Any,
    q: str | Query,
    filters: Filters | None = None,
    *,
    limit: int = 20,
    offset: int = 0,
    count: bool = False,
    facets: bool = False,
    snippet_size: int = 240,
    window: int | None = RANK_WINDOW,
) -> Results:
    """Ranked threats matching ``q``; each row has the quote's match offsets (``spans``) and a marked ``snippet``.

    ``count``: also count the matches (exact; cheap when within the ranking window).
    ``facets``: counts by speaker, target, source and year over the ranked matches.
    """
    conn = _conn(db)
    query = q if isinstance(q, Query) else parse_query(q, conn)
    f = filters or Filters()
    match, fargs, floor, where, params = _prepare(conn, "search_threats", query, f, True, window)
    select = (
        "t.id, t.document_id, t.label, t.speaker, t.speaker_kind, t.targets, t.instruments, t.quote, "
        't.start, t."end", t.score, COALESCE(t.lang, d.lang) AS lang, t.extractor_version, '
        "d.title, d.source_id, d.url, d.published_at, d.published_date, d.snapshot_id, " + _change_columns(conn)
    )
    joins = "FROM threats t LEFT JOIN documents d ON d.id = t.document_id"
    rows = _page(
        conn,
        "search_threats",
        select,
        joins,
        "t.id",
        match,
        floor,
        where,
        params,
        max(0, int(limit)),
        max(0, int(offset)),
    )
    out = []
    for d in rows:
        for k in ("targets", "instruments"):
            try:
                d[k] = json.loads(d[k]) if d[k] else []
            except ValueError:
                d[k] = [d[k]]
        d["spans"] = match_spans(d["quote"], query)
        d["snippet"] = snippet(d["quote"], d["spans"], snippet_size)
        # Where the words were found: a quote without highlights matched on its speaker or targets
        # (often through an alias: 李家超 finds "John Lee Ka-chiu").
        d["matched_in"] = (
            ["quote"]
            if d["spans"]
            else [
                f
                for f, text in (
                    ("speaker", d["speaker"] or ""),
                    ("targets", " ".join(map(str, d["targets"]))),
                    ("instruments", " ".join(map(str, d["instruments"]))),
                )
                if match_spans(text, query)
            ]
            or ["speaker or targets (alias)"]
        )
        out.append(d)
    res = Results(query, out, ranked_window=window if floor is not None else None)
    base = (
        "FROM search_threats s JOIN threats t ON t.id = s.rowid LEFT JOIN documents d ON d.id = t.document_id "
        "WHERE search_threats MATCH ?"
        + (" AND s.rowid >= ?" if floor is not None else "")
        + "".join(" AND " + w for w in where)
    )
    if count:
        if floor is None:
            res.total = _execute(conn, "SELECT count(*) " + base, [match, *params])[0][0]
        else:
            res.total = _execute(conn, "SELECT count(*) " + base.replace(" AND s.rowid >= ?", ""), [match, *params])[0][
                0
            ]
    if facets:
        res.facets = _threat_facets(conn, base, [match, *fargs, *params])
    return res


def _threat_facets(
    conn: sqlite3.Connection, base: str, args: list[Any], top: int = 12
) -> dict[str, list[tuple[str, int]]]:
    joined = base.replace(
        "LEFT JOIN documents d ON d.id = t.document_id WHERE",
        "LEFT JOIN documents d ON d.id = t.document_id, "
        "json_each(CASE WHEN json_valid(t.targets) THEN t.targets ELSE '[]' END) j WHERE",
    )
    sqls = {
        "speaker": "SELECT t.speaker AS v, count(*) AS n "
        + base
        + " AND t.speaker IS NOT NULL GROUP BY v ORDER BY n DESC, v LIMIT ?",
        "target": "SELECT j.value AS v, count(*) AS n " + joined + " GROUP BY v ORDER BY n DESC, v LIMIT ?",
        "source": "SELECT d.source_id AS v, count(*) AS n "
        + base
        + " AND d.source_id IS NOT NULL GROUP BY v ORDER BY n DESC, v LIMIT ?",
        "year": "SELECT substr(d.published_date, 1, 4) AS v, count(*) AS n "
        + base
        + " AND d.published_date IS NOT NULL GROUP BY v ORDER BY v DESC LIMIT ?",
    }
    return {name: [(r[0], r[1]) for r in _execute(conn, sql, [*args, top])] for name, sql in sqls.items()}


def search_documents(
    db: Any,
    q: str | Query,
    filters: Filters | None = None,
    *,
    limit: int = 20,
    offset: int = 0,
    count: bool = False,
    snippet_size: int = 240,
    window: int | None = RANK_WINDOW,
) -> Results:
    """Ranked documents matching ``q``, with a marked snippet of the text around the first match.

    Threat-only filters (label, speaker, target) are ignored here.
    """
    conn = _conn(db)
    query = q if isinstance(q, Query) else parse_query(q, conn)
    f = filters or Filters()
    match, fargs, floor, where, params = _prepare(conn, "search_documents", query, f, False, window)
    select = "d.id, d.title, d.source_id, d.url, d.published_at, d.published_date, d.lang, d.snapshot_id, d.text"
    rows = _page(
        conn,
        "search_documents",
        select,
        "FROM documents d",
        "d.id",
        match,
        floor,
        where,
        params,
        max(0, int(limit)),
        max(0, int(offset)),
    )
    out = []
    for d in rows:
        text = d.pop("text") or ""
        d["title_spans"] = match_spans(d["title"], query)
        spans = match_spans(text, query)
        s, e = window_of(text, spans, snippet_size)
        d["context"] = text[s:e]
        d["context_start"] = s
        d["context_spans"] = [(max(a, s) - s, min(b, e) - s) for a, b in spans if b > s and a < e]
        d["snippet"] = snippet(text, spans, snippet_size)
        d["match_count"] = len(spans)
        out.append(d)
    res = Results(query, out, ranked_window=window if floor is not None else None)
    if count:
        res.total = _execute(
            conn,
            "SELECT count(*) FROM search_documents s JOIN documents d ON d.id = s.rowid "
            "WHERE search_documents MATCH ?" + "".join(" AND " + w for w in where),
            [match, *params],
        )[0][0]
    return res


def newest_threats(
    db: Any, q: str | Query | None, filters: Filters | None = None, *, limit: int = 50
) -> list[dict[str, Any]]:
    """The ``limit`` most recently stored current statements matching ``q`` and ``filters``, newest first.

    What a feed of a saved search lists: the same query and filters as
    :func:`search_threats`, ordered by when longarm stored the statement rather
    than by relevance, so a statement a crawl adds comes first. An empty ``q``
    lists by the filters alone (a source's or a person's feed).
    """
    conn = _conn(db)
    f = filters or Filters()
    select = (
        "SELECT t.id, t.document_id, t.label, t.speaker, t.speaker_kind, t.targets, t.instruments, t.quote, "
        't.start, t."end", t.score, COALESCE(t.lang, d.lang) AS lang, t.created_at, t.extractor_version, '
        "d.title, d.source_id, d.url, d.published_at, d.published_date, d.snapshot_id "
    )
    fts, where, params = _filters(conn, f, threats=True)
    query: Query | None = None
    if q is not None and (not isinstance(q, str) or q.strip()):
        query = q if isinstance(q, Query) else parse_query(q, conn)
        match = " AND ".join([f"({query.match_expression()})", *fts]) if fts else query.match_expression()
        sql = (
            select + "FROM search_threats s JOIN threats t ON t.id = s.rowid "
            "LEFT JOIN documents d ON d.id = t.document_id WHERE search_threats MATCH ?"
            + "".join(" AND " + w for w in where)
            + " ORDER BY t.id DESC LIMIT ?"
        )
        args: list[Any] = [match, *params, max(0, int(limit))]
    else:
        sql = (
            select
            + "FROM threats t LEFT JOIN documents d ON d.id = t.document_id WHERE "
            + " AND ".join(where)
            + " ORDER BY t.id DESC LIMIT ?"
        )
        args = [*params, max(0, int(limit))]
    out = []
    for row in _execute(conn, sql, args):
        d = dict(row)
        for k in ("targets", "instruments"):
            try:
                d[k] = json.loads(d[k]) if d[k] else []
            except ValueError:
                d[k] = [d[k]]
        d["spans"] = match_spans(d["quote"], query) if query is not None else []
        out.append(d)
    return out
