"""The live path: real HTTP downloads from a local server (no internet needed).

A threaded ``http.server`` on 127.0.0.1 plays a small government site: robots.txt,
an RSS feed and a listing page, English and traditional-Chinese articles (one
served gzip-compressed, one with an ETag), a page under a robots-disallowed path,
and paths that fail the ways real sources fail (503, 403, a 521 JavaScript
challenge, a listing of nothing, empty articles, a server too slow to answer, a
refused connection). ``longarm crawl`` runs against it through ``$LONGARM_REGISTRY``
and a --config with fast politeness settings, and the test checks what reached
the WARC archive and the database, what the server saw, and the per-source states
of ``spiders/health.py``.
"""

from __future__ import annotations

import gzip
import hashlib
import http.server
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable

import pytest

from longarm.db import connect
from longarm.pipelines.warc_reader import read_response_at, warc_files
from longarm.spiders import health
from tests.conftest import run_cli

pytestmark = pytest.mark.slow  # end-to-end: live crawls against a local HTTP server, in subprocesses

ETAG = '"v1-5b1d9c"'

EN_ARREST = (
    "Police issue arrest warrants for five absconders",
    "2024-05-20 18:30",
    [
        "The National Security Department of the Hong Kong Police Force today (May 20) announced that arrest warrants "
        "have been issued against five persons who have absconded overseas for offences endangering national security.",
        "A reward of HK$1 million is offered for information leading to the arrest of each of them. A police spokesman "
        "said the force will spare no effort in pursuing the absconders and urged them to return and surrender.",
        "Members of the public who have information may call the national security reporting hotline.",
    ],
)
ZH_BOUNTY = (
    "警方通緝五名潛逃海外人士",
    "2024-05-20 19:00",
    [
        "香港警務處國家安全處今日（五月二十日）宣布，已對五名潛逃海外、涉嫌干犯危害國家安全罪行的人士發出通緝令。",
        "警方懸紅港幣一百萬元，徵求有助拘捕每名被通緝人士的資料。警方發言人表示，警方會不惜一切追緝潛逃者，並呼籲他們盡快回港自首。",
        "市民如有任何資料，可致電國家安全處舉報熱線。",
    ],
)
EN_ETAG = (
    "Security Bureau responds to foreign criticism of warrants",
    "2024-05-21 10:15",
    [
        "The Security Bureau today strongly condemned the smearing remarks of foreign politicians about the arrest "
        "warrants issued by the Police, saying the law enforcement actions are legitimate and necessary.",
        "A spokesman said the absconders will be pursued for life wherever they are, and anyone who harbours them "
        "may also be liable to prosecution under the Safeguarding National Security Ordinance.",
    ],
)
EN_NOTICE = (
    "Notice on wanted persons",
    "2024-05-21 16:00",
    [
        "A reward of HK$1 million is offered for information leading to the arrest of each absconder named in the "
        "notice of May 20. They will be pursued for life."
    ],
)
EMPTY_ARTICLE = ("Photo gallery", "2024-05-20 09:00", [])

CHALLENGE_BODY = (
    b"<html><head><script>document.cookie='__jsl_clearance=1716190000.123|0|abc';"
    b"location.href=location.pathname+location.search</script></head><body></body></html>"
)


def article_html(title: str, date: str, paras: list[str], lang: str = "en") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{title} | Test Gov</title></head>"
        f"<body><div id='nav'>Home | Press releases | Contact us</div><h1>{title}</h1>"
        f"<div class='date'>{date}</div><div id='content'>{body}</div>"
        f"<div id='footer'>Important notices | Privacy policy</div></body></html>"
    ).encode("utf-8")


def listing_html(links: list[str]) -> bytes:
    items = "".join(f"<li><a href='{u}'>{u.rsplit('/', 1)[-1]}</a></li>" for u in links)
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>新聞公報</title></head>"
        f"<body><ul class='list'>{items}</ul></body></html>"
    ).encode("utf-8")


def feed_xml(base: str, links: list[str]) -> bytes:
    items = "".join(
        f"<item><title>{u}</title><link>{base}{u}</link><pubDate>Mon, 20 May 2024 10:30:00 GMT</pubDate></item>"
        for u in links
    )
    return (
        f"<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel><title>Press releases</title>"
        f"<link>{base}/</link>{items}</channel></rss>"
    ).encode("utf-8")


# -- the server --------------------------------------------------------------------------------
Reply = tuple[int, list[tuple[str, str]], bytes]


