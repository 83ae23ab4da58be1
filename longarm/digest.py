"""The digest: what is new in the database over a period, as Markdown, HTML and JSON.

"New" means threat/action rows whose ``created_at`` falls in the window (a row
keeps its ``created_at`` when a later crawl or re-extraction finds it again, so a
re-run adds nothing new). The window of a nightly digest starts where the
previous nightly digest ended (the ``digests`` table records every nightly
digest: run, since, until, files), so each statement is reported once even when
runs fail or are interrupted in between; the first digest covers everything.

Layout: people targeted for the first time (no earlier row names them) at the
top; then the items grouped by label (threats, then actions) and source, each
with date, speaker, targets, instruments, quote and its citation (document
title, source, URL, capture time UTC, WARC file + offset, SHA-256 of the
archived payload); source health (from ``run_sources`` of the runs in the
window) and the archive check at the bottom.
"""

from __future__ import annotations

import html
import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

LABEL_TITLES = {"threat": "Threats", "action": "Actions taken"}
LABEL_ORDER = ["threat", "action"]

DIGESTS_TABLE_SQL = """
CREATE TABLE IF NOT EXISTS digests (
    id INTEGER PRIMARY KEY,
    run_id INTEGER REFERENCES runs(id),   -- the nightly run that wrote it (NULL: rebuilt by hand)
    since TEXT,                           -- window start, exclusive (UTC); NULL = from the beginning
    until TEXT NOT NULL,                  -- window end, inclusive (UTC)
    created TEXT NOT NULL,
    items INTEGER NOT NULL,
    new_people INTEGER NOT NULL,
    files TEXT NOT NULL DEFAULT '[]',     -- JSON list of the files written
    delivered TEXT NOT NULL DEFAULT '[]'  -- JSON list of {channel, ok, detail}
)"""


def utcnow() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _table_exists(db: Any, name: str) -> bool:
    return bool(db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [name]).fetchone())


def _rows(db: Any, sql: str, params: Any = ()) -> list[dict[str, Any]]:
    cur = db.execute(sql, params)
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def last_nightly_until(db: Any) -> str | None:
    """Where the previous nightly digest's window ended (the next one starts there), or None."""
    if not _table_exists(db, "digests"):
        return None
    row = db.execute("SELECT until FROM digests WHERE run_id IS NOT NULL ORDER BY id DESC LIMIT 1").fetchone()
    return row[0] if row else None


def record_digest(db: Any, digest: dict[str, Any], files: list[str], delivered: list[dict[str, Any]]) -> int:
    """Remember a nightly digest's window, so the next one starts where it ended."""
    conn = getattr(db, "conn", db)
    with conn:
        conn.execute(DIGESTS_TABLE_SQL)
        cur = conn.execute(
            "INSERT INTO digests (run_id, since, until, created, items, new_people, files, delivered) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                digest["run"]["id"] if digest.get("run") else None,
                digest["since"],
                digest["until"],
                utcnow(),
                digest["counts"]["items"],
                len(digest["new_people"]),
                json.dumps(files),
                json.dumps(delivered),
            ],
        )
        return int(cur.lastrowid)


def update_delivered(db: Any, digest_id: int, delivered: list[dict[str, Any]]) -> None:
    """Record how delivery went; the details are scrubbed of every known secret (the table is on the web page)."""
    from longarm.redact import scrub

    conn = getattr(db, "conn", db)
    with conn:
        conn.execute("UPDATE digests SET delivered = ? WHERE id = ?", [scrub(json.dumps(delivered)), digest_id])


def day_start_exclusive(d: date) -> str:
    """The exclusive lower bound that includes all of day ``d`` (timestamps have second precision)."""
    return (datetime(d.year, d.month, d.day, tzinfo=timezone.utc) - timedelta(seconds=1)).strftime("%Y-%m-%dT%H:%M:%SZ")


def day_end(d: date) -> str:
    return f"{d.isoformat()}T23:59:59Z"


def _loads(value: Any) -> Any:
    if not value:
        return []
    try:
        return json.loads(value)
    except (TypeError, ValueError):
        return [value]


