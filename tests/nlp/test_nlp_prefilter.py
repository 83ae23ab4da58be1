"""longarm.nlp.prefilter.Matcher: boundaries and case rules."""

from __future__ import annotations

from longarm.nlp.normalize import normalize
from longarm.nlp.prefilter import Matcher, Pattern


def _m(*patterns: Pattern) -> Matcher:
    return Matcher(list(patterns))


def test_english_whole_words_and_prefix() -> None:
    m = _m(Pattern("arrest", payload="a"), Pattern("extradit", prefix=True, payload="e"))
    text = normalize("Arrestor arrested; arrest! Extradition extradited")
    hits = [(text[h.start : h.end], h.pattern.payload) for h in m.find(text)]
    assert hits == [("arrest", "a"), ("extradit", "e"), ("extradit", "e")]


def test_chinese_substrings_and_case_sensitive_short_alias() -> None:
    m = _m(Pattern("通缉", payload="w"), Pattern("law", case="Law", payload="L"))
    original = "警方通緝羅冠聰 (Law). law enforcement"
    text = normalize(original)
    got = [(original[h.start : h.end], h.pattern.payload) for h in m.find(text, original=original)]
    assert got == [("通緝", "w"), ("Law", "L")]


def test_window_and_empty() -> None:
    m = _m(Pattern("bounty", payload=1))
    text = "bounty here, bounty there"
    assert [h.start for h in m.find(text, 5)] == [13]
    assert _m().find("anything") == []
