"""Glue between the NLP library and the store: used by the crawl pipeline and `longarm extract`."""
from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger(__name__)


def load_extractor() -> Any | None:
    """The ThreatExtractor, or None (with a logged reason) when the NLP stage is unavailable."""
    try:
        from nlp import ThreatExtractor
    except ImportError as exc:
        logger.warning("threat extraction unavailable (%s); documents are stored unprocessed", exc)
        return None
    return ThreatExtractor()


def extractor_version() -> str:
    from nlp import EXTRACTOR_VERSION

    return EXTRACTOR_VERSION


def extract_one(store: Any, extractor: Any, document_id: int, text: str, lang: str | None,
                publisher: dict[str, str] | None = None) -> int:
    """Extract and store a document's threats; returns how many were found."""
    dets = extractor.extract(text, lang=lang, publisher=publisher)
    rows = []
    for d in dets:
        row = d.to_dict() if hasattr(d, "to_dict") else dict(d)
        if text[row["start"]:row["end"]] != row["quote"]:
            logger.error("extractor offsets do not match the text of document %s; detection dropped", document_id)
            continue
        rows.append(row)
    return store.replace_threats(document_id, rows, extractor_version(), lang)


def extract_stored(store: Any, all_documents: bool = False) -> dict[str, int]:
    """Run extraction over stored documents not yet processed by this extractor version (or all)."""
    extractor = load_extractor()
    if extractor is None:
        raise RuntimeError("the NLP stage (nlp package) cannot be loaded; see the log above")
    version = extractor_version()
    docs = threats = 0
    for doc in store.documents_to_extract(version, all_documents):
        threats += extract_one(store, extractor, doc["id"], doc["text"] or "", doc["lang"],
                               publisher={"name": doc["source_name"], "kind": doc["source_kind"]})
        docs += 1
    return {"documents": docs, "threats": threats}
