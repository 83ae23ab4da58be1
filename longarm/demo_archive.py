"""Build the bundled offline demo archive: ``demo_archive/`` -> one WARC 1.1 file.

``demo_archive/manifest.toml`` lists every recorded response (one ``[[page]]``
table each) and ``demo_archive/pages/<source_id>/...`` holds the bodies as they
were "sent" (GBK bytes stay GBK bytes). The pages were written for the project
in the real sites' URL schemes and page layouts; see ``demo_archive/README.md``.

The builder writes ``demo-archive.warc.gz`` (gzip per record): a warcinfo
record, then per page a request record and a response record linked by
WARC-Concurrent-To. Record ids are uuid5 of the record type, URL and capture
time, WARC-Date is the page's ``captured_at`` and the warcinfo date is fixed,
so two builds are byte-identical.

Manifest keys per ``[[page]]``:

    url               absolute URL of the response (required)
    file              path under demo_archive/pages/ (required)
    status            HTTP status (default 200)
    content_type      media type without parameters (default text/html)
    charset           encoding of the file bytes (utf-8, gbk, ...); "" for binary/empty
    header_charset    charset sent in the Content-Type header; defaults to ``charset``;
                      "" sends no charset parameter (as a server that only says text/html)
    content_encoding  "gzip": the file is stored plain and gzip-compressed into the record,
                      with Content-Encoding: gzip, as on the wire
    captured_at       UTC ISO time of the capture, e.g. 2025-07-26T12:05:00Z (required); a URL may
                      appear again with a later time: the page as a re-check found it
                      (``[demo] recheck_on`` is that night)
    headers           table of extra response headers (ETag, Last-Modified, Server, ...)
    note              free text: why the page is there (robustness case, hard negative, ...)
"""

from __future__ import annotations

import gzip
import io
import tomllib
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

DEMO_DIR = Path(__file__).resolve().parents[1] / "demo_archive"
MANIFEST = DEMO_DIR / "manifest.toml"
PAGES = DEMO_DIR / "pages"
WARC_NAME = "demo-archive.warc.gz"
WARCINFO_DATE = "2025-07-26T16:00:00Z"
USER_AGENT = "longarm/0.1 (+https://github.com/longarm-monitor/longarm; research crawler; contact: demo)"

