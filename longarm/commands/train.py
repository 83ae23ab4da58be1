"""`longarm train`: refit the shipped sentence model from the labelled real corpus."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from longarm.core.errors import UsageError


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "train",
        parents=[common],
        help="retrain the sentence model from the labelled corpus",
        description="Fit the sentence model on the train and dev splits of the labelled real corpus "
        "(../shared/corpus/statements, or --corpus / $LONGARM_CORPUS), pick its threshold by "
        "five folds by event, and write it (default: the model shipped in the package, "
        "nlp/data/model/sentence_model.npz). The test split is never used. Deterministic: the "
        "same corpus and code give the same file. Example: longarm train --out /tmp/model.npz",
    )
    p.add_argument(
        "--corpus",
        help="folder of labelled *.jsonl files (default: $LONGARM_CORPUS or "
        "../shared/corpus/statements beside the repository)",
    )
    p.add_argument("--out", help="where to write the model (default: the package's model file)")
    p.add_argument(
        "--features",
        choices=("all", "text"),
        default="all",
        help="all: words and the rules' evidence (shipped); text: words alone (for comparison)",
    )
    p.add_argument(
        "--splits", default="train,dev", help="comma-separated splits to fit on (train, dev; default: train,dev)"
    )
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from longarm.nlp.train import train

    splits = tuple(s.strip() for s in args.splits.split(",") if s.strip())
    bad = [s for s in splits if s not in ("train", "dev", "test")]
    if bad or not splits:
        raise UsageError(f"--splits {args.splits!r}: use train and/or dev")
    if args.out and Path(args.out).is_dir():
        raise UsageError(f"--out {args.out}: is a folder; give a file name such as model.npz")
    try:
        _model, summary = train(args.corpus, args.out, splits=splits, features=args.features)
    except FileNotFoundError as exc:
        raise UsageError(str(exc)) from exc
    except ValueError as exc:
        raise UsageError(f"{args.corpus or 'labelled corpus'}: {exc}") from exc
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=1))
    else:
        oof = summary["out_of_fold"]
        print(
            f"trained on {', '.join(summary['trained_on'])}: {summary['documents']} documents, "
            f"{summary['sentences'] - summary['isolated_rows']} candidate sentences (and "
            f"{summary['isolated_rows']} read alone), {summary['statements']} statements"
        )
        print(
            f"threshold {summary['threshold']:.2f} (out of fold: P {oof.get('precision', 0):.3f} "
            f"R {oof.get('recall', 0):.3f} F1 {oof.get('f1', 0):.3f})"
        )
        alone = summary.get("out_of_fold_alone") or {}
        if summary.get("threshold_alone") is not None:
            print(
                f"threshold for a text of one sentence {summary['threshold_alone']:.2f} (candidates read alone, "
                f"out of fold: P {alone.get('precision', 0):.3f} R {alone.get('recall', 0):.3f} F1 {alone.get('f1', 0):.3f})"
            )
        bar = oof.get("document_bar") or {}
        if bar:
            unbarred = bar["curve"][f"{summary['threshold']:.2f}"]
            print(
                f"a page counts when its best sentence reaches {bar['bar']:.2f} (out of fold: statement F1 "
                f"{bar['f1']:.3f}, document F1 {bar['doc_f1']:.3f}; with no bar {oof['f1']:.3f} / "
                f"{unbarred['doc_f1']:.3f})"
            )
        print(f"wrote {summary['path']} in {summary['seconds']} s")
    return 0
