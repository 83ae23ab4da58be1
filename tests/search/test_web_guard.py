"""The web page's defences: no arbitrary SQL by default, limits on every query, Host check, security headers,
no absolute paths, malformed parameters answered 400. In-process first, then a real `longarm serve` on loopback."""

from __future__ import annotations

import asyncio
import http.client
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pytest

from longarm.web.guard import (
    AllowedHosts,
    GuardMiddleware,
    ResultBudget,
    ResultTooLarge,
    carries_own_sql,
    query_limits,
    security_headers,
    split_host,
)
from tests.conftest import REPO

RANDOMBLOB = "select length(randomblob(1000000000))"
RECURSIVE = "with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c"
# each value is far under every per-value limit; 100 of them are 3 GB
MANY_BIG_ROWS = (
    "with recursive c(x) as (select 1 union all select x + 1 from c where x < 100) select randomblob(30000000) from c"
)
MANY_HEX_ROWS = (
    "with recursive c(x) as (select 1 union all select x + 1 from c where x < 1000) "
    "select hex(randomblob(20000)) from c"
)


def _get(ds, path: str, **kw):
    async def go():
        return await ds.client.get(path, **kw)

    return asyncio.run(go())


@pytest.fixture(scope="module")
def ds(indexed):
    from longarm.web import make_datasette

    return make_datasette(indexed.db_path, indexed.archive)


@pytest.fixture(scope="module")
def ds_sql(indexed):
    from longarm.web import make_datasette

    return make_datasette(indexed.db_path, indexed.archive, allow_sql=True)


def _pages(indexed) -> list[str]:
    tid, sid = min(indexed.threat_ids.values()), indexed.snapshot_ids[0]
    return [
        "/",
        "/longarm",
        "/longarm/threats",
        "/longarm/threats.json",
        f"/longarm/threats/{tid}",
        "/-/longarm/search",
        "/-/longarm/search?q=bounty",
        f"/-/longarm/threat/{tid}",
        f"/-/longarm/threat/{tid}.json",
        f"/-/longarm/threat/{tid}.md",
        f"/-/longarm/threat/{tid}/verify",
        f"/-/longarm/snapshot/{sid}",
        "/-/metadata.json",
        "/-/settings.json",
        "/-/plugins.json",
        "/-/versions.json",
        "/-/static/app.css",
        "/no-such-page",
        "/-/longarm/threat/-1",
    ]


# -- arbitrary SQL -------------------------------------------------------------------------------
def test_arbitrary_sql_is_off_by_default(ds) -> None:
    for path in (
        "/longarm?sql=" + quote("select 1"),
        "/longarm.json?sql=" + quote(RANDOMBLOB),
        "/longarm/threats.json?_where=1",
    ):
        r = _get(ds, path)
        assert r.status_code == 403, (path, r.status_code)
    assert "<textarea" not in _get(ds, "/longarm").text  # no SQL box on the database page


def test_allowed_sql_is_limited_in_size(ds_sql) -> None:
    ok = _get(ds_sql, "/longarm.json?sql=" + quote("select count(*) from threats") + "&_shape=array")
    assert ok.status_code == 200 and ok.json()[0]
    t = time.monotonic()
    r = _get(ds_sql, "/longarm.json?sql=" + quote(RANDOMBLOB))
    assert r.status_code == 400 and "too big" in r.text and time.monotonic() - t < 2


@pytest.mark.slow  # runs until the time limit (3 s, limits.toml) cuts it off
def test_allowed_sql_is_limited_in_time(ds_sql) -> None:
    t = time.monotonic()
    r = _get(ds_sql, "/longarm.json?sql=" + quote(RECURSIVE))
    elapsed = time.monotonic() - t
    assert r.status_code == 400 and "too long" in r.text and elapsed < 8, elapsed


def test_an_answer_too_large_is_refused_not_built(ds_sql) -> None:
    for sql in (MANY_HEX_ROWS, MANY_BIG_ROWS, "select hex(randomblob(16000000))"):
        t = time.monotonic()
        r = _get(ds_sql, "/longarm.json?sql=" + quote(sql))
        assert r.status_code == 400, (sql, r.status_code, r.text[:200])
        assert "larger than this server returns" in r.text or "too big" in r.text, r.text[:300]
        assert time.monotonic() - t < 5
    fits = "with recursive c(x) as (select 1 union all select x + 1 from c where x < 1000) select hex(randomblob(100)) from c"
    r = _get(ds_sql, "/longarm.json?_shape=array&sql=" + quote(fits))
    assert r.status_code == 200 and len(r.json()) == 1000


