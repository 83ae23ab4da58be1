"""longarm.nlp.sentences: sentence spans, not copies, and the items of a list a sentence introduces."""

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


def test_the_items_of_a_list_a_sentence_introduces_with_a_colon() -> None:
    from longarm.nlp.sentences import list_items

    text = (
        "公安局决定对甄某等16人采取以下惩戒措施：\n一、冻结其户籍。\n二、暂停名下所有银行卡。此外另有规定。\n"
        "三、一律不予通过。\n本通告自发布之日起施行。"
    )
    spans = split_sentences(text)
    items = [text[spans[j][0] : spans[j][1]] for j in list_items(text, spans, 0)]
    # every item line and the sentence that continues one on its line; not the line after the list
    assert items == ["一、冻结其户籍。", "二、暂停名下所有银行卡。", "此外另有规定。", "三、一律不予通过。"]
    english = "Police questioned these relatives:\n- his parents\n- his brother\nThe police said nothing more."
    spans = split_sentences(english)
    assert [english[spans[j][0] : spans[j][1]] for j in list_items(english, spans, 0)] == [
        "- his parents",
        "- his brother",
    ]
    # no colon, no list; a colon with no item after it, no list
    assert list_items(text, split_sentences(text), 1) == []
    no_items = "Police said:\nThe wanted will be pursued."
    assert list_items(no_items, split_sentences(no_items), 0) == []


def test_list_items_under_a_candidate_are_scored_as_list_items() -> None:
    from longarm.nlp import ThreatExtractor

    text = (
        "警方國安處懸紅通緝甄大明後，帶走其家人協助調查，名單如下：\n*1月22日 ︳甄大明三名弟妹\n*1月14日 ︳甄大明太太\n"
    )
    rows = ThreatExtractor(model=False).sentence_rows(text, lang="zh-Hant")
    flagged = [text[s:e] for (s, e), (feats, _grams), _det in rows if "list_item" in feats]
    assert flagged == ["*1月22日 ︳甄大明三名弟妹", "*1月14日 ︳甄大明太太"]


def test_a_lone_capital_after_a_lower_case_word_ends_a_sentence() -> None:
    # round 10: "platform X." is a word, not an initial; initials of names stay inside
    assert _texts("Lau wrote on the platform X. Police said nothing.") == [
        "Lau wrote on the platform X.",
        "Police said nothing.",
    ]
    assert _texts("John F. Kennedy said so. Then J. Smith left.") == ["John F. Kennedy said so.", "Then J. Smith left."]
