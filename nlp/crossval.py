"""Cross-validation of the whole extractor on the training splits: the figure to tune against.

Why: the test split is scored once per round, so a round needs another honest figure to choose
its changes by. `longarm train` reports the out-of-fold F1 of the model's scores on candidate
sentences, but not what the extractor finally outputs: the hard gates, the speaker a detection
needs (and the issuer inferred for a statement read alone), targets, labels. Here every document
of train + dev is analysed end to end by an extractor whose model was fitted on the other four
folds (by event, as `longarm train` folds them), and the outputs are scored by nlp/evaluate.py
like `longarm eval --split`: pages, or (``sentences``) every statement and hard-negative sentence
read alone. The rules and data files are the same in every fold: a change to them is measured
with no document of the fold that judges it in the model. Each fold's model is one model fitted on
the other four folds; the shipped model is the mean of five such models (nlp/train.py), which
scores alike out of fold.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .corpus import load_corpus, sentences_alone
from .evaluate import REAL_DONE_WHEN, evaluate
from .train import FEATURE_SETS, FOLDS, fit_rows, fitting_rows, fold_of

__all__ = ["FoldExtractors", "cross_validate"]


class FoldExtractors:
    """Extractors of the same rules with the model of each fold: ``extract`` analyses a text with
    the model that never saw the fold of the document the text comes from (a sentence read alone:
    its document's fold). A text met in two folds (a boilerplate line) is read by the first."""

    def __init__(self, extractors: list[Any], fold_of_text: dict[str, int]) -> None:
        self.extractors = extractors
        self.fold_of_text = fold_of_text

    def extract(self, text: str, lang: str | None = None, publisher: dict[str, Any] | None = None) -> list[Any]:
        fold = self.fold_of_text.get(text)
        if fold is None:
            raise KeyError(f"a text of no fold was given to the cross-validation extractor: {text[:60]!r}")
        return self.extractors[fold].extract(text, lang=lang, publisher=publisher)


def cross_validate(
    corpus: str | Path | None = None,
    splits: tuple[str, ...] = ("train", "dev"),
    sentences: bool = False,
    threshold: float | None = None,
    bits: int = 19,
) -> dict[str, Any]:
    """Out-of-fold figures of the extractor over ``splits`` (never the test split), shaped like
    ``evaluate``'s. ``threshold``: each fold model's decision threshold, for pages and single
    sentences alike, with no document bar (default: the shipped model's thresholds and bar, so the
    figures are those of the shipped configuration)."""
    from .extractor import ThreatExtractor
    from .model import MODEL_PATH, SentenceModel

    if "test" in splits:
        raise ValueError("the test split is for scoring only; cross-validate on train and dev")
    rules = ThreatExtractor(model=False)
    shipped = SentenceModel.load(MODEL_PATH) if MODEL_PATH.is_file() else None
    if threshold is None:
        # the shipped model's thresholds, read from its file (no second extractor built to ask them)
        threshold = shipped.threshold if shipped is not None else 0.5
        threshold_alone = shipped.threshold_alone if shipped is not None else None
        threshold_document = shipped.threshold_document if shipped is not None else None
    else:
        threshold_alone, threshold_document = threshold, None
    docs = [d for s in splits for d in load_corpus(s, corpus)]
    rows, _alone, _written = fitting_rows(docs, rules)
    keep = FEATURE_SETS["all"]
    extractors = []
    for k in range(FOLDS):
        model = fit_rows([r for r in rows if r["fold"] != k], bits, keep)
        model.threshold, model.threshold_alone = threshold, threshold_alone
        model.threshold_document = threshold_document
        extractors.append(ThreatExtractor(model=model))
    fold_of_text: dict[str, int] = {}
    items = docs
    for d in docs:
        fold_of_text.setdefault(d["text"], fold_of(d))
    if sentences:
        items = sentences_alone(docs)
        by_id = {d["id"]: fold_of(d) for d in docs}
        for it in items:
            fold_of_text.setdefault(it["text"], by_id[it["doc"]])
    what = "sentence by sentence" if sentences else "pages"
    used = threshold_alone if sentences and threshold_alone is not None else threshold
    bar = "" if sentences or threshold_document is None else f", document bar {threshold_document}"
    label = f"labelled real corpus, {' + '.join(splits)} out of fold ({FOLDS} folds by event, {what}, threshold {used}{bar})"
    return evaluate(
        extractor=FoldExtractors(extractors, fold_of_text), items=items, label=label, targets=REAL_DONE_WHEN
    )
