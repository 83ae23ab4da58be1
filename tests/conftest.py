"""Shared test helpers: where the real-page corpus is, and how to run the CLI."""

from __future__ import annotations

import contextlib
import io
import logging
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
REAL = SHARED / "corpus" / "real"


@pytest.fixture
def real_corpus() -> Path:
    if not REAL.is_dir():
        pytest.skip(f"real-page corpus not found at {REAL} (it lives in ../shared beside the repo)")
    return REAL


def run_cli(
    *args: str, cwd: Path | None = None, input: str | None = None, timeout: int = 300, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """Run `longarm ...` in a subprocess (a crawl starts the Twisted reactor, once per process)."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("LONGARM_")}
    full_env.update({"PYTHONPATH": str(REPO), **(env or {})})
    return subprocess.run(
        [sys.executable, "-m", "longarm.cli", *args],
        cwd=cwd or REPO,
        input=input,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=full_env,
    )


@dataclass
class CliResult:
    """What `call_cli` gives back: the fields of subprocess.CompletedProcess the tests read."""

    returncode: int
    stdout: str
    stderr: str


def call_cli(
    *args: str, cwd: Path | None = None, input: str | None = None, env: dict[str, str] | None = None
) -> CliResult:
    """Run `longarm ...` in this process through ``longarm.cli.main`` (no interpreter start-up per call).

    For commands that do not crawl: a crawl starts Twisted's reactor, which runs once per
    process, so crawl/nightly/demo tests keep using `run_cli`. As in `run_cli`, the caller's
    LONGARM_* environment is left out; stdin, stdout, stderr, the log handlers, the working
    folder, the umask (the CLI makes it private) and the environment are restored afterwards.
    stdout has a byte buffer as a real one does (`show --raw` writes bytes); like `run_cli`'s
    text mode, what was written is read back as UTF-8.
    """
    from longarm.cli import main

    saved_env = dict(os.environ)
    saved_cwd = os.getcwd()
    root = logging.getLogger()
    saved_handlers, saved_level = root.handlers[:], root.level
    saved_umask = os.umask(0o022)
    os.umask(saved_umask)
    out_bytes = io.BytesIO()
    out, err = io.TextIOWrapper(out_bytes, encoding="utf-8", write_through=True), io.StringIO()
    try:
        for key in [k for k in os.environ if k.startswith("LONGARM_")]:
            del os.environ[key]
        os.environ.update(env or {})
        os.chdir(cwd or REPO)
        root.handlers = []  # so the CLI's logging.basicConfig writes to this call's stderr, as in a subprocess
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), _stdin(io.StringIO(input or "")):
            try:
                rc = main(list(args))
            except SystemExit as exc:  # argparse: bad usage (2) or --help (0)
                rc = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    finally:
        root.handlers, root.level = saved_handlers, saved_level
        os.umask(saved_umask)
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
    out.flush()
    return CliResult(rc, out_bytes.getvalue().decode("utf-8", "replace"), err.getvalue())


def warcio_check(path: Path) -> CliResult:
    """`warcio check PATH` (every record's digests), run in this process through ``warcio.cli.main``."""
    from warcio.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(["check", str(path)])
            rc = 0
        except SystemExit as exc:  # the checker exits with its result
            rc = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return CliResult(rc, out.getvalue(), err.getvalue())


@contextlib.contextmanager
def _stdin(stream: io.StringIO) -> Iterator[None]:
    saved = sys.stdin
    sys.stdin = stream
    try:
        yield
    finally:
        sys.stdin = saved
