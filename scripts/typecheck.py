"""Run mypy on longarm as it is installed: ``longarm.db``, ``longarm.nlp``, ... (`make lint` calls this).

The repository keeps the parts as top-level folders (core/, spiders/, middlewares/, pipelines/,
nlp/, db/) and pyproject's ``[tool.setuptools.package-dir]`` installs them under ``longarm``.
mypy reads folders, not that mapping (nor the editable install's import hook), so on the bare
folders ``longarm.db`` would be an unknown module, typed ``Any``, and every call across parts
would go unchecked. This script lays the installed layout out as a copy of the sources
(``build/typecheck/longarm/...``, made from the same package-dir table; mypy does not take
submodules through symbolic links to folders, so they are copies), runs mypy on it with
pyproject's settings, and prints mypy's findings with the repository's paths (``db/store.py``,
not ``build/typecheck/longarm/db/store.py``).

    python scripts/typecheck.py [mypy options]

Exit code: mypy's (0 clean, 1 findings, 2 mypy usage error).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TREE = REPO / "build" / "typecheck"


def package_dirs(pyproject: Path = REPO / "pyproject.toml") -> dict[str, str]:
    """Installed package -> repository folder, from pyproject's package-dir table."""
    cfg = tomllib.loads(pyproject.read_text(encoding="utf-8"))["tool"]["setuptools"]
    return dict(cfg["package-dir"])


def build_tree(tree: Path = TREE, repo: Path = REPO) -> dict[Path, Path]:
    """Copy the installed packages' Python files under ``tree``; returns copied folder -> repository folder.

    The parts mapped inside a package (``longarm.db`` -> ``db/``) are copied beside that package's
    own files; a folder that is itself mapped is left to its own entry.
    """
    if tree.exists():
        shutil.rmtree(tree)
    tree.mkdir(parents=True)
    links: dict[Path, Path] = {}
    mapping = package_dirs(repo / "pyproject.toml")
    mapped_sources = {(repo / d).resolve() for d in mapping.values()}
    for package in sorted(mapping, key=lambda p: p.count(".")):
        source = (repo / mapping[package]).resolve()
        target = tree.joinpath(*package.split("."))
        for py in source.rglob("*.py"):
            if any(parent in mapped_sources and parent != source for parent in py.parents):
                continue  # a part inside this folder's tree that has its own mapping
            dest = target / py.relative_to(source)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(py, dest)
        links[target] = source
    return links


def to_repo_paths(text: str, links: dict[Path, Path], repo: Path = REPO) -> str:
    """mypy's paths in the copy, given back as repository paths (``db/store.py:12: error: ...``)."""
    for link, source in sorted(links.items(), key=lambda kv: -len(str(kv[0]))):
        for written in (str(link), os.path.relpath(link, repo)):
            text = text.replace(written + os.sep, os.path.relpath(source, repo) + os.sep)
    return text


def main(argv: list[str]) -> int:
    links = build_tree()
    top = TREE / "longarm"
    cmd = [
        sys.executable,
        "-m",
        "mypy",
        "--config-file",
        str(REPO / "pyproject.toml"),
        *argv,
        os.path.relpath(top, REPO),
    ]
    res = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    sys.stdout.write(to_repo_paths(res.stdout, links))
    sys.stderr.write(to_repo_paths(res.stderr, links))
    return res.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