@dataclass
class Hit:
    path: str
    headers: dict[str, str]
    status: int
    at: float


@dataclass
class Site:
    port: int = 0
    gz_body: bytes = b""  # the gzip-compressed article exactly as sent
    routes: dict[str, Callable[[dict[str, str]], Reply]] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def seen(self, path: str) -> list[Hit]:
        with self.lock:
            return [h for h in self.hits if h.path == path]

    def reset(self) -> None:
        with self.lock:
            self.hits.clear()


def _handler(site: Site) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802
            hit = Hit(self.path, {k.lower(): v for k, v in self.headers.items()}, 0, time.monotonic())
            with site.lock:
                site.hits.append(hit)  # on arrival: the slow path answers after the crawler gave up
            route = site.routes.get(self.path)
            status, extra, body = route(hit.headers) if route else (404, HTML, b"<h1>Not found</h1>")
            hit.status = status
            self.send_response(status)
            for k, v in extra:
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    return Handler


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # the slow path's client has gone away (download timeout): nothing to report


HTML = [("Content-Type", "text/html; charset=utf-8")]
ARTICLE_RE = r"^http://127\.0\.0\.1:\d+/(news|private)/\d{8}/[a-z_]+\.html$"


@pytest.fixture(scope="module")
def site() -> Any:
    s = Site()
    server = _Server(("127.0.0.1", 0), _handler(s))
    s.port = server.server_address[1]
    ok = lambda body, headers=HTML: lambda h: (200, headers, body)  # noqa: E731

    s.gz_body = gzip.compress(article_html(*ZH_BOUNTY, lang="zh-HK"), mtime=0)
    etag_body = article_html(*EN_ETAG)

    def etag_page(h: dict[str, str]) -> Reply:
        if h.get("if-none-match") == ETAG:
            return 304, [("ETag", ETAG)], b""
        return 200, [*HTML, ("ETag", ETAG)], etag_body

    def slow(h: dict[str, str]) -> Reply:
        time.sleep(3)
        return 200, HTML, listing_html([])

    s.routes.update(
        {
            "/robots.txt": ok(b"User-agent: *\nDisallow: /private/\n", [("Content-Type", "text/plain")]),
            "/rss/en.xml": ok(
                feed_xml(
                    s.base,
                    [
                        "/news/20240520/arrest_warrants.html",
                        "/news/20240521/bureau_reply.html",
                        "/news/20240521/wanted_notice.html",
                    ],
                ),
                [("Content-Type", "application/rss+xml; charset=utf-8")],
            ),
            "/zh/index.html": ok(
                listing_html(
                    ["/news/20240520/bounty_zh.html", "/private/20240520/draft_list.html", "/about/contact.html"]
                )
            ),
            "/news/20240520/arrest_warrants.html": ok(article_html(*EN_ARREST)),
            "/news/20240520/bounty_zh.html": ok(s.gz_body, [*HTML, ("Content-Encoding", "gzip")]),
            "/news/20240521/bureau_reply.html": etag_page,
            "/news/20240521/wanted_notice.html": ok(article_html(*EN_NOTICE)),
            "/private/20240520/draft_list.html": ok(article_html("Draft", "2024-05-20 08:00", ["Not for robots."])),
            # failure paths
            "/down/index.html": lambda h: (503, HTML, b"<h1>Service Unavailable</h1>"),
            "/forbidden/index.html": lambda h: (403, HTML, b"<h1>Forbidden</h1>"),
            "/guarded/index.html": lambda h: (521, HTML, CHALLENGE_BODY),
            "/moved/index.html": ok(listing_html(["/about/contact.html", "/video/20240520/clip.mp4"])),
            "/gallery/index.html": ok(
                listing_html(["/news/20240520/gallery_one.html", "/news/20240520/gallery_two.html"])
            ),
            "/news/20240520/gallery_one.html": ok(article_html(*EMPTY_ARTICLE)),
            "/news/20240520/gallery_two.html": ok(article_html(*EMPTY_ARTICLE)),
            "/slow/index.html": slow,
            "/walled/index.html": ok(
                listing_html(["/news/20240522/walled_one.html", "/news/20240522/walled_two.html"])
            ),
            "/news/20240522/walled_one.html": ok(CHALLENGE_BODY),
            "/news/20240522/walled_two.html": ok(CHALLENGE_BODY),
            "/failing/index.html": ok(listing_html(["/news/20240523/failing_one.html"])),
            "/news/20240523/failing_one.html": lambda h: (503, HTML, b"<h1>Service Unavailable</h1>"),
        }
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield s
    server.shutdown()
    server.server_close()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _source(
    sid: str, discovery: list[tuple[str, str, str | None]], *, revisit_days: int = 0, pattern: str = ARTICLE_RE
) -> str:
    out = [
        f'[[source]]\nid = "{sid}"\nname = "Test {sid}"\nowner = "test"\nkind = "hk_government"\n'
        f'languages = ["en", "zh-Hant"]\nallowed_domains = ["127.0.0.1"]\ntimezone = "Asia/Hong_Kong"\n'
        f"revisit_days = {revisit_days}\n"
    ]
    for typ, url, lang in discovery:
        out.append(f'  [[source.discovery]]\n  type = "{typ}"\n  url = "{url}"\n')
        out.append(f'  lang = "{lang}"\n' if lang else "")
    out.append(f"  [[source.articles]]\n  pattern = '{pattern}'\n")
    out.append('  [source.extract]\n  title = "h1"\n  body = "#content"\n  date = ".date"\n')
    return "".join(out)


FAILURES = {
    # source id -> (its listing: a path on the site, or "REFUSED"; the run_sources.status spiders/health.py defines)
    "t_down": ("/down/index.html", health.SITE_DOWN),  # 503 on every try
    "t_forbidden": ("/forbidden/index.html", health.BLOCKED),  # 403
    "t_robots": ("/private/index.html", health.BLOCKED),  # disallowed by robots.txt
    "t_challenged": ("/guarded/index.html", health.CHALLENGED),  # HTTP 521 + JavaScript challenge
    "t_walled": ("/walled/index.html", health.CHALLENGED),  # articles are JS challenge pages (HTTP 200)
    "t_moved": ("/moved/index.html", health.PARSED_NOTHING),  # listing links match no article pattern
    "t_gallery": ("/gallery/index.html", health.PARSED_NOTHING),  # articles without text
    "t_failing": ("/failing/index.html", health.SITE_DOWN),  # listing fine, its article 503 on every try
    "t_slow": ("/slow/index.html", health.SITE_DOWN),  # answers after DOWNLOAD_TIMEOUT
    "t_refused": ("REFUSED", health.SITE_DOWN),  # nothing listening
}
RETRY_TIMES, BACKOFF = 2, 0.3


def _config(path: Path, timeout: float) -> Path:
    path.write_text(
        "[politeness]\ndownload_delay = 0.0\nrandomize_delay = false\nautothrottle = false\n"
        f"download_timeout = {timeout}\nretry_times = {RETRY_TIMES}\nretry_backoff = {BACKOFF}\n"
    )
    return path


def _url(site: Site, path: str) -> str:
    return site.base + path


@pytest.fixture(scope="module")
def live(site: Site, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("live")
    refused = f"http://127.0.0.1:{_closed_port()}/index.html"
    entries = [
        _source(
            "t_gov",
            [("feed", f"{site.base}/rss/en.xml", "en"), ("listing", f"{site.base}/zh/index.html", "zh-Hant")],
            revisit_days=1,
        )
    ]
    for sid, (where, _) in FAILURES.items():
        entries.append(_source(sid, [("listing", refused if where == "REFUSED" else site.base + where, None)]))
    registry = tmp / "sources.toml"
    registry.write_text("\n".join(entries), encoding="utf-8")
    db, archive = tmp / "live.db", tmp / "archive"
    env = {"LONGARM_REGISTRY": str(registry)}
    common = ["--db", str(db), "--archive", str(archive)]
    polite_but_fast = _config(tmp / "fast.toml", 10)

    site.reset()
    first = run_cli("crawl", "t_gov", "--config", str(polite_but_fast), *common, env=env, timeout=120)
    hits_first = list(site.hits)
    counts1 = {t: connect(db)[t].count for t in ("snapshots", "documents", "revisits", "threats")}
    # Make the ETag article due for a revisit (revisit_days = 1): say it was last seen three days ago.
    etag_url = _url(site, "/news/20240521/bureau_reply.html")
    backdated = (datetime.now(timezone.utc) - timedelta(days=3)).strftime("%Y-%m-%dT%H:%M:%SZ")
    conn = connect(db)
    conn.execute("UPDATE documents SET last_seen = ? WHERE url = ?", [backdated, etag_url])
    conn.conn.commit()
    conn.conn.close()
    site.reset()
    second = run_cli("crawl", "t_gov", "--config", str(polite_but_fast), *common, env=env, timeout=120)
    hits_second = list(site.hits)
    counts2 = {t: connect(db)[t].count for t in ("snapshots", "documents", "revisits", "threats")}

    site.reset()
    failing = run_cli(
        "crawl", *FAILURES, "--config", str(_config(tmp / "failfast.toml", 1)), *common, env=env, timeout=120
    )
    time.sleep(0.2)  # let the server note the last (abandoned) slow request
    return {
        "db": db,
        "archive": archive,
        "registry": registry,
        "env": env,
        "first": first,
        "second": second,
        "failing": failing,
        "hits_first": hits_first,
        "hits_second": hits_second,
        "hits_failing": list(site.hits),
        "counts1": counts1,
        "counts2": counts2,
        "etag_url": etag_url,
        "backdated": backdated,
    }


def _paths(hits: list[Hit]) -> list[str]:
    return [h.path for h in hits]


def _run_source(db: Any, run_id: int, source_id: str) -> dict[str, Any]:
    return next(db.query("SELECT * FROM run_sources WHERE run_id = ? AND source_id = ?", [run_id, source_id]))


# -- LONGARM_REGISTRY ----------------------------------------------------------------------------
def test_registry_from_environment(live: dict[str, Any]) -> None:
    import json

    res = run_cli("sources", "--json", env=live["env"])
    assert res.returncode == 0, res.stderr
    ids = [r["id"] for r in json.loads(res.stdout)]
    assert ids == ["t_gov", *FAILURES]  # the bundled sources are not in it
    res = run_cli("sources", "--json")
    assert "hk_gov_press" in [r["id"] for r in json.loads(res.stdout)]


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "no such file"),
        ("[[source]\nid = 1\n", "not valid TOML"),
        ("title = 'nothing here'\n", "defines no sources"),
        (
            _source("t_port", [("feed", "http://127.0.0.1:8080/rss.xml", None)]).replace(
                'allowed_domains = ["127.0.0.1"]', 'allowed_domains = ["127.0.0.1:8080"]'
            ),
            "is not a bare host name",
        ),
    ],
)
def test_bad_registry_file_is_named(tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / "mine.toml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    for cmd in (["sources"], ["crawl", "--db", str(tmp_path / "x.db"), "--archive", str(tmp_path / "a")]):
        res = run_cli(*cmd, env={"LONGARM_REGISTRY": str(path)})
        assert res.returncode == 2, res.stderr
        assert str(path) in res.stderr and message in res.stderr, res.stderr
        assert "Traceback" not in res.stderr
    assert not (tmp_path / "x.db").exists()


# -- a healthy source, crawled live ----------------------------------------------------------------
def test_live_crawl_stores_articles(live: dict[str, Any], site: Site) -> None:
    assert live["first"].returncode == 0, live["first"].stdout + live["first"].stderr
    db = connect(live["db"])
    docs = {r["url"]: r for r in db.query("SELECT * FROM documents")}
    assert set(docs) == {
        _url(site, p)
        for p in (
            "/news/20240520/arrest_warrants.html",
            "/news/20240520/bounty_zh.html",
            "/news/20240521/bureau_reply.html",
            "/news/20240521/wanted_notice.html",
        )
    }
    en = docs[_url(site, "/news/20240520/arrest_warrants.html")]
    assert en["title"] == EN_ARREST[0] and en["lang"] == "en" and en["source_id"] == "t_gov"
    assert en["published_at"] == "2024-05-20T18:30:00+08:00"
    assert "HK$1 million" in en["text"] and "Privacy policy" not in en["text"] and "Press releases" not in en["text"]
    zh = docs[_url(site, "/news/20240520/bounty_zh.html")]
    assert zh["title"] == ZH_BOUNTY[0] and zh["lang"] == "zh-Hant"
    assert zh["published_at"] == "2024-05-20T19:00:00+08:00"
    assert "懸紅港幣一百萬元" in zh["text"]
    assert all(d["snapshot_id"] and d["metadata_record_id"] for d in docs.values())
    rs = _run_source(db, 1, "t_gov")
    assert rs["status"] == health.OK and rs["new_documents"] == 4 and rs["extraction_yield"] == 1.0


def test_robots_txt_obeyed(live: dict[str, Any], site: Site) -> None:
    for key in ("hits_first", "hits_second", "hits_failing"):
        paths = _paths(live[key])
        assert not [p for p in paths if p.startswith("/private/")], paths
    assert _paths(live["hits_first"])[0] == "/robots.txt"
    # The disallowed article is said so (blocked) without failing the source.
    rs = _run_source(connect(live["db"]), 1, "t_gov")
    assert "Forbidden by robots.txt" in rs["detail"] and "/private/20240520/draft_list.html" in rs["detail"]


def test_gzip_response_archived_as_received(live: dict[str, Any], site: Site) -> None:
    db = connect(live["db"])
    url = _url(site, "/news/20240520/bounty_zh.html")
    [row] = list(db.query("SELECT * FROM snapshots WHERE url = ?", [url]))
    assert row["content_encoding"] == "gzip" and row["status"] == 200
    rec = read_response_at(live["archive"], row["warc_file"], row["warc_offset"])
    assert rec.payload == site.gz_body  # the bytes on the wire, still gzipped
    assert rec.header("Content-Encoding") == "gzip"
    assert rec.header("Content-Length") == str(len(site.gz_body))
    assert row["sha256"] == rec.sha256 == hashlib.sha256(site.gz_body).hexdigest()
    assert row["payload_length"] == len(site.gz_body)
    assert "懸紅港幣一百萬元".encode() in rec.decoded_payload()


def test_every_snapshot_matches_its_record(live: dict[str, Any]) -> None:
    db = connect(live["db"])
    for row in db.query("SELECT * FROM snapshots"):
        rec = read_response_at(live["archive"], row["warc_file"], row["warc_offset"])
        assert (rec.url, rec.status, rec.sha256) == (row["url"], row["status"], row["sha256"])


def test_request_record_for_every_response(live: dict[str, Any]) -> None:
    from warcio.archiveiterator import ArchiveIterator

    responses: dict[str, str] = {}
    requests: dict[str, Any] = {}
    for f in warc_files(live["archive"]):
        with open(f, "rb") as fh:
            for rec in ArchiveIterator(fh):
                rid = rec.rec_headers.get_header("WARC-Record-ID")
                if rec.rec_type == "response":
                    responses[rid] = rec.rec_headers.get_header("WARC-Target-URI")
                elif rec.rec_type == "request":
                    requests[rec.rec_headers.get_header("WARC-Concurrent-To")] = (
                        rec.rec_headers.get_header("WARC-Target-URI"),
                        rec.http_headers.protocol,
                    )
    assert responses and set(responses) <= set(requests)
    for rid, uri in responses.items():
        assert requests[rid][0] == uri
    assert connect(live["db"])["snapshots"].count == len(responses)


def test_warc_files_pass_warcio_check(live: dict[str, Any]) -> None:
    files = warc_files(live["archive"])
    assert len(files) == 3  # one per run
    res = subprocess.run(
        [sys.executable, "-m", "warcio.cli", "check", *map(str, files)], capture_output=True, text=True
    )
    assert res.returncode == 0, res.stdout + res.stderr


def test_snapshots_belong_to_their_source(live: dict[str, Any], site: Site) -> None:
    db = connect(live["db"])
    rows = {r["url"]: r["source_id"] for r in db.query("SELECT url, source_id FROM snapshots WHERE run_id = 1")}
    assert rows and set(rows.values()) == {"t_gov"}, rows


def test_crawl_time_extraction_knows_the_publisher(live: dict[str, Any], site: Site) -> None:
    """A threat with no speaker in the text falls back to the publisher, as `longarm extract` does."""
    db = connect(live["db"])
    rows = list(
        db.query(
            "SELECT t.speaker, t.speaker_kind FROM threats t JOIN documents d ON d.id = t.document_id WHERE d.url = ?",
            [_url(site, "/news/20240521/wanted_notice.html")],
        )
    )
    assert rows, "no threat extracted from the wanted notice"
    assert {(r["speaker"], r["speaker_kind"]) for r in rows} == {("Test t_gov", "hk_government")}


# -- run again: nothing new, conditional revisit ----------------------------------------------------
def test_second_crawl_adds_no_documents(live: dict[str, Any], site: Site) -> None:
    assert live["second"].returncode == 0, live["second"].stdout + live["second"].stderr
    c1, c2 = live["counts1"], live["counts2"]
    assert (c2["documents"], c2["snapshots"], c2["threats"]) == (c1["documents"], c1["snapshots"], c1["threats"])
    rs = _run_source(connect(live["db"]), 2, "t_gov")
    assert rs["status"] == health.OK and rs["new_documents"] == 0 and rs["known_skipped"] == 3
    # The known articles were not fetched again; the due one was asked for conditionally.
    articles = [p for p in _paths(live["hits_second"]) if p.startswith("/news/")]
    assert articles == ["/news/20240521/bureau_reply.html"]


def test_revisit_sends_if_none_match_and_records_304(live: dict[str, Any], site: Site) -> None:
    [hit] = [h for h in live["hits_second"] if h.path == "/news/20240521/bureau_reply.html"]
    assert hit.headers.get("if-none-match") == ETAG and hit.status == 304
    db = connect(live["db"])
    url = live["etag_url"]
    [snap] = list(db.query("SELECT * FROM snapshots WHERE url = ?", [url]))  # no new (empty) snapshot for the 304
    assert snap["status"] == 200 and snap["etag"] == ETAG and snap["run_id"] == 1
    [rev] = list(db.query("SELECT * FROM revisits WHERE url = ? AND status = 304", [url]))
    assert rev["snapshot_id"] == snap["id"] and rev["run_id"] == 2
    from warcio.archiveiterator import ArchiveIterator

    with open(live["archive"] / rev["warc_file"], "rb") as fh:
        fh.seek(rev["warc_offset"])
        rec = next(iter(ArchiveIterator(fh)))
    assert rec.rec_type == "revisit" and rec.http_headers.get_statuscode() == "304"
    assert rec.rec_headers.get_header("WARC-Profile").endswith("/revisit/server-not-modified")
    assert rec.rec_headers.get_header("WARC-Refers-To") == snap["warc_record_id"]
    # The 304 counts as seeing the article: it is not due again on the next run.
    from longarm.db import Store

    store = Store(live["db"], create=False)
    try:
        assert store.known_articles()[url].last_seen > live["backdated"]
    finally:
        store.close()


def test_runs_recorded(live: dict[str, Any]) -> None:
    db = connect(live["db"])
    runs = list(db.query("SELECT id, status, command, sources FROM runs ORDER BY id"))
    assert [(r["id"], r["status"], r["command"]) for r in runs] == [
        (1, "finished", "crawl"),
        (2, "finished", "crawl"),
        (3, "partial", "crawl"),
    ]
    assert {r["source_id"] for r in db.query("SELECT source_id FROM run_sources WHERE run_id = 3")} == set(FAILURES)


# -- failing sources --------------------------------------------------------------------------------
def test_failing_sources_exit_3(live: dict[str, Any]) -> None:
    res = live["failing"]
    assert res.returncode == 3, res.stdout + res.stderr
    assert "run 3: partial" in res.stdout


@pytest.mark.parametrize("source_id", list(FAILURES))
def test_failure_state(live: dict[str, Any], source_id: str) -> None:
    rs = _run_source(connect(live["db"]), 3, source_id)
    assert rs["status"] == FAILURES[source_id][1], rs
    assert rs["documents"] == 0 and rs["errors"] >= 1 and rs["detail"]


def test_503_retried_with_backoff(live: dict[str, Any]) -> None:
    for path in ("/down/index.html", "/news/20240523/failing_one.html"):
        hits = [h for h in live["hits_failing"] if h.path == path]
        assert [h.status for h in hits] == [503] * (RETRY_TIMES + 1)
        gaps = [b.at - a.at for a, b in zip(hits, hits[1:])]
        for n, gap in enumerate(gaps, start=1):
            assert gap >= 0.9 * BACKOFF * 2 ** (n - 1), gaps  # LONGARM_BACKOFF_BASE * 2**(n-1) before retry n


def test_every_retried_response_is_in_the_warc(live: dict[str, Any]) -> None:
    """Identical 503 pages, even within one second, are each archived (a response or a revisit record)."""
    from warcio.archiveiterator import ArchiveIterator

    path = "/down/index.html"
    seen = sum(1 for h in live["hits_failing"] if h.path == path)
    archived = 0
    for f in warc_files(live["archive"]):
        with open(f, "rb") as fh:
            for rec in ArchiveIterator(fh):
                uri = rec.rec_headers.get_header("WARC-Target-URI") or ""
                if rec.rec_type in ("response", "revisit") and uri.endswith(path):
                    archived += 1
    assert archived == seen == RETRY_TIMES + 1


def test_timeout_retried(live: dict[str, Any]) -> None:
    assert _paths(live["hits_failing"]).count("/slow/index.html") == RETRY_TIMES + 1
    rs = _run_source(connect(live["db"]), 3, "t_slow")
    assert "took longer than 1.0 seconds" in rs["detail"]
    rs = _run_source(connect(live["db"]), 3, "t_refused")
    assert "refused" in rs["detail"].lower()
