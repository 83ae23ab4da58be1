"""`longarm analyze`: JSONL in, JSONL out (format in docs/architecture.md).

Why a streaming function: researchers pipe large exports through it, so it reads
one line, writes one line, keeps input order, and never stops on a bad line:
a malformed line yields ``{"id": ..., "error": "line N: ..."}`` in its place (so
output line N still answers input line N) plus a message on stderr, and the
count of bad lines is returned so the CLI can exit 2.

Blank (whitespace-only) input lines carry no object and produce no output line.
"""
from __future__ import annotations

import json
import sys
from typing import Any, Iterable, TextIO

from .language import detect_language

__all__ = ["analyze_stream", "analyze_object", "LANGS"]

LANGS = ("en", "zh-Hant", "zh-Hans")


class BadLine(ValueError):
    """An input line that is not a valid request (reported, not raised to the caller)."""


def _parse(line: str) -> dict[str, Any]:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadLine(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(obj, dict):
        raise BadLine("expected a JSON object")
    if "text" not in obj:
        raise BadLine("missing 'text'")
    if not isinstance(obj["text"], str):
        raise BadLine("'text' must be a string")
    if "id" in obj and obj["id"] is not None and not isinstance(obj["id"], (str, int)):
        raise BadLine("'id' must be a string")
    lang = obj.get("lang")
    if lang is not None and lang not in LANGS:
        raise BadLine(f"'lang' must be one of {', '.join(LANGS)} or null, not {lang!r}")
    pub = obj.get("publisher")
    if pub is not None and not isinstance(pub, dict):
        raise BadLine("'publisher' must be an object with 'name' and 'kind'")
    return obj


def analyze_object(obj: dict[str, Any], extractor: Any) -> dict[str, Any]:
    """The output object for one valid request."""
    text = obj["text"]
    lang = obj.get("lang") or detect_language(text)
    dets = extractor.extract(text, lang=lang, publisher=obj.get("publisher"))
    return {"id": obj.get("id"), "lang": lang, "detections": [d.to_dict() for d in dets]}


def analyze_stream(in_lines: Iterable[str], out: TextIO, extractor: Any = None, err: TextIO | None = None) -> int:
    """Analyse JSONL requests from ``in_lines`` into ``out``; returns the number of bad lines.

    Each request is ``{"id": str, "text": str, "lang": "en" | "zh-Hant" | "zh-Hans" | null}``
    (``lang`` optional; an optional ``publisher`` {"name", "kind"} is the fallback speaker).
    """
    if extractor is None:
        from .extractor import ThreatExtractor

        extractor = ThreatExtractor()
    err = err if err is not None else sys.stderr
    bad = 0
    for n, line in enumerate(in_lines, 1):
        if not line.strip():
            continue
        try:
            obj = _parse(line)
        except BadLine as exc:
            bad += 1
            ident = _guess_id(line)
            msg = f"line {n}: {exc}"
            print(f"longarm analyze: {msg}", file=err)
            out.write(json.dumps({"id": ident, "error": msg}, ensure_ascii=False) + "\n")
            continue
        out.write(json.dumps(analyze_object(obj, extractor), ensure_ascii=False) + "\n")
        out.flush()
    return bad


def _guess_id(line: str) -> Any:
    """The id of a bad line when it can still be read, so the error line can be matched up."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError:
        return None
    if isinstance(obj, dict) and isinstance(obj.get("id"), (str, int)):
        return obj["id"]
    return None
