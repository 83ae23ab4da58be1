"""Package archived snapshots as a WACZ (Web Archive Collection Zipped) for sharing and replay.

The selected records are copied byte for byte: each WARC record is its own gzip
member, so a record's bytes (offset, length) can be concatenated into a new
valid ``.warc.gz``. For every selected snapshot we take its response record,
the request record written with it (``WARC-Concurrent-To``), the metadata
records that describe it (``WARC-Refers-To``) and its revisit records. When
nothing narrows the selection, the whole WARC files go in as they are.

The package itself (CDXJ index, pages list, ``datapackage.json`` with hashes)
is made by the ``wacz`` package (py-wacz), so it opens in ReplayWeb.page and
other standard tools and passes ``wacz validate``.
"""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

from warcio.archiveiterator import ArchiveIterator


class ExportError(RuntimeError):
    """The export cannot be made; the message says why."""


@dataclass
class ExportResult:
    path: Path
    snapshots: int
    records: int
    warc_files: list[str] = field(default_factory=list)
    whole_files: bool = False


def _conn(db: Any) -> Any:
    return getattr(db, "conn", db)


def _select(conn: Any, since: str | None, source: str | None) -> list[dict[str, Any]]:
    sql = (
        "SELECT s.id, s.url, s.captured_at, s.warc_file, s.warc_offset, s.warc_length, s.warc_record_id, "
        "s.source_id, (SELECT d.title FROM documents d WHERE d.snapshot_id = s.id ORDER BY d.id LIMIT 1) AS title "
        "FROM snapshots s WHERE s.warc_file IS NOT NULL"
    )
    params: list[Any] = []
    if since:
        sql += " AND s.captured_at >= ?"
        params.append(since)
    if source:
        sql += " AND s.source_id = ?"
        params.append(source)
    cur = conn.execute(sql + " ORDER BY s.captured_at, s.id", params)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def _revisits(conn: Any, snapshot_ids: list[int]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for i in range(0, len(snapshot_ids), 500):
        chunk = snapshot_ids[i : i + 500]
        cur = conn.execute(
            f"SELECT snapshot_id, url, captured_at, warc_file, warc_offset, warc_length, warc_record_id FROM revisits "
            f"WHERE snapshot_id IN ({','.join('?' * len(chunk))}) AND warc_file IS NOT NULL",
            chunk,
        )
        cols = [d[0] for d in cur.description]
        out += [dict(zip(cols, r)) for r in cur.fetchall()]
    return out


def _scan(path: Path) -> list[dict[str, Any]]:
    """Every record of a WARC file: type, ids, links, offset and length."""
    records = []
    with open(path, "rb") as fh:
        it = ArchiveIterator(fh)
        for rec in it:
            h = rec.rec_headers
            offset = it.get_record_offset()
            rec.raw_stream.read()  # consume, so the length is known
            records.append(
                {
                    "type": h.get_header("WARC-Type"),
                    "id": h.get_header("WARC-Record-ID"),
                    "concurrent_to": h.get_header("WARC-Concurrent-To"),
                    "refers_to": h.get_header("WARC-Refers-To"),
                    "offset": offset,
                    "length": it.get_record_length(),
                }
            )
    return records


def _warcinfo(title: str, selection: str, count: int) -> bytes:
    from warcio.warcwriter import WARCWriter

    from longarm import __version__

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=True, warc_version="1.1")
    w.write_record(
        w.create_warcinfo_record(
            "longarm-export.warc.gz",
            {
                "software": f"longarm/{__version__} (warcio)",
                "format": "WARC File Format 1.1",
                "isPartOf": title,
                "description": f"Records copied byte for byte from the longarm archive ({selection}); {count} snapshots.",
            },
        )
    )
    return buf.getvalue()


def export_wacz(
    db: Any,
    archive_dir: str | Path,
    out: str | Path,
    *,
    since: str | None = None,
    source: str | None = None,
    title: str | None = None,
    description: str | None = None,
    check: Callable[[Path], tuple[bool, str]] | None = None,
) -> ExportResult:
    """Write ``out`` (a .wacz) with the archived snapshots captured since ``since`` (UTC) from ``source``.

    Everything is built in a temporary folder beside ``out`` and renamed onto it at the end, so ``out`` is
    either the complete new package or what it was before (a full disk or a kill never leaves half a file).
    ``check`` (e.g. ``validate_wacz``) runs on the finished package before the rename; a failed check
    leaves ``out`` untouched.
    """
    conn = _conn(db)
    archive_dir = Path(archive_dir)
    out = Path(out)
    snaps = _select(conn, since, source)
    if not snaps:
        what = (
            " and ".join(
                x for x in (f"captured since {since}" if since else "", f"from source {source}" if source else "") if x
            )
            or "at all"
        )
        raise ExportError(f"no archived snapshots {what}: nothing to export")
    selection = (
        ", ".join(x for x in (f"captured since {since}" if since else "", f"source {source}" if source else "") if x)
        or "everything"
    )
    title = title or f"longarm archive ({selection})"
    description = description or (
        f"{len(snaps)} archived snapshots exported by longarm on "
        f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC ({selection})."
    )
    revisits = _revisits(conn, [s["id"] for s in snaps])
    files = sorted({s["warc_file"] for s in snaps} | {r["warc_file"] for r in revisits})
    for f in files:
        if not (archive_dir / f).exists():
            raise ExportError(
                f"WARC file {archive_dir / f} is missing: was the archive folder moved? Pass --archive DIR."
            )

    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        return _build(
            conn, archive_dir, out, snaps, files, revisits, since, source, title, description, selection, check
        )
    except OSError as exc:
        raise ExportError(
            f"could not write {out}: {exc.strerror or exc}"
            + (" (disk full?)" if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT) else "")
            + f"; {'the existing file is unchanged' if out.exists() else 'nothing was written'}"
        ) from exc


