"""Trends, person and speaker pages, figures charted (issue 13, points 2 and 4): the numbers, then the pages."""

from __future__ import annotations

import asyncio
import re
from urllib.parse import quote

import pytest

from longarm import trends as T
from longarm.db import Store, connect
from longarm.extraction_runner import attach_quantities
from longarm.web import svg_charts as G


@pytest.fixture
def figured(store_copy):
    """The test store with the figures of its statements read."""
    store = Store(store_copy.db_path)
    attach_quantities(store)
    store.close()
    return store_copy


def _db(f):
    return connect(f.db_path)


def test_statements_per_month_by_actor_kind_fills_quiet_months(store_copy) -> None:
    db = _db(store_copy)
    s = T.statements_per_month(db, "speaker_kind")
    assert s.months[0] == "2021-06" and s.months[-1] == "2024-07" and len(s.months) == 38
    assert s.counts["hk_government"] == {"2023-07": 1, "2023-12": 1, "2024-07": 1}
    assert s.counts["hk_police"] == {"2023-07": 1, "2024-07": 1}
    assert s.groups[0] == "hk_government" and s.undated == 0


def test_statements_per_month_by_instrument_counts_each_instrument(store_copy) -> None:
    s = T.statements_per_month(_db(store_copy), "instrument")
    assert s.counts["bounty"] == {"2023-07": 1, "2023-12": 1, "2024-07": 1}
    assert s.counts["arrest_warrant"] == {"2021-06": 1, "2023-07": 1, "2023-12": 1}
    with pytest.raises(ValueError, match="speaker_kind or instrument"):
        T.statements_per_month(_db(store_copy), "colour")


def test_person_profile_from_an_alias_in_either_script(store_copy) -> None:
    for name in ("羅冠聰", "罗冠聪", "Nathan Law Kwun-chung"):
        p = T.person_profile(_db(store_copy), name)
        assert p is not None and p.name == "Nathan Law Kwun-chung"
        assert {"羅冠聰", "罗冠聪", "Nathan Law"} <= set(p.aliases)
        assert [s["date"] for s in p.statements] == ["2023-07-03", "2024-07-02"]
        assert (p.first, p.latest) == ("2023-07-03", "2024-07-02")
        assert dict(p.instruments)["bounty"] == 2
        assert dict(p.others) == {"National Security Department": 1, "Hong Kong Police Force": 1}
    assert T.person_profile(_db(store_copy), "Nobody Known") is None


def test_speaker_profile_lists_whom_they_targeted(store_copy) -> None:
    p = T.speaker_profile(_db(store_copy), "鄧炳強")
    assert p is not None and p.name == "Chris Tang Ping-keung"
    assert [s["date"] for s in p.statements] == ["2023-07-03", "2023-12-14"]
    assert dict(p.others) == {"Simon Cheng Man-kit": 1}
    assert dict(p.instruments) == {"interpol": 1, "red_notice": 1, "arrest_warrant": 1, "bounty": 1}
    assert T.speaker_profile(_db(store_copy), "Nobody Known") is None


def test_figures_by_year_and_rewards_per_person(figured) -> None:
    db = _db(figured)
    series = {s.key: s for s in T.figure_series(db)}
    reward = series["reward-HKD"]
    assert {y: p["value"] for y, p in reward.points.items()} == {"2023": 1_000_000, "2024": 1_000_000}
    assert sorted(reward.points["2023"]["statements"]) == sorted([figured.tid("警方懸紅"), figured.tid("悬赏一百万")])
    rewards = {r["person"]: r for r in T.rewards_on_offer(db)}
    # named alone with the reward: counted; Ted Hui shares a statement that gives no per-person amount: not
    assert rewards["Nathan Law Kwun-chung"]["amount"] == 1_000_000
    assert rewards["Simon Cheng Man-kit"]["currency"] == "HKD"
    assert "Ted Hui Chi-fung" not in rewards
    assert T.reward_totals(list(rewards.values())) == {"HKD": 2_000_000}


