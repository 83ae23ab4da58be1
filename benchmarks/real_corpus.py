"""The real-text corpus of the analyze benchmark: saved real pages plus the labelled real documents.

Why real text: the synthetic corpus is written by the same hand as the rules, so it says
little about speed on what the crawler meets (long government prose with many candidate
sentences). Nothing here is copied into the repository: the pages are read from
``../shared/corpus/real`` and the labelled documents through :func:`longarm.nlp.corpus.load_corpus`,
and both are absent on a fresh clone, so callers skip when :func:`load_real_corpus` says so.

Each page goes through the project's own page parser, as ``longarm parse FILE --url URL``
does: the source is the one whose article patterns match the page's address, else the one
whose ``allowed_domains`` hold its host (``longarm parse --source``), and
:func:`longarm.spiders.extraction.extract_document` gives its main text and language. The address
comes from ``tests/spiders/real_pages.toml`` when present, else from the corpus's
PROVENANCE.md; a file with no recorded address is given one on its folder's host (taken
from the other files of that folder), which only chooses the source.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
REAL_DIR = REPO.parent / "shared" / "corpus" / "real"
PAGES_TOML = REPO / "tests" / "spiders" / "real_pages.toml"

#: Saved pages; anything else in the corpus folder (PROVENANCE.md, a dump of response headers) is not a page.
PAGE_SUFFIXES = (".htm", ".html", ".shtml")
_URL = re.compile(r"https?://[^\s)'\"|,]+")


@dataclass(frozen=True)
class BenchDoc:
    """One document as the pipeline hands it to the extractor."""

    origin: str  # "page:<file>" or "statements:<id>"
    lang: str | None
    text: str
    publisher: dict[str, str] | None


@dataclass
class RealCorpus:
    docs: list[BenchDoc] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (what, why)

    @property
    def pages(self) -> list[BenchDoc]:
        return [d for d in self.docs if d.origin.startswith("page:")]

    @property
    def statements(self) -> list[BenchDoc]:
        return [d for d in self.docs if d.origin.startswith("statements:")]


def page_addresses(real_dir: Path, pages_toml: Path = PAGES_TOML) -> dict[str, str]:
    """file (relative to ``real_dir``) -> the address it was served from, where one is known."""
    urls: dict[str, str] = {}
    if pages_toml.is_file():
        data = tomllib.loads(pages_toml.read_text(encoding="utf-8"))
        for entries in data.values():
            for e in entries if isinstance(entries, list) else []:
                if isinstance(e, dict) and e.get("file") and e.get("url"):
                    urls[e["file"]] = e["url"]
    prov = real_dir / "PROVENANCE.md"
    if prov.is_file():
        for line in prov.read_text(encoding="utf-8").splitlines():
            cells = [c.strip() for c in line.split("|")]
            # | file | bytes | repository | path | commit | original address | notes |
            if len(cells) < 8 or "/" not in cells[1] or cells[1] in urls:
                continue
            m = _URL.search(cells[6])
            if m:
                urls[cells[1]] = m.group(0).rstrip(".;:")
    return urls


def _source_for(url: str, registry: dict[str, Any]) -> Any | None:
    from longarm.spiders.registry import source_for_url

    match = source_for_url(url, registry)
    if match:
        return match[0]
    host = urlsplit(url).hostname or ""
    for src in registry.values():
        if any(host == d or host.endswith("." + d) for d in src.allowed_domains):
            return src
    return None


def load_pages(real_dir: Path = REAL_DIR, pages_toml: Path = PAGES_TOML) -> RealCorpus:
    """Main text of every saved page under ``real_dir`` that the page parser turns into a document."""
    from longarm.spiders.extraction import ExtractionError, extract_document
    from longarm.spiders.registry import get_registry

    registry = get_registry()
    urls = page_addresses(real_dir, pages_toml)
    folder_host = {}
    for f, u in sorted(urls.items()):
        folder_host.setdefault(f.split("/")[0], urlsplit(u).hostname)
    out = RealCorpus()
    for path in sorted(p for p in real_dir.rglob("*") if p.is_file() and p.name != "PROVENANCE.md"):
        rel = path.relative_to(real_dir).as_posix()
        if path.suffix.lower() not in PAGE_SUFFIXES:
            out.skipped.append((rel, "not a saved page"))
            continue
        url = urls.get(rel)
        if url is None and folder_host.get(rel.split("/")[0]):
            url = f"https://{folder_host[rel.split('/')[0]]}/{path.name}"
        if url is None:
            out.skipped.append((rel, "no address recorded and no other file of its site to take a host from"))
            continue
        source = _source_for(url, registry)
        if source is None:
            out.skipped.append((rel, f"no source in spiders/sources.toml for {url}"))
            continue
        art = source.match_article(url)
        try:
            doc = extract_document(path.read_bytes(), url, source, lang_hint=art.lang if art else None)
        except ExtractionError as exc:
            out.skipped.append((rel, str(exc)))
            continue
        if not doc["text"].strip():
            out.skipped.append((rel, "the page parser found no text"))
            continue
        out.docs.append(BenchDoc(f"page:{rel}", doc["lang"], doc["text"], {"name": source.name, "kind": source.kind}))
    return out


def load_real_corpus(
    real_dir: Path = REAL_DIR, statements_dir: Path | None = None, pages_toml: Path = PAGES_TOML
) -> RealCorpus:
    """The saved real pages with the labelled real documents mixed in (in a fixed order).

    Raises FileNotFoundError naming what is missing when neither is there."""
    from longarm.nlp.corpus import load_corpus

    if not real_dir.is_dir():
        raise FileNotFoundError(f"no real-page corpus at {real_dir} (the shared folder beside the repository)")
    corpus = load_pages(real_dir, pages_toml)
    statements = load_corpus(path=statements_dir)  # FileNotFoundError when absent
    docs = [BenchDoc(f"statements:{d['id']}", d.get("lang"), d["text"], d.get("publisher")) for d in statements]
    # Mixed in: one labelled document after every page in turn, the rest after, so a slice holds both.
    mixed: list[BenchDoc] = []
    pages = corpus.docs
    step = max(1, len(docs) // max(1, len(pages)))
    for i, page in enumerate(pages):
        mixed.append(page)
        mixed.extend(docs[i * step : (i + 1) * step])
    mixed.extend(docs[len(pages) * step :])
    corpus.docs = mixed
    return corpus
