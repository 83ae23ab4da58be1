"""eval/spacy_baseline.py: its metrics, its rows (the same as training_rows), its skip and its errors.

The corpus used here is written for the test (a few press-release-like sentences), so the
end-to-end run proves the script works, not what its figures are."""

from __future__ import annotations

import importlib.util
import json
import math
from pathlib import Path

import pytest

from longarm.nlp.corpus import split_of

REPO = Path(__file__).resolve().parents[2]


def _load_script():
    spec = importlib.util.spec_from_file_location("spacy_baseline", REPO / "eval" / "spacy_baseline.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


sb = _load_script()

POSITIVE = (
    "The Hong Kong Police Force today issued arrest warrants for {name}, who is abroad. "
    "The police offered a bounty of HK$1 million for information leading to the arrest of {name}."
)
NEGATIVE = (
    "Human Rights Watch condemned the bounty of HK$1 million placed on {name}. "
    "The group said the arrest warrants are an attempt to silence critics abroad."
)


def _doc(k: int, event: str, positive: bool) -> dict:
    name = f"Person Number{k}"
    text = (POSITIVE if positive else NEGATIVE).format(name=name)
    statements = []
    if positive:
        first_end = text.index("abroad.") + len("abroad.")
        statements = [
            {
                "quote": text[:first_end],
                "start": 0,
                "end": first_end,
                "label": "action",
                "speaker": "Hong Kong Police Force",
                "targets": [],
                "instruments": ["arrest_warrant"],
            }
        ]
    return {
        "id": f"t-{k}",
        "lang": "en",
        "event": event,
        "text": text,
        "has_longarm": positive,
        "statements": statements,
    }


@pytest.fixture
def written_corpus(tmp_path: Path) -> Path:
    """Documents on events that fall in train and in dev (the split is a hash of the event)."""
    docs, seen = [], {"train": 0, "dev": 0}
    k = 0
    while min(seen.values()) < 4:
        event = f"written-event-{k}"
        split = split_of({"id": "x", "event": event})
        if split in seen and seen[split] < 4:
            docs.append(_doc(k, event, positive=k % 2 == 0))
            seen[split] += 1
        k += 1
    path = tmp_path / "corpus"
    path.mkdir()
    (path / "hk.jsonl").write_text("\n".join(json.dumps(d) for d in docs) + "\n", encoding="utf-8")
    return path


def test_average_precision_matches_the_step_definition():
    assert sb.average_precision([0.9, 0.8, 0.7, 0.6], [1, 0, 1, 0]) == pytest.approx(0.5 + 0.5 * 2 / 3)
    assert sb.average_precision([0.5, 0.5], [1, 0]) == pytest.approx(0.5)  # a tie is one step
    assert sb.average_precision([0.1, 0.9], [1, 0]) == pytest.approx(0.5)
    assert math.isnan(sb.average_precision([0.1], [0]))


def test_best_f1_picks_the_threshold_with_the_best_f1():
    best = sb.best_f1([0.9, 0.8, 0.3, 0.2], [1, 1, 0, 1])
    # thresholds 0.9, 0.8, 0.3, 0.2 give F1 0.5, 0.8, 0.667, 0.857 (P 3/4, R 1)
    assert best["f1"] == pytest.approx(6 / 7)
    assert best["threshold"] == 0.2 and best["precision"] == pytest.approx(0.75) and best["recall"] == 1.0


def test_context_text_is_the_sentence_with_the_one_before():
    text = "A first one. The second one."
    spans = [(0, 12), (13, 28)]
    assert sb._context_text(text, spans, (13, 28)) == "A first one.\nThe second one."
    assert sb._context_text(text, spans, (0, 12)) == "A first one."


def test_rows_are_those_of_training_rows(written_corpus: Path):
    from longarm.nlp.corpus import load_corpus
    from longarm.nlp.extractor import ThreatExtractor
    from longarm.nlp.train import training_rows

    docs = load_corpus("train", written_corpus)
    rules = ThreatExtractor(model=False)
    ours = sb.build_rows(docs, rules)
    theirs = training_rows(docs, rules)
    assert [(r["feats"], r["statement"], r["gated"], r["doc"]) for r in ours] == [
        (r["feats"], r["statement"], r["gated"], r["doc"]) for r in theirs
    ]
    assert any(r["statement"] for r in ours) and not all(r["statement"] for r in ours)
    assert all(r["script"] == "en" for r in ours)
    positive = next(r for r in ours if r["statement"])
    assert "arrest warrants for Person Number" in positive["text"]


def test_runs_end_to_end_on_a_written_corpus(written_corpus: Path, tmp_path: Path, capsys):
    pytest.importorskip("spacy")
    out = tmp_path / "figures.json"
    assert (
        sb.main(
            ["--corpus", str(written_corpus), "--epochs", "1", "--archs", "bow", "--bits", "12", "--json", str(out)]
        )
        == 0
    )
    table = capsys.readouterr().out
    assert "| hashed logistic (all) |" in table and "| spaCy textcat bow |" in table
    figures = json.loads(out.read_text(encoding="utf-8"))
    names = [r["name"] for r in figures["results"]]
    assert names == ["hashed logistic (all)", "hashed logistic (text)", "spaCy textcat bow"]
    for r in figures["results"]:
        assert r["size"] > 0 and r["per_s"] > 0 and 0.0 <= r["dev"]["all"]["f1"] <= 1.0


def test_skips_with_a_message_when_the_corpus_is_absent(tmp_path: Path, capsys):
    assert sb.main(["--corpus", str(tmp_path / "nowhere")]) == 0
    assert "skipped: no labelled corpus" in capsys.readouterr().out


@pytest.mark.parametrize("args", [["--archs", "transformer"], ["--epochs", "0"], ["--bits", "40"]])
def test_bad_options_exit_2_with_a_message(args, capsys):
    assert sb.main(args) == 2
    assert "error:" in capsys.readouterr().err


def test_bootstrap_gap_is_zero_for_the_same_scores_and_positive_for_a_better_model():
    rows = [{"doc": f"d{k // 3}", "statement": int(k % 3 == 0)} for k in range(30)]
    good = [1.0 if r["statement"] else 0.0 for r in rows]
    flat = [0.5] * len(rows)
    assert sb.bootstrap_ap_gap(rows, good, good, resamples=50) == (0.0, 0.0)
    lo, hi = sb.bootstrap_ap_gap(rows, good, flat, resamples=50)
    assert 0.0 < lo <= hi
