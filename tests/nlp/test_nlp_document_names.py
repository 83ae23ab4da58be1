"""Issue 9, targets and speakers on real text: the document's people named again by a shorter form
(nlp/document_names.py), targets carried from the detection before, statistics, vague actors,
local police by city, the end of an answer turn, an official named again by title.

Fixtures are written here: public facts (the 2023 bounties, the Sky Net returns) with made-up
sentences, and made-up people (甄大明, 湯美玲) where a name must be one no gazetteer lists."""

from __future__ import annotations

import pytest

from longarm.nlp import ThreatExtractor
from longarm.nlp.document_names import DocPerson, add_person, references, surname_of
from longarm.nlp.local_bodies import find_local_bodies
from longarm.nlp.names import group_reference, group_size, statistic, title_reference, unlisted_targets
from longarm.nlp.normalize import normalize


@pytest.fixture(scope="module")
def rules() -> ThreatExtractor:
    return ThreatExtractor(model=False)


# ---------------------------------------------------------------- surnames and short references
@pytest.mark.parametrize(
    "written,surname",
    [
        ("Cheng Man-kit", "Cheng"),
        ("Simon Cheng Man-kit", "Cheng"),
        ("Guo Jiefang", "Guo"),
        ("Dolkun Isa", "Isa"),
        ("Joseph Tay", "Tay"),
        ("钟翰林", "钟"),
        ("欧阳大明", "欧阳"),
        ("八炯", None),  # a handle: no surname
        ("Kuma", None),
    ],
)
def test_surname_of(written: str, surname: str | None) -> None:
    assert surname_of(written) == surname


def _people(*entries: tuple[str, bool, str]) -> list[DocPerson]:
    people: dict[str, DocPerson] = {}
    for k, (name, listed, written) in enumerate(entries):
        add_person(people, name, listed, k, normalize(written), written)
    return list(people.values())


def _refs(text: str, lang: str, people: list[DocPerson], taken: list[tuple[int, int]] | None = None) -> list[str]:
    return [p.name for _s, p in references(text, normalize(text), 0, len(text), lang, people, taken or [])]


def test_an_english_surname_stands_for_the_person_the_document_named() -> None:
    people = _people(("Guo Jiefang", False, "Guo Jiefang"))
    assert _refs("Under the relentless pursuit, Guo returned to China, it said.", "en", people) == ["Guo Jiefang"]
    assert _refs("Guo Jiefang's case was closed.", "en", people) == ["Guo Jiefang"]  # the full form too
    # a capitalised word inside another name is not the surname
    assert _refs("Guo Wei, a spokesman, said nothing.", "en", people) == []


def test_an_ambiguous_surname_stands_for_no_one() -> None:
    people = _people(("Nathan Law Kwun-chung", True, "Nathan Law"), ("Finn Lau Cho-dik", True, "Finn Lau"))
    assert _refs("Lau is wanted.", "en", people) == ["Finn Lau Cho-dik"]
    two = _people(("Ted Hui Chi-fung", True, "Ted Hui"), ("Frances Hui Wing-ting", True, "Frances Hui"))
    assert _refs("Hui is wanted.", "en", two) == []


def test_a_common_word_opening_a_sentence_is_no_surname() -> None:
    people = _people(("Nathan Law Kwun-chung", True, "Nathan Law"))
    text = "Law enforcement officers said the law applies abroad."
    assert _refs(text, "en", people) == []
    assert _refs("Law said he would not return.", "en", people) == ["Nathan Law Kwun-chung"]


def test_a_chinese_surname_opening_a_clause_stands_for_the_person() -> None:
    people = _people(("Tony Chung Hon-lam", True, "鍾翰林"))
    assert _refs("鍾在2023年刑滿獲釋，但潛逃至英國。", "zh-Hant", people) == ["Tony Chung Hon-lam"]
    # not inside a word (鐘錶), not in the middle of a clause
    assert _refs("警方在鐘錶店調查。", "zh-Hant", people) == []


def test_a_name_found_once_is_found_again_bare() -> None:
    people = _people(("甄大明", False, "甄大明"))
    assert _refs("但甄大明的名字仍在紅色通緝名單上。", "zh-Hant", people) == ["甄大明"]
    assert _refs("但甄大明的名字仍在名單上。", "zh-Hant", people, taken=[(1, 4)]) == []  # read already


