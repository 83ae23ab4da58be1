"""The web page: Datasette + longarm's plugin. In-process checks, then a real headless Chromium."""

from __future__ import annotations

import asyncio
import http.server
import json
import re
import shutil
import threading
import time
from urllib.parse import quote

import pytest

from longarm.db import Store
from longarm.pipelines.warc_writer import WarcWriterSet, sha256_hex, warc_date
from tests.browser import Server as _Server
from tests.browser import dump_dom as _dump_dom
from tests.browser import find_chromium as _chromium

RAW_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox"


def _get(ds, path: str):
    async def go():
        return await ds.client.get(path)

    return asyncio.run(go())


@pytest.fixture(scope="module")
def ds(indexed):
    from longarm.web import make_datasette

    return make_datasette(indexed.db_path, indexed.archive)


def test_search_page_chinese_query_cross_script(ds, indexed) -> None:
    r = _get(ds, "/-/longarm/search?q=" + quote("通缉"))  # simplified query
    assert r.status_code == 200
    html = r.text
    assert '<mark class="hit">通緝</mark>' in html  # traditional quote highlighted
    assert f'href="/-/longarm/threat/{indexed.tid("警方懸紅")}' in html
    for facet in ("speaker", "target", "source", "year"):
        assert f"<h3>{facet}</h3>" in html
    assert "hk_gov_press" in html and "2023" in html


def test_search_page_filters_and_facet_links(ds, indexed) -> None:
    r = _get(ds, "/-/longarm/search?q=bounty&lang=zh")
    assert r.status_code == 200
    assert "<strong>2</strong> threats match" in r.text
    r = _get(ds, "/-/longarm/search?q=bounty&year=2024")
    assert "<strong>1</strong> threats match" in r.text
    r = _get(ds, "/-/longarm/search?q=" + quote("紅色通緝令") + "&documents=1")
    assert r.status_code == 200 and '<mark class="hit">' in r.text and "/-/longarm/snapshot/" in r.text


@pytest.mark.parametrize("q", ['"AND (', "*", "NEAR(", "OR", '"', "", "x" * 10_000])
def test_search_page_malformed_queries(ds, q) -> None:
    r = _get(ds, "/-/longarm/search?q=" + quote(q))
    assert r.status_code in (200, 400)
    if r.status_code == 400:
        assert 'id="search-error"' in r.text


def test_search_page_bad_date_is_400(ds) -> None:
    r = _get(ds, "/-/longarm/search?q=bounty&since=tomorrow")
    assert r.status_code == 400 and "--since" in r.text or "since" in r.text


def test_threat_page_and_citation_formats(ds, indexed) -> None:
    tid = indexed.tid("red notice through INTERPOL")
    r = _get(ds, f"/-/longarm/threat/{tid}")
    assert r.status_code == 200
    html = r.text
    assert '<mark class="quote">Police will seek a red notice through INTERPOL' in html
    assert "Hong Kong Police Force" in html and "Nathan Law Kwun-chung" in html and "red_notice" in html
    for suffix in (".md", ".json", ".csl.json"):
        assert f'href="/-/longarm/threat/{tid}{suffix}"' in html
    assert 'id="snapshot-link"' in html
    md = _get(ds, f"/-/longarm/threat/{tid}.md")
    assert md.status_code == 200 and "red notice through INTERPOL" in md.text
    j = _get(ds, f"/-/longarm/threat/{tid}.json").json()
    assert j["threat_id"] == tid and len(j["payload_sha256"]) == 64
    csl = _get(ds, f"/-/longarm/threat/{tid}.csl.json")
    assert csl.status_code == 200 and "csl+json" in csl.headers["content-type"]
    assert json.loads(csl.text)[0]["URL"].startswith("https://www.info.gov.hk/")
    assert _get(ds, "/-/longarm/threat/999999").status_code == 404
    assert 'id="superseded"' not in html


