"""Scrapy downloader middlewares: backoff between retries, offsite redirects, WARC archiving, replay.

Installed as ``longarm.middlewares``; registered in ``longarm/settings.py``
(``DOWNLOADER_MIDDLEWARES``). They sit between the spiders (which only parse) and the network:
they may use the core, the WARC writer and reader in ``pipelines/`` and the store through the
crawl's runtime, never the CLI package. docs/architecture.md explains why they are their own part.
"""
