"""Seed a database with documents and threat rows directly (no crawl), at chosen created_at times."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from longarm.db import Store
from longarm.spiders.registry import get_registry


def seed(db_path: Path, items: list[dict[str, Any]], *, run_command: str = "nightly") -> int:
    """Each item: source_id, url, title, published_at, text, created_at, detections [{label, speaker, targets,
    instruments, start, end}]. Returns the run id of the run that 'stored' them (status finished)."""
    store = Store(db_path)
    store.sync_sources(get_registry().values())
    run_id = store.start_run(run_command, sorted({i["source_id"] for i in items}))
    for n, it in enumerate(items):
        snap = store.insert_snapshot(
            {
                "url": it["url"],
                "captured_at": it.get("captured_at", "2023-07-04T12:00:00Z"),
                "status": 200,
                "content_type": "text/html",
                "sha256": f"{n:064x}",
                "warc_file": "2023-07-04/x.warc.gz",
                "warc_offset": 1000 * n,
                "warc_length": 900,
                "source_id": it["source_id"],
                "run_id": run_id,
            }
        )
        doc_id, _ = store.upsert_document(
            {
                "source_id": it["source_id"],
                "url": it["url"],
                "title": it["title"],
                "published_at": it["published_at"],
                "lang": "en",
                "text": it["text"],
                "snapshot_id": snap,
            },
            run_id,
        )
        dets = []
        for d in it["detections"]:
            dets.append(
                {
                    "label": d["label"],
                    "speaker": d.get("speaker"),
                    "speaker_kind": "hk_government",
                    "targets": d.get("targets", []),
                    "instruments": d.get("instruments", []),
                    "quote": it["text"][d["start"] : d["end"]],
                    "start": d["start"],
                    "end": d["end"],
                    "score": 0.9,
                }
            )
        store.replace_threats(doc_id, dets, "test-1", "en")
        with store.db.conn:
            store.db.execute("UPDATE threats SET created_at = ? WHERE document_id = ?", [it["created_at"], doc_id])
            store.db.execute("UPDATE documents SET first_seen = ? WHERE id = ?", [it["created_at"], doc_id])
    for sid in sorted({i["source_id"] for i in items}):
        store.record_run_source(
            run_id,
            sid,
            {
                "status": "ok",
                "pages": 5,
                "documents": 2,
                "new_documents": 2,
                "known_skipped": 0,
                "parsed_nothing": 0,
                "errors": 0,
                "extraction_yield": 1.0,
                "warning": "",
                "detail": "",
            },
        )
    store.finish_run(run_id, "finished", {}, [])
    store.close()
    return run_id