def build_digest(
    db: Any,
    *,
    since: str | None,
    until: str,
    run_id: int | None = None,
    recovery: dict[str, Any] | None = None,
    since_note: str = "",
) -> dict[str, Any]:
    """Everything new with ``since < created_at <= until`` (``since`` None: from the beginning)."""
    lo = since or ""
    items_rows = _rows(
        db,
        """
        SELECT t.id AS threat_id, t.label, t.speaker, t.speaker_kind, t.targets, t.instruments, t.quote,
               t.start, t."end", t.score, t.lang, t.extractor_version, t.created_at,
               d.id AS document_id, d.title, d.url, d.published_at, d.published_date, d.source_id,
               src.name AS source_name, src.kind AS source_kind,
               sn.id AS snapshot_id, sn.captured_at, sn.warc_file, sn.warc_offset, sn.warc_length, sn.sha256
        FROM threats t
        JOIN documents d ON d.id = t.document_id
        LEFT JOIN sources src ON src.id = d.source_id
        LEFT JOIN snapshots sn ON sn.id = d.snapshot_id
        WHERE t.created_at > ? AND t.created_at <= ? AND t.superseded_at IS NULL
          -- the same statement found again by a newer extractor version is not new
          AND NOT EXISTS (SELECT 1 FROM threats o WHERE o.document_id = t.document_id AND o.start = t.start
                          AND o."end" = t."end" AND o.created_at <= ?)
          AND t.id = (SELECT MAX(o2.id) FROM threats o2 WHERE o2.document_id = t.document_id
                      AND o2.start = t.start AND o2."end" = t."end" AND o2.created_at > ? AND o2.created_at <= ?)
        ORDER BY t.label, d.source_id, COALESCE(d.published_at, '') DESC, d.id, t.start""",
        [lo, until, lo, lo, until],
    )
    items = []
    for r in items_rows:
        items.append(
            {
                "threat_id": r["threat_id"],
                "label": r["label"],
                "date": r["published_date"] or (r["published_at"] or "")[:10] or None,
                "speaker": r["speaker"],
                "speaker_kind": r["speaker_kind"],
                "targets": _loads(r["targets"]),
                "instruments": _loads(r["instruments"]),
                "quote": r["quote"],
                "lang": r["lang"],
                "score": r["score"],
                "created_at": r["created_at"],
                "extractor_version": r["extractor_version"],
                "citation": {
                    "document_id": r["document_id"],
                    "title": r["title"],
                    "source_id": r["source_id"],
                    "source_name": r["source_name"] or r["source_id"],
                    "url": r["url"],
                    "published_at": r["published_at"],
                    "snapshot_id": r["snapshot_id"],
                    "captured_at": r["captured_at"],
                    "warc_file": r["warc_file"],
                    "warc_offset": r["warc_offset"],
                    "warc_length": r["warc_length"],
                    "sha256": r["sha256"],
                },
            }
        )
    # People targeted for the first time: named in this window, never in a row created before it.
    before: set[str] = set()
    if since:
        before = {
            row[0]
            for row in db.execute(
                "SELECT DISTINCT j.value FROM threats t, json_each(t.targets) j "
                "WHERE t.created_at <= ? AND json_valid(t.targets)",
                [since],
            ).fetchall()
        }
    people_info: dict[str, dict[str, Any]] = {}
    if _table_exists(db, "people"):
        people_info = {r["name"]: r for r in _rows(db, "SELECT name, kind, role, note FROM people")}
    new_people: dict[str, dict[str, Any]] = {}
    for it in sorted(items, key=lambda x: (x["date"] or "", x["threat_id"])):
        for name in it["targets"]:
            if not isinstance(name, str) or name in before:
                continue
            p = new_people.setdefault(
                name,
                {
                    "name": name,
                    "role": (people_info.get(name) or {}).get("role"),
                    "note": (people_info.get(name) or {}).get("note"),
                    # a name the extractor found by its shape (nlp/names.py), no gazetteer entry yet
                    "unlisted": bool(people_info) and name not in people_info,
                    "items": 0,
                    "threat_ids": [],
                    "first_date": it["date"],
                    "labels": [],
                    "sources": [],
                    "speakers": [],
                },
            )
            p["items"] += 1
            p["threat_ids"].append(it["threat_id"])
            for key, val in (
                ("labels", it["label"]),
                ("sources", it["citation"]["source_id"]),
                ("speakers", it["speaker"]),
            ):
                if val and val not in p[key]:
                    p[key].append(val)
    # Group: label -> source -> items.
    groups: list[dict[str, Any]] = []
    labels = LABEL_ORDER + sorted({i["label"] for i in items} - set(LABEL_ORDER))
    for label in labels:
        lab_items = [i for i in items if i["label"] == label]
        if not lab_items:
            continue
        by_source: dict[str, list[dict[str, Any]]] = {}
        for i in lab_items:
            by_source.setdefault(i["citation"]["source_id"] or "", []).append(i)
        groups.append(
            {
                "label": label,
                "title": LABEL_TITLES.get(label, label.title()),
                "count": len(lab_items),
                "sources": [
                    {"source_id": sid, "source_name": its[0]["citation"]["source_name"], "items": its}
                    for sid, its in by_source.items()
                ],
            }
        )
    new_docs = _rows(
        db,
        "SELECT source_id, COUNT(*) AS n FROM documents WHERE first_seen > ? AND first_seen <= ? GROUP BY source_id",
        [lo, until],
    )
    health = source_health(db, since=since, until=until, run_id=run_id)
    run = None
    if run_id is not None:
        rr = _rows(db, "SELECT id, command, status, started, finished, replay FROM runs WHERE id = ?", [run_id])
        run = rr[0] if rr else {"id": run_id}
    changed = changed_on_source(db, since=since, until=until)
    counts = {
        "removed_or_edited": len(changed),
        "items": len(items),
        **{lab: sum(1 for i in items if i["label"] == lab) for lab in LABEL_ORDER},
        "new_people": len(new_people),
        "new_documents": sum(r["n"] for r in new_docs),
        "sources_with_items": len({i["citation"]["source_id"] for i in items}),
        "failing_sources": sum(1 for s in health["sources"] if s["status"] != "ok"),
    }
    return {
        "kind": "longarm.digest",
        "version": 1,
        "generated_at": utcnow(),
        "since": since,
        "until": until,
        "since_note": since_note,
        "run": run,
        "counts": counts,
        "changed_on_source": changed,
        "new_people": sorted(new_people.values(), key=lambda p: (-p["items"], p["name"])),
        "groups": groups,
        "new_documents_by_source": {r["source_id"]: r["n"] for r in new_docs},
        "health": {**health, "recovery": recovery},
    }


