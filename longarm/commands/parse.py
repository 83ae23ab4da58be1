"""`longarm parse FILE --url URL`: what the matching source extracts from a saved page."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from longarm.core.errors import UsageError


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "parse",
        parents=[common],
        help="print the document a source extracts from a saved page",
        description="For people maintaining spiders: parse a saved page as the source whose "
        "article patterns match --url would, and print the document as JSON.",
    )
    p.add_argument("file", help="saved HTML page")
    p.add_argument("--url", required=True, help="the page's original address (chooses the source)")
    p.add_argument("--source", help="force a source id instead of matching --url")
    p.add_argument("--content-type", help="Content-Type header the server sent (for its charset)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from longarm.spiders.extraction import ExtractionError, extract_document
    from longarm.spiders.registry import get_registry, source_for_url

    path = Path(args.file)
    if not path.is_file():
        raise UsageError(f"{path}: no such file")
    registry = get_registry()
    lang_hint = None
    if args.source:
        if args.source not in registry:
            raise UsageError(f"unknown source {args.source!r}; known: {', '.join(registry)}")
        source = registry[args.source]
        art = source.match_article(args.url)
        lang_hint = art.lang if art else None
    else:
        match = source_for_url(args.url)
        if match is None:
            raise UsageError(
                f"no source's article patterns match {args.url}; pass --source ID or check spiders/sources.toml"
            )
        source, art = match
        lang_hint = art.lang
    headers = {"Content-Type": args.content_type} if args.content_type else None
    try:
        doc = extract_document(path.read_bytes(), args.url, source, headers=headers, lang_hint=lang_hint)
    except ExtractionError as exc:
        raise UsageError(f"{path}: {exc}") from exc
    print(json.dumps({"source_id": source.id, **doc}, ensure_ascii=False, indent=1))
    return 0
