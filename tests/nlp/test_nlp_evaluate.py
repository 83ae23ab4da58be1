"""The evaluation set and the done-when numbers (issue 4)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from longarm.nlp import ThreatExtractor, evaluate
from longarm.nlp.evaluate import DEFAULT_PATH, DONE_WHEN, format_report, load_items


@pytest.fixture(scope="module")
def metrics() -> dict:  # the full eval: the tests reading it are marked slow
    return evaluate(extractor=ThreatExtractor())


def test_eval_set_composition() -> None:
    items = load_items()
    assert len(items) >= 200
    langs = Counter(i["lang"] for i in items)
    zh = langs["zh-Hant"] + langs["zh-Hans"]
    assert zh >= len(items) * 0.45 and min(langs["zh-Hant"], langs["zh-Hans"]) >= 60
    negatives = [i for i in items if not i["detections"]]
    assert len(negatives) >= 70
    ids = [i["id"] for i in items]
    assert len(ids) == len(set(ids))
    for it in items:
        for d in it["detections"]:
            assert it["text"][d["start"] : d["end"]] == d["quote"]


@pytest.mark.slow  # the full eval
def test_done_when_numbers(metrics: dict) -> None:
    for lang in ("en", "zh-Hant", "zh-Hans"):
        assert metrics["by_lang"][lang]["detection_f1"] >= DONE_WHEN["detection_f1"], lang
    o = metrics["overall"]
    assert o["label_accuracy"] >= DONE_WHEN["label_accuracy"]
    assert o["speaker_accuracy"] >= DONE_WHEN["speaker_accuracy"]
    assert o["target_recall"] >= DONE_WHEN["target_recall"]
    assert all(metrics["done_when"].values())


@pytest.mark.slow  # the full eval
def test_report_table(metrics: dict) -> None:
    text = format_report(metrics)
    for word in ("overall", "en", "zh-Hant", "zh-Hans", "F1", "speaker", "done-when"):
        assert word in text


def test_custom_file_and_matching(tmp_path: Path, extractor: ThreatExtractor) -> None:
    p = tmp_path / "mini.jsonl"
    rows = [
        {
            "id": "a",
            "text": "Police issued arrest warrants for Ted Hui, who fled to Australia.",
            "detections": [
                {
                    "label": "action",
                    "speaker": "Hong Kong Police Force",
                    "targets": ["Ted Hui Chi-fung"],
                    "instruments": ["arrest_warrant"],
                }
            ],
        },  # no quote: matches any prediction
        {"id": "b", "lang": "en", "text": "Nothing to see.", "detections": []},
    ]
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    m = evaluate(p, extractor=extractor)
    assert m["overall"]["detection_f1"] == 1.0 and m["overall"]["speaker_accuracy"] == 1.0


def test_bad_file_names_the_line(tmp_path: Path) -> None:
    p = tmp_path / "bad.jsonl"
    p.write_text('{"text": "x", "detections": []}\n{oops\n', encoding="utf-8")
    with pytest.raises(ValueError, match="line 2"):
        load_items(p)


def test_default_path_is_the_project_set() -> None:
    assert DEFAULT_PATH.name == "threats.jsonl" and DEFAULT_PATH.is_file()


def test_target_precision_counts_each_person_once_by_the_forms_the_document_writes(tmp_path: Path) -> None:
    from longarm.nlp.mentions import Detection

    text = "警方通緝甄大明。"

    class Fixed:
        def extract(self, text: str, lang: str | None = None, publisher: dict | None = None) -> list[Detection]:
            # the gold person twice (as written and canonically) and one person who is no target
            return [
                Detection(
                    "action",
                    "Hong Kong Police Force",
                    "hk_police",
                    ["甄大明", "Zhen Daming", "湯美玲"],
                    [],
                    text,
                    0,
                    len(text),
                    0.9,
                )
            ]

    row = {
        "id": "a",
        "lang": "zh-Hant",
        "text": text,
        "names": [{"name": "Zhen Daming", "aliases": ["甄大明"]}],
        "detections": [
            {"label": "action", "speaker": "Hong Kong Police Force", "targets": ["Zhen Daming"], "instruments": []}
        ],
    }
    p = tmp_path / "one.jsonl"
    p.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    m = evaluate(p, extractor=Fixed())["overall"]
    assert m["target_recall"] == 1.0 and m["target_precision"] == 0.5
    assert "tgt_P" in format_report(evaluate(p, extractor=Fixed()))
