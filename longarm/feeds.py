"""Atom feeds of statements: for a saved search, a source, a person targeted.

Analysts follow longarm in a feed reader or a team channel rather than reading
a digest file. A feed lists the newest matching statements (newest stored first),
each entry carrying the quote, speaker, targets, instruments, the citation and
links to the threat page, the archived copy and the original page. The XML is
written by ``feedgen``; this module only decides what goes in it.

Entry ids are stable across rebuilds of the store: they hash the document URL,
the quote's offsets and the quote (``urn:longarm:statement:…``), not the row id,
so a reader never shows a statement twice after the database is rebuilt from
the archive.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Sequence
from urllib.parse import quote as urlquote
from urllib.parse import urlencode

from feedgen.feed import FeedGenerator
from markupsafe import escape

from longarm.db import search as S

FEED_SIZE = 50
GENERATOR = "longarm"
# The query-string keys a search feed takes: the search page's (db/search.py Filters) plus q.
SEARCH_KEYS = ("q", "label", "speaker", "target", "source", "lang", "since", "until", "year")


@dataclass
class FeedSpec:
    """What a feed is: its title, stable id, and the URL paths of itself and of its HTML page."""

    title: str
    feed_id: str
    self_path: str
    html_path: str
    subtitle: str = ""


def statement_id(row: dict[str, Any]) -> str:
    """A stable Atom id for a statement: independent of row ids, so it survives a rebuild of the store."""
    key = f"{row.get('url') or ''}\n{row.get('start')}\n{row.get('end')}\n{row.get('quote') or ''}"
    return "urn:longarm:statement:" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:40]


def _id_of(kind: str, value: str) -> str:
    return f"urn:longarm:feed:{kind}:" + hashlib.sha256(value.encode("utf-8")).hexdigest()[:24]


def search_args(args: dict[str, str]) -> dict[str, str]:
    """The search parameters that define a search feed (empty ones dropped), in a fixed order."""
    return {k: args[k].strip() for k in SEARCH_KEYS if (args.get(k) or "").strip()}


def search_spec(args: dict[str, str]) -> FeedSpec:
    a = search_args(args)
    qs = urlencode(a)
    shown = " · ".join([f"“{a['q']}”"] if "q" in a else []) or "all statements"
    filt = ", ".join(f"{k} {v}" for k, v in a.items() if k != "q")
    return FeedSpec(
        title=f"longarm: {shown}" + (f" ({filt})" if filt else ""),
        feed_id=_id_of("search", qs),
        self_path="/-/longarm/feed/search.atom" + (f"?{qs}" if qs else ""),
        html_path="/-/longarm/search" + (f"?{qs}" if qs else ""),
        subtitle="Newest statements matching a longarm search",
    )


def source_spec(source_id: str, name: str | None) -> FeedSpec:
    return FeedSpec(
        title=f"longarm: statements from {name or source_id}",
        feed_id=_id_of("source", source_id),
        self_path=f"/-/longarm/feed/source/{urlquote(source_id, safe='')}.atom",
        html_path="/-/longarm/search?" + urlencode({"source": source_id}),
        subtitle=f"Newest threat and action statements published by {name or source_id}",
    )


def person_spec(name: str) -> FeedSpec:
    return FeedSpec(
        title=f"longarm: statements about {name}",
        feed_id=_id_of("person", name),
        self_path=f"/-/longarm/feed/person/{urlquote(name, safe='')}.atom",
        html_path=f"/-/longarm/person/{urlquote(name, safe='')}",
        subtitle=f"Newest statements naming {name} as a target",
    )


def _when(value: str | None) -> datetime | None:
    """An aware datetime from a stored ISO time or date (naive taken as UTC); None when unreadable."""
    if not value:
        return None
    v = value.strip().replace("Z", "+00:00")
    try:
        dt = datetime.fromisoformat(v)
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


def _entry_html(row: dict[str, Any], links: dict[str, str], citation: str) -> str:
    def li(label: str, value: Any) -> str:
        return f"<li><strong>{escape(label)}</strong>: {escape(value)}</li>" if value else ""

    parts = [
        f'<blockquote lang="{escape(row.get("lang") or "")}">{escape(row["quote"])}</blockquote>',
        "<ul>",
        li("Label", row.get("label")),
        li(
            "Speaker",
            " ".join(
                x
                for x in (row.get("speaker") or "", f"({row['speaker_kind']})" if row.get("speaker_kind") else "")
                if x
            ),
        ),
        li("Targets", ", ".join(row.get("targets") or [])),
        li("Instruments", ", ".join(row.get("instruments") or [])),
        li("Published", (row.get("published_at") or row.get("published_date") or "")[:10]),
        li("Source", row.get("source_name") or row.get("source_id")),
        "</ul>",
        f'<p><a href="{escape(links["threat"])}">Statement and citations</a>'
        + (f' · <a href="{escape(links["archived"])}">archived copy</a>' if links.get("archived") else "")
        + (f' · <a href="{escape(links["original"])}">original page</a>' if links.get("original") else "")
        + "</p>",
        f"<p>Citation: {escape(citation)}</p>",
    ]
    return "".join(parts)


def build_atom(
    spec: FeedSpec, rows: Sequence[dict[str, Any]], base_url: str, citations: dict[int, str] | None = None
) -> bytes:
    """The Atom document (UTF-8 bytes) for ``rows`` (from :func:`longarm.db.search.newest_threats`)."""
    base = base_url.rstrip("/")
    fg = FeedGenerator()
    fg.id(spec.feed_id)
    fg.title(spec.title)
    if spec.subtitle:
        fg.subtitle(spec.subtitle)
    fg.author({"name": "longarm"})
    fg.generator(GENERATOR)
    fg.link(href=base + spec.self_path, rel="self", type="application/atom+xml")
    fg.link(href=base + spec.html_path, rel="alternate", type="text/html")
    fg.language("mul")
    stamps = [t for t in (_when(r.get("created_at")) for r in rows) if t]
    fg.updated(max(stamps) if stamps else datetime(1970, 1, 1, tzinfo=timezone.utc))
    for r in rows:
        links = {
            "threat": f"{base}/-/longarm/threat/{r['id']}",
            "archived": f"{base}/-/longarm/snapshot/{r['snapshot_id']}" if r.get("snapshot_id") else "",
            "original": r.get("url") or "",
        }
        cite = (citations or {}).get(r["id"], "")
        fe = fg.add_entry(order="append")
        fe.id(statement_id(r))
        speaker = r.get("speaker") or "Unattributed"
        q = r["quote"]
        fe.title(f"{speaker}: {q[:90]}{'…' if len(q) > 90 else ''}")
        # One link element only: feedgen 1.0.0 writes an entry's links without their rel and type, and
        # two such links would be two "alternate" links, which Atom forbids. The archived copy and the
        # original page are linked from the content.
        fe.link(href=links["threat"], rel="alternate", type="text/html")
        fe.author({"name": speaker})
        for term in [r.get("label"), *(r.get("instruments") or [])]:
            if term:
                fe.category(
                    term=term, scheme="urn:longarm:label" if term == r.get("label") else "urn:longarm:instrument"
                )
        fe.summary(q)
        fe.content(_entry_html(r, links, cite), type="html")
        stored = _when(r.get("created_at"))
        published = _when(r.get("published_at")) or _when(r.get("published_date"))
        fe.updated(stored or published or datetime(1970, 1, 1, tzinfo=timezone.utc))
        if published:
            fe.published(published)
    return fg.atom_str(pretty=True)


def citations_for(db: Any, ids: Sequence[int]) -> dict[int, str]:
    """The Markdown citation line of each statement (for the entries' content)."""
    from longarm.db import citation as C

    out = {}
    for tid in ids:
        try:
            out[tid] = C.as_markdown(C.load(db, tid))
        except C.CitationNotFound:
            continue
    return out


def search_feed(db: Any, args: dict[str, str], base_url: str, *, limit: int = FEED_SIZE) -> bytes:
    """The feed of a saved search: ``args`` as the search page takes them (q and filters).

    Raises :class:`longarm.db.search.QueryError` for a bad query or filter.
    """
    a = search_args(args)
    filters = S.Filters(**{k: a.get(k) for k in SEARCH_KEYS if k != "q"})
    rows = S.newest_threats(db, a.get("q"), filters, limit=limit)
    return build_atom(search_spec(a), rows, base_url, citations_for(db, [r["id"] for r in rows]))


def source_feed(db: Any, source_id: str, name: str | None, base_url: str, *, limit: int = FEED_SIZE) -> bytes:
    rows = S.newest_threats(db, None, S.Filters(source=source_id), limit=limit)
    return build_atom(source_spec(source_id, name), rows, base_url, citations_for(db, [r["id"] for r in rows]))


def canonical_person(db: Any, name: str) -> str:
    """The gazetteer's name for ``name`` when it is an alias (羅冠聰 -> Nathan Law Kwun-chung), else ``name``."""
    conn = getattr(db, "conn", db)
    if conn.execute("SELECT 1 FROM people WHERE name = ?", [name]).fetchone():
        return name
    row = conn.execute("SELECT name FROM aliases WHERE alias = ? ORDER BY name LIMIT 1", [name]).fetchone()
    return row[0] if row else name


def person_feed(db: Any, name: str, base_url: str, *, limit: int = FEED_SIZE) -> bytes:
    """The statements naming ``name`` (or the person it is an alias of) as a target, newest first."""
    name = canonical_person(db, name)
    rows = S.newest_threats(db, None, S.Filters(target=name), limit=limit)
    return build_atom(person_spec(name), rows, base_url, citations_for(db, [r["id"] for r in rows]))
