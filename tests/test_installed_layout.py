"""One installed name (issue 12 point 2): installing longarm puts only `longarm` into site-packages.

The parts keep their folders at the top of the repository (core/, spiders/, middlewares/,
pipelines/, nlp/, db/) and pyproject's ``[tool.setuptools.package-dir]`` installs them as
``longarm.core``, ``longarm.spiders``, ... The fast tests read that mapping the way setuptools does
(the package list and the folder each package comes from); the slow one builds the wheel and
reads its file list.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PART_FOLDERS = ("core", "spiders", "middlewares", "pipelines", "nlp", "db")
#: names another project may also install at the top of site-packages
BARE_NAMES = {*PART_FOLDERS, "commands", "web"}


def _setuptools() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def source_folder(package: str, package_dir: dict[str, str]) -> Path:
    """The folder setuptools takes ``package`` from: the longest mapped prefix, then the rest as folders."""
    pieces = package.split(".")
    for n in range(len(pieces), 0, -1):
        prefix = ".".join(pieces[:n])
        if prefix in package_dir:
            return REPO / package_dir[prefix] / Path(*pieces[n:])
    return REPO / Path(*pieces)


def test_every_installed_package_is_under_longarm() -> None:
    cfg = _setuptools()
    packages = cfg["packages"]
    assert "longarm" in packages
    bare = [p for p in packages if p != "longarm" and not p.startswith("longarm.")]
    assert not bare, f"these would land at the top of site-packages: {bare}"
    assert all(not k or k == "longarm" or k.startswith("longarm.") for k in cfg["package-dir"]), cfg["package-dir"]
    # an explicit list: `packages.find` over the repository root would install the folders bare
    assert isinstance(packages, list)


def test_each_part_folder_is_mapped_under_longarm() -> None:
    package_dir = _setuptools()["package-dir"]
    assert {v: k for k, v in package_dir.items()}.items() >= {f: f"longarm.{f}" for f in PART_FOLDERS}.items()


def test_every_package_folder_is_installed_and_every_listed_package_exists() -> None:
    cfg = _setuptools()
    packages, package_dir = set(cfg["packages"]), cfg["package-dir"]
    for package in packages:
        assert (source_folder(package, package_dir) / "__init__.py").is_file(), f"{package}: no folder"
    folder_to_package = {REPO / d: p for p, d in package_dir.items()}
    missing = []
    for top, package in folder_to_package.items():
        for init in top.rglob("__init__.py"):
            rel = init.parent.relative_to(top)
            name = ".".join([package, *rel.parts]) if rel.parts else package
            if name not in packages:
                missing.append(name)
    assert not missing, f"folders with an __init__.py that would not be installed (add to packages): {missing}"


def test_package_data_globs_name_listed_packages_and_match_files() -> None:
    cfg = _setuptools()
    packages, package_dir = set(cfg["packages"]), cfg["package-dir"]
    for package, globs in cfg["package-data"].items():
        assert package in packages, package
        folder = source_folder(package, package_dir)
        for pattern in globs:
            if pattern == "web/static/*":  # no static files today; kept for the plugin's static folder
                continue
            assert list(folder.glob(pattern)), f"{package}: {pattern} matches no file in {folder}"


def test_the_data_files_the_code_reads_are_package_data() -> None:
    cfg = _setuptools()
    package_dir = cfg["package-dir"]
    covered = set()
    for package, globs in cfg["package-data"].items():
        folder = source_folder(package, package_dir)
        for pattern in globs:
            covered |= {p.resolve() for p in folder.glob(pattern)}
    data = [
        p
        for folder in (*PART_FOLDERS, "longarm")
        for p in (REPO / folder).rglob("*")
        if p.suffix in {".toml", ".npz", ".html"} and "__pycache__" not in p.parts
    ]
    assert data
    left_out = sorted(str(p.relative_to(REPO)) for p in data if p.resolve() not in covered)
    assert not left_out, f"data files a wheel would not carry: {left_out}"


def test_a_checkout_imports_its_own_folders() -> None:
    """From the repository (pytest's pythonpath "."), longarm.db is this checkout's db/, not an install's."""
    import longarm.core
    import longarm.db
    import longarm.middlewares
    import longarm.nlp
    import longarm.pipelines
    import longarm.spiders

    for module, folder in [
        (longarm.core, "core"),
        (longarm.db, "db"),
        (longarm.middlewares, "middlewares"),
        (longarm.nlp, "nlp"),
        (longarm.pipelines, "pipelines"),
        (longarm.spiders, "spiders"),
    ]:
        assert Path(module.__file__ or "").resolve().parent == REPO / folder, module
    import longarm

    assert Path(longarm.__file__ or "").resolve().parent == REPO / "longarm"
    assert longarm.__version__ == tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]


