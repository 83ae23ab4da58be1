"""Detections as records for use elsewhere: CSV, JSONL and PLOVER-style event records.

Event-data researchers work in pandas, R or with PLOVER/CAMEO-coded tables, not in
SQL. Every record carries the detection's fields and its full citation (the same
fields as `longarm cite --format json`, plus the one-line Markdown citation), so a
row taken elsewhere can still be checked against the archived bytes.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import sqlite3
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, TextIO

from longarm.db import citation as C

PLOVER_FILE = Path(__file__).resolve().parent / "data" / "plover.toml"

# Column order of the CSV (and key order of JSONL); list fields are joined with "; " in CSV.
FIELDS = [
    "threat_id",
    "label",
    "published_date",
    "speaker",
    "speaker_kind",
    "targets",
    "instruments",
    "quote",
    "quote_lang",
    "quote_start",
    "quote_end",
    "score",
    "document_id",
    "title",
    "source_id",
    "source",
    "source_kind",
    "published_at",
    "url",
    "snapshot_id",
    "captured_at_utc",
    "warc_file",
    "warc_offset",
    "warc_length",
    "warc_record_id",
    "payload_sha256",
    "extractor_version",
    "superseded_at",
    "citation",
    "quantities",
]
LIST_FIELDS = ("targets", "instruments")
CSV_LIST_SEPARATOR = "; "


@dataclass
class Selection:
    """Which detections to take: by publication date (YYYY[-MM[-DD]]), source, label; current only by default."""

    since: str | None = None
    until: str | None = None
    source: str | None = None
    label: str | None = None
    include_superseded: bool = False

    def where(self) -> tuple[str, list[Any]]:
        conds: list[str] = []
        params: list[Any] = []
        if not self.include_superseded:
            conds.append("t.superseded_at IS NULL")
        if self.since:
            conds.append("d.published_date >= ?")
            params.append(self.since)
        if self.until:
            conds.append("substr(d.published_date, 1, ?) <= ?")
            params += [len(self.until), self.until]
        if self.source:
            conds.append("d.source_id = ?")
            params.append(self.source)
        if self.label:
            conds.append("t.label = ?")
            params.append(self.label)
        return (" WHERE " + " AND ".join(conds)) if conds else "", params


def _conn(db: Any) -> sqlite3.Connection:
    return getattr(db, "conn", db)


def detection_ids(db: Any, selection: Selection | None = None) -> list[int]:
    """Ids of the selected detections, oldest publication first (then by id)."""
    where, params = (selection or Selection()).where()
    sql = (
        "SELECT t.id FROM threats t LEFT JOIN documents d ON d.id = t.document_id"
        + where
        + " ORDER BY d.published_date IS NULL, d.published_date, t.id"
    )
    return [r[0] for r in _conn(db).execute(sql, params)]


def record(db: Any, threat_id: int) -> dict[str, Any]:
    """One detection with every field and its citation (``citation``: the Markdown line)."""
    c = C.load(db, threat_id)
    rec = C.as_json(c)
    rec["published_date"] = c.get("published_date")
    rec["score"] = c.get("score")
    rec["citation"] = C.as_markdown(c)
    out = {k: rec.get(k) for k in FIELDS}
    extra = extra_fields(db, threat_id)
    out.update(extra)
    return out


QUANTITY_FIELDS = (
    "value",
    "unit",
    "currency",
    "counted",
    "period",
    "per_person",
    "approximate",
    "text",
    "start",
    "end",
)


def quantities_of(db: Any, threat_id: int) -> list[dict[str, Any]]:
    """The figures read from a statement's quote (nlp/quantities.py; offsets in the quote)."""
    conn = _conn(db)
    try:
        cur = conn.execute(
            f"SELECT {', '.join(f'[{c}]' for c in QUANTITY_FIELDS)} FROM quantities "
            "WHERE threat_id = ? ORDER BY start, id",
            [threat_id],
        )
    except sqlite3.OperationalError:  # a store from before figures were read
        return []
    out = []
    for row in cur.fetchall():
        q = dict(zip(QUANTITY_FIELDS, row))
        q["per_person"], q["approximate"] = bool(q["per_person"]), bool(q["approximate"])
        out.append(q)
    return out


def extra_fields(db: Any, threat_id: int) -> dict[str, Any]:
    """Fields attached to a detection after extraction: its figures."""
    return {"quantities": quantities_of(db, threat_id)}


