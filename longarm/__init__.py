"""longarm: monitor of PRC and Hong Kong long-arm policing threats.

For notebooks: ``longarm.open("longarm.db")`` returns a :class:`longarm.api.Longarm`
(searches and records as lists of dicts; docs/python-api.md).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any


def _parts_of_a_checkout() -> str | None:
    """The repository root when this package runs from a checkout, where the parts are its siblings.

    Installed, the parts (``core``, ``spiders``, ``middlewares``, ``pipelines``, ``nlp``, ``db``) sit
    inside this package (pyproject's package-dir mapping). In the repository they are folders next
    to it, so a run from the checkout (pytest's ``pythonpath = "."``, scripts) would import
    ``longarm`` from the checkout and find no ``longarm.db`` there, or another install's. Adding the
    repository root to ``__path__`` makes ``longarm.db`` the checkout's ``db/``, whatever is
    installed. Never taken in an installed copy: its ``core`` is inside the package.
    """
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    if os.path.isdir(os.path.join(here, "core")):
        return None
    if os.path.isfile(os.path.join(root, "core", "__init__.py")) and os.path.isfile(
        os.path.join(root, "pyproject.toml")
    ):
        return root
    return None


_checkout_root = _parts_of_a_checkout()
if _checkout_root is not None and _checkout_root not in __path__:
    __path__.append(_checkout_root)

from longarm.core.version import __version__  # noqa: E402  (after __path__ is complete)

__all__ = ["__version__", "open"]


def open(db: str | Path, *, archive: str | Path | None = None) -> Any:  # noqa: A001 - the documented name
    """Open the longarm database ``db`` for reading: ``with longarm.open("demo/longarm.db") as lg: ...``."""
    from longarm.api import open_store

    return open_store(db, archive=archive)
