"""Unknown filter values and out-of-range numbers are usage errors (exit 2) naming what is valid
(issue 10): an empty result for a typo reads as "nothing was said"."""

from __future__ import annotations

import pytest

from longarm.db import search as S
from longarm.db.filter_choices import LABELS, LANGS, check_choices, source_ids
from longarm.db.schema import connect
from tests.conftest import call_cli


@pytest.mark.parametrize(
    "option,value,listed",
    [
        ("--source", "nope", "hk_police"),
        ("--lang", "fr", ", ".join(LANGS)),
        ("--label", "bogus", ", ".join(LABELS)),
    ],
)
def test_unknown_filter_values_are_usage_errors_listing_the_valid_ones(indexed, option, value, listed) -> None:
    r = call_cli("search", "bounty", option, value, *indexed.cli_args())
    assert r.returncode == 2, r.stderr
    assert f"{option} {value!r} is not one of:" in r.stderr and listed in r.stderr
    assert r.stdout == ""


def test_known_values_in_any_case_still_search(indexed) -> None:
    r = call_cli("search", "bounty", "--lang", "ZH-hant", "--label", "Action", "--json", *indexed.cli_args())
    assert r.returncode == 0, r.stderr


def test_check_choices_canonicalises_and_lists_the_store_sources(indexed) -> None:
    conn = connect(indexed.db_path).conn
    ids = source_ids(conn)
    assert "hk_police" in ids and ids == sorted(ids)
    f = S.Filters(lang="zh-hans", label="THREAT", source="HK_POLICE")
    check_choices(f, conn)
    assert (f.lang, f.label, f.source) == ("zh-Hans", "threat", "hk_police")
    with pytest.raises(S.QueryError, match="not one of"):
        check_choices(S.Filters(source="hk-police"), conn)


@pytest.mark.parametrize(
    "args,words",
    [
        (["search", "bounty", "--since", "0000"], "years start at 0001"),
        (["search", "bounty", "--offset", "99999999999999999999"], "--offset"),
        (["search", "bounty", "--offset", "-1"], "--offset"),
        (["search", "bounty", "--limit", "100000"], "--limit"),
        (["cite", "12345678901234567890"], "out of range"),
        (["verify", "12345678901234567890"], "out of range"),
        (["show", "12345678901234567890"], "out of range"),
        (["show", "0"], "out of range"),
        (["show", "abc"], "not a number"),
    ],
)
def test_numbers_out_of_range_are_usage_errors(indexed, args, words) -> None:
    r = call_cli(*args, *indexed.cli_args())
    assert r.returncode == 2, r.stderr
    assert words in r.stderr and "Traceback" not in r.stderr