def test_superseded_statement_page_says_so_and_search_leaves_it_out(store_copy) -> None:
    """A statement a newer extractor no longer finds keeps its page (citations) but leaves search."""
    from longarm.db import search as S
    from longarm.db.schema import connect
    from longarm.web import make_datasette

    tid = store_copy.tid("red notice through INTERPOL")
    db = connect(store_copy.db_path)
    with db.conn:
        db.execute("UPDATE threats SET superseded_at = '2026-12-02T00:00:00Z' WHERE id = ?", [tid])
    S.rebuild_index(db)
    db.conn.close()
    ds2 = make_datasette(store_copy.db_path, store_copy.archive)
    page = _get(ds2, f"/-/longarm/threat/{tid}")
    assert page.status_code == 200 and 'id="superseded"' in page.text
    found = _get(ds2, "/-/longarm/search?" + "q=" + quote("red notice through INTERPOL"))
    assert found.status_code == 200 and "threat" in found.text
    assert not re.search(rf'/-/longarm/threat/{tid}["?]', found.text)
    other = store_copy.tid("警方懸紅")  # the page does list current statements
    assert re.search(rf'/-/longarm/threat/{other}["?]', _get(ds2, "/-/longarm/search?q=" + quote("懸紅")).text)


def test_snapshot_page_is_sandboxed_and_labelled(ds, indexed) -> None:
    sid = indexed.snapshot_ids[0]
    r = _get(ds, f"/-/longarm/snapshot/{sid}")
    assert r.status_code == 200
    assert re.search(r'<iframe[^>]*sandbox=""[^>]*src="/-/longarm/snapshot/%d/raw"' % sid, r.text)
    assert re.search(r"Archived copy captured \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC — not the live page", r.text)
    raw = _get(ds, f"/-/longarm/snapshot/{sid}/raw")
    assert raw.status_code == 200
    assert raw.headers["content-security-policy"] == RAW_CSP
    assert "警方懸紅通緝八名潛逃者".encode() in raw.content
    assert _get(ds, "/-/longarm/snapshot/999999").status_code == 404


def test_datasette_table_browsing_still_works(ds) -> None:
    r = _get(ds, "/longarm/threats.json?_shape=array")
    assert r.status_code == 200 and len(r.json()) == 7
    assert _get(ds, "/").status_code == 200


# ---------------------------------------------------------------------------
# Real browser
# ---------------------------------------------------------------------------


class _Trap(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        _Trap.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"trap")

    def log_message(self, *a) -> None:
        pass


