"""longarm.nlp.normalize: script folding that never moves an offset."""

from __future__ import annotations

import random

from longarm.nlp.normalize import normalize, opencc_t2s, to_simplified


def test_to_simplified_known_words() -> None:
    assert to_simplified("保安局局長鄧炳強") == "保安局局长邓炳强"
    assert to_simplified("羅冠聰、許智峯、郭鳳儀") == "罗冠聪、许智峰、郭凤仪"
    assert to_simplified("國家安全處懸紅通緝") == "国家安全处悬红通缉"


def test_to_simplified_keeps_simplified_and_ascii() -> None:
    s = "外交部发言人表示 Hong Kong 2024"
    assert to_simplified(s) == s


def test_length_always_kept_on_random_text() -> None:
    rng = random.Random(1)
    alphabet = "國家安全處乾坤干預後面裏頭髮發瞭解著名ABCxyz，。「」 \n１２３ＡＢ“”"
    for _ in range(300):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        assert len(to_simplified(s)) == len(s)
        assert len(normalize(s)) == len(s)


def test_normalize_folds_case_width_quotes() -> None:
    assert normalize("ＨＫ＄1 Million “Bounty”") == 'hk$1 million "bounty"'
    assert normalize("Nathan LAW") == "nathan law"


def test_phrase_exceptions_only_touch_traditional_input() -> None:
    # 乾坤 stays 乾坤 (OpenCC phrase), but an already simplified 干 is left alone
    assert to_simplified("乾坤") == "乾坤"
    assert to_simplified("干坤") == "干坤"


def test_matches_opencc_on_ordinary_text() -> None:
    s = "特區政府會繼續依法追緝潛逃者，絕不放過，並呼籲他們盡快回港自首。"
    assert to_simplified(s) == opencc_t2s(s)
