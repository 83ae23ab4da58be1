"""longarm.nlp.ThreatExtractor's rules: labels, speakers, targets, hard negatives, and the offsets invariant.

These pin the rules, which give every detection its evidence (speaker, targets, instruments,
offsets, which words fired) and decide alone with ``model=False``; the sentence model that
decides by default is tested on real text (tests/nlp/test_nlp_model.py, `longarm eval --split`)."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from longarm.nlp import Detection, ThreatExtractor
from longarm.nlp.lexicon import load_lexicon


@pytest.fixture(scope="module")
def ex(rules_extractor: ThreatExtractor) -> ThreatExtractor:
    return rules_extractor


def one(ex: ThreatExtractor, text: str, **kw) -> Detection:
    dets = ex.extract(text, **kw)
    assert len(dets) == 1, dets
    return dets[0]


def test_reported_threat_with_speaker_and_target(ex: ThreatExtractor) -> None:
    d = one(ex, "Chief Executive John Lee said Nathan Law and the other absconders would be pursued for life.")
    assert (d.label, d.speaker, d.speaker_kind) == ("threat", "John Lee Ka-chiu", "hk_government")
    assert d.targets == ["Nathan Law Kwun-chung"]


def test_action_in_traditional_chinese(ex: ThreatExtractor) -> None:
    d = one(ex, "警務處國家安全處宣布，以每人一百萬港元懸紅通緝身處海外的羅冠聰及許智峯。")
    assert d.label == "action" and d.speaker == "Police National Security Department"
    assert set(d.instruments) >= {"bounty", "arrest_warrant"}
    assert d.targets == ["Nathan Law Kwun-chung", "Ted Hui Chi-fung"]


def test_simplified_title_and_name(ex: ThreatExtractor) -> None:
    d = one(ex, "国台办发言人朱凤莲表示，对台独顽固分子将依法终身追责，无论其身在何处。")
    assert (d.label, d.speaker, d.speaker_kind) == ("threat", "Zhu Fenglian", "prc_government")
    assert d.targets == []


def test_title_alone_resolves_to_body(ex: ThreatExtractor) -> None:
    d = one(ex, "The Secretary for Security said the absconders would be pursued wherever they hide.")
    assert d.speaker == "Security Bureau"


def test_short_name_after_full_name(ex: ThreatExtractor) -> None:
    text = "Secretary for Security Chris Tang met reporters. Tang said the fugitives abroad would be hunted down."
    d = one(ex, text)
    assert d.speaker == "Chris Tang Ping-keung"


def test_context_speaker_and_anaphoric_targets(ex: ThreatExtractor) -> None:
    text = (
        "警方國安處昨日通緝郭鳳儀及袁弓夷。處方指，二人仍在美國從事危害國家安全的活動。"
        "處方會繼續以一切合法手段追緝他們，絕不罷休。"
    )
    dets = ex.extract(text)
    last = dets[-1]
    assert last.label == "threat" and last.speaker == "Police National Security Department"
    assert set(last.targets) == {"Anna Kwok Fung-yee", "Elmer Yuen Gong-yi"}


def test_publisher_is_the_fallback_speaker(ex: ThreatExtractor) -> None:
    text = "Absconders who have fled overseas cannot escape legal sanctions."
    d = one(ex, text, publisher={"name": "Security Bureau", "kind": "hk_government"})
    assert (d.speaker, d.speaker_kind) == ("Security Bureau", "hk_government")
    d = one(ex, text)
    assert d.speaker is None


@pytest.mark.parametrize(
    "text",
    [
        "Amnesty International condemned the HK$1 million bounties on activists abroad as transnational repression.",
        "Nathan Law said the bounty on his head would not stop him from speaking out.",
        "The Security Bureau denied that police had harassed relatives of the wanted activists abroad.",
        "Hong Kong police hosted an Interpol workshop on cross-border cybercrime.",
        "Police have issued a wanted notice for a man suspected of robbing a jewellery shop in Mong Kok.",
        "今年全市新增天網監控攝像頭三千個，治安案件同比下降兩成。",
        "疫情期间，交警在高速公路卡口劝返无核酸证明的外地车辆二百余辆。",
        "警方通緝一名涉嫌持刀搶劫的男子，並懸紅十萬元徵求線索。",
        "美國國務院發言人譴責香港警方再次發出通緝令，並表示會保護在美港人。",
        "The government will pursue closer economic cooperation with overseas partners.",
    ],
)
def test_hard_negatives(ex: ThreatExtractor, text: str) -> None:
    assert ex.extract(text) == []


def test_empty_and_unrelated(ex: ThreatExtractor) -> None:
    assert ex.extract("") == []
    assert ex.extract("The Observatory said it would be sunny on Thursday.") == []


def test_to_dict_key_order(ex: ThreatExtractor) -> None:
    d = one(ex, "Police issued arrest warrants for Ted Hui, who fled to Australia.")
    assert list(d.to_dict()) == [
        "label",
        "speaker",
        "speaker_kind",
        "targets",
        "instruments",
        "quote",
        "start",
        "end",
        "score",
    ]
    assert 0 < d.score <= 1


def test_jieba_cache_goes_to_our_cache_dir(ex: ThreatExtractor, tmp_path: Path) -> None:
    import jieba

    from longarm.nlp.segment import cache_dir, get_tokenizer

    ex.extract("保安局表示將會終身追究潛逃者。")
    assert get_tokenizer() is jieba.dt
    assert Path(jieba.dt.tmp_dir) == cache_dir()
    assert "longarm" in str(cache_dir()) or os.environ.get("LONGARM_CACHE")


# ------------------------------------------------------------------ offsets invariant (property test)
_FILLER = [
    "The weather was fine. ",
    "天氣很好。",
    "经济持续增长。",
    "\n",
    "  ",
    "Mr. Chan said, ",
    "「",
    "」",
    "“",
    "”",
    "ＡＢＣ",
    "…",
    "; ",
    "Hong Kong",
    "警方表示，",
    "𠮷",
    "e\u0301",
    "İstanbul ",
]


def _cue_terms() -> list[str]:
    terms: list[str] = []
    for c in load_lexicon().cues:
        terms.extend(t.rstrip("*") for t in c.terms)
    return terms


def test_quote_equals_text_slice_on_random_inputs(ex: ThreatExtractor) -> None:
    rng = random.Random(20240624)
    terms = _cue_terms() + ["Nathan Law", "羅冠聰", "罗冠聪", "Chris Tang", "鄧炳強", "保安局局長", "國安處"]
    total = 0
    for _ in range(400):
        parts = []
        for _ in range(rng.randint(1, 14)):
            parts.append(rng.choice(terms) if rng.random() < 0.6 else rng.choice(_FILLER))
            if rng.random() < 0.3:
                parts.append(rng.choice(["。", ". ", "！", "\n", ", ", "，"]))
        text = "".join(parts)
        for d in ex.extract(text, lang=rng.choice([None, "en", "zh-Hant", "zh-Hans"])):
            total += 1
            assert text[d.start : d.end] == d.quote
            assert d.label in ("threat", "action")
            assert d.quote == d.quote.strip()
    assert total > 50  # the generator does reach the rules


# ---------------------------------------------------------------- held-out round 3 (general rules)
def test_official_named_after_designation_speaks(ex: ThreatExtractor) -> None:
    d = one(ex, "Taiwan Affairs Office spokesperson Chen Binhua said the diehards would be held accountable for life.")
    assert d.speaker == "Chen Binhua"


def test_person_of_body_speaks(ex: ThreatExtractor) -> None:
    text = (
        "Police offered HK$1 million rewards for six people wanted for national security offences. "
        "Steve Li of the National Security Department said officers would hunt down the absconders wherever they are."
    )
    assert [d.speaker for d in ex.extract(text)][-1] == "Steve Li Kwai-wah"


def test_a_vague_body_before_a_specific_one_is_its_modifier(ex: ThreatExtractor) -> None:
    # 特区政府|警务处国家安全处: the government named before its department is no speaker of its own (round 8)
    d = one(ex, "特区政府警务处国家安全处已于7月25日公布悬红通缉上述16名潜逃海外人士。")
    assert d.speaker == "Police National Security Department"


def test_an_official_s_verb_outweighs_a_place_named_before_a_report(ex: ThreatExtractor) -> None:
    # 綜合…香港電台報導: "Hong Kong" names a broadcaster there; the Secretary for Security speaks (round 8)
    text = "綜合大公、文匯報、香港電台報導,保安局局長鄧炳強則表示,警方會終身追捕潛逃海外的通緝犯。"
    assert one(ex, text).speaker == "Chris Tang Ping-keung"
    # a weak state subject keeps its verb when what follows is no state body or official
    text = "Police said the wanted activists abroad would be pursued for life, a rights group said."
    assert one(ex, text).speaker == "Hong Kong Police Force"


def test_a_target_named_by_surname_before_a_verb_of_speech_is_no_state_speaker(ex: ThreatExtractor) -> None:
    # the targets' own words are no statement (corpus convention 2), even with a state body after the verb
    text = (
        "Hong Kong police issued arrest warrants for Frances Hui and Anna Kwok, who live abroad. "
        "Hui said the police had put a HK$1 million bounty on her head to silence her. "
        "Hui and Kwok said they were shocked when the Hong Kong government issued the bounties. "
        "Police said the wanted activists abroad would be pursued for life."
    )
    quotes = [d.quote for d in ex.extract(text, lang="en")]
    assert len(quotes) == 2 and quotes[1].startswith("Police said") and not any("Hui" in q[:20] for q in quotes)


def test_pronoun_subject_keeps_context_speaker(ex: ThreatExtractor) -> None:
    text = (
        "Chief Executive John Lee met the media on Tuesday. He said the absconders would be pursued for life. "
        "He added that the police would spare no effort to bring them to justice, however far away they were."
    )
    assert [d.speaker for d in ex.extract(text)] == ["John Lee Ka-chiu", "John Lee Ka-chiu"]
    # (round 9: no longer "…，完全正當": backing the SAR government's measure is an endorsement, left out)
    zh = "國務院港澳辦發言人發表談話。發言人說，潛逃者必將受到法律制裁，特區政府會取消其特區護照。"
    assert [d.speaker for d in ex.extract(zh)] == ["Hong Kong and Macao Affairs Office"]


def test_name_list_after_detection(ex: ThreatExtractor) -> None:
    text = "國安處今日對八名潛逃海外人士發出通緝令，並懸紅一百萬元。八人包括羅冠聰、郭榮鏗、許智峯及郭鳳儀。"
    dets = ex.extract(text)
    assert len(dets) == 2 and dets[1].label == "action"
    assert "Nathan Law Kwun-chung" in dets[1].targets
    # names in an ordinary sentence after a detection are not a list
    text2 = "警方對五名潛逃海外人士發出通緝令。處方指，袁弓夷及郭鳳儀仍在美國從事危害國家安全的活動。"
    assert len(ex.extract(text2)) == 1


def test_questions_and_taiwan_mac_are_not_detections(ex: ThreatExtractor) -> None:
    assert ex.extract("有記者問，政府會否要求英國引渡潛逃者回港受審？") == []
    assert (
        ex.extract(
            "Reporters asked the Secretary for Security whether the Government would seek "
            "the extradition of the absconders from the United Kingdom."
        )
        == []
    )
    assert ex.extract("台灣陸委會表示，中共對台灣人士發出所謂通緝令毫無法律效力，呼籲民眾不必理會。") == []


def test_object_marker_before_name_is_a_listing(ex: ThreatExtractor) -> None:
    d = one(ex, "國台辦宣布，將蕭美琴、顧立雄、林飛帆等列為「台獨」頑固分子清單人員，依法予以懲戒。")
    assert d.label == "action" and "other" in d.instruments


def test_press_conference_turns(ex: ThreatExtractor) -> None:
    """Round 5 (real MFA transcripts): a reporter's question and its premises are no statement;
    the labelled official speaks the answer's sentences that name no speaker of their own."""
    en = (
        "Bloomberg: Hong Kong police issued arrest warrants for eight overseas activists and offered "
        "HK$1 million rewards. What's your comment?\n"
        "Mao Ning: Hong Kong is a society ruled by law. The Hong Kong police acted in accordance with the law. "
        "No one is above the law, and those who fled abroad cannot escape justice."
    )
    assert [(d.label, d.speaker) for d in ex.extract(en)] == [("threat", "Mao Ning")]
    zh = (
        "问：据报道，香港警方对8名潜逃海外的人士发出通缉令并悬红100万港元。中方对此有何评论？\n"
        "答：潜逃海外的人士无论逃到哪里，都必将被缉拿归案。"
    )  # (round 9: no longer "我们坚定支持香港警方…": backing another body's measure is left out, convention 4)
    dets = ex.extract(zh)
    assert len(dets) == 1 and dets[0].quote.startswith("答：")
    hk = (
        "Reporter: Will the Government pursue the absconders overseas?\n"
        "Secretary for Security: We will pursue the absconders for life, no matter where they are."
    )
    assert [d.speaker for d in ex.extract(hk)] == ["Security Bureau"]
    # a state outlet asking at the MFA is still asking
    assert (
        ex.extract(
            "CCTV: Hong Kong police issued warrants for five more absconders abroad today and "
            "offered rewards. What's your comment?"
        )
        == []
    )


