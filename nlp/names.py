"""People named in a sentence whom no gazetteer lists: targets and titled officials.

Why: the gazetteers (data/people.toml, data/speakers.toml) know the people named so far; each
new wanted notice, Sky Net return or TAO list names others. A monitor that only knows its list
misses exactly the news. This module finds names by their shape and their place in the sentence,
not by a list: a Chinese surname and one or two characters in an enumeration (包括甲、乙及丙),
before 等N名 or after a word that names a target (红通人员, 犯罪嫌疑人, 网红 for online handles);
a Hong Kong romanisation ("Cheng Man-kit"); a pinyin name whose first word is a surname
("Guo Jiefang"); and, for speakers, a name after an official's title with a speech verb
(外交部发言人陆慷表示, spokesman Lu Kang said). The knowledge is in data/names.toml.

All offsets index the normalised text (same length as the original: nlp/normalize.py).
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from typing import Any, Iterable

from .lexicon import DATA_DIR
from .segment import token_bounds

__all__ = [
    "Name",
    "unlisted_targets",
    "titled_speaker",
    "title_of",
    "title_reference",
    "group_reference",
    "group_size",
    "statistic",
]

_HAN = "\u4e00-\u9fff"
#: characters that end a Chinese name (function words, verbs that follow names in these texts)
_STOP = set(
    "姓的了在是与和及对向从由被等已将于为并也都曾因回到去来说称表示、，。；：,;:!?！？（）()“”\"'‘’《》「」【】 \n\t0123456789"
)
_ENUM_SEP = re.compile(r"[、]|及|以及|和|与")


@dataclass(frozen=True)
class Name:
    start: int
    end: int
    text: str  # as the original text writes it


@functools.lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    with open(DATA_DIR / "names.toml", "rb") as fh:
        d = tomllib.load(fh)
    d["_surnames"] = set(d["surnames"])
    d["_double"] = set(d["double_surnames"])
    d["_pinyin_sur"] = set(d["surnames_pinyin"])
    d["_syllables"] = set(d["pinyin_syllables"].split())
    d["_not_names"] = {n.lower() for n in d["not_names"]}
    return d


def _surname_led(s: str) -> bool:
    d = _data()
    return s[:2] in d["_double"] or s[:1] in d["_surnames"]


def _name_ends(norm: str, k: int, end: int, need_surname: bool = True) -> list[int]:
    """Possible ends of a Chinese name starting at ``k``, longest first (3 or 2 characters; 4 or 3
    with a double surname). A stop character (的, 被, 等 ...) ends a name, except as its second or
    third character when the caller checks what follows (吴和平介绍)."""
    if k >= end or (need_surname and not _surname_led(norm[k : k + 2])):
        return []
    longest = 4 if norm[k : k + 2] in _data()["_double"] else 3
    n = 0
    while n < longest and k + n < end and "\u4e00" <= norm[k + n] <= "\u9fff" and norm[k + n] not in "、，。；：":
        n += 1
    return [k + m for m in range(n, 1, -1)]


def _name_after(norm: str, k: int, end: int, need_surname: bool = True) -> int | None:
    """End of a Chinese name starting at ``k``: the longest without a stop character in it that
    ends where a jieba word ends (网红八炯立案: 八炯, not 八炯立)."""
    ends = [e for e in _name_ends(norm, k, end, need_surname) if not any(c in _STOP for c in norm[k + 1 : e])]
    if not ends:
        return None
    word_ends = token_bounds(norm, k, min(end, k + 8))[1]
    return next((e for e in ends if e in word_ends), None)  # a name ends where a word ends (危害|国家: none)


def _name_before(norm: str, k: int, start: int) -> int | None:
    """Start of a Chinese name ending at ``k`` (3 characters when the third from the end opens
    with a surname, else 2) that starts where a jieba word starts (万元通缉归案: no name), or None."""
    word_starts = token_bounds(norm, max(start, k - 8), k)[0]
    for n in (3, 2):
        s = k - n
        if s < start:
            continue
        cand = norm[s:k]
        if (
            all("\u4e00" <= c <= "\u9fff" and c not in _STOP for c in cand)
            and _surname_led(cand)
            and (s in word_starts or s == max(start, k - 8))
        ):
            return s
    return None


_ENUM_ITEM = f"(?:(?![及和与以])[{_HAN}]){{2,6}}"
_ENUMERATION = re.compile(f"{_ENUM_ITEM}(?:(?:、|及|以及|和|与){_ENUM_ITEM})+")


def _enumerations(norm: str, start: int, end: int) -> list[tuple[int, int]]:
    """Names listed in ``norm[start:end]`` (包括钟剑华、何良懋、郑敬基及张晞晴): at least two, and all
    the items but one, surname-led names.

    The first and last items are read against jieba's words (what they carry before or after the
    name), the costly part; most matches are no list of names (签署和执行, 香港和澳门), so an end is
    read only when the items already known leave enough names possible."""
    found: list[tuple[int, int]] = []
    for m in _ENUMERATION.finditer(norm, start, end):
        items = []
        pos = m.start()
        for piece in _ENUM_SEP.split(m.group()):
            items.append((pos, pos + len(piece)))
            pos += len(piece)
            sep = _ENUM_SEP.match(norm, pos)
            pos = sep.end() if sep else pos
        need = max(2, len(items) - 1)
        inner = sum(1 for s, e in items[1:-1] if _is_name(norm, s, e))
        if inner + min(2, len(items)) < need:
            continue
        # the first item may carry the words before it (包括钟剑华): its last 2-3 characters
        fs, fe = items[0]
        first = _name_before(norm, fe, fs)
        items[0] = (first, fe) if first is not None else (fe, fe)
        # and the last the words after it (刘世芳、郑英耀列为 ...): a name ending where a word ends
        ls, le = items[-1]
        if len(items) > 1 and le - ls > 3:
            if inner + _is_name(norm, *items[0]) + 1 < need:
                continue
            last = _name_after(norm, ls, le)
            items[-1] = (ls, last) if last is not None else (ls, ls)
        names = [(s, e) for s, e in items if _is_name(norm, s, e)]
        if len(names) >= need:
            found += names
    return found


def _is_name(norm: str, s: int, e: int) -> bool:
    """Is the item ``norm[s:e]`` of an enumeration shaped like a name (2-3 characters, surname first)?"""
    return 2 <= e - s <= 3 and _surname_led(norm[s:e])


@functools.lru_cache(maxsize=1)
def _pursuit_pattern() -> re.Pattern[str]:
    """names.toml's pursuit words as one pattern (its first match starts where the first of them does)."""
    return re.compile("|".join(map(re.escape, _data()["pursuit_words"])))