#: Removals first: an article taken down is the bigger news (docs/rechecks.md).
CHANGE_ORDER = {"gone": 0, "edited": 1}


def changed_on_source(db: Any, *, since: str | None, until: str) -> list[dict[str, Any]]:
    """Articles a re-check found removed or edited in the window, removals first, with the statements now missing.

    From ``rechecks`` (longarm/rechecks.py): one entry per document and re-check outcome.
    """
    if not _table_exists(db, "rechecks"):
        return []
    rows = _rows(
        db,
        """SELECT r.document_id, r.outcome, MIN(r.done_at) AS done_at, MIN(r.detail) AS detail,
                  MIN(r.snapshot_id) AS snapshot_id, MIN(r.id) AS recheck_id,
                  d.title, d.url, d.source_id, src.name AS source_name
           FROM rechecks r JOIN documents d ON d.id = r.document_id LEFT JOIN sources src ON src.id = d.source_id
           WHERE r.status = 'done' AND r.outcome IN ('gone', 'edited') AND r.done_at > ? AND r.done_at <= ?
           GROUP BY r.document_id, r.outcome""",
        [since or "", until],
    )
    for r in rows:
        r["removed_statements"] = _rows(
            db,
            """SELECT id AS threat_id, label, speaker, quote, removed_from_source_at FROM threats
               WHERE document_id = ? AND removed_from_source_at IS NOT NULL AND superseded_at IS NULL
               AND removed_from_source_at = ? ORDER BY id""",
            [r["document_id"], (r["done_at"] or "")[:10]],
        )
        r["reworded_statements"] = (
            _rows(
                db,
                """SELECT t.id AS threat_id, t.label, t.speaker, t.quote, w.quote AS new_wording, t.edited_on_source_at
                   FROM threats t JOIN statement_rewordings w ON w.threat_id = t.id
                   WHERE t.document_id = ? AND t.edited_on_source_at = ? AND t.superseded_at IS NULL
                   AND t.removed_from_source_at IS NULL ORDER BY t.id""",
                [r["document_id"], (r["done_at"] or "")[:10]],
            )
            if r["outcome"] == "edited" and _table_exists(db, "statement_rewordings")
            else []
        )
    return sorted(rows, key=lambda r: (CHANGE_ORDER.get(r["outcome"], 9), r["done_at"] or "", r["document_id"]))


