"""What the extractor reads in a text and what it reports: a detection, a name's mention, a sentence's findings.

Why a module of their own: the decision (nlp/extractor.py) and speaker attribution (nlp/speakers.py)
both work on these records; here neither imports the other to get them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .gazetteer import Entity
from .lexicon import Cue
from .prefilter import Hit

__all__ = ["Detection", "Mention", "SentenceInfo"]


@dataclass
class Detection:
    """One threat or action statement found in a text (offsets into that text)."""

    label: str
    speaker: str | None
    speaker_kind: str | None
    targets: list[str]
    instruments: list[str]
    quote: str
    start: int
    end: int
    score: float
    #: what the rules saw (cue ids, negative roles, failed gates, weights): the model's features and
    #: the explanation of a detection; not part of the `analyze` output
    evidence: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    #: targets no gazetteer lists, as the text writes them (a subset of ``targets``)
    unlisted_targets: list[str] = field(default_factory=list)
    #: the speaker is not named in the text but implied by the measure (nlp/issuers.py)
    speaker_inferred: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Keys in the order of the `longarm analyze` format (docs/architecture.md); ``unlisted_targets``
        only when there are some, ``speaker_inferred`` only when true."""
        d = {
            "label": self.label,
            "speaker": self.speaker,
            "speaker_kind": self.speaker_kind,
            "targets": list(self.targets),
            "instruments": list(self.instruments),
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "score": self.score,
        }
        if self.unlisted_targets:
            d["unlisted_targets"] = list(self.unlisted_targets)
        if self.speaker_inferred:
            d["speaker_inferred"] = True
        return d


@dataclass
class Mention:
    """A gazetteer name, office title or generic critic ("rights groups") found in a sentence."""

    start: int
    end: int
    entity: Entity | None  # None for a generic critic ("rights groups")
    form: str  # full | short | weak | title | critic
    state: bool
    holders: list[Entity] = field(default_factory=list)  # titles: people who hold the office

    @property
    def name(self) -> str | None:
        return self.entity.name if self.entity else None


@dataclass
class SentenceInfo:
    """What the full analysis found in one sentence (cached: context lookups reuse it)."""

    start: int
    end: int
    cue_hits: list[tuple[Hit, Cue]] = field(default_factory=list)
    named_instruments: list[str] = field(default_factory=list)  # instruments named, not weighed (core 0)
    mentions: list[Mention] = field(default_factory=list)  # speakers, critics (not persons)
    persons: list[Mention] = field(default_factory=list)  # targets gazetteer
    attributed: Mention | None = None  # the sentence's speaker (speech verb or subject)
    by_speech: bool = False  # attributed through a speech verb
    short_only: list[Mention] = field(default_factory=list)  # officials' short names ("Mr Lee") before any full name
