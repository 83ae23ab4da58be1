"""nlp.analyze.analyze_stream: the `longarm analyze` JSONL contract."""
from __future__ import annotations

import io
import json

import pytest

from nlp import ThreatExtractor
from nlp.analyze import analyze_stream


@pytest.fixture(scope="module")
def ex() -> ThreatExtractor:
    return ThreatExtractor()


def run(lines: list[str], ex: ThreatExtractor) -> tuple[list[dict], int, str]:
    out, err = io.StringIO(), io.StringIO()
    bad = analyze_stream(lines, out, extractor=ex, err=err)
    return [json.loads(x) for x in out.getvalue().splitlines()], bad, err.getvalue()


def test_format_and_order(ex: ThreatExtractor) -> None:
    lines = [
        json.dumps({"id": "1", "text": "Police issued arrest warrants for Ted Hui, who fled to Australia.", "lang": "en"}),
        json.dumps({"id": "2", "text": "天氣很好。"}),
        json.dumps({"id": "3", "text": "保安局局長鄧炳強表示，潛逃者會被終身追究。", "lang": None}),
    ]
    rows, bad, err = run(lines, ex)
    assert bad == 0 and err == ""
    assert [r["id"] for r in rows] == ["1", "2", "3"]
    assert [r["lang"] for r in rows] == ["en", "zh-Hant", "zh-Hant"]
    assert list(rows[0]) == ["id", "lang", "detections"]
    det = rows[0]["detections"][0]
    assert list(det) == ["label", "speaker", "speaker_kind", "targets", "instruments", "quote", "start", "end", "score"]
    assert rows[1]["detections"] == []
    text = json.loads(lines[2])["text"]
    d = rows[2]["detections"][0]
    assert text[d["start"]:d["end"]] == d["quote"] and d["speaker"] == "Chris Tang Ping-keung"


def test_bad_lines_are_reported_in_place(ex: ThreatExtractor) -> None:
    lines = ["{not json", json.dumps({"id": "x"}), json.dumps({"id": "y", "text": 5}),
             json.dumps({"id": "z", "text": "ok", "lang": "fr"}), json.dumps(["a"]),
             json.dumps({"id": "ok", "text": "Nothing here."}), "   "]
    rows, bad, err = run(lines, ex)
    assert bad == 5
    assert [r.get("id") for r in rows] == [None, "x", "y", "z", None, "ok"]
    assert all("error" in r for r in rows[:5]) and "detections" in rows[5]
    assert rows[0]["error"].startswith("line 1:") and rows[3]["error"].startswith("line 4:")
    for n in (1, 2, 3, 4, 5):
        assert f"line {n}:" in err


def test_publisher_passes_through(ex: ThreatExtractor) -> None:
    line = json.dumps({"id": "p", "text": "Absconders who fled overseas cannot escape legal sanctions.",
                       "publisher": {"name": "HKSAR Government", "kind": "hk_government"}})
    rows, bad, _ = run([line], ex)
    assert bad == 0 and rows[0]["detections"][0]["speaker"] == "HKSAR Government"
