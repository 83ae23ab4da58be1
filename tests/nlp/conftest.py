"""Extractors shared by the nlp tests: built once per session (each build reads every data file and
compiles the matchers); a ThreatExtractor is read-only once built, so tests may share one."""

from __future__ import annotations

import pytest

from longarm.nlp import ThreatExtractor


@pytest.fixture(scope="session")
def extractor() -> ThreatExtractor:
    """The extractor with the shipped sentence model, as `longarm analyze` builds it."""
    return ThreatExtractor()


@pytest.fixture(scope="session")
def rules_extractor() -> ThreatExtractor:
    """The rules alone (no sentence model)."""
    return ThreatExtractor(model=False)
