"""Imports run one way (issue 12, docs/architecture.md "Who imports whom").

The parts are folders at the top of the repository, installed under one name (``core/`` is
``longarm.core``, ``db/`` is ``longarm.db``, ...; the rest of ``longarm/`` is the CLI and
application layer). From the bottom up: ``core`` imports nothing of longarm (only the standard
library); ``nlp`` only the core; ``spiders`` the core and nlp's text functions (the one language
detector); ``db`` the core and nlp's normalisation; ``pipelines`` the core, spiders' items and db;
``middlewares`` the core, spiders, pipelines' WARC writer and reader, and db; ``longarm`` (the CLI
and the glue that runs the parts) everything, and nothing imports it.

There are no known exceptions: any import against the direction fails, function-level ones too.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
#: the parts installed as longarm.<part>; "longarm" is the CLI and application layer itself
SUBPARTS = ("core", "spiders", "middlewares", "pipelines", "nlp", "db")
PARTS = (*SUBPARTS, "longarm")

#: part -> the other parts it may import
ALLOWED: dict[str, set[str]] = {
    "core": set(),
    "nlp": {"core"},
    "spiders": {"core", "nlp"},
    "db": {"core", "nlp"},
    "pipelines": {"core", "spiders", "db"},
    "middlewares": {"core", "spiders", "pipelines", "db"},
    "longarm": {"core", "spiders", "middlewares", "pipelines", "nlp", "db"},
}

#: folders with Python files that are not parts (they may import any part, by its installed name)
NOT_PARTS = ("tests", "benchmarks", "scripts", "eval", "demo_archive")


def part_of_module(name: str) -> str | None:
    """The part an imported module belongs to: ``longarm.db.store`` -> db, ``longarm.cli`` -> longarm."""
    pieces = name.split(".")
    if pieces[0] != "longarm":
        return None
    if len(pieces) > 1 and pieces[1] in SUBPARTS:
        return pieces[1]
    return "longarm"


def _imported_modules(path: Path) -> list[str]:
    """Every absolute import in a file, at any depth (function-level imports too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == "longarm":  # `from longarm import nlp` imports the part nlp
                found += [f"longarm.{a.name}" if a.name in SUBPARTS else "longarm" for a in node.names]
            else:
                found.append(node.module)
    return found


def _imports() -> set[tuple[str, str]]:
    """(file, imported part) for every import of another part from a part's folder."""
    found = set()
    for part in PARTS:
        for path in (REPO / part).rglob("*.py"):
            for name in _imported_modules(path):
                top = part_of_module(name)
                if top is not None and top != part:
                    found.add((path.relative_to(REPO).as_posix(), top))
    return found


def test_the_parts_are_the_folders() -> None:
    for part in PARTS:
        assert (REPO / part / "__init__.py").is_file(), part


def test_no_import_goes_the_wrong_way() -> None:
    wrong = sorted((f, top) for f, top in _imports() if top not in ALLOWED[f.split("/")[0]])
    assert not wrong, f"imports against the direction in docs/architecture.md: {wrong}"


def test_nothing_imports_the_cli_package() -> None:
    up = sorted(f for f, top in _imports() if top == "longarm")
    assert not up, f"these parts import the CLI/application package `longarm`: {up}"


def test_the_core_imports_only_the_standard_library() -> None:
    for path in (REPO / "core").rglob("*.py"):
        for name in _imported_modules(path):
            top = name.split(".")[0]
            if top == "longarm":
                assert part_of_module(name) == "core", f"{path.name} imports {name}"
            else:
                assert top in sys.stdlib_module_names or top == "__future__", f"{path.name} imports {name}"


def test_no_file_imports_a_part_by_its_folder_name() -> None:
    """`import db` would find the folder only from a checkout and nothing once installed."""
    bare = []
    for folder in (*PARTS, *NOT_PARTS):
        for path in (REPO / folder).rglob("*.py"):
            if "out" in path.relative_to(REPO).parts:
                continue
            for name in _imported_modules(path):
                if name.split(".")[0] in SUBPARTS:
                    bare.append(f"{path.relative_to(REPO)}: {name}")
    assert not bare, f"import the installed names (longarm.db, longarm.nlp, ...): {bare}"


def test_the_direction_check_sees_a_wrong_import(tmp_path: Path) -> None:
    """The checks above read imports as the parts write them (a check that sees nothing passes)."""
    f = tmp_path / "x.py"
    f.write_text(
        "from longarm.db.store import Store\nfrom longarm import nlp, cli\n"
        "def f():\n    import longarm.core.errors\n    from longarm.commands import x\n",
        encoding="utf-8",
    )
    mods = _imported_modules(f)
    assert [part_of_module(m) for m in mods] == ["db", "nlp", "longarm", "core", "longarm"]
