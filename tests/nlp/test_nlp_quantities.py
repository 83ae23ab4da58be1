"""Figures in statements, in English and both Chinese scripts (nlp/quantities.py)."""

from __future__ import annotations

import json

import pytest

from longarm.nlp.quantities import find_quantities, parse_number, quantities_version
from tests.conftest import SHARED


@pytest.mark.parametrize(
    "text, value",
    [
        ("1,229", 1229),
        ("一千二百二十九", 1229),
        ("1.2萬", 12000),
        ("1.2万", 12000),
        ("100万", 1_000_000),
        ("1 million", 1_000_000),
        ("兩百", 200),
        ("两百", 200),
        ("十二", 12),
        ("十", 10),
        ("一萬二千", 12000),
        ("一百萬", 1_000_000),
        ("二十九億", 2_900_000_000),
        ("一億二千萬", 120_000_000),
        ("29.11亿", 2_911_000_000),
        ("eight", 8),
        ("twenty-one", 21),
        ("one hundred and five", 105),
        ("one million", 1_000_000),
        ("2bn", 2_000_000_000),
        ("１２", 12),
        ("二〇二三", 2023),
    ],
)
def test_parse_number_in_every_form(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "第一", "十二月三日"])
def test_parse_number_refuses_what_is_not_one_number(text: str) -> None:
    assert parse_number(text) is None


def _one(text: str, lang: str | None = None):
    qs = find_quantities(text, lang)
    assert len(qs) == 1, [q.to_dict() for q in qs]
    return qs[0]


def test_hk_dollar_million_english() -> None:
    q = _one(
        "The Police offer a reward of HK$1 million for information leading to the arrest of each of "
        "the wanted persons.",
        "en",
    )
    assert (q.value, q.unit, q.currency, q.counted, q.per_person) == (1_000_000, "money", "HKD", "reward", True)
    assert q.text == "HK$1 million"


def test_traditional_reward_per_person() -> None:
    text = "警方就每名被通緝人士懸紅一百萬港元，以緝拿歸案。"
    q = _one(text, "zh-Hant")
    assert (q.value, q.currency, q.counted, q.per_person) == (1_000_000, "HKD", "reward", True)
    assert text[q.start : q.end] == q.text == "一百萬港元"


def test_currency_before_and_yuan_after() -> None:
    q = _one("每名最高可獲懸紅港幣一百萬元。", "zh-Hant")
    assert (q.value, q.currency, q.text) == (1_000_000, "HKD", "港幣一百萬元")


def test_bare_yuan_follows_the_script() -> None:
    assert _one("每人懸紅100萬元。", "zh-Hant").currency == "HKD"
    q = _one("悬赏100万元缉拿。", "zh-Hans")
    assert (q.value, q.currency, q.counted) == (1_000_000, "CNY", "reward")


def test_simplified_sky_net_returns_with_period() -> None:
    text = "2023年，“天网2023”行动共追回外逃人员1624人，其中“红通人员”44人，追回赃款29.11亿元。"
    qs = find_quantities(text, "zh-Hans")
    got = [(q.value, q.unit, q.currency, q.counted, q.period) for q in qs]
    assert got == [
        (1624, "person", None, "fugitives_returned", "2023"),
        (44, "person", None, "red_notice_subjects", "2023"),
        (2_911_000_000, "money", "CNY", "assets_recovered", "2023"),
    ]


def test_chinese_numerals_count_people() -> None:
    q = _one("法院已向八名潛逃海外人士發出拘捕令。", "zh-Hant")
    assert (q.value, q.unit, q.counted) == (8, "person", "wanted")
    q = _one("追回外逃人员一千二百二十九名。", "zh-Hans")
    assert (q.value, q.counted) == (1229, "fugitives_returned")
    q = _one("外逃人员1.2萬人被追回", "zh-Hant")
    assert q.value == 12000
    q = _one("国家安全机关已对三个嫌疑人立案侦查", "zh-Hans")  # 个 with a person noun after it
    assert (q.value, q.unit) == (3, "person")


