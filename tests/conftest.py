"""Shared test helpers: where the real-page corpus is, and how to run the CLI."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
REAL = SHARED / "corpus" / "real"


@pytest.fixture
def real_corpus() -> Path:
    if not REAL.is_dir():
        pytest.skip(f"real-page corpus not found at {REAL} (it lives in ../shared beside the repo)")
    return REAL


def run_cli(*args: str, cwd: Path | None = None, input: str | None = None, timeout: int = 300,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run `longarm ...` in a subprocess (a crawl starts the Twisted reactor, once per process)."""
    full_env = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    full_env.pop("LONGARM_DB", None) if env is None or "LONGARM_DB" not in env else None
    return subprocess.run([sys.executable, "-m", "longarm.cli", *args], cwd=cwd or REPO, input=input,
                          capture_output=True, text=True, timeout=timeout, env=full_env)