PAGE_KEYS = {
    "url",
    "file",
    "status",
    "content_type",
    "charset",
    "header_charset",
    "content_encoding",
    "captured_at",
    "headers",
    "note",
}
DEMO_KEYS = {"since", "until", "today", "recheck_on", "description"}
REASONS = {
    200: "OK",
    301: "Moved Permanently",
    302: "Found",
    304: "Not Modified",
    403: "Forbidden",
    404: "Not Found",
    410: "Gone",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


class ManifestError(ValueError):
    """The demo manifest is malformed; the message names the entry."""


@dataclass(frozen=True)
class Page:
    index: int
    url: str
    file: str
    status: int = 200
    content_type: str = "text/html"
    charset: str = "utf-8"
    header_charset: str | None = None
    content_encoding: str = ""
    captured_at: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    note: str = ""

    @property
    def where(self) -> str:
        return f"manifest [[page]] #{self.index} ({self.url})"

    @property
    def source_id(self) -> str:
        """The source whose pages these are: the first folder under pages/."""
        return Path(self.file).parts[0]

    @property
    def sent_charset(self) -> str:
        return self.charset if self.header_charset is None else self.header_charset

    def content_type_header(self) -> str:
        return f"{self.content_type}; charset={self.sent_charset}" if self.sent_charset else self.content_type

    def captured(self) -> datetime:
        return _parse_time(self.captured_at, self.where)


@dataclass(frozen=True)
class Manifest:
    pages: list[Page]
    demo: dict[str, Any]
    path: Path

    @property
    def pages_dir(self) -> Path:
        return self.path.parent / "pages"


def _parse_time(value: str, where: str) -> datetime:
    try:
        dt = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError as exc:
        raise ManifestError(f"{where}: captured_at {value!r} is not an ISO date-time ({exc})") from exc
    if dt.tzinfo is None:
        raise ManifestError(f"{where}: captured_at {value!r} needs a time zone (use ...Z for UTC)")
    return dt.astimezone(timezone.utc)


def load_manifest(path: Path | str | None = None) -> Manifest:
    """Read and validate the manifest; raises ManifestError naming the bad entry."""
    path = Path(path) if path else MANIFEST
    if not path.exists():
        raise ManifestError(f"{path}: manifest not found")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ManifestError(f"{path}: not valid TOML: {exc}") from exc
    unknown_top = set(data) - {"demo", "page"}
    if unknown_top:
        raise ManifestError(f"{path}: unknown top-level key(s) {', '.join(sorted(unknown_top))}")
    demo = dict(data.get("demo", {}))
    bad = set(demo) - DEMO_KEYS
    if bad:
        raise ManifestError(f"{path}: [demo] has unknown key(s) {', '.join(sorted(bad))}")
    for key in ("since", "until"):
        if key not in demo:
            raise ManifestError(f"{path}: [demo] needs {key!r}")
    pages_dir = path.parent / "pages"
    pages: list[Page] = []
    seen: dict[str, int] = {}  # "url captured_at" -> entry: a URL may be captured again later (re-checks)
    for i, t in enumerate(data.get("page", []), start=1):
        where = f"{path.name}: [[page]] #{i}" + (f" ({t['url']})" if "url" in t else "")
        unknown = set(t) - PAGE_KEYS
        if unknown:
            raise ManifestError(
                f"{where}: unknown key(s) {', '.join(sorted(unknown))}; known keys: {', '.join(sorted(PAGE_KEYS))}"
            )
        for key in ("url", "file", "captured_at"):
            if key not in t:
                raise ManifestError(f"{where}: missing key {key!r}")
        url = t["url"]
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ManifestError(f"{where}: url {url!r} is not an absolute http(s) URL")
        capture = f"{url} {t['captured_at']}"
        if capture in seen:
            raise ManifestError(f"{where}: url captured twice at the same time (first at [[page]] #{seen[capture]})")
        seen[capture] = i
        rel = Path(t["file"])
        if rel.is_absolute() or ".." in rel.parts or len(rel.parts) < 2:
            raise ManifestError(f"{where}: file {t['file']!r} must be a path pages/<source_id>/... relative to pages/")
        if not (pages_dir / rel).is_file():
            raise ManifestError(f"{where}: file {t['file']!r} does not exist under {pages_dir}")
        enc = t.get("content_encoding", "")
        if enc not in ("", "gzip"):
            raise ManifestError(f'{where}: content_encoding {enc!r} is not supported (only "gzip")')
        status = t.get("status", 200)
        if not isinstance(status, int) or not 100 <= status <= 599:
            raise ManifestError(f"{where}: status {status!r} is not an HTTP status code")
        headers = t.get("headers", {})
        if not isinstance(headers, dict) or not all(isinstance(v, str) for v in headers.values()):
            raise ManifestError(f"{where}: headers must be a table of strings")
        clash = {k for k in headers if k.lower() in ("content-type", "content-length", "content-encoding", "date")}
        if clash:
            raise ManifestError(f"{where}: headers may not set {', '.join(sorted(clash))} (the builder sends them)")
        charset = t.get("charset", "utf-8")
        if charset:
            try:
                "".encode(charset)
            except LookupError as exc:
                raise ManifestError(f"{where}: unknown charset {charset!r}") from exc
        page = Page(
            index=i,
            url=url,
            file=str(rel),
            status=status,
            content_type=t.get("content_type", "text/html"),
            charset=charset,
            header_charset=t.get("header_charset"),
            content_encoding=enc,
            captured_at=str(t["captured_at"]),
            headers=dict(headers),
            note=t.get("note", ""),
        )
        page.captured()
        pages.append(page)
    if not pages:
        raise ManifestError(f"{path}: no [[page]] entries")
    return Manifest(pages=pages, demo=demo, path=path)


def _warc_date(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def _record_id(kind: str, url: str, captured_at: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{kind} {url} {captured_at}')}>"


def _http_date(dt: datetime) -> str:
    return format_datetime(dt, usegmt=True)


def page_body(page: Page, pages_dir: Path) -> bytes:
    """The response body as it goes on the wire (gzip-compressed when content_encoding says so)."""
    body = (pages_dir / page.file).read_bytes()
    if page.content_encoding == "gzip":
        body = gzip.compress(body, compresslevel=9, mtime=0)
    return body


def build_demo_archive(out_dir: Path | str, manifest_path: Path | str | None = None) -> Path:
    """Write ``demo-archive.warc.gz`` into ``out_dir`` from the manifest; return its path."""
    manifest = load_manifest(manifest_path)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / WARC_NAME
    tmp = target.with_name(target.name + ".part")
    with open(tmp, "wb") as fh:
        writer = WARCWriter(fh, gzip=True, warc_version="1.1")
        info = {
            "software": "longarm demo archive builder (warcio)",
            "format": "WARC File Format 1.1",
            "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
            "description": manifest.demo.get("description", "longarm offline demo archive"),
            "isPartOf": "longarm-demo",
            "robots": "none (pages written for the project, not crawled)",
        }
        payload = "".join(f"{k}: {' '.join(str(v).split())}\r\n" for k, v in info.items()).encode("utf-8")
        warcinfo = writer.create_warc_record(
            "",
            "warcinfo",
            payload=io.BytesIO(payload),
            length=len(payload),
            warc_content_type="application/warc-fields",
            warc_headers_dict={
                "WARC-Record-ID": _record_id("warcinfo", WARC_NAME, WARCINFO_DATE),
                "WARC-Date": WARCINFO_DATE,
                "WARC-Filename": WARC_NAME,
            },
        )
        writer.write_record(warcinfo)
        info_id = warcinfo.rec_headers.get_header("WARC-Record-ID")
        for page in manifest.pages:
            captured = page.captured()
            warc_date = _warc_date(captured)
            body = page_body(page, manifest.pages_dir)
            parts = urlsplit(page.url)
            path = parts.path or "/"
            if parts.query:
                path += "?" + parts.query
            req_id = _record_id("request", page.url, page.captured_at)
            resp_id = _record_id("response", page.url, page.captured_at)
            req_headers = [
                ("Host", parts.netloc),
                ("User-Agent", USER_AGENT),
                ("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
                ("Accept-Language", "en"),
                ("Accept-Encoding", "gzip, deflate"),
            ]
            request = writer.create_warc_record(
                page.url,
                "request",
                payload=io.BytesIO(b""),
                length=0,
                http_headers=StatusAndHeaders(f"GET {path} HTTP/1.1", req_headers, is_http_request=True),
                warc_headers_dict={
                    "WARC-Record-ID": req_id,
                    "WARC-Date": warc_date,
                    "WARC-Concurrent-To": resp_id,
                    "WARC-Warcinfo-ID": info_id,
                },
            )
            resp_headers = [("Date", _http_date(captured)), ("Content-Type", page.content_type_header())]
            resp_headers += list(page.headers.items())
            if page.content_encoding:
                resp_headers.append(("Content-Encoding", page.content_encoding))
            resp_headers.append(("Content-Length", str(len(body))))
            status = f"{page.status} {REASONS.get(page.status, 'Unknown')}"
            response = writer.create_warc_record(
                page.url,
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=StatusAndHeaders(status, resp_headers, protocol="HTTP/1.1"),
                warc_headers_dict={
                    "WARC-Record-ID": resp_id,
                    "WARC-Date": warc_date,
                    "WARC-Concurrent-To": req_id,
                    "WARC-Warcinfo-ID": info_id,
                },
            )
            writer.write_record(request)
            writer.write_record(response)
    tmp.replace(target)
    return target
