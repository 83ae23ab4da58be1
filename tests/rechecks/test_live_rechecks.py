"""Re-checks on a live local site: pages edited, removed (404), turned into a soft 404, redirected
to the home page and failing (503) between two nightly runs.

A threaded ``http.server`` on 127.0.0.1 plays the site (the harness of tests/core/test_live_crawl.py);
``longarm nightly`` runs twice against it through ``$LONGARM_REGISTRY``. Between the runs the test moves
the documents' first capture two days back (so the 1-day re-check is due) and changes the pages.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from longarm.db import connect
from tests.conftest import run_cli
from tests.core.test_live_crawl import EN_ARREST, HTML, Site, _handler, _Server, _source, article_html, listing_html

pytestmark = pytest.mark.slow  # end-to-end: two nightly runs against a local HTTP server, in subprocesses

PAGES = ("edited", "removed", "soft_notfound", "redirected", "stable", "failing", "blocked")
KEPT, DROPPED = EN_ARREST[2][0], EN_ARREST[2][1]  # the edit drops the bounty and "pursuing" paragraph


def _path(name: str) -> str:
    return f"/news/20240520/{name}.html"


def _article(name: str, paras: list[str] | None = None) -> bytes:
    title, date, body = EN_ARREST
    return article_html(f"{title} ({name})", date, list(paras if paras is not None else body))


@pytest.fixture(scope="module")
def rechecked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    site = Site()
    server = _Server(("127.0.0.1", 0), _handler(site))
    site.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    ok = lambda body: lambda h: (200, HTML, body)  # noqa: E731
    site.routes.update(
        {
            "/robots.txt": lambda h: (200, [("Content-Type", "text/plain")], b"User-agent: *\nDisallow:\n"),
            "/": ok(listing_html([_path(n) for n in PAGES])),
            "/news/index.html": ok(listing_html([_path(n) for n in PAGES])),
            **{_path(n): ok(_article(n)) for n in PAGES},
        }
    )
    try:
        tmp = tmp_path_factory.mktemp("rechecks")
        registry = tmp / "sources.toml"
        registry.write_text(_source("t_recheck", [("listing", f"{site.base}/news/index.html", "en")]), encoding="utf-8")
        config = tmp / "longarm.toml"
        config.write_text(
            "[politeness]\ndownload_delay = 0.0\nrandomize_delay = false\nautothrottle = false\n"
            "download_timeout = 30\nretry_times = 1\nretry_backoff = 0.1\n"
            "[recheck]\ndays = [1, 7]\n",
            encoding="utf-8",
        )
        db, archive = tmp / "live.db", tmp / "archive"
        env = {"LONGARM_REGISTRY": str(registry)}
        common = ["--db", str(db), "--archive", str(archive), "--config", str(config)]
        nightly = ["nightly", "--no-deliver", "--digest-dir", str(tmp / "digests"), *common]
        first = run_cli(*nightly, env=env, timeout=180)
        conn = connect(db)
        before = {
            "threats": {r["id"]: r for r in conn.query("SELECT * FROM threats")},
            "rechecks": conn["rechecks"].count,
            "revisits": conn["revisits"].count,
        }
        # Two days later: the 1-day re-check is due. The site changed meanwhile.
        conn.execute("UPDATE documents SET first_seen = strftime('%Y-%m-%dT%H:%M:%SZ', first_seen, '-2 days')")
        conn.conn.commit()
        conn.conn.close()
        site.routes[_path("edited")] = ok(_article("edited", [KEPT, "Members of the public may call the hotline."]))
        del site.routes[_path("removed")]  # the server's 404
        site.routes[_path("soft_notfound")] = ok(
            "<html><head><meta charset='utf-8'><title>Test Gov</title></head><body><div id='nav'>Home</div>"
            "<p>對不起，頁面不存在。</p><a href='/'>返回首頁</a></body></html>".encode("utf-8")
        )
        site.routes[_path("redirected")] = lambda h: (302, [("Location", "/")], b"")
        site.routes[_path("failing")] = lambda h: (503, HTML, b"<h1>Service Unavailable</h1>")
        blocked = f"User-agent: *\nDisallow: {_path('blocked')}\n".encode()
        site.routes["/robots.txt"] = lambda h: (200, [("Content-Type", "text/plain")], blocked)
        site.reset()
        second = run_cli(*nightly, env=env, timeout=180)
        hits_second = list(site.hits)
        yield {
            "db": db,
            "archive": archive,
            "env": env,
            "common": common,
            "first": first,
            "second": second,
            "before": before,
            "hits_second": hits_second,
            "base": site.base,
            "digests": tmp / "digests",
        }
    finally:
        server.shutdown()
        server.server_close()


def _outcomes(db: Path) -> dict[str, dict[str, Any]]:
    conn = connect(db)
    rows = conn.query(
        "SELECT d.url, r.* FROM rechecks r JOIN documents d ON d.id = r.document_id WHERE r.step_days = 1"
    )
    return {r["url"].rsplit("/", 1)[-1].removesuffix(".html"): r for r in rows}


def test_first_night_stores_and_schedules_nothing_due(rechecked: dict[str, Any]) -> None:
    assert rechecked["first"].returncode == 0, rechecked["first"].stderr[-2000:]
    assert rechecked["before"]["threats"], "the articles should hold statements (else nothing is re-checked)"
    assert rechecked["before"]["rechecks"] == 0  # planned at the start of a night: stored during the first


def test_second_night_records_every_outcome(rechecked: dict[str, Any]) -> None:
    assert rechecked["second"].returncode == 0, rechecked["second"].stderr[-2000:]
    assert "re-checks: 7 article(s) due; 1 unchanged, 1 edited, 3 gone, 2 unreachable, 0 unreadable" in (
        rechecked["second"].stdout
    )
    assert "re-checks:" not in rechecked["first"].stdout
    out = _outcomes(rechecked["db"])
    assert set(out) == set(PAGES)
    got = {name: (r["status"], r["outcome"]) for name, r in out.items()}
    assert got == {
        "edited": ("done", "edited"),
        "removed": ("done", "gone"),
        "soft_notfound": ("done", "gone"),
        "redirected": ("done", "gone"),
        "stable": ("done", "unchanged"),
        "failing": ("pending", "unreachable"),  # tried again next night, never called gone
        "blocked": ("pending", "unreachable"),  # robots.txt now forbids it: not fetched, not gone
    }
    assert "robots.txt" in out["blocked"]["detail"]
    assert "404" in out["removed"]["detail"] and "頁面不存在" in out["soft_notfound"]["detail"]
    assert out["redirected"]["detail"].startswith(f"redirected to {rechecked['base']}/")
    assert out["failing"]["attempts"] == 1 and out["failing"]["done_at"] is None
    conn = connect(rechecked["db"])
    later = conn.execute("SELECT COUNT(*) FROM rechecks WHERE step_days = 7 AND status = 'pending'").fetchone()[0]
    assert later == len(PAGES)  # the 7-day step is still to come


def test_requests_were_conditional_and_archived(rechecked: dict[str, Any]) -> None:
    paths = [h.path for h in rechecked["hits_second"]]
    assert _path("blocked") not in paths  # robots.txt obeyed
    fetched = [name for name in PAGES if name != "blocked"]
    for name in fetched:
        assert _path(name) in paths
    # a source's re-checks start once its crawl has ended (one politeness budget per site)
    assert paths.index("/news/index.html") < min(paths.index(_path(name)) for name in fetched)
    conn = connect(rechecked["db"])
    out = _outcomes(rechecked["db"])
    gone_snapshot = conn.execute(
        "SELECT status FROM snapshots WHERE id = ?", [out["removed"]["snapshot_id"]]
    ).fetchone()
    assert gone_snapshot[0] == 404  # the 404 itself is archived and the outcome points at it
    # the unchanged page: an identical payload, so a revisit record, not a new snapshot
    assert conn["revisits"].count > rechecked["before"]["revisits"]
    stable = out["stable"]
    doc_snapshot = conn.execute("SELECT snapshot_id FROM documents WHERE url LIKE ?", ["%/stable.html"]).fetchone()[0]
    assert stable["snapshot_id"] == doc_snapshot


def test_statements_removed_from_the_source(rechecked: dict[str, Any]) -> None:
    conn = connect(rechecked["db"])
    rows = list(
        conn.query(
            "SELECT d.url, t.id, t.quote, t.removed_from_source_at, t.edited_on_source_at, w.quote AS new_wording "
            "FROM threats t JOIN documents d ON d.id = t.document_id "
            "LEFT JOIN statement_rewordings w ON w.threat_id = t.id WHERE t.superseded_at IS NULL"
        )
    )
    by_page: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_page.setdefault(r["url"].rsplit("/", 1)[-1].removesuffix(".html"), []).append(r)
    for name in ("removed", "soft_notfound", "redirected"):
        assert by_page[name] and all(r["removed_from_source_at"] for r in by_page[name]), name
    for name in ("stable", "failing", "blocked"):
        assert all(r["removed_from_source_at"] is None for r in by_page[name]), name
    edited = by_page["edited"]
    assert any(r["removed_from_source_at"] for r in edited)
    assert any(r["edited_on_source_at"] for r in edited)
    for r in edited:  # removed or reworded exactly when the quote is no longer in the new text
        assert bool(r["removed_from_source_at"] or r["edited_on_source_at"]) == (r["quote"] not in KEPT)
        assert not (r["removed_from_source_at"] and r["edited_on_source_at"])
        if r["quote"] in DROPPED:  # the deleted paragraph: nothing like it is left
            assert r["removed_from_source_at"] and r["new_wording"] is None
        if "hotline" in r["quote"]:  # "... who have information may call the national security reporting
            # hotline." became "Members of the public may call the hotline.": reworded, linked to its new wording
            assert r["edited_on_source_at"] and r["new_wording"] == "Members of the public may call the hotline."


def test_edit_is_a_new_version_with_its_own_snapshot(rechecked: dict[str, Any]) -> None:
    conn = connect(rechecked["db"])
    doc = next(conn.query("SELECT * FROM documents WHERE url LIKE ?", ["%/edited.html"]))
    versions = list(conn.query("SELECT * FROM document_versions WHERE document_id = ?", [doc["id"]]))
    assert len(versions) == 1 and versions[0]["version"] == 2
    assert versions[0]["snapshot_id"] != doc["snapshot_id"]
    assert KEPT in versions[0]["text"] and DROPPED not in versions[0]["text"]
    assert DROPPED in doc["text"]  # the first capture's text is kept as it was
    assert conn["document_versions"].count == 1  # only the edited page has a second version


def test_original_capture_still_verifies(rechecked: dict[str, Any]) -> None:
    conn = connect(rechecked["db"])
    for name in ("removed", "edited", "redirected"):
        tid = conn.execute(
            "SELECT t.id FROM threats t JOIN documents d ON d.id = t.document_id "
            "WHERE d.url LIKE ? AND t.removed_from_source_at IS NOT NULL LIMIT 1",
            [f"%/{name}.html"],
        ).fetchone()[0]
        res = run_cli("verify", str(tid), *rechecked["common"], env=rechecked["env"], timeout=60)
        assert res.returncode == 0, (name, res.stdout, res.stderr)


def test_sources_health_counts_rechecks(rechecked: dict[str, Any]) -> None:
    import json

    res = run_cli("sources", "--health", "--json", *rechecked["common"], env=rechecked["env"], timeout=60)
    assert res.returncode == 0, res.stderr
    row = next(r for r in json.loads(res.stdout) if r["id"] == "t_recheck")
    # 5 done (edited, 3 gone, unchanged); the failing and the robots-blocked pages wait for the next night
    assert row["rechecks"] == {"due": 0, "done": 5, "failed": 0, "unreachable": 2, "gone": 3, "edited": 1}
    table = run_cli("sources", "--health", *rechecked["common"], env=rechecked["env"], timeout=60)
    assert "0/5/0 (2 unreachable)" in table.stdout


def test_digest_opens_with_removed_and_edited(rechecked: dict[str, Any]) -> None:
    import json

    files = sorted(rechecked["digests"].glob("*.json"), key=lambda p: int(p.stem.rsplit("run", 1)[1]))
    assert len(files) == 2
    first, second = (json.loads(f.read_text(encoding="utf-8")) for f in files)
    assert first["changed_on_source"] == [] and first["counts"]["removed_or_edited"] == 0
    changed = second["changed_on_source"]
    names = [c["url"].rsplit("/", 1)[-1].removesuffix(".html") for c in changed]
    assert sorted(names[:3]) == ["redirected", "removed", "soft_notfound"] and names[3:] == ["edited"]
    assert [c["outcome"] for c in changed] == ["gone", "gone", "gone", "edited"]  # removals first
    assert all(c["removed_statements"] for c in changed)
    md = files[1].with_suffix(".md").read_text(encoding="utf-8")
    assert md.index("## Removed or edited since the last run") < md.index("## Source health")
    assert "removed from the source" in md and "**edited**" in md
    # the reworded statement: what it said and what the page says now
    edited = changed[3]
    assert [t["new_wording"] for t in edited["reworded_statements"]] == ["Members of the public may call the hotline."]
    assert "reworded; it said:" in md and "> Members of the public may call the hotline." in md


def test_cite_stays_bound_to_the_capture_and_says_what_changed(rechecked: dict[str, Any]) -> None:
    import json

    conn = connect(rechecked["db"])
    rows = {
        name: next(
            conn.query(
                "SELECT MIN(t.id) AS tid, d.snapshot_id FROM threats t JOIN documents d ON d.id = t.document_id "
                "WHERE t.superseded_at IS NULL AND d.url LIKE ?",
                [f"%/{name}.html"],
            )
        )
        for name in ("removed", "stable")
    }
    removed = run_cli(
        "cite", str(rows["removed"]["tid"]), "--format", "json", *rechecked["common"], env=rechecked["env"]
    )
    assert removed.returncode == 0, removed.stderr
    c = json.loads(removed.stdout)
    assert c["snapshot_id"] == rows["removed"]["snapshot_id"]  # the first capture, not the 404
    assert c["live_page"]["status"] == "removed" and len(c["live_page"]["as_of"]) == 10
    md = run_cli("cite", str(rows["removed"]["tid"]), *rechecked["common"], env=rechecked["env"])
    assert f"(the live page was removed as of {c['live_page']['as_of']})" in md.stdout
    stable = run_cli("cite", str(rows["stable"]["tid"]), "--format", "json", *rechecked["common"], env=rechecked["env"])
    assert json.loads(stable.stdout)["live_page"] is None


def test_show_diff_of_the_edited_page(rechecked: dict[str, Any]) -> None:
    conn = connect(rechecked["db"])
    snap = conn.execute("SELECT snapshot_id FROM documents WHERE url LIKE '%/edited.html'").fetchone()[0]
    res = run_cli("show", str(snap), "--diff", *rechecked["common"], env=rechecked["env"], timeout=60)
    assert res.returncode == 0, res.stderr
    assert "version 1" in res.stdout and "-> version 2" in res.stdout
    # the dropped paragraph is marked removed; the shortened one word by word
    assert "[-" + DROPPED[:40] in res.stdout
    assert "Members of the public [-who have information -]may call the" in res.stdout
    stable = conn.execute("SELECT snapshot_id FROM documents WHERE url LIKE '%/stable.html'").fetchone()[0]
    one = run_cli("show", str(stable), "--diff", *rechecked["common"], env=rechecked["env"], timeout=60)
    assert one.returncode == 0 and "one version only" in one.stdout


def test_search_filters_removed_and_edited_statements(rechecked: dict[str, Any]) -> None:
    """`search --removed` / `--edited` list what re-checks found; the original wording stays searchable."""
    import json

    def search(*flags: str) -> list[dict[str, Any]]:
        res = run_cli(
            "search",
            "hotline OR reward OR absconders",
            "--json",
            "--limit",
            "100",
            *flags,
            *rechecked["common"],
            env=rechecked["env"],
        )
        assert res.returncode == 0, res.stderr
        return json.loads(res.stdout)["results"]

    everything = search()
    removed, edited, either = search("--removed"), search("--edited"), search("--removed", "--edited")
    assert removed and all(r["removed_from_source_at"] for r in removed)
    assert edited and all(r["edited_on_source_at"] and not r["removed_from_source_at"] for r in edited)
    assert {r["id"] for r in either} == {r["id"] for r in removed} | {r["id"] for r in edited}
    assert len(everything) > len(either)  # the stable page's statements are in neither
    # the reworded statement is found by its ORIGINAL words, which the live page no longer has
    assert any("national security reporting hotline" in r["quote"] for r in edited)
    docs = run_cli(
        "search", "absconders", "--documents", "--removed", "--json", *rechecked["common"], env=rechecked["env"]
    )
    names = {r["url"].rsplit("/", 1)[-1] for r in json.loads(docs.stdout)["results"]}
    assert names == {"removed.html", "soft_notfound.html", "redirected.html"}
    table = run_cli("search", "hotline", "--edited", *rechecked["common"], env=rechecked["env"])
    assert "live page" in table.stdout and "edited 20" in table.stdout


def test_cite_of_a_reworded_statement_gives_its_new_wording(rechecked: dict[str, Any]) -> None:
    import json

    conn = connect(rechecked["db"])
    tid = conn.execute("SELECT id FROM threats WHERE edited_on_source_at IS NOT NULL LIMIT 1").fetchone()[0]
    c = json.loads(run_cli("cite", str(tid), "--format", "json", *rechecked["common"], env=rechecked["env"]).stdout)
    assert c["live_page"]["status"] == "reworded"
    assert c["live_page"]["new_wording"] == "Members of the public may call the hotline."
    md = run_cli("cite", str(tid), *rechecked["common"], env=rechecked["env"]).stdout
    assert "now words this statement differently" in md


def _web_get(db: Path, archive: Path, path: str) -> Any:
    import asyncio

    from longarm.web import make_datasette

    ds = make_datasette(db, archive)

    async def go() -> Any:
        return await ds.client.get(path)

    return asyncio.run(go())


def test_web_threat_pages_say_removed_or_edited_with_the_diff(rechecked: dict[str, Any]) -> None:
    conn = connect(rechecked["db"])
    removed = conn.execute(
        "SELECT t.id FROM threats t JOIN documents d ON d.id = t.document_id "
        "WHERE d.url LIKE '%/removed.html' AND t.superseded_at IS NULL AND t.quote LIKE '%abscond%' LIMIT 1"
    ).fetchone()[0]
    reworded, doc_id = conn.execute(
        "SELECT id, document_id FROM threats WHERE edited_on_source_at IS NOT NULL LIMIT 1"
    ).fetchone()
    stable = conn.execute(
        "SELECT t.id FROM threats t JOIN documents d ON d.id = t.document_id WHERE d.url LIKE '%/stable.html' LIMIT 1"
    ).fetchone()[0]
    db, archive = rechecked["db"], rechecked["archive"]
    page = _web_get(db, archive, f"/-/longarm/threat/{removed}").text
    day = conn.execute("SELECT removed_from_source_at FROM threats WHERE id = ?", [removed]).fetchone()[0]
    assert f"Removed from the source on {day}." in page and 'id="live-page"' in page
    page = _web_get(db, archive, f"/-/longarm/threat/{reworded}").text
    assert "Edited on " in page and 'id="reworded"' in page
    # the words the edit took out ("who have information", "national security reporting") struck through
    assert "<del>who have information </del>" in page and "Members of the public may call the hotline." in page
    assert f"/-/longarm/document/{doc_id}/versions" in page
    assert 'id="live-page"' not in _web_get(db, archive, f"/-/longarm/threat/{stable}").text
    # the document's versions side by side
    versions = _web_get(db, archive, f"/-/longarm/document/{doc_id}/versions")
    assert versions.status_code == 200
    assert 'id="old-version"' in versions.text and 'id="new-version"' in versions.text
    assert "<del>" in versions.text and "<ins>" in versions.text and "edited" in versions.text
    assert _web_get(db, archive, f"/-/longarm/document/{doc_id}/versions?to=9").status_code == 400
    assert _web_get(db, archive, "/-/longarm/document/999999/versions").status_code == 404
    # the search page's filter and badges
    found = _web_get(db, archive, "/-/longarm/search?q=hotline&changed=edited").text
    assert "edited on the source" in found and f'href="/-/longarm/threat/{reworded}?' in found
    # (the ids are whole: threat 1 must not match the link of threat 11)
    removed_page = _web_get(db, archive, "/-/longarm/search?q=absconders&changed=removed").text
    assert f'href="/-/longarm/threat/{removed}?' in removed_page
    assert f'href="/-/longarm/threat/{stable}?' not in removed_page
    assert _web_get(db, archive, "/-/longarm/search?q=hotline&changed=bogus").status_code == 400


@pytest.mark.browser
def test_browser_shows_the_versions_side_by_side(rechecked: dict[str, Any]) -> None:
    from tests.browser import Server, dump_dom, find_chromium

    chromium = find_chromium()
    if not chromium:
        pytest.skip("chromium not found (make test runs scripts/ensure_chromium.sh to apt-install it)")
    conn = connect(rechecked["db"])
    reworded, doc_id = conn.execute(
        "SELECT id, document_id FROM threats WHERE edited_on_source_at IS NOT NULL LIMIT 1"
    ).fetchone()
    server = Server(["--db", str(rechecked["db"]), "--archive", str(rechecked["archive"])])
    try:
        dom = dump_dom(chromium, server.url(f"/-/longarm/threat/{reworded}"))
        assert "Edited on " in dom and "Members of the public may call the hotline." in dom.replace(
            "<ins>", ""
        ).replace("</ins>", "")
        dom = dump_dom(chromium, server.url(f"/-/longarm/document/{doc_id}/versions"))
        assert 'id="old-version"' in dom and 'id="new-version"' in dom and "<del>" in dom
    finally:
        server.stop()


def test_replaying_the_two_nights_gives_the_same_outcomes(rechecked: dict[str, Any], tmp_path: Path) -> None:
    """The live run's archive replayed into a fresh store night by night (`crawl --replay --as-of`, then
    `--rechecks-only`): every outcome the live re-checks recorded, from the archived answers alone."""
    from datetime import datetime, timedelta

    from warcio.archiveiterator import ArchiveIterator

    # the first night ends with its last record (WARC files are named per run); to the microsecond, as recorded
    first_night_files = sorted(rechecked["archive"].rglob("*run00001-*.warc.gz"))
    assert first_night_files
    dates = []
    for f in first_night_files:
        with open(f, "rb") as fh:
            dates += [r.rec_headers.get_header("WARC-Date") for r in ArchiveIterator(fh) if r.rec_type != "warcinfo"]
    first_night = max(datetime.fromisoformat(d.replace("Z", "+00:00")) for d in dates)
    later = first_night + timedelta(days=3)  # the 1-day re-checks are due by then
    db = tmp_path / "replayed.db"
    common = ["--db", str(db), "--archive", str(tmp_path / "archive"), "--no-progress"]
    replay = ["crawl", "--replay", str(rechecked["archive"]), *common]
    as_of = first_night.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    first = run_cli(*replay, "--as-of", as_of, env=rechecked["env"], timeout=180)
    assert first.returncode == 0, first.stderr[-2000:]
    conn = connect(db)
    assert conn["documents"].count == 7 and conn["document_versions"].count == 0
    edited_doc = conn.execute("SELECT text FROM documents WHERE url LIKE '%/edited.html'").fetchone()[0]
    assert DROPPED in edited_doc  # the first night's capture, not the edited page
    conn.conn.close()
    second = run_cli(
        *replay, "--as-of", later.strftime("%Y-%m-%dT%H:%M:%SZ"), "--rechecks-only", env=rechecked["env"], timeout=180
    )
    assert second.returncode == 0, second.stderr[-2000:]
    # the stable page's second answer is a revisit record and robots.txt kept the blocked page from being
    # fetched: no later capture of either, so both stay pending (never "unchanged" on no evidence)
    assert "re-checks: 5 article(s) due; 0 unchanged, 1 edited, 3 gone, 1 unreachable, 0 unreadable" in second.stdout
    replayed = _outcomes(db)
    for name, row in _outcomes(rechecked["db"]).items():
        if name in ("stable", "blocked"):
            assert replayed[name]["status"] == "pending" and replayed[name]["outcome"] is None
            continue
        assert (replayed[name]["status"], replayed[name]["outcome"]) == (row["status"], row["outcome"]), name
    conn = connect(db)
    reworded = conn.execute("SELECT quote FROM statement_rewordings").fetchall()
    assert reworded == [("Members of the public may call the hotline.",)]
