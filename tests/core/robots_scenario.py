"""Run by tests/core/test_robots.py in its own process (it installs Scrapy's asyncio reactor).

Queues several requests to one site behind its robots.txt download, fires the download by hand,
and prints what each request got, as JSON: ``python -m tests.core.robots_scenario ours|scrapy``.
"""

from __future__ import annotations

import json
import sys
from typing import Any

ROBOTS = b"User-agent: *\nDisallow: /private/\n"
SITE = "http://127.0.0.1:8999"
PATHS = ["/news/1.html", "/private/a.html", "/private/b.html", "/news/2.html", "/private/c.html"]


def main(which: str) -> None:
    from scrapy.utils.reactor import install_reactor

    install_reactor("twisted.internet.asyncioreactor.AsyncioSelectorReactor")
    from scrapy import Request
    from scrapy.exceptions import IgnoreRequest
    from scrapy.http import TextResponse
    from scrapy.utils.defer import deferred_from_coro
    from scrapy.utils.test import get_crawler
    from twisted.internet import reactor
    from twisted.internet.defer import Deferred, DeferredList

    if which == "ours":
        from longarm.middlewares.robots import RobotsTxtMiddleware as Middleware
    else:
        from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as Middleware

    downloads: list[Deferred[Any]] = []

    class Engine:
        def download_async(self, request: Request) -> Any:
            d: Deferred[Any] = Deferred()
            downloads.append(d)
            from scrapy.utils.defer import deferred_to_future

            return deferred_to_future(d)

    outcome: dict[str, str] = {}

    def scenario() -> None:
        crawler = get_crawler(settings_dict={"ROBOTSTXT_OBEY": True})
        crawler.engine = Engine()  # type: ignore[assignment]
        mw = Middleware(crawler)
        waits = []
        for path in PATHS:
            d = deferred_from_coro(mw.process_request(Request(SITE + path)))
            d.addCallbacks(
                lambda _, p=path: outcome.__setitem__(p, "allowed"),
                lambda f, p=path: outcome.__setitem__(p, "forbidden" if f.check(IgnoreRequest) else repr(f.value)),
            )
            waits.append(d)

        def answer() -> None:
            downloads[0].callback(TextResponse(SITE + "/robots.txt", body=ROBOTS, encoding="utf-8"))

        reactor.callLater(0.05, answer)
        DeferredList(waits).addBoth(lambda _: reactor.stop())

    reactor.callWhenRunning(scenario)
    reactor.callLater(10, reactor.stop)  # never hang a test run
    reactor.run()
    print(json.dumps({"downloads": len(downloads), "outcome": outcome}))


if __name__ == "__main__":
    main(sys.argv[1])