def _changes_markdown(d: dict[str, Any]) -> list[str]:
    changed = d.get("changed_on_source") or []
    if not changed:
        return []
    out = ["## Removed or edited since the last run", ""]
    for c in changed:
        what = "removed from the source" if c["outcome"] == "gone" else "edited"
        out.append(
            f"- **{what}** on {(c['done_at'] or '')[:10]}: \u201c{c['title'] or '(untitled)'}\u201d, "
            f"{c['source_name'] or c['source_id']} <{c['url']}> ({c['detail']})"
        )
        for t in c["removed_statements"]:
            out.append(f"  - statement #{t['threat_id']} no longer on the page:")
            out.append(_md_quote(t["quote"]))
        for t in c.get("reworded_statements") or []:
            out.append(f"  - statement #{t['threat_id']} reworded; it said:")
            out.append(_md_quote(t["quote"]))
            out.append("    and now says:")
            out.append(_md_quote(t["new_wording"]))
    return out + [""]


def _changes_html(d: dict[str, Any]) -> list[str]:
    changed = d.get("changed_on_source") or []
    if not changed:
        return []
    e = lambda x: html.escape(str(x) if x is not None else "")  # noqa: E731
    out = ["<div class='changed'><h2>Removed or edited since the last run</h2><ul>"]
    for c in changed:
        what = "removed from the source" if c["outcome"] == "gone" else "edited"
        out.append(
            f"<li><strong>{what}</strong> on {e((c['done_at'] or '')[:10])}: \u201c{e(c['title'] or '(untitled)')}"
            f"\u201d, {e(c['source_name'] or c['source_id'])} &lt;{e(c['url'])}&gt; ({e(c['detail'])})"
        )
        if c["removed_statements"] or c.get("reworded_statements"):
            out.append("<ul>")
            for t in c["removed_statements"]:
                out.append(
                    f"<li>statement #{e(t['threat_id'])} no longer on the page: <blockquote>{e(t['quote'])}</blockquote></li>"
                )
            for t in c.get("reworded_statements") or []:
                out.append(
                    f"<li>statement #{e(t['threat_id'])} reworded; it said: <blockquote>{e(t['quote'])}</blockquote>"
                    f"and now says: <blockquote>{e(t['new_wording'])}</blockquote></li>"
                )
            out.append("</ul>")
        out.append("</li>")
    return out + ["</ul></div>"]


def source_health(db: Any, *, since: str | None, until: str, run_id: int | None = None) -> dict[str, Any]:
    """Per-source results of the run (nightly) or of every run started in the window (rebuild)."""
    if not _table_exists(db, "run_sources"):
        return {"runs": [], "sources": []}
    if run_id is not None:
        runs = _rows(db, "SELECT id, command, status, started, finished FROM runs WHERE id = ?", [run_id])
    else:
        runs = _rows(
            db,
            "SELECT id, command, status, started, finished FROM runs WHERE started > ? AND started <= ? ORDER BY id",
            [since or "", until],
        )
    ids = [r["id"] for r in runs]
    out: dict[str, dict[str, Any]] = {}
    if ids:
        rows = _rows(
            db,
            f"""SELECT rs.*, s.name AS source_name FROM run_sources rs
                             LEFT JOIN sources s ON s.id = rs.source_id
                             WHERE rs.run_id IN ({",".join("?" * len(ids))}) ORDER BY rs.run_id""",
            ids,
        )
        for r in rows:
            agg = out.setdefault(
                r["source_id"],
                {
                    "source_id": r["source_id"],
                    "source_name": r["source_name"] or r["source_id"],
                    "runs": 0,
                    "pages": 0,
                    "documents": 0,
                    "new_documents": 0,
                    "errors": 0,
                },
            )
            agg["runs"] += 1
            for k in ("pages", "documents", "new_documents", "errors"):
                agg[k] += r[k] or 0
            # the latest run's state
            agg.update(
                {
                    "status": r["status"],
                    "extraction_yield": r["extraction_yield"],
                    "warning": r["warning"] or "",
                    "detail": [x for x in (r["detail"] or "").split("\n") if x][:5],
                    "last_run": r["run_id"],
                }
            )
    sources = sorted(out.values(), key=lambda s: (s["status"] == "ok", s["source_id"]))
    return {"runs": runs, "sources": sources}


