"""Imports run one way (issue 12, docs/architecture.md): the CLI package on top, the parts below it.

Intended: ``nlp`` imports none of the other parts; ``spiders`` none of pipelines / db / longarm (it
may use nlp's text functions: the one language detector);
``pipelines`` may use spiders and db; ``db`` may use nlp (its normalisation); ``longarm`` (the CLI and
application layer) may use everything and nothing imports it.

The imports that still go the wrong way are listed below, each to be removed by moving what it
needs into a core layer (issue 12 point 1). The list only shrinks: a new wrong-way import fails,
and so does an entry that no longer exists (delete it from the list).
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PARTS = ("spiders", "pipelines", "nlp", "db", "longarm")

#: part -> the other parts it may import
ALLOWED = {
    "nlp": set(),
    "spiders": {"nlp"},
    "pipelines": {"spiders", "db"},
    "db": {"nlp"},
    "longarm": {"spiders", "pipelines", "nlp", "db"},
}

#: (file, imported part): wrong-way imports still in the code (runtime settings, the run lock, errors
#: and the extraction runner live in `longarm`; citation verification re-parses pages with `spiders`)
KNOWN = {
    ("db/citation.py", "pipelines"),
    ("db/citation.py", "spiders"),
    ("pipelines/archive.py", "longarm"),
    ("pipelines/items.py", "longarm"),
    ("pipelines/replay.py", "longarm"),
    ("pipelines/warc_recovery.py", "longarm"),
    ("pipelines/warc_writer.py", "longarm"),
    ("spiders/registry.py", "longarm"),
}


@functools.cache  # the tree is parsed once for the three tests
def _imports() -> frozenset[tuple[str, str]]:
    found = set()
    for part in PARTS:
        for path in (REPO / part).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    top = name.split(".")[0]
                    if top in PARTS and top != part:
                        found.add((path.relative_to(REPO).as_posix(), top))
    return frozenset(found)


def test_no_new_import_goes_the_wrong_way() -> None:
    wrong = {(f, top) for f, top in _imports() if top not in ALLOWED[f.split("/")[0]]}
    new = sorted(wrong - KNOWN)
    assert not new, f"imports against the direction in docs/architecture.md: {new}"


def test_the_list_of_known_exceptions_only_shrinks() -> None:
    wrong = {(f, top) for f, top in _imports() if top not in ALLOWED[f.split("/")[0]]}
    gone = sorted(KNOWN - wrong)
    assert not gone, f"these no longer import the wrong way: remove them from KNOWN: {gone}"


def test_nothing_imports_the_cli() -> None:
    for f, top in _imports():
        if top == "longarm":
            assert (f, top) in KNOWN, f
