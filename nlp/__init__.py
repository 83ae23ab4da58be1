"""longarm's NLP stage: find PRC/HKSAR statements that threaten to hunt people abroad.

Public interface (used by the crawl pipeline, `longarm extract`, `analyze` and `eval`)::

    from longarm.nlp import ThreatExtractor, Detection, EXTRACTOR_VERSION, detect_language, evaluate
"""

from __future__ import annotations

from typing import Any

from .language import detect_language
from .version import EXTRACTOR_VERSION

__all__ = ["ThreatExtractor", "Detection", "EXTRACTOR_VERSION", "detect_language", "evaluate"]


def __getattr__(name: str) -> Any:
    """The extractor is imported on first use: ``longarm.nlp.normalize`` and ``longarm.nlp.language`` (used by db/ and
    the spiders' page extraction) do not load its lexicons' code."""
    if name in ("ThreatExtractor", "Detection"):
        from . import extractor

        return getattr(extractor, name)
    raise AttributeError(f"module 'nlp' has no attribute {name!r}")


def evaluate(path: Any = None, extractor: Any = None) -> dict[str, Any]:
    """Score the extractor on a labelled JSONL set (see longarm.nlp.evaluate.evaluate)."""
    from .evaluate import evaluate as _evaluate

    return _evaluate(path, extractor)
