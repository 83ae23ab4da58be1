"""Names no gazetteer lists (nlp/names.py), local bodies (nlp/local_bodies.py), romanisation."""

from __future__ import annotations

import pytest

from longarm.nlp import ThreatExtractor
from longarm.nlp.local_bodies import find_local_bodies, refine_speaker
from longarm.nlp.names import group_reference, titled_speaker, unlisted_targets
from longarm.nlp.normalize import normalize
from longarm.nlp.romanize import person_name, place_name


def _names(text: str, lang: str) -> list[str]:
    return [n.text for n in unlisted_targets(text, normalize(text), 0, len(text), lang)]


@pytest.mark.parametrize(
    "text,lang,expected",
    [
        ("警方國安處懸紅通緝多名身處海外人士，包括甄大明、湯美玲及柯子健", "zh-Hant", ["甄大明", "湯美玲", "柯子健"]),
        ("要求韦大鹏等96名滞留缅北人员限期回国", "zh-Hans", ["韦大鹏"]),
        ("“百名红通人员”梁锦文回国投案", "zh-Hans", ["梁锦文"]),
        ("公安机关对台湾网红八炯立案侦查", "zh-Hans", ["八炯"]),
        (
            "Police are looking for male Cheng Man-kit, 33, and female Hui Wing-ting, 30.",
            "en",
            ["Cheng Man-kit", "Hui Wing-ting"],
        ),
        ("Guo Jiefang, a fugitive on the red notice list, returned to China.", "en", ["Guo Jiefang"]),
        ("Hong Kong police said the Tai Po fire was under control.", "en", []),
        ("美国、英国、加拿大和澳洲", "zh-Hans", []),
        ("对陈某某等人发布通缉令", "zh-Hans", []),  # anonymised names are not names
        ("外交部发言人陆慷表示，中方将追逃到底", "zh-Hans", []),  # an official, not a target
        ("诈骗集团头目甄大明被押解回国", "zh-Hans", ["甄大明"]),  # a role before the name (round 9)
        ("将检察官柯子健列为帮凶", "zh-Hans", ["柯子健"]),
        ("国台办主任柯子健表示，将依法惩戒", "zh-Hans", []),  # an official's title: the speaker
    ],
)
def test_unlisted_names(text: str, lang: str, expected: list[str]) -> None:
    assert _names(text, lang) == expected


def test_gazetteer_mentions_are_not_unlisted(rules_extractor: ThreatExtractor) -> None:
    text = "包括甄大明、湯美玲及柯子健"
    n = normalize(text)
    assert [x.text for x in unlisted_targets(text, n, 0, len(text), "zh-Hant", taken=[(2, 5)])] == ["湯美玲", "柯子健"]
    ex = rules_extractor  # in the extractor, gazetteer names are mentions, never unlisted
    dets = ex.extract("警方國安處懸紅通緝袁弓夷、何良懋及甄大明，三人潛逃海外。", lang="zh-Hant")
    assert dets and dets[0].unlisted_targets == ["甄大明"]
    assert {"Elmer Yuen Gong-yi", "Victor Ho Leung-mau", "甄大明"} <= set(dets[0].targets)


def test_titled_official_is_the_speaker() -> None:
    for text, lang, name in [
        ("公安部新闻发言人、刑侦局副局长吴和平介绍，", "zh-Hans", "吴和平"),
        ("Foreign Ministry spokesman Lu Kang said on Monday", "en", "Lu Kang"),
    ]:
        found = titled_speaker(text, normalize(text), 0, len(text), lang)
        assert found is not None and found.text == name
    assert titled_speaker("发言人表示", "发言人表示", 0, 5, "zh-Hans") is None


def test_romanisation() -> None:
    assert person_name("吴和平") == "Wu Heping"
    assert person_name("曾庆红") == "Zeng Qinghong"  # the surname's reading as a name
    assert place_name("保康") == "Baokang"


