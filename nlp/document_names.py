"""The people a document names, and the shorter ways it refers to them again.

Why: a report names a target in full once (its headline, its first paragraph, a notice's list)
and then writes "Guo returned to China", 鍾在2023年刑滿獲釋, 夏現時不在港, or the name found by
its shape in one sentence (红通人员郭欣) with nothing around it in the next (但郭欣的名字仍在红通上).
A sentence-by-sentence reading loses those targets (issue 9: target recall 0.55 on real text).
Here the document is read once for its people (listed in the gazetteer or not); later sentences
are matched against the forms the document itself used, and against each person's surname when
it is unambiguous in the document. The surname rules come from the shape of the name (the word
before a hyphenated Cantonese given name, a pinyin surname first, else the last word) and, in
Chinese, from its first character(s) (nlp/names.py's surname lists).

All offsets index the normalised text (same length as the original: nlp/normalize.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .names import _data as names_data

__all__ = ["DocPerson", "add_person", "surname_of", "references"]


@dataclass
class DocPerson:
    """A person (or group) the document names as a target."""

    name: str  # canonical name (gazetteer), else as the text first writes it
    listed: bool  # in the gazetteer (people.toml)
    first: int  # offset of the first mention
    forms: set[str] = field(default_factory=set)  # normalised written forms seen in the document
    surnames: set[str] = field(default_factory=set)  # normalised surname forms (en: lower case)


def surname_of(written: str) -> str | None:
    """The surname in a written name, the way reports shorten it: 'Cheng Man-kit' / 'Simon Cheng
    Man-kit' -> 'Cheng', 'Guo Jiefang' -> 'Guo', 'Dolkun Isa' -> 'Isa', 钟翰林 -> 钟, 欧阳X -> 欧阳.
    None when the name gives none (a single word, a handle, a group)."""
    w = written.strip()
    if not w:
        return None
    if w.isascii():
        words = [x for x in re.split(r"\s+", w) if x]
        if len(words) < 2 or not all(x[:1].isupper() for x in words):
            return None
        for k, x in enumerate(words):
            if "-" in x and k > 0:
                return words[k - 1]  # a Cantonese/Taiwanese given name follows the surname
        d = names_data()
        if len(words) == 2 and words[0] in d["_pinyin_sur"] and words[1][:1].isupper():
            from .names import _pinyin_word

            if _pinyin_word(words[1]):
                return words[0]  # pinyin order: surname first
        return words[-1]
    d = names_data()
    if not all("\u4e00" <= c <= "\u9fff" for c in w) or not 2 <= len(w) <= 4:
        return None
    if w[:2] in d["_double"] and len(w) >= 3:
        return w[:2]
    if w[:1] in d["_surnames"] and len(w) <= 3:
        return w[:1]
    return None


def add_person(
    people: dict[str, DocPerson], name: str, listed: bool, pos: int, written_norm: str, written: str
) -> None:
    """Record a mention of ``name`` (written ``written``, normalised ``written_norm``) at ``pos``."""
    p = people.get(name)
    if p is None:
        p = people[name] = DocPerson(name, listed, pos)
    p.first = min(p.first, pos)
    if len(written_norm) >= 2:
        p.forms.add(written_norm)
    # an English form keeps its case (surnames are matched capitalised); a Chinese one is matched on the
    # normalised text (鍾翰林 -> 钟)
    own = written if written.isascii() else written_norm
    for form in (own, name) if listed else (own,):
        s = surname_of(form)
        if s is not None:
            p.surnames.add(s.lower() if s.isascii() else s)


#: characters that may stand between a sentence's start and a surname opening it (quotes, spaces)
_LEAD = " \t\n\"'“”「」『』《》【】(（"
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*")


def references(
    text: str,
    norm: str,
    start: int,
    end: int,
    lang: str,
    people: list[DocPerson],
    taken: list[tuple[int, int]],
) -> list[tuple[int, DocPerson]]:
    """The document's people that ``text[start:end]`` refers to by a form the document used
    elsewhere or by an unambiguous surname, outside ``taken`` (spans the gazetteer already
    read: speakers, listed people). Returns (offset, person), in text order."""
    out: list[tuple[int, DocPerson]] = []
    seg = norm[start:end]

    def free(s: int, e: int) -> bool:
        return not any(s < te and ts < e for ts, te in taken) and not any(s < oe and os_ < e for os_, oe, _ in spans)

    spans: list[tuple[int, int, DocPerson]] = []
    # the forms the document itself wrote (a name found by its shape in one sentence, here bare)
    for p in people:
        for f in sorted(p.forms, key=len, reverse=True):
            k = seg.find(f)
            while k != -1:
                s, e = start + k, start + k + len(f)
                if _whole(norm, s, e) and free(s, e):
                    spans.append((s, e, p))
                k = seg.find(f, k + 1)
    # surnames: unambiguous in the document
    owners: dict[str, list[DocPerson]] = {}
    for p in people:
        for surname in p.surnames:
            owners.setdefault(surname, []).append(p)
    if lang == "en" or seg.isascii():
        for m in _EN_WORD.finditer(text, start, end):
            word = m.group().rstrip(".’'")
            if word.endswith(("'s", "’s")):
                word = word[:-2]
            key = word.lower()
            if not word[:1].isupper() or key not in owners or len(owners[key]) != 1:
                continue
            s, e = m.start(), m.start() + len(word)
            if not free(s, e) or _in_full_name(text, s, e, start, end):
                continue
            if _sentence_start(text, start, s) and not _speech_after(text, e) and _common_in(text, key):
                continue  # "Law enforcement ...": a word the document also writes in lower case
            spans.append((s, e, owners[key][0]))
    else:
        d = names_data()
        freq = _char_frequency()
        for key, ps in owners.items():
            if len(ps) != 1 or key.isascii():
                continue
            k = seg.find(key)
            while k != -1:
                s, e = start + k, start + k + len(key)
                if (
                    _opens_clause(norm, start, s)
                    and e < end
                    and (len(key) == 2 or freq(key) < d["function_char_frequency"])
                    and _own_word(norm, s, e, end)
                    and free(s, e)
                ):
                    spans.append((s, e, ps[0]))
                k = seg.find(key, k + 1)
    spans.sort(key=lambda x: x[0])
    seen: set[str] = set()
    for s, _e, p in spans:
        if p.name not in seen:
            seen.add(p.name)
            out.append((s, p))
    return out


def _whole(norm: str, s: int, e: int) -> bool:
    """An English form must be whole words; a Chinese one may sit anywhere."""
    if not norm[s:e].isascii():
        return True
    return (s == 0 or not norm[s - 1].isalnum()) and (e >= len(norm) or not norm[e].isalnum())


def _in_full_name(text: str, s: int, e: int, start: int, end: int) -> bool:
    """Is the capitalised word part of a longer name ('Lau Hong', 'Joshua Wong', 'Mr Lai' aside)?"""
    before = text[max(start, s - 20) : s]
    after = text[e : min(end, e + 20)]
    prev = re.search(r"([A-Z][a-z]+)[ ]$", before)
    if prev and prev.group(1) not in ("Mr", "Ms", "Mrs", "Dr", "Miss", "Madam", "Both", "And", "But", "As"):
        return True
    return bool(re.match(r"[ ]?-?[A-Z][a-z]", after)) and not after.startswith((" The", " A "))


def _common_in(text: str, word: str) -> bool:
    """Does ``text`` write ``word`` in lower case somewhere (then it is an everyday word too)?"""
    return re.search(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", text) is not None


def _sentence_start(text: str, start: int, s: int) -> bool:
    return not text[start:s].strip(_LEAD)


def _speech_after(text: str, e: int) -> bool:
    return bool(re.match(r"\s*(?:,|said|says|told|was|is|has|had|and|who|’s|'s)", text[e : e + 12]))


def _opens_clause(norm: str, start: int, s: int) -> bool:
    """A Chinese surname standing for a person opens its sentence or clause (鍾在2023年…, 夏現時…)."""
    k = s
    while k > start and norm[k - 1] in _LEAD:
        k -= 1
    return k == start or norm[k - 1] in ",，;；:：。"


def _own_word(norm: str, s: int, e: int, end: int) -> bool:
    """The surname is a word of its own there (钟|在, 夏|现时), not the start of a longer one (夏季)."""
    from .segment import token_bounds

    starts, ends = token_bounds(norm, s, min(end, e + 6))
    return s in starts and e in ends


def _char_frequency() -> Callable[[str], int]:
    from .segment import get_tokenizer

    tok = get_tokenizer()
    tok.check_initialized()
    return lambda w: tok.FREQ.get(w) or 0
