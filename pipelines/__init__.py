"""Item pipelines (store a document, write its WARC metadata record, extract threats) and the WARC
archive they and the downloader middlewares use: writer, reader, crash recovery.

Installed as ``longarm.pipelines``. Downloader middlewares live in ``middlewares/``
(docs/architecture.md says why).
"""
