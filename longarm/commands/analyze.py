"""`longarm analyze`: JSONL in on stdin, JSONL out on stdout; no database needed."""
from __future__ import annotations

import argparse
import sys
from typing import Any


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("analyze", parents=[common], help="extract threats from JSONL on stdin",
                       description='Read {"id", "text", "lang"?} objects, one per line, on stdin; write one '
                                   "line of detections per input line on stdout, in order (format: "
                                   "docs/guide.md, `analyze`). Bad lines are reported on stderr and exit code is 2.")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from nlp.analyze import analyze_stream

    bad = analyze_stream(sys.stdin, sys.stdout)
    sys.stdout.flush()
    return 2 if bad else 0
