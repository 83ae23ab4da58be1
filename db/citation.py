"""Citations of threats, and their verification against the archived WARC record.

A citation names (docs/architecture.md, "The citation"): the threat's quote (in
its original language) and speaker; the document's title, source, publication
date and original URL; the snapshot's capture time (UTC), the WARC file and
record offset, and the SHA-256 of the archived payload, so anyone can check the
archived bytes.

Formats: :func:`as_json` (flat fields), :func:`as_csl` (CSL-JSON, imports into
Zotero and other reference managers), :func:`as_markdown` (one line a report can
paste). Verifying a citation against the archive (re-reading the WARC record,
extracting the text again) is ``longarm/verification.py``: it needs the WARC
reader and the page extraction, parts the database layer does not import.
"""

from __future__ import annotations

import json
import re
from typing import Any

NEWS_KINDS = {"state_media", "pro_beijing_media"}


class CitationNotFound(LookupError):
    """No threat with that id."""


def _conn(db: Any) -> Any:
    return getattr(db, "conn", db)


def load(db: Any, threat_id: int) -> dict[str, Any]:
    """Everything a citation needs about one threat (raises CitationNotFound)."""
    conn = _conn(db)
    cur = conn.execute(
        """SELECT t.id AS threat_id, t.label, t.speaker, t.speaker_kind, t.targets, t.instruments, t.quote,
                  t.start AS quote_start, t."end" AS quote_end, t.score, t.lang AS quote_lang, t.extractor_version, t.superseded_at,
                  d.id AS document_id, d.title, d.url AS document_url, d.canonical_url, d.published_at,
                  d.published_date, d.lang AS document_lang, d.source_id, d.text_sha256,
                  src.name AS source_name, src.owner AS source_owner, src.kind AS source_kind,
                  s.id AS snapshot_id, s.url AS snapshot_url, s.captured_at, s.status AS http_status,
                  s.content_type, s.sha256, s.warc_file, s.warc_offset, s.warc_length, s.warc_record_id
           FROM threats t
           LEFT JOIN documents d ON d.id = t.document_id
           LEFT JOIN sources src ON src.id = d.source_id
           LEFT JOIN snapshots s ON s.id = d.snapshot_id
           WHERE t.id = ?""",
        [int(threat_id)],
    )
    row = cur.fetchone()
    if row is None:
        raise CitationNotFound(f"no threat with id {threat_id}")
    c = dict(zip([d[0] for d in cur.description], row))
    for k in ("targets", "instruments"):
        try:
            c[k] = json.loads(c[k]) if c[k] else []
        except ValueError:
            c[k] = [c[k]]
    c["quote_lang"] = c["quote_lang"] or c["document_lang"]
    c["url"] = c["document_url"] or c["snapshot_url"]
    c["live_page"] = live_page(conn, int(threat_id), c["document_id"])
    return c


def live_page(conn: Any, threat_id: int, document_id: int | None) -> dict[str, str] | None:
    """What re-checks (docs/rechecks.md) found of the live page since the cited capture, or None.

    ``{"status": "removed", "as_of": DATE}`` when the page is gone or no longer holds the quote;
    ``{"status": "reworded", "as_of": DATE, "new_wording": TEXT}`` when an edit reworded it;
    ``{"status": "edited", "as_of": DATE}`` when a later version of the page still holds it.
    The citation itself stays bound to the capture it cites.
    """
    import sqlite3

    try:
        row = conn.execute(
            """SELECT t.removed_from_source_at, r.outcome FROM threats t
               LEFT JOIN rechecks r ON r.id = t.removed_in_recheck_id WHERE t.id = ?""",
            [threat_id],
        ).fetchone()
        if row is not None and row[0]:
            return {"status": "removed" if row[1] != "edited" else "removed_by_edit", "as_of": row[0]}
        reworded = _reworded(conn, threat_id)
        if reworded is not None:
            return reworded
        version = conn.execute(
            "SELECT MIN(captured_at) FROM document_versions WHERE document_id = ?", [document_id]
        ).fetchone()
    except sqlite3.OperationalError:  # a database from before re-checks (read-only: not migrated)
        return None
    if version is not None and version[0]:
        return {"status": "edited", "as_of": version[0][:10]}
    return None


def _reworded(conn: Any, threat_id: int) -> dict[str, str] | None:
    """``{"status": "reworded", "as_of", "new_wording"}`` when an edit reworded the statement, else None."""
    import sqlite3

    try:
        row = conn.execute(
            """SELECT t.edited_on_source_at, w.quote FROM threats t
               LEFT JOIN statement_rewordings w ON w.threat_id = t.id WHERE t.id = ?""",
            [threat_id],
        ).fetchone()
    except sqlite3.OperationalError:  # a read-only database from before rewordings (migration 7)
        return None
    if row is None or not row[0]:
        return None
    return {"status": "reworded", "as_of": row[0], "new_wording": row[1] or ""}


