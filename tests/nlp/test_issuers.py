"""A statement that names no actor takes the issuer its measure implies (nlp/issuers.py), marked
as inferred; a publisher, a named local body or a non-PRC context come first or stop it."""

from __future__ import annotations

from pathlib import Path

import pytest

from longarm.nlp.extractor import ThreatExtractor
from longarm.nlp.issuers import issuer_for, load_issuers


@pytest.fixture(scope="module")
def ex() -> ThreatExtractor:
    return ThreatExtractor()


BOUNTY = "Anyone who provides information leading to the arrest of the eight absconders will receive a reward of HK$1 million."


def test_a_lone_bounty_sentence_is_the_hong_kong_police_s_marked_inferred(ex: ThreatExtractor) -> None:
    (det,) = ex.extract(BOUNTY, lang="en")
    assert det.speaker == "Hong Kong Police Force" and det.speaker_kind == "hk_police" and det.speaker_inferred
    assert det.to_dict()["speaker_inferred"] is True


def test_a_publisher_comes_before_the_inferred_issuer(ex: ThreatExtractor) -> None:
    (det,) = ex.extract(BOUNTY, lang="en", publisher={"name": "Ta Kung Pao", "kind": "pro_beijing_media"})
    assert det.speaker == "Ta Kung Pao" and not det.speaker_inferred and "speaker_inferred" not in det.to_dict()


def test_a_local_body_the_sentence_names_is_its_speaker(ex: ThreatExtractor) -> None:
    (det,) = ex.extract("对拒不回国的人员，双峰县公安局将依法采取惩戒措施。", lang="zh-Hans")
    assert det.speaker == "Shuangfeng County Public Security Bureau" and not det.speaker_inferred


def test_the_mainland_s_own_words_name_the_fugitive_office(ex: ThreatExtractor) -> None:
    (det,) = ex.extract("外逃人员必须尽快回国投案自首，争取从宽处理。", lang="zh-Hans")
    assert det.speaker == "Fugitive Repatriation and Asset Recovery Office" and det.speaker_inferred


def test_words_any_police_use_need_china_or_hong_kong_around_them(ex: ThreatExtractor) -> None:
    assert (
        ex.extract("The accused also had a red notice issued against him and will be extradited soon.", lang="en") == []
    )
    assert issuer_for("the accused had a red notice issued against him", "") is None
    assert issuer_for("the accused had a red notice issued against him", "he fled china in 2012") == (
        "Fugitive Repatriation and Asset Recovery Office"
    )
    # the sentence's issuer before the document's; narrower contexts before the fugitive office
    assert issuer_for("hk$1 million bounty", "外逃") == "Hong Kong Police Force"
    assert issuer_for("fox hunt 2015 was launched in april", "") == "Ministry of Public Security"
    assert issuer_for("hunting foxes with hounds", "猎狐") is None


def test_every_issuer_is_a_state_speaker_of_the_gazetteer(ex: ThreatExtractor) -> None:
    from longarm.nlp.gazetteer import STATE_KINDS

    speakers = {e.name: e for e in ex.gaz.speakers}
    for issuer in load_issuers():
        assert issuer.speaker in speakers and speakers[issuer.speaker].kind in STATE_KINDS, issuer.speaker
        assert all(m == m.lower() for m in issuer.markers)


def test_a_malformed_issuer_file_names_the_entry(tmp_path: Path) -> None:
    bad = tmp_path / "issuers.toml"
    bad.write_text(
        '[[issuer]]\nspeaker = "Taiwan Affairs Office"\n\n[[issuer]]\nspeaker = "X"\nmarkers = []\n', "utf-8"
    )
    with pytest.raises(ValueError, match=r"issuers.toml: \[\[issuer\]\] number 1 needs"):
        load_issuers(bad)


def test_a_weak_state_word_names_the_body_unless_it_is_vague(ex: ThreatExtractor) -> None:
    # "police" alone (weak) is the Hong Kong police in a Hong Kong measure ...
    (det,) = ex.extract("警方必然会全力追捕潜逃者，将他们缉拿归案。", lang="zh-Hans")
    assert det.speaker == "Hong Kong Police Force" and not det.speaker_inferred
    # ... a vague "China" that is no subject yields to the issuer of the measure
    dets = ex.extract("The fugitives were returned to China under the Sky Net campaign.", lang="en")
    assert [d.speaker for d in dets] == ["Fugitive Repatriation and Asset Recovery Office"] and dets[0].speaker_inferred


def test_the_misses_the_issue_names_are_found(ex: ThreatExtractor) -> None:
    """Issue 9's real misses: an appeal for tips to Taiwanese compatriots, a conditional warning."""
    (det,) = ex.extract("廈門市公安局呼籲廣大台胞積極提供違法犯罪線索。", lang="zh-Hant")
    assert det.speaker == "Xiamen Public Security Bureau" and not det.speaker_inferred
    (det,) = ex.extract("周庭若未能在限期前回港报到,将会被视为逃犯。", lang="zh-Hans")
    assert det.label == "threat" and det.speaker == "Hong Kong Police Force" and det.speaker_inferred
    assert "Agnes Chow Ting" in det.targets


