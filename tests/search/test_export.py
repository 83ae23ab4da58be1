"""`longarm export wacz`: selected records copied byte for byte, CDXJ index, datapackage; validates."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import zipfile
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from longarm.export_wacz import validate_wacz
from tests.conftest import call_cli


def _records(wacz: Path) -> list[tuple[str, str | None, bytes]]:
    out = []
    with zipfile.ZipFile(wacz) as z:
        for name in z.namelist():
            if name.startswith("archive/"):
                with z.open(name) as fh:
                    for r in ArchiveIterator(fh):
                        out.append(
                            (
                                r.rec_headers.get_header("WARC-Type"),
                                r.rec_headers.get_header("WARC-Target-URI"),
                                r.content_stream().read(),
                            )
                        )
    return out


def test_export_everything_whole_files(indexed, tmp_path) -> None:
    out = tmp_path / "all.wacz"
    r = call_cli("export", "wacz", str(out), *indexed.cli_args())
    assert r.returncode == 0, r.stderr
    assert "valid" in r.stderr
    ok, log = validate_wacz(out)
    assert ok, log
    # the standalone CLI agrees
    v = subprocess.run([sys.executable, "-m", "wacz", "validate", "-f", str(out)], capture_output=True, text=True)
    assert v.returncode == 0 and "is valid" in v.stdout
    with zipfile.ZipFile(out) as z:
        names = set(z.namelist())
        assert {"datapackage.json", "datapackage-digest.json", "indexes/index.cdx.gz", "pages/pages.jsonl"} <= names
        dp = json.loads(z.read("datapackage.json"))
        assert dp["title"].startswith("longarm archive") and dp["resources"]
        cdx = gzip.decompress(z.read("indexes/index.cdx.gz")).decode()
        pages = z.read("pages/pages.jsonl").decode()
    urls = {json.loads(line)["url"] for line in pages.splitlines()[1:]}
    assert len(urls) == 4
    for u in urls:
        assert u in cdx
    types = [t for t, _, _ in _records(out)]
    assert types.count("response") == 4 and types.count("request") == 4 and types.count("metadata") == 4


def test_export_selected_source_copies_its_records_verbatim(indexed, tmp_path) -> None:
    out = tmp_path / "xinhua.wacz"
    r = call_cli("export", "wacz", str(out), "--source", "xinhua", *indexed.cli_args())
    assert r.returncode == 0, r.stderr
    assert validate_wacz(out)[0]
    recs = _records(out)
    kinds = sorted(t for t, _, _ in recs)
    assert kinds == ["metadata", "request", "response", "warcinfo"]
    resp = next(body for t, _, body in recs if t == "response")
    assert "香港警方悬赏通缉五名反中乱港分子".encode() in resp
    assert all(u is None or "news.cn" in u for t, u, _ in recs if t != "warcinfo")


def test_export_since_and_nothing_selected(indexed, tmp_path) -> None:
    r = call_cli("export", "wacz", str(tmp_path / "none.wacz"), "--since", "2999-01-01", *indexed.cli_args())
    assert r.returncode == 2 and "nothing to export" in r.stderr
    r = call_cli("export", "wacz", str(tmp_path / "since.wacz"), "--since", "2000", *indexed.cli_args())
    assert r.returncode == 0 and validate_wacz(tmp_path / "since.wacz")[0]
    r = call_cli("export", "wacz", str(tmp_path / "x.wacz"), "--since", "soon", *indexed.cli_args())
    assert r.returncode == 2
    r = call_cli("export", "wacz", str(tmp_path / "x.zip"), *indexed.cli_args())
    assert r.returncode == 2
    r = call_cli("export", "wacz", str(tmp_path / "x.wacz"), "--source", "nope", *indexed.cli_args())
    assert r.returncode == 2
