"""Search: cross-script Chinese, two-character words, stemming, synonyms, filters, malformed queries, sync."""

from __future__ import annotations

import json
import sqlite3

import pytest

from longarm.db import search as S
from longarm.db.schema import connect
from tests.conftest import call_cli


@pytest.fixture
def conn(indexed):
    c = sqlite3.connect(f"file:{indexed.db_path}?mode=ro", uri=True)
    yield c
    c.close()


def ids(res) -> set[int]:
    return {r["id"] for r in res.rows}


def test_fold_keeps_length_and_converges_scripts() -> None:
    for trad, simp in [("紅色通緝令", "红色通缉令"), ("懸紅", "悬红"), ("國際刑警", "国际刑警"), ("羅冠聰", "罗冠聪")]:
        assert S.fold(trad) == S.fold(simp)
        assert len(S.fold(trad)) == len(trad)
    assert S.fold("ＩＮＴＥＲＰＯＬ") == "INTERPOL"


def test_simplified_query_finds_traditional_text_and_reverse(indexed, conn) -> None:
    trad = indexed.tid("警方懸紅一百萬港元")
    simp = indexed.tid("警方对五名潜逃者")
    assert trad in ids(S.search_threats(conn, "悬红"))  # simplified query, traditional quote
    assert simp in ids(S.search_threats(conn, "懸賞"))  # traditional query, simplified quote
    assert {trad, simp} <= ids(S.search_threats(conn, "潛逃 OR 追捕"))


def test_two_character_words_match(indexed, conn) -> None:
    trad = indexed.tid("警方懸紅一百萬港元")
    simp = indexed.tid("警方对五名潜逃者")
    for q in ("通緝", "通缉", "懸紅", "港元"):
        got = ids(S.search_threats(conn, q))
        assert trad in got, q
    assert simp in ids(S.search_threats(conn, "通緝"))
    # a single character works too, and a word is matched as a phrase, not as loose characters
    assert trad in ids(S.search_threats(conn, "懸"))
    assert not S.search_threats(conn, "紅懸").rows


def test_english_is_stemmed(indexed, conn) -> None:
    tid = indexed.tid("the Government pursued")
    assert tid in ids(S.search_threats(conn, "pursue"))
    assert tid in ids(S.search_threats(conn, "pursuing absconder"))
    res = S.search_threats(conn, "pursue")
    row = next(r for r in res.rows if r["id"] == tid)
    assert row["quote"][row["spans"][0][0] : row["spans"][0][1]] == "pursued"
    assert "[pursued]" in row["snippet"]


def test_synonyms_cross_languages(indexed, conn) -> None:
    zh_red = indexed.tid("紅色通緝令")
    en_red = indexed.tid("red notice through INTERPOL")
    assert {zh_red, en_red} <= ids(S.search_threats(conn, "red notice"))
    assert {zh_red, en_red} <= ids(S.search_threats(conn, "红色通缉令"))
    bounty_zh = indexed.tid("警方懸紅")
    assert bounty_zh in ids(S.search_threats(conn, "bounty"))
    assert en_red in ids(S.search_threats(conn, "懸紅"))
    warrant_en = indexed.tid("arrest warrants issued")
    assert warrant_en in ids(S.search_threats(conn, "通緝令"))
    assert indexed.tid("警方对五名潜逃者") in ids(S.search_threats(conn, "arrest warrant"))
    assert zh_red in ids(S.search_threats(conn, "INTERPOL"))
    assert en_red in ids(S.search_threats(conn, "國際刑警"))
    # the synonym table is a data file
    assert S.SYNONYMS_FILE.exists() and S.SYNONYMS_FILE.suffix == ".toml"


def test_gazetteer_aliases_expand_names(indexed, conn) -> None:
    en = indexed.tid("red notice through INTERPOL")  # targets Nathan Law Kwun-chung (English only)
    assert en in ids(S.search_threats(conn, "羅冠聰"))
    assert en in ids(S.search_threats(conn, "罗冠聪"))


