"""longarm.nlp.sentences.split_sentences: spans, not copies."""

from __future__ import annotations

from longarm.nlp.sentences import split_sentences


def _texts(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_english_abbreviations_and_quotes() -> None:
    text = 'Mr. Lee said on Jan. 3 that the U.S. was wrong. "They will be pursued," he said. Next'
    assert _texts(text) == [
        "Mr. Lee said on Jan. 3 that the U.S. was wrong.",
        '"They will be pursued," he said.',
        "Next",
    ]


def test_chinese_keeps_closing_quote() -> None:
    text = "鄧炳強表示：「潛逃者會被終身追究。他們無處可逃。」警方稱；另外"
    assert _texts(text) == ["鄧炳強表示：「潛逃者會被終身追究。", "他們無處可逃。」", "警方稱；", "另外"]


def test_newlines_end_sentences_and_spans_are_trimmed() -> None:
    text = "  First line without stop\n\n  Second one.  "
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["First line without stop", "Second one."]


def test_empty() -> None:
    assert split_sentences("") == []
    assert split_sentences("   \n ") == []
