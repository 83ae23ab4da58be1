"""The sentence model (nlp/model.py, nlp/train.py) and the extractor that uses it."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from longarm.nlp import ThreatExtractor
from longarm.nlp.lexicon import data_files
from longarm.nlp.model import MODEL_PATH, SentenceModel
from longarm.nlp.train import pick_threshold, train

ROWS = [["w:wanted", "w:abroad"], ["w:weather", "w:rain"], ["w:bounty", "w:abroad"], ["w:sport", "w:rain"]] * 5
STATEMENT = [1, 0, 1, 0] * 5
THREAT = [1, None, 0, None] * 5


def test_fit_learns_and_is_deterministic() -> None:
    a = SentenceModel.fit(ROWS, STATEMENT, THREAT, bits=10, epochs=60)
    b = SentenceModel.fit(ROWS, STATEMENT, THREAT, bits=10, epochs=60)
    assert np.array_equal(a.weights, b.weights)
    assert a.scores(["w:wanted", "w:abroad"])[0] > 0.8 > 0.2 > a.scores(["w:weather", "w:rain"])[0]
    assert a.scores(["w:wanted", "w:abroad"])[1] > 0.5 > a.scores(["w:bounty", "w:abroad"])[1]


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    m = SentenceModel.fit(ROWS, STATEMENT, THREAT, bits=10, epochs=30)
    m.threshold, m.meta = 0.35, {"trained_on": ["train"]}
    p = m.save(tmp_path / "m.npz")
    back = SentenceModel.load(p)
    assert (
        back.threshold == 0.35 and back.meta == {"trained_on": ["train"], "ngrams": "textgrams-1"} and back.bits == 10
    )
    assert abs(back.scores(["w:wanted"])[0] - m.scores(["w:wanted"])[0]) < 1e-3  # stored as float16
    (tmp_path / "bad.npz").write_bytes(b"not a model")
    with pytest.raises(ValueError, match="longarm train"):
        SentenceModel.load(tmp_path / "bad.npz")


def test_the_shipped_model_never_saw_the_test_split() -> None:
    if not MODEL_PATH.is_file():
        pytest.skip("no model shipped in this checkout")
    m = SentenceModel.load()
    assert "test" not in m.meta["trained_on"] and 0.05 < m.threshold < 0.95
    assert MODEL_PATH in data_files()  # so the model is part of EXTRACTOR_VERSION
    assert ThreatExtractor().model is not None and ThreatExtractor(model=False).model is None


def _doc(n: int, positive: bool) -> dict:
    if positive:
        text = (
            f"The Hong Kong Police Force issued arrest warrants and offered a bounty of HK$1 million for "
            f"activist number {n} who fled abroad. Police said they would pursue the absconders for life."
        )
        first = text.index(" Police said")
        statements = [
            {"quote": text[: first + 1].strip(), "start": 0, "end": first + 1, "label": "action"},
            {"quote": text[first + 1 :], "start": first + 1, "end": len(text), "label": "threat"},
        ]
    else:
        text = (
            f"Amnesty International condemned the bounty on activist number {n} abroad. "
            f"The rights group said the arrest warrants were transnational repression."
        )
        statements = []
    return {"id": f"t{n}", "event": f"ev{n}", "lang": "en", "text": text, "statements": statements}


def test_train_on_a_small_corpus(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    docs = [_doc(n, n % 2 == 0) for n in range(60)]
    (folder / "hk.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    model, summary = train(folder, tmp_path / "m.npz", bits=12, written=False)
    assert summary["trained_on"] == ["train", "dev"] and summary["statements"] > 0
    assert summary["isolated_rows"] > 0  # each candidate sentence read alone as well
    assert (tmp_path / "m.npz").is_file() and model.meta["out_of_fold"]["f1"] > 0.5
    again, _ = train(folder, tmp_path / "m2.npz", bits=12, written=False)
    assert np.array_equal(model.weights, again.weights) and model.threshold == again.threshold
    with pytest.raises(ValueError, match="test split"):
        train(folder, tmp_path / "m3.npz", splits=("train", "test"), written=False)


@pytest.mark.parametrize(
    "text",
    [
        # what no state actor says is never a detection, whatever its words (issue 9, point 3)
        "Amnesty International said the HK$1 million bounties on activists abroad were a form of transnational repression.",
        "The US State Department condemned Hong Kong's arrest warrants and bounties against overseas activists.",
        "國際特赦組織指，港府向海外民主派人士發出通緝令及懸紅，是跨國鎮壓。",
        "Nathan Law said the bounty on his head would not silence him.",
    ],
)
def test_non_state_speakers_are_never_detections_with_the_model(text: str, extractor: ThreatExtractor) -> None:
    ex = extractor
    assert ex.extract(text) == []
    assert ex.extract(text, publisher={"name": "Hong Kong Free Press", "kind": "independent_media"}) == []


def test_the_model_keeps_the_rules_evidence(extractor: ThreatExtractor) -> None:
    ex = extractor
    if ex.model is None:
        pytest.skip("no model shipped in this checkout")
    text = (
        "The national security police issued arrest warrants for eight activists who fled overseas and "
        "offered rewards of HK$1 million each. Secretary for Security Chris Tang said the absconders "
        "would be pursued for life."
    )
    dets = ex.extract(text, lang="en")
    assert dets and all(d.speaker for d in dets)
    assert all(text[d.start : d.end] == d.quote for d in dets)
    assert any("bounty" in d.instruments or "arrest_warrant" in d.instruments for d in dets)


def test_a_model_from_an_older_longarm_is_refused_with_the_command_to_rebuild(tmp_path: Path) -> None:
    old = tmp_path / "old.npz"
    with open(old, "wb") as fh:  # the round-6 layout: n-grams hashed as strings, no "ngrams" in meta
        np.savez_compressed(
            fh,
            weights=np.zeros((2, 16), dtype=np.float16),
            bits=np.int64(4),
            threshold=np.float64(0.3),
            meta=np.array("{}"),
        )
    with pytest.raises(ValueError, match=r"older longarm.*longarm train --out"):
        SentenceModel.load(old)
    m = SentenceModel(weights=np.zeros((2, 16), dtype=np.float32), bits=4)
    assert SentenceModel.load(m.save(tmp_path / "new.npz")).meta["ngrams"] == "textgrams-1"


def test_the_threshold_is_the_most_even_one_where_f1_cannot_tell() -> None:
    def point(t: float, p: float, r: float) -> tuple[float, dict[str, float]]:
        return t, {"precision": p, "recall": r, "f1": round(2 * p * r / (p + r), 4)}

    # a flat top: 0.30-0.45 within F1_TIE of the best; 0.40 is where precision and recall meet
    curve = [
        point(0.25, 0.660, 0.760),
        point(0.30, 0.690, 0.731),
        point(0.35, 0.700, 0.721),
        point(0.40, 0.712, 0.708),
        point(0.45, 0.736, 0.685),
        point(0.60, 0.800, 0.560),
    ]
    assert pick_threshold(curve)[0] == 0.40
    # a clear peak wins whatever the balance
    assert pick_threshold([point(0.3, 0.5, 0.9), point(0.5, 0.8, 0.8), point(0.7, 0.9, 0.4)])[0] == 0.5


def test_fold_extractors_refuse_a_text_of_no_fold() -> None:
    from longarm.nlp.crossval import FoldExtractors

    with pytest.raises(KeyError, match="no fold"):
        FoldExtractors([], {}).extract("a text nobody labelled")


def test_a_text_of_one_sentence_is_judged_by_its_own_threshold(tmp_path: Path) -> None:
    m = SentenceModel.fit(ROWS, STATEMENT, THREAT, bits=10, epochs=30)
    m.threshold, m.threshold_alone = 0.4, 0.2
    assert m.threshold_for(1) == 0.2 and m.threshold_for(2) == 0.4 and m.threshold_for(30) == 0.4
    back = SentenceModel.load(m.save(tmp_path / "m.npz"))
    assert (back.threshold, back.threshold_alone) == (0.4, 0.2)
    # a file of an earlier round has no threshold of its own for one sentence: the page's serves
    old = tmp_path / "old.npz"
    with open(old, "wb") as fh:
        np.savez_compressed(
            fh,
            weights=np.zeros((2, 16), dtype=np.float16),
            bits=np.int64(4),
            threshold=np.float64(0.3),
            meta=np.array(json.dumps({"ngrams": "textgrams-1"})),
        )
    legacy = SentenceModel.load(old)
    assert legacy.threshold_alone is None and legacy.threshold_for(1) == 0.3


def test_the_extractor_applies_the_single_sentence_threshold_only_to_a_single_sentence() -> None:
    if not MODEL_PATH.is_file():
        pytest.skip("no model shipped in this checkout")
    sentence = "Hong Kong police offered a bounty of HK$1 million for each of the activists who fled abroad."
    other = "The weather in the city was mild on Monday."
    model = SentenceModel.load()
    model.threshold, model.threshold_alone = (
        0.999,
        0.001,
    )  # pages: nothing passes; one sentence: all that the gates let through
    ex = ThreatExtractor(model=model)
    assert [d.quote for d in ex.extract(sentence, lang="en")] == [sentence]
    assert ex.extract(sentence + " " + other, lang="en") == []


def test_the_shipped_model_reads_a_sentence_alone_at_a_lower_bar_than_a_page() -> None:
    # chosen out of fold by the same rule as the page's (`longarm train`): read alone a statement
    # has no context to lend it evidence, so its scores run lower (round 9: 0.25 against 0.40)
    if not MODEL_PATH.is_file():
        pytest.skip("no model shipped in this checkout")
    m = SentenceModel.load()
    assert m.threshold_alone is not None and m.threshold_alone <= m.threshold
    assert m.meta["out_of_fold_alone"]["f1"] > 0


def test_a_page_counts_only_when_its_best_sentence_reaches_the_document_bar(tmp_path: Path) -> None:
    m = SentenceModel.fit(ROWS, STATEMENT, THREAT, bits=10, epochs=30)
    m.threshold, m.threshold_alone, m.threshold_document = 0.4, 0.25, 0.65
    assert m.document_passes(0.70, 5) and not m.document_passes(0.60, 5)
    assert m.document_passes(0.30, 1)  # a single sentence: its own threshold is its only bar
    back = SentenceModel.load(m.save(tmp_path / "m.npz"))
    assert back.threshold_document == 0.65
    m.threshold_document = None  # none: the threshold is the only bar
    assert m.document_passes(0.41, 5) and SentenceModel.load(m.save(tmp_path / "n.npz")).threshold_document == 0.4


def test_the_extractor_drops_a_page_whose_best_sentence_is_below_the_bar() -> None:
    if not MODEL_PATH.is_file():
        pytest.skip("no model shipped in this checkout")
    page = (
        "Hong Kong police offered a bounty of HK$1 million for each of the activists who fled abroad. "
        "The weather in the city was mild on Monday."
    )
    model = SentenceModel.load()
    model.threshold, model.threshold_document = 0.001, None
    found = ThreatExtractor(model=model).extract(page, lang="en")
    assert found, "with no bar the page's statement is found"
    model.threshold_document = 0.999  # beyond any score: the page holds no statement
    assert ThreatExtractor(model=model).extract(page, lang="en") == []
    # a single sentence is judged by its own threshold alone
    model.threshold_alone = 0.001
    assert ThreatExtractor(model=model).extract(found[0].quote, lang="en")


def test_the_document_bar_is_the_best_for_documents_that_keeps_statement_f1() -> None:
    from longarm.nlp.train import document_bar

    # two pages of statements whose best sentences score 0.9 and 0.8; two hard negatives whose
    # best sentences reach 0.45 and 0.55: a bar above 0.55 keeps every statement and drops both
    scored = [(0.9, 1), (0.5, 1), (0.8, 1), (0.2, 0), (0.45, 0), (0.55, 0), (0.1, 0)]
    pages = ["a", "a", "b", "b", "c", "d", "d"]
    chosen = document_bar(scored, pages, 0.40, 3, frozenset({"a", "b"}))
    assert chosen["bar"] == 0.60 and chosen["doc_f1"] == 1.0 and chosen["f1"] == 1.0
    assert chosen["curve"]["0.40"]["doc_f1"] < 1.0
    # a bar that would cost statements is not taken for documents' sake
    scored = [(0.9, 1), (0.45, 1), (0.45, 0)]
    assert document_bar(scored, ["a", "b", "c"], 0.40, 2, frozenset({"a", "b"}))["bar"] == 0.40
