"""spaCy's text classifier against the hashed sentence model, on the same rows (issue 9).

Why this script: issue 9 asks either to give spaCy (on the design card, installed) the
role of the sentence classifier, or to take it out of the dependencies with figures that
show something else serves better. This is that measurement, reproducible with one command:

    .venv/bin/python eval/spacy_baseline.py [--epochs 6] [--archs bow,ensemble,bow-norm,ensemble-norm] [--json F]

What is compared, on the rows ``longarm.nlp.train.training_rows`` builds (the same candidate
sentences, the same labels: a row is positive when it overlaps a gold statement):

- spaCy ``textcat_multilabel`` with one label (STATEMENT), one blank pipeline per language
  ("en"; "zh" with the jieba segmenter for both Chinese scripts), on the candidate sentence
  with the sentence before it as context; the bag-of-words architecture and the default
  ensemble (bag of words + CNN), each on the text as published and (``-norm``) on the text
  folded as the hashed model sees it (traditional to simplified, lower case); fixed seeds, a
  fixed number of epochs, trained on the train split only (dev is used for reporting, never
  for choosing an epoch);
- the hashed logistic regression (``longarm.nlp.train.fit_rows(rows, 19, FEATURE_SETS[...])``) with
  the words and the rules' evidence ("all") and with the words alone ("text").

Reported on dev: average precision (area under the precision-recall curve), the F1 of the
statement rows at the best dev threshold (an oracle threshold, the same favour for every
model) with its precision and recall, the same with the rules' hard gate applied (rows the
rules rule out score 0, as in ``longarm train``), training seconds, size on disk, load
time and sentences scored per second; overall and per script (``lang`` of the documents).

The corpus is read from ``../shared/corpus/statements`` (or ``$LONGARM_CORPUS``); when it
is absent the script says so and exits 0 without measuring. No corpus text is written
anywhere: models are saved to a temporary folder to be measured and deleted.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Iterable, Sequence

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from longarm.nlp.corpus import load_corpus  # noqa: E402
from longarm.nlp.model import SentenceModel  # noqa: E402
from longarm.nlp.normalize import normalize  # noqa: E402
from longarm.nlp.sentences import split_sentences  # noqa: E402
from longarm.nlp.train import FEATURE_SETS, fit_rows, training_rows  # noqa: E402

SCRIPTS = ("en", "zh-Hant", "zh-Hans")
LABEL = "STATEMENT"
BITS = 19


# ---------------------------------------------------------------------------- rows
class _SpanRecorder:
    """Passes ``sentence_rows`` through unchanged and keeps each row's span, so the rows are
    exactly those of ``training_rows`` and each can be given its text."""

    def __init__(self, extractor: Any) -> None:
        self.extractor = extractor
        self.spans: list[tuple[int, int]] = []

    def sentence_rows(self, text: str, lang: str | None = None, publisher: dict[str, Any] | None = None):
        out = self.extractor.sentence_rows(text, lang=lang, publisher=publisher)
        self.spans.extend(span for span, _f, _d in out)
        return out


def _context_text(text: str, spans: list[tuple[int, int]], span: tuple[int, int]) -> str:
    """The candidate sentence with the sentence before it (the document's own split)."""
    starts = [s for s, _ in spans]
    try:
        i = starts.index(span[0])
    except ValueError:  # pragma: no cover - the extractor's spans come from the same splitter
        return text[span[0] : span[1]]
    prev = text[spans[i - 1][0] : spans[i - 1][1]] if i > 0 else ""
    return (prev + "\n" + text[span[0] : span[1]]).strip()


def build_rows(docs: list[dict[str, Any]], rules: Any) -> list[dict[str, Any]]:
    """``training_rows`` of ``docs``, each with its ``text`` (context + sentence) and ``script``."""
    recorder = _SpanRecorder(rules)
    rows = training_rows(docs, recorder)
    if len(rows) != len(recorder.spans):  # pragma: no cover - training_rows keeps every row
        raise RuntimeError("training_rows dropped or added rows; the spans no longer line up")
    by_id = {d["id"]: d for d in docs}
    split_cache: dict[str, list[tuple[int, int]]] = {}
    for row, span in zip(rows, recorder.spans):
        doc = by_id[row["doc"]]
        if doc["id"] not in split_cache:
            split_cache[doc["id"]] = split_sentences(doc["text"])
        row["text"] = _context_text(doc["text"], split_cache[doc["id"]], span)
        row["script"] = doc.get("lang") or "unknown"
    return rows


# ---------------------------------------------------------------------------- metrics
def average_precision(scores: Sequence[float], labels: Sequence[int]) -> float:
    """Area under the precision-recall curve as a step function (tied scores form one step)."""
    pos = sum(labels)
    if pos == 0:
        return float("nan")
    order = sorted(range(len(scores)), key=lambda k: -scores[k])
    ap = tp = seen = 0
    k = 0
    while k < len(order):
        j = k
        step_tp = 0
        while j < len(order) and scores[order[j]] == scores[order[k]]:
            step_tp += labels[order[j]]
            j += 1
        seen += j - k
        tp += step_tp
        ap += (step_tp / pos) * (tp / seen)
        k = j
    return ap


def prf_at(scores: Sequence[float], labels: Sequence[int], t: float) -> dict[str, float]:
    tp = sum(1 for s, y in zip(scores, labels) if s >= t and y)
    pred = sum(1 for s in scores if s >= t)
    pos = sum(labels)
    p = tp / pred if pred else 0.0
    r = tp / pos if pos else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "threshold": t}