def test_sql_cannot_read_the_database_path(ds_sql, indexed) -> None:
    for sql in (
        "select * from pragma_database_list",
        "select file from pragma_database_list()",
        "select group_concat(file) from pragma_database_list",
    ):
        r = _get(ds_sql, "/longarm.json?sql=" + quote(sql))
        assert r.status_code == 200 and str(Path(indexed.db_path).resolve().parent) not in r.text, r.text[:300]
    assert _get(ds_sql, "/longarm").status_code == 200  # Datasette's own PRAGMA database_list still works


def test_result_budget_counts_each_statement() -> None:
    conn = sqlite3.connect(":memory:")
    conn.row_factory = ResultBudget(10_000)
    rows = conn.execute("select 'abc' as a, 1 as b union all select 'd', 2").fetchall()
    assert rows[0]["a"] == "abc" and rows[1]["b"] == 2  # still sqlite3.Row
    big = "with recursive c(x) as (select 1 union all select x + 1 from c where x < 20) select hex(randomblob(300)) from c"
    with pytest.raises(ResultTooLarge, match="larger than"):
        conn.execute(big).fetchall()  # 20 x 600 bytes > 10,000
    assert len(conn.execute(big + " limit 10").fetchall()) == 10  # a new statement starts from nothing
    conn.row_factory = ResultBudget(13_000)  # Chinese text counts 3 bytes a character:
    cjk = conn.execute("select ? from (select 1 union all select 2)", ["通緝" * 1000]).fetchall()
    assert len(cjk) == 2  # 2 x 3 x 2,000 = 12,000 fits 13,000 ...
    conn.row_factory = ResultBudget(11_000)  # ... not 11,000
    with pytest.raises(ResultTooLarge):
        conn.execute("select ? from (select 1 union all select 2)", ["通緝" * 1000]).fetchall()


def test_own_sql_is_recognised_in_any_spelling() -> None:
    assert carries_own_sql(b"sql=select+1") and carries_own_sql(b"_shape=array&sql=x")
    assert carries_own_sql(b"%73ql=select") and carries_own_sql(b"_where=1") and carries_own_sql(b"+sql=1")
    assert not carries_own_sql(b"q=sql") and not carries_own_sql(b"sqlx=1") and not carries_own_sql(b"")


def test_only_a_few_own_sql_requests_run_at_once() -> None:
    """Requests with ?sql= beyond ``own_sql_requests`` get a 429 at once; other pages are never held back."""
    release = asyncio.Event()
    started = []

    async def slow_app(scope, receive, send):
        started.append(scope["query_string"])
        await release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    guard = GuardMiddleware(slow_app, AllowedHosts(), max_own_sql=2)

    async def call(qs: bytes) -> tuple[int, dict[bytes, bytes]]:
        sent = []

        async def send(message):
            sent.append(message)

        async def receive():
            return {"type": "http.request"}

        scope = {"type": "http", "path": "/longarm.json", "query_string": qs, "headers": [(b"host", b"127.0.0.1")]}
        await guard(scope, receive, send)
        return sent[0]["status"], dict(sent[0]["headers"])

    async def scenario():
        running = [asyncio.create_task(call(b"sql=select+%d" % i)) for i in range(2)]
        await asyncio.sleep(0.05)
        refused = await asyncio.wait_for(call(b"sql=select+3"), 1)
        page = asyncio.create_task(call(b"_size=5"))
        await asyncio.sleep(0.05)
        assert len(started) == 3  # the table page was not held back
        release.set()
        return [await t for t in running], refused, await page

    running, refused, page = asyncio.run(scenario())
    assert [s for s, _ in running] == [200, 200] and page[0] == 200
    assert refused[0] == 429 and refused[1][b"retry-after"] == b"3" and b"x-content-type-options" in refused[1]
    assert guard._own_sql_running == 0
    assert 1 <= query_limits()["own_sql_requests"] < query_limits()["sql_threads"]


