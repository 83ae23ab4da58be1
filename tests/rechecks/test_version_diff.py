"""Diffs between document versions (longarm/version_diff.py): words for English, characters for Chinese."""

from __future__ import annotations

from longarm.version_diff import as_text, diff, tokens


def test_tokens_keep_the_text() -> None:
    text = "警方懸紅HK$1港幣 million.\n  They will be pursued."
    assert "".join(tokens(text)) == text
    assert tokens("警方HK$1")[:3] == ["警", "方", "HK"]


def test_english_diff_is_word_level() -> None:
    out = as_text(diff("They will be pursued for life.", "They will be asked to return."))
    assert out == "They will be [-pursued for life-]{+asked to return+}."


def test_chinese_diff_is_character_level() -> None:
    out = as_text(diff("警方會不惜一切追緝潛逃者。", "警方呼籲潛逃者回港。"))
    assert out == "警方[-會不惜一切追緝-]{+呼籲+}潛逃者{+回港+}。"


def test_same_text_has_no_change() -> None:
    assert diff("same", "same") == [("=", "same")]
