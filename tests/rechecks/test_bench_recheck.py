"""benchmarks/bench_recheck.py: the store it can take its mix from (--db), and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import bench_recheck
from longarm.db import Store


def test_source_mix_and_statement_share_from_a_store(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    store.db.table("sources").insert_all([{"id": "a"}, {"id": "b"}], pk="id")
    for i, source in enumerate(["a", "a", "b"]):
        doc_id, _ = store.upsert_document({"source_id": source, "url": f"https://x/{i}", "text": f"t{i}"}, None)
        if i == 0:
            store.replace_threats(doc_id, [{"label": "threat", "quote": "t0", "start": 0, "end": 2}], "v1", "en")
    store.close()
    weights, share, mix = bench_recheck.source_weights(tmp_path / "s.db", ["ignored"])
    assert weights == {"a": 2.0, "b": 1.0} and share == pytest.approx(1 / 3) and "3 articles" in mix
    weights, share, _ = bench_recheck.source_weights(None, ["x", "y"])
    assert weights == {"x": 1.0, "y": 1.0} and share is None


def test_bad_input_is_refused_with_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        bench_recheck.main(["--articles", "0"])
    assert exc.value.code == 2 and "--articles 0" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        bench_recheck.main(["--db", str(tmp_path / "missing.db")])
    assert exc.value.code == 2 and "missing.db" in capsys.readouterr().err
    assert bench_recheck.main(["--articles", "100", "--detection-share", "2"]) == 2
    assert "detection_share" in capsys.readouterr().err
