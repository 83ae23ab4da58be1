"""The fast loop's promises (issue 12 point 7, docs/testing.md): `make test` runs every test,
`make test-fast` leaves out only the slow and browser ones, and a broken import in a conftest
fails the run instead of skipping the tests that need it."""

from __future__ import annotations

import ast
import re
import tomllib

from tests.conftest import REPO

SWALLOWED = {"ImportError", "ModuleNotFoundError", "Exception", "BaseException"}


def _recipe(target: str) -> str:
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    m = re.search(rf"^{re.escape(target)}:.*\n((?:\t.*\n)+)", text, re.M)
    assert m, f"no `{target}` target in the Makefile"
    return m.group(1)


def _pytest_arguments(target: str) -> list[str]:
    """What follows `pytest` on each line of the target's recipe that runs it."""
    return [line.split("pytest", 1)[1] for line in _recipe(target).splitlines() if " -m pytest" in line]


def test_make_test_selects_every_test_and_test_fast_only_leaves_out_slow_and_browser() -> None:
    every = _pytest_arguments("test")
    assert len(every) == 1 and not re.search(r"(^|\s)(-m|-k|--deselect|--ignore)(\s|=|$)", every[0]), every
    fast = _pytest_arguments("test-fast")
    assert len(fast) == 1 and "-m 'not slow and not browser'" in fast[0], fast
    ini = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    addopts = ini.get("addopts", "")
    assert "-m" not in addopts.split() and "--continue-on-collection-errors" not in addopts
    assert {m.split(":")[0] for m in ini["markers"]} >= {"slow", "browser"}


def _catches(handler: ast.ExceptHandler) -> set[str]:
    if handler.type is None:
        return {"BaseException"}
    types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return {t.id if isinstance(t, ast.Name) else ast.unparse(t) for t in types}


def test_no_conftest_turns_an_import_error_into_skipped_tests() -> None:
    conftests = sorted((REPO / "tests").rglob("conftest.py"))
    assert len(conftests) >= 3
    for path in conftests:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in tree.body:  # module level: what runs when pytest loads the conftest
            if isinstance(node, ast.Try):
                guarded_imports = any(isinstance(n, (ast.Import, ast.ImportFrom)) for n in ast.walk(node))
                caught = set().union(*(_catches(h) for h in node.handlers))
                assert not (guarded_imports and caught & SWALLOWED), f"{path}: an import inside try/except {caught}"
        calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
        assert not any(ast.unparse(c.func).endswith("importorskip") for c in calls), f"{path}: importorskip"