def test_english_number_words_and_digits_count_people() -> None:
    q = _one("issued arrest warrants against five more persons who have absconded overseas", "en")
    assert (q.value, q.unit, q.counted) == (5, "person", "wanted")
    q = _one("the Government had so far specified 13 absconders under the Ordinance", "en")
    assert (q.value, q.counted) == (13, "specified")
    q = _one("Since 2014, Sky Net has brought back more than 10,000 fugitives from abroad.", "en")
    assert (q.value, q.counted, q.period, q.approximate) == (10_000, "fugitives_returned", "2014-", True)


def test_approximate_counts() -> None:
    q = _one("共追回外逃人员1229余名。", "zh-Hans")
    assert (q.value, q.approximate) == (1229, True)


@pytest.mark.parametrize(
    "text",
    [
        "警務處國家安全處今日（七月三日）表示",  # a date
        "2016年11月16日，杨秀珠回国投案自首。",  # a date with a year
        "八年来，追逃追赃工作持续深化。",  # a duration
        "根據《香港國安法》第23條",  # an article number
        "section 89 of the Safeguarding National Security Ordinance",
        "唯一方法就是自首，萬一他們回來",  # 一 and 萬 in words
        "The Police today (July 3) said that",
        "已从120多个国家和地区",  # 个 counting countries, not people
        "國際刑警組織有190個成員國",  # member states
        "潛逃海外13年零7個月，辗转数十个平台",  # 个 counting months and platforms
        "第37名歸案的“百名紅通人員”",  # the name of a list, and an ordinal
        "",
    ],
)
def test_no_figure_without_a_currency_or_counted_noun(text: str) -> None:
    assert find_quantities(text, None) == []


def test_offsets_point_into_the_original_text_with_fullwidth_digits() -> None:
    text = "警方懸紅１００萬港元"
    q = _one(text, "zh-Hant")
    assert q.value == 1_000_000 and text[q.start : q.end] == "１００萬港元"


def test_version_is_stated() -> None:
    assert quantities_version()


STATEMENTS = SHARED / "corpus" / "statements"


@pytest.mark.parametrize("year, value", [("2016", 908), ("2019", 1634), ("2020", 1421)])
def test_sky_net_returns_in_real_statements(year: str, value: int) -> None:
    """Sky Net / 天网 returns as the CCDI states them, read from the real statements (../shared, read only)."""
    if not STATEMENTS.is_dir():
        pytest.skip(f"real statements not found at {STATEMENTS} (they live in ../shared beside the repo)")
    found = set()
    for f in sorted(STATEMENTS.glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            if f"{value}" not in rec["text"]:
                continue
            found |= {(q.value, q.counted, q.period) for q in find_quantities(rec["text"], rec.get("lang"))}
    assert (value, "fugitives_returned", year) in found


def test_general_classifier_noise_in_real_statements() -> None:
    """個/个 counts people only before a person noun: no figure in the real statements counts countries."""
    if not STATEMENTS.is_dir():
        pytest.skip(f"real statements not found at {STATEMENTS}")
    bad = []
    for f in sorted(STATEMENTS.glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            for q in find_quantities(rec["text"], rec.get("lang")):
                if q.text.endswith(("个", "個")) and rec["text"][q.end : q.end + 2] in (
                    "国家",
                    "國家",
                    "成員",
                    "成员",
                    "月",
                ):
                    bad.append(q.text)
    assert not bad, bad


def test_vocabulary_is_not_part_of_the_extractor_version() -> None:
    """Editing the figure vocabulary re-reads figures (quantities_version) without re-running extraction."""
    from longarm.nlp.lexicon import data_files
    from longarm.nlp.quantities import DATA_FILE

    assert DATA_FILE.is_file() and DATA_FILE not in data_files()