@pytest.mark.parametrize(
    "text",
    [
        # MFA on US politicians: 包庇 'cover up for' wrongdoing, 反中亂港 as an adjective of intent
        "个别美国政客抹黑特区政府和警队依法维护法治的正当举措，等同于包庇和纵容违法行为，暴露其反中乱港的用心。",
        # MFA on a foreigner prosecuted in China: 'overseas forces' is no one abroad
        "The defendant was prosecuted for stealing state secrets and passing them illegally to overseas forces.",
        # CCDI: domestic discipline, travel abroad, a court's confiscation, 'no leniency' slogans
        "李某及其家属多次接受商人安排的赴境外旅游。2022年，李某被开除党籍和公职，"
        "涉嫌犯罪问题移送检察机关依法审查起诉。",
        "谭某另有严重违纪违法问题，被开除党籍和公职，判处无期徒刑，没收个人全部财产。",
        "要健全制度，加强案例指导，细化完善惩戒制度。",
        "各地纪委监委对“四风”问题发现一起查处一起，决不放过。",
    ],
)
def test_real_page_negatives(ex: ThreatExtractor, text: str) -> None:
    assert ex.extract(text) == []


def test_publisher_display_name_maps_to_the_body(ex: ThreatExtractor) -> None:
    """Crawl sources have display names ('Ministry of Foreign Affairs: spokesperson's remarks ...'):
    the speaker fallback reports the gazetteer's canonical body, as gold sets name it."""
    pub = {
        "name": "Ministry of Foreign Affairs: spokesperson's remarks and regular press conferences",
        "kind": "prc_government",
    }
    assert ex.publisher_entity(pub) == ("Ministry of Foreign Affairs of the PRC", "prc_government")
    assert ex.publisher_entity({"name": "China Daily (incl. Hong Kong edition)", "kind": "state_media"}) == (
        "China Daily",
        "state_media",
    )
    assert ex.publisher_entity({"name": "Some Unknown Outlet", "kind": "state_media"}) == (
        "Some Unknown Outlet",
        "state_media",
    )
    d = one(ex, "问：有何评论？\n答：潜逃海外的人士不要心存侥幸，早日回头才是唯一出路。", publisher=pub)
    assert d.speaker == "Ministry of Foreign Affairs of the PRC"


