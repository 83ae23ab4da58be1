"""Features of one candidate sentence in its document, for the sentence model.

Why these: the labelled real corpus showed that the rules' decisions do not carry over
to wording they were not tuned on, while their *evidence* does (which cues fired, which
gates failed, whether a state or a non-state actor speaks). The model sees both that
evidence and the words themselves (Han character n-grams, Latin word n-grams, on the
normalised text so that both Chinese scripts share features), plus a little of the
sentences before and after (press releases carry their subject across sentences). The
evidence is named features (strings, ``sentence_features``; ``longarm.nlp.model`` hashes
them); the words are hashed n-gram keys (``TextGrams``), read once per document.
"""

from __future__ import annotations

import re
import zlib
from typing import Any, Iterable

import numpy as np

__all__ = ["sentence_features", "TextGrams", "Features"]

#: what the model scores for one sentence: its named features (the rules' evidence, position,
#: language ...) and its hashed n-grams (``TextGrams.row``)
Features = tuple[list[str], np.ndarray]

_LATIN = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")

#: one salt per (context, kind) of n-gram: the sentence itself (""), the one before ("p"), the
#: one after ("n"); Latin words and word pairs, Han characters and runs of two and three
_KINDS: dict[str, tuple[str, ...]] = {"": ("w", "w2", "c", "c2", "c3"), "p": ("w", "w2", "c", "c2"), "n": ("w", "c")}
_SALT = {(prefix, kind): n + 1 for n, (prefix, kind) in enumerate((p, k) for p in _KINDS for k in _KINDS[p])}
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)


