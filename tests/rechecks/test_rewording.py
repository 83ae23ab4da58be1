"""A statement's new wording after an edit (longarm/rewording.py), and the progress line beside re-checks."""

from __future__ import annotations

from collections import Counter
from types import SimpleNamespace

from longarm import progress
from longarm.rewording import find_rewording

OLD_EN = "A police spokesman said the force will spare no effort in pursuing the absconders."


def test_reworded_english_sentence_is_found_with_its_offsets() -> None:
    new = (
        "The National Security Department announced arrest warrants today. "
        "A police spokesman said the force will spare no effort in locating the absconders. "
        "Members of the public may call the hotline."
    )
    found = find_rewording(OLD_EN, new, min_similarity=0.6)
    assert found is not None
    assert found.text == "A police spokesman said the force will spare no effort in locating the absconders."
    assert new[found.start : found.end] == found.text
    assert 0.6 <= found.similarity < 1.0


def test_deleted_sentence_has_no_new_wording() -> None:
    new = "The National Security Department announced arrest warrants today. Members of the public may call."
    assert find_rewording(OLD_EN, new, min_similarity=0.6) is None


def test_chinese_is_compared_character_by_character() -> None:
    old = "警方發言人表示，警方會不惜一切追緝潛逃者，並呼籲他們盡快回港自首。"
    new = "國家安全處今日宣布通緝令。警方發言人表示，警方會繼續追緝潛逃者，並呼籲他們回港自首。市民可致電熱線。"
    found = find_rewording(old, new, min_similarity=0.6)
    assert found is not None and found.text == "警方發言人表示，警方會繼續追緝潛逃者，並呼籲他們回港自首。"


def test_a_quote_split_over_two_sentences_is_matched_by_a_window() -> None:
    old = "The force will pursue them for life. They should surrender now."
    new = "Other news. The force will pursue them. They should surrender. Weather."
    found = find_rewording(old, new, min_similarity=0.6, max_sentences=3)
    assert found is not None and found.text == "The force will pursue them. They should surrender."


def test_empty_inputs() -> None:
    assert find_rewording("", "Some text.", min_similarity=0.6) is None
    assert find_rewording(OLD_EN, "   ", min_similarity=0.6) is None


def test_progress_line_counts_a_recheck_spider_without_discovery_states(monkeypatch) -> None:
    """A re-check spider has no discovery ``states``: the progress timer must not fail on it."""
    stats = SimpleNamespace(get_value=lambda key, default=0: 3)
    source = SimpleNamespace(stats_counter=Counter(known_skipped=2), states=Counter(ok=1, blocked=1))
    recheck = SimpleNamespace(stats_counter=Counter(requests=4))
    monkeypatch.setattr(
        progress, "_ACTIVE", [(SimpleNamespace(stats=stats), source), (SimpleNamespace(stats=stats), recheck)]
    )
    line = progress._line()
    assert "already stored 2" in line and "problems 1" in line and "pages 6" in line
