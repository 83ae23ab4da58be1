"""longarm: monitor of PRC and Hong Kong long-arm policing threats.

For notebooks: ``longarm.open("longarm.db")`` returns a :class:`longarm.api.Longarm`
(searches and records as lists of dicts; docs/python-api.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

__version__ = "0.1.0"


def open(db: str | Path, *, archive: str | Path | None = None) -> Any:  # noqa: A001 - the documented name
    """Open the longarm database ``db`` for reading: ``with longarm.open("demo/longarm.db") as lg: ...``."""
    from longarm.api import open_store

    return open_store(db, archive=archive)
