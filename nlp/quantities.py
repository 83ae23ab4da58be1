"""Figures in statements: amounts of money and counts of people, in English and both Chinese scripts.

Analysts compile the numbers officials give (fugitives returned by Sky Net in a
year, people on a wanted list, the reward per absconder) into tables by hand.
:func:`find_quantities` reads them from a statement's quote as structured fields:
the value, its currency or counted unit, what is counted (reward, fugitives
returned, wanted, ...), the period named (a year), whether it is per person, and
the offsets of the figure in the quote.

A number is only a figure when a currency or a counted noun goes with it
(``HK$1 million``, ``一百萬港元``, ``八名``, ``13 absconders``): dates, years,
article numbers and ordinals are not. Numbers are read in every written form:
``1,229``, ``1.2萬``, ``100万``, ``一千二百二十九``, ``兩百``, ``eight``,
``1 million``. The vocabulary is in ``nlp/data/figures/quantities.toml``.

Works on plain text; knows nothing of the store. It does not touch the
extractor: quantities are attached to detections after extraction.
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

# Not in nlp/data/ itself: those files make up the extractor version, and the figure reader has its own.
DATA_FILE = Path(__file__).resolve().parent / "data" / "figures" / "quantities.toml"


@functools.lru_cache(maxsize=1)
def vocabulary() -> dict[str, Any]:
    return tomllib.loads(DATA_FILE.read_text(encoding="utf-8"))


def quantities_version() -> str:
    """Changes whenever the vocabulary or rules change, so stored figures can be recomputed."""
    return str(vocabulary()["version"])


@dataclass
class Quantity:
    value: float  # the number, multipliers applied (一百萬 -> 1000000)
    unit: str  # "money", "person", "red_notice", "warrant", "case", "document"
    currency: str | None  # ISO 4217 (HKD, CNY, USD) for money, else None
    counted: str  # what is counted: reward, fugitives_returned, wanted, people, ...
    period: str | None  # the year the figure is for when the quote names one ("2023", "2014-")
    per_person: bool  # "each", 每人: the figure applies to each person
    approximate: bool  # 100余名, more than 1,000
    text: str  # the figure as written
    start: int  # offsets of the figure in the text
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# -- number words ----------------------------------------------------------------


def _alternation(words: Any) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    v = vocabulary()
    zh_chars = "".join([*v["zh_digits"], *v["zh_small_units"], *v["zh_big_units"]])
    en_words = _alternation([*v["en_words"], *(k for k in v["en_scales"] if len(k) > 2)])
    arabic = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    number = (
        rf"(?P<ar>{arabic})(?:\s*(?P<ar_en>million|billion|thousand)\b|(?P<ar_abbr>mn|bn|m)\b|"
        rf"(?P<ar_zh>[{''.join(v['zh_big_units'])}千百]+))?"
        rf"|(?P<zh>[{zh_chars}]+)"
        rf"|(?P<en>\b(?:{en_words})(?:(?:\s+and\s+|[\s-]+)(?:{en_words}))*\b)"
    )
    return {
        "number": re.compile(number, re.I),
        "currency_prefix": re.compile(rf"(?:{_alternation(v['currency_prefix'])})\s*$", re.I),
        "currency_suffix": re.compile(rf"^\s*(?:{_alternation([*v['currency_suffix'], '元'])})", re.I),
        "zh_unit": re.compile(
            rf"^(?:{_alternation(v['context']['approx_after'])})?(?:{_alternation(v['count_units']['zh'])})"
        ),
        "en_unit": re.compile(
            rf"^\s+(?:(?:{_alternation(v['context']['en_modifiers'])})\s+){{0,2}}"
            rf"(?P<noun>{_alternation(v['count_units']['en'])})\b",
            re.I,
        ),
        "approx_after": re.compile(rf"^(?:{_alternation(v['context']['approx_after'])})"),
        "approx_before": re.compile(rf"(?:{_alternation(v['context']['approx_before'])})\s*$", re.I),
        "per_person": re.compile(_alternation(v["context"]["per_person"]), re.I),
        "year": re.compile(
            r"(?:(?<!\d)((?:19|20)\d{2})\s*年|(?:天[网網]|[猎獵]狐|Sky\s*Net|Fox\s*Hunt)\s*((?:19|20)\d{2})"
            r"|\b(?:in|during|for|of|since)\s+((?:19|20)\d{2})\b)(\s*(?:年)?\s*(?:以來|以来))?",
            re.I,
        ),
    }


def _zh_value(s: str) -> float | None:
    """一千二百二十九 -> 1229, 兩百 -> 200, 十二 -> 12, 一萬二千 -> 12000, 一二二九 -> 1229 (digit by digit)."""
    v = vocabulary()
    digits, small, big = v["zh_digits"], v["zh_small_units"], v["zh_big_units"]
    if not s:
        return None
    if all(c in digits for c in s):
        return float("".join(str(digits[c]) for c in s)) if len(s) > 1 else float(digits[s])
    total = 0.0
    section = 0.0
    digit: float | None = None
    for c in s:
        if c in digits:
            digit = float(digits[c])
        elif c in small:
            section += (1.0 if digit is None else digit) * small[c]
            digit = None
        elif c in big:
            section += digit or 0.0
            total = (total + section) * big[c] if total and big[c] > 10000 else total + (section or 1.0) * big[c]
            section = 0.0
            digit = None
        else:
            return None
    return total + section + (digit or 0.0)


def _en_value(s: str) -> float | None:
    """'eight' -> 8, 'twenty-one' -> 21, 'one hundred and five' -> 105, 'one million' -> 1000000."""
    v = vocabulary()
    words, scales = v["en_words"], v["en_scales"]
    total = 0.0
    current = 0.0
    seen = False
    for w in re.split(r"[\s-]+", s.lower()):
        if not w or w == "and":
            continue
        if w in words:
            current += words[w]
            seen = True
        elif w in scales and len(w) > 2:
            scale = scales[w]
            current = (current or 1.0) * scale if scale == 100 else current
            if scale >= 1000:
                total += (current or 1.0) * scale
                current = 0.0
            seen = True
        else:
            return None
    return total + current if seen else None


def _match_value(m: re.Match[str]) -> float | None:
    v = vocabulary()
    if m.group("ar"):
        value = float(m.group("ar").replace(",", ""))
        if m.group("ar_en"):
            value *= v["en_scales"][m.group("ar_en").lower()]
        elif m.group("ar_abbr"):
            value *= v["en_scales"][m.group("ar_abbr").lower()]
        elif m.group("ar_zh"):
            for c in m.group("ar_zh"):
                value *= {**v["zh_big_units"], "千": 1000, "百": 100}[c]
        return value
    if m.group("zh"):
        return _zh_value(m.group("zh"))
    if m.group("en"):
        return _en_value(m.group("en"))
    return None


def parse_number(text: str) -> float | None:
    """The value of a number written alone, in any form: '1,229', '一千二百二十九', '1.2萬', '100万', '1 million'.

    None when ``text`` is not exactly one number.
    """
    t = _normalise(text).strip()
    m = _patterns()["number"].fullmatch(t)
    return _match_value(m) if m else None


def _normalise(text: str) -> str:
    """Full-width digits and signs to ASCII (one character for one, so offsets stay valid)."""
    return "".join(
        unicodedata.normalize("NFKC", c)
        if len(unicodedata.normalize("NFKC", c)) == 1 and ("０" <= c <= "９" or c in "，．＄")
        else c
        for c in text
    )


# -- figures in context -------------------------------------------------------------


def _trim_zh(m: re.Match[str]) -> tuple[int, int] | None:
    """A Chinese numeral run without leading multipliers (萬一 is 'in case', not 10,001)."""
    s, e = m.span("zh")
    v = vocabulary()
    while s < e and m.string[s] in v["zh_big_units"]:
        s += 1
    return (s, e) if s < e else None


def _currency(text: str, start: int, end: int, lang: str | None) -> tuple[str | None, int]:
    """(currency, end of the figure including a currency word after it)."""
    v = vocabulary()
    p = _patterns()
    before = p["currency_prefix"].search(text[max(0, start - 6) : start])
    after = p["currency_suffix"].match(text[end : end + 20])
    code = None
    new_end = end
    if after:
        word = after.group().strip()
        new_end = end + after.end()
        table = {k.lower(): val for k, val in v["currency_suffix"].items()}
        code = table.get(word.lower())
        if code is None and word == "元":
            code = v["bare_yuan"].get(lang or "", v["bare_yuan"]["default"])
    if before:
        table = {k.lower(): val for k, val in v["currency_prefix"].items()}
        code = table[before.group().strip().lower()]  # the prefix names the currency (港幣一百萬元)
    return code, new_end


def _count_unit(text: str, end: int) -> tuple[str | None, int]:
    v = vocabulary()
    p = _patterns()
    m = p["zh_unit"].match(text[end : end + 4])
    if m and m.group()[-1] in v["context"]["general_classifiers"]:
        after = text[end + m.end() : end + m.end() + 8].lstrip("“「『\"'")
        if not any(after.startswith(n) for n in v["context"]["person_nouns"]):
            m = None
    if m:
        unit = v["count_units"]["zh"][m.group()[-1]]
        if unit == "document" and any(
            text[end + m.end() : end + m.end() + 8].startswith(n) or n in text[end + m.end() : end + m.end() + 8]
            for n in v["context"]["red_notice_nouns"]
        ):
            unit = "red_notice"
        return unit, end + m.end()
    m = p["en_unit"].match(text[end : end + 60])
    if m:
        table = {k.lower(): val for k, val in v["count_units"]["en"].items()}
        return table[m.group("noun").lower()], end + m.end()
    return None, end


# A keyword after the figure counts as this many times farther than one before it: statements name
# what is counted first (追回外逃人员1624人, a reward of HK$1 million, issued warrants for six people).
AFTER_PENALTY = 3


def _nearest_category(text: str, start: int, end: int, unit: str) -> str:
    cats = vocabulary()["counted"].get(unit, {})
    best: tuple[int, str] | None = None
    low = text.lower()
    for name, words in cats.items():
        if name == "default":
            continue
        for w in words:
            for m in re.finditer(re.escape(w.lower()), low):
                d = (
                    start - m.end()
                    if m.end() <= start
                    else (m.start() - end + 1) * AFTER_PENALTY
                    if m.start() >= end
                    else 0
                )
                if best is None or d < best[0]:
                    best = (d, name)
    return best[1] if best else cats.get("default", unit)


def _periods(text: str) -> list[tuple[int, str]]:
    out = []
    for m in _patterns()["year"].finditer(text):
        year = next(g for g in m.groups()[:3] if g)
        since = bool(m.group(4)) or m.group().lower().startswith("since")
        out.append((m.start(), year + ("-" if since else "")))
    return out


def _period_for(periods: list[tuple[int, str]], start: int) -> str | None:
    """The year named nearest before the figure (else the only one named after it)."""
    before = [p for pos, p in periods if pos <= start]
    if before:
        return before[-1]
    distinct = {p for _, p in periods}
    return distinct.pop() if len(distinct) == 1 else None


_SENTENCE_END = re.compile(r"[。！？；!?;]|\.(?:\s|$)")


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end] (a quote is usually one)."""
    s = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        s = m.end()
    stop = _SENTENCE_END.search(text, end)
    return text[s : stop.end() if stop else len(text)]


