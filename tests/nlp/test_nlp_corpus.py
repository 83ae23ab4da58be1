"""The labelled real corpus and its split by event (nlp/corpus.py)."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from longarm.nlp.corpus import SPLITS, corpus_dir, event_key, load_corpus, split_of


def _write(folder: Path, docs: list[dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "hk.jsonl").write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    return folder


def test_a_document_without_event_is_its_own_event() -> None:
    assert event_key({"id": "x1", "event": "none"}) == "doc:x1"
    assert event_key({"id": "x1"}) == "doc:x1"
    assert event_key({"id": "x1", "event": "2023-07-bounties"}) == "2023-07-bounties"


def test_every_document_of_an_event_goes_to_the_same_split() -> None:
    docs = [{"id": f"d{n}", "event": f"ev{n % 37}"} for n in range(400)]
    sides: dict[str, set[str]] = defaultdict(set)
    for d in docs:
        sides[d["event"]].add(split_of(d))
    assert all(len(s) == 1 for s in sides.values())
    assert {s for v in sides.values() for s in v} == set(SPLITS)  # 37 events reach all three splits


def test_the_split_does_not_move_when_documents_are_added(tmp_path: Path) -> None:
    docs = [{"id": f"d{n}", "event": f"ev{n}", "text": "x"} for n in range(60)]
    before = {d["id"]: d["split"] for d in load_corpus(path=_write(tmp_path / "a", docs))}
    more = docs + [{"id": f"n{n}", "event": f"new{n}", "text": "y"} for n in range(60)]
    after = {d["id"]: d["split"] for d in load_corpus(path=_write(tmp_path / "b", more))}
    assert all(after[k] == v for k, v in before.items())


def test_load_one_split_and_errors(tmp_path: Path) -> None:
    folder = _write(tmp_path / "c", [{"id": f"d{n}", "event": "none", "text": "t"} for n in range(50)])
    dev = load_corpus("dev", folder)
    assert dev and all(d["split"] == "dev" for d in dev)
    with pytest.raises(ValueError, match="unknown split"):
        load_corpus("validation", folder)
    with pytest.raises(FileNotFoundError, match="no labelled corpus"):
        load_corpus(path=tmp_path / "absent")
    (folder / "hk.jsonl").write_text('{"id": "a", "text": "ok"}\n{broken\n', encoding="utf-8")
    with pytest.raises(ValueError, match="line 2"):
        load_corpus(path=folder)


def test_corpus_dir_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("LONGARM_CORPUS", str(tmp_path))
    assert corpus_dir() == tmp_path


def test_the_real_corpus_split_keeps_events_apart() -> None:
    try:
        docs = load_corpus()
    except FileNotFoundError:
        pytest.skip("labelled real corpus not found (../shared/corpus/statements beside the repo)")
    sides: dict[str, set[str]] = defaultdict(set)
    for d in docs:
        sides[event_key(d)].add(d["split"])
    assert all(len(s) == 1 for s in sides.values())
    counts = {s: sum(1 for d in docs if d["split"] == s) for s in SPLITS}
    assert counts["train"] > counts["test"] > 0 and counts["dev"] > 0


#: floors on the dev split (issue 9's speaker and target round; they only go up): speaker accuracy and
#: target recall of the shipped extractor, per script, a little under what it scored (0.748 / 0.900 all;
#: en 0.791 / 0.973, zh-Hant 0.705 / 0.964, zh-Hans 0.750 / 0.556)
_DEV_FLOORS = {
    "overall": {"speaker_accuracy": 0.74, "target_recall": 0.89},
    "en": {"speaker_accuracy": 0.78, "target_recall": 0.96},
    "zh-Hant": {"speaker_accuracy": 0.70, "target_recall": 0.95},
    "zh-Hans": {"speaker_accuracy": 0.74, "target_recall": 0.55},
}


def _assert_floors(split: str, floors: dict[str, dict[str, float]], sentences: bool = False) -> None:
    """The shipped extractor on ``split`` of the labelled corpus (``sentences``: read sentence by
    sentence, as `longarm eval --sentences`) clears every floor (overall and per script); skipped
    when the corpus is absent."""
    try:
        docs = load_corpus(split)
    except FileNotFoundError:
        pytest.skip("the labelled corpus is absent (../shared/corpus/statements or $LONGARM_CORPUS)")
    from longarm.nlp.corpus import sentences_alone
    from longarm.nlp.evaluate import evaluate

    m = evaluate(items=sentences_alone(docs) if sentences else docs, label=split)
    for key, figures in floors.items():
        got = m["overall"] if key == "overall" else m["by_lang"][key]
        for figure, floor in figures.items():
            assert got[figure] >= floor, (split, key, figure, got[figure], floor)


def test_dev_split_speaker_and_target_floors() -> None:
    _assert_floors("dev", _DEV_FLOORS)


def test_sentences_alone_reads_statements_and_hard_negatives_one_by_one() -> None:
    from longarm.nlp.corpus import sentences_alone

    docs = [
        {
            "id": "p",
            "lang": "en",
            "text": "Police issued warrants. They will pursue them for life.",
            "statements": [{"quote": "They will pursue them for life.", "start": 24, "end": 55, "label": "threat"}],
        },
        {"id": "n", "lang": "en", "text": "Amnesty condemned the bounties. Rights groups agreed.", "statements": []},
    ]
    items = sentences_alone(docs)
    assert [(i["text"], len(i["statements"])) for i in items] == [
        ("They will pursue them for life.", 1),
        ("Amnesty condemned the bounties.", 0),
        ("Rights groups agreed.", 0),
    ]
    assert items[0]["statements"][0]["start"] == 0 and items[0]["statements"][0]["end"] == len(items[0]["text"])


#: floors on the test split (issue 9): a guard against breakage, not the measure of a change.
#: Trainings of this and the last round scored (document F1, statement P / R / F1):
#:   round 7          all 0.864 / 0.791 / 0.627 / 0.699; en 0.909, F1 0.729; zh-Hant 0.800, 0.696; zh-Hans 0.850, 0.636
#:   round 8, first   all 0.896 / 0.786 / 0.634 / 0.702; en 0.943, F1 0.723; zh-Hant 0.839, 0.711; zh-Hans 0.878, 0.652
#:   round 8, second  all 0.868 / 0.756 / 0.671 / 0.711; en 0.893, F1 0.739; zh-Hant 0.839, 0.710; zh-Hans 0.857, 0.657
#:   round 8, shipped all 0.896 / 0.790 / 0.637 / 0.705; en 0.943, F1 0.732; zh-Hant 0.839, 0.700; zh-Hans 0.878, 0.657
#:   round 9, first   all 0.898 / 0.798 / 0.681 / 0.735; en 0.946, F1 0.778; zh-Hant 0.839, 0.712; zh-Hans 0.878, 0.667
#:   round 9, shipped all 0.896 / 0.825 / 0.688 / 0.750; en 0.963, F1 0.782; zh-Hant 0.839, 0.746; zh-Hans 0.850, 0.691
#:   round 10, first  all 0.887 / 0.816 / 0.675 / 0.738; en 0.963, F1 0.780; zh-Hant 0.800, 0.724; zh-Hans 0.850, 0.667
#:   round 10, shipped all 0.885 / 0.816 / 0.661 / 0.730; en 0.943, F1 0.763; zh-Hant 0.828, 0.730; zh-Hans 0.850, 0.667
#:   round 11, first  all 0.885 / 0.817 / 0.664 / 0.733; en 0.943, F1 0.770; zh-Hant 0.828, 0.724; zh-Hans 0.850, 0.667
#:   round 11, shipped all 0.885 / 0.813 / 0.664 / 0.731; en 0.943, F1 0.771; zh-Hant 0.828, 0.724; zh-Hans 0.850, 0.657
#: (round 11 scored the test split twice, the second time after one more change of the label weights;
#: its instrument F1 0.869 -> 0.885 / 0.888 and label accuracy 0.867 / 0.878 got floors 0.02 under the
#: lower: the instruments and labels as the corpus names them were its work.)
#: (scored twice more after the last two retrainings: the pages' figures the same. Round 10's first
#: scoring, midway, broke the zh-Hant document floor by one document; the floor
#: stayed, and the shipped model holds it. No floor rose: no script's lowest moved up.)
#: A script's share of the split is 28-36 documents, and a retraining a few rows apart trades its
#: precision against its recall by up to 0.05 at the same threshold (zh-Hans P 0.804 -> 0.750 with no
#: zh-Hans change), so per script the floors hold the document F1 and the statement F1, which move
#: less; precision and recall have floors overall only. Since round 9 each floor sits 0.02 under the
#: lowest of the committee models (round 8 shipped, round 9's two; the single models before swung
#: more), and never under an earlier floor (zh-Hans document F1: 0.83, its floor before round 9).
_TEST_FLOORS = {
    "overall": {
        "doc_f1": 0.87,
        "precision": 0.77,
        "recall": 0.61,
        "detection_f1": 0.68,
        "label_accuracy": 0.84,
        "instrument_f1": 0.86,
    },
    "en": {"doc_f1": 0.92, "detection_f1": 0.71},
    "zh-Hant": {"doc_f1": 0.81, "detection_f1": 0.68},
    "zh-Hans": {"doc_f1": 0.83, "detection_f1": 0.63},
}

#: the test split read sentence by sentence (`longarm eval --split test --sentences`), floors since
#: round 9, when a text of one sentence got its own threshold. Statement P / R / F1 of round 9's two
#: trainings: 0.862 / 0.678 / 0.759 (en F1 0.774, zh-Hant 0.718, zh-Hans 0.764) and, shipped, 0.871 /
#: 0.664 / 0.754 (0.768, 0.724, 0.752); floors 0.03 under the lower of the two. Round 10's two:
#: 0.876 / 0.668 / 0.758 (0.773, 0.724, 0.757), then 0.876 / 0.671 / 0.760 (0.777, 0.724, 0.757) and,
#: shipped, 0.876 / 0.668 / 0.758 again. Round 11's two: 0.875 / 0.664 / 0.755 (0.768, 0.724, 0.757),
#: instrument F1 0.899 (floor 0.02 under), both times
_TEST_ALONE_FLOORS = {
    "overall": {"precision": 0.83, "recall": 0.63, "detection_f1": 0.72, "instrument_f1": 0.87},
    "en": {"detection_f1": 0.74},
    "zh-Hant": {"detection_f1": 0.69},
    "zh-Hans": {"detection_f1": 0.72},
}


def test_test_split_detection_floors() -> None:
    _assert_floors("test", _TEST_FLOORS)


def test_test_split_read_sentence_by_sentence_floors() -> None:
    _assert_floors("test", _TEST_ALONE_FLOORS, sentences=True)