# ---------------------------------------------------------------- round 6 (eval/README.md)
def test_bare_police_after_a_mainland_bureau_is_that_bureau(ex: ThreatExtractor) -> None:
    text = (
        "广州市公安局天河区分局发布悬赏通告，对20名台湾“资通电军”人员悬赏通缉。警方表示，将依法追究上述人员的刑事责任。"
    )
    dets = ex.extract(text)
    assert [d.speaker for d in dets] == ["Guangzhou Public Security Bureau"] * 2
    # with no mainland bureau named, 警方 stays the Hong Kong police
    d = one(ex, "警方表示，會繼續全力追緝涉案的十九名潛逃者。")
    assert d.speaker == "Hong Kong Police Force"


def test_press_release_continuation_keeps_the_context(ex: ThreatExtractor) -> None:
    text = (
        "Police in Xiamen have offered rewards for the capture of 18 officers of a Taiwanese military unit. "
        "The notice accused the unit of spreading disinformation. "
        "The bureau said those who turned themselves in would be treated leniently."
    )
    dets = ex.extract(text)
    assert [(d.label, d.speaker) for d in dets] == [
        ("action", "Xiamen Public Security Bureau"),
        ("threat", "Xiamen Public Security Bureau"),
    ]
    assert "bounty" in dets[0].instruments
    # the same sentence alone has no long-arm context
    assert ex.extract("The bureau said those who turned themselves in would be treated leniently.") == []


