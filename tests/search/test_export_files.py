"""`longarm export`: an existing file needs --force; the package is written beside OUT and renamed, so a full disk
(an 8 KiB tmpfs when root may mount one; a failing packager in-process otherwise) leaves OUT as it was and no debris."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from longarm.export_wacz import validate_wacz
from tests.conftest import call_cli


@pytest.fixture
def small_disk(tmp_path: Path):
    """An 8 KiB tmpfs: a real full disk (needs root; skipped otherwise)."""
    mnt = tmp_path / "small"
    mnt.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root")
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8k", "tmpfs", str(mnt)], capture_output=True, text=True)
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {r.stderr.strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", str(mnt)], check=False)


def _debris(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


def test_an_existing_file_needs_force(indexed, tmp_path: Path) -> None:
    out = tmp_path / "all.wacz"
    out.write_bytes(b"an earlier export")
    r = call_cli("export", "wacz", str(out), *indexed.cli_args())
    assert r.returncode == 2 and "already exists" in r.stderr and "--force" in r.stderr
    assert out.read_bytes() == b"an earlier export"
    r = call_cli("export", "wacz", str(out), "--force", *indexed.cli_args())
    assert r.returncode == 0, r.stderr
    assert validate_wacz(out)[0]
    assert _debris(tmp_path, {"all.wacz"}) == []
    r = call_cli("export", "wacz", str(tmp_path), *indexed.cli_args())
    assert r.returncode == 2


def test_a_full_disk_leaves_the_old_file_and_no_debris(indexed, small_disk: Path) -> None:
    out = small_disk / "all.wacz"
    out.write_bytes(b"an earlier export")
    r = call_cli("export", "wacz", str(out), "--force", *indexed.cli_args())
    assert r.returncode == 1, (r.returncode, r.stderr[-2000:])
    assert "could not write" in r.stderr and "unchanged" in r.stderr, r.stderr[-2000:]
    assert out.read_bytes() == b"an earlier export"
    assert _debris(small_disk, {"all.wacz"}) == []


def test_a_full_disk_on_a_new_file_writes_nothing(indexed, small_disk: Path) -> None:
    out = small_disk / "all.wacz"
    r = call_cli("export", "wacz", str(out), *indexed.cli_args())
    assert r.returncode == 1 and "could not write" in r.stderr and "nothing was written" in r.stderr, r.stderr
    assert _debris(small_disk, set()) == []


def test_a_write_failure_at_any_step_cleans_up(indexed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without root: the packager fails half-way through writing (ENOSPC), in-process."""
    from longarm import export_wacz as E
    from longarm.db import Store

    def half_written(argv: list[str]) -> tuple[int, str]:
        target = Path(argv[argv.index("-o") + 1])
        target.write_bytes(b"PK\x03\x04 half a zip")
        raise OSError(errno.ENOSPC, "No space left on device")

    out = tmp_path / "all.wacz"
    out.write_bytes(b"an earlier export")
    monkeypatch.setattr(E, "_run_wacz", half_written)
    store = Store(indexed.db_path, create=False)
    try:
        with pytest.raises(E.ExportError, match="disk full.*unchanged"):
            E.export_wacz(store.db, indexed.archive, out)
    finally:
        store.close()
    assert out.read_bytes() == b"an earlier export" and _debris(tmp_path, {"all.wacz"}) == []