def records(db: Any, selection: Selection | None = None) -> Iterator[dict[str, Any]]:
    """Every selected detection as a record (see :func:`record`)."""
    for tid in detection_ids(db, selection):
        yield record(db, tid)


# -- PLOVER ---------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def plover_mapping(path: str | None = None) -> dict[str, Any]:
    data = tomllib.loads(Path(path or PLOVER_FILE).read_text(encoding="utf-8"))
    for key in ("priority", "instrument", "actor_country"):
        if key not in data:
            raise ValueError(f"{path or PLOVER_FILE}: missing [{key}]")
    return data


def plover_event(rec: dict[str, Any], mapping: dict[str, Any] | None = None) -> dict[str, Any]:
    """A PLOVER-style event record for one detection record (mapping: longarm/data/plover.toml)."""
    m = mapping or plover_mapping()
    instruments = list(rec.get("instruments") or [])
    order = {name: i for i, name in enumerate(m["priority"])}
    ranked = sorted(instruments, key=lambda x: order.get(x, len(order)))
    coded = [m["instrument"].get(i, m["instrument"].get("other", ["COERCE", ""])) for i in ranked]
    modes = []
    for _, mode in coded:
        if mode and mode not in modes:
            modes.append(mode)
    if rec.get("label") == "threat":
        event_type = "THREATEN"
    else:
        event_type = coded[0][0] if coded else "COERCE"
    return {
        "event_id": f"longarm-{rec['threat_id']}",
        "event_date": rec.get("published_date"),
        "event_type": event_type,
        "mode": modes[0] if modes else "",
        "modes": modes,
        "context": m.get("context", ""),
        "actor": rec.get("speaker"),
        "actor_kind": rec.get("speaker_kind"),
        "actor_country": m["actor_country"].get(rec.get("speaker_kind") or "", None),
        "recipient": list(rec.get("targets") or []),
        "instruments": instruments,
        "longarm_label": rec.get("label"),
        "source": rec.get("source"),
        "source_id": rec.get("source_id"),
        "url": rec.get("url"),
        "quote": rec.get("quote"),
        "quote_lang": rec.get("quote_lang"),
        "captured_at_utc": rec.get("captured_at_utc"),
        "payload_sha256": rec.get("payload_sha256"),
        "citation": rec.get("citation"),
    }


# -- writers ----------------------------------------------------------------------


def _csv_value(value: Any) -> Any:
    if isinstance(value, (list, tuple)) and any(isinstance(v, dict) for v in value):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return CSV_LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return "" if value is None else value


def write_csv(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    """CSV with a header; list fields joined with "; " (names never contain one), figures as JSON.

    Returns the row count.
    """
    writer: csv.DictWriter | None = None
    n = 0
    for row in rows:
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(row), lineterminator="\n")
            writer.writeheader()
        writer.writerow({k: _csv_value(v) for k, v in row.items()})
        n += 1
    if writer is None:  # no rows: still a header, so the file opens with its columns
        csv.writer(out, lineterminator="\n").writerow(FIELDS)
    return n


def write_jsonl(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    """One JSON object per line (UTF-8, lists kept as lists). Returns the row count."""
    n = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n


def export(db: Any, fmt: str, out: TextIO, selection: Selection | None = None) -> int:
    """Write the selected detections as ``csv``, ``jsonl`` or ``plover`` (JSONL of event records)."""
    rows: Iterable[dict[str, Any]] = records(db, selection)
    if fmt == "csv":
        return write_csv(rows, out)
    if fmt == "jsonl":
        return write_jsonl(rows, out)
    if fmt == "plover":
        return write_jsonl((plover_event(r) for r in rows), out)
    raise ValueError(f"unknown export format {fmt!r}: use csv, jsonl or plover")


def read_csv(text: str) -> list[dict[str, Any]]:
    """Read back a CSV written by :func:`write_csv` (lists split again), e.g. to check a round trip."""
    rows = []
    for row in csv.DictReader(io.StringIO(text)):
        for k in LIST_FIELDS:
            if k in row:
                row[k] = [x for x in row[k].split(CSV_LIST_SEPARATOR) if x]
        if row.get("quantities"):
            row["quantities"] = json.loads(row["quantities"])
        rows.append(row)
    return rows