def _mix(keys: np.ndarray, salt: int) -> np.ndarray:
    """SplitMix64's finaliser over ``keys`` xor a salt: stable across runs and machines, and
    well spread in the low bits the model keeps."""
    # in place on one new array: the same values as the textbook expressions, without a temporary
    # array per step (a document's keys are mixed once per kind and context)
    x = keys ^ np.uint64((salt * 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF)
    x ^= x >> np.uint64(30)
    x *= _M1
    x ^= x >> np.uint64(27)
    x *= _M2
    x ^= x >> np.uint64(31)
    return x


def _is_han(cps: np.ndarray) -> np.ndarray:
    return ((cps >= 0x3400) & (cps <= 0x9FFF)) | ((cps >= 0xF900) & (cps <= 0xFAFF))


def _runs(spans: list[tuple[int, int]], wanted: Iterable[int]) -> list[tuple[int, int]]:
    """Character ranges covering runs of consecutive wanted sentences."""
    out: list[tuple[int, int]] = []
    last = -2
    for j in wanted:
        if j == last + 1 and out:
            out[-1] = (out[-1][0], spans[j][1])
        else:
            out.append(spans[j])
        last = j
    return out


def _raw_grams(
    norm: str, lo: int, hi: int, starts: np.ndarray, ends: np.ndarray
) -> dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """kind -> (absolute positions, unsalted keys, sentences) of the n-grams in ``norm[lo:hi]``, none
    across a sentence's end (``starts``/``ends``: the document's sentences)."""

    def sentence_of(pos: np.ndarray) -> np.ndarray:
        sid = np.searchsorted(starts, pos, side="right") - 1
        ok = sid >= 0
        ok[ok] &= pos[ok] < ends[sid[ok]]
        return np.where(ok, sid, -1)

    raw: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
    cps = np.frombuffer(norm[lo:hi].encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    han = _is_han(cps)
    if han.any():
        pos = np.flatnonzero(han)
        sid = sentence_of(pos + lo)
        keep = sid >= 0
        raw["c"] = (pos[keep] + lo, cps[pos[keep]], sid[keep])
        sid_all = np.full(len(cps), -1, dtype=np.int64)
        sid_all[pos] = sid
        two = np.flatnonzero(han[:-1] & han[1:] & (sid_all[:-1] == sid_all[1:]) & (sid_all[:-1] >= 0))
        raw["c2"] = (two + lo, (cps[two] << np.uint64(21)) | cps[two + 1], sid_all[two])
        # a pair that the next pair continues (``two`` is increasing: p + 1 is in it iff it comes next)
        three = two[:-1][two[1:] == two[:-1] + 1]
        raw["c3"] = (
            three + lo,
            (cps[three] << np.uint64(42)) | (cps[three + 1] << np.uint64(21)) | cps[three + 2],
            sid_all[three],
        )
    # map() over C methods, not comprehensions: tens of thousands of words on an English page
    words = list(_LATIN.finditer(norm, lo, hi))
    if words:
        wpos = np.fromiter(map(re.Match.start, words), dtype=np.int64, count=len(words))
        ids = np.fromiter(
            map(zlib.crc32, map(str.encode, map(re.Match.group, words))), dtype=np.uint64, count=len(words)
        )
        wsid = sentence_of(wpos)
        keep = wsid >= 0
        raw["w"] = (wpos[keep], ids[keep], wsid[keep])
        pair = np.flatnonzero((wsid[:-1] == wsid[1:]) & (wsid[:-1] >= 0))
        raw["w2"] = (wpos[pair], (ids[pair] << np.uint64(32)) | ids[pair + 1], wsid[pair])
    return raw


class TextGrams:
    """The word and character n-grams of a document's sentences, hashed to 64-bit keys.

    Why per document, in numpy: each sentence is also its neighbours' context, and the model
    sums a whole document's n-gram weights per sentence in one pass (``SentenceModel.gram_scores``).
    The sentences asked for are read once, in runs: Han characters and their runs of two and
    three (never across a sentence's end or a non-Han character), Latin words and word pairs (not
    across a sentence's end); a sentence's keys are then a slice of each array. (Measured on real
    text: as fast as the strings it replaced, not faster; benchmarks/README.md.)"""

    def __init__(self, norm: str, spans: list[tuple[int, int]], needed: Iterable[int] | None = None) -> None:
        """``needed``: the sentences whose n-grams will be asked for (default: all). Only those are
        read, in runs of consecutive sentences: a long page with one candidate costs one run, not
        the page. A sentence's n-grams are the same whichever others are read."""
        self.spans = spans
        starts = np.fromiter((s for s, _ in spans), dtype=np.int64, count=len(spans))
        ends = np.fromiter((e for _, e in spans), dtype=np.int64, count=len(spans))
        self._starts, self._ends = starts, ends
        wanted = range(len(spans)) if needed is None else sorted({j for j in needed if 0 <= j < len(spans)})
        parts: dict[str, list[tuple[np.ndarray, np.ndarray, np.ndarray]]] = {}
        for lo, hi in _runs(spans, wanted):
            for kind, got in _raw_grams(norm, lo, hi, starts, ends).items():
                parts.setdefault(kind, []).append(got)
        raw = {kind: tuple(np.concatenate(column) for column in zip(*got)) for kind, got in parts.items()}
        #: each n-gram's sentence, by kind (found while reading: ``by_sentence`` needs no search)
        self._sids = {kind: r[2] for kind, r in raw.items()}
        self._mixed = {
            (prefix, kind): (raw[kind][0], _mix(raw[kind][1], _SALT[prefix, kind]))
            for prefix in _KINDS
            for kind in _KINDS[prefix]
            if kind in raw
        }
        self._cache: dict[tuple[int, str], np.ndarray] = {}

    def of(self, j: int, prefix: str = "") -> np.ndarray:
        """The distinct hashed n-gram keys of sentence ``j`` read as ``prefix`` ("": itself, "p":
        the sentence before the scored one, "n": the one after): presence, not counts."""
        key = (j, prefix)
        got = self._cache.get(key)
        if got is None:
            s, e = self.spans[j]
            parts = []
            for kind in _KINDS[prefix]:
                mixed = self._mixed.get((prefix, kind))
                if mixed is not None:
                    pos, keys = mixed
                    a, b = np.searchsorted(pos, (s, e))
                    if b > a:
                        parts.append(keys[a:b])
            got = np.unique(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.uint64)
            self._cache[key] = got
        return got

    def row(self, i: int) -> np.ndarray:
        """Sentence ``i``'s keys with the sentence before and after it as context (what the
        model is trained on; ``by_sentence`` gives the same keys for a whole document at once)."""
        parts = [self.of(i)]
        if i > 0:
            parts.append(self.of(i - 1, "p"))
        if i + 1 < len(self.spans):
            parts.append(self.of(i + 1, "n"))
        return np.concatenate(parts)

    def by_sentence(self, prefix: str) -> tuple[np.ndarray, np.ndarray]:
        """Every distinct (sentence, key) of the document read as ``prefix``: the model sums the
        weights per sentence in one pass (``SentenceModel.gram_scores``)."""
        sids, keys = [], []
        for kind in _KINDS[prefix]:
            mixed = self._mixed.get((prefix, kind))
            if mixed is not None:
                sids.append(self._sids[kind])
                keys.append(mixed[1])
        if not keys:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.uint64)
        sid, key = np.concatenate(sids), np.concatenate(keys)
        # the order of np.lexsort((key, sid)) for distinct pairs, in two cheaper sorts: by key (any
        # order among equal keys), then a stable sort by sentence, a radix sort when the sentence
        # numbers fit 16 bits (measured: a third less time than lexsort on real text)
        by_key = np.argsort(key)
        sid_by_key = sid[by_key]
        if len(self.spans) <= np.iinfo(np.int16).max:
            sid_by_key = sid_by_key.astype(np.int16)
        order = by_key[np.argsort(sid_by_key, kind="stable")]
        sid, key = sid[order], key[order]
        first = np.ones(len(key), dtype=bool)  # an n-gram counts once in its sentence, as in ``of``
        first[1:] = (sid[1:] != sid[:-1]) | (key[1:] != key[:-1])
        return sid[first], key[first]


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
) -> list[str]:
    """The feature strings of sentence ``i`` (``norm`` is the normalised document text).

    ``evidence`` is what the rules found in the sentence (``Detection.evidence``; None when
    the hard gate ended the analysis), ``near_rule`` whether the rules detected one of the
    two sentences before; ``extra`` are flags computed by the caller (names and bodies no
    gazetteer lists)."""
    s, e = spans[i]
    seg = norm[s:e]
    out: list[str] = ["bias", "lang:" + lang, *(extra or [])]
    if i == 0:
        out.append("first_sentence")
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
