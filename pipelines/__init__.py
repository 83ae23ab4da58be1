"""Downloading and storage concerns: WARC archiving, replay, item pipelines."""