# -- headers, Host, paths ------------------------------------------------------------------------
def test_every_response_carries_the_security_headers(ds, indexed) -> None:
    want = {k.lower(): v for k, v in security_headers().items()}
    assert {"content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy"} <= set(want)
    for path in _pages(indexed):
        r = _get(ds, path)
        for k, v in want.items():
            assert r.headers.get(k) == v, (path, r.status_code, k, r.headers.get(k))
    raw = _get(ds, f"/-/longarm/snapshot/{indexed.snapshot_ids[0]}/raw")  # keeps its stricter policy
    assert raw.headers["content-security-policy"].startswith("default-src 'none'")
    assert raw.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    "host",
    [
        "evil.example",
        "evil.example:8001",
        "127.0.0.1.nip.io",
        "localhost.evil.example",
        "127.0.0.2",
        "[::2]",
        "localhost:notaport",
    ],
)
def test_a_foreign_host_is_refused(ds, host) -> None:
    r = _get(ds, "/-/longarm/search?q=bounty", headers={"Host": host})
    assert 400 <= r.status_code < 500 and "does not answer to Host" in r.text
    assert r.headers["x-content-type-options"] == "nosniff"


def test_allowed_hosts() -> None:
    h = AllowedHosts.build(port=8123, extra=["longarm.lan", "proxy.example:443"])
    assert h.allows("127.0.0.1:8123") and h.allows("localhost:8123") and h.allows("[::1]:8123")
    assert h.allows("LOCALHOST:8123") and h.allows("longarm.lan") and h.allows("longarm.lan:9999")
    assert h.allows("proxy.example:443") and not h.allows("proxy.example:444")
    assert not h.allows("localhost:8124") and not h.allows("localhost") and not h.allows(None)
    assert not h.allows("evil.example:8123") and not h.allows("127.0.0.1:8123@evil")
    assert split_host("[::1]:80") == ("[::1]", 80) and split_host("a.b") == ("a.b", None)
    with pytest.raises(ValueError):
        AllowedHosts.build(extra=["bad:port"])


def test_no_absolute_path_is_shown(ds, indexed) -> None:
    secret_dirs = {
        str(Path(indexed.db_path).resolve().parent),
        str(Path(indexed.archive).resolve()),
        str(Path(indexed.root).resolve()),
    }
    assert _get(ds, "/-/databases.json").status_code == 404
    assert _get(ds, "/-/databases").status_code == 404
    for path in _pages(indexed) + ["/longarm.json", "/.json", "/longarm/snapshots.json", "/-/threads.json"]:
        body = _get(ds, path).text
        for d in secret_dirs:
            assert d not in body, (path, d)
    assert _get(ds, "/longarm.db").status_code in (403, 404)  # no whole-database download


# -- malformed parameters ------------------------------------------------------------------------
BIG = "9" * 20


@pytest.mark.parametrize(
    "path",
    [
        f"/-/longarm/threat/{BIG}",
        f"/-/longarm/threat/{BIG}.json",
        f"/-/longarm/threat/{BIG}.md",
        f"/-/longarm/threat/{BIG}/verify",
        "/-/longarm/threat/-1",
        "/-/longarm/threat/abc",
        "/-/longarm/threat/1e3",
        f"/-/longarm/snapshot/{BIG}",
        f"/-/longarm/snapshot/{BIG}/raw",
        "/-/longarm/snapshot/-1",
        "/-/longarm/snapshot/-1/raw",
        "/-/longarm/snapshot/%C3%A9",
        "/-/longarm/search?q=bounty&since=0000",
        "/-/longarm/search?q=bounty&until=0000-01-01",
        "/-/longarm/search?q=bounty&year=0000",
        "/-/longarm/search?q=bounty&since=2023-13",
        f"/-/longarm/search?q=bounty&page={BIG}",
        "/-/longarm/search?q=bounty&page=-1",
        "/-/longarm/search?q=bounty&page=x",
        f"/longarm/threats.json?id__gt={BIG}",
        f"/longarm/threats.json?_sort={BIG}",
        f"/longarm/threats.json?_size={BIG}",
        # found by fuzzing every route (Datasette answered these with a 500)
        "/longarm.csv",
        "/longarm/threats.json?id__in=%5B%5B1%5D%5D",
        "/longarm/threats.json?id__in=%5B",
        "/longarm/threats?%00=1",
        "/longarm/threats.json?a%00b__exact=1",
        "/longarm/threats/%00",
        "/longarm/threats.json?_through=-1",
        "/longarm/threats?_through=abc",
        "/longarm/threats.json?_through=%7B%22table%22:%22nope%22,%22column%22:%22id%22,%22value%22:1%7D",
        "/longarm/threats.json?_timelimit=1e5",
        "/longarm/threats?_timelimit=abc",
        "/longarm/threats.json?_sort=id&_sort_desc=id",
        "/longarm/run_sources/1",
        "/longarm/threats.json?_facet=%00",
    ],
)
def test_malformed_parameters_are_a_400_with_a_message(ds, path) -> None:
    r = _get(ds, path)
    assert r.status_code == 400, (path, r.status_code, r.text[:300])
    assert len(r.text) > 40 and "Traceback" not in r.text


