"""longarm.nlp.analyze.analyze_stream: the `longarm analyze` JSONL contract."""

from __future__ import annotations

import io
import json

import pytest

from longarm.nlp import ThreatExtractor
from longarm.nlp.analyze import analyze_stream


@pytest.fixture(scope="module")
def ex(extractor: ThreatExtractor) -> ThreatExtractor:
    return extractor


def run(lines: list[str], ex: ThreatExtractor) -> tuple[list[dict], int, str]:
    out, err = io.StringIO(), io.StringIO()
    bad = analyze_stream(lines, out, extractor=ex, err=err)
    return [json.loads(x) for x in out.getvalue().splitlines()], bad, err.getvalue()


def test_format_and_order(ex: ThreatExtractor) -> None:
    lines = [
        json.dumps(
            {"id": "1", "text": "Police issued arrest warrants for Ted Hui, who fled to Australia.", "lang": "en"}
        ),
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
    assert text[d["start"] : d["end"]] == d["quote"] and d["speaker"] == "Chris Tang Ping-keung"


def test_bad_lines_are_reported_in_place(ex: ThreatExtractor) -> None:
    lines = [
        "{not json",
        json.dumps({"id": "x"}),
        json.dumps({"id": "y", "text": 5}),
        json.dumps({"id": "z", "text": "ok", "lang": "fr"}),
        json.dumps(["a"]),
        json.dumps({"id": "ok", "text": "Nothing here."}),
        "   ",
    ]
    rows, bad, err = run(lines, ex)
    assert bad == 5
    assert [r.get("id") for r in rows] == [None, "x", "y", "z", None, "ok", None]
    assert all("error" in r for r in rows[:5]) and "detections" in rows[5]
    assert rows[6] == {"id": None, "lang": None, "detections": []}  # the blank line keeps its place
    assert rows[0]["error"].startswith("line 1:") and rows[3]["error"].startswith("line 4:")
    for n in (1, 2, 3, 4, 5):
        assert f"line {n}:" in err


def test_publisher_passes_through(ex: ThreatExtractor) -> None:
    line = json.dumps(
        {
            "id": "p",
            "text": "Absconders who fled overseas cannot escape legal sanctions.",
            "publisher": {"name": "HKSAR Government", "kind": "hk_government"},
        }
    )
    rows, bad, _ = run([line], ex)
    assert bad == 0 and rows[0]["detections"][0]["speaker"] == "HKSAR Government"


WARRANT = "Police issued arrest warrants for Ted Hui, who fled to Australia."


def test_every_line_gets_a_line_blank_ones_too(ex: ThreatExtractor) -> None:
    lines = [
        "\n",
        json.dumps({"id": "a", "text": WARRANT}) + "\r\n",
        "  \t\n",
        "\r\n",
        json.dumps({"id": "b", "text": "天氣很好。"}) + "\n",
    ]
    rows, bad, err = run(lines, ex)
    assert bad == 0 and err == ""
    assert [r["id"] for r in rows] == [None, "a", None, None, "b"]
    assert rows[1]["detections"] and all(r["detections"] == [] for r in (rows[0], rows[2], rows[3]))


def test_a_lone_surrogate_is_a_bad_line_and_the_stream_goes_on(ex: ThreatExtractor) -> None:
    lines = [
        '{"id": "s", "text": "Police \\ud800 warrants"}',
        '{"id": "\\udc00x", "text": "a"}',
        json.dumps({"id": "after", "text": WARRANT}),
    ]
    out, err = io.StringIO(), io.StringIO()
    bad = analyze_stream(lines, out, extractor=ex, err=err)
    text = out.getvalue()
    text.encode("utf-8")  # the output itself is valid UTF-8
    rows = [json.loads(x) for x in text.splitlines()]
    assert bad == 2 and len(rows) == 3
    assert rows[0]["id"] == "s" and "lone surrogate (U+D800 at character 7)" in rows[0]["error"]
    assert "error" in rows[1] and rows[1]["id"] == "\udc00x"  # escaped in the JSON, read back as sent
    assert rows[2]["id"] == "after" and rows[2]["detections"]
    assert "line 1:" in err.getvalue() and "line 2:" in err.getvalue()


def test_deep_json_and_huge_numbers_are_bad_lines(ex: ThreatExtractor) -> None:
    lines = [
        "[" * 100_000 + "]" * 100_000,
        '{"id": "n", "text": "x", "n": ' + "9" * 5000 + "}",
        json.dumps({"id": "after", "text": WARRANT}),
    ]
    rows, bad, err = run(lines, ex)
    assert bad == 2 and [r.get("id") for r in rows] == [None, None, "after"]
    assert "nested too deeply" in rows[0]["error"] and rows[0]["error"].startswith("line 1:")
    assert rows[1]["error"].startswith("line 2: not valid JSON")
    assert rows[2]["detections"]


def test_invalid_utf8_is_replaced_and_said(ex: ThreatExtractor) -> None:
    good = json.dumps({"id": "u", "text": WARRANT}).encode()
    broken = good.replace(b"Ted Hui", b"Ted \xff\xfeHui")
    lines = [broken + b"\n", good + b"\n", b"\n"]
    rows, bad, err = run(lines, ex)
    assert bad == 0 and len(rows) == 3
    first = broken.index(b"\xff") + 1
    assert rows[0]["warnings"] == [
        f"invalid UTF-8: 2 undecodable byte sequences (the first at byte {first} of the "
        "line) replaced with U+FFFD; offsets index the replaced text"
    ]
    assert rows[0]["detections"] and "warnings" not in rows[1]
    assert "line 1: invalid UTF-8" in err


def test_an_extractor_failure_on_one_line_is_reported_and_counted(ex: ThreatExtractor) -> None:
    class Flaky:
        def extract(self, text, lang=None, publisher=None):
            if "boom" in text:
                raise RuntimeError("boom")
            return ex.extract(text, lang=lang, publisher=publisher)

    counts: dict[str, int] = {}
    out, err = io.StringIO(), io.StringIO()
    lines = [json.dumps({"id": "1", "text": "boom"}), json.dumps({"id": "2", "text": WARRANT})]
    assert analyze_stream(lines, out, extractor=Flaky(), err=err, counts=counts) == 0
    rows = [json.loads(x) for x in out.getvalue().splitlines()]
    assert counts == {"bad": 0, "failed": 1, "replaced": 0}
    assert rows[0] == {"id": "1", "error": "line 1: analysis failed (RuntimeError: boom); please report this line"}
    assert rows[1]["detections"]


@pytest.mark.slow  # `longarm analyze` in a subprocess: its C locale (LC_ALL=C) is what is tested
def test_cli_reads_bytes_and_goes_on_after_bad_lines() -> None:
    import os
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parents[2]
    data = (
        b"\n".join(
            [
                b'{"id": "1", "text": "Police \\ud800"}',
                b"[" * 100_000,
                json.dumps({"id": "3", "text": WARRANT}).encode().replace(b"Ted", b"T\xffed"),
                b"",
                json.dumps(
                    {
                        "id": "5",
                        "text": "\u4fdd\u5b89\u5c40\u5c40\u9577\u8868\u793a\uff0c\u6f5b\u9003\u8005\u6703\u88ab\u7d42\u8eab\u8ffd\u7a76\u3002",
                    },
                    ensure_ascii=False,
                ).encode(),
            ]
        )
        + b"\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("LONGARM_")}
    env.update(PYTHONPATH=str(repo), LC_ALL="C", PYTHONIOENCODING="")
    proc = subprocess.run(
        [sys.executable, "-m", "longarm.cli", "analyze"],
        input=data,
        capture_output=True,
        cwd=repo,
        env=env,
        timeout=300,
    )
    assert proc.returncode == 2, proc.stderr
    rows = [json.loads(x) for x in proc.stdout.decode("utf-8").splitlines()]
    assert [r.get("id") for r in rows] == ["1", None, "3", None, "5"]
    assert "error" in rows[0] and "error" in rows[1]
    assert "warnings" in rows[2] and rows[3] == {"id": None, "lang": None, "detections": []}
    assert rows[4]["detections"]
    err = proc.stderr.decode()
    assert "line 1:" in err and "line 2:" in err and "line 3: invalid UTF-8" in err