def test_anonymous_bounty_letters_are_no_statement(ex: ThreatExtractor) -> None:
    assert (
        ex.extract(
            "Neighbours of Carmen Lau received anonymous letters urging them to hand her over "
            "to the Chinese embassy in exchange for a HK$1 million reward."
        )
        == []
    )


def test_prohibited_organisation_and_under_investigation(ex: ThreatExtractor) -> None:
    d = one(
        ex, "The Secretary for Security also prohibited the Hong Kong Democratic Independence Union from operating."
    )
    assert d.label == "action" and d.targets == ["Hong Kong Democratic Independence Union"] and "other" in d.instruments
    d = one(
        ex,
        "The Chongqing Public Security Bureau said it had placed Puma Shen under investigation on suspicion of secession.",
    )
    assert (d.label, d.speaker, d.targets) == ("action", "Chongqing Public Security Bureau", ["Puma Shen"])


# ---------------------------------------------------------------- round 7: whole documents
def test_describing_fugitives_is_no_act_of_pursuit(ex: ThreatExtractor) -> None:
    text = (
        "Answer: The Hong Kong police issued arrest warrants for the absconders. These people have fled abroad "
        "after committing offences endangering national security, and they are fugitives."
    )
    dets = ex.extract(
        text, lang="en", publisher={"name": "Chinese Embassy in the United Kingdom", "kind": "prc_government"}
    )
    assert [d.quote for d in dets] == ["Answer: The Hong Kong police issued arrest warrants for the absconders."]


def test_legco_reply_is_an_answer_turn(ex: ThreatExtractor) -> None:
    text = (
        "Question:\nWill the Government inform this Council of the number of persons wanted?\nReply:\n"
        "President,\nThe Police will continue to pursue the absconders in accordance with the law, "
        "and will not give up no matter where they flee to."
    )
    d = one(ex, text, lang="en", publisher={"name": "Security Bureau", "kind": "hk_government"})
    assert d.label == "threat" and d.speaker == "Hong Kong Police Force"
    assert ex.extract("LCQ12: Absconders wanted for offences endangering national security\n" + text, lang="en")[
        0
    ].quote.startswith("The Police")