def test_post_to_a_table_is_refused_not_a_500(ds) -> None:
    async def go():
        return await ds.client.post("/longarm/threats", data={"a": "1"})

    r = asyncio.run(go())
    assert r.status_code in (403, 405), (r.status_code, r.text[:200])


def test_params_check() -> None:
    from longarm.web.params import malformed

    assert malformed("/longarm/threats.json", b"id__in=%5B1,2%5D&_timelimit=50&_size=5") is None
    assert malformed("/longarm/threats.json", b"id__in=1,2") is None
    assert malformed("/longarm.json", b"sql=select+1") is None and malformed("/longarm.csv", b"sql=select+1") is None
    assert malformed("/longarm/threats", b'_through={"table":"t","column":"c","value":1}'.replace(b'"', b"%22")) is None
    assert "NUL" in malformed("/longarm/threats", b"q=a%00")
    assert "NUL" in malformed("/longarm/thr\x00eats", b"")
    assert "_timelimit" in malformed("/longarm/threats", b"_timelimit=-1")
    assert "JSON list" in malformed("/longarm/threats", b"id__in=%5B%7B%7D%5D")
    assert "_through" in malformed("/longarm/threats", b"_through=%5B%5D")
    assert "no CSV" in malformed("/longarm.csv", b"")


# The fuzz below sends every hostile value to every table parameter: the threats table in the fast set
# (with longarm's own routes), the other 27 (full-text and shadow tables included) in `make test`.
FUZZED_FAST = ("threats",)
FUZZ_VALUES = ["-1", BIG, "abc", "%00", "%ff", "%5B", "%5B%5B1%5D%5D", "1e5", "%F0%9F%92%A9", "0000", "'", "A" * 300]
TABLE_PARAMETERS = (
    "_size",
    "_next",
    "_sort",
    "_facet",
    "_through",
    "_timelimit",
    "_col",
    "id__in",
    "id__gt",
    "_search",
)


def _tables(indexed) -> list[str]:
    import sqlite3 as sq

    conn = sq.connect(indexed.db_path)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")]
    finally:
        conn.close()


def _table_paths(tables: list[str]) -> list[str]:
    paths = []
    for t in tables:
        for b in FUZZ_VALUES:
            paths += [f"/longarm/{t}/{b}", f"/longarm/{t}/{b}.json"]
            paths += [f"/longarm/{t}.json?{p}={b}" for p in TABLE_PARAMETERS]
    return paths


def _assert_no_500_and_headers(ds, paths: list[str]) -> None:
    want = {k.lower() for k in security_headers()}
    for path in paths:
        r = _get(ds, path)
        assert r.status_code < 500, (path, r.status_code, r.text[:300])
        missing = want - {k.lower() for k in r.headers}
        assert not missing, (path, missing)


def test_every_route_survives_malformed_parameters(ds, indexed) -> None:
    """A small fuzz: longarm's routes and the threats table's pages with hostile values; no 500, headers on all."""
    assert set(FUZZED_FAST) <= set(_tables(indexed))
    paths = _table_paths(list(FUZZED_FAST))
    for b in FUZZ_VALUES:
        paths += [
            f"/-/longarm/threat/{b}",
            f"/-/longarm/threat/{b}.csl.json",
            f"/-/longarm/snapshot/{b}/raw",
            f"/-/longarm/search?q=x&since={b}",
            f"/-/longarm/search?q={b}",
            f"/-/longarm/search?q=x&page={b}",
        ]
    _assert_no_500_and_headers(ds, paths)


@pytest.mark.slow  # about 3,500 requests
def test_every_other_table_survives_malformed_parameters(ds, indexed) -> None:
    """The same fuzz on every other table's pages (FTS shadow tables, rechecks, discovery, ...)."""
    others = [t for t in _tables(indexed) if t not in FUZZED_FAST]
    assert len(others) > 20 and "search_threats" in others, others
    _assert_no_500_and_headers(ds, _table_paths(others))


