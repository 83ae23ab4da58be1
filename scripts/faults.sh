#!/bin/sh
# Fault runner (issue 10): kill `longarm nightly --replay` at 10 moments, re-run, compare with an
# uninterrupted run; integrity, WARC and citation checks. Options: see benchmarks/faults.py --help
# (--write-docs rewrites the table in docs/faults.md, --kills 10,50,90, --work DIR keeps the runs).
set -e
cd "$(dirname "$0")/.."
PY=.venv/bin/python
[ -x "$PY" ] || PY=python3
exec "$PY" benchmarks/faults.py "$@"
