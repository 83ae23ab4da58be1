"""The labelled real corpus (``../shared/corpus/statements``) and its split by event.

Why a split by event: the same event (the July 2023 bounties, a TAO listing) is
covered by many outlets in near-identical words; a document-level split would let
the model see one outlet's sentence in training and a paraphrase of it in test, and
report figures that do not hold on the next event. Every document of one event goes
to one side. Documents whose event is ``none`` are their own event.

The split is a pure function of the event key (SHA-1, bucketed in 100), so it needs
no stored table, stays the same when documents are added, and puts a new event's
documents on one side. Buckets: 0-59 train, 60-79 dev, 80-99 test.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any, Iterator

__all__ = ["SPLITS", "corpus_dir", "load_corpus", "split_of", "event_key", "sentences_alone"]

SPLITS = ("train", "dev", "test")
_BOUNDS = ((60, "train"), (80, "dev"), (100, "test"))
_FILES = ("hk.jsonl", "prc_taiwan.jsonl", "fugitives.jsonl")


def corpus_dir() -> Path:
    """Where the labelled corpus is: ``$LONGARM_CORPUS`` or ``../shared/corpus/statements``
    beside the repository (the layout of a checkout next to the project's shared folder)."""
    env = os.environ.get("LONGARM_CORPUS")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "statements"


def event_key(doc: dict[str, Any]) -> str:
    """The unit of the split: the document's event, or the document itself when it has none."""
    ev = doc.get("event")
    return f"doc:{doc['id']}" if not ev or ev == "none" else str(ev)


def split_of(doc: dict[str, Any]) -> str:
    """``train``, ``dev`` or ``test`` for a corpus document (stable: a hash of its event key)."""
    bucket = int(hashlib.sha1(event_key(doc).encode("utf-8")).hexdigest(), 16) % 100
    for bound, name in _BOUNDS:
        if bucket < bound:
            return name
    return "test"  # pragma: no cover - the bounds cover 0-99


def _read(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}: line {n}: not JSON ({exc.msg})") from exc
            if not isinstance(doc, dict) or not isinstance(doc.get("text"), str) or "id" not in doc:
                raise ValueError(f"{path}: line {n}: a document needs 'id' and a string 'text'")
            yield doc


def load_corpus(split: str | None = None, path: str | Path | None = None) -> list[dict[str, Any]]:
    """Documents of the labelled corpus (all, or one split), each with ``split`` set.

    ``path`` is a folder of ``*.jsonl`` files or one file; raises FileNotFoundError when
    the corpus is absent (callers that can live without it skip)."""
    if split is not None and split not in SPLITS:
        raise ValueError(f"unknown split {split!r}: use one of {', '.join(SPLITS)}")
    root = Path(path) if path else corpus_dir()
    if root.is_file():
        files = [root]
    else:
        files = [root / f for f in _FILES if (root / f).is_file()]
        files += sorted(p for p in root.glob("*.jsonl") if p.name not in _FILES)
    if not files:
        raise FileNotFoundError(
            f"no labelled corpus at {root} (expected {', '.join(_FILES)}); "
            "set LONGARM_CORPUS or place the shared folder beside the repository"
        )
    docs = []
    for f in files:
        for doc in _read(f):
            doc["split"] = split_of(doc)
            if split is None or doc["split"] == split:
                docs.append(doc)
    return docs


def sentences_alone(docs: list[dict[str, Any]], min_chars: int = 8) -> list[dict[str, Any]]:
    """The documents read sentence by sentence, each sentence an item of its own: every labelled
    statement (its quote, the whole item a statement), and every sentence of the documents that
    hold none (the hard negatives), as `longarm eval --sentences` scores them.

    Why: statements are also met one at a time, with no page around them (a line quoted in a
    report, a sentence pasted into `longarm analyze`); the project is scored on such single
    sentences too, where no headline, no publisher and no earlier sentence names the speaker."""
    from .sentences import split_sentences

    items: list[dict[str, Any]] = []
    for doc in docs:
        base: dict[str, Any] = {k: doc[k] for k in ("lang", "kind", "event", "split", "names") if k in doc}
        statements = [g for g in doc.get("statements", []) if isinstance(g.get("quote"), str) and g["quote"].strip()]
        for k, g in enumerate(statements):
            quote = g["quote"]
            items.append(
                dict(
                    base,
                    id=f"{doc['id']}#{k}",
                    doc=doc["id"],
                    text=quote,
                    statements=[dict(g, start=0, end=len(quote))],
                )
            )
        if doc.get("statements"):
            continue
        for s, e in split_sentences(doc["text"]):
            if e - s >= min_chars:
                items.append(dict(base, id=f"{doc['id']}@{s}", doc=doc["id"], text=doc["text"][s:e], statements=[]))
    return items
