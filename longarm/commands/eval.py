"""`longarm eval [FILE]`: score the extractor on a labelled JSONL set."""
from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from longarm.errors import UsageError


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("eval", parents=[common], help="score the extractor on a labelled set",
                       description="Print precision, recall and F1 of detection, label accuracy, speaker accuracy, "
                                   "target recall and instrument F1, per language (default set: eval/threats.jsonl).")
    p.add_argument("file", nargs="?", help="labelled JSONL (default: the project's eval/threats.jsonl)")
    p.add_argument("--json", action="store_true", help="print the metrics as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from nlp.evaluate import evaluate, format_report

    if args.file and not Path(args.file).is_file():
        raise UsageError(f"{args.file}: no such file")
    try:
        metrics = evaluate(args.file)
    except (ValueError, KeyError) as exc:
        raise UsageError(f"{args.file or 'eval set'}: {exc}") from exc
    print(json.dumps(metrics, ensure_ascii=False, indent=1) if args.json else format_report(metrics))
    return 0