# ---------------------------------------------------------------- names.py additions
def test_an_enumeration_whose_last_name_carries_the_verb() -> None:
    text = "第一，將甄大明、湯美玲列為「台獨」頑固分子，依法實施懲戒。"
    assert [n.text for n in unlisted_targets(text, normalize(text), 0, len(text), "zh-Hant")] == ["甄大明", "湯美玲"]
    text = "警方對陳姓男子展開調查"
    assert [n.text for n in unlisted_targets(text, normalize(text), 0, len(text), "zh-Hant")] == []


@pytest.mark.parametrize(
    "text,is_statistic",
    [
        ("天网行动共追回外逃人员1421人", True),
        ("累计3.1万名电信网络诈骗犯罪嫌疑人移交我方", True),
        ("As many as 409 Chinese fugitives were returned", True),
        ("警方悬红通缉19名身处海外人士", False),
        ("a bounty of HK$1 million for each of the 8 people", False),
    ],
)
def test_statistics_count_more_than_a_list(text: str, is_statistic: bool) -> None:
    n = normalize(text)
    assert statistic(n, 0, len(n)) is is_statistic


def test_a_counted_group_larger_than_a_list_is_no_group_reference() -> None:
    for text, group in (
        ("追回外逃人员1421人，其中红通人员28人", False),
        ("通缉19名人士", True),
        ("通缉十九名人员", True),
    ):
        n = normalize(text)
        assert group_reference(n, 0, len(n), "zh-Hans") is group, text


def test_a_group_holds_the_number_said_after_the_names_and_deng() -> None:
    for text, size in (
        ("警方通緝甄大明和湯美玲等 8 名海外港人", 8),  # two of eight named: all eight meant
        ("police named Nathan Law and the eight activists", 2),  # an English count alone: at least two
        ("香港議會16人列潛逃者，包括甄大明、湯美玲", 2),  # a count with a list: the ones listed
        ("警方懸紅通緝19名在境外籌組、成立或參與顛覆組織的人士", 2),  # a count right after the measure
        ("天网行动共追回外逃人员1421人", None),  # statistics
        ("the government said", None),
    ):
        n = normalize(text)
        assert group_size(n, 0, len(n), "zh-Hant") == size, text


def test_two_named_of_a_counted_group_take_the_rest_from_the_document(rules: ThreatExtractor) -> None:
    text = (
        "警方國安處懸紅通緝甄大明、湯美玲、龐志遠及柯永健，四人均身處海外。"
        "行政長官表示，全力支持警方通緝甄大明和湯美玲等4名海外人士，並會終身追捕。"
    )
    dets = rules.extract(text, lang="zh-Hant")
    last = [d for d in dets if "終身追捕" in d.quote]
    assert last, [d.quote for d in dets]
    assert {"甄大明", "湯美玲", "龐志遠", "柯永健"} <= set(last[0].targets), last[0].targets


def test_title_reference() -> None:
    for text, lang, title in (
        ("“We will find him,” the acting superintendent said.", "en", "superintendent"),
        ("The spokesman said nothing new.", "en", "spokesman"),
        ("该局长表示，将依法追逃。", "zh-Hans", "局长"),
        ("Superintendent Tai said so.", "en", None),
    ):
        n = normalize(text)
        assert title_reference(n, 0, len(n), lang) == title, text


# ---------------------------------------------------------------- targets in the extractor
def test_targets_named_again_by_surname_or_bare_form(rules: ThreatExtractor) -> None:
    text = (
        "Guo Jiefang, a fugitive on the red notice list, fled to the United States in 2000.\n"
        "The Central Commission for Discipline Inspection said Guo returned to China and turned herself in "
        "after years of pursuit abroad."
    )
    dets = rules.extract(text, lang="en")
    by_quote = {d.quote[:10]: d for d in dets}
    assert "Guo Jiefang" in by_quote["The Centra"].targets


def test_a_detection_naming_no_one_carries_the_targets_before_it(rules: ThreatExtractor) -> None:
    text = (
        "Hong Kong national security police issued arrest warrants for Nathan Law and Ted Hui, who fled abroad, "
        "and offered bounties of HK$1 million.\n"
        "The court issued the arrest warrants at the request of the police."
    )
    dets = rules.extract(text, lang="en")
    assert len(dets) == 2
    assert set(dets[1].targets) == {"Nathan Law Kwun-chung", "Ted Hui Chi-fung"}


