"""The bundled demo archive: manifest, pages and the WARC the builder writes from them."""

from __future__ import annotations

import gzip
import hashlib
import re
import tomllib
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urljoin

import pytest
from lxml import etree, html as lxml_html
from warcio.archiveiterator import ArchiveIterator
from w3lib.encoding import html_to_unicode

from longarm.demo_archive import WARC_NAME, ManifestError, Page, build_demo_archive, load_manifest
from longarm.spiders.registry import Source, get_registry

REPO = Path(__file__).resolve().parents[2]
MANIFEST = REPO / "demo_archive" / "manifest.toml"
PAGES = REPO / "demo_archive" / "pages"


# ----------------------------------------------------------------------------- helpers


@pytest.fixture(scope="module")
def manifest():
    return load_manifest(MANIFEST)


@pytest.fixture(scope="module")
def registry() -> dict[str, Source]:
    return get_registry()


@pytest.fixture(scope="module")
def warc(tmp_path_factory) -> Path:
    return build_demo_archive(tmp_path_factory.mktemp("demo") / "out")


def demo_days(manifest) -> list[date]:
    since = date.fromisoformat(str(manifest.demo["since"]))
    until = date.fromisoformat(str(manifest.demo["until"]))
    return [since + timedelta(days=i) for i in range((until - since).days + 1)]


def discovery_urls(src: Source, days: list[date]) -> list[str]:
    """Every discovery URL of a source the demo must hold: feeds, listings and their pages, date indexes."""
    urls = []
    for disc in src.discovery:
        if disc.retired(days[-1]):
            continue  # an old layout's page (registry `until`): a nightly crawl of the demo day never asks for it
        if disc.type == "date_index":
            urls += [
                disc.url_template.format(yyyy=f"{d:%Y}", mm=f"{d:%m}", dd=f"{d:%d}", yyyymm=f"{d:%Y%m}") for d in days
            ]
            continue
        urls.append(disc.url)
        if disc.next_page:
            urls += [disc.next_page.format(page=disc.page_start + p - 2) for p in range(2, disc.max_pages + 1)]
    return urls


def discovery_langs(src: Source, days: list[date]) -> dict[str, str | None]:
    out = {}
    for disc in src.discovery:
        for u in discovery_urls(Source(**{**src.__dict__, "discovery": (disc,)}), days):
            out[u] = disc.lang
    return out


def decode(page: Page) -> str:
    body = (PAGES / page.file).read_bytes()
    ctype = page.content_type_header()
    _, text = html_to_unicode(ctype, body)
    return text


def links_of(page: Page) -> set[str]:
    """Absolute link targets of a feed or HTML page, resolved against its URL."""
    body = (PAGES / page.file).read_bytes()
    if "xml" in page.content_type or body.lstrip().startswith(b"<?xml"):
        root = etree.fromstring(body)
        return {el.text.strip() for el in root.iter("link", "{http://www.w3.org/2005/Atom}link") if el.text}
    doc = lxml_html.fromstring(decode(page))
    return {urljoin(page.url, a.get("href").strip()) for a in doc.iter("a") if a.get("href")}


def is_article(page: Page, registry, days) -> bool:
    src = registry[page.source_id]
    return bool(src.match_article(page.url)) and page.url not in discovery_urls(src, days)


# ----------------------------------------------------------------------------- the manifest and the pages


def test_every_page_file_exists(manifest):
    for page in manifest.pages:
        assert (PAGES / page.file).is_file(), page.where
        assert page.source_id in get_registry(), f"{page.where}: folder {page.source_id!r} is not a registry source"


def test_page_count_and_sources(manifest):
    assert len(manifest.pages) >= 70
    assert len({p.source_id for p in manifest.pages}) >= 11


def test_every_discovery_url_of_covered_sources_is_present(manifest, registry):
    urls = {p.url for p in manifest.pages}
    days = demo_days(manifest)
    for sid in {p.source_id for p in manifest.pages}:
        for u in discovery_urls(registry[sid], days):
            assert u in urls, f"{sid}: discovery URL {u} is missing from the demo archive"


def test_every_article_matches_its_source_and_is_linked(manifest, registry):
    by_url = {p.url: p for p in manifest.pages}
    days = demo_days(manifest)
    linked: dict[str, set[str]] = {}
    for sid in {p.source_id for p in manifest.pages}:
        found: set[str] = set()
        for u in discovery_urls(registry[sid], days):
            found |= links_of(by_url[u])
        linked[sid] = found
    articles = [
        p for p in manifest.pages if p.url not in {u for s in linked for u in discovery_urls(registry[s], days)}
    ]
    assert articles
    for page in articles:
        src = registry[page.source_id]
        assert src.match_article(page.url), f"{page.where}: does not match an article pattern of {src.id}"
        assert page.url in linked[page.source_id], f"{page.where}: not linked from any discovery page of {src.id}"


