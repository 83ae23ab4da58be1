"""The core layer below every other part (installed as ``longarm.core``).

What the parts share and nothing else: errors (``errors``), the version (``version``), the
per-crawl runtime objects that Scrapy's settings cannot carry (``runtime``) and the run lock
(``lock``). Modules here import the standard library only, never another part of longarm
(``spiders``, ``pipelines``, ``middlewares``, ``nlp``, ``db``, the CLI package): every part may
import the core, so anything here that reached up would bring back the import circle that
docs/architecture.md rules out (tests/test_import_direction.py checks it).
"""
