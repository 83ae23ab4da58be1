"""First contact: what the first live crawl of an unverified source met, for an operator to read.

Five sources (HK Police, the Security Bureau, Ta Kung Pao, the MPS, the Taiwan Affairs Office)
have no real saved page anywhere we could find, so their selectors and URL patterns are guesses
written after the sites' schemes (``verified = false`` in spiders/sources.toml). The first
live crawl of such a source keeps its first pages here: for each discovery page what it
answered and how many of its links matched the article patterns; for each article page which
of the source's title, date and body selectors matched, what the extractor found, and the
yield. The report (``<archive>/first_contact/<source>.json`` and ``.md``) says in one night
whether the guessed layout holds. It is rewritten by every live crawl until one reaches an
article page (a night the site was down or challenged the crawler is not a first contact).

Thresholds live in spiders/first_contact.toml.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from longarm.spiders import health

SETTINGS_PATH = Path(__file__).with_name("first_contact.toml")
REPORT_DIR = "first_contact"
SELECTOR_KINDS = ("title", "date", "body")


@lru_cache(maxsize=1)
def settings() -> dict[str, Any]:
    return tomllib.loads(SETTINGS_PATH.read_text(encoding="utf-8"))


def report_paths(archive_dir: str | Path, source_id: str) -> tuple[Path, Path]:
    """(JSON report, Markdown report) of a source under the archive folder."""
    folder = Path(archive_dir) / REPORT_DIR
    return folder / f"{source_id}.json", folder / f"{source_id}.md"


def read_report(archive_dir: str | Path, source_id: str) -> dict[str, Any] | None:
    """The stored report of a source, or None when there is none (or it cannot be read)."""
    path, _ = report_paths(archive_dir, source_id)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def is_due(source: Any, archive_dir: str | Path) -> bool:
    """Whether a live crawl of ``source`` should keep a first-contact report.

    Only unverified sources; and only until a report holds at least one article page.
    """
    if getattr(source, "verified", True):
        return False
    report = read_report(archive_dir, source.id)
    return report is None or not report.get("articles")


# ------------------------------------------------------------------------------------ selectors
def probe_selectors(body: bytes, source: Any, headers: Mapping[str, str] | None = None) -> dict[str, Any]:
    """For each of the source's title, date and body selectors: whether it matched, and each part's yield.

    A selector string is a comma list tried in order; each part is reported with the number of
    elements it matched and the characters of the first one with text (for ``date``, whether a
    date parses from it). ``matched`` is True when some part gave what the field needs: text for
    the title, a date for the date, at least ``min_text_chars`` characters for the body.
    """
    from longarm.spiders.extraction import decode_html, parse_date
    from longarm.spiders.extraction import main_text as mt

    extract = dict(getattr(source, "extract", {}) or {})
    out: dict[str, Any] = {}
    try:
        text, _ = decode_html(body, headers)
        doc = mt.parse_html(text)
    except Exception as exc:  # not a page at all: every selector missed
        return {
            k: {"selector": extract.get(k) or "", "matched": False, "parts": [], "error": str(exc)}
            for k in SELECTOR_KINDS
        }
    need = settings()["min_text_chars"]
    for kind in SELECTOR_KINDS:
        selector = extract.get(kind) or ""
        parts = []
        matched = False
        for part in mt.split_selectors(selector) if selector else []:
            elements = mt.css(doc, part)
            value = ""
            for el in elements:
                value = mt.norm_ws(el.get("content") or "") if el.tag == "meta" else mt.element_text(el)
                if value:
                    break
            entry: dict[str, Any] = {"css": part, "elements": len(elements), "chars": len(value)}
            if kind == "date":
                found = parse_date(value, getattr(source, "timezone", "Asia/Hong_Kong")) if value else None
                entry["date"] = found.isoformat() if found else None
                ok = found is not None
            elif kind == "body":
                ok = len(value) >= need
            else:
                ok = bool(value)
            matched = matched or ok
            parts.append(entry)
        out[kind] = {"selector": selector, "matched": matched, "parts": parts}
    return out


# ------------------------------------------------------------------------------------ the log
@dataclass
class FirstContactLog:
    """The pages one crawl of an unverified source met, kept in the order they came."""

    source: Any
    discovery: list[dict[str, Any]] = field(default_factory=list)
    articles: list[dict[str, Any]] = field(default_factory=list)
    article_pages_seen: int = 0
    discovery_pages_seen: int = 0
    started: str = field(default_factory=lambda: _now())

    def discovery_page(
        self,
        url: str,
        status: int | None,
        state: str,
        links: list[str] | None = None,
        article_links: list[str] | None = None,
        error: str = "",
    ) -> None:
        self.discovery_pages_seen += 1
        if len(self.discovery) >= settings()["max_discovery_pages"]:
            return
        links = links or []
        articles = set(article_links or [])
        unmatched = [u for u in links if u not in articles][: settings()["unmatched_link_sample"]]
        entry: dict[str, Any] = {
            "url": url,
            "status": status,
            "state": state,
            "links": len(links),
            "article_links": len(articles),
            "unmatched_sample": unmatched,
        }
        if error:
            entry["error"] = error
        self.discovery.append(entry)

    def article_page(
        self,
        url: str,
        status: int | None,
        state: str,
        *,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        doc: Mapping[str, Any] | None = None,
        error: str = "",
    ) -> None:
        self.article_pages_seen += 1
        if len(self.articles) >= settings()["max_article_pages"]:
            return
        entry: dict[str, Any] = {"url": url, "status": status, "state": state}
        if body is not None and state != health.CHALLENGED:
            entry["selectors"] = probe_selectors(body, self.source, headers)
        if doc is not None:
            entry.update(
                {
                    "title": doc.get("title"),
                    "published_at": doc.get("published_at"),
                    "lang": doc.get("lang"),
                    "text_chars": len(doc.get("text") or ""),
                    "warnings": list(doc.get("warnings") or []),
                }
            )
        if error:
            entry["error"] = error
        self.articles.append(entry)

    # -- the report --------------------------------------------------------------------------------
    def summary(self) -> dict[str, Any]:
        """Per selector: on how many article pages it matched; the yield; the verdict."""
        cfg = settings()
        parsed = [a for a in self.articles if "selectors" in a]
        selectors = {}
        for kind in SELECTOR_KINDS:
            hits = sum(1 for a in parsed if a["selectors"][kind]["matched"])
            selectors[kind] = {
                "selector": (getattr(self.source, "extract", {}) or {}).get(kind) or "",
                "matched": hits,
                "of": len(parsed),
            }
        complete = [
            a
            for a in parsed
            if a.get("title") and a.get("published_at") and a.get("text_chars", 0) >= cfg["min_text_chars"]
        ]
        yield_ = {
            "article_pages": len(parsed),
            "documents": sum(1 for a in parsed if a.get("text_chars")),
            "complete": len(complete),
            "share": round(len(complete) / len(parsed), 3) if parsed else None,
        }
        return {"selectors": selectors, "yield": yield_}

    def verdict(self, status: str, summary: Mapping[str, Any]) -> str:
        cfg = settings()
        parsed = summary["yield"]["article_pages"]
        if status == health.CHALLENGED:
            return (
                "challenged: the site answered with an anti-bot JavaScript challenge (e.g. HTTP 521) instead "
                "of its pages; the guessed layout could not be checked"
            )
        if not self.discovery_pages_seen and not self.article_pages_seen:
            return f"no contact: nothing was fetched ({status})"
        if not any(d["state"] == health.OK for d in self.discovery) and not parsed:
            return f"no contact: no discovery page answered with links ({status})"
        if not parsed:
            return (
                "discovery answered but no link matched the article patterns: compare the unmatched links "
                "below with [[source.articles]] in spiders/sources.toml"
            )
        weak = [
            f"{k} selector matched {v['matched']} of {v['of']} pages"
            for k, v in summary["selectors"].items()
            if v["matched"] < cfg["holds_share"] * v["of"]
        ]
        share = summary["yield"]["share"] or 0.0
        if not weak and share >= cfg["holds_share"]:
            return f"layout holds: title, date and body selectors matched; {summary['yield']['complete']} of {parsed} pages complete"
        if summary["yield"]["documents"] == 0 and all(v["matched"] == 0 for v in summary["selectors"].values()):
            return "layout does not hold: no selector matched and no text was found"
        reasons = weak or [f"only {summary['yield']['complete']} of {parsed} pages gave title, date and text"]
        return "layout partly holds: " + "; ".join(reasons)

    def report(self, *, run_id: int, status: str, warning: str = "") -> dict[str, Any]:
        summary = self.summary()
        return {
            "source_id": self.source.id,
            "name": self.source.name,
            "verified": bool(self.source.verified),
            "verified_note": self.source.verified_note,
            "run_id": run_id,
            "started": self.started,
            "finished": _now(),
            "status": status,
            "warning": warning,
            "verdict": self.verdict(status, summary),
            **summary,
            "discovery_pages_seen": self.discovery_pages_seen,
            "article_pages_seen": self.article_pages_seen,
            "discovery": self.discovery,
            "articles": self.articles,
        }

    def write(self, archive_dir: str | Path, *, run_id: int, status: str, warning: str = "") -> Path:
        """Write the JSON and Markdown reports (replacing an earlier one); returns the Markdown path."""
        data = self.report(run_id=run_id, status=status, warning=warning)
        json_path, md_path = report_paths(archive_dir, self.source.id)
        json_path.parent.mkdir(parents=True, exist_ok=True)
        for path, text in (
            (json_path, json.dumps(data, ensure_ascii=False, indent=1)),
            (md_path, render_markdown(data)),
        ):
            tmp = path.with_suffix(path.suffix + ".tmp")
            tmp.write_text(text + "\n", encoding="utf-8")
            tmp.replace(path)
        return md_path


def render_markdown(r: Mapping[str, Any]) -> str:
    """The report as an operator reads it in the morning."""
    lines = [
        f"# First contact: {r['name']} ({r['source_id']})",
        "",
        f"Run {r['run_id']}, {r['started']} to {r['finished']}. Health: **{r['status']}**.",
        f"Not verified on real pages: {r['verified_note']}",
        "",
        f"**Verdict: {r['verdict']}**",
        "",
    ]
    if r.get("warning"):
        lines += [f"Warning: {r['warning']}", ""]
    y = r["yield"]
    lines += ["## Selectors", "", "| field | selector | matched on |", "|---|---|---|"]
    lines += [
        f"| {k} | `{v['selector'] or '(none: generic extractor)'}` | {v['matched']} of {v['of']} pages |"
        for k, v in r["selectors"].items()
    ]
    share = f"{y['share']:.0%}" if y["share"] is not None else "-"
    lines += [
        "",
        f"Yield: {y['complete']} of {y['article_pages']} article pages gave title, date and text "
        f"({share}); {y['documents']} gave some text.",
        "",
        f"## Discovery pages ({len(r['discovery'])} of {r['discovery_pages_seen']})",
        "",
    ]
    for d in r["discovery"]:
        lines.append(
            f"- {d['url']}: HTTP {d['status'] or '-'}, {d['state']}, {d['links']} links, "
            f"{d['article_links']} matched the article patterns" + (f" ({d['error']})" if d.get("error") else "")
        )
        lines += [f"  - not an article: {u}" for u in d["unmatched_sample"]]
    lines += ["", f"## Article pages ({len(r['articles'])} of {r['article_pages_seen']})", ""]
    for a in r["articles"]:
        lines.append(
            f"- {a['url']}: HTTP {a['status'] or '-'}, {a['state']}" + (f" ({a['error']})" if a.get("error") else "")
        )
        if "title" in a:
            lines.append(
                f"  - found: title {a['title']!r}, date {a['published_at']}, {a['lang']}, {a['text_chars']} characters"
            )
        for kind, s in (a.get("selectors") or {}).items():
            parts = ", ".join(f"`{p['css']}` {p['elements']} el./{p['chars']} ch." for p in s["parts"]) or "no selector"
            lines.append(f"  - {kind}: {'matched' if s['matched'] else 'NOT matched'} ({parts})")
        lines += [f"  - warning: {w}" for w in a.get("warnings") or []]
    return "\n".join(lines)


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