def test_them_in_an_answer_refers_to_the_people_asked_about(ex: ThreatExtractor) -> None:
    text = (
        "Bloomberg: Hong Kong police have offered rewards for eight activists living overseas. What is your response?\n"
        "Mao Ning: Hong Kong is a society under the rule of law. We support the Hong Kong police in bringing them "
        "to justice in accordance with the law."
    )
    d = one(ex, text, lang="en")
    assert d.speaker == "Mao Ning" and d.quote.startswith("We support")


def test_bounty_notice_opening_and_its_closing_urge(ex: ThreatExtractor) -> None:
    text = (
        "2025年，台湾地区民进党当局军方“心理作战大队”多名人员对大陆实施网络攻击，涉嫌煽动分裂国家犯罪。\n"
        "为尽快将犯罪嫌疑人缉拿归案，现向社会公开悬赏通缉以下十八名犯罪嫌疑人：\n一、陈某某，男，1980年出生；\n"
        "二、林某某，男，1985年出生；\n三、黄某某，男，1978年出生；\n（其余人员信息见附件）\n"
        "警方敦促上述犯罪嫌疑人认清形势，尽快投案自首，争取宽大处理。"
    )
    dets = ex.extract(
        text, lang="zh-Hans", publisher={"name": "Xiamen Public Security Bureau", "kind": "prc_government"}
    )
    assert [d.label for d in dets] == ["action", "threat"]
    assert dets[1].quote.startswith("警方敦促")


def test_tip_line_after_a_wanted_notice_and_the_dateline(ex: ThreatExtractor) -> None:
    text = (
        "警方就每名被通緝人士提供一百萬元懸紅，以緝拿潛逃海外的他們歸案。"
        "任何人如有相關資料，可致電國家安全處舉報熱線85233。"
    )
    assert len(ex.extract(text, lang="zh-Hant")) == 2
    d = one(
        ex,
        "【大公報訊】警方國家安全處昨日拘捕一名男子，他涉嫌處理潛逃者郭鳳儀的資金。",
        lang="zh-Hant",
        publisher={"name": "Ta Kung Pao", "kind": "pro_beijing_media"},
    )
    assert d.speaker == "Police National Security Department"


def test_another_sense_yields_to_the_fugitive_campaign_itself(ex: ThreatExtractor) -> None:
    # a COVID word is the year's setting beside 追回外逃人员; alone with 劝返 it is a checkpoint (round 8)
    (d,) = ex.extract("据悉,虽受疫情影响,今年追回外逃人员总数仍创中央追逃办成立以来第二好成绩。", lang="zh-Hans")
    assert d.speaker == "Fugitive Repatriation and Asset Recovery Office"
    assert ex.extract("受疫情影响，交警在检查站劝返外地车辆。", lang="zh-Hans") == []


def test_never_ceased_is_no_denial(ex: ThreatExtractor) -> None:
    # 从未间断: the pursuit went on; 从未 alone still denies
    assert len(ex.extract("自2003年杨秀珠外逃到新加坡起,公安机关对她的追捕就从未间断过。", lang="zh-Hans")) == 1
    assert ex.extract("公安机关从未对外逃到新加坡的杨秀珠发出通缉令。", lang="zh-Hans") == []


def test_telecom_fraud_return_measures_on_the_stranded_and_their_families(ex: ThreatExtractor) -> None:
    (d,) = ex.extract("对长期滞留缅北拒不回国的人员,公安局一律注销户口。", lang="zh-Hans")
    assert d.instruments == ["other"]
    (d,) = ex.extract("双峰县公安局对滞留缅北人员老家房屋喷涂“电诈人员之家”字样。", lang="zh-Hans")
    assert d.instruments == ["family_pressure"] and d.speaker == "Shuangfeng County Public Security Bureau"
    assert ex.extract("男子在墙上喷漆涂鸦被警方拘留。", lang="zh-Hans") == []  # a vandal: no one abroad


def test_a_verb_with_its_own_subject_after_a_comma_is_not_the_name_s(ex: ThreatExtractor) -> None:
    # "..., a source said": the target named before the comma does not speak; the police opening
    # the sentence ("Hong Kong" only qualifies them) act (round 8)
    text = "Hong Kong national security police took two brothers of the wanted activist Anna Kwok away for questioning on Monday, a relative said."
    d = one(ex, text)
    assert d.speaker == "Police National Security Department" and d.instruments == ["family_pressure"]
    # an apposition closes with its comma right before the verb: the name before it speaks
    assert one(ex, "Chris Tang, the security chief, said the absconders abroad would be pursued for life.").speaker == (
        "Chris Tang Ping-keung"
    )
    assert ex.extract("Nathan Law, who fled to Britain, said the bounty would not silence him.") == []


