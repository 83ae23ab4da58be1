"""Features of one candidate sentence in its document, for the sentence model.

Why these: the labelled real corpus showed that the rules' decisions do not carry over
to wording they were not tuned on, while their *evidence* does (which cues fired, which
gates failed, whether a state or a non-state actor speaks). The model sees both that
evidence and the words themselves (Han character n-grams, Latin word n-grams, on the
normalised text so that both Chinese scripts share features), plus a little of the
sentence before (press releases carry their subject across sentences). Features are
strings; ``longarm.nlp.model`` hashes them.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["sentence_features"]

_LATIN = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")


def _text_features(seg: str, prefix: str, orders: tuple[int, ...], out: list[str]) -> None:
    words = _LATIN.findall(seg)
    if 1 in orders:
        out.extend(prefix + "w:" + w for w in words)
    if 2 in orders:
        out.extend(prefix + "w2:" + a + " " + b for a, b in zip(words, words[1:]))
    for run in _HAN.findall(seg):
        for n in orders:
            if n == 1:
                out.extend(prefix + "c:" + ch for ch in run)
            else:
                out.extend(prefix + f"c{n}:" + run[k : k + n] for k in range(len(run) - n + 1))


def _segment_features(
    norm: str,
    spans: list[tuple[int, int]],
    j: int,
    prefix: str,
    orders: tuple[int, ...],
    cache: dict[tuple[int, str], list[str]] | None,
) -> list[str]:
    """The n-gram features of sentence ``j``, computed once per document when a ``cache`` is given
    (each sentence is also its neighbours' context)."""
    key = (j, prefix)
    if cache is not None and key in cache:
        return cache[key]
    out: list[str] = []
    s, e = spans[j]
    _text_features(norm[s:e], prefix, orders, out)
    if cache is not None:
        cache[key] = out
    return out


def sentence_features(
    norm: str,
    spans: list[tuple[int, int]],
    i: int,
    lang: str,
    evidence: dict[str, Any] | None,
    hard_fail: str | None,
    speaker_kind: str | None,
    near_rule: bool,
    extra: list[str] | None = None,
    cache: dict[tuple[int, str], list[str]] | None = None,
) -> list[str]:
    """The feature strings of sentence ``i`` (``norm`` is the normalised document text).

    ``evidence`` is what the rules found in the sentence (``Detection.evidence``; None when
    the hard gate ended the analysis), ``near_rule`` whether the rules detected one of the
    two sentences before; ``extra`` are flags computed by the caller (names and bodies no
    gazetteer lists)."""
    s, e = spans[i]
    seg = norm[s:e]
    out: list[str] = ["bias", "lang:" + lang, *(extra or [])]
    out.extend(_segment_features(norm, spans, i, "", (1, 2, 3), cache))
    if i > 0:
        out.extend(_segment_features(norm, spans, i - 1, "p", (1, 2), cache))
    else:
        out.append("first_sentence")
    if i + 1 < len(spans):
        out.extend(_segment_features(norm, spans, i + 1, "n", (1,), cache))
    out.append("pos:" + (str(i) if i < 3 else "later"))
    if s == 0 or norm[s - 1] == "\n":
        out.append("line_start")
    length = e - s
    out.append("len:" + ("short" if length < 25 else "mid" if length < 120 else "long"))
    if seg.rstrip(" \"'”」』）)").endswith(("?", "？")):
        out.append("ends_question")
    if hard_fail:
        out.append("hard:" + hard_fail)
    if near_rule:
        out.append("near_rule")
    if speaker_kind:
        out.append("speaker_kind:" + speaker_kind)
    if evidence is None:
        return out
    out.extend("cue:" + c for c in evidence.get("cues", ()))
    out.extend("role:" + r for r in evidence.get("roles", ()))
    failed = evidence.get("failed", ())
    out.extend("fail:" + g for g in failed)
    if not failed:
        out.append("rule_detects")
    core = float(evidence.get("core", 0.0))
    out.append("core:" + ("0" if core <= 0 else "low" if core < 1 else "mid" if core < 2 else "high"))
    for flag in ("context", "abroad", "strong", "listing", "own_speaker", "firm"):
        if evidence.get(flag):
            out.append(flag)
    if evidence.get("persons"):
        out.append("persons")
    tw, aw = evidence.get("threat_weight", 0), evidence.get("action_weight", 0)
    out.append("lean:" + ("threat" if tw > aw else "action" if aw > tw else "none"))
    if evidence.get("turn"):
        out.append("turn:" + str(evidence["turn"]))
    return out