def _chinese(norm: str, start: int, end: int) -> list[tuple[int, int]]:
    d = _data()
    found: list[tuple[int, int]] = []
    # enumerations: 包括钟剑华、何良懋、郑敬基及张晞晴 (at least two names, each surname-led); no separator,
    # no enumeration (half the sentences: the pattern's scan costs more than this test)
    seg = norm[start:end]
    if "、" in seg or "及" in seg or "和" in seg or "与" in seg:
        found += _enumerations(norm, start, end)
    # a target word before the name (红通人员梁锦文, 网红八炯), the quote mark of “百名红通人员” allowed
    for word in d["target_openers"]:
        if word not in seg:  # most words are absent: a substring test is far cheaper than a regex scan
            continue
        for m in re.finditer(re.escape(word) + '[”"」]?', seg):
            k = start + m.end()
            e = _name_after(norm, k, end, need_surname=word not in d["handle_openers"])
            if e is not None:
                found.append((k, e))
    # the head of a noun phrase after a pursuit word: 通缉身处海外的甄大明， (的, a name, then a pause)
    # where the first pursuit word starts: the leftmost match of their alternation
    found_pursuit = _pursuit_pattern().search(seg)
    first_pursuit = found_pursuit.start() if found_pursuit else -1
    if first_pursuit != -1:
        for m in re.finditer("的", seg[first_pursuit:]):
            k = start + first_pursuit + m.end()
            e = _name_after(norm, k, end)
            if e is not None and (e == end or norm[e] in "，。；、,;等及和"):
                found.append((k, e))
    # a word after the name (梁锦文回国投案, 韦大鹏等96名, 明学昌等人)
    for word in d["target_closers"]:
        if (word if word != "等名" else "等") not in seg:
            continue
        pat = re.escape(word) if word != "等名" else r"等[0-9一二三四五六七八九十百两]+名"
        for m in re.finditer(pat, seg):
            k = start + m.start()
            s = _name_before(norm, k, start)
            if s is not None:
                found.append((s, k))
    return found


