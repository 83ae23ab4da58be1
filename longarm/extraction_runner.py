"""Glue between the NLP library and the store: used by the crawl pipeline and `longarm extract`."""

from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger(__name__)


def load_extractor() -> Any | None:
    """The ThreatExtractor, or None (with a logged reason) when the NLP stage is unavailable."""
    try:
        from longarm.nlp import ThreatExtractor
    except ImportError as exc:
        logger.warning("threat extraction unavailable (%s); documents are stored unprocessed", exc)
        return None
    return ThreatExtractor()


def extractor_version() -> str:
    from longarm.nlp import EXTRACTOR_VERSION

    return EXTRACTOR_VERSION


def extract_one(
    store: Any, extractor: Any, document_id: int, text: str, lang: str | None, publisher: dict[str, str] | None = None
) -> int:
    """Extract and store a document's threats (and their figures); returns how many were found."""
    return _extract_and_read_figures(store, extractor, document_id, text, lang, publisher)[0]


def _extract_and_read_figures(
    store: Any, extractor: Any, document_id: int, text: str, lang: str | None, publisher: dict[str, str] | None
) -> tuple[int, int]:
    """(statements stored, statements whose figures were read) for one document."""
    dets = extractor.extract(text, lang=lang, publisher=publisher)
    rows = []
    for d in dets:
        row = d.to_dict() if hasattr(d, "to_dict") else dict(d)
        if text[row["start"] : row["end"]] != row["quote"]:
            logger.error("extractor offsets do not match the text of document %s; detection dropped", document_id)
            continue
        rows.append(row)
    n = store.replace_threats(document_id, rows, extractor_version(), lang)
    return n, attach_quantities(store, document_id)


def attach_quantities(store: Any, document_id: int | None = None) -> int:
    """Read the figures of current statements not yet read by this reader version (one document, or all).

    Runs after extraction and on its own (the extractor is left as it is): each
    statement's quote goes through longarm.nlp.quantities; the store keeps the figures
    in the ``quantities`` table. Returns the number of statements read.
    """
    try:
        from longarm.nlp.quantities import find_quantities, quantities_version
    except ImportError as exc:
        logger.warning("figures not read (%s)", exc)
        return 0
    version = quantities_version()
    todo = store.threats_without_quantities(version, document_id)
    for t in todo:
        found = [q.to_dict() for q in find_quantities(t["quote"] or "", t["lang"])]
        store.replace_quantities(t["id"], found, version)
    return len(todo)


def extract_pending(store: Any, extractor: Any | None) -> dict[str, int]:
    """Extract every stored document without the current extraction (version missing or older).

    A crawl calls this before it says it finished: a run killed between storing a
    document and extracting it leaves the document stored, and the next run sees
    its text unchanged and would otherwise never extract it.
    """
    if extractor is None:
        return {"documents": 0, "threats": 0}
    docs = threats = 0
    for doc in store.documents_to_extract(extractor_version()):
        threats += extract_one(
            store,
            extractor,
            doc["id"],
            doc["text"] or "",
            doc["lang"],
            publisher={"name": doc["source_name"], "kind": doc["source_kind"]},
        )
        docs += 1
    if docs:
        logger.info("extracted %d stored document(s) that lacked the current extraction", docs)
    return {"documents": docs, "threats": threats}


def extract_stored(store: Any, all_documents: bool = False) -> dict[str, int]:
    """Run extraction over stored documents not yet processed by this extractor version (or all)."""
    extractor = load_extractor()
    if extractor is None:
        raise RuntimeError("the NLP stage (nlp package) cannot be loaded; see the log above")
    version = extractor_version()
    docs = threats = figures = 0
    for doc in store.documents_to_extract(version, all_documents):
        stored, read = _extract_and_read_figures(
            store,
            extractor,
            doc["id"],
            doc["text"] or "",
            doc["lang"],
            publisher={"name": doc["source_name"], "kind": doc["source_kind"]},
        )
        threats += stored
        figures += read
        docs += 1
    figures += attach_quantities(store)  # statements stored before figures were read, or by an older reader
    return {"documents": docs, "threats": threats, "statements_with_figures_read": figures}
