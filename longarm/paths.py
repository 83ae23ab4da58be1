"""Where the database and archive are: --db/--archive, then environment, then longarm.toml, then defaults.

The archive has one more place between the environment and longarm.toml: the
folder the store itself records (``store_settings``, written by every crawl), so
`longarm verify 18 --db demo/longarm.db` finds demo/archive on its own.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any


def _config_value(args: Any, key: str) -> str | None:
    try:
        from longarm.config import load_config
    except ImportError:
        return None
    try:
        cfg = load_config(getattr(args, "config", None))
    except Exception:
        return None
    return getattr(cfg, key, None)


def db_path(args: Any) -> Path:
    if getattr(args, "db", None):
        return Path(args.db)
    if os.environ.get("LONGARM_DB"):
        return Path(os.environ["LONGARM_DB"])
    return Path(_config_value(args, "db") or "longarm.db")


def archive_dir(args: Any) -> Path:
    if getattr(args, "archive", None):
        return Path(args.archive)
    if os.environ.get("LONGARM_ARCHIVE"):
        return Path(os.environ["LONGARM_ARCHIVE"])
    from longarm.db.archive_location import recorded_archive

    recorded = recorded_archive(db_path(args))
    if recorded is not None:
        return recorded
    return Path(_config_value(args, "archive") or "archive")
