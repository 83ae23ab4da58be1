"""Page furniture: lines of a saved page that are not prose (hashtag rows, link addresses,
the slug of a forum thread), so never a statement.

Why: stored pages keep their furniture (the corpus README: "page furniture, captions and cut-off
endings included"), and it repeats the article's vocabulary: a row of tags ``#Police #Bounty
#Activists``, a link whose address spells out the headline (``...-fugitives-captured-in-Fox-Hunt-2015``).
Out of fold such lines were scored as statements (round 11). A caption or headline that merely
carries a link stays prose: what is left once the addresses, tags and markup are taken out
decides.
"""

from __future__ import annotations

import re

__all__ = ["is_furniture"]

# markup, and the runs of printable ASCII without spaces that may be addresses: matched token by
# token, so that a long sentence costs linear time (a pattern of the form \S*...\S* over a Chinese
# sentence, which has no spaces, backtracks quadratically)
_MARKUP = re.compile(r"<[^<>]{0,400}>")
_ASCII_RUN = re.compile(r"[!-~]+")
_QUERY = re.compile(r"[&?][A-Za-z_][A-Za-z0-9_]*=")
# a slug: words joined by hyphens, five or more of them ("219164-556-fugitives-captured-in-...")
_SLUG = re.compile(r"(?:[A-Za-z0-9]+-){4,}[A-Za-z0-9]+")
_TAG = re.compile(r"(?<![\w&])#\w+")
_WORD = re.compile(r"[A-Za-z]{2,}")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

#: tags in one line that make it a row of tags, whatever else it holds
TAGS_IN_A_ROW = 3
#: prose left once addresses, slugs, tags and markup are taken out: fewer words and fewer Han
#: characters than these is furniture
MIN_WORDS = 3
MIN_HAN = 4


def is_furniture(sentence: str) -> bool:
    """True for a row of tags, a bare address, a thread's slug: what is left of ``sentence``
    without them is too short to say anything."""
    if "#" in sentence and len(_TAG.findall(sentence)) >= TAGS_IN_A_ROW:
        return True
    low = sentence.lower()
    if not ("<" in sentence or "://" in low or "www." in low or "=" in sentence or sentence.count("-") >= 4):
        return False  # no markup, address, query or slug can be in it (most sentences: one scan each)
    rest, tags = _MARKUP.subn(" ", sentence)
    found = tags > 0
    kept = []
    last = 0
    for m in _ASCII_RUN.finditer(rest):
        if _is_address(m.group()):
            found = True
            kept.append(rest[last : m.start()])
            last = m.end()
    if not found:
        return False
    kept.append(rest[last:])
    prose = " ".join(kept)
    return len(_WORD.findall(prose)) < MIN_WORDS and len(_HAN.findall(prose)) < MIN_HAN


def _is_address(token: str) -> bool:
    """A link's address, a query string or a slug (one run of ASCII without spaces)."""
    low = token.lower()
    if "http://" in low or "https://" in low or "www." in low:
        return True
    return ("=" in token and _QUERY.search(token) is not None) or (
        token.count("-") >= 4 and _SLUG.search(token) is not None
    )
