"""Verify a citation against the archive: re-read its WARC record, check the payload, find the quote again.

A check that crosses three parts: the citation's row (``longarm.db.citation.load``), the archived record
(``longarm.pipelines.warc_reader``) and the page extraction the crawler ran (``longarm.spiders.extraction``). It
lives in the application layer, which may import all three; the database layer imports none of
them (docs/architecture.md, "Who imports whom"). Used by `longarm verify`, `longarm cite --verify`,
the web page's verify link and ``Longarm.verify``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from longarm.db.citation import load


@dataclass
class Check:
    name: str
    ok: bool
    detail: str


@dataclass
class Verification:
    threat_id: int
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.checks) and all(c.ok for c in self.checks)

    def add(self, name: str, ok: bool, detail: str) -> bool:
        self.checks.append(Check(name, ok, detail))
        return ok

    @property
    def message(self) -> str:
        if self.ok:
            return f"threat {self.threat_id}: verified — " + "; ".join(c.detail for c in self.checks)
        bad = [c for c in self.checks if not c.ok]
        return f"threat {self.threat_id}: NOT verified — " + "; ".join(c.detail for c in bad)

    def as_dict(self) -> dict[str, Any]:
        return {
            "threat_id": self.threat_id,
            "ok": self.ok,
            "checks": [{"check": c.name, "ok": c.ok, "detail": c.detail} for c in self.checks],
        }


Extractor = Callable[[bytes, str, str | None, dict[str, str], str | None], str]


def default_extractor(
    body: bytes, url: str, source_id: str | None, headers: dict[str, str], lang_hint: str | None
) -> str:
    """The text the crawler stored: ``longarm.spiders.extraction.extract_document`` on the archived payload."""
    from longarm.spiders.extraction import extract_document  # imported when used: page extraction loads trafilatura
    from longarm.spiders.registry import get_registry, source_for_url

    source = get_registry().get(source_id or "")
    if source is None:
        match = source_for_url(url)
        source = match[0] if match else None
    if source is None:
        raise LookupError(f"source {source_id!r} is not in the registry")
    doc = extract_document(body, url, source, headers=headers, lang_hint=lang_hint)
    return doc.get("text") or ""


def verify(
    db: Any,
    archive_dir: str | Path,
    threat_id: int,
    *,
    extractor: Extractor | None = None,
    citation: dict[str, Any] | None = None,
) -> Verification:
    """Re-read the archived record of a threat's document and check it (raises CitationNotFound)."""
    from longarm.pipelines.warc_reader import ArchiveError, read_response_at

    c = citation or load(db, threat_id)
    v = Verification(int(threat_id))
    if c["document_id"] is None:
        v.add("document", False, f"the threat's document {c.get('document_id')} is missing from the database")
        return v
    if c["snapshot_id"] is None or not c["warc_file"]:
        v.add("snapshot", False, f"document {c['document_id']} has no archived snapshot recorded")
        return v
    try:
        rec = read_response_at(archive_dir, c["warc_file"], int(c["warc_offset"]))
    except ArchiveError as exc:
        v.add("warc", False, str(exc))
        return v
    v.add("warc", True, f"read {c['warc_file']} @ {c['warc_offset']}")
    if c["warc_record_id"] and rec.record_id != c["warc_record_id"]:
        v.add(
            "record",
            False,
            f"the record at {c['warc_file']}@{c['warc_offset']} is {rec.record_id}, not {c['warc_record_id']}",
        )
    if c["snapshot_url"] and rec.url != c["snapshot_url"]:
        v.add("url", False, f"the record at that offset is for {rec.url}, not {c['snapshot_url']}")
    if not v.add(
        "sha256",
        rec.sha256 == c["sha256"],
        f"payload SHA-256 {rec.sha256} matches"
        if rec.sha256 == c["sha256"]
        else f"payload SHA-256 mismatch: archived bytes hash to {rec.sha256}, the citation says {c['sha256']}",
    ):
        return v
    extract = extractor or default_extractor
    try:
        text = extract(
            rec.decoded_payload(),
            c["snapshot_url"] or c["url"],
            c["source_id"],
            {k: v_ for k, v_ in rec.headers},
            c["document_lang"],
        )
    except Exception as exc:  # an extractor failure is a failed verification, with the reason
        v.add("text", False, f"could not extract text from the archived payload: {type(exc).__name__}: {exc}")
        return v
    s, e, quote = c["quote_start"], c["quote_end"], c["quote"] or ""
    if s is not None and e is not None and text[s:e] == quote:
        v.add("quote", True, f"quote stands at characters {s}–{e} of the text extracted from the archive")
    else:
        found = text.find(quote) if quote else -1
        where = (
            f"it occurs at {found}–{found + len(quote)} instead (was the extractor changed?)"
            if found >= 0
            else "it does not occur in the extracted text"
        )
        v.add(
            "quote",
            False,
            f"quote is not at characters {s}–{e} of the text extracted from the archive: "
            f"found {text[s:e][:40]!r}; {where}",
        )
    return v