def test_month_range_and_chart_marks() -> None:
    assert T.month_range("2023-11", "2024-02") == ["2023-11", "2023-12", "2024-01", "2024-02"]
    svg = str(
        G.stacked_months(
            ["2023-12", "2024-01"],
            ["a", "b"],
            {"a": {"2023-12": 2}, "b": {"2023-12": 1, "2024-01": 4}},
            chart_id="c",
            title="t",
        )
    )
    bars = re.findall(r'data-month="([^"]+)" data-group="([^"]+)" data-count="(\d+)"', svg)
    assert bars == [("2023-12", "a", "2"), ("2023-12", "b", "1"), ("2024-01", "b", "4")]
    assert ">2024</text>" in svg  # a tick at January
    tl = str(
        G.timeline([{"id": 7, "date": "2024-03-01", "label": "threat", "quote": "<b>x</b>"}], chart_id="t", title="t")
    )
    assert 'href="/-/longarm/threat/7"' in tl and "<b>" not in tl


def _get(ds, path: str):
    async def go():
        return await ds.client.get(path)

    return asyncio.run(go())


@pytest.fixture
def ds(figured):
    from longarm.web import make_datasette

    return make_datasette(figured.db_path, figured.archive)


def test_trends_page_draws_both_charts_and_the_figures(ds) -> None:
    r = _get(ds, "/-/longarm/trends")
    assert r.status_code == 200
    assert 'id="chart-kind"' in r.text and 'id="chart-instrument"' in r.text
    assert 'data-month="2023-12" data-group="hk_government" data-count="1"' in r.text
    assert 'id="figure-reward-HKD"' in r.text and 'data-year="2023" data-value="1e+06"' in r.text
    assert 'id="reward-total-HKD">HKD 2,000,000<' in r.text
    charts = r.text.split('id="trends"', 1)[1]
    assert "<script" not in charts.split("Powered by", 1)[0]  # drawn on the server: works offline


def test_person_and_speaker_pages(ds, figured) -> None:
    r = _get(ds, "/-/longarm/person/" + quote("羅冠聰"))
    assert r.status_code == 200
    assert '<h1 id="name">Nathan Law Kwun-chung</h1>' in r.text
    assert "羅冠聰" in r.text and "罗冠聪" in r.text
    assert '<dd id="first">2023-07-03</dd>' in r.text and '<dd id="latest">2024-07-02</dd>' in r.text
    assert r.text.count('class="dot"') == 2
    assert "/-/longarm/feed/person/Nathan%20Law%20Kwun-chung.atom" in r.text
    assert 'id="reward">HKD 1,000,000' in r.text
    r = _get(ds, "/-/longarm/speaker/" + quote("Chris Tang Ping-keung"))
    assert r.status_code == 200 and 'href="/-/longarm/person/Simon%20Cheng%20Man-kit"' in r.text
    assert _get(ds, "/-/longarm/person/" + quote("Nobody Known")).status_code == 404
    assert _get(ds, "/-/longarm/speaker/" + quote("Nobody Known")).status_code == 404


def test_threat_page_and_search_results_link_to_the_people(ds, figured) -> None:
    tid = figured.tid("警方懸紅一百萬港元")
    html = _get(ds, f"/-/longarm/threat/{tid}").text
    assert 'href="/-/longarm/person/Nathan%20Law%20Kwun-chung"' in html
    assert 'href="/-/longarm/speaker/National%20Security%20Department"' in html
    assert re.search(r'<span class="figure"[^>]*>一百萬港元</span> = 1,000,000 HKD, reward', html)
    html = _get(ds, "/-/longarm/search?q=" + quote("懸紅")).text
    assert 'class="person-link" href="/-/longarm/person/Nathan%20Law%20Kwun-chung"' in html
    assert 'class="speaker-link"' in html and 'id="trends-link"' in html


def test_pages_work_on_a_store_without_figures(store_copy) -> None:
    """A store from before figures were read (no quantities table) still shows every page."""
    import sqlite3

    conn = sqlite3.connect(store_copy.db_path)
    conn.execute("DROP TABLE quantities")
    conn.commit()
    conn.close()
    assert T.figure_series(_db(store_copy)) == [] and T.rewards_on_offer(_db(store_copy)) == []
    from longarm.web import make_datasette

    ds = make_datasette(store_copy.db_path, store_copy.archive)
    assert _get(ds, "/-/longarm/trends").status_code == 200
    assert _get(ds, f"/-/longarm/threat/{store_copy.tid('警方懸紅')}").status_code == 200
    assert _get(ds, "/-/longarm/person/" + quote("羅冠聰")).status_code == 200