def test_an_office_or_a_police_force_the_text_says_is_another_s(ex: ThreatExtractor) -> None:
    # round 9: a red-notice line about a company's chief executive was credited to the HKSAR
    # Government, and Indian police lines to the Hong Kong police
    def office(text: str, title: str) -> bool:
        k = text.index(title)
        return ex.others_office(text, k, k + len(title))

    def police(text: str) -> bool:
        return ex.others_police(text, text.rindex("olice") - 1)

    assert office("asked for a red notice on the chief executive of Orchid Trading", "chief executive")
    assert office("Russia's police chief", "police chief")
    assert not office("Hong Kong's chief executive said", "chief executive")
    assert not office("The Chief Executive said", "Chief Executive")
    assert police("officers of Kerala Police") and police("the Royal Thai Police") and police("U.S. police")
    assert not police("Hong Kong police") and not police("Xiamen police")
    assert not police("in Hong Kong. Police")  # the words of the sentence before
    assert not police("On Monday police")
    for text in (
        "Its chief executive of Orchid Trading said a red notice had been issued for the wanted fugitive abroad.",
        "Kerala Police said a red notice had been issued for the wanted fugitive abroad.",
    ):
        assert all(d.speaker not in ("HKSAR Government", "Hong Kong Police Force") for d in ex.extract(text, lang="en"))
    (d,) = ex.extract("Hong Kong police said the wanted activists abroad would be pursued for life.", lang="en")
    assert d.speaker == "Hong Kong Police Force"


def test_identities_exposed_and_return_notice_measures(extractor: ThreatExtractor) -> None:
    # round 9: the MSS and the PSBs naming Taiwanese officers with their photos and ID numbers; the
    # 一律 measures and the return deadline of telecom-fraud return notices (the shipped extractor:
    # the issuer of a sentence that names none is inferred only with the model)
    ex = extractor
    d = one(ex, "国家安全机关已锁定参与网络攻击的台湾资通电军人员的身份信息。", lang="zh-Hans")
    assert d.speaker == "Ministry of State Security"
    text = "The Quanzhou police identified nine officers of Taiwan's cyber unit, revealing their photos and ID numbers."
    assert one(ex, text, lang="en").speaker == "Quanzhou Public Security Bureau"
    assert ex.extract("警方已查明死者身份。", lang="zh-Hans") == []  # the dead identified at home
    assert ex.extract("Police identified the victim from photos.", lang="en") == []
    assert one(ex, "对滞留缅北人员的直系亲属，政审一律不予通过。", lang="zh-Hans").speaker
    assert ex.extract("所有申请一律网上办理。", lang="zh-Hans") == []  # 一律 with no one stranded


def test_tips_sought_with_the_words_apart(extractor: ThreatExtractor) -> None:
    # round 9: 举报 … 专栏 / 线索 / 邮件 apart, beside Taiwan or a named target; a domestic tip line is nothing
    assert one(extractor, "国台办网站推出举报「台独」打手专栏。", lang="zh-Hans").speaker == "Taiwan Affairs Office"
    assert extractor.extract("市纪委公布举报电话，欢迎群众监督。", lang="zh-Hans") == []


def test_helpers_arrested_at_home_are_no_statement_but_relatives_questioned_are(extractor: ThreatExtractor) -> None:
    # round 9, corpus convention 4: domestic arrests, including of people funding exiles
    text = (
        "Police arrested three people on Tuesday on suspicion of funding two activists who fled abroad and are wanted."
    )
    assert extractor.extract(text, lang="en") == []
    text = "Police took away the activist's parents for questioning on suspicion of funding their wanted son abroad."
    assert one(extractor, text, lang="en").speaker == "Hong Kong Police Force"


def test_backing_another_body_s_measure_is_no_statement_unless_the_backer_threatens(
    extractor: ThreatExtractor,
) -> None:
    # round 9, corpus convention 4: endorsements of another body's measure are left out
    assert (
        extractor.extract(
            "駐港國安公署發表聲明，堅決支持香港警方依法通緝十九名潛逃海外人士的正義之舉。", lang="zh-Hant"
        )
        == []
    )
    # ... but a lifelong pursuit in the backer's own words is a threat (終身追捕: hunt_zh + for_life)
    (d,) = extractor.extract("行政長官今天說，他完全支持警方通緝八名海外人士，並會終身追捕。", lang="zh-Hant")
    assert d.label == "threat"


def test_fugitives_brought_back_and_netted_abroad(ex: ThreatExtractor) -> None:
    # round 10: the English of 追回 and 落网, rules alone
    text = (
        "The Ministry of Public Security said police brought 300 fugitives back to China from 40 countries last year."
    )
    d = one(ex, text, lang="en")
    assert d.speaker == "Ministry of Public Security" and d.label == "action"
    text = "The Ministry of Public Security said police netted 120 fugitives hiding in 30 countries and regions."
    assert one(ex, text, lang="en").speaker == "Ministry of Public Security"
    # back home from a holiday is no return of a fugitive
    assert ex.extract("The minister flew back to China after the summit.", lang="en") == []