@pytest.fixture
def trap_store(store_copy):
    """The store plus a snapshot whose archived HTML tries to fetch from a local 'original site'."""
    trap = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Trap)
    threading.Thread(target=trap.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{trap.server_address[1]}"
    body = (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url={origin}/refresh">'
        f'<link rel="stylesheet" href="{origin}/site.css"><script src="{origin}/app.js"></script>'
        f'<script>fetch("{origin}/fetch"); document.title = "SCRIPT RAN";</script>'
        f'<style>p {{ color: #333 }}</style></head><body><h1>警方懸紅</h1><p id="archived-text">存檔內容</p>'
        f'<img src="{origin}/logo.png"><iframe src="{origin}/frame"></iframe></body></html>'
    ).encode()
    store = Store(store_copy.db_path)
    w = WarcWriterSet(store_copy.archive, 99, fsync=False)
    url = "https://www.info.gov.hk/gia/general/202401/01/P2024010100001c.htm"
    date = warc_date()
    resp, _ = w.write_exchange(
        url,
        method="GET",
        request_headers=[],
        status=200,
        reason="OK",
        protocol="HTTP/1.1",
        response_headers=[("Content-Type", "text/html; charset=utf-8")],
        body=body,
        date=date,
    )
    w.close()
    sid = store.insert_snapshot(
        {
            "url": url,
            "captured_at": date[:19] + "Z",
            "status": 200,
            "content_type": "text/html; charset=utf-8",
            "sha256": sha256_hex(body),
            "warc_file": resp.warc_file,
            "warc_offset": resp.offset,
            "warc_length": resp.length,
            "warc_record_id": resp.record_id,
            "source_id": "hk_gov_press",
        }
    )
    store.close()
    _Trap.hits = []
    yield store_copy, sid
    trap.shutdown()


@pytest.fixture
def chromium() -> str:
    path = _chromium()
    if not path:
        pytest.skip("chromium not found (make test runs scripts/ensure_chromium.sh to apt-install it)")
    return path


@pytest.mark.browser
def test_browser_search_with_chinese_query_and_threat_page(chromium, indexed) -> None:
    server = _Server(indexed)
    try:
        dom = _dump_dom(chromium, server.url("/-/longarm/search?q=" + quote("悬红")))  # what the form submits
        assert 'id="results"' in dom
        assert '<mark class="hit">懸紅</mark>' in dom  # traditional text, simplified query
        assert '<mark class="hit">悬赏</mark>' in dom or "悬赏" in dom
        tid = indexed.tid("警方懸紅")
        dom = _dump_dom(chromium, server.url(f"/-/longarm/threat/{tid}"))
        assert '<mark class="quote">警方懸紅一百萬港元通緝羅冠聰等人，並會追捕到底。</mark>' in dom
        assert "National Security Department" in dom and "Nathan Law Kwun-chung" in dom
    finally:
        server.stop()


@pytest.mark.browser
def test_browser_archived_snapshot_sends_nothing_to_the_original_site(chromium, trap_store) -> None:
    f, sid = trap_store
    server = _Server(f)
    try:
        dom = _dump_dom(chromium, server.url(f"/-/longarm/snapshot/{sid}"))
        assert "not the live page" in dom
        assert re.search(r'<iframe[^>]*sandbox=""', dom)
        time.sleep(1.0)
        assert _Trap.hits == [], f"the archived page made requests to the original site: {_Trap.hits}"
        # the raw page itself, opened directly, is held by its CSP too
        _dump_dom(chromium, server.url(f"/-/longarm/snapshot/{sid}/raw"))
        time.sleep(1.0)
        assert _Trap.hits == [], f"the raw archived page made requests: {_Trap.hits}"
    finally:
        server.stop()


@pytest.mark.browser
def test_browser_form_typed_chinese_query_selenium(chromium, indexed) -> None:
    try:
        from selenium import webdriver
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support import expected_conditions as EC
        from selenium.webdriver.support.ui import WebDriverWait
    except ImportError:
        pytest.skip("selenium is not installed: the form is covered by the --dump-dom test")
    driver_path = shutil.which("chromedriver")
    if not driver_path:
        pytest.skip("chromedriver not found (Debian package chromium-driver)")
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for a in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
    ):
        opts.add_argument(a)
    server = _Server(indexed)
    driver = webdriver.Chrome(options=opts, service=Service(driver_path))
    try:
        driver.get(server.url("/-/longarm/search"))
        box = driver.find_element(By.ID, "q")
        box.send_keys("红色通缉令")  # simplified, typed into the form
        driver.find_element(By.ID, "search-submit").click()
        WebDriverWait(driver, 20).until(EC.presence_of_element_located((By.ID, "results")))
        marks = [m.text for m in driver.find_elements(By.CSS_SELECTOR, "#results mark.hit")]
        assert "紅色通緝令" in marks or any("red notice" in m for m in marks), marks
        driver.find_element(By.CSS_SELECTOR, "#results a.threat-link").click()
        WebDriverWait(driver, 20).until(EC.presence_of_element_located((By.ID, "paragraph")))
        quote_mark = driver.find_element(By.CSS_SELECTOR, "#paragraph mark.quote")
        assert quote_mark.text.strip()
        assert driver.find_element(By.ID, "speaker").text
    finally:
        driver.quit()
        server.stop()


def test_search_page_sees_rows_stored_while_serving(store_copy) -> None:
    from longarm.db import search as S
    from longarm.db.schema import connect
    from longarm.web import make_datasette

    db = connect(store_copy.db_path)
    S.ensure_index(db)
    ds = make_datasette(store_copy.db_path, store_copy.archive)
    assert "Paul Lam Ting-kwok" not in _get(ds, "/-/longarm/search?q=" + quote("引渡")).text
    store = Store(store_copy.db_path)
    doc = store_copy.document_ids[2]
    text = store.db["documents"].get(doc)["text"]
    store.replace_threats(
        doc,
        [
            {
                "label": "threat",
                "speaker": "Paul Lam Ting-kwok",
                "targets": [],
                "instruments": ["extradition"],
                "quote": text[:20],
                "start": 0,
                "end": 20,
            }
        ],
        "test-2",
        "en",
    )
    store.close()
    r = _get(ds, "/-/longarm/search?q=" + quote("引渡"))  # matches the 'extradition' instrument via synonyms
    assert r.status_code == 200 and "Paul Lam Ting-kwok" in r.text
    assert S.index_status(db) == "ok"
    db.conn.close()