def _build(
    conn: Any,
    archive_dir: Path,
    out: Path,
    snaps: list[dict[str, Any]],
    files: list[str],
    revisits: list[dict[str, Any]],
    since: str | None,
    source: str | None,
    title: str,
    description: str,
    selection: str,
    check: Callable[[Path], tuple[bool, str]] | None,
) -> ExportResult:
    with tempfile.TemporaryDirectory(prefix=f".{out.name}.", suffix=".part", dir=out.parent) as tmp:
        tmpdir = Path(tmp)
        whole = not since and not source
        records = 0
        if whole:
            inputs = []
            for i, f in enumerate(files):
                # the WACZ stores archives by base name: keep names unique
                name = (
                    Path(f).name if sum(Path(g).name == Path(f).name for g in files) == 1 else f"{i:04d}-{Path(f).name}"
                )
                link = tmpdir / name
                link.symlink_to((archive_dir / f).resolve())
                inputs.append(link)
                records += sum(1 for _ in _scan(archive_dir / f))
        else:
            wanted: dict[str, set[tuple[int, int]]] = {}
            response_ids = {s["warc_record_id"] for s in snaps if s["warc_record_id"]}
            for f in files:
                recs = _scan(archive_dir / f)
                chosen = set()
                for r in recs:
                    if (
                        (r["type"] == "response" and r["id"] in response_ids)
                        or (r["type"] == "request" and r["concurrent_to"] in response_ids)
                        or (r["type"] == "metadata" and r["refers_to"] in response_ids)
                    ):
                        chosen.add((r["offset"], r["length"]))
                wanted[f] = chosen
            for r in revisits:
                wanted.setdefault(r["warc_file"], set()).add((r["warc_offset"], r["warc_length"]))
            name = "longarm-export-" + datetime.now(timezone.utc).strftime("%Y%m%d%H%M%S") + ".warc.gz"
            target = tmpdir / name
            with open(target, "wb") as fh:
                fh.write(_warcinfo(title, selection, len(snaps)))
                for f in files:
                    with open(archive_dir / f, "rb") as src:
                        for offset, length in sorted(wanted.get(f, ())):
                            src.seek(offset)
                            fh.write(src.read(length))
                            records += 1
            inputs = [target]

        pages = tmpdir / "pages.jsonl"
        with open(pages, "w", encoding="utf-8") as fh:
            fh.write(json.dumps({"format": "json-pages-1.0", "id": "pages", "title": "Archived pages"}) + "\n")
            seen = set()
            for s in snaps:
                if s["url"] in seen:
                    continue
                seen.add(s["url"])
                fh.write(json.dumps({"url": s["url"], "title": s["title"] or s["url"]}, ensure_ascii=False) + "\n")
        tmp_out = tmpdir / "out.wacz"
        rc, log = _run_wacz(
            ["create", "-o", str(tmp_out), "-p", str(pages), "--title", title, "--desc", description, *map(str, inputs)]
        )
        if rc not in (0, None) or not tmp_out.exists():
            low = log.lower()
            if "no space" in low or "file too large" in low or "disk quota" in low:
                raise OSError(errno.ENOSPC, f"wacz create: {log.strip()[-300:]}")
            raise ExportError(f"wacz create failed: {log.strip()[-500:]}")
        with open(tmp_out, "rb+") as fh:
            os.fsync(fh.fileno())
        if check is not None:
            ok, check_log = check(tmp_out)
            if not ok:
                raise ExportError(f"the package did not pass `wacz validate`; {out} is unchanged:\n{check_log}")
        os.replace(tmp_out, out)  # same folder, same file system: atomic
    return ExportResult(out, len(snaps), records, files, whole)


def _run_wacz(argv: list[str]) -> tuple[int | None, str]:
    """Run py-wacz's command line in-process, capturing what it prints."""
    from wacz.main import main as wacz_main

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        try:
            rc = wacz_main(argv)
        except SystemExit as exc:  # argparse errors
            rc = int(exc.code or 0) if not isinstance(exc.code, str) else 2
    return rc, buf.getvalue()


def validate_wacz(path: str | Path) -> tuple[bool, str]:
    """``wacz validate`` on a file: (valid, what it printed)."""
    rc, log = _run_wacz(["validate", "-f", str(path)])
    return rc == 0 and "invalid" not in log.lower(), log


def main_error(msg: str) -> None:  # pragma: no cover - helper for scripts
    print(msg, file=sys.stderr)
