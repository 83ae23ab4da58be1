"""Bounds that keep page extraction linear in the size of the page (issue 10).

Why: libxml2 checks every new attribute of a tag against all the earlier ones (quadratic: a tag
with 200,000 attributes hung ``parse``), and it silently stops building the tree below 2,047
nested elements, while the generic text extractors (justext's DOM paths) cost the square of the
depth. No real article page comes near these limits; a page over them is hostile or broken:

* a tag with more than :data:`MAX_ATTRIBUTES` attributes keeps its first ones, before parsing
  (attributes hold no article text; the page gets a warning saying so);
* a page whose elements nest deeper than :data:`MAX_DEPTH` is refused with a message that
  names it (the spider logs its URL and counts it in the source's health).

Both are found in one pass each: a regular-expression scan of the HTML and an explicit-stack
walk of the tree (no recursion, whatever the depth).
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["MAX_ATTRIBUTES", "MAX_DEPTH", "cap_attributes", "tree_depth"]

#: Attributes kept on one tag (real pages: a few dozen at most).
MAX_ATTRIBUTES = 1000
#: Deepest element nesting extracted (real pages: under a hundred; libxml2 stops at 2,047; the
#: generic extractors cost the square of the depth: about 5 s a page at 1,200).
MAX_DEPTH = 1200

# Comments and script/style bodies are skipped whole (their '<' are not tags). A start tag is its
# name then runs of unquoted characters and quoted values up to its '>' (an unquoted '<' ends it
# too, so no '<' of the page starts a rescan of the rest). The alternatives start with different
# characters and the match cannot fail once the name is read, so the scan never backtracks. A tag
# with more than MAX_ATTRIBUTES attributes (each at least a space and a name) is at least twice
# as long; only such long tags have their attributes counted.
_TAG = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<(script|style)\b.*?(?:</\1\s*>|\Z)"
    r"|(<[A-Za-z][^\s/<>]*)((?:[^<>\"']+|\"[^\"]*\"|'[^']*')*)(>?)",
    re.S | re.I,
)
_LONG = 2 * MAX_ATTRIBUTES
_ATTR = re.compile(r"""[\s/]*([^\s"'>/=][^\s"'>=]*)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']*))?""")


def cap_attributes(html_text: str) -> tuple[str, list[str]]:
    """``html_text`` with every tag cut to its first :data:`MAX_ATTRIBUTES` attributes, and a
    note for each tag cut (the text is returned unchanged, same object, when none is)."""
    pieces: list[str] = []
    notes: list[str] = []
    last = 0
    for m in _TAG.finditer(html_text):
        if m.end() - m.start() < _LONG or m.group(2) is None:  # short, a comment or a script/style body
            continue
        head, body, close = m.group(2), m.group(3), m.group(4)
        keep_to = -1
        for count, a in enumerate(_ATTR.finditer(body), 1):
            if count == MAX_ATTRIBUTES:
                keep_to = a.end()
                break
        rest = len(_ATTR.findall(body, keep_to)) if keep_to >= 0 else 0
        if not rest:
            continue
        count = MAX_ATTRIBUTES + rest
        pieces.append(html_text[last : m.start()])
        pieces.append(head + body[:keep_to] + (close or ">"))
        last = m.end()
        notes.append(f"tag {head}> had {count:,} attributes; kept the first {MAX_ATTRIBUTES:,}")
    if not notes:
        return html_text, notes
    pieces.append(html_text[last:])
    return "".join(pieces), notes


def tree_depth(root: Any, stop_at: int = MAX_DEPTH + 1) -> int:
    """Deepest nesting of elements under ``root`` (``root`` itself is depth 1), counted with an
    explicit stack; stops counting at ``stop_at``."""
    deepest = 0
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > deepest:
            deepest = depth
            if deepest >= stop_at:
                return deepest
        stack.extend((child, depth + 1) for child in node)
    return deepest