@pytest.mark.slow
def test_the_wheel_holds_one_top_level_name_and_the_data(tmp_path: Path) -> None:
    """Builds the wheel (pip, ~7 s; needs the package index for setuptools) and reads its file list."""
    src = tmp_path / "src"
    listed = subprocess.run(
        ["git", "ls-files", "pyproject.toml", "README.md", *PART_FOLDERS, "longarm"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    if listed.returncode != 0:
        pytest.skip(f"not a git checkout: {listed.stderr.strip()}")
    for rel in listed.stdout.splitlines():
        if (REPO / rel).is_file():
            (src / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / rel, src / rel)
    out = tmp_path / "wheel"
    res = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(src)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert res.returncode == 0, res.stderr[-2000:]
    [wheel] = list(out.glob("longarm-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/")[0] for n in names}
    assert tops == {"longarm", wheel.name.split("-py3")[0] + ".dist-info"}, tops
    assert not tops & BARE_NAMES
    for needed in [
        "longarm/core/__init__.py",
        "longarm/db/data/synonyms.toml",
        "longarm/spiders/sources.toml",
        "longarm/nlp/data/model/sentence_model.npz",
        "longarm/nlp/data/cues.toml",
        "longarm/web/templates/longarm_search.html",
        "longarm/middlewares/archive.py",
    ]:
        assert needed in names, needed
    # every module of the checkout is in the wheel, at its installed place
    for folder in PART_FOLDERS:
        for py in (src / folder).rglob("*.py"):
            assert f"longarm/{folder}/{py.relative_to(src / folder).as_posix()}" in names, py


def _typecheck_script():
    import importlib.util

    spec = importlib.util.spec_from_file_location("typecheck", REPO / "scripts" / "typecheck.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_typecheck_tree_is_the_installed_layout(tmp_path: Path) -> None:
    """`make lint` runs mypy on this tree: each part inside longarm/, nothing twice, paths mapped back."""
    tc = _typecheck_script()
    links = tc.build_tree(tmp_path / "tree")
    top = tmp_path / "tree" / "longarm"
    for folder in PART_FOLDERS:
        assert (top / folder / "__init__.py").is_file(), folder
        assert not (tmp_path / "tree" / folder).exists(), f"{folder} at the top of the tree"
    assert (top / "cli.py").is_file() and (top / "spiders" / "extraction" / "__init__.py").is_file()
    copied = sorted(p.relative_to(top).as_posix() for p in top.rglob("*.py"))
    assert len(copied) == len(set(copied))
    expected = sum(len(list((REPO / f).rglob("*.py"))) for f in PART_FOLDERS) + len(
        [p for p in (REPO / "longarm").rglob("*.py") if "__pycache__" not in p.parts]
    )
    assert len(copied) == expected
    said = f"{top}/db/store.py:12: error: x\n{top}/cli.py:3: note: y\n"
    assert tc.to_repo_paths(said, links) == "db/store.py:12: error: x\nlongarm/cli.py:3: note: y\n"