def live_page_note(c: dict[str, Any]) -> str:
    """ "the live page was removed / edited as of DATE" for a citation, or ""."""
    lp = c.get("live_page")
    if not lp:
        return ""
    if lp["status"] == "removed":
        return f"the live page was removed as of {lp['as_of']}"
    if lp["status"] == "removed_by_edit":
        return f"the live page was edited and no longer holds this quote as of {lp['as_of']}"
    if lp["status"] == "reworded":
        return f"the live page was edited as of {lp['as_of']} and now words this statement differently"
    return f"the live page was edited as of {lp['as_of']}"


def _utc(captured_at: str | None) -> str | None:
    if not captured_at:
        return None
    s = captured_at.strip()
    return s if s.endswith("Z") or "+" in s[10:] else s + "Z"


def as_json(c: dict[str, Any]) -> dict[str, Any]:
    """The citation as flat, documented fields."""
    return {
        "threat_id": c["threat_id"],
        "label": c["label"],
        "quote": c["quote"],
        "quote_lang": c["quote_lang"],
        "quote_start": c["quote_start"],
        "quote_end": c["quote_end"],
        "speaker": c["speaker"],
        "speaker_kind": c["speaker_kind"],
        "targets": c["targets"],
        "instruments": c["instruments"],
        "document_id": c["document_id"],
        "title": c["title"],
        "source_id": c["source_id"],
        "source": c["source_name"] or c["source_id"],
        "source_kind": c["source_kind"],
        "published_at": c["published_at"],
        "url": c["url"],
        "snapshot_id": c["snapshot_id"],
        "captured_at_utc": _utc(c["captured_at"]),
        "warc_file": c["warc_file"],
        "warc_offset": c["warc_offset"],
        "warc_length": c["warc_length"],
        "warc_record_id": c["warc_record_id"],
        "payload_sha256": c["sha256"],
        "extractor_version": c["extractor_version"],
        "superseded_at": c.get("superseded_at"),
        "live_page": c.get("live_page"),
    }


def _date_parts(value: str | None) -> dict[str, Any] | None:
    if not value:
        return None
    m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if not m:
        return None
    parts = [int(x) for x in m.groups() if x]
    return {"date-parts": [parts]}


def as_csl(c: dict[str, Any]) -> list[dict[str, Any]]:
    """CSL-JSON (a list with one item), as Zotero and other reference managers import it."""
    kind = c.get("source_kind") or ""
    source = c["source_name"] or c["source_id"] or ""
    note = (
        f"Quote ({c['quote_lang'] or 'original language'}), {c['speaker'] or 'unattributed'}: "
        f"“{c['quote']}”\n"
        f"Archived copy captured {_utc(c['captured_at']) or 'unknown'} (UTC); "
        f"WARC {c['warc_file'] or '?'} at offset {c['warc_offset'] if c['warc_offset'] is not None else '?'}; "
        f"payload SHA-256 {c['sha256'] or '?'}.\n"
        f"longarm threat {c['threat_id']} ({c['label']}), characters {c['quote_start']}–{c['quote_end']} "
        f"of the extracted text."
    )
    item: dict[str, Any] = {
        "id": f"longarm-threat-{c['threat_id']}",
        "type": "article-newspaper" if kind in NEWS_KINDS else "webpage",
        "title": c["title"] or c["url"] or f"Threat {c['threat_id']}",
        "container-title": source,
        "URL": c["url"],
        "archive": "longarm WARC archive",
        "archive_location": (f"{c['warc_file']}#offset={c['warc_offset']}" if c["warc_file"] else None),
        "note": note,
    }
    if c.get("source_owner"):
        item["publisher"] = c["source_owner"]
    if c.get("document_lang"):
        item["language"] = c["document_lang"]
    issued = _date_parts(c["published_at"] or c["published_date"])
    if issued:
        item["issued"] = issued
    accessed = _date_parts(c["captured_at"])
    if accessed:
        item["accessed"] = accessed
    return [{k: v for k, v in item.items() if v is not None}]


def as_markdown(c: dict[str, Any]) -> str:
    """One line a report can paste."""
    speaker = c["speaker"] or "Unattributed"
    title = (c["title"] or "untitled").replace("*", "\\*")
    source = c["source_name"] or c["source_id"] or "unknown source"
    date = (c["published_at"] or c["published_date"] or "undated")[:10]
    archived = (
        f"archived {_utc(c['captured_at'])}, `{c['warc_file']}` @ {c['warc_offset']}, SHA-256 `{c['sha256']}`"
        if c["warc_file"]
        else "no archived copy recorded"
    )
    note = live_page_note(c)
    return (
        f"{speaker}: “{c['quote']}” — *{title}*, {source}, {date}, <{c['url']}> "
        f"({archived}; longarm threat {c['threat_id']})" + (f" ({note})" if note else "")
    )


def render(c: dict[str, Any], fmt: str) -> str:
    if fmt == "md":
        return as_markdown(c)
    if fmt == "json":
        return json.dumps(as_json(c), ensure_ascii=False, indent=2)
    if fmt == "csl":
        return json.dumps(as_csl(c), ensure_ascii=False, indent=2)
    raise ValueError(f"unknown citation format {fmt!r}: use md, json or csl")
