"""Fault runner: kill `longarm nightly --replay` with SIGKILL at different moments, run it again, compare.

    .venv/bin/python benchmarks/faults.py                 # 10 kills, table on stdout
    .venv/bin/python benchmarks/faults.py --write-docs    # ... and into docs/faults.md

Each kill case starts from an empty store and archive (a copy of nothing: every
case has its own folder), replays the bundled demo archive with `longarm
nightly`, polls the database and kills the process (SIGKILL) once it holds N
documents, then runs the same nightly again to its end. The result must equal
an uninterrupted nightly of the same archive row for row (documents, statements,
snapshots, revisits, compared by what they are: benchmarks/fault_checks.py),
and pass `pragma integrity_check`, a WARC check (complete records, `warcio
check`) and `longarm verify` of every statement's citation.

Then the other fault cases (``CASES``, each a function from the runner's
context to a ``CaseResult``): the archive on a disk that fills up (a small
tmpfs: needs root), a damaged database (refused, recovered as
docs/operations.md says, run again) and a second run reaching the store
through symlinks while one runs (refused by the lock). ``--cases`` picks some.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.fault_checks import (  # noqa: E402
    citation_failures,
    current_counts,
    integrity_problems,
    natural_rows,
    row_differences,
    warc_problems,
)

DOCS = REPO / "docs" / "faults.md"
DEFAULT_KILLS = (10, 20, 30, 40, 50, 60, 70, 80, 90, 100)
RUN_TIMEOUT = 600
KILL_DELAY_STEP_MS = 7


@dataclass
class Context:
    work: Path
    replay: Path
    today: str
    reference: dict[str, set] = field(default_factory=dict)
    reference_counts: dict[str, int] = field(default_factory=dict)


@dataclass
class CaseResult:
    name: str
    moment: str = ""
    rerun_exit: int | None = None
    counts: dict[str, int] = field(default_factory=dict)
    differences: dict[str, tuple[int, int]] = field(default_factory=dict)
    integrity: list[str] = field(default_factory=list)
    warc: list[str] = field(default_factory=list)
    verified: int = 0
    verify_failures: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def ok(self) -> bool:
        return (
            not self.error
            and not self.differences
            and not self.integrity
            and not self.warc
            and not self.verify_failures
            and self.rerun_exit == 0
        )


def nightly_command(ctx: Context, folder: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "longarm.cli",
        "nightly",
        "--replay",
        str(ctx.replay),
        "--today",
        ctx.today,
        "--db",
        str(folder / "longarm.db"),
        "--archive",
        str(folder / "archive"),
        "--digest-dir",
        str(folder / "digests"),
        "--no-deliver",
    ]


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LONGARM_")}
    env["PYTHONPATH"] = str(REPO)
    return env


def fresh_folder(folder: Path) -> Path:
    """An empty folder for one case (a --work folder may hold an earlier runner's files)."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def run_to_end(ctx: Context, folder: Path) -> subprocess.CompletedProcess:
    folder.mkdir(parents=True, exist_ok=True)
    return subprocess.run(
        nightly_command(ctx, folder), cwd=folder, env=environment(), capture_output=True, text=True, timeout=RUN_TIMEOUT
    )


def document_count(db: Path) -> int:
    """Documents in the store of a running crawl (0 while the file is not there yet)."""
    if not db.exists():
        return 0
    try:
        c = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return c.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        finally:
            c.close()
    except sqlite3.Error:
        return 0


def kill_at(ctx: Context, folder: Path, documents: int, delay: float = 0.0) -> tuple[int | None, float]:
    """Start a nightly and SIGKILL it ``delay`` seconds after the store holds ``documents``.

    Returns (documents in the store after the kill, seconds since the start). The delay moves the
    kill off the instant a document row is committed: into WARC writes, metadata records, extraction.
    """
    fresh_folder(folder)
    start = time.monotonic()
    p = subprocess.Popen(
        nightly_command(ctx, folder),
        cwd=folder,
        env=environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while p.poll() is None and time.monotonic() - start < RUN_TIMEOUT:
            if document_count(folder / "longarm.db") >= documents:
                time.sleep(delay)
                p.send_signal(signal.SIGKILL)
                p.wait()
                return document_count(folder / "longarm.db"), time.monotonic() - start
            time.sleep(0.005)
        return None, time.monotonic() - start
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()


def check(ctx: Context, result: CaseResult, folder: Path) -> CaseResult:
    db, archive = folder / "longarm.db", folder / "archive"
    result.counts = current_counts(db)
    result.differences = row_differences(natural_rows(db), ctx.reference)
    result.integrity = integrity_problems(db)
    result.warc = warc_problems(archive)
    result.verified, result.verify_failures = citation_failures(db, archive)
    return result


def kill_case(documents: int, delay: float) -> tuple[str, Callable[[Context], CaseResult]]:
    name = f"kill -9 at {documents} documents + {delay * 1000:.0f} ms"

    def run(ctx: Context) -> CaseResult:
        folder = ctx.work / f"kill-{documents}"
        result = CaseResult(name)
        at, seconds = kill_at(ctx, folder, documents, delay)
        if at is None:
            result.error = f"the nightly ended before the store held {documents} documents: nothing was killed"
            return result
        result.moment = f"{at} documents, {seconds:.1f} s"
        rerun = run_to_end(ctx, folder)
        result.rerun_exit = rerun.returncode
        if rerun.returncode != 0:
            result.error = f"re-run exit {rerun.returncode}: {rerun.stderr.strip()[-300:]}"
        return check(ctx, result, folder)

    return name, run


# -- the other fault cases -----------------------------------------------------------------------
DISK_FULL_ARCHIVE_BYTES = 200 * 1024  # about half of what the demo nightly archives (~410 KB)


def _mount_tmpfs(where: Path, size: str) -> str:
    """Mount (or, with ``remount``, resize) a small tmpfs at ``where``; '' on success, else why not."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return "needs root to mount a small tmpfs (run the runner as root, e.g. in a container)"
    res = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True, text=True
    )
    return "" if res.returncode == 0 else f"mount failed: {res.stderr.strip()}"


def disk_full_case(ctx: Context) -> CaseResult:
    """The archive on a disk that fills half-way: the run must fail (exit != 0) saying so, leave the
    database and archive sound, and a re-run once there is room must end with the uninterrupted rows."""
    result = CaseResult(f"archive disk full at {DISK_FULL_ARCHIVE_BYTES // 1024} KB, then room made, re-run")
    folder = fresh_folder(ctx.work / "disk-full")
    archive = folder / "archive"
    archive.mkdir()
    why = _mount_tmpfs(archive, str(DISK_FULL_ARCHIVE_BYTES))
    if why:
        result.error = f"not run: {why}"
        return result
    try:
        full = run_to_end(ctx, folder)
        result.moment = f"first run exit {full.returncode}, {document_count(folder / 'longarm.db')} documents"
        problems = []
        if full.returncode == 0:
            problems.append("the run on a full disk exited 0")
        if "No space left on device" not in full.stderr:
            problems.append("the run on a full disk did not say the disk is full")
        problems += [f"after the full disk: {p}" for p in integrity_problems(folder / "longarm.db")]
        subprocess.run(["mount", "-o", "remount,size=256m", str(archive)], check=True, capture_output=True)
        rerun = run_to_end(ctx, folder)
        result.rerun_exit = rerun.returncode
        if rerun.returncode != 0:
            problems.append(f"re-run exit {rerun.returncode}: {rerun.stderr.strip()[-300:]}")
        result.error = "; ".join(problems)
        return check(ctx, result, folder)
    finally:
        subprocess.run(["umount", str(archive)], capture_output=True)


def _damage_pages(db: Path) -> None:
    """Overwrite two 4 KB pages in the middle of the database file (as a disk fault would)."""
    size = db.stat().st_size
    with open(db, "r+b") as fh:
        for page in (size // 4096 // 2, size // 4096 // 2 + 3):
            fh.seek(page * 4096)
            fh.write(b"\xa5" * 4096)


def _recover(damaged: Path, recovered: Path) -> str:
    """The recovery docs/operations.md gives: `.recover`, or `.dump` where the sqlite3 build cannot."""
    rec = subprocess.run(["sqlite3", str(damaged), ".recover"], capture_output=True)
    if rec.returncode == 0:
        subprocess.run(["sqlite3", str(recovered)], input=rec.stdout, capture_output=True, check=True)
        return ".recover"
    dump = subprocess.run(["sqlite3", str(damaged), ".dump"], capture_output=True).stdout
    dump = re.sub(rb"(?m)^ROLLBACK;.*$", b"COMMIT;", dump)
    subprocess.run(["sqlite3", str(recovered)], input=dump, capture_output=True, check=True)
    version = subprocess.run(
        ["sqlite3", str(damaged), "pragma user_version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    subprocess.run(["sqlite3", str(recovered), f"pragma user_version = {version}"], check=True)
    return ".dump (this sqlite3 cannot .recover)"


def corrupt_db_case(ctx: Context) -> CaseResult:
    """A copy of the uninterrupted store with two damaged pages: a nightly must refuse it (exit 1, the way to
    recover in the message) without touching it; after the recovery docs/operations.md gives (.recover or
    .dump, `extract --all`), a nightly must end with the uninterrupted rows and sound store, archive and
    citations."""
    result = CaseResult("corrupt database: refused, recovered, re-run")
    folder = fresh_folder(ctx.work / "corrupt-db")
    if shutil.which("sqlite3") is None:
        result.error = "not run: the sqlite3 command-line tool is not installed"
        return result
    shutil.copytree(ctx.work / "uninterrupted" / "archive", folder / "archive")
    src = sqlite3.connect(ctx.work / "uninterrupted" / "longarm.db")
    dst = sqlite3.connect(folder / "longarm.db")
    src.backup(dst)
    src.close()
    dst.execute("PRAGMA journal_mode = DELETE")
    dst.close()
    db = folder / "longarm.db"
    _damage_pages(db)
    before = db.read_bytes()
    refused = run_to_end(ctx, folder)
    problems = []
    if refused.returncode != 1 or "is damaged" not in refused.stderr or ".recover" not in refused.stderr:
        problems.append(f"not refused as damaged (exit {refused.returncode}): {refused.stderr.strip()[-300:]}")
    if db.read_bytes() != before:
        problems.append("the damaged database was written to")
    how = _recover(db, folder / "recovered.db")
    db.rename(folder / "damaged.db")
    (folder / "recovered.db").rename(db)
    extract = subprocess.run(
        [
            sys.executable,
            "-m",
            "longarm.cli",
            "extract",
            "--all",
            "--db",
            str(db),
            "--archive",
            str(folder / "archive"),
        ],
        cwd=folder,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
    )
    if extract.returncode != 0:
        problems.append(f"extract --all after recovery exit {extract.returncode}: {extract.stderr.strip()[-300:]}")
    lost = row_differences(natural_rows(db), ctx.reference)
    result.moment = (
        f"refused (exit {refused.returncode}); recovered with {how} "
        f"({', '.join(f'{t} {m} lost' for t, (m, _) in lost.items() if m) or 'nothing lost'}), extract --all"
    )
    rerun = run_to_end(ctx, folder)
    result.rerun_exit = rerun.returncode
    if rerun.returncode != 0:
        problems.append(f"re-run after recovery exit {rerun.returncode}: {rerun.stderr.strip()[-300:]}")
    result.error = "; ".join(problems)
    return check(ctx, result, folder)


def symlink_case(ctx: Context) -> CaseResult:
    """Two nightlies at once on one store, the second through symlinks (a linked folder and a linked
    database file): the second must be refused by the lock (exit 4), the first end with the uninterrupted
    rows."""
    from longarm.core.lock import EXIT_LOCKED

    result = CaseResult("second nightly through symlinks during a run")
    folder = fresh_folder(ctx.work / "symlink")
    real = folder / "real"
    real.mkdir()
    links = folder / "links"
    links.mkdir()
    (links / "longarm.db").symlink_to(real / "longarm.db")
    (links / "archive").symlink_to(real / "archive", target_is_directory=True)
    (folder / "linked-folder").symlink_to(real, target_is_directory=True)
    first = subprocess.Popen(
        nightly_command(ctx, real),
        cwd=real,
        env=environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    problems = []
    try:
        start = time.monotonic()
        while first.poll() is None and document_count(real / "longarm.db") < 1 and time.monotonic() - start < 120:
            time.sleep(0.01)
        seconds = time.monotonic() - start
        seconds_note = f"started {seconds:.1f} s into the first run"
        for name, second_folder in (("linked files", links), ("linked folder", folder / "linked-folder")):
            second = subprocess.run(
                nightly_command(ctx, second_folder),
                cwd=folder,
                env=environment(),
                capture_output=True,
                text=True,
                timeout=RUN_TIMEOUT,
            )
            if first.poll() is not None:
                problems.append(f"{name}: the first run ended before the second was checked")
            elif second.returncode != EXIT_LOCKED or "holds the lock" not in second.stderr:
                problems.append(
                    f"{name}: second run not refused (exit {second.returncode}): {second.stderr.strip()[-200:]}"
                )
        result.moment = f"{seconds_note}; second runs refused" if not problems else seconds_note
        _, err = first.communicate(timeout=RUN_TIMEOUT)
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
    result.rerun_exit = first.returncode
    if first.returncode != 0:
        problems.append(f"first run exit {first.returncode}: {err.strip()[-300:]}")
    result.error = "; ".join(problems)
    return check(ctx, result, real)


CASES: dict[str, Callable[[Context], CaseResult]] = {
    "disk-full": disk_full_case,
    "corrupt-db": corrupt_db_case,
    "symlink": symlink_case,
}


def markdown_table(reference: CaseResult, results: list[CaseResult]) -> str:
    rc = reference.counts
    lines = [
        "| case | moment / what happened | re-run exit | documents | statements | snapshots | rows differing "
        "(missing/extra) | integrity | WARC | citations verified | result |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        f"| uninterrupted | - | {reference.rerun_exit} | {rc.get('documents')} | {rc.get('statements')} | "
        f"{rc.get('snapshots')} | - | {'ok' if not reference.integrity else 'FAIL'} | "
        f"{'ok' if not reference.warc else 'FAIL'} | {reference.verified - len(reference.verify_failures)}/"
        f"{reference.verified} | {'reference' if reference.ok else 'FAIL'} |",
    ]
    for r in results:
        c = r.counts
        diff = ", ".join(f"{t} {m}/{e}" for t, (m, e) in r.differences.items()) or "none"
        verdict = ("same" if r.name.startswith("kill") else "pass") if r.ok else "FAIL"
        lines.append(
            f"| {r.name} | {r.moment or '-'} | {r.rerun_exit if r.rerun_exit is not None else '-'} | "
            f"{c.get('documents', '-')} | {c.get('statements', '-')} | {c.get('snapshots', '-')} | {diff} | "
            f"{'ok' if not r.integrity else 'FAIL'} | {'ok' if not r.warc else 'FAIL'} | "
            f"{r.verified - len(r.verify_failures)}/{r.verified} | {verdict} |"
        )
    notes = [f"- {r.name}: {r.error}" for r in results if r.error]
    if notes:
        lines += ["", "Problems:", "", *notes]
    return "\n".join(lines)


def write_docs(
    table: str, passed: int, total: int, kills_passed: int, kills_total: int, seconds: float, command: str
) -> None:
    text = f"""# Fault runner: killed nightly runs

`{command}` kills `longarm nightly --replay` (the bundled demo archive) with SIGKILL at
{kills_total} different moments, each on its own empty store and archive, runs the same nightly again,
and compares what is left with an uninterrupted nightly of the same archive. It runs
`benchmarks/faults.py` (checks in `benchmarks/fault_checks.py`).

A case passes when the re-run exits 0 and its store holds exactly the uninterrupted run's rows:
documents (URL, source, title, date, language, text hash, extractor version, WARC metadata record
present), statements (document URL, label, speaker, targets, instruments, offsets, quote, extractor
version, current or superseded), snapshots (URL, payload SHA-256, capture time, status) and revisits,
compared by what they are, not by id; and when `pragma integrity_check` and `pragma
foreign_key_check` find nothing, every WARC file ends at a complete record and passes `warcio
check`, and `longarm verify` (re-reading the archived record, checking its SHA-256 and the quote at
its offsets) passes for every current statement.

Three more cases run after the kills (each must end with the same rows and pass the same checks):

- **archive disk full**: the archive folder on a {DISK_FULL_ARCHIVE_BYTES // 1024} KB tmpfs (about half of
  what the nightly archives; needs root to mount it). The nightly must fail (exit 1, "No space left on
  device") and leave a sound database; the disk is then enlarged and the nightly run again.
- **corrupt database**: a copy of the uninterrupted store with two 4 KB pages overwritten. The nightly
  must refuse it (exit 1, "is damaged", the `.recover` command) without changing a byte; then the
  recovery of docs/operations.md ("A damaged database": `.recover`, or `.dump` where the sqlite3 build
  cannot; `longarm extract --all`) and the nightly again.
- **symlinked store**: while a nightly runs, a second one on the same store through symlinks (a linked
  database file and archive folder, then a linked parent folder) must be refused by the run lock (exit
  4); the first must end with the uninterrupted rows.

Last run: **{passed}/{total} cases passed** ({kills_passed}/{kills_total} kills ended with the same rows),
with no integrity, WARC or citation failure ({seconds:.0f} s on 2 shared cores).

{table}

Why this holds (issue 10, point 1): each source's listing and date-index walks are kept in the
store (`discovery_walks`, `discovery_pages`; README "The database"). A walk is marked under way
before the first request and complete only when its spider finished on its own with no page or
article of the walk failing; a nightly stops paging at a page of only known articles only after a
complete walk, so the pages a killed run never reached are walked by the next one. Before a run
says it finished, every stored document without the current extraction is extracted.
"""
    DOCS.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--kills",
        default=",".join(map(str, DEFAULT_KILLS)),
        help="document counts at which to kill, comma-separated (default: %(default)s)",
    )
    ap.add_argument(
        "--cases",
        default=",".join(["kills", *CASES]),
        help="which cases to run, comma-separated (default: %(default)s)",
    )
    ap.add_argument("--work", metavar="DIR", help="keep the runs' folders here (default: a temporary folder, removed)")
    ap.add_argument("--write-docs", action="store_true", help=f"write the summary into {DOCS.relative_to(REPO)}")
    args = ap.parse_args(argv)
    try:
        kills = [int(k) for k in args.kills.split(",") if k.strip()]
    except ValueError:
        ap.error(f"--kills {args.kills!r}: give whole numbers separated by commas, e.g. 10,50,90")
    if not kills or any(k <= 0 for k in kills):
        ap.error(f"--kills {args.kills!r}: give at least one positive number")
    chosen = [c.strip() for c in args.cases.split(",") if c.strip()]
    unknown = [c for c in chosen if c != "kills" and c not in CASES]
    if unknown or not chosen:
        ap.error(f"--cases {args.cases!r}: choose from kills, {', '.join(CASES)}")
    from longarm.commands.demo import demo_today
    from longarm.demo_archive import build_demo_archive

    started = time.monotonic()
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="longarm-faults-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        replay = build_demo_archive(work / "source-archive")
        ctx = Context(work, replay, str(demo_today()))
        ref_run = run_to_end(ctx, fresh_folder(work / "uninterrupted"))
        reference = CaseResult("uninterrupted", rerun_exit=ref_run.returncode)
        if ref_run.returncode != 0:
            print(
                f"the uninterrupted nightly failed (exit {ref_run.returncode}):\n{ref_run.stderr[-2000:]}",
                file=sys.stderr,
            )
            return 1
        ctx.reference = natural_rows(work / "uninterrupted" / "longarm.db")
        check(ctx, reference, work / "uninterrupted")
        print(f"uninterrupted: {reference.counts}", flush=True)
        results = []
        # Delays of 0, 7, 14, ... ms after the count is reached spread the kills over what follows a commit.
        todo = (
            [kill_case(k, (i * KILL_DELAY_STEP_MS % 50) / 1000) for i, k in enumerate(kills)]
            if "kills" in chosen
            else []
        )
        todo += [(name, run) for name, run in CASES.items() if name in chosen]
        for name, run in todo:
            r = run(ctx)
            results.append(r)
            print(
                f"{name}: {'same' if r.ok else 'FAIL'} {r.moment} {r.counts} {r.differences or ''} {r.error}".rstrip(),
                flush=True,
            )
            for problem in [*r.integrity, *r.warc, *r.verify_failures[:5]]:
                print(f"    {problem}", flush=True)
        table = markdown_table(reference, results)
        passed = sum(r.ok for r in results)
        seconds = time.monotonic() - started
        print()
        print(table)
        print(
            f"\n{passed}/{len(results)} fault cases ended with the uninterrupted run's rows "
            f"and no integrity, WARC or citation failure ({seconds:.0f} s)"
        )
        if args.write_docs:
            kills = [r for r in results if r.name.startswith("kill")]
            write_docs(
                table,
                passed,
                len(results),
                sum(r.ok for r in kills),
                len(kills),
                seconds,
                "scripts/faults.sh --write-docs",
            )
            print(f"summary written to {DOCS.relative_to(REPO)}")
        return 0 if passed == len(results) and reference.ok else 1
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
