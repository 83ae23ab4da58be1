"""The sentence model: logistic regression over hashed features, in numpy.

Why this and not a larger model: the labelled corpus is small (about 1,300 statements),
the features that matter are sparse (words, character n-grams, the rules' evidence), and
the model must ship inside the package, load in milliseconds and score thousands of
sentences a second on a CPU. A hashed linear model does all of that with two weight
vectors (is it a statement; threat or action) and is reproducible bit for bit from
``longarm train``. spaCy's text classifier was measured against it on the same split
(eval/README.md) and did not do better.

The model file is an ``.npz``: ``weights`` (2 x 2**bits float32), ``bits``, ``threshold``,
``threshold_alone`` (for a text that is a single sentence; a file without it uses ``threshold``),
``threshold_document`` (the bar a page's best sentence must reach; a file without it has none)
and a JSON ``meta`` (training data, split, figures on dev). A sentence's columns are its named
features (CRC-32 of the string) and its word and character n-grams (64-bit keys from
``features.TextGrams``), each masked to ``bits`` and counted once.
"""

from __future__ import annotations

import functools
import json
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Sequence

import numpy as np

if TYPE_CHECKING:
    from .features import TextGrams

__all__ = ["SentenceModel", "MODEL_PATH", "hash_features"]

MODEL_PATH = Path(__file__).resolve().parent / "data" / "model" / "sentence_model.npz"
#: how n-grams become weight columns (``features.TextGrams``); a file written with another scheme
#: would load and score garbage, so ``load`` refuses it
NGRAMS_FORMAT = "textgrams-1"


def hash_features(feats: Iterable[str], bits: int) -> np.ndarray:
    """Feature strings -> bucket indices (CRC-32: stable across runs and machines, unlike hash())."""
    # map() over C functions, masked in numpy: the same indices, about twice as fast as a generator
    # (hundreds of features per candidate sentence; this was a sixth of analyze time on real text)
    mask = (1 << bits) - 1
    return np.fromiter(map(zlib.crc32, map(str.encode, feats)), dtype=np.int64) & mask


def _gram_columns(keys: np.ndarray, bits: int) -> np.ndarray:
    return (keys & np.uint64((1 << bits) - 1)).astype(np.int64)


def _row_columns(feats: Sequence[str], grams: np.ndarray | None, bits: int) -> np.ndarray:
    """One sentence's weight columns: its named features (each once) and its n-gram keys."""
    # np.unique's values, from a set: a sentence has a few dozen features, too few for numpy's
    # per-call costs to pay (this ran for every candidate sentence)
    mask = (1 << bits) - 1
    idx = np.array(sorted({h & mask for h in map(zlib.crc32, map(str.encode, feats))}), dtype=np.int64)
    if grams is not None and len(grams):
        idx = np.concatenate([idx, _gram_columns(grams, bits)])
    return idx