def best_f1(scores: Sequence[float], labels: Sequence[int]) -> dict[str, float]:
    """The statement-row F1 at the best threshold among the observed scores."""
    best = {"precision": 0.0, "recall": 0.0, "f1": 0.0, "threshold": 1.0}
    for t in sorted(set(scores)):
        m = prf_at(scores, labels, t)
        if m["f1"] > best["f1"]:
            best = m
    return best


def report(rows: list[dict[str, Any]], scores: list[float]) -> dict[str, Any]:
    labels = [r["statement"] for r in rows]
    gated = [0.0 if r["gated"] else s for r, s in zip(rows, scores)]
    overall = best_f1(scores, labels)
    out: dict[str, Any] = {
        "all": {
            "ap": average_precision(scores, labels),
            **overall,
            "gated_f1": best_f1(gated, labels)["f1"],
            "rows": len(rows),
            "positives": sum(labels),
        }
    }
    for script in SCRIPTS:
        idx = [k for k, r in enumerate(rows) if r["script"] == script]
        if not idx:
            continue
        s = [scores[k] for k in idx]
        y = [labels[k] for k in idx]
        out[script] = {
            "ap": average_precision(s, y),
            **prf_at(s, y, overall["threshold"]),
            "rows": len(idx),
            "positives": sum(y),
        }
    return out


def _dir_size(path: Path) -> int:
    return path.stat().st_size if path.is_file() else sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# ---------------------------------------------------------------------------- the hashed model
def run_hashed(
    train: list[dict[str, Any]], dev: list[dict[str, Any]], features: str, tmp: Path, bits: int = BITS
) -> dict[str, Any]:
    keep = FEATURE_SETS[features]
    t0 = time.perf_counter()
    model = fit_rows(train, bits, keep)
    model.meta = {"features": features}
    train_s = time.perf_counter() - t0
    path = model.save(tmp / f"hashed-{features}.npz")
    t0 = time.perf_counter()
    model = SentenceModel.load(path)
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    scores = [model.scores(r["feats"], r["grams"])[0] for r in dev]  # scores() applies the "text" filter itself
    score_s = time.perf_counter() - t0
    return {
        "name": f"hashed logistic ({features})",
        "train_s": train_s,
        "size": _dir_size(path),
        "load_s": load_s,
        "per_s": len(dev) / score_s if score_s else float("inf"),
        "dev": report(dev, scores),
        "scores": scores,
    }


# ---------------------------------------------------------------------------- spaCy
def _blank(lang_group: str) -> Any:
    import spacy

    if lang_group == "zh":
        return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    return spacy.blank("en")


ARCHS = ("bow", "ensemble", "bow-norm", "ensemble-norm")


def _textcat_config(arch: str) -> dict[str, Any]:
    arch = arch.removesuffix("-norm")
    if arch == "bow":
        return {
            "model": {
                "@architectures": "spacy.TextCatBOW.v3",
                "exclusive_classes": False,
                "ngram_size": 2,
                "no_output_layer": False,
                "length": 262144,
            }
        }
    if arch == "ensemble":
        return {}  # textcat_multilabel's default: TextCatEnsemble.v2 (bag of words + CNN tok2vec)
    raise ValueError(f"unknown architecture {arch!r}: use bow or ensemble")