def test_highlight_on_original_text(indexed, conn) -> None:
    res = S.search_threats(conn, "通缉令")
    for r in res.rows:
        for s, e in r["spans"]:
            assert S.fold(r["quote"][s:e]) in {S.fold(x) for x in ("通緝令", "通緝", "拘捕令", "arrest warrant")} or r[
                "quote"
            ][s:e].lower().startswith(("arrest warrant", "wanted"))
    tid = indexed.tid("警方懸紅")
    row = next(r for r in S.search_threats(conn, "悬红 通缉").rows if r["id"] == tid)
    marked = S.mark(row["quote"], row["spans"])
    assert "[懸紅]" in marked and "[通緝]" in marked


def test_ranked_results(indexed, conn) -> None:
    res = S.search_threats(conn, "bounty")
    ranks = [r["rank"] for r in res.rows]
    assert ranks == sorted(ranks) and len(ranks) >= 3


def test_filters(indexed, conn) -> None:
    F = S.Filters
    assert ids(S.search_threats(conn, "bounty", F(label="threat"))) == {indexed.tid("red notice through INTERPOL")}
    assert indexed.tid("the Government pursued") in ids(S.search_threats(conn, "pursue", F(speaker="John Lee")))
    assert indexed.tid("the Government pursued") in ids(S.search_threats(conn, "pursue", F(speaker="李家超")))
    assert not S.search_threats(conn, "pursue", F(speaker="Wang Wenbin")).rows
    assert ids(S.search_threats(conn, "bounty", F(target="羅冠聰"))) == {
        indexed.tid("警方懸紅"),
        indexed.tid("red notice through INTERPOL"),
    }
    assert ids(S.search_threats(conn, "通緝", F(source="xinhua"))) == {indexed.tid("警方对五名潜逃者")}
    zh = ids(S.search_threats(conn, "bounty", F(lang="zh")))
    assert zh == {indexed.tid("警方懸紅"), indexed.tid("警方对五名潜逃者")}
    assert ids(S.search_threats(conn, "bounty", F(lang="zh-Hans"))) == {indexed.tid("警方对五名潜逃者")}
    assert ids(S.search_threats(conn, "bounty", F(lang="en"))) == {indexed.tid("red notice through INTERPOL")}
    assert ids(S.search_threats(conn, "通緝", F(since="2023-12-01", until="2023-12-31"))) == {
        indexed.tid("警方对五名潜逃者")
    }
    assert ids(S.search_threats(conn, "arrest warrant", F(until="2021"))) == {indexed.tid("arrest warrants issued")}
    assert ids(S.search_threats(conn, "bounty", F(since="2024"))) == {indexed.tid("red notice through INTERPOL")}
    assert not S.search_threats(conn, "bounty", F(since="2030")).rows
    with pytest.raises(S.QueryError):
        F(since="yesterday")
    with pytest.raises(S.QueryError):
        F(until="2024-13")


def test_documents_search(indexed, conn) -> None:
    res = S.search_documents(conn, "紅色通緝令", count=True)
    assert res.total == 2
    urls = {r["url"] for r in res.rows}
    assert any("info.gov.hk" in u for u in urls)
    for r in res.rows:
        assert "[" in r["snippet"]
    assert not S.search_documents(conn, "weather", S.Filters(source="xinhua")).rows
    assert S.search_documents(conn, "weather").rows


MALFORMED = [
    '"AND (',
    "*",
    "NEAR(",
    "OR",
    '"',
    "",
    "   ",
    "AND",
    "NOT",
    "(",
    ")",
    '""',
    '"unbalanced phrase',
    "a OR",
    "OR b",
    "NEAR(a b",
    "col:value",
    "speaker:x",
    "{quote}: x",
    "^start",
    "a + b",
    "-x",
    "x*",
    "**",
    "'",
    "\\",
    "\u0000",
    "%",
    "_",
    "a AND OR NOT b",
    "「通緝",
    "通緝」",
    "“bounty",
    "😀",
    "x" * 10_000,
    "通" * 10_000,
    "bounty " * 3000,
    '"' * 999,
    "( ( ( (",
    "a\tb\nc",
]


@pytest.mark.parametrize("q", MALFORMED)
def test_malformed_queries_never_crash(indexed, conn, q) -> None:
    try:
        res = S.search_threats(conn, q)
        S.search_documents(conn, q)
        assert isinstance(res.rows, list)
    except S.QueryError as exc:
        assert str(exc)


