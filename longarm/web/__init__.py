"""The researchers' web page: Datasette plus longarm's plugin (search, threat pages, archived snapshots).

:func:`make_datasette` builds the Datasette instance `longarm serve` runs (and
the tests drive): the store opened read-only for browsing, our plugin
registered programmatically, our templates, and the search tables hidden from
the table list.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

WEB_DIR = Path(__file__).resolve().parent
TEMPLATES = WEB_DIR / "templates"
PLUGIN_NAME = "longarm"


def register_plugin() -> None:
    from datasette.app import pm

    from longarm.web import feeds, pages, plugin

    if pm.get_plugin(PLUGIN_NAME) is None and not pm.is_registered(plugin):
        pm.register(plugin, name=PLUGIN_NAME)
    # Further pages live in their own modules, each registered as its own plugin.
    for name, module in ((f"{PLUGIN_NAME}-feeds", feeds), (f"{PLUGIN_NAME}-pages", pages)):
        if pm.get_plugin(name) is None and not pm.is_registered(module):
            pm.register(module, name=name)


def metadata(db_name: str, archive_dir: Path) -> dict[str, Any]:
    hidden = {t: {"hidden": True} for t in ("search_threats", "search_documents", "search_pending", "search_state")}
    return {
        "title": "longarm",
        "description_html": ('Statements by PRC and Hong Kong officials threatening people abroad, with their archived '
                             'sources. <a href="/-/longarm/search"><strong>Search threats</strong></a> '
                             '(English or Chinese, either script) or browse the tables below.'),
        "databases": {db_name: {"tables": hidden}},
        "plugins": {PLUGIN_NAME: {"database": db_name, "archive": str(Path(archive_dir).resolve())}},
    }


def make_datasette(db_path: str | Path, archive_dir: str | Path) -> Any:
    """A Datasette serving ``db_path`` with longarm's pages; the archive folder is read for snapshots."""
    from datasette.app import Datasette

    register_plugin()
    db_path = Path(db_path).resolve()
    ds = Datasette(files=[str(db_path)], metadata=metadata(db_path.stem, Path(archive_dir)),
                   template_dir=str(TEMPLATES), settings={"sql_time_limit_ms": 3000})
    return ds
