"""Exponential backoff for retried requests.

Scrapy's RetryMiddleware re-queues a failed request at once; against a site
that is struggling (5xx, 429) that is the wrong thing. This middleware waits
``LONGARM_BACKOFF_BASE * 2**(n-1)`` seconds before the n-th retry goes out.
"""

from __future__ import annotations

import asyncio
from typing import Any


class BackoffMiddleware:
    def __init__(self, base: float) -> None:
        self.base = base

    @classmethod
    def from_crawler(cls, crawler: Any) -> "BackoffMiddleware":
        return cls(crawler.settings.getfloat("LONGARM_BACKOFF_BASE", 5.0))

    async def process_request(self, request: Any, spider: Any = None) -> None:
        times = request.meta.get("retry_times", 0)
        if times and self.base > 0:
            await asyncio.sleep(min(self.base * 2 ** (times - 1), 300))
        return None
