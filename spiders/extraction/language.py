"""Tell English, traditional Chinese and simplified Chinese apart from the text itself.

One detector serves the spiders and the extractor: it lives in ``longarm.nlp.language``
(table-based, reading OpenCC's tables through ``longarm.nlp.normalize``) and is
re-exported here so page extraction keeps its import. ``hint`` is the language a
listing or URL pattern gives for the page; the text overrides it whenever the
text can decide.
"""

from __future__ import annotations

from longarm.nlp.language import detect_language

__all__ = ["detect_language"]