def test_languages_are_well_represented(manifest, registry):
    days = demo_days(manifest)
    langs: Counter[str] = Counter()
    for page in manifest.pages:
        if not is_article(page, registry, days) or page.status != 200 or not (PAGES / page.file).stat().st_size:
            continue
        src = registry[page.source_id]
        lang = src.match_article(page.url).lang
        if lang is None:  # patterns without a language (Security Bureau): the page says
            lang = (
                "zh-Hant"
                if re.search(r"[\u4e00-\u9fff]", lxml_html.fromstring(decode(page)).findtext(".//title") or "")
                else "en"
            )
        langs[lang] += 1
    for lang in ("en", "zh-Hant", "zh-Hans"):
        assert langs[lang] >= 10, f"only {langs[lang]} {lang} articles: {dict(langs)}"


def test_robustness_cases_are_there(manifest, registry):
    pages = manifest.pages
    days = demo_days(manifest)
    # GBK bytes, declared gb2312 in <meta> (and the header)
    gbk = [p for p in pages if p.charset.lower() == "gbk"]
    assert gbk, "no GBK page"
    body = (PAGES / gbk[0].file).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    assert re.search(rb"charset=gb2312", body, re.I)
    assert "香港" in body.decode("gbk")
    # UTF-8 bytes declared GB2312, no charset in the header
    wrong = [
        p
        for p in pages
        if p.charset == "utf-8"
        and p.sent_charset == ""
        and re.search(rb"charset=GB2312", (PAGES / p.file).read_bytes())
    ]
    assert wrong, "no wrongly declared (GB2312 meta, UTF-8 bytes) page"
    assert wrong[0].content_type_header() == "text/html"
    (PAGES / wrong[0].file).read_bytes().decode("utf-8")
    # gzip on the wire, 404, empty 200
    assert any(p.content_encoding == "gzip" for p in pages)
    not_found = [p for p in pages if p.status == 404]
    assert not_found
    empty = [p for p in pages if p.status == 200 and (PAGES / p.file).stat().st_size == 0]
    assert empty
    # the 404 page is linked from a listing; some listing links to an article URL not in the archive
    by_url = {p.url: p for p in pages}
    all_links: set[str] = set()
    for sid in {p.source_id for p in pages}:
        for u in discovery_urls(registry[sid], days):
            all_links |= {link for link in links_of(by_url[u]) if registry[sid].match_article(link)}
    assert not_found[0].url in all_links
    assert empty[0].url in all_links
    missing = [u for u in all_links if u not in by_url]
    assert missing, "no discovery page links to an article that is not in the archive"


# ----------------------------------------------------------------------------- the WARC


def test_warc_records_and_digests(manifest, warc):
    assert warc.name == WARC_NAME
    # a URL may be captured again later (the re-check night): a capture is its URL and time
    by_capture = {(p.url, p.captured().strftime("%Y-%m-%dT%H:%M:%SZ")): p for p in manifest.pages}
    assert len(by_capture) == len(manifest.pages)
    kinds: Counter[str] = Counter()
    ids: dict[str, str] = {}
    concurrent: dict[str, str] = {}
    responses = {}
    with open(warc, "rb") as fh:
        it = ArchiveIterator(fh, check_digests=True)
        for rec in it:
            kinds[rec.rec_type] += 1
            h = rec.rec_headers
            assert h.protocol == "WARC/1.1"
            ids[h.get_header("WARC-Record-ID")] = rec.rec_type
            if rec.rec_type == "warcinfo":
                assert kinds["warcinfo"] == 1 and sum(kinds.values()) == 1, "warcinfo must come first"
                rec.content_stream().read()
                continue
            url = h.get_header("WARC-Target-URI")
            key = (url, h.get_header("WARC-Date"))
            assert key in by_capture, f"{key}: a record of no manifest entry"
            concurrent[h.get_header("WARC-Record-ID")] = h.get_header("WARC-Concurrent-To")
            if rec.rec_type == "response":
                raw = rec.raw_stream.read()
                responses[key] = (rec.http_headers, raw)
            else:
                rec.content_stream().read()
            assert rec.digest_checker.passed is not False, f"digest mismatch for {url}"
    assert kinds == {"warcinfo": 1, "request": len(manifest.pages), "response": len(manifest.pages)}
    for rid, other in concurrent.items():
        assert other in ids and ids[other] != ids[rid], f"{rid}: WARC-Concurrent-To does not name its pair"
    for key, page in by_capture.items():
        http, raw = responses[key]
        assert http.get_statuscode() == str(page.status)
        assert http.get_header("Content-Type") == page.content_type_header()
        assert http.get_header("Content-Length") == str(len(raw))
        assert http.get_header("Date")
        file_bytes = (PAGES / page.file).read_bytes()
        if page.content_encoding == "gzip":
            assert http.get_header("Content-Encoding") == "gzip"
            assert gzip.decompress(raw) == file_bytes
        else:
            assert http.get_header("Content-Encoding") is None
            assert raw == file_bytes
        for k, v in page.headers.items():
            assert http.get_header(k) == v


