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

_URL = re.compile(r"(?:https?://|www\.)\S+|<[^>]{0,400}>|\S*(?:&\w+=|\?\w+=)\S*", re.I)
# a slug: words joined by hyphens, four or more of them ("219164-556-fugitives-captured-in-...")
_SLUG = re.compile(r"\S*(?:\w+-){4,}\w+\S*")
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
    if len(_TAG.findall(sentence)) >= TAGS_IN_A_ROW:
        return True
    if not (_URL.search(sentence) or _SLUG.search(sentence)):
        return False
    rest = _SLUG.sub(" ", _URL.sub(" ", sentence))
    return len(_WORD.findall(rest)) < MIN_WORDS and len(_HAN.findall(rest)) < MIN_HAN
