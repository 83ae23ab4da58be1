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
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("LONGARM_")}
    full_env.update({"PYTHONPATH": str(REPO), **(env or {})})
    return subprocess.run([sys.executable, "-m", "longarm.cli", *args], cwd=cwd or REPO, input=input,
                          capture_output=True, text=True, timeout=timeout, env=full_env)
