"""The source registry: ``spiders/sources.toml`` read into typed objects.

The registry is data so that an analyst can add or fix a source (a new feed, a
changed URL pattern, a selector override) without touching Python. Another
registry file (a local copy with extra sources) is used instead of the bundled
one when ``$LONGARM_REGISTRY`` names it.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from longarm.core.errors import UsageError

REGISTRY_PATH = Path(__file__).with_name("sources.toml")
REGISTRY_ENV = "LONGARM_REGISTRY"

KINDS = ("hk_government", "hk_police", "prc_government", "state_media", "pro_beijing_media")
LANGUAGES = ("en", "zh-Hant", "zh-Hans")
DISCOVERY_TYPES = ("feed", "sitemap", "listing", "date_index")
_HOST_RE = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$")


class RegistryError(UsageError, ValueError):
    """The registry file is missing or malformed; the message names the file, source and key (CLI exit 2)."""


@dataclass(frozen=True)
class Discovery:
    type: str
    url: str = ""
    url_template: str = ""
    next_page: str = ""
    page_start: int = 2
    max_pages: int = 1
    days: int = 2
    lang: str | None = None
    #: The last day this discovery page served articles (an old layout replaced by a new one):
    #: nightly crawls skip it once that day is past; a backfill walks it only up to that day.
    until: date | None = None

    def retired(self, today: date) -> bool:
        """True when the page belongs to a layout the site no longer serves on ``today``."""
        return self.until is not None and today > self.until


@dataclass(frozen=True)
class ArticlePattern:
    pattern: re.Pattern[str]
    lang: str | None = None
    #: ``re.sub`` template giving the article's own address for a URL of this pattern (CGTN's
    #: share.html app view -> the index.html page), so one article is fetched and stored once.
    rewrite: str | None = None

    def address(self, url: str) -> str:
        return self.pattern.sub(self.rewrite, url) if self.rewrite else url


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    owner: str
    kind: str
    languages: tuple[str, ...]
    allowed_domains: tuple[str, ...]
    timezone: str
    verified: bool
    verified_note: str
    revisit_days: int
    history: str
    discovery: tuple[Discovery, ...]
    articles: tuple[ArticlePattern, ...]
    extract: dict[str, Any] = field(default_factory=dict)

    def match_article(self, url: str) -> ArticlePattern | None:
        """The first article pattern matching ``url``, or None when it is not an article of ours."""
        for art in self.articles:
            if art.pattern.search(url):
                return art
        return None

    def article_urls(self, links: list[str]) -> list[str]:
        """The article addresses among ``links``, rewritten where a pattern says so, deduplicated, in order."""
        out: dict[str, None] = {}
        for url in links:
            art = self.match_article(url)
            if art is not None:
                out.setdefault(art.address(url))
        return list(out)

    @property
    def has_history(self) -> bool:
        return bool(self.history)

    def summary(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "owner": self.owner,
            "kind": self.kind,
            "languages": list(self.languages),
            "allowed_domains": list(self.allowed_domains),
            "discovery": [d.type for d in self.discovery],
            "verified": self.verified,
            "verified_note": self.verified_note,
            "history": self.history,
        }


def _as_date(value: Any, where: str) -> date:
    """A TOML date (``until = 2021-01-11``) or an ISO date string, else a RegistryError naming the key."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise RegistryError(f"{where} {value!r} is not a date: write it as YYYY-MM-DD") from None


