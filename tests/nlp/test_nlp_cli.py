"""`longarm eval --split`, `longarm train` and `longarm people` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import call_cli


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    docs = []
    for n in range(40):
        text = (
            f"The national security police issued an arrest warrant and a bounty for activist {n} who fled "
            f"abroad. The weather was fine."
        )
        end = text.index(" The weather") + 1
        docs.append(
            {
                "id": f"c{n}",
                "event": f"ev{n}",
                "lang": "en",
                "text": text,
                "statements": [
                    {
                        "quote": text[:end].strip(),
                        "start": 0,
                        "end": end - 1,
                        "label": "action",
                        "speaker": "Police National Security Department",
                        "targets": [],
                        "instruments": ["arrest_warrant", "bounty"],
                    }
                ]
                if n % 2
                else [],
            }
        )
    (folder / "hk.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return folder


def test_eval_split_without_the_corpus_is_a_usage_error(tmp_path: Path) -> None:
    r = call_cli("eval", "--split", "test", env={"LONGARM_CORPUS": str(tmp_path / "absent")})
    assert r.returncode == 2 and "no labelled corpus" in r.stderr and "LONGARM_CORPUS" in r.stderr


def test_eval_split_compare_on_a_corpus(tmp_path: Path) -> None:
    folder = _corpus(tmp_path / "corpus")
    r = call_cli("eval", "--split", "train", "--compare", "--corpus", str(folder))
    assert r.returncode == 0, r.stderr
    assert "## rules" in r.stdout and "## combined" in r.stdout and "doc_F1" in r.stdout
    assert "train split" in r.stdout and "done-when: doc_f1[en]" in r.stdout
    r = call_cli("eval", "--split", "dev", "--mode", "model", "--corpus", str(folder))
    assert r.returncode == 2 and "--model FILE" in r.stderr
    r = call_cli("eval", "x.jsonl", "--split", "dev")
    assert r.returncode == 2
    r = call_cli("eval", "--split", "train", "--sentences", "--corpus", str(folder))
    assert r.returncode == 0, r.stderr
    assert "read sentence by sentence" in r.stdout and "doc_F1" in r.stdout
    r = call_cli("eval", "--sentences")
    assert r.returncode == 2 and "add --split" in r.stderr


@pytest.mark.slow
def test_train_refuses_the_test_split_and_writes_a_model(tmp_path: Path) -> None:
    folder = _corpus(tmp_path / "corpus")
    r = call_cli("train", "--corpus", str(folder), "--splits", "train,test", "--out", str(tmp_path / "m.npz"))
    assert r.returncode == 2 and "test split" in r.stderr
    r = call_cli("train", "--corpus", str(tmp_path / "absent"), "--out", str(tmp_path / "m.npz"))
    assert r.returncode == 2 and "no labelled corpus" in r.stderr
    r = call_cli("train", "--corpus", str(folder), "--out", str(tmp_path / "m.npz"))
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "m.npz").is_file() and "threshold" in r.stdout
    r = call_cli("eval", "--split", "train", "--corpus", str(folder), "--model", str(tmp_path / "m.npz"))
    assert r.returncode == 0, r.stderr


def test_people_add_and_its_errors(tmp_path: Path) -> None:
    target = tmp_path / "people.toml"
    target.write_text("", encoding="utf-8")
    r = call_cli(
        "people", "add", "Wei Dapeng", "--alias", "韦大鹏", "--role", "Laibin PSB notice, 2023", "--file", str(target)
    )
    assert r.returncode == 0 and "韋大鵬" in r.stdout and "longarm extract" in r.stdout
    assert 'name = "Wei Dapeng"' in target.read_text(encoding="utf-8")
    r = call_cli("people", "add", "Nathan Law", "--file", str(target))
    assert r.returncode == 2 and "already an alias" in r.stderr
    r = call_cli("people", "add", "X Y", "--kind", "villain", "--file", str(target))
    assert r.returncode == 2 and "unknown kind" in r.stderr
    r = call_cli("people", "unlisted", "--db", str(tmp_path / "none.db"))
    assert r.returncode == 2 and "no such database" in r.stderr


@pytest.mark.slow
def test_eval_cross_validate_scores_train_and_dev_out_of_fold(tmp_path: Path) -> None:
    folder = _corpus(tmp_path / "corpus")
    r = call_cli("eval", "--cross-validate", "--corpus", str(folder), "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    from longarm.nlp.corpus import load_corpus

    train_dev = load_corpus("train", folder) + load_corpus("dev", folder)
    assert out["overall"]["items"] == len(train_dev) and out["overall"]["gold"] > 0  # never the test split
    assert "out of fold (5 folds by event, pages" in out["path"]
    r = call_cli("eval", "--cross-validate", "--sentences", "--corpus", str(folder))
    assert r.returncode == 0, r.stderr
    assert "sentence by sentence" in r.stdout
    r = call_cli("eval", "--cross-validate", "--split", "test", "--corpus", str(folder))
    assert r.returncode == 2 and "no FILE and no --split" in r.stderr
    r = call_cli("eval", "--cross-validate", "--compare", "--corpus", str(folder))
    assert r.returncode == 2 and "do not apply" in r.stderr