def _input(text: str, arch: str) -> str:
    """The text spaCy sees: as published, or (``-norm``) folded like the hashed model's input
    (traditional to simplified, lower case), so both Chinese scripts share one vocabulary."""
    return normalize(text) if arch.endswith("-norm") else text


def _group(script: str) -> str:
    return "zh" if script.startswith("zh") else "en"


def train_spacy(rows: list[dict[str, Any]], lang_group: str, arch: str, epochs: int, seed: int) -> Any:
    import spacy
    from spacy.training import Example
    from spacy.util import compounding, minibatch

    spacy.util.fix_random_seed(seed)
    nlp = _blank(lang_group)
    nlp.add_pipe("textcat_multilabel", config=_textcat_config(arch))
    examples = [
        Example.from_dict(nlp.make_doc(_input(r["text"], arch)), {"cats": {LABEL: float(r["statement"])}}) for r in rows
    ]
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(seed)
    for epoch in range(epochs):
        rng.shuffle(examples)
        losses: dict[str, float] = {}
        for batch in minibatch(examples, size=compounding(4.0, 32.0, 1.001)):
            nlp.update(batch, drop=0.2, sgd=optimizer, losses=losses)
        print(
            f"    spaCy {arch} {lang_group} epoch {epoch + 1}/{epochs}: loss {losses.get('textcat_multilabel', 0):.3f}",
            file=sys.stderr,
            flush=True,
        )
    return nlp


def run_spacy(
    train: list[dict[str, Any]], dev: list[dict[str, Any]], arch: str, epochs: int, seed: int, tmp: Path
) -> dict[str, Any]:
    import spacy

    groups = sorted({_group(r["script"]) for r in train})
    train_s = 0.0
    paths: dict[str, Path] = {}
    for g in groups:
        t0 = time.perf_counter()
        nlp = train_spacy([r for r in train if _group(r["script"]) == g], g, arch, epochs, seed)
        train_s += time.perf_counter() - t0
        paths[g] = tmp / f"spacy-{arch}-{g}"
        nlp.to_disk(paths[g])
    t0 = time.perf_counter()
    loaded = {g: spacy.load(p) for g, p in paths.items()}
    load_s = time.perf_counter() - t0
    scores = [0.0] * len(dev)
    t0 = time.perf_counter()
    for g, nlp in loaded.items():
        idx = [k for k, r in enumerate(dev) if _group(r["script"]) == g]
        for k, doc in zip(idx, nlp.pipe((_input(dev[k]["text"], arch) for k in idx), batch_size=64)):
            scores[k] = float(doc.cats[LABEL])
    score_s = time.perf_counter() - t0
    return {
        "name": f"spaCy textcat {arch}",
        "train_s": train_s,
        "size": sum(_dir_size(p) for p in paths.values()),
        "load_s": load_s,
        "per_s": len(dev) / score_s if score_s else float("inf"),
        "dev": report(dev, scores),
        "scores": scores,
    }


def bootstrap_ap_gap(
    rows: list[dict[str, Any]], base: list[float], other: list[float], resamples: int = 1000, seed: int = 0
) -> tuple[float, float]:
    """95% interval of AP(base) - AP(other) when dev documents are drawn with replacement
    (paired: both models scored on the same draw). Why documents: rows of one document are
    not independent, and dev holds only 61 documents."""
    by_doc: dict[str, list[int]] = {}
    for k, r in enumerate(rows):
        by_doc.setdefault(r["doc"], []).append(k)
    docs = sorted(by_doc)
    rng = random.Random(seed)
    gaps = []
    for _ in range(resamples):
        idx = [k for d in (rng.choice(docs) for _ in docs) for k in by_doc[d]]
        y = [rows[k]["statement"] for k in idx]
        if not any(y):
            continue
        gaps.append(average_precision([base[k] for k in idx], y) - average_precision([other[k] for k in idx], y))
    gaps.sort()
    return gaps[int(0.025 * len(gaps))], gaps[int(0.975 * len(gaps)) - 1]