# Both open with a capital at a word start: "\b[A-Z]" written as "[A-Z](?<!\w[A-Z])" (the same
# matches), so that a pattern opens with a character set and the regex engine skips to capitals
# instead of trying every offset.
_HK = re.compile(r"([A-Z](?<!\w[A-Z])[a-z]+) ([A-Z][a-z]+-[a-z]+)\b")  # Cheng Man-kit, Hui Wing-ting
_PAIR = re.compile(r"([A-Z](?<!\w[A-Z])[a-z]+) ([A-Z][a-z]{1,12})\b(?!-)")  # Guo Jiefang


def _pinyin_word(w: str) -> bool:
    """Is ``w`` one to three pinyin syllables (Jiefang, Dapeng, Xin)?"""
    syl = _data()["_syllables"]
    w = w.lower()

    @functools.lru_cache(maxsize=None)
    def ok(i: int, left: int) -> bool:
        if i == len(w):
            return True
        if left == 0:
            return False
        return any(w[i:j] in syl and ok(j, left - 1) for j in range(i + 1, min(len(w), i + 6) + 1))

    return ok(0, 3)


_UPPER = re.compile("[A-Z]")


def _english(text: str, start: int, end: int) -> list[tuple[int, int]]:
    # both patterns open with a capital: a Chinese sentence mostly has none, and this scan is a fast
    # one (a character set), where theirs test every position (they open with \b)
    if not _UPPER.search(text, start, end):
        return []
    d = _data()
    found = [
        (start + m.start(), start + m.end())
        for m in _HK.finditer(text[start:end])
        if f"{m.group(1)} {m.group(2).split('-')[0]}".lower() not in d["_not_names"]
    ]
    for m in _PAIR.finditer(text[start:end]):
        sur, given = m.group(1), m.group(2)
        if (
            sur in d["_pinyin_sur"]
            and _pinyin_word(given)
            and f"{sur} {given}".lower() not in d["_not_names"]
            and not (len(given) <= 3 and given.lower() in ("the", "and", "for", "was", "has", "had", "his", "her"))
        ):
            found.append((start + m.start(), start + m.end()))
    return found


_PRONOUNS = set("他她它们們其该該此这這那您我你")


def _common_word(cand: str) -> bool:
    """Is this Chinese candidate an everyday word (申请, 司法部, 高明: jieba's dictionary knows it
    with a frequency) or does it hold a pronoun (向他们)? Names of people are not in the dictionary,
    or are there with frequency 0."""
    if not any("\u4e00" <= c <= "\u9fff" for c in cand):
        return False
    if any(c in _PRONOUNS for c in cand):
        return True
    from .segment import get_tokenizer

    tok = get_tokenizer()
    tok.check_initialized()
    d = _data()
    freq = tok.FREQ.get
    if (freq(cand) or 0) >= d["common_word_frequency"]:
        return True
    # a word read across: 时间|长 (the first two characters are an everyday word), 应|积极 (a
    # function-word "surname" before an everyday word)
    if len(cand) == 3 and (freq(cand[:2]) or 0) >= d["common_prefix_frequency"]:
        return True
    return (freq(cand[0]) or 0) >= d["function_char_frequency"] and (freq(cand[1:]) or 0) >= d[
        "common_prefix_frequency"
    ]


def _titled(norm: str, s: int, titles: Iterable[str]) -> bool:
    """Does an official's title end right before ``s`` (发言人陆慷, spokesman Lu Kang)?"""
    before = norm[max(0, s - 24) : s].rstrip()
    return any(before.endswith(t) or before.endswith(t.lower()) for t in titles)


@functools.lru_cache(maxsize=1)
def _state_office_after() -> re.Pattern[str]:
    """A name in apposition to a state office (", deputy director of the Shanghai Public Security
    Bureau"; names.toml ``titles_en`` and ``state_bodies_en``), not qualified as former."""
    d = _data()
    titles = "|".join(map(re.escape, sorted({t.lower() for t in d["titles_en"]}, key=len, reverse=True)))
    bodies = "|".join(map(re.escape, d["state_bodies_en"]))
    return re.compile(
        rf",\s+(?:the\s+|a\s+|an\s+)?(?!former\b|ex-)(?:[a-z-]+\s+){{0,3}}?(?:{titles})\s+of\s+"
        rf"(?:the\s+)?(?:[A-Za-z-]+\s+){{0,6}}?(?:{bodies})\b",
        re.IGNORECASE,
    )


