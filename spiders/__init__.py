"""Scrapy spiders and the source registry.

Spiders only parse and yield: downloading concerns (replay, archiving) live in
downloader middlewares in ``middlewares/``, storage in item pipelines in ``pipelines/``.
"""