def test_simplified_script_is_the_mainland_s_context_for_its_fugitive_words(ex: ThreatExtractor) -> None:
    """Round 8: a simplified text on returns and surrenders is the mainland's pursuit; the same words in
    English or traditional script may be Taiwan's or another country's, and need China named."""
    sentence = "两人最终在加勒比海岛国被缉捕归案"
    assert issuer_for(sentence, sentence, "zh-Hans") == "Fugitive Repatriation and Asset Recovery Office"
    assert issuer_for(sentence, sentence, "zh-Hant") is None
    assert issuer_for("the fugitive was extradited", "the fugitive was extradited", "en") is None
    assert issuer_for("the fugitive was extradited", "the fugitive was extradited", "zh-Hans") == (
        "Fugitive Repatriation and Asset Recovery Office"
    )


def test_discipline_is_the_taiwan_affairs_office_s_only_beside_taiwan() -> None:
    # 惩戒 is the TAO's word for its sanctions, and a county bureau's for telecom-fraud suspects' families
    assert issuer_for("对13名滞留缅北人员作出八个一律惩戒决定", "") == "Local public security bureau"
    assert issuer_for("依法实施惩戒措施", "民进党当局") == "Taiwan Affairs Office"
    assert issuer_for("依法实施惩戒措施", "") is None


def test_an_unknown_script_in_the_issuer_file_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "issuers.toml"
    bad.write_text('[[issuer]]\nspeaker = "X"\nmarkers = ["y"]\ncontext = ["z"]\nscripts = ["zh-Latn"]\n', "utf-8")
    with pytest.raises(ValueError, match=r"number 1 needs .*scripts"):
        load_issuers(bad)


def test_every_form_of_a_pursuit_verb_is_a_trigger(ex: ThreatExtractor) -> None:
    # "arrests", "captures", "surrenders" ...: a headline's or report's inflection of a listed verb (round 8)
    (det,) = ex.extract(
        "Hong Kong police have ordered the arrests of six activists who have fled the country.", lang="en"
    )
    assert det.speaker == "Hong Kong Police Force" and det.label == "action"
    assert ex.extract("Police arrests three men over a robbery in Mong Kok.", lang="en") == []


def test_an_official_named_by_surname_confirms_the_issuer_s_side(ex: ThreatExtractor) -> None:
    """Round 8: "Mr Lee told reporters" in a quote that never names him in full is John Lee when the
    measure is Hong Kong's; a surname never speaks for the other side (a mainland measure)."""
    quote = "The only way for an abscondee who will be pursued for life is to surrender, Mr Lee told reporters."
    (det,) = ex.extract(quote, lang="en")
    assert det.speaker == "John Lee Ka-chiu" and det.speaker_inferred
    dets = ex.extract("Mr Lee said the fugitives abroad would be brought back to China under Sky Net.", lang="en")
    assert [d.speaker for d in dets] == ["Fugitive Repatriation and Asset Recovery Office"]


@pytest.mark.parametrize(
    "text,lang,speaker",
    [
        # round 9: a bounty in yuan is a mainland bureau's; the return notices' measures and condition
        # are the local bureaus'; English 'sanctioned' beside Taiwan is the TAO's 惩戒
        (
            "The bureau said it would pay rewards of up to 20,000 yuan for tips on the wanted men.",
            "en",
            "Local public security bureau",
        ),
        ("对逾期未归的人员，一律冻结户籍，列入失信人员名单。", "zh-Hans", "Local public security bureau"),
        ("Two Taiwanese legislators are among those who were sanctioned on Friday.", "en", "Taiwan Affairs Office"),
    ],
)
def test_issuers_of_round_9(ex: ThreatExtractor, text: str, lang: str, speaker: str) -> None:
    (det,) = ex.extract(text, lang=lang)
    assert det.speaker == speaker and det.speaker_inferred


@pytest.mark.parametrize(
    "text,lang",
    [
        # round 10: lifelong pursuit is the HKSAR's vow; a line of it read alone is its government's
        ("逃犯除非自首，否則將被終身追捕。", "zh-Hant"),
        ("“We will pursue them for the rest of their lives,” he said of the wanted men.", "en"),
    ],
)
def test_a_vow_of_lifelong_pursuit_alone_is_the_hksar_governments(ex: ThreatExtractor, text: str, lang: str) -> None:
    (det,) = ex.extract(text, lang=lang)
    assert det.speaker == "HKSAR Government" and det.speaker_inferred
    # lifelong accountability is the TAO's, not this
    assert issuer_for("终身追责", "终身追责", "zh-Hans") != "HKSAR Government"


def test_relatives_taken_in_for_questioning_alone_are_the_hong_kong_polices(ex: ThreatExtractor) -> None:
    (det,) = ex.extract("His parents and brother were taken away for questioning on Tuesday.", lang="en")
    assert det.speaker == "Hong Kong Police Force" and det.speaker_inferred
    # questioning without relatives names no issuer
    assert issuer_for("the suspect was taken away for questioning", "", "en") != "Hong Kong Police Force"


def test_a_household_measure_in_traditional_script_names_no_mainland_bureau() -> None:
    # Taiwan registers households too (戶籍): the measure alone names the mainland only in its script
    assert issuer_for("冻结户籍", "冻结户籍", "zh-Hant") is None
    assert issuer_for("冻结户籍", "冻结户籍", "zh-Hans") == "Local public security bureau"
    assert issuer_for("对滞留缅北人员冻结户籍", "", "zh-Hant") == "Local public security bureau"
