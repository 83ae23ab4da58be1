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
        "description_html": (
            "Statements by PRC and Hong Kong officials threatening people abroad, with their archived "
            'sources. <a href="/-/longarm/search"><strong>Search threats</strong></a> '
            "(English or Chinese, either script) or browse the tables below."
        ),
        "databases": {db_name: {"tables": hidden}},
        # no paths here: /-/metadata.json is public (the archive folder is kept on the instance)
        "plugins": {PLUGIN_NAME: {"database": db_name}},
    }


def datasette_settings(allow_sql: bool) -> dict[str, Any]:
    """Datasette settings from ``limits.toml``: SQL box off unless asked for, time limits, row cap, threads."""
    from longarm.web.guard import query_limits

    q = query_limits()
    return {
        "default_allow_sql": bool(allow_sql),
        "sql_time_limit_ms": int(q["time_limit_ms"]),
        "facet_time_limit_ms": int(q["facet_time_limit_ms"]),
        "max_returned_rows": int(q["max_returned_rows"]),
        "num_sql_threads": int(q["sql_threads"]),
        "allow_download": False,  # the whole database in one request: use the file itself
        "trace_debug": False,
    }


def make_datasette(
    db_path: str | Path,
    archive_dir: str | Path,
    *,
    allow_sql: bool = False,
    hosts: Any = None,
    heap_limit: int | None = None,
) -> Any:
    """A Datasette serving ``db_path`` with longarm's pages; the archive folder is read for snapshots.

    ``allow_sql``: the arbitrary-SQL box and ``?sql=`` (off by default: one query can occupy the server);
    ``hosts``: the ``guard.AllowedHosts`` answered (default: loopback names, any port);
    ``heap_limit``: SQLite's memory ceiling for the whole process (``longarm serve`` sets it; it is
    process-wide, so in-process tests leave it unset).
    """
    from datasette.app import Datasette

    _quiet_exception_printer()
    register_plugin()
    db_path = Path(db_path).resolve()
    ds = Datasette(
        files=[str(db_path)],
        metadata=metadata(db_path.stem, Path(archive_dir)),
        template_dir=str(TEMPLATES),
        settings=datasette_settings(allow_sql),
    )
    ds.longarm_archive = str(Path(archive_dir).resolve())
    ds.longarm_hosts = hosts
    ds.longarm_heap_limit = heap_limit
    return ds


def _quiet_exception_printer() -> None:
    """Datasette 0.65 prints every error with ``rich`` (locals included) when rich is installed, and that
    call itself raises for a plain 404 ("Value for 'trace' required"), turning it into a 500: switch it off."""
    import datasette.app  # noqa: F401  (import order: the plugin modules need the app loaded first)
    import datasette.handle_exception as dhe

    dhe.rich = None