@pytest.mark.parametrize(
    "text,name",
    [
        ("据湖北保康县公安局消息", "Baokang County Public Security Bureau"),
        ("广西来宾市公安局发布通告", "Laibin Public Security Bureau"),
        ("湖南攸县公安局", "You County Public Security Bureau"),
        ("广东省纪委监委", "Guangdong Provincial Commission for Discipline Inspection"),
        ("甘肃省公安厅", "Gansu Public Security Department"),
        ("天津市追逃办", "Tianjin Fugitive Recovery Office"),
        ("郑州市中级人民法院", "Zhengzhou Intermediate People's Court"),
    ],
)
def test_local_bodies(text: str, name: str) -> None:
    assert [b.name for b in find_local_bodies(normalize(text))] == [name]


def test_a_bare_provincial_body_is_of_the_province_the_text_named() -> None:
    # a report names 浙江省纪委监委 once, then writes 省纪委、省追逃办 (round 9)
    norm = normalize("浙江省纪委监委通报追逃工作。省追逃办负责人介绍，省纪委将继续追逃。")
    assert [b.name for b in find_local_bodies(norm)] == [
        "Zhejiang Provincial Commission for Discipline Inspection",
        "Zhejiang Provincial Fugitive Recovery Office",
        "Zhejiang Provincial Commission for Discipline Inspection",
    ]
    # no province named before, or two different ones: 省 cannot be told
    assert find_local_bodies(normalize("记者采访了省追逃办")) == []
    two = normalize("浙江省与广东省召开会议。省追逃办介绍了情况。")
    assert [b.name for b in find_local_bodies(two)] == []


def test_no_local_body_without_a_place() -> None:
    for text in ("中央纪委国家监委", "该市公安局", "地方公安局", "县政府", "据悉公安局"):
        assert find_local_bodies(normalize(text)) == [], text


def test_generic_speaker_refined_from_the_sentence_or_before_only() -> None:
    norm = normalize("隆回县公安局发布通告。警方表示，将依法惩戒。多地发布通告，敦促回国。")
    assert (
        refine_speaker(find_local_bodies(norm), 12, 22, "Local public security bureau").name
        == "Longhui County Public Security Bureau"
    )
    later = normalize("多地发布通告，敦促回国。隆回县公安局发布通告。")
    assert refine_speaker(find_local_bodies(later), 0, 12, "Local public security bureau") is None


def test_group_reference() -> None:
    for text in ("bounties on six more activists", "通缉多6名身处海外人士", "通缉8人"):
        n = normalize(text)
        assert group_reference(n, 0, len(n), "en")
    assert not group_reference("the government said", 0, 19, "en")


def test_unlisted_targets_in_the_analyze_output(rules_extractor: ThreatExtractor) -> None:
    ex = rules_extractor
    text = (
        "廣西來賓市公安局發布通告，要求韋大鵬等96名滯留緬北人員自通告發布之日起7日內回國投案自首，"
        "逾期不歸者將依法懲處，其家屬亦將受影響。"
    )
    dets = ex.extract(text, lang="zh-Hant")
    assert dets, "the notice is a detection"
    d = dets[0].to_dict()
    assert "韋大鵬" in d["targets"] and d["unlisted_targets"] == ["韋大鵬"]
    assert d["speaker"] == "Laibin Public Security Bureau"


def test_a_name_in_apposition_to_a_state_office_is_an_official_not_a_target() -> None:
    # round 10: "said Chen Zhen, deputy director of the Shanghai Public Security Bureau" speaks;
    # a former official, or the director of a body that is no state one, stays a name to pursue
    text = "Police caught 40 fugitives abroad this year, said Zhen Daming, deputy director of the Shanghai Public Security Bureau."
    assert "Zhen Daming" not in _names(text, "en")
    text = "Police caught Zhen Daming, former head of a Bank of China branch, in Canada after years on the run."
    assert "Zhen Daming" in _names(text, "en")
    text = (
        "Police put a bounty on Zhen Daming, executive director of the Hong Kong Democracy Council, who lives abroad."
    )
    assert "Zhen Daming" in _names(text, "en")