@dataclass
class SentenceModel:
    """Two linear scorers over hashed features: row 0 says 'statement', row 1 says 'threat' (vs 'action')."""

    weights: np.ndarray
    bits: int
    threshold: float = 0.5
    meta: dict[str, Any] = field(default_factory=dict)
    #: the threshold for a text of one sentence (a quoted line, a sentence pasted into `analyze`):
    #: read alone, a statement has no context to lend it evidence (no sentence before naming the
    #: measure, no speaker carried over), so its scores run lower than the same sentence's in its
    #: page; ``longarm train`` chooses this one out of fold on the candidates read alone (None: as
    #: ``threshold``)
    threshold_alone: float | None = None
    #: the score a text of several sentences must reach in its best sentence for any of its
    #: sentences to count: a page that holds statements holds one the model is sure of, while a
    #: hard negative (a domestic bounty, an NGO's account of a warrant) tends to lift one or two
    #: sentences just over ``threshold`` and no further; ``longarm train`` chooses it out of fold
    #: (None: no bar beyond ``threshold``)
    threshold_document: float | None = None

    def threshold_for(self, sentences: int) -> float:
        """The decision threshold for a text of ``sentences`` sentences."""
        if sentences == 1 and self.threshold_alone is not None:
            return self.threshold_alone
        return self.threshold

    def document_passes(self, best: float, sentences: int) -> bool:
        """Does a text of ``sentences`` sentences whose best candidate scores ``best`` hold
        statements at all? A single sentence has no bar but its own threshold."""
        return sentences == 1 or self.threshold_document is None or best >= self.threshold_document

    # ------------------------------------------------------------------ use
    def indices(self, feats: Sequence[str], grams: np.ndarray | None = None) -> np.ndarray:
        """The weight columns of one sentence: its named features (each once) and its hashed
        n-grams (``features.TextGrams.row``: each distinct n-gram once)."""
        if self.meta.get("features") == "text":
            from .train import FEATURE_SETS

            feats = [f for f in feats if FEATURE_SETS["text"](f)]
        return _row_columns(feats, grams, self.bits)

    def _columns(self, keys: np.ndarray) -> np.ndarray:
        return _gram_columns(keys, self.bits)

    @functools.cached_property
    def _weight_pairs(self) -> np.ndarray:
        """The weights column by column (columns x 2, a copy): a document's n-grams gather their
        two weights from one place in memory rather than two rows 2 MB apart (half the time)."""
        return np.ascontiguousarray(self.weights.T)

    def gram_scores(self, grams: "TextGrams") -> np.ndarray:
        """Each sentence's n-gram share of the two scores, its neighbours' context included
        (shape 2 x sentences): the same sums as ``indices(.., grams.row(i))`` gives, for the
        whole document in a few array operations instead of a few per sentence."""
        n = len(grams.spans)
        out = np.zeros((2, n))
        for prefix, shift in (("", 0), ("p", 1), ("n", -1)):
            sid, keys = grams.by_sentence(prefix)
            if not len(keys):
                continue
            w = self._weight_pairs.take(self._columns(keys), axis=0)  # as weights[:, cols].T, faster
            per = np.vstack([np.bincount(sid, weights=w[:, k], minlength=n) for k in range(2)])
            if shift == 1:  # sentence j is the context before sentence j + 1
                out[:, 1:] += per[:, :-1]
            elif shift == -1:  # ... and the context after sentence j - 1
                out[:, :-1] += per[:, 1:]
            else:
                out += per
        return out

    def scores(
        self, feats: Sequence[str], grams: np.ndarray | None = None, gram_z: np.ndarray | None = None
    ) -> tuple[float, float]:
        """(probability of a statement, probability that it is a threat rather than an action).

        The n-grams come either as keys (``grams``) or as their summed weights (``gram_z``, a
        column of ``gram_scores``)."""
        z = np.take(self.weights, self.indices(feats, grams), axis=1).sum(axis=1)  # as weights[:, idx], faster
        if gram_z is not None:
            z = z + gram_z
        # np.clip's values through the two ufuncs it is made of, without its Python-level dispatch
        p = 1.0 / (1.0 + np.exp(-np.minimum(np.maximum(z, -30), 30)))
        return float(p[0]), float(p[1])

    # ------------------------------------------------------------------ persistence
    @classmethod
    def load(cls, path: str | Path | None = None) -> "SentenceModel":
        p = Path(path) if path else MODEL_PATH
        try:
            with np.load(p, allow_pickle=False) as z:
                model = cls(
                    weights=z["weights"].astype(np.float32),
                    bits=int(z["bits"]),
                    threshold=float(z["threshold"]),
                    meta=json.loads(str(z["meta"])),
                    threshold_alone=float(z["threshold_alone"]) if "threshold_alone" in z.files else None,
                    threshold_document=float(z["threshold_document"]) if "threshold_document" in z.files else None,
                )
        except (OSError, KeyError, ValueError) as exc:
            raise ValueError(f"{p}: not a longarm sentence model ({exc}); rebuild it with `longarm train`") from exc
        if model.meta.get("ngrams") != NGRAMS_FORMAT:
            raise ValueError(
                f"{p}: a sentence model written by an older longarm (n-grams {model.meta.get('ngrams', 'as strings')!r}, "
                f"this one reads {NGRAMS_FORMAT!r}); rebuild it with `longarm train --out {p}`"
            )
        return model

    def save(self, path: str | Path | None = None) -> Path:
        p = Path(path) if path else MODEL_PATH
        p.parent.mkdir(parents=True, exist_ok=True)
        with open(p, "wb") as fh:  # np.savez_compressed appends .npz to a str path without it
            np.savez_compressed(
                fh,
                weights=self.weights.astype(np.float16),
                bits=np.int64(self.bits),
                threshold=np.float64(self.threshold),
                threshold_alone=np.float64(self.threshold if self.threshold_alone is None else self.threshold_alone),
                # no bar is the bar of the threshold itself
                threshold_document=np.float64(
                    self.threshold if self.threshold_document is None else self.threshold_document
                ),
                meta=np.array(json.dumps(dict(self.meta, ngrams=NGRAMS_FORMAT), sort_keys=True, ensure_ascii=False)),
            )
        return p

    # ------------------------------------------------------------------ training
    @classmethod
    def fit(
        cls,
        rows: list[list[str]],
        is_statement: list[int],
        is_threat: list[int | None],
        grams: list[np.ndarray] | None = None,
        bits: int = 19,
        l2: float = 1e-3,
        epochs: int = 400,
        lr: float = 0.05,
    ) -> "SentenceModel":
        """Full-batch Adam on the logistic loss (deterministic: zero start, fixed order).

        ``is_threat`` is None for sentences that are no statement (the label scorer learns
        from statements only); ``grams`` are each row's hashed n-grams. Classes are weighted to
        balance."""
        dim = 1 << bits
        idx_rows = [_row_columns(r, grams[n] if grams is not None else None, bits) for n, r in enumerate(rows)]
        lengths = np.array([len(r) for r in idx_rows])
        indices = np.concatenate(idx_rows) if idx_rows else np.zeros(0, dtype=np.int64)
        offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        weights = np.zeros((2, dim), dtype=np.float64)
        targets = [
            np.array(is_statement, dtype=np.float64),
            np.array([t if t is not None else 0 for t in is_threat], dtype=np.float64),
        ]
        masks = [np.ones(len(rows)), np.array([t is not None for t in is_threat], dtype=np.float64)]
        for k in range(2):
            y, m = targets[k], masks[k]
            pos = (y * m).sum()
            neg = ((1 - y) * m).sum()
            if pos == 0 or neg == 0:
                continue
            sw = m * np.where(y > 0, 0.5 / pos, 0.5 / neg)  # balanced classes, mean loss
            w = np.zeros(dim)
            m1 = np.zeros(dim)
            m2 = np.zeros(dim)
            row_of = np.repeat(np.arange(len(rows)), lengths)
            for t in range(1, epochs + 1):
                z = np.add.reduceat(w[indices], offsets) if len(indices) else np.zeros(len(rows))
                z[lengths == 0] = 0.0
                p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
                err = (p - y) * sw
                grad = np.bincount(indices, weights=err[row_of], minlength=dim) + l2 * w
                m1 = 0.9 * m1 + 0.1 * grad
                m2 = 0.999 * m2 + 0.001 * grad * grad
                w -= lr * (m1 / (1 - 0.9**t)) / (np.sqrt(m2 / (1 - 0.999**t)) + 1e-8)
            weights[k] = w
        return cls(weights=weights.astype(np.float32), bits=bits)