def test_warcio_check_passes(warc):
    from warcio.cli import main

    with pytest.raises(SystemExit) as exc:
        main(["check", str(warc)])
    assert exc.value.code == 0


def test_build_is_byte_identical(warc, tmp_path):
    again = build_demo_archive(tmp_path / "again")
    assert hashlib.sha256(again.read_bytes()).hexdigest() == hashlib.sha256(warc.read_bytes()).hexdigest()


def test_cli_wrapper(tmp_path):
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "build_demo_archive.py"), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(out.stdout.strip()) == tmp_path / WARC_NAME
    assert (tmp_path / WARC_NAME).stat().st_size > 0


# ----------------------------------------------------------------------------- manifest validation


def _write(tmp_path: Path, page_toml: str, make_file: bool = True) -> Path:
    (tmp_path / "pages" / "xinhua").mkdir(parents=True)
    if make_file:
        (tmp_path / "pages" / "xinhua" / "a.html").write_text("<html></html>")
    m = tmp_path / "manifest.toml"
    m.write_text('[demo]\nsince = "2025-07-25"\nuntil = "2025-07-26"\n\n[[page]]\n' + page_toml, encoding="utf-8")
    return m


def test_manifest_unknown_key_is_named(tmp_path):
    m = _write(
        tmp_path,
        'url = "https://www.news.cn/x.html"\nfile = "xinhua/a.html"\n'
        'captured_at = "2025-07-26T12:00:00Z"\ncolour = "red"\n',
    )
    with pytest.raises(ManifestError, match=r"#1 \(https://www.news.cn/x.html\).*colour"):
        build_demo_archive(tmp_path / "out", m)


def test_manifest_missing_file_is_named(tmp_path):
    m = _write(
        tmp_path, 'url = "https://www.news.cn/x.html"\nfile = "xinhua/b.html"\ncaptured_at = "2025-07-26T12:00:00Z"\n'
    )
    with pytest.raises(ManifestError, match=r"https://www.news.cn/x.html.*xinhua/b.html.*does not exist"):
        build_demo_archive(tmp_path / "out", m)


def test_manifest_missing_key_and_bad_time(tmp_path):
    m = _write(tmp_path, 'url = "https://www.news.cn/x.html"\nfile = "xinhua/a.html"\n')
    with pytest.raises(ManifestError, match="missing key 'captured_at'"):
        load_manifest(m)
    m.write_text(m.read_text() + 'captured_at = "yesterday"\n')
    with pytest.raises(ManifestError, match="captured_at"):
        load_manifest(m)


def test_manifest_in_repo_is_valid_toml_with_demo_table():
    data = tomllib.loads(MANIFEST.read_text(encoding="utf-8"))
    assert {"since", "until", "description"} <= set(data["demo"])


def test_replay_index_serves_every_page(manifest, warc):
    """The crawler's replay index finds every recorded URL and gives back the bytes as sent: the newest
    capture of a URL, or, replayed as of an earlier time, the capture of that time."""
    from datetime import datetime, timezone

    from longarm.middlewares.replay import ReplayIndex
    from longarm.pipelines.warc_reader import read_response_at

    night = datetime.fromisoformat(manifest.demo["recheck_on"]).replace(tzinfo=timezone.utc)
    now, first_night = ReplayIndex(warc), ReplayIndex(warc, as_of=night)
    assert len(now) == len(first_night) == len({p.url for p in manifest.pages})
    later = [p for p in manifest.pages if p.captured() >= night]
    assert len(later) == 3  # the re-check night's captures: an edited page, a 404, a soft "not found"
    for page in manifest.pages:
        index = now if page.captured() >= night or page.url not in {p.url for p in later} else first_night
        entry = index.lookup(page.url)
        assert entry is not None, page.where
        rec = read_response_at("/", entry.path, entry.offset)
        assert rec.status == page.status
        assert rec.decoded_payload() == (PAGES / page.file).read_bytes()
    for page in later:  # the re-check finds a later capture of these, of no other page
        assert now.captured_after(page.url, "2025-07-27T00:00:00Z")
    assert not now.captured_after(manifest.pages[0].url, "2025-07-27T00:00:00Z") or manifest.pages[0] in later
