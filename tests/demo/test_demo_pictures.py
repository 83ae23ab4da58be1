"""Issue 13 on the demo store: figures read and charted; the trends, person and speaker pages rendered
by a real headless Chromium, offline (loopback only), with screenshots checked pixel by pixel.

Set LONGARM_SCREENSHOTS=folder to keep the screenshots.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from urllib.parse import quote

import pytest

from longarm.web import svg_charts as G
from tests.browser import Server, count_colour, dump_dom, find_chromium, png_pixels, screenshot


def _demo_db(demo_runs: dict) -> Path:
    assert demo_runs["first"].returncode == 0, demo_runs["first"].stderr
    return demo_runs["cwd"] / "demo" / "longarm.db"


def _most(conn: sqlite3.Connection, sql: str) -> str:
    return conn.execute(sql).fetchone()[0]


@pytest.mark.slow  # end-to-end: reads the store `longarm demo` made (demo_runs)
def test_demo_figures_are_read_from_every_statement(demo_runs: dict) -> None:
    conn = sqlite3.connect(_demo_db(demo_runs))
    unread = conn.execute("SELECT COUNT(*) FROM threats WHERE superseded_at IS NULL AND quantities_version IS NULL")
    assert unread.fetchone()[0] == 0
    kinds = {
        (r[0], r[1]): r[2]
        for r in conn.execute("SELECT counted, COALESCE(currency, unit), COUNT(*) FROM quantities GROUP BY 1, 2")
    }
    assert kinds.get(("reward", "HKD"), 0) >= 5  # the bounty notices, in English and Chinese
    assert kinds.get(("wanted", "person"), 0) >= 5  # people on the wanted lists
    values = {r[0] for r in conn.execute("SELECT value FROM quantities WHERE counted = 'reward'")}
    assert 1_000_000 in values


@pytest.fixture(scope="module")
def served(demo_runs: dict):
    db = _demo_db(demo_runs)
    server = Server(["--db", str(db)])  # the store knows its archive (issue 13, point 3)
    yield server, sqlite3.connect(db)
    server.stop()


@pytest.fixture
def chromium() -> str:
    path = find_chromium()
    if not path:
        pytest.skip("chromium not found (make test runs scripts/ensure_chromium.sh to apt-install it)")
    return path


def _no_outside_requests(dom: str) -> None:
    """Nothing on the page is loaded from anywhere but this server (it works offline)."""
    loads = re.findall(r'<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)="([^"]+)"', dom)
    outside = [u for u in loads if re.match(r"(?:https?:)?//", u) and not u.startswith("http://127.0.0.1")]
    assert not outside, outside


@pytest.mark.browser
def test_browser_trends_page_charts_the_waves_and_the_figures(chromium, served, tmp_path) -> None:
    server, conn = served
    url = server.url("/-/longarm/trends")
    dom = dump_dom(chromium, url)
    _no_outside_requests(dom)
    months = set(re.findall(r'<rect class="bar" data-month="(\d{4}-\d\d)"', dom))
    assert {m[:4] for m in months} >= {"2023", "2024", "2025"}  # the waves are drawn
    assert 'id="chart-kind"' in dom and 'id="chart-instrument"' in dom
    assert 'id="figure-reward-HKD-each"' in dom and 'id="reward-total-HKD"' in dom
    png = screenshot(chromium, url, tmp_path / "trends.png")
    width, height, rows = png_pixels(png)
    assert (width, height) == (1280, 1800)
    palette = G.style()["palette"]
    assert count_colour(rows, palette[0]) > 500  # the largest group's bars are painted
    assert count_colour(rows, palette[1]) > 200


@pytest.mark.browser
def test_browser_person_page_has_aliases_timeline_and_dates(chromium, served, tmp_path) -> None:
    server, conn = served
    name = _most(
        conn,
        "SELECT a.name FROM aliases a JOIN people p ON p.name = a.name WHERE p.kind != 'hk_government' "
        "GROUP BY a.name HAVING SUM(a.alias GLOB '*[一-龥]*') >= 2 ORDER BY (SELECT COUNT(*) FROM threats t, "
        "json_each(t.targets) j WHERE j.value = a.name AND t.superseded_at IS NULL) DESC LIMIT 1",
    )
    han = [r[0] for r in conn.execute("SELECT alias FROM aliases WHERE name = ? AND alias GLOB '*[一-龥]*'", [name])]
    n = conn.execute(
        "SELECT COUNT(*) FROM threats t, json_each(t.targets) j WHERE j.value = ? AND t.superseded_at IS NULL", [name]
    ).fetchone()[0]
    assert n > 0
    url = server.url("/-/longarm/person/" + quote(han[0]))  # reached by its Chinese alias
    dom = dump_dom(chromium, url)
    _no_outside_requests(dom)
    assert f'<h1 id="name">{name}</h1>' in dom
    for alias in han:  # both scripts
        assert alias in dom
    assert len(re.findall(r'<li class="result" id="s-\d+"', dom)) == n
    assert len(re.findall(r'class="dot"', dom)) == n
    assert re.search(r'<dd id="first">\d{4}-\d\d-\d\d</dd>', dom) and re.search(
        r'<dd id="latest">\d{4}-\d\d-\d\d</dd>', dom
    )
    png = screenshot(chromium, url, tmp_path / "person.png")
    _, _, rows = png_pixels(png)
    assert count_colour(rows, G.style()["palette"][0]) > 30  # timeline dots and legend


@pytest.mark.browser
def test_browser_speaker_page_and_links_from_a_threat_page(chromium, served, tmp_path) -> None:
    server, conn = served
    speaker = _most(
        conn,
        "SELECT speaker FROM threats WHERE superseded_at IS NULL AND speaker IS NOT NULL AND "
        "json_array_length(targets) > 0 GROUP BY speaker ORDER BY COUNT(*) DESC LIMIT 1",
    )
    tid = conn.execute(
        "SELECT id FROM threats WHERE superseded_at IS NULL AND speaker = ? AND "
        "json_array_length(targets) > 0 ORDER BY id LIMIT 1",
        [speaker],
    ).fetchone()[0]
    dom = dump_dom(chromium, server.url(f"/-/longarm/threat/{tid}"))
    href = f"/-/longarm/speaker/{quote(speaker, safe='')}"
    assert f'href="{href}"' in dom and 'class="person-link"' in dom
    url = server.url(href)
    dom = dump_dom(chromium, url)
    _no_outside_requests(dom)
    assert f'<h1 id="name">{speaker}</h1>' in dom
    assert re.search(r'<dd id="others"><a href="/-/longarm/person/', dom)  # whom they targeted
    assert len(re.findall(r'class="dot"', dom)) >= 2
    png = screenshot(chromium, url, tmp_path / "speaker.png")
    _, _, rows = png_pixels(png)
    assert len({row[i : i + 3] for row in rows[::40] for i in range(0, len(row), 120)}) > 20  # not a blank page