def test_cli_search_table_and_json(indexed) -> None:
    r = call_cli("search", "悬红", *indexed.cli_args())
    assert r.returncode == 0, r.stderr
    assert "[懸紅]" in r.stdout and "speaker" in r.stdout
    r = call_cli("search", "bounty", "--json", "--lang", "zh", *indexed.cli_args())
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["total"] == 2 and len(data["results"]) == 2
    for row in data["results"]:
        assert row["highlights"] and row["quote"] and row["url"]
    r = call_cli("search", "red notice", "--documents", "--json", *indexed.cli_args())
    assert r.returncode == 0 and json.loads(r.stdout)["results"]


@pytest.mark.parametrize("q", ['"AND (', "*", "NEAR(", "OR", '"', "", "x" * 10_000])
def test_cli_malformed_query_exit_0_or_2(indexed, q) -> None:
    r = call_cli("search", q, *indexed.cli_args())
    assert r.returncode in (0, 2), r.stderr
    assert "Traceback" not in r.stderr
    if r.returncode == 2:
        assert "nothing to search" in r.stderr or "query" in r.stderr


def test_cli_bad_filters_exit_2(indexed) -> None:
    r = call_cli("search", "bounty", "--since", "last week", *indexed.cli_args())
    assert r.returncode == 2 and "--since" in r.stderr
    r = call_cli("search", "bounty", "--limit", "0", *indexed.cli_args())
    assert r.returncode == 2


def test_index_builds_lazily_and_stays_in_sync(store_copy) -> None:
    # no index yet: the CLI builds it
    r = call_cli("search", "通緝", *store_copy.cli_args())
    assert r.returncode == 0, r.stderr
    db = connect(store_copy.db_path)
    assert S.index_status(db) == "ok"
    assert S.index_new(db) == {"threats": 0, "documents": 0}  # idempotent, nothing to do
    # change a threat's quote, delete another, add a document: index_new applies exactly that
    tid = store_copy.tid("the Government pursued")
    with db.conn:
        db.execute("UPDATE threats SET quote = 'They will be hunted to the ends of the earth.' WHERE id = ?", [tid])
        db.execute("DELETE FROM threats WHERE id = ?", [store_copy.tid("arrest warrants issued")])
        db.execute("UPDATE documents SET source_id = 'mfa' WHERE id = ?", [store_copy.document_ids[1]])
    assert S.index_status(db) == "pending"
    counts = S.index_new(db)
    assert counts["threats"] >= 2
    assert S.index_status(db) == "ok"
    assert tid not in ids(S.search_threats(db, "pursued"))
    assert tid in ids(S.search_threats(db, "earth"))
    assert not S.search_threats(db, "enforced").rows
    assert ids(S.search_threats(db, "通緝", S.Filters(source="mfa"))) == {store_copy.tid("警方对五名潜逃者")}
    assert not S.search_threats(db, "通緝", S.Filters(source="xinhua")).rows
    # after all those changes the contentless index is still consistent
    db.execute("INSERT INTO search_threats(search_threats, rank) VALUES ('integrity-check', 0)")
    # a rebuild gives the same answers
    before = ids(S.search_threats(db, "bounty OR 通緝"))
    S.rebuild_index(db)
    assert ids(S.search_threats(db, "bounty OR 通緝")) == before
    # index_threats / index_documents re-index given rows idempotently
    assert S.index_threats(db, [tid]) == 1
    assert S.index_documents(db, store_copy.document_ids) == len(store_copy.document_ids)
    assert ids(S.search_threats(db, "bounty OR 通緝")) == before
    db.conn.close()


def test_ranking_window_bounds_work(indexed, conn) -> None:
    res = S.search_threats(conn, "bounty OR 通緝 OR pursue OR warrant", window=2, count=True)
    assert res.ranked_window == 2 and res.note and res.total and res.total > 2
    assert len(res.rows) == 2


def test_explicit_and_is_an_operator_not_a_word() -> None:
    q = S.parse_query("bounty AND warrant", synonyms=False)
    assert [t.original for t in q.terms] == ["bounty", "warrant"]
    with pytest.raises(S.QueryError):
        S.parse_query('"AND (', synonyms=False)


def test_results_say_where_they_matched(indexed, conn) -> None:
    """A row whose quote has no highlight matched on another column; the JSON says which."""
    res = S.search_threats(conn, "bounty")
    assert res.rows
    for r in res.rows:
        assert r["matched_in"]
        assert (r["matched_in"] == ["quote"]) == bool(r["spans"])