def test_a_headline_naming_no_one_takes_the_people_of_its_report(rules: ThreatExtractor) -> None:
    text = (
        "Hong Kong police place bounties on activists abroad\n"
        "The national security police issued arrest warrants for Nathan Law and Ted Hui, who fled overseas."
    )
    dets = rules.extract(text, lang="en")
    assert dets and dets[0].start == 0
    assert set(dets[0].targets) == {"Nathan Law Kwun-chung", "Ted Hui Chi-fung"}


def test_statistics_take_no_ones_name(rules: ThreatExtractor) -> None:
    text = "“百名红通人员”梁锦文回国投案自首。今年以来，天网行动共从海外追回外逃人员1421人，追回赃款29.5亿元。"
    dets = rules.extract(text, lang="zh-Hans")
    assert dets and "梁锦文" in dets[0].targets
    assert all(not d.targets for d in dets if "1421" in d.quote)


def test_a_pronoun_takes_the_person_named_paragraphs_before(rules: ThreatExtractor) -> None:
    text = (
        "Anna Kwok, a Hong Kong activist living in the United States, leads a lobbying group.\n"
        "She has campaigned in Washington for years.\n"
        "Her group has grown since 2021.\n"
        "It has twenty members.\n"
        "Hong Kong national security police imposed a bounty on her and issued an arrest warrant for her."
    )
    dets = rules.extract(text, lang="en")
    assert dets and dets[-1].targets == ["Anna Kwok Fung-yee"]


# ---------------------------------------------------------------- speakers
def test_a_vague_actor_yields_to_the_body_the_report_names(rules: ThreatExtractor) -> None:
    text = (
        "The Ministry of Public Security issued a wanted notice for ten fugitives hiding in northern Myanmar.\n"
        "China offered rewards of up to 500,000 yuan for the fugitives who fled abroad."
    )
    dets = rules.extract(text, lang="en")
    assert [d.speaker for d in dets] == ["Ministry of Public Security", "Ministry of Public Security"]


def test_a_government_named_as_itself_keeps_its_statement(rules: ThreatExtractor) -> None:
    text = (
        "The Police National Security Department issued arrest warrants for six absconders who fled overseas.\n"
        "The HKSAR Government will take all necessary measures to bring the absconders abroad to justice."
    )
    dets = rules.extract(text, lang="en")
    assert dets[-1].speaker == "HKSAR Government"


@pytest.mark.parametrize(
    "text,name",
    [
        ("广州公安局发布悬赏通告", "Guangzhou Public Security Bureau"),
        ("中国重庆公安日前立案侦查", "Chongqing Public Security Bureau"),
        ("police in chongqing have launched an investigation", "Chongqing Public Security Bureau"),
        ("the xiamen municipal public security bureau said", "Xiamen Public Security Bureau"),
    ],
)
def test_city_police_named_without_a_level_word(text: str, name: str) -> None:
    assert [b.name for b in find_local_bodies(normalize(text))] == [name]


def test_no_city_police_for_several_places_or_the_sar() -> None:
    for text in ("湖南多地公安再次发布通报", "香港特区政府刊宪", "特區政府勸喻潛逃者回港自首"):
        assert find_local_bodies(normalize(text)) == [], text


def test_a_bare_police_after_a_mainland_city_police_is_that_police(rules: ThreatExtractor) -> None:
    text = (
        "Police in Chongqing have launched a criminal investigation into Puma Shen, a Taiwanese legislator, "
        "and issued a wanted notice for him."
    )
    dets = rules.extract(text, lang="en")
    assert dets and dets[0].speaker == "Chongqing Public Security Bureau"


def test_an_answer_ends_at_a_line_with_another_label(rules: ThreatExtractor) -> None:
    text = (
        "毛宁：中方高度关注缅北局势，要求各方停火。\n"
        "延伸阅读\n"
        "媒体：缅北家族势力覆灭在即\n"
        "12月10日晚间，中国公安部发布通缉令，悬赏通缉十名潜逃境外的电信网络诈骗犯罪集团头目，敦促其回国投案。"
    )
    dets = rules.extract(text, lang="zh-Hans")
    assert dets and dets[-1].speaker == "Ministry of Public Security"


def test_an_official_named_again_by_title(rules: ThreatExtractor) -> None:
    text = (
        "Acting Superintendent Tai Yuk-lun said police were looking for the suspect, who fled abroad.\n"
        "“We have extradition agreements with some places and will bring the suspect abroad to justice,” "
        "the acting superintendent said."
    )
    dets = rules.extract(text, lang="en", publisher={"name": "HKSAR Government", "kind": "hk_government"})
    assert dets and dets[-1].speaker == "Tai Yuk-lun"