def test_a_local_body_after_its_province_opens_the_sentence_as_its_subject(ex: ThreatExtractor) -> None:
    # round 10: 福建|厦门市公安局发布悬赏通告: the province before the bureau does not hide the subject
    doc, _cands = ex._prepare("福建廈門市公安局今日發布懸賞通告，懸賞緝拿甄大明等18名台灣軍方人員。", "zh-Hant", None)
    det = doc.analyse(0, force=True)
    assert det is not None and det.speaker == "Xiamen Public Security Bureau"


def test_a_source_after_according_to_and_an_agent_after_by_are_no_speakers(ex: ThreatExtractor) -> None:
    # round 10: the name before "according to" is not its source; "a move condemned by rights groups"
    # is a participle, the police placed the bounties (corpus convention 3: the main predicate decides)
    text = (
        "Hong Kong national security police took away the brothers of wanted activist Anna Kwok for "
        "questioning, according to local media."
    )
    assert one(ex, text, lang="en").speaker == "Police National Security Department"
    text = (
        "Hong Kong police placed HK$1 million bounties on eight activists in exile, in a move condemned by "
        "rights groups and Western governments."
    )
    assert one(ex, text, lang="en").speaker == "Hong Kong Police Force"
    # criticism as the main predicate stays no statement
    assert ex.extract("The bounties on the activists abroad were condemned by Amnesty International.", lang="en") == []


def test_a_subject_followed_by_a_participle_and_by_is_no_speaker(ex: ThreatExtractor) -> None:
    # round 10: a caption "Six activists wanted by HK police, ..." is the police's measure, not the
    # activists' words
    text = "Six activists wanted by Hong Kong police for national security offences, all living abroad."
    assert one(ex, text, lang="en").speaker == "Hong Kong Police Force"


def test_a_return_judged_a_success_is_no_statement(extractor: ThreatExtractor) -> None:
    # round 10, corpus convention 4: "X's return is an important result of cooperation" evaluates a
    # return; the report of the return itself is a statement
    assert extractor.extract("甄大明归案是中美执法合作的重要成果。", lang="zh-Hans") == []
    text = "The spokesman said the fugitive's return was an important result of anti-corruption cooperation."
    assert extractor.extract(text, lang="en") == []
    assert one(extractor, "外逃13年的甄大明日前回国投案自首，中央追逃办表示。", lang="zh-Hans")


def test_a_measure_not_taken_is_no_statement(extractor: ThreatExtractor) -> None:
    # round 10: "no arrests have been made" reports that nothing was done to the people abroad
    text = "Police said tips on the wanted activists abroad had come in, but no arrests have been made."
    assert extractor.extract(text, lang="en") == []
    text = "Police said they had issued arrest warrants for the activists abroad and would pursue them."
    assert one(extractor, text, lang="en").speaker == "Hong Kong Police Force"


def test_a_pronoun_going_on_after_a_non_state_speaker_is_no_state_speaker(ex: ThreatExtractor) -> None:
    # round 10: '"...," he wrote' after "Zhen wrote on X that ..." (the wanted man himself) goes on in
    # his words, not the police's
    text = (
        "Police placed a bounty of HK$1 million on Zhen Daming, who lives in Britain.\n"
        "Zhen wrote on X that he embraced the charges.\n"
        "“Being hunted by the police under a one-million-dollar bounty is an honour,” he wrote."
    )
    quotes = [d.quote for d in ex.extract(text, lang="en")]
    assert quotes and not any("honour" in q for q in quotes), quotes


def test_foreign_officials_named_in_chinese_are_non_state_speakers(extractor: ThreatExtractor) -> None:
    # round 10: the Chinese names of British and US foreign ministers (卡梅伦, 布林肯) criticising a
    # measure are no state statement (convention 2)
    assert extractor.extract("卡梅伦指责香港警方通缉5名外逃人士。", lang="zh-Hans") == []
    assert extractor.extract("布林肯譴責香港警方懸紅通緝海外港人。", lang="zh-Hant") == []


def test_counter_sanctions_on_foreign_officials_are_no_statement(extractor: ThreatExtractor) -> None:
    # round 10: the MFA's sanctions on U.S. officials are diplomacy, not pursuit; the TAO's on a
    # Taiwanese official stay a statement
    text = "The foreign ministry said China would impose sanctions on U.S. officials who meddled in Hong Kong affairs."
    assert extractor.extract(text, lang="en") == []
    text = "The Taiwan Affairs Office said it had imposed sanctions on Zhen Daming, a Taiwan independence diehard."
    assert one(extractor, text, lang="en").speaker == "Taiwan Affairs Office"


def test_a_target_who_has_written_or_mentioned_speaks_in_his_own_words(extractor: ThreatExtractor) -> None:
    # round 11: "written" and "mentioned" are verbs of speech: the wanted man's own line after the
    # notice is his, not the police's
    text = (
        "Police placed a bounty of HK$1 million on Zhen Daming, who lives in Britain.\n"
        "“Wow, the police just put a price on my head again,” Zhen has written on X."
    )
    quotes = [d.quote for d in extractor.extract(text, lang="en")]
    assert quotes and not any("price on my head" in q for q in quotes), quotes
    text = (
        "Police placed a bounty of HK$1 million on Zhen Daming, who lives in Britain.\n"
        "Mr. Zhen mentioned that he must take more care about revealing where he lives because of the bounty."
    )
    quotes = [d.quote for d in extractor.extract(text, lang="en")]
    assert quotes and not any("revealing" in q for q in quotes), quotes


