"""The body that issues a measure, for a statement that names no actor (data/issuers.toml).

Why: a detection needs a state speaker (issue 9, point 3), and a statement read on its own —
a quoted line, a press-release sentence, a page that never names the bureau behind its notice
— often names none. Dropping such statements lost a third of the real statements read one by
one; crediting them to nobody would break the rule. The measure itself usually says who issues
it (HK$ bounties: the Hong Kong police; the "100 most wanted": the central fugitive office), and
that knowledge is data, reviewed like the lexicons. Detections credited this way say so
(``Detection.speaker_inferred``).
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .lexicon import DATA_DIR

__all__ = ["Issuer", "load_issuers", "issuer_for"]

_SCRIPTS = {"en", "zh-Hans", "zh-Hant"}


@dataclass(frozen=True)
class Issuer:
    speaker: str
    markers: tuple[str, ...]
    context: tuple[str, ...] = ()  # one of these must occur too (in the sentence or the document)
    scripts: tuple[str, ...] = ()  # or the text is written in one of these scripts (zh-Hans: the mainland's)


@functools.lru_cache(maxsize=4)
def load_issuers(path: Path | None = None) -> tuple[Issuer, ...]:
    """The issuers in their order of precedence (default: the package's data/issuers.toml); a
    ValueError names the file and the malformed entry."""
    path = path or DATA_DIR / "issuers.toml"
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    out = []
    for n, entry in enumerate(data.get("issuer", []), 1):
        speaker, markers = entry.get("speaker"), entry.get("markers")
        context, scripts = entry.get("context", []), entry.get("scripts", [])
        if (
            not isinstance(speaker, str)
            or not isinstance(markers, list)
            or not markers
            or not isinstance(context, list)
            or not isinstance(scripts, list)
            or not set(scripts) <= _SCRIPTS
        ):
            raise ValueError(
                f"{path}: [[issuer]] number {n} needs a 'speaker', a non-empty list of 'markers' "
                f"and, optionally, a list of 'context' words and a list of 'scripts' ({', '.join(sorted(_SCRIPTS))})"
            )
        out.append(
            Issuer(
                speaker,
                tuple(str(m).lower() for m in markers),
                tuple(str(c).lower() for c in context),
                tuple(scripts),
            )
        )
    return tuple(out)


def issuer_for(sentence: str, document: str, lang: str | None = None) -> str | None:
    """The issuer of the measure in ``sentence`` (normalised text), read in the sentence first,
    then in its ``document`` (written in script ``lang``); None when no issuer's markers occur in
    either."""
    for text in (sentence, document):
        for issuer in load_issuers():
            if any(m in text for m in issuer.markers) and (
                not issuer.context
                or lang in issuer.scripts
                or any(c in sentence or c in document for c in issuer.context)
            ):
                return issuer.speaker
    return None