def _state_official(text: str, e: int) -> bool:
    """Is the name ending at ``e`` followed by a state office in apposition (said Chen Zhen, deputy
    director of the Shanghai Public Security Bureau)? Such a name is an official who speaks, not a
    person pursued."""
    return _state_office_after().match(text, e, min(len(text), e + 160)) is not None


def unlisted_targets(
    text: str, norm: str, start: int, end: int, lang: str, taken: Iterable[tuple[int, int]] = ()
) -> list[Name]:
    """Names in ``text[start:end]`` shaped and placed like targets, outside the ``taken`` spans
    (gazetteer mentions) and not preceded by an official's title, in text order, each once."""
    d = _data()
    spans = _chinese(norm, start, end) if lang.startswith("zh") else _english(text, start, end)
    if lang.startswith("zh"):
        spans += _english(text, start, end)  # romanised names in Chinese text are rare; cheap to check
    taken = list(taken)
    titles = [*d["titles_zh"], *d["titles_en"]]
    out: list[Name] = []
    seen: set[str] = set()
    for s, e in sorted(set(spans), key=lambda se: (se[0], -se[1])):
        if (
            any(s < te and ts < e for ts, te in taken)
            or "某" in norm[s:e]
            or _titled(norm, s, titles)
            or _common_word(norm[s:e])
            or (not lang.startswith("zh") and _state_official(text, e))
        ):
            continue
        name = text[s:e]
        if name not in seen and not any(o.start <= s < o.end for o in out):
            seen.add(name)
            out.append(Name(s, e, name))
    return out


def titled_speaker(text: str, norm: str, start: int, end: int, lang: str) -> Name | None:
    """An official named after a title with a speech verb in ``text[start:end]``
    (外交部发言人陆慷表示; spokesman Lu Kang said), the name as written; else None."""
    d = _data()
    if lang.startswith("zh"):
        seg = norm[start:end]
        for t in d["titles_zh"]:
            if t not in seg:  # cheap test first: most titles are absent
                continue
            for m in re.finditer(re.escape(t), seg):
                k = start + m.end()
                for e in _name_ends(norm, k, end):
                    if any(norm.startswith(v, e) for v in d["speech_zh"]):
                        return Name(k, e, text[k:e])
        return None
    for m in _titled_en().finditer(text[start:end]):
        return Name(start + m.start(1), start + m.end(1), m.group(1))
    return None


def title_of(norm: str, name: Name) -> str | None:
    """The title written right before a titled speaker's name (spokesman Lu Kang -> 'spokesman'),
    lower case, the longest of data/names.toml's titles; None when there is none."""
    d = _data()
    before = norm[max(0, name.start - 30) : name.start].rstrip()
    found = [t for t in (*d["titles_zh"], *d["titles_en"]) if before.endswith(t.lower())]
    return max(found, key=len).lower() if found else None


def title_reference(norm: str, start: int, end: int, lang: str) -> str | None:
    """A title standing for a person named before, with a speech verb ("the acting superintendent
    said", 该局长表示): the title (lower case), or None."""
    d = _data()
    seg = norm[start:end]
    if lang.startswith("zh"):
        if "该" not in seg and "这位" not in seg:  # every opener holds one of them (most sentences: neither)
            return None
        for t in d["titles_zh"]:
            for opener in ("该", "这位", "该名"):
                k = seg.find(opener + t)
                if k != -1 and any(seg.startswith(v, k + len(opener) + len(t)) for v in d["speech_zh"]):
                    return t
        return None
    m = _title_ref_en().search(seg)
    return m.group(1) if m else None


@functools.lru_cache(maxsize=1)
def _title_ref_en() -> re.Pattern[str]:
    d = _data()
    titles = sorted({t.lower() for t in d["titles_en"]}, key=len, reverse=True)
    # "\bthe" written as "the(?<!\wthe)" (the same matches): a pattern opening with a literal is
    # searched for that literal first, not tried at every offset
    return re.compile(
        r"the(?<!\wthe)\s+(?:[a-z-]+\s+)?("
        + "|".join(map(re.escape, titles))
        + r")\s*,?\s+(?:"
        + "|".join(d["speech_en"])
        + r")\b"
    )


