"""Classify what happened to a request, so a run can say honestly why a source yielded nothing."""

from __future__ import annotations

import re
from typing import Any

# States reported per source and per run (docs/sources.md, "Source health").
OK, SITE_DOWN, BLOCKED, CHALLENGED, NOT_FOUND, PARSED_NOTHING, REDIRECTED_OFFSITE = (
    "ok",
    "site_down",
    "blocked",
    "challenged",
    "not_found",
    "parsed_nothing",
    "redirected_offsite",
)

_CHALLENGE_MARKERS = re.compile(
    rb"__jsl_clearance|challenge-platform|cf-browser-verification|document\.cookie\s*=|"
    rb"Please enable JavaScript|ddos-guard|_waf_|captcha",
    re.I,
)


def classify_status(status: int) -> str:
    if status in (521, 429) or status == 202:
        return CHALLENGED if status != 429 else BLOCKED
    if status in (401, 403, 451):
        return BLOCKED
    if status == 404 or status == 410:
        return NOT_FOUND
    if status >= 500:
        return SITE_DOWN
    return OK


def looks_like_challenge(status: int, body: bytes) -> bool:
    """A JavaScript or anti-bot challenge page instead of content (e.g. HTTP 521 on some gov.cn sites)."""
    if status == 521:
        return True
    head = body[:20000]
    return len(body) < 20000 and bool(_CHALLENGE_MARKERS.search(head)) and b"<p" not in head.lower()


def classify_failure(failure: Any) -> str:
    """Map a Twisted failure from an errback to a health state."""
    name = type(failure.value).__name__
    text = str(failure.value)
    if "robots.txt" in text:
        return BLOCKED
    if name in ("HttpError",):
        return classify_status(failure.value.response.status)
    if name == "OffsiteRedirect":  # longarm.middlewares.offsite_redirect: an article sent to another site
        return REDIRECTED_OFFSITE
    if name == "IgnoreRequest":
        return NOT_FOUND
    return SITE_DOWN  # timeouts, DNS, refused connections, TLS errors
