"""Scrapy spiders and the source registry.

Spiders only parse and yield: downloading concerns (replay, archiving) live in
downloader middlewares in ``pipelines/``, storage in item pipelines.
"""
