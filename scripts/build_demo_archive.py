#!/usr/bin/env python3
"""Build the bundled demo archive (demo_archive/ -> demo-archive.warc.gz).

python scripts/build_demo_archive.py --out build/
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from longarm.demo_archive import ManifestError, build_demo_archive  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Write demo-archive.warc.gz from demo_archive/manifest.toml and pages/.")
    p.add_argument("--out", default=".", help="output folder (default: current folder)")
    p.add_argument("--manifest", default=None, help="manifest to build from (default: demo_archive/manifest.toml)")
    args = p.parse_args(argv)
    try:
        path = build_demo_archive(Path(args.out), args.manifest)
    except ManifestError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
