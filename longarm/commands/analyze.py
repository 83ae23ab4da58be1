"""`longarm analyze`: JSONL in on stdin, JSONL out on stdout; no database needed."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "analyze",
        parents=[common],
        help="extract threats from JSONL on stdin",
        description='Read {"id", "text", "lang"?} objects, one per line, on stdin; write one '
        "line of detections per input line on stdout, in order (format: "
        "docs/guide.md, `analyze`). A bad line gets an error line in its place and a message "
        "on stderr, and the rest go on; invalid UTF-8 is replaced and said so. Exit code 2 "
        "when a line was bad, 1 when the analysis failed on a line.",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from longarm.nlp.analyze import analyze_stream

    # bytes, not text: invalid UTF-8 is then reported on its own line instead of ending the stream
    source = getattr(sys.stdin, "buffer", sys.stdin)
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")  # the output is UTF-8 JSONL whatever the locale
    counts: dict[str, int] = {}
    analyze_stream(source, sys.stdout, counts=counts)
    sys.stdout.flush()
    if counts["failed"]:
        return 1
    return 2 if counts["bad"] else 0
