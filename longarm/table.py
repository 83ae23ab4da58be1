"""Plain-text tables for the terminal, aware that CJK characters take two columns."""

from __future__ import annotations

import unicodedata
from typing import Any, Sequence


def width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def cut(s: str, max_width: int) -> str:
    """Cut ``s`` to ``max_width`` display columns, with an ellipsis when cut."""
    s = " ".join(str(s).split())
    if width(s) <= max_width:
        return s
    out, w = [], 0
    for c in s:
        cw = 2 if unicodedata.east_asian_width(c) in "WF" else 1
        if w + cw > max_width - 1:
            break
        out.append(c)
        w += cw
    return "".join(out) + "…"


def pad(s: str, n: int) -> str:
    return s + " " * max(0, n - width(s))


def print_table(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[str] | None = None,
    max_widths: dict[str, int] | None = None,
    file: Any = None,
) -> None:
    if not rows:
        print("(nothing)", file=file)
        return
    columns = list(columns or rows[0].keys())
    max_widths = max_widths or {}
    cells = [[cut("" if r.get(c) is None else str(r.get(c)), max_widths.get(c, 60)) for c in columns] for r in rows]
    widths = [max(width(c), *(width(row[i]) for row in cells)) for i, c in enumerate(columns)]
    print("  ".join(pad(c, widths[i]) for i, c in enumerate(columns)).rstrip(), file=file)
    print("  ".join("-" * widths[i] for i in range(len(columns))), file=file)
    for row in cells:
        print("  ".join(pad(v, widths[i]) for i, v in enumerate(row)).rstrip(), file=file)
