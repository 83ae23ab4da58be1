"""longarm.nlp.language.detect_language."""

from __future__ import annotations

import pytest

from longarm.nlp import detect_language


@pytest.mark.parametrize(
    "text,lang",
    [
        ("Police issued arrest warrants for eight activists.", "en"),
        ("保安局局長鄧炳強表示，潛逃者會被終身追究。", "zh-Hant"),
        ("外交部发言人表示，中方坚定支持特区政府依法缉拿潜逃者。", "zh-Hans"),
        ("警方懸紅 HK$1 million 通緝 Nathan Law 羅冠聰等人", "zh-Hant"),
        ("", "en"),
        ("12345 !!!", "en"),
    ],
)
def test_detect(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_english_with_a_few_chinese_names_stays_english() -> None:
    text = (
        "Secretary for Security Chris Tang (鄧炳強) said the eight absconders, including Nathan Law, "
        "would be pursued for life and urged them to surrender."
    )
    assert detect_language(text) == "en"


def test_one_detector_for_pages_and_statements() -> None:
    """Page extraction re-exports this detector (issue 12: one detect_language)."""
    from longarm.nlp.language import detect_language as nlp_detect
    from longarm.spiders.extraction.language import detect_language as page_detect

    assert page_detect is nlp_detect


@pytest.mark.parametrize(
    "text,hint,lang",
    [
        ("香港", "zh-Hant", "zh-Hant"),  # a script tie: the listing's word decides
        ("香港", "zh-Hans", "zh-Hans"),
        ("香港", None, "zh-Hans"),
        ("國家安全處今日宣布", "zh-Hans", "zh-Hant"),  # the text decides when it can
        ("12345 !!!", "zh-Hant", "zh-Hant"),  # nothing to read: the hint
        ("Police said so.", "zh-Hant", "en"),
    ],
)
def test_hint_decides_only_what_the_text_cannot(text: str, hint: str | None, lang: str) -> None:
    assert detect_language(text, hint=hint) == lang
