"""The rules' analysis in named steps (nlp/extractor.py ``_Doc.analyse``) and speaker attribution
(nlp/speakers.py): the gates' semantics (stop, or note and go on with ``force``; hard gates),
the evidence keys the sentence model reads, and who speaks."""

from __future__ import annotations

import pytest

import longarm.nlp.mentions  # noqa: F401  (loads the submodule, used through `nlp`)
from longarm import nlp
from longarm.nlp.extractor import Detection, ThreatExtractor, _Doc
from longarm.nlp.speakers import Speaker, SpeakerAttribution


@pytest.fixture(scope="module")
def ex(rules_extractor: ThreatExtractor) -> ThreatExtractor:
    return rules_extractor


def doc_of(ex: ThreatExtractor, text: str, publisher: dict | None = None) -> _Doc:
    prepared = ex._prepare(text, None, publisher)
    assert prepared is not None, text
    return prepared[0]


def test_public_names_are_the_same_classes() -> None:
    assert Detection is nlp.Detection is nlp.mentions.Detection
    assert ThreatExtractor is nlp.ThreatExtractor
    assert issubclass(_Doc, SpeakerAttribution)


def test_evidence_keys_are_those_the_sentence_model_reads(ex: ThreatExtractor) -> None:
    doc = doc_of(ex, "Chief Executive John Lee said Nathan Law and the other absconders would be pursued for life.")
    det = doc.analyse(0)
    assert det is not None
    assert list(det.evidence) == [
        "cues",
        "roles",
        "failed",
        "core",
        "context",
        "abroad",
        "strong",
        "threat_weight",
        "action_weight",
        "persons",
        "listing",
        "own_speaker",
        "firm",
        "turn",
    ]
    ev = det.evidence
    assert ev["failed"] == [] and ev["persons"] == 1 and ev["own_speaker"] and ev["firm"] and ev["turn"] is None
    assert ev["context"] and ev["abroad"] and ev["threat_weight"] > ev["action_weight"]


def test_a_soft_gate_stops_the_rules_and_is_noted_under_force(ex: ThreatExtractor) -> None:
    doc = doc_of(
        ex, "The bounties on activists abroad are transnational repression, and police will keep pursuing them."
    )
    assert doc.analyse(0) is None
    assert doc.failed == ["criticism"] and doc.hard_fail is None
    det = doc.analyse(0, force=True)
    assert det is not None and det.evidence["failed"] == ["criticism"] and doc.hard_fail is None


def test_gates_run_in_order_and_the_first_that_fails_stops(ex: ThreatExtractor) -> None:
    doc = doc_of(ex, "The Secretary for Security may specify absconders wanted for robbery and cancel their passports.")
    assert doc.analyse(0) is None and doc.failed == ["domestic"]
    det = doc.analyse(0, force=True)
    assert det is not None and det.evidence["failed"] == ["domestic", "legal_rule"] and doc.hard_fail is None


def test_too_little_evidence_is_noted_under_force(ex: ThreatExtractor) -> None:
    doc = doc_of(ex, "The bureau said those who turned themselves in would be treated leniently.")
    assert doc.analyse(0) is None and doc.failed == []
    det = doc.analyse(0, force=True)
    assert det is not None and det.evidence["failed"] == ["no_context"]


def test_a_veto_gate_stops_even_under_force(ex: ThreatExtractor) -> None:
    doc = doc_of(ex, "The Security Bureau denied that police had harassed relatives of the wanted activists abroad.")
    for force in (False, True):
        assert doc.analyse(0, force=force) is None
        assert doc.failed == ["denial"] and doc.hard_fail == "denial"


@pytest.mark.parametrize(
    ("text", "publisher", "hard"),
    [
        (
            "Amnesty International condemned the HK$1 million bounties on activists abroad as transnational repression.",
            None,
            "non_state_speaker",
        ),
        (
            "Absconders who have fled overseas cannot escape legal sanctions.",
            {"name": "Amnesty International", "kind": "ngo"},
            "non_state_publisher",
        ),
    ],
)
def test_a_non_state_speaker_is_a_hard_stop(ex: ThreatExtractor, text: str, publisher: dict | None, hard: str) -> None:
    doc = doc_of(ex, text, publisher)
    for force in (False, True):
        assert doc.analyse(0, force=force) is None and doc.hard_fail == hard


def test_speaker_in_sentence_and_from_context(ex: ThreatExtractor) -> None:
    doc = doc_of(ex, "Chief Executive John Lee said the absconders would be pursued for life.")
    info = doc.info(0)
    sp = doc.speaker_in_sentence(info, doc.turn_of(0))
    assert sp is not None and sp.entity is not None and sp.entity.name == "John Lee Ka-chiu" and sp.firm
    done = doc.speaker_from_context(0, info, doc.turn_of(0), sp)
    assert done is not None and (done.name, done.kind) == ("John Lee Ka-chiu", "hk_government")
    # no speaker of its own: the publisher's, when a state body publishes
    doc = doc_of(
        ex,
        "Absconders who have fled overseas cannot escape legal sanctions.",
        {"name": "Security Bureau", "kind": "hk_government"},
    )
    info = doc.info(0)
    sp = doc.speaker_in_sentence(info, None)
    assert sp == Speaker()
    done = doc.speaker_from_context(0, info, None, sp)
    assert done is not None and done.entity is None and (done.name, done.kind) == ("Security Bureau", "hk_government")


def test_the_labelled_official_speaks_the_answer(ex: ThreatExtractor) -> None:
    text = (
        "Bloomberg: Hong Kong police issued arrest warrants for eight overseas activists. What's your comment?\n"
        "Mao Ning: No one is above the law, and those who fled abroad cannot escape justice."
    )
    doc = doc_of(ex, text)
    last = len(doc.spans) - 1
    turn = doc.turn_of(last)
    assert turn is not None and turn[2] == "a"
    sp = doc.speaker_in_sentence(doc.info(last), turn)
    assert sp is not None and sp.firm and sp.entity is not None and sp.entity.name == "Mao Ning"
    assert doc.turn_of(0) is not None and doc.turn_of(0)[2] == "q"
    assert doc.analyse(0) is None and doc.failed == ["question_turn"] and doc.hard_fail == "question_turn"
