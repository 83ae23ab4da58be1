"""longarm.nlp.segment.token_bounds: lazy, per-run segmentation gives exactly the whole slice's word bounds."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from longarm.nlp.segment import get_tokenizer, token_bounds

REPO = Path(__file__).resolve().parents[2]
STATEMENTS = REPO.parent / "shared" / "corpus" / "statements"


def _eager(text: str, start: int, end: int) -> tuple[set[int], set[int]]:
    """The reference: segment the whole slice with jieba, as token_bounds once did."""
    starts: set[int] = set()
    ends: set[int] = set()
    for _w, s, e in get_tokenizer().tokenize(text[start:end], HMM=True):
        starts.add(start + s)
        ends.add(start + e)
    return starts, ends


def _same(text: str, start: int, end: int) -> None:
    want_s, want_e = _eager(text, start, end)
    got_s, got_e = token_bounds(text, start, end)
    for p in range(-1, len(text) + 2):
        assert (p in got_s) == (p in want_s), (text[start:end], p, "start")
        assert (p in got_e) == (p in want_e), (text[start:end], p, "end")


@pytest.mark.parametrize(
    "text",
    [
        "保安局局長鄧炳強表示，潛逃者無論身在何處，都會被終身追究。",
        "警方将会议延期；将军说会将他们缉拿归案。",
        "国台办发言人朱凤莲10日表示，对“台独”顽固分子依法惩治。",
        "HK$1,000,000 懸紅\r\n通緝 8 名 overseas activists (Nathan Law) 等人\r\r\n完。",
        "\r\n\n  a-b_c.d%e#f&g+h 中文ABC123中文\t\r",
        "",
        "English only, with words and 42 numbers.",
    ],
)
def test_known_texts_every_slice(text: str) -> None:
    for start in range(0, len(text) + 1, 3):
        for end in range(start, len(text) + 1, 5):
            _same(text, start, end)
    _same(text, 0, len(text))


def test_random_mixed_text() -> None:
    rng = random.Random(11)
    alphabet = (
        list("将会了军议警方通缉懸紅國安處表示中外逃人员追回，。；“”「」")
        + list("abcXYZ019+#&._%-")
        + [" ", "\r", "\n", "\t", "\u3000", "(", ")", ",", "!"]
    )
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        start = rng.randint(0, len(text))
        _same(text, start, rng.randint(start, len(text)))


@pytest.mark.skipif(not STATEMENTS.is_dir(), reason="../shared/corpus/statements absent")
def test_real_sentences() -> None:
    from longarm.nlp.corpus import load_corpus
    from longarm.nlp.normalize import normalize
    from longarm.nlp.sentences import split_sentences

    docs = [d for d in load_corpus() if d.get("lang", "").startswith("zh")][:40]
    assert docs
    for d in docs:
        norm = normalize(d["text"])
        for s, e in split_sentences(d["text"])[:8]:
            _same(norm, s, e)