def _source_from_table(t: dict[str, Any], where: str) -> Source:
    def need(key: str) -> Any:
        if key not in t:
            raise RegistryError(f"{where}: missing key {key!r}")
        return t[key]

    sid = need("id")
    where = f"{where} (id={sid!r})"
    kind = need("kind")
    if kind not in KINDS:
        raise RegistryError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    langs = tuple(need("languages"))
    for lang in langs:
        if lang not in LANGUAGES:
            raise RegistryError(f"{where}: language {lang!r} is not one of {', '.join(LANGUAGES)}")
    discovery = []
    for i, d in enumerate(t.get("discovery", [])):
        if d.get("type") not in DISCOVERY_TYPES:
            raise RegistryError(
                f"{where}: discovery #{i + 1} type {d.get('type')!r} is not one of {', '.join(DISCOVERY_TYPES)}"
            )
        if d["type"] == "date_index" and not d.get("url_template"):
            raise RegistryError(f"{where}: discovery #{i + 1} (date_index) needs url_template")
        if d["type"] != "date_index" and not d.get("url"):
            raise RegistryError(f"{where}: discovery #{i + 1} ({d['type']}) needs url")
        d = dict(d)
        if "until" in d:
            d["until"] = _as_date(d["until"], f"{where}: discovery #{i + 1} until")
        try:
            discovery.append(Discovery(**d))
        except TypeError as exc:
            raise RegistryError(f"{where}: discovery #{i + 1} has an unknown key: {exc}") from exc
    articles = []
    for i, a in enumerate(t.get("articles", [])):
        try:
            art = ArticlePattern(re.compile(a["pattern"]), a.get("lang"), a.get("rewrite"))
            if art.rewrite:
                art.pattern.sub(art.rewrite, "")  # a bad group reference fails here, not mid-crawl
        except (KeyError, re.error) as exc:
            raise RegistryError(f"{where}: article pattern #{i + 1} is invalid: {exc}") from exc
        articles.append(art)
    if not articles:
        raise RegistryError(f"{where}: needs at least one [[source.articles]] pattern")
    domains = need("allowed_domains")
    if not isinstance(domains, list) or not domains or not all(isinstance(d, str) for d in domains):
        raise RegistryError(f"{where}: allowed_domains must be a non-empty list of host names")
    for dom in domains:
        if not _HOST_RE.match(dom):
            # Scrapy's offsite filter compares host names only: "host:8080" or a URL would match nothing.
            raise RegistryError(
                f"{where}: allowed_domains entry {dom!r} is not a bare host name "
                f"(no scheme, port or path: e.g. 'www.info.gov.hk' or '127.0.0.1')"
            )
    return Source(
        id=sid,
        name=need("name"),
        owner=t.get("owner", ""),
        kind=kind,
        languages=langs,
        allowed_domains=tuple(domains),
        timezone=t.get("timezone", "Asia/Hong_Kong"),
        verified=bool(t.get("verified", False)),
        verified_note=t.get("verified_note", ""),
        revisit_days=int(t.get("revisit_days", 0)),
        history=t.get("history", ""),
        discovery=tuple(discovery),
        articles=tuple(articles),
        extract=dict(t.get("extract", {})),
    )


def registry_path() -> Path:
    """The registry file in use: ``$LONGARM_REGISTRY`` when set, else the bundled ``spiders/sources.toml``."""
    env = os.environ.get(REGISTRY_ENV, "").strip()
    return Path(env).expanduser() if env else REGISTRY_PATH


def load_registry(path: Path | str | None = None) -> dict[str, Source]:
    """Read and validate the registry; raises RegistryError naming the file and the bad entry."""
    path = Path(path) if path else REGISTRY_PATH
    # The bundled file is named by its name, another one by the path given (the analyst's own copy).
    label = path.name if path == REGISTRY_PATH else str(path)
    origin = f" (from ${REGISTRY_ENV})" if os.environ.get(REGISTRY_ENV, "").strip() and path == registry_path() else ""
    if not path.is_file():
        raise RegistryError(f"source registry {path}{origin}: no such file")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise RegistryError(f"source registry {path}{origin}: cannot be read: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise RegistryError(f"{label}{origin}: not valid TOML: {exc}") from exc
    tables = data.get("source", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise RegistryError(f"{label}{origin}: 'source' must be [[source]] tables")
    if not tables:
        raise RegistryError(f"{label}{origin}: defines no sources (one [[source]] table per source)")
    sources: dict[str, Source] = {}
    for i, t in enumerate(tables):
        src = _source_from_table(t, f"{label}: source #{i + 1}")
        if src.id in sources:
            raise RegistryError(f"{label}: source id {src.id!r} appears twice")
        sources[src.id] = src
    return sources


@lru_cache(maxsize=4)
def _cached(path: str) -> dict[str, Source]:
    return load_registry(path)


def get_registry() -> dict[str, Source]:
    """The registry in use (``$LONGARM_REGISTRY`` or the bundled file), parsed once per process and path."""
    return _cached(str(registry_path()))


def source_for_url(url: str, sources: dict[str, Source] | None = None) -> tuple[Source, ArticlePattern] | None:
    """The source whose article patterns match ``url`` (used by ``longarm parse``)."""
    for src in (sources or get_registry()).values():
        art = src.match_article(url)
        if art:
            return src, art
    return None
