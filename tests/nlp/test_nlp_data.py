"""The data files: every entry documented, ids and kinds valid, gazetteers usable by the DB."""

from __future__ import annotations

import tomllib

import pytest

from longarm.nlp import EXTRACTOR_VERSION
from longarm.nlp.gazetteer import STATE_KINDS, load_gazetteer, load_people, load_speakers
from longarm.nlp.lexicon import DATA_DIR, INSTRUMENTS, load_lexicon


def test_every_lexicon_entry_has_a_note_and_terms() -> None:
    lex = load_lexicon()
    for c in lex.cues:
        assert c.note.strip(), f"{c.kind} {c.id} has no note"
        assert c.terms, f"{c.kind} {c.id} has no terms"
    for combo in lex.combos:
        assert combo.note.strip()


def test_instruments_cover_the_contract_list() -> None:
    ids = {c.role for c in load_lexicon().cues if c.kind == "instrument"}
    assert ids == set(INSTRUMENTS)


def test_gazetteer_shapes_for_the_database() -> None:
    people, speakers = load_people(), load_speakers()
    assert len(people) >= 30 and len(speakers) >= 50
    names = [p["name"] for p in [*people, *speakers]]
    assert len(names) == len(set(names)), "canonical names must be unique (DB primary key)"
    for p in [*people, *speakers]:
        assert set(p) >= {"name", "kind", "role", "note", "aliases", "table_name"}
        assert p["name"] in p["aliases"]
    law = next(p for p in people if p["name"] == "Nathan Law Kwun-chung")
    assert {"羅冠聰", "罗冠聪", "Nathan Law"} <= set(law["aliases"])


def test_required_speakers_present() -> None:
    g = load_gazetteer()
    aliases = {a for e in g.speakers for a in e.aliases}
    for a in ("保安局局長", "鄧炳強", "Chris Tang", "警務處國家安全處", "国台办发言人", "Secretary for Security"):
        assert a in aliases or any(a in e.titles for e in g.speakers), a
    kinds = {e.kind for e in g.speakers if e.kind in STATE_KINDS}
    assert kinds == set(STATE_KINDS)


def test_files_parse_and_version_reflects_data() -> None:
    for p in DATA_DIR.glob("*.toml"):
        with open(p, "rb") as fh:
            tomllib.load(fh)
    assert EXTRACTOR_VERSION.startswith("rules-") and "+" in EXTRACTOR_VERSION


def test_owner_word_lists_are_lists_of_words() -> None:
    from longarm.nlp.gazetteer import _words

    assert _words({"office_owners": ["Hong Kong", "the city"]}, "office_owners") == ["hong kong", "the city"]
    assert _words({}, "police_owners") == []
    with pytest.raises(ValueError, match="police_owners must be a list of strings"):
        _words({"police_owners": "hong kong"}, "police_owners")
