"""Where a statement went when an edit took its quote off the page: its new wording, if any.

A re-check that finds an article edited (longarm/rechecks.py) compares each stored quote with
the new text. A quote still there is unchanged; a quote that is gone may have been deleted or
reworded ("will be pursued for life" -> "is urged to return"). This module finds the run of
consecutive sentences of the new text most like the old quote and calls it the new wording when
it is close enough (``[reworded]`` in longarm/data/recheck.toml). Similarity is difflib's ratio
over the diff tokens of longarm/version_diff.py without whitespace: words for English,
characters for Chinese, so it means the same in both scripts.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from longarm.nlp.sentences import split_sentences
from longarm.version_diff import tokens


@dataclass(frozen=True)
class Rewording:
    """The new wording of a quote: its span in the new text and how alike the two are (0..1)."""

    start: int
    end: int
    text: str
    similarity: float


def _units(text: str) -> list[str]:
    return [t.casefold() for t in tokens(text) if not t.isspace()]


def find_rewording(quote: str, new_text: str, *, min_similarity: float, max_sentences: int = 3) -> Rewording | None:
    """The span of ``new_text`` (1..``max_sentences`` consecutive sentences) most like ``quote``, or None.

    None when nothing reaches ``min_similarity``: the statement was deleted, not reworded.
    """
    return NewText(new_text).rewording(quote, min_similarity=min_similarity, max_sentences=max_sentences)


class NewText:
    """A new version's text cut into sentences and diff units once, for every missing quote of it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans = split_sentences(text) if text.strip() else []
        self.units = [_units(text[s:e]) for s, e in self.spans]

    def rewording(self, quote: str, *, min_similarity: float, max_sentences: int = 3) -> Rewording | None:
        """``find_rewording`` against this text."""
        old = _units(quote)
        if not old or not self.spans:
            return None
        best: Rewording | None = None
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(old)  # difflib caches the second sequence: the quote, compared with every window
        for i in range(len(self.spans)):
            window: list[str] = []
            for j in range(i, min(i + max_sentences, len(self.spans))):
                window = window + self.units[j]
                # a window much longer than the quote cannot reach the threshold: stop growing it
                if len(window) > 2 * len(old) / max(min_similarity, 1e-6):
                    break
                matcher.set_seq1(window)
                if matcher.real_quick_ratio() < min_similarity or matcher.quick_ratio() < min_similarity:
                    continue
                ratio = matcher.ratio()
                if ratio >= min_similarity and (best is None or ratio > best.similarity):
                    start, end = self.spans[i][0], self.spans[j][1]
                    best = Rewording(start, end, self.text[start:end], round(ratio, 3))
        return best
