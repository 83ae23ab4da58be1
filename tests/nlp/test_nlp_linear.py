"""Analysis stays linear in the length of a text (issue 10), checked by structure, not by timing
(benchmarks/bench_long_input.py has the figures): sentences are bounded, the matcher reads only
the window it is asked about, and the per-document indexes answer like the scans they replace."""

from __future__ import annotations

import random

import pytest

from longarm.nlp import ThreatExtractor
from longarm.nlp.normalize import normalize
from longarm.nlp.prefilter import Matcher, Pattern
from longarm.nlp.sentences import split_sentences

WARRANT = "Police issued arrest warrants for Ted Hui, who fled to Australia."


@pytest.fixture(scope="module")
def ex(rules_extractor: ThreatExtractor) -> ThreatExtractor:
    return rules_extractor


@pytest.mark.parametrize(
    "text",
    [
        "word " * 5000,  # no sentence end at all
        "通缉潜逃者" * 2000,  # Han, no spaces, no punctuation
        "a, " * 3000 + "b" * 4500,  # a list, then a run with nowhere to cut
    ],
)
def test_no_sentence_is_longer_than_the_cap(text: str) -> None:
    cap = 2000
    spans = split_sentences(text, cap)
    assert spans and all(0 < e - s <= cap for s, e in spans)
    assert all(spans[k][1] <= spans[k + 1][0] for k in range(len(spans) - 1))
    covered = "".join(text[s:e] for s, e in spans)
    assert covered.replace(" ", "") == text.replace(" ", "")  # nothing lost but the spaces cut at
    if " " in text[:cap]:
        assert text[spans[0][1]] in " ,"  # cut at a space or comma when there is one


def test_ordinary_text_is_split_as_before() -> None:
    text = "First sentence here. Second one follows!\n第三句。第四句？"
    assert split_sentences(text) == split_sentences(text, 10**9)


def test_matcher_window_equals_the_whole_scan_cut_to_the_window() -> None:
    m = Matcher([Pattern("bounty", payload=1), Pattern("通缉", payload=2), Pattern("arrest", prefix=True, payload=3)])
    rng = random.Random(3)
    words = ["bounty", "arrested", "通缉", "通", "缉", "x", "bountyful", " ", ",", "arrest"]
    norm = normalize("".join(rng.choice(words) for _ in range(3000)))
    whole = [(h.start, h.end, h.pattern.payload) for h in m.find(norm)]
    for _ in range(200):
        s = rng.randrange(len(norm))
        e = rng.randrange(s, len(norm) + 1)
        got = [(h.start, h.end, h.pattern.payload) for h in m.find(norm, s, e)]
        assert got == [x for x in whole if s <= x[0] and x[1] <= e]


class _Recording:
    """Stands in for the Aho-Corasick automaton and records the length of every text it reads."""

    def __init__(self, auto) -> None:
        self.auto, self.lengths = auto, []

    def iter(self, text: str, *args):
        self.lengths.append(len(text))
        return self.auto.iter(text, *args)


def test_sentences_are_matched_in_their_own_window_not_the_document(ex: ThreatExtractor, monkeypatch) -> None:
    para = (
        "Retail sales rose 3 per cent in the quarter, the department said. " * 3
        + WARRANT
        + " "
        + "保安局局長鄧炳強表示，潛逃者會被終身追究。\n"
    )
    text = para * 300
    rec = _Recording(ex._full._auto)
    monkeypatch.setattr(ex._full, "_auto", rec)
    dets = ex.extract(text)
    assert len(dets) >= 300
    whole = [n for n in rec.lengths if n == len(text)]
    assert len(whole) <= 1  # the one document-wide pass (the acting body of a report)
    assert max(n for n in rec.lengths if n != len(text)) <= ex.rules["max_sentence_chars"]


def test_document_indexes_answer_like_the_scans_they_replace(ex: ThreatExtractor) -> None:
    text = (
        "Reporter: Will the police pursue the absconders abroad?\n"
        "Chris Tang: The Hong Kong Police Force will pursue them. " + WARRANT + "\n"
        "Mao Ning: 中方坚定支持香港特区政府依法缉拿潜逃者。\n"
        "公安局表示，已对犯罪嫌疑人发出通缉令。香港警方国安处亦发出通缉令。\n"
    ) * 20
    prepared = ex._prepare(text, None, None)
    assert prepared is not None
    doc, _ = prepared
    rng = random.Random(5)
    keys = [k for name in ("Hong Kong Police Force", "Chris Tang Ping-keung") for k in ex._full_keys.get(name, [])]
    keys += ["police", "公安局", "警方", "nothing-like-this"]
    for _ in range(300):
        key, before = rng.choice(keys), rng.randrange(len(doc.norm) + 1)
        assert doc._rfind(key, before) == doc.norm.rfind(key, 0, before), (key, before)
    turns = doc.turns()
    assert turns
    for i, (s, _e) in enumerate(doc.spans):
        assert doc.turn_of(i) == next((t for t in turns if t[0] <= s < t[1]), None)