# -- rendering -----------------------------------------------------------------------------------
def _join(xs: list[Any]) -> str:
    return ", ".join(str(x) for x in xs if x)


def _yield(v: Any) -> str:
    return f"{v:.0%}" if isinstance(v, (int, float)) else "-"


def _window_text(d: dict[str, Any]) -> str:
    since = d["since"]
    start = f"after {since}" if since else "from the beginning of the database"
    note = f" ({d['since_note']})" if d.get("since_note") else ""
    return f"{start}{note} up to {d['until']} (UTC)"


def _headline(d: dict[str, Any]) -> str:
    c = d["counts"]
    if not c["items"]:
        return "Nothing new: no new threat or action statements in this window."
    parts = [f"{c.get('threat', 0)} threat statement(s)", f"{c.get('action', 0)} action report(s)"]
    s = f"{' and '.join(parts)} from {c['sources_with_items']} source(s)"
    if c["new_people"]:
        s += f"; {c['new_people']} person(s) or group(s) targeted for the first time"
    return s + "."


def title(d: dict[str, Any]) -> str:
    run = d.get("run")
    day = d["until"][:10]
    return f"longarm digest {day}" + (f" (run {run['id']})" if run else "")


def subject(d: dict[str, Any]) -> str:
    c = d["counts"]
    s = (
        f"{c.get('threat', 0)} threat(s), {c.get('action', 0)} action(s), {c['new_people']} new target(s)"
        if c["items"]
        else "nothing new"
    )
    if c.get("removed_or_edited"):
        s = f"{c['removed_or_edited']} article(s) removed or edited on the source; " + s
    if c["failing_sources"]:
        s += f"; {c['failing_sources']} source(s) failing"
    return f"{title(d)}: {s}"


def citation_text(c: dict[str, Any]) -> str:
    parts = [f"\u201c{c['title'] or '(untitled)'}\u201d", c["source_name"] or c["source_id"] or "?"]
    if c.get("published_at"):
        parts.append(f"published {c['published_at']}")
    parts.append(f"<{c['url']}>")
    if c.get("captured_at"):
        parts.append(f"captured {c['captured_at']}")
    if c.get("warc_file"):
        parts.append(f"WARC {c['warc_file']} @ {c['warc_offset']}")
    if c.get("sha256"):
        parts.append(f"SHA-256 {c['sha256']}")
    return ", ".join(parts)


def _md_quote(q: str) -> str:
    return "\n".join("  > " + line for line in (q or "").splitlines() or [""])


