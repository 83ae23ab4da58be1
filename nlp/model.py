"""The sentence model: logistic regression over hashed features, in numpy.

Why this and not a larger model: the labelled corpus is small (about 1,300 statements),
the features that matter are sparse (words, character n-grams, the rules' evidence), and
the model must ship inside the package, load in milliseconds and score thousands of
sentences a second on a CPU. A hashed linear model does all of that with two weight
vectors (is it a statement; threat or action) and is reproducible bit for bit from
``longarm train``. spaCy's text classifier was measured against it on the same split
(eval/README.md) and did not do better.

The model file is an ``.npz``: ``weights`` (2 x 2**bits float32), ``bits``, ``threshold``
and a JSON ``meta`` (training data, split, figures on dev).
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np

__all__ = ["SentenceModel", "MODEL_PATH", "hash_features"]

MODEL_PATH = Path(__file__).resolve().parent / "data" / "model" / "sentence_model.npz"


def hash_features(feats: Iterable[str], bits: int) -> np.ndarray:
    """Feature strings -> bucket indices (CRC-32: stable across runs and machines, unlike hash())."""
    # map() over C functions, masked in numpy: the same indices, about twice as fast as a generator
    # (hundreds of features per candidate sentence; this was a sixth of analyze time on real text)
    mask = (1 << bits) - 1
    return np.fromiter(map(zlib.crc32, map(str.encode, feats)), dtype=np.int64) & mask


@dataclass
class SentenceModel:
    """Two linear scorers over hashed features: row 0 says 'statement', row 1 says 'threat' (vs 'action')."""

    weights: np.ndarray
    bits: int
    threshold: float = 0.5
    meta: dict[str, Any] = field(default_factory=dict)

    # ------------------------------------------------------------------ use
    def scores(self, feats: Sequence[str]) -> tuple[float, float]:
        """(probability of a statement, probability that it is a threat rather than an action)."""
        if self.meta.get("features") == "text":
            from .train import FEATURE_SETS

            feats = [f for f in feats if FEATURE_SETS["text"](f)]
        idx = hash_features(feats, self.bits)
        z = self.weights[:, idx].sum(axis=1)
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        return float(p[0]), float(p[1])

    # ------------------------------------------------------------------ persistence
    @classmethod
    def load(cls, path: str | Path | None = None) -> "SentenceModel":
        p = Path(path) if path else MODEL_PATH
        try:
            with np.load(p, allow_pickle=False) as z:
                return cls(
                    weights=z["weights"].astype(np.float32),
                    bits=int(z["bits"]),
                    threshold=float(z["threshold"]),
                    meta=json.loads(str(z["meta"])),
                )
        except (OSError, KeyError, ValueError) as exc:
            raise ValueError(f"{p}: not a longarm sentence model ({exc}); rebuild it with `longarm train`") from exc

    def save(self, path: str | Path | None = None) -> Path:
        p = Path(path) if path else MODEL_PATH
        p.parent.mkdir(parents=True, exist_ok=True)
        with open(p, "wb") as fh:  # np.savez_compressed appends .npz to a str path without it
            np.savez_compressed(
                fh,
                weights=self.weights.astype(np.float16),
                bits=np.int64(self.bits),
                threshold=np.float64(self.threshold),
                meta=np.array(json.dumps(self.meta, sort_keys=True, ensure_ascii=False)),
            )
        return p

    # ------------------------------------------------------------------ training
    @classmethod
    def fit(
        cls,
        rows: list[list[str]],
        is_statement: list[int],
        is_threat: list[int | None],
        bits: int = 19,
        l2: float = 1e-3,
        epochs: int = 400,
        lr: float = 0.05,
    ) -> "SentenceModel":
        """Full-batch Adam on the logistic loss (deterministic: zero start, fixed order).

        ``is_threat`` is None for sentences that are no statement (the label scorer learns
        from statements only). Classes are weighted to balance."""
        dim = 1 << bits
        idx_rows = [np.unique(hash_features(r, bits)) for r in rows]
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
