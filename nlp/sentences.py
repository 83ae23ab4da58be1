"""Sentence splitting for English and Chinese, as (start, end) offsets.

Why offsets: detections quote the original text, so the splitter never copies
or rewrites text, it only returns spans. A regex does the work in C, which
matters because the prefilter maps every hit to its sentence.

Rules: Chinese ends at 。！？； (and their ASCII forms between Han characters),
keeping closing quotes/brackets with the sentence; English ends at . ! ? followed
by space and an upper-case letter, digit or opening quote, except after common
abbreviations (Mr., Dr., U.S., No., Jan. ...). Line breaks always end a sentence
(paragraphs in stored documents are separated by newlines).

A "sentence" longer than ``max_chars`` (no real one comes close: the longest in the
evaluation sets and the demo is under 600 characters) is a list, a garbled page or
hostile input; it is cut into pieces of at most ``max_chars`` at a space or comma,
so that the per-sentence analysis, which compares the cues and names of a sentence
with each other, stays bounded and a whole text is analysed in linear time.
"""

from __future__ import annotations

import re

__all__ = ["split_sentences", "list_items"]

_CLOSERS = "\"'”’」』）)】》〉"
_ABBREV = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "st",
    "no",
    "vs",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "gov",
    "sen",
    "rep",
    "gen",
    "col",
    "lt",
    "sgt",
    "insp",
    "supt",
    "u.s",
    "u.k",
    "e.g",
    "i.e",
    "etc",
    "inc",
    "ltd",
    "co",
    "corp",
    "hon",
    "est",
    "approx",
    "fig",
}

# a candidate boundary: Chinese terminators anywhere; English terminators before whitespace. The
# pattern opens with the set of every alternative's first character, and the alternatives tell by
# lookbehind which one it was (the sets are disjoint): the same matches as
#   [。！？；!?;]+[closers]* | \.[closers]*(?=\s) | \n+
# but the regex engine skips to the next candidate character instead of trying three alternatives at
# every offset (a page's scan in a quarter of the time)
_BOUNDARY = re.compile(
    r"[。！？；!?;.\n]"
    r"(?:(?<=[。！？；!?;])[。！？；!?;]*[" + re.escape(_CLOSERS) + r"]*"  # Chinese or ASCII ! ? ; (+ closers)
    r"|(?<=\.)[" + re.escape(_CLOSERS) + r"]*(?=\s)"  # English full stop before whitespace
    r"|(?<=\n)\n*)"
)


def _is_abbrev(text: str, dot: int) -> bool:
    """Is the '.' at ``dot`` the end of an abbreviation or an initial (J. Smith)?"""
    i = dot
    while i > 0 and (text[i - 1].isalpha() or text[i - 1] == "."):
        i -= 1
    word = text[i:dot].lower()
    if not word:
        return False
    if word in _ABBREV:
        return True
    if not (len(word) == 1 and word.isalpha() and text[i].isupper()):
        return False
    # an initial belongs to a name (J. Smith, John F. Kennedy) or opens one; after a lower-case
    # word a lone capital is a word of its own ("on social media platform X. Police said ...")
    before = text[max(0, i - 30) : i].split()
    return not (before and before[-1].isalpha() and before[-1].islower())


#: Default longest sentence (characters); the extractor passes its own from cues.toml [rules].
MAX_SENTENCE_CHARS = 2000
# where an over-long sentence is preferably cut (the last of these in the second half of the piece)
_CUT_AFTER = frozenset(" \t,，、;；:：")


def split_sentences(text: str, max_chars: int = MAX_SENTENCE_CHARS) -> list[tuple[int, int]]:
    """Spans of sentences in ``text``; whitespace around sentences is excluded, empty ones dropped;
    none longer than ``max_chars`` (see the module's docstring)."""
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        tok = m.group(0)
        if tok[0] == ".":
            if _is_abbrev(text, m.start()):
                continue
            # next visible char must look like a sentence start
            j = end
            while j < n and text[j] in " \t":
                j += 1
            if (
                j < n
                and text[j] != "\n"
                and not (text[j].isupper() or text[j].isdigit() or text[j] in "\"'“‘(「[" or ord(text[j]) > 0x2E80)
            ):
                continue
        elif tok[0] in ";":
            # an English semicolon does not end a sentence (keeps clauses together); a Chinese one does
            continue
        elif tok[0] == "\n":
            end = m.start()
        _push(text, start, end, spans, max_chars)
        start = m.end()
    _push(text, start, n, spans, max_chars)
    return spans


def _push(text: str, start: int, end: int, spans: list[tuple[int, int]], max_chars: int = MAX_SENTENCE_CHARS) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > max_chars > 0:
        cut = start + max_chars
        j = cut
        while j > start + max_chars // 2 and text[j - 1] not in _CUT_AFTER:
            j -= 1
        if j > start + max_chars // 2:
            cut = j
        piece_end = cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        if piece_end > start:
            spans.append((start, piece_end))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        spans.append((start, end))


# the mark a list item opens with, at the start of a line: a bullet, "1." / "1、" / "一、" /
# "(1)" / "第一，"
_ITEM = re.compile(
    r"[ \t]*(?:[*•·▪●◆■\-–—]|[0-9]{1,2}[.、．)）]|[一二三四五六七八九十]{1,3}[、.．]"
    r"|[（(][0-9一二三四五六七八九十]{1,3}[)）]|第[一二三四五六七八九十]{1,3}[，,、])"
)
#: the most items of one list read (a longer one is a table or a garbled page)
MAX_LIST_ITEMS = 40


def list_items(text: str, spans: list[tuple[int, int]], i: int) -> list[int]:
    """The sentences of the list that sentence ``i`` introduces when it ends with a colon
    (…采取以下惩戒措施： 一、冻结其户籍…; "…協助調查列表：" then one line per family): each item
    line and the sentences that continue it on the same line, up to the first line that is no item.

    Why: a notice or a report often states its measure once, in the line before a list, and
    each item is a measure of its own (the corpus labels them so) without repeating the words
    that make a sentence a candidate."""
    s, e = spans[i]
    if not text[s:e].rstrip().endswith((":", "：")):
        return []
    out: list[int] = []
    items = 0
    for j in range(i + 1, len(spans)):
        js = spans[j][0]
        if js == 0 or text.rfind("\n", spans[j - 1][1], js) != -1:  # a new line
            if not _ITEM.match(text, js):
                break
            items += 1
            if items > MAX_LIST_ITEMS:
                break
        out.append(j)
    return out