def find_quantities(text: str, lang: str | None = None) -> list[Quantity]:
    """Every figure in ``text`` that has a currency or a counted noun with it, in order."""
    if not text:
        return []
    norm = _normalise(text)
    p = _patterns()
    periods = _periods(norm)
    out: list[Quantity] = []
    for m in p["number"].finditer(norm):
        if m.group("zh"):
            span = _trim_zh(m)
            if span is None:
                continue
            start, end = span
            value = _zh_value(norm[start:end])
        else:
            start, end = m.span()
            value = _match_value(m)
        if value is None:
            continue
        if any(norm.startswith(w, start) for w in vocabulary()["context"]["not_figures"]):
            continue
        if (
            norm[end : end + 1] in ("年", "月", "日", "号", "號", "時", "时", "歲", "岁", "%", "％")
            or norm[max(0, start - 1) : start] == "第"
        ):
            continue
        currency, fig_end = _currency(norm, start, end, lang)
        unit = "money" if currency else None
        if unit is None:
            unit, fig_end = _count_unit(norm, end)
        if unit is None:
            continue
        prefix = p["currency_prefix"].search(norm[max(0, start - 6) : start]) if currency else None
        fig_start = start - len(prefix.group()) if prefix else start
        approx = bool(
            p["approx_before"].search(norm[max(0, fig_start - 12) : fig_start])
            or p["approx_after"].match(norm[end : end + 1])
        )
        per_person = unit == "money" and bool(p["per_person"].search(_sentence(norm, fig_start, fig_end)))
        out.append(
            Quantity(
                value=value,
                unit=unit,
                currency=currency,
                counted=_nearest_category(norm, fig_start, fig_end, unit),
                period=_period_for(periods, fig_start),
                per_person=per_person,
                approximate=approx,
                text=text[fig_start:fig_end],
                start=fig_start,
                end=fig_end,
            )
        )
    return out
