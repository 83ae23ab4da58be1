"""`longarm eval [FILE] [--split S | --cross-validate]`: score the extractor on a labelled set."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from longarm.core.errors import UsageError

MODES = ("combined", "rules", "model")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "eval",
        parents=[common],
        help="score the extractor on a labelled set",
        description="Print document and statement precision, recall and F1, label accuracy, speaker "
        "accuracy, target recall and precision and instrument F1, per script. Default set: the written "
        "regression set eval/threats.jsonl; --split scores a split of the labelled real corpus "
        "(the measure of the project); --cross-validate scores train + dev out of fold (the figure "
        "to tune against, leaving the test split for the round's report). "
        "Example: longarm eval --split test --compare",
    )
    p.add_argument("file", nargs="?", help="labelled JSONL (default: the project's eval/threats.jsonl)")
    p.add_argument(
        "--split", choices=("train", "dev", "test"), help="score this split of the labelled real corpus instead of FILE"
    )
    p.add_argument(
        "--cross-validate",
        action="store_true",
        help="score train + dev out of fold: each document analysed by an extractor whose model was fitted "
        "on the other four folds by event (about a minute); with --sentences, read sentence by sentence",
    )
    p.add_argument(
        "--corpus",
        help="folder of the labelled corpus (default: $LONGARM_CORPUS or "
        "../shared/corpus/statements beside the repository)",
    )
    p.add_argument(
        "--mode",
        choices=MODES,
        help="combined: the shipped model with the rules' evidence (the default when a model "
        "ships); rules: the rules "
        "alone; model: a model fitted on words alone (needs --model)",
    )
    p.add_argument(
        "--sentences",
        action="store_true",
        help="with --split: read the split sentence by sentence (each labelled statement alone, and every "
        "sentence of its hard negatives alone), as statements quoted on their own are met",
    )
    p.add_argument("--model", help="a model file from `longarm train --out` to score instead of the shipped one")
    p.add_argument("--compare", action="store_true", help="print the rules alone and the shipped model side by side")
    p.add_argument("--json", action="store_true", help="print the metrics as JSON")
    p.set_defaults(func=run)


def _extractor(mode: str | None, model: str | None) -> Any:
    from longarm.nlp.extractor import ThreatExtractor

    if mode == "rules":
        return ThreatExtractor(model=False)
    if model and not Path(model).is_file():
        raise UsageError(f"--model {model}: no such file (write one with `longarm train --out FILE`)")
    if mode == "model" and not model:
        raise UsageError(
            "--mode model needs --model FILE (a words-only model: longarm train --features text --out FILE)"
        )
    ex = ThreatExtractor(model=model) if model else ThreatExtractor()
    if ex.model is None and mode == "combined":
        raise UsageError("no sentence model is shipped in this installation; run `longarm train` or use --mode rules")
    return ex


def run(args: argparse.Namespace) -> int:
    from longarm.nlp.corpus import load_corpus
    from longarm.nlp.evaluate import REAL_DONE_WHEN, evaluate, format_report

    if args.file and args.split:
        raise UsageError("give either FILE or --split, not both")
    if args.cross_validate:
        return _cross_validate(args)
    if args.sentences and not args.split:
        raise UsageError(
            "--sentences reads a split of the labelled corpus sentence by sentence: add --split or --cross-validate"
        )
    if args.file and not Path(args.file).is_file():
        raise UsageError(f"{args.file}: no such file")
    items = label = None
    if args.split:
        try:
            items = load_corpus(args.split, args.corpus)
        except FileNotFoundError as exc:
            raise UsageError(str(exc)) from exc
        except ValueError as exc:
            raise UsageError(f"labelled corpus: {exc}") from exc
        label = f"labelled real corpus, {args.split} split ({len(items)} documents)"
        if args.sentences:
            from longarm.nlp.corpus import sentences_alone

            docs = len(items)
            items = sentences_alone(items)
            label = f"labelled real corpus, {args.split} split read sentence by sentence ({len(items)} sentences of {docs} documents)"
    modes: tuple[str | None, ...] = ("rules", "combined") if args.compare else (args.mode,)
    results: dict[str | None, dict[str, Any]] = {}
    for mode in modes:
        try:
            results[mode] = evaluate(
                args.file,
                extractor=_extractor(mode, args.model),
                items=items,
                label=label,
                targets=REAL_DONE_WHEN if args.split else None,
            )
        except (ValueError, KeyError) as exc:
            raise UsageError(f"{args.file or 'eval set'}: {exc}") from exc
    if args.json:
        out = results[modes[0]] if len(modes) == 1 else {str(k): v for k, v in results.items()}
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    for mode in modes:
        if len(modes) > 1:
            print(f"## {mode}")
        print(format_report(results[mode]))
        if len(modes) > 1:
            print()
    return 0


def _cross_validate(args: argparse.Namespace) -> int:
    from longarm.nlp.crossval import cross_validate
    from longarm.nlp.evaluate import format_report

    if args.file or args.split:
        raise UsageError("--cross-validate scores train + dev out of fold: give no FILE and no --split")
    if args.mode or args.model or args.compare:
        raise UsageError(
            "--cross-validate fits its own model per fold with the shipped configuration: "
            "--mode, --model and --compare do not apply"
        )
    try:
        result = cross_validate(args.corpus, sentences=args.sentences)
    except FileNotFoundError as exc:
        raise UsageError(str(exc)) from exc
    except ValueError as exc:
        raise UsageError(f"labelled corpus: {exc}") from exc
    print(json.dumps(result, ensure_ascii=False, indent=1) if args.json else format_report(result))
    return 0