def to_markdown(d: dict[str, Any]) -> str:
    out = [f"# {title(d)}", "", f"New {_window_text(d)}.", "", f"**{_headline(d)}**", ""]
    out += _changes_markdown(d)
    if d["new_people"]:
        out += ["## People and groups targeted for the first time", ""]
        for p in d["new_people"]:
            role = f" ({p['role']})" if p.get("role") else ""
            if p.get("unlisted"):
                role = f' (not in the gazetteer: `longarm people add "ENGLISH NAME" --alias {p["name"]}`)'
            by = f" by {_join(p['speakers'])}" if p["speakers"] else ""
            out.append(
                f"- **{p['name']}**{role}: {p['items']} statement(s) ({_join(p['labels'])}){by}, "
                f"first dated {p['first_date'] or 'undated'}; sources: {_join(p['sources'])}"
            )
        out.append("")
    for g in d["groups"]:
        out += [f"## {g['title']} ({g['count']})", ""]
        for s in g["sources"]:
            out += [f"### {s['source_name']} (`{s['source_id']}`)", ""]
            for it in s["items"]:
                head = f"- **{it['date'] or 'undated'}**: {it['speaker'] or 'unattributed'}"
                if it["targets"]:
                    head += f" \u2192 {_join(it['targets'])}"
                if it["instruments"]:
                    head += f" [{_join(it['instruments'])}]"
                out += [
                    head,
                    _md_quote(it["quote"]),
                    f"  Source: {citation_text(it['citation'])} (threat #{it['threat_id']})",
                    "",
                ]
    out += ["## Source health", ""]
    h = d["health"]
    if h["runs"]:
        out.append(
            "Runs: " + "; ".join(f"#{r['id']} {r['command']} {r['status']} (started {r['started']})" for r in h["runs"])
        )
        out.append("")
    if h["sources"]:
        out += [
            "| source | status | pages | documents | new | extraction yield | errors | warning |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
        ]
        for s in h["sources"]:
            warn = (s["warning"] or "").replace("|", "\\|")
            out.append(
                f"| {s['source_id']} | {s['status']} | {s['pages']} | {s['documents']} | "
                f"{s['new_documents']} | {_yield(s['extraction_yield'])} | {s['errors']} | {warn} |"
            )
        out.append("")
        for s in h["sources"]:
            for line in s["detail"]:
                out.append(f"- {s['source_id']}: {line}")
        if any(s["detail"] for s in h["sources"]):
            out.append("")
    else:
        out += ["No crawl ran in this window.", ""]
    rec = h.get("recovery")
    if rec:
        out += [f"Archive: {_recovery_text(rec)}", ""]
    out.append(f"_Generated {d['generated_at']} by longarm._")
    return "\n".join(out) + "\n"


def _recovery_text(rec: dict[str, Any]) -> str:
    if rec.get("skipped"):
        return f"recovery skipped ({rec['skipped']})"
    s = f"{rec.get('files', 0)} WARC file(s) checked"
    if rec.get("set_aside"):
        s += "; unfinished data set aside after a crash: " + "; ".join(
            f"{x['warc_file']} (from offset {x['offset']}, {x['length']} bytes, into {x['partial_file']})"
            for x in rec["set_aside"]
        )
    if rec.get("bad_rows"):
        s += f"; {len(rec['bad_rows'])} database row(s) do not point at a complete record"
    if rec.get("untouched"):
        s += f"; {len(rec['untouched'])} damaged file(s) left untouched"
    if rec.get("interrupted_runs"):
        s += f"; interrupted run(s) {', '.join(map(str, rec['interrupted_runs']))}"
    return s + "."


_CSS = """body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;max-width:60em;margin:1em auto;padding:0 1em;
color:#222;line-height:1.45}h1{font-size:1.5em}h2{border-bottom:1px solid #ccc;margin-top:1.6em}
blockquote{margin:.3em 0 .3em 1em;padding-left:.8em;border-left:3px solid #b33;color:#333}
.cite{font-size:.85em;color:#555;word-break:break-all}.item{margin-bottom:1em}
table{border-collapse:collapse;font-size:.9em}td,th{border:1px solid #ddd;padding:.2em .5em;text-align:left}
.bad{color:#a00;font-weight:bold}.new{background:#fff6d5;padding:.5em 1em;border-radius:4px}"""


