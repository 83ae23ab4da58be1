"""nlp.language.detect_language."""
from __future__ import annotations

import pytest

from nlp import detect_language


@pytest.mark.parametrize("text,lang", [
    ("Police issued arrest warrants for eight activists.", "en"),
    ("保安局局長鄧炳強表示，潛逃者會被終身追究。", "zh-Hant"),
    ("外交部发言人表示，中方坚定支持特区政府依法缉拿潜逃者。", "zh-Hans"),
    ("警方懸紅 HK$1 million 通緝 Nathan Law 羅冠聰等人", "zh-Hant"),
    ("", "en"),
    ("12345 !!!", "en"),
])
def test_detect(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_english_with_a_few_chinese_names_stays_english() -> None:
    text = ("Secretary for Security Chris Tang (鄧炳強) said the eight absconders, including Nathan Law, "
            "would be pursued for life and urged them to surrender.")
    assert detect_language(text) == "en"
