"""`longarm analyze`: JSONL in, JSONL out (format in docs/architecture.md).

Why a streaming function: researchers pipe large exports through it, so it reads
one line, writes one line, keeps input order, and never stops on a bad line:
every input line gets exactly one output line, so output line N answers input line N.

* A malformed line (not JSON, JSON nested deeper than the parser allows, a lone
  surrogate, a missing or wrong-typed field) yields ``{"id": ..., "error": "line N: ..."}``
  in its place plus the same message on stderr; the count of bad lines is returned so the
  CLI can exit 2. A line the extractor itself fails on gets the same error shape and is
  counted apart (``counts["failed"]``: a runtime failure, exit 1).
* Bytes that are not UTF-8 are replaced with U+FFFD and the line is analysed; its
  output object then carries ``"warnings": ["..."]`` saying so (offsets index the
  replaced text), and stderr says so too.
* A blank (whitespace-only) line carries no request; it gets
  ``{"id": null, "lang": null, "detections": []}`` so that the lines stay aligned.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any, Iterable, TextIO

from .language import detect_language

__all__ = ["analyze_stream", "analyze_object", "decode_line", "LANGS"]

LANGS = ("en", "zh-Hant", "zh-Hans")

_SURROGATE = re.compile("[\ud800-\udfff]")


class BadLine(ValueError):
    """An input line that is not a valid request (reported, not raised to the caller)."""


def decode_line(raw: bytes | str) -> tuple[str, str | None]:
    """The text of one input line, and a warning when bytes that are not UTF-8 were replaced."""
    if isinstance(raw, str):
        return raw, None
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        text = raw.decode("utf-8", "replace")
        replaced = text.count("\ufffd") - raw.count("\ufffd".encode("utf-8"))
        return text, (
            f"invalid UTF-8: {replaced} undecodable byte sequence{'s' if replaced != 1 else ''} "
            f"(the first at byte {exc.start + 1} of the line) replaced with U+FFFD; "
            "offsets index the replaced text"
        )


def _check_characters(value: Any, field: str) -> None:
    if isinstance(value, str):
        m = _SURROGATE.search(value)
        if m:
            raise BadLine(
                f"{field!r} holds a lone surrogate (U+{ord(m.group()):04X} at character {m.start()}), "
                "which is not a character; escape astral characters as UTF-16 pairs or send UTF-8"
            )


def _parse(line: str) -> dict[str, Any]:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadLine(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise BadLine(
            "JSON nested too deeply (more than about 1,000 levels of arrays or objects); send one flat object per line"
        ) from None
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        raise BadLine(f"not valid JSON ({exc})") from None
    if not isinstance(obj, dict):
        raise BadLine("expected a JSON object")
    if "text" not in obj:
        raise BadLine("missing 'text'")
    if not isinstance(obj["text"], str):
        raise BadLine("'text' must be a string")
    if "id" in obj and obj["id"] is not None and not isinstance(obj["id"], (str, int)):
        raise BadLine("'id' must be a string")
    _check_characters(obj["text"], "text")
    _check_characters(obj.get("id"), "id")
    lang = obj.get("lang")
    if lang is not None and lang not in LANGS:
        raise BadLine(f"'lang' must be one of {', '.join(LANGS)} or null, not {lang!r}")
    pub = obj.get("publisher")
    if pub is not None and not isinstance(pub, dict):
        raise BadLine("'publisher' must be an object with 'name' and 'kind'")
    if pub is not None:
        for key in ("name", "kind"):
            if pub.get(key) is not None and not isinstance(pub[key], str):
                raise BadLine(f"'publisher.{key}' must be a string")
            _check_characters(pub.get(key), "publisher." + key)
    return obj


def analyze_object(obj: dict[str, Any], extractor: Any) -> dict[str, Any]:
    """The output object for one valid request."""
    text = obj["text"]
    lang = obj.get("lang") or detect_language(text)
    dets = extractor.extract(text, lang=lang, publisher=obj.get("publisher"))
    return {"id": obj.get("id"), "lang": lang, "detections": [d.to_dict() for d in dets]}


def analyze_stream(
    in_lines: Iterable[str | bytes],
    out: TextIO,
    extractor: Any = None,
    err: TextIO | None = None,
    counts: dict[str, int] | None = None,
) -> int:
    """Analyse JSONL requests from ``in_lines`` into ``out``; returns the number of bad lines.

    Each request is ``{"id": str, "text": str, "lang": "en" | "zh-Hant" | "zh-Hans" | null}``
    (``lang`` optional; an optional ``publisher`` {"name", "kind"} is the fallback speaker).
    Lines may be ``bytes`` (the CLI reads stdin's bytes, so that invalid UTF-8 is reported
    line by line, see :func:`decode_line`). ``counts``, when given, receives ``bad``,
    ``failed`` (lines the extractor failed on) and ``replaced`` (lines with invalid UTF-8).
    """
    if extractor is None:
        from .extractor import ThreatExtractor

        extractor = ThreatExtractor()
    err = err if err is not None else sys.stderr
    tally = counts if counts is not None else {}
    for key in ("bad", "failed", "replaced"):
        tally.setdefault(key, 0)
    for n, raw in enumerate(in_lines, 1):
        line, warning = decode_line(raw)
        if n == 1:
            line = line.lstrip("\ufeff")  # a byte-order mark some editors write
        if warning:
            tally["replaced"] += 1
            print(f"longarm analyze: line {n}: {warning}", file=err)
        if not line.strip():
            _write(out, {"id": None, "lang": None, "detections": []})
            continue
        try:
            obj = _parse(line)
        except BadLine as exc:
            tally["bad"] += 1
            _report(out, err, _guess_id(line), f"line {n}: {exc}")
            continue
        try:
            result = analyze_object(obj, extractor)
        except Exception as exc:  # noqa: BLE001 - one line the extractor fails on must not sink the stream
            tally["failed"] += 1
            _report(
                out,
                err,
                obj.get("id"),
                f"line {n}: analysis failed ({type(exc).__name__}: {exc}); please report this line",
            )
            continue
        if warning:
            result["warnings"] = [warning]
        _write(out, result)
    return tally["bad"]


def _report(out: TextIO, err: TextIO, ident: Any, msg: str) -> None:
    print(f"longarm analyze: {msg}", file=err)
    _write(out, {"id": ident, "error": msg})


def _write(out: TextIO, obj: dict[str, Any]) -> None:
    line = json.dumps(obj, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate echoed back (an id in an error line): escape it
        line = json.dumps(obj, ensure_ascii=True)
    out.write(line + "\n")
    out.flush()


def _guess_id(line: str) -> Any:
    """The id of a bad line when it can still be read, so the error line can be matched up."""
    try:
        obj = json.loads(line)
    except (ValueError, RecursionError):
        return None
    if isinstance(obj, dict) and isinstance(obj.get("id"), (str, int)):
        return obj["id"]
    return None
