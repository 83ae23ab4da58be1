"""The demo as a new user runs it, built once for the demo tests (two runs from an empty folder)."""

from __future__ import annotations

import pytest

from longarm.db import connect
from tests.conftest import run_cli


@pytest.fixture(scope="session")
def demo_runs(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """`longarm demo` run twice in a fresh folder: the outputs and the table counts after each run."""
    cwd = tmp_path_factory.mktemp("demo-cwd")
    first = run_cli("demo", cwd=cwd)
    db = connect(cwd / "demo" / "longarm.db")
    counts1 = {t: db[t].count for t in ("snapshots", "documents", "threats", "revisits")}
    db.conn.close()
    second = run_cli("demo", cwd=cwd)
    db = connect(cwd / "demo" / "longarm.db")
    counts2 = {t: db[t].count for t in ("snapshots", "documents", "threats", "revisits")}
    db.conn.close()
    return {"cwd": cwd, "first": first, "second": second, "counts1": counts1, "counts2": counts2}
