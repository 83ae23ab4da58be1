"""EXTRACTOR_VERSION: changes whenever the rules (code) or the data files change.

Why: stored detections carry the version that produced them, so `longarm extract`
knows which documents to re-run after an analyst edits a lexicon.
"""

from __future__ import annotations

from .lexicon import data_hash

#: bump when the rules in extractor.py change in a way that changes output
#: 2.0: candidates scored by the sentence model; 2.1: targets read in the whole document (issue 9)
RULES_VERSION = "rules-2.1"

EXTRACTOR_VERSION: str = f"{RULES_VERSION}+{data_hash()}"
