"""Run every benchmark in this folder (`make bench`); each prints its own figures and ratios.

`--quick` runs each at a small size (a minute in all) to check the benchmarks
themselves; the figures the project reports come from the default sizes
(bench_search builds a 1M-threat store: several minutes on 2 cores).
Options for one benchmark go to that script directly, e.g.
`python benchmarks/bench_analyze.py --mb 10`.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Small sizes for --quick, per script.
QUICK = {
    "bench_analyze.py": ["--mb", "0.5", "--repeats", "1"],
    "bench_long_input.py": ["--mb", "0.2", "--big-mb", "1", "--repeats", "1"],
    "bench_search.py": ["--threats", "50000", "--documents", "10000", "--repeats", "1"],
    "bench_recheck.py": [
        "--articles",
        "10000",
        "--nights",
        "60",
        "--documents",
        "1000",
        "--samples",
        "30",
        "--no-calibration",
    ],
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--quick", action="store_true", help="small sizes: checks the benchmarks run, figures not comparable"
    )
    args = ap.parse_args(argv)
    failed = []
    for script in sorted(HERE.glob("bench_*.py")):
        extra = QUICK.get(script.name, []) if args.quick else []
        print(f"== {script.name} {' '.join(extra)}".rstrip(), flush=True)
        if subprocess.call([sys.executable, str(script), *extra], cwd=HERE.parent) != 0:
            failed.append(script.name)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