# ---------------------------------------------------------------------------- output
def markdown(results: list[dict[str, Any]], dev: list[dict[str, Any]]) -> str:
    lines = [
        "| model | AP | F1 | P | R | F1 gated | train s | size | load s | sent/s |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        d = r["dev"]["all"]
        size = f"{r['size'] / 1e6:.1f} MB" if r["size"] >= 1e5 else f"{r['size'] / 1e3:.0f} kB"
        lines.append(
            f"| {r['name']} | {d['ap']:.3f} | {d['f1']:.3f} | {d['precision']:.3f} | {d['recall']:.3f} | "
            f"{d['gated_f1']:.3f} | {r['train_s']:.1f} | {size} | {r['load_s']:.3f} | {r['per_s']:,.0f} |"
        )
    scripts = [s for s in SCRIPTS if s in results[0]["dev"]]
    lines += [
        "",
        "Per script (AP; F1 at the model's overall best threshold):",
        "",
        "| model | " + " | ".join(f"{s} AP | {s} F1" for s in scripts) + " |",
        "| --- |" + " --- | --- |" * len(scripts),
    ]
    for r in results:
        cells = " | ".join(f"{r['dev'][s]['ap']:.3f} | {r['dev'][s]['f1']:.3f}" for s in scripts)
        lines.append(f"| {r['name']} | {cells} |")
    lines += ["", "Paired bootstrap over dev documents (1,000 draws), 95% interval of the AP gap:", ""]
    for base in results[:2]:
        for r in results:
            if r is base or r["name"].startswith("hashed") and base is results[1]:
                continue
            lo, hi = bootstrap_ap_gap(dev, base["scores"], r["scores"])
            lines.append(
                f"- AP({base['name']}) - AP({r['name']}): {base['dev']['all']['ap'] - r['dev']['all']['ap']:+.3f} "
                f"[{lo:+.3f}, {hi:+.3f}]"
            )
    return "\n".join(lines)


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--corpus", help="labelled corpus folder (default: ../shared/corpus/statements)")
    ap.add_argument("--epochs", type=int, default=6, help="spaCy training epochs (default 6)")
    ap.add_argument(
        "--archs",
        default=",".join(ARCHS),
        help="spaCy architectures, comma-separated: bow, ensemble, and the same on normalised "
        "text (bow-norm, ensemble-norm); default all four",
    )
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--bits", type=int, default=BITS, help=f"hashed model: 2**bits weights (default {BITS}, as shipped)"
    )
    ap.add_argument("--json", help="also write the figures to this JSON file")
    args = ap.parse_args(list(argv) if argv is not None else None)
    archs = [a.strip() for a in args.archs.split(",") if a.strip()]
    for a in archs:
        if a not in ARCHS:
            print(f"error: --archs: unknown architecture {a!r} (use {', '.join(ARCHS)})", file=sys.stderr)
            return 2
    if not 8 <= args.bits <= 24:
        print("error: --bits must be between 8 and 24", file=sys.stderr)
        return 2
    if args.epochs < 1:
        print("error: --epochs must be at least 1", file=sys.stderr)
        return 2
    try:
        train_docs = load_corpus("train", args.corpus)
        dev_docs = load_corpus("dev", args.corpus)
    except FileNotFoundError as exc:
        print(f"skipped: {exc}")
        return 0
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        import spacy  # noqa: F401
    except ImportError:
        if archs:
            print(
                "note: spaCy is not installed; measuring the hashed model only (pip install spacy==3.8.18 to compare)",
                file=sys.stderr,
            )
        archs = []
    from longarm.nlp.extractor import ThreatExtractor

    t0 = time.perf_counter()
    rules = ThreatExtractor(model=False)
    train = build_rows(train_docs, rules)
    dev = build_rows(dev_docs, rules)
    print(
        f"rows: train {len(train)} ({sum(r['statement'] for r in train)} positive) from {len(train_docs)} documents, "
        f"dev {len(dev)} ({sum(r['statement'] for r in dev)} positive) from {len(dev_docs)} documents; "
        f"built in {time.perf_counter() - t0:.1f} s",
        file=sys.stderr,
        flush=True,
    )
    results = []
    with tempfile.TemporaryDirectory(prefix="longarm-spacy-baseline-") as tmpname:
        tmp = Path(tmpname)
        for features in ("all", "text"):
            results.append(run_hashed(train, dev, features, tmp, args.bits))
            print(f"  done: {results[-1]['name']}", file=sys.stderr, flush=True)
        for arch in archs:
            results.append(run_spacy(train, dev, arch, args.epochs, args.seed, tmp))
            print(f"  done: {results[-1]['name']}", file=sys.stderr, flush=True)
    print(markdown(results, dev))
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    "epochs": args.epochs,
                    "seed": args.seed,
                    "results": [{k: v for k, v in r.items() if k != "scores"} for r in results],
                },
                indent=1,
            ),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