@functools.lru_cache(maxsize=1)
def _titled_en() -> re.Pattern[str]:
    """Title, name, speech verb (spokesman Lu Kang said), compiled once rather than per sentence."""
    d = _data()
    return re.compile(
        r"\b(?:" + "|".join(map(re.escape, d["titles_en"])) + r")\s+((?:[A-Z][a-z]+ ){1,2}[A-Z][a-z]+(?:-[a-z]+)?)"
        r"\s*,?\s+(?:" + "|".join(d["speech_en"]) + r")\b"
    )


@functools.lru_cache(maxsize=1)
def _group_pattern() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in _data()["group_patterns"]), re.IGNORECASE)


def group_reference(norm: str, start: int, end: int, lang: str) -> bool:
    """Does ``norm[start:end]`` refer to a group of people by number (six more activists,
    6名身处海外人士, 19人) rather than by name? Their names are in the sentences around it. A
    sentence that counts more than ``group_max`` people anywhere (追回外逃人员1421人，其中…28人) gives
    statistics, not a group whose names the document lists."""
    return group_size(norm, start, end, lang) is not None


def group_size(norm: str, start: int, end: int, lang: str) -> int | None:
    """How many people the group ``norm[start:end]`` refers to holds, by what it says: the count
    after names and 等 (罗冠聪和许智峯等8名海外港人: 8, whom the document names elsewhere); else 2, at
    least ("the activists", 19人); None when it refers to no group (``group_reference``).

    Why only after 等: "X and Y among 8" (等) means all eight, while a count with a list of some of
    them (16人…包括甲、乙、丙) means the ones it lists; the corpus labels both so."""
    size = None
    for m in _group_pattern().finditer(norm, start, end):
        n = _count(m.group())
        if n is not None and n > _data()["group_max"]:
            return None
        after_names = norm[max(start, m.start() - 2) : m.start()].rstrip().endswith("等")
        size = max(size or 2, n if n is not None and after_names else 2)
    return size


_ZH_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}


_EN_NUMBERS = {
    w: n
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
}

_EN_NUMBER = re.compile(r"\b(" + "|".join(_EN_NUMBERS) + r")\b", re.IGNORECASE)


def _count(s: str) -> int | None:
    """The first number in ``s`` (digits, Chinese numerals: 十九, 一百, 两千, or an English word up
    to twenty), else None."""
    m = re.search(r"[0-9][0-9,]*", s)
    if m:
        try:
            return int(m.group().replace(",", ""))
        except ValueError:
            return None
    word = _EN_NUMBER.search(s)
    if word:
        return _EN_NUMBERS[word.group(1).lower()]
    m = re.search(r"[一二三四五六七八九十两百千万]+", s)
    if not m:
        return None
    total, cur = 0, 0
    for c in m.group():
        if c in _ZH_DIGITS:
            cur = _ZH_DIGITS[c]
        else:
            total += (cur or 1) * _ZH_UNITS[c]
            cur = 0
    return total + cur


_PEOPLE_COUNT = re.compile(
    r"(\d[\d,]*(?:\.\d+)?|[一二三四五六七八九十两百千万]+)\s*(万|千|百)?\s*"
    r"(?:名|人|个人|(?:[a-z-]+\s+){0,2}(?:people|persons|fugitives|suspects|individuals)\b)"
)


def statistic(norm: str, start: int, end: int) -> bool:
    """Does ``norm[start:end]`` count more than ``group_max`` people (缅北移交571名嫌疑人, 3.1万名,
    "409 fugitives")? Such a sentence gives figures of a campaign, not news of particular people."""
    limit = _data()["group_max"]
    for m in _PEOPLE_COUNT.finditer(norm, start, end):
        num, unit = m.group(1), m.group(2)
        if num[0].isdigit():
            try:
                n = float(num.replace(",", ""))
            except ValueError:
                continue
        else:
            n = float(_count(num) or 0)
        n *= {"万": 10000, "千": 1000, "百": 100}.get(unit or "", 1)
        if n > limit:
            return True
    return False