def to_html(d: dict[str, Any]) -> str:
    e = lambda x: html.escape(str(x) if x is not None else "")  # noqa: E731
    out = [
        "<!DOCTYPE html>",
        "<html lang='en'><head><meta charset='utf-8'>",
        f"<title>{e(title(d))}</title><style>{_CSS}</style></head><body>",
        f"<h1>{e(title(d))}</h1>",
        f"<p>New {e(_window_text(d))}.</p>",
        f"<p><strong>{e(_headline(d))}</strong></p>",
        *_changes_html(d),
    ]
    if d["new_people"]:
        out.append("<div class='new'><h2>People and groups targeted for the first time</h2><ul>")
        for p in d["new_people"]:
            role = f" ({e(p['role'])})" if p.get("role") else ""
            if p.get("unlisted"):
                role = " (not in the gazetteer)"
            by = f" by {e(_join(p['speakers']))}" if p["speakers"] else ""
            out.append(
                f"<li><strong>{e(p['name'])}</strong>{role}: {p['items']} statement(s) "
                f"({e(_join(p['labels']))}){by}, first dated {e(p['first_date'] or 'undated')}; "
                f"sources: {e(_join(p['sources']))}</li>"
            )
        out.append("</ul></div>")
    for g in d["groups"]:
        out.append(f"<h2>{e(g['title'])} ({g['count']})</h2>")
        for s in g["sources"]:
            out.append(f"<h3>{e(s['source_name'])} <code>{e(s['source_id'])}</code></h3>")
            for it in s["items"]:
                c = it["citation"]
                head = f"<strong>{e(it['date'] or 'undated')}</strong>: {e(it['speaker'] or 'unattributed')}"
                if it["targets"]:
                    head += f" &rarr; {e(_join(it['targets']))}"
                if it["instruments"]:
                    head += f" <em>[{e(_join(it['instruments']))}]</em>"
                lang = f" lang='{e(it['lang'])}'" if it.get("lang") else ""
                cite = [f"&ldquo;{e(c['title'] or '(untitled)')}&rdquo;", e(c["source_name"] or c["source_id"])]
                if c.get("published_at"):
                    cite.append(f"published {e(c['published_at'])}")
                cite.append(f"<a href='{e(c['url'])}'>{e(c['url'])}</a>")
                if c.get("captured_at"):
                    cite.append(f"captured {e(c['captured_at'])}")
                if c.get("warc_file"):
                    cite.append(f"WARC {e(c['warc_file'])} @ {e(c['warc_offset'])}")
                if c.get("sha256"):
                    cite.append(f"SHA-256 <code>{e(c['sha256'])}</code>")
                out.append(
                    f"<div class='item'>{head}<blockquote{lang}>{e(it['quote'])}</blockquote>"
                    f"<div class='cite'>{', '.join(cite)} (threat #{it['threat_id']})</div></div>"
                )
    out.append("<h2>Source health</h2>")
    h = d["health"]
    if h["runs"]:
        out.append(
            "<p>Runs: "
            + "; ".join(e(f"#{r['id']} {r['command']} {r['status']} (started {r['started']})") for r in h["runs"])
            + "</p>"
        )
    if h["sources"]:
        out.append(
            "<table><tr><th>source</th><th>status</th><th>pages</th><th>documents</th><th>new</th>"
            "<th>extraction yield</th><th>errors</th><th>warning</th></tr>"
        )
        for s in h["sources"]:
            cls = "" if s["status"] == "ok" else " class='bad'"
            out.append(
                f"<tr><td>{e(s['source_id'])}</td><td{cls}>{e(s['status'])}</td><td>{s['pages']}</td>"
                f"<td>{s['documents']}</td><td>{s['new_documents']}</td><td>{_yield(s['extraction_yield'])}"
                f"</td><td>{s['errors']}</td><td>{e(s['warning'])}</td></tr>"
            )
        out.append("</table>")
        details = [(s["source_id"], line) for s in h["sources"] for line in s["detail"]]
        if details:
            out.append("<ul>" + "".join(f"<li>{e(sid)}: {e(line)}</li>" for sid, line in details) + "</ul>")
    else:
        out.append("<p>No crawl ran in this window.</p>")
    if h.get("recovery"):
        out.append(f"<p>Archive: {e(_recovery_text(h['recovery']))}</p>")
    out.append(f"<p class='cite'>Generated {e(d['generated_at'])} by longarm.</p></body></html>")
    return "\n".join(out) + "\n"


def to_json(d: dict[str, Any]) -> str:
    return json.dumps(d, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


RENDERERS = {"md": to_markdown, "html": to_html, "json": to_json}


def write_digest(d: dict[str, Any], out_dir: str | Path, stem: str, formats: tuple[str, ...] | list[str]) -> list[Path]:
    """Write ``<out_dir>/<stem>.<fmt>`` for each format (atomically: temp file then rename)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for fmt in formats:
        path = out / f"{stem}.{fmt}"
        tmp = out / f".{stem}.{fmt}.tmp"
        tmp.write_text(RENDERERS[fmt](d), encoding="utf-8")
        tmp.replace(path)
        paths.append(path)
    return paths