def test_good_parameters_still_work(ds, indexed) -> None:
    tid, sid = min(indexed.threat_ids.values()), indexed.snapshot_ids[0]
    for path in (
        f"/-/longarm/threat/{tid}",
        f"/-/longarm/threat/{tid}.csl.json",
        f"/-/longarm/snapshot/{sid}/raw",
        "/-/longarm/search?q=bounty&page=1&since=2023",
    ):
        assert _get(ds, path).status_code == 200, path
    assert _get(ds, "/-/longarm/threat/0").status_code == 404
    assert _get(ds, "/-/longarm/threat/9223372036854775807").status_code == 404


# -- a real server on loopback -------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served:
    """`longarm serve` in a subprocess on a free loopback port."""

    def __init__(self, f, *extra: str) -> None:
        self.port = _free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("LONGARM_")}
        env["PYTHONPATH"] = str(REPO)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "longarm.cli", "serve", "--port", str(self.port), *f.cli_args(), *extra],
            cwd=REPO,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            assert self.proc.poll() is None, "longarm serve exited"
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("longarm serve did not start")

    def get(self, path: str, host: str | None = None, timeout: float = 60) -> tuple[int, float, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        t = time.monotonic()
        try:
            conn.request("GET", path, headers={"Host": host or f"127.0.0.1:{self.port}"})
            resp = conn.getresponse()
            return resp.status, time.monotonic() - t, resp.read()
        finally:
            conn.close()

    def peak_rss_mb(self) -> float:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        raise AssertionError("no VmHWM")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


@pytest.mark.slow  # end-to-end: `longarm serve` in a subprocess
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc to read the server's memory")
def test_served_page_survives_hostile_queries(indexed) -> None:
    server = Served(indexed, "--allow-sql")
    try:
        assert server.get("/-/longarm/search?q=bounty")[0] == 200
        assert server.get("/-/longarm/search?q=bounty", host=f"evil.example:{server.port}")[0] == 421
        assert server.get("/-/longarm/search?q=bounty", host=f"localhost:{server.port}")[0] == 200
        status, took, body = server.get("/longarm.json?sql=" + quote(RANDOMBLOB))
        assert status == 400 and took < 3, (status, took, body[:200])
        # six recursive CTEs at once, and a search meanwhile
        results: list[tuple[int, float, bytes]] = []
        threads = [
            threading.Thread(target=lambda: results.append(server.get("/longarm.json?sql=" + quote(RECURSIVE))))
            for _ in range(6)
        ]
        for t in threads:
            t.start()
        time.sleep(0.5)
        search = server.get("/-/longarm/search?q=" + quote("通缉"))
        for t in threads:
            t.join(60)
        # each is cut off at the time limit or refused at once (429: too many visitors' queries at once)
        assert len(results) == 6 and all(r[0] in (400, 429) for r in results), [r[:2] for r in results]
        assert sum(r[0] == 400 for r in results) >= 1
        assert max(r[1] for r in results) < 8, [round(r[1], 1) for r in results]
        assert search[0] == 200 and search[1] < 8, search[:2]
        # answers that fit every per-value limit but add up to gigabytes, two at once
        big: list[tuple[int, float, bytes]] = []
        threads = [
            threading.Thread(target=lambda q=q: big.append(server.get("/longarm.json?sql=" + quote(q))))
            for q in (MANY_BIG_ROWS, MANY_HEX_ROWS)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert sorted(r[0] for r in big) == [400, 400] and max(r[1] for r in big) < 8, [r[:2] for r in big]
        print(
            f"\nrandomblob {took:.2f}s; CTEs {[round(r[1], 1) for r in results]}; search {search[1]:.2f}s; "
            f"big answers {[round(r[1], 1) for r in big]}; peak RSS {server.peak_rss_mb():.0f} MB"
        )
        assert server.peak_rss_mb() < 300, server.peak_rss_mb()
    finally:
        server.stop()


@pytest.mark.slow  # end-to-end: `longarm serve` in a subprocess
def test_served_page_refuses_sql_without_the_option(indexed) -> None:
    server = Served(indexed)
    try:
        assert server.get("/longarm.json?sql=" + quote(RANDOMBLOB))[0] == 403
        assert server.get(f"/-/longarm/threat/{BIG}")[0] == 400
    finally:
        server.stop()