def test_page_furniture_is_never_a_statement(extractor: ThreatExtractor) -> None:
    # round 11: a row of tags and a thread's address repeat the article's words (stored pages keep them)
    text = (
        "Hong Kong police placed bounties of HK$1 million on five activists abroad on Thursday.\n"
        "#Hong #Kong #Police #Bounty #Activists #Overseas\n"
        "forum.example.org/12345-99-police-bounty-for-activists-abroad&goto=newpost"
    )
    dets = extractor.extract(text, lang="en")
    assert [d.quote for d in dets] == [
        "Hong Kong police placed bounties of HK$1 million on five activists abroad on Thursday."
    ]


def test_instruments_named_as_the_corpus_names_them(rules_extractor: ThreatExtractor) -> None:
    # round 11: the 100 red-notice fugitives quoted (“百名红通”人员), family measures of the telecom-fraud
    # notices, and assets frozen are reported as instruments
    text = "中央追逃办表示，“百名红通”人员甄大明日前回国投案自首。"
    assert "red_notice" in one(rules_extractor, text, lang="zh-Hans").instruments
    text = "双牌县公安局通告：拒不回国的滞留缅北人员，其直系三代家庭成员在参军、入党时一律不予通过。"
    assert "family_pressure" in one(rules_extractor, text, lang="zh-Hans").instruments
    text = "Police said they had issued arrest warrants for the six activists abroad and would consider freezing their assets."
    assert set(one(rules_extractor, text, lang="en").instruments) >= {"arrest_warrant", "other"}


def test_an_instrument_named_only_is_no_evidence(rules_extractor: ThreatExtractor) -> None:
    # round 11: instruments.toml entries of core 0 name the instrument for a detection but weigh
    # nothing: a sentence with only them is no statement, and its evidence does not list them
    from longarm.nlp.extractor import _named_only

    named_only = [c for c in rules_extractor.lex.cues if _named_only(c)]
    assert named_only and all(not c.trigger for c in named_only)
    assert (
        rules_extractor.extract("The report looked at economic fugitives and entry bans in general.", lang="en") == []
    )


def test_a_return_to_surrender_is_no_persuasion(rules_extractor: ThreatExtractor) -> None:
    # round 11: a fugitive's own return to surrender is a return from abroad (a statement), but the
    # instrument persuade_return is kept for persuasion (corpus: 7 of 26 such statements)
    det = one(rules_extractor, "外逃13年的“百名红通人员”甄大明日前回国投案自首，中央追逃办表示。", lang="zh-Hans")
    assert det.instruments == ["red_notice"]
    det = one(rules_extractor, "中央追逃办表示，经多次劝返，外逃人员甄大明日前回国投案自首。", lang="zh-Hans")
    assert "persuade_return" in det.instruments


def test_rewards_and_relatives_in_a_detection_are_its_instruments(rules_extractor: ThreatExtractor) -> None:
    # round 11: named-only entries; combos that need the same words keep their weight
    text = "Xiamen police offered rewards for information on 18 members of the Taiwanese unit, the bureau said."
    assert "bounty" in one(rules_extractor, text, lang="en").instruments
    text = "The aunt and uncle of the wanted activist Zhen Daming, who lives in London, were taken in for questioning, police said."
    assert one(rules_extractor, text, lang="en").instruments == ["family_pressure"]
    assert (
        rules_extractor.extract("Police offered a reward for information on the killer of a cleaner.", lang="en") == []
    )


def test_a_consequence_on_a_condition_is_a_threat(rules_extractor: ThreatExtractor) -> None:
    # round 11, convention 3: what follows if the people do not comply is a warning
    text = "县公安局通告：对于在规定时间拒不回国的滞留缅北人员，注销户口。"
    assert one(rules_extractor, text, lang="zh-Hans").label == "threat"
    text = "Police said the wanted activists abroad must surrender, or else they would be pursued for life."
    assert one(rules_extractor, text, lang="en").label == "threat"


def test_what_is_announced_to_come_is_a_threat(rules_extractor: ThreatExtractor) -> None:
    # round 11, convention 3: a campaign launched now, an appeal, a warning not to are threats
    text = "公安部部署开展“猎狐2030”专项行动，缉捕外逃经济犯罪嫌疑人。"
    assert one(rules_extractor, text, lang="zh-Hans").label == "threat"
    text = "警方懸紅通緝5名潛逃海外人士，並鼓勵市民提供線索。"
    assert one(rules_extractor, text, lang="zh-Hant").label == "threat"
