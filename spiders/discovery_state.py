"""What a spider knows and learns about its discovery walks (listing pages, date-index days).

A walk that was killed half-way must not be cut short by the next run: the
articles further back that it never reached are found only by walking on. So
the crawl runner reads each entry's last walk from the store (``PreviousWalk``)
and hands it to the spider, which lets "stop at a page of only known articles"
cut a walk only when the previous one was complete. The spider never writes the
store: it keeps a ``WalkProgress`` per entry and reports each page walked
through the ``discovery_page_walked`` signal; the runner writes both (pages as
they come, the walk's end when the spider closes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from longarm.spiders.registry import Discovery

# Signal sent by the spider for every listing page or date-index day walked, with keyword arguments
# spider, progress (WalkProgress), page (listing page number or day as text), url, links (article URLs),
# oldest (the oldest article date in the links, or None).
discovery_page_walked = object()

TRACKED_TYPES = ("listing", "date_index")


def discovery_key(disc: Discovery) -> str:
    """How the store names a discovery entry: its first listing URL or its date-index URL template."""
    return disc.url or disc.url_template


def tracked(discovery: tuple[Discovery, ...] | list[Discovery]) -> list[Discovery]:
    """The entries whose walks have state (feeds and sitemaps are read whole every time)."""
    return [d for d in discovery if d.type in TRACKED_TYPES]


@dataclass(frozen=True)
class PreviousWalk:
    """The state of an entry's last walk, as the store holds it before this run starts."""

    complete: bool = False
    pages_walked: int = 0
    oldest_date: str | None = None
    done_days: frozenset[str] = frozenset()  # date-index days a backfill need not walk again

    @classmethod
    def from_row(cls, row: dict[str, Any] | None, done_days: set[str] | None = None) -> "PreviousWalk":
        if not row:
            return cls(done_days=frozenset(done_days or ()))
        return cls(
            complete=bool(row.get("complete")),
            pages_walked=int(row.get("pages_walked") or 0),
            oldest_date=row.get("oldest_date"),
            done_days=frozenset(done_days or ()),
        )


@dataclass
class WalkProgress:
    """What the spider has walked of one entry in this run."""

    key: str
    type: str
    pages: int = 0  # listing: deepest page reached; date index: days walked
    oldest: date | None = None
    newest: date | None = None
    first_day: date | None = None
    last_day: date | None = None
    failures: int = 0  # discovery pages or articles from this entry that failed
    days_skipped: int = 0
    days: set[str] = field(default_factory=set)

    def note_page(self, page: int | None, day: date | None, link_dates: list[date]) -> None:
        if day is not None:
            self.days.add(day.isoformat())
            self.pages = len(self.days)
            self.first_day = min(self.first_day or day, day)
            self.last_day = max(self.last_day or day, day)
        elif page is not None:
            self.pages = max(self.pages, page)
        for d in link_dates:
            self.oldest = min(self.oldest or d, d)
            self.newest = max(self.newest or d, d)

    def end_row(self, reason: str, run_id: int) -> dict[str, Any]:
        """The ``discovery_walks`` row for this walk's end: complete only when nothing cut it short."""
        complete = reason == "finished" and self.failures == 0
        iso = lambda d: d.isoformat() if d else None  # noqa: E731
        row: dict[str, Any] = {
            "type": self.type,
            "complete": int(complete),
            "pages_walked": self.pages,
            "oldest_date": iso(self.oldest),
            "newest_date": iso(self.newest),
            "first_day": iso(self.first_day),
            "last_day": iso(self.last_day),
            "failures": self.failures,
            "end_reason": reason,
            "run_id": run_id,
        }
        if complete:
            row["completed_run_id"] = run_id
        return row
