"""What changed between two versions of a document's text: word-level for English, character-level for Chinese.

Pure functions (difflib over tokens). A token is one Han character, a word (letters and
digits), a run of whitespace or one punctuation mark, so an English edit shows whole words
and a Chinese edit the characters that changed, however the text is spaced.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
_TOKEN = re.compile(rf"[{_HAN}]|[^\W_{_HAN}]+|\s+|.", re.UNICODE | re.DOTALL)


def tokens(text: str) -> list[str]:
    """The text cut into diff units; ``"".join(tokens(t)) == t``."""
    return [m.group(0) for m in _TOKEN.finditer(text)]


def diff(old: str, new: str) -> list[tuple[str, str]]:
    """The edit from ``old`` to ``new`` as (op, text) runs: ``=`` kept, ``-`` removed, ``+`` added."""
    a, b = tokens(old), tokens(new)
    out: list[tuple[str, str]] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))

    raw: list[tuple[str, str, str]] = []  # (op, old text, new text)
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        raw.append(("=" if tag == "equal" else "~", "".join(a[i1:i2]), "".join(b[j1:j2])))
    # A change, a kept space, a change: one change ("pursued for life" -> "asked to return"), not three.
    removed = added = ""
    for k, (op, old_text, new_text) in enumerate(raw):
        between_changes = 0 < k < len(raw) - 1 and raw[k - 1][0] == "~" and raw[k + 1][0] == "~"
        if op == "~" or (between_changes and old_text.isspace()):
            removed += old_text
            added += new_text
            continue
        add("-", removed)
        add("+", added)
        removed = added = ""
        add("=", old_text)
    add("-", removed)
    add("+", added)
    return out


def as_text(ops: list[tuple[str, str]]) -> str:
    """The diff inline, the way ``git diff --word-diff`` writes it: ``[-removed-]{+added+}``."""
    return "".join(t if op == "=" else f"[-{t}-]" if op == "-" else f"{{+{t}+}}" for op, t in ops)
