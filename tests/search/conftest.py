"""A small store with real WARC records, built for the search / cite / verify / export / web tests.

Pages are written with ``WarcWriterSet`` (response + request + metadata records),
snapshots, documents and threats are inserted through ``longarm.db.Store``. A document's
text is what the crawler would store: ``longarm.spiders.extraction.extract_document`` on
the archived payload (through ``longarm.verification.default_extractor``, as `verify` does).
An import error there fails the run: it is a broken tree, not a reason to skip tests.
"""

from __future__ import annotations

import html
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import pytest

from longarm.db import Store
from longarm.pipelines.warc_writer import WarcWriterSet, sha256_hex, warc_date
from longarm.spiders.extraction import extract_document  # noqa: F401  (a broken extractor fails collection, not skips)
from longarm.spiders.registry import get_registry
from longarm.verification import default_extractor


def real_extractor() -> Callable[..., str]:
    """The extractor `longarm verify` uses: ``longarm.spiders.extraction.extract_document`` on the archived payload.

    ``longarm.spiders.extraction`` is imported at the top of this file, so a broken import is an error
    that fails the run, never a reason to skip tests.
    """
    return default_extractor


PAGES: list[dict[str, Any]] = [
    {
        "source_id": "hk_gov_press",
        "lang": "zh-Hant",
        "url": "https://www.info.gov.hk/gia/general/202307/03/P2023070300811c.htm",
        "title": "警方懸紅通緝八名潛逃者",
        "published_at": "2023-07-03T21:05:00+08:00",
        "paragraphs": [
            "國家安全處今日宣布，就八名潛逃海外人士發出拘捕令。",
            "警方懸紅一百萬港元通緝羅冠聰等人，並會追捕到底。",
            "政府表示將透過國際刑警申請紅色通緝令。",
        ],
        "threats": [
            {
                "label": "action",
                "speaker": "National Security Department",
                "speaker_kind": "hk_police",
                "targets": ["Nathan Law Kwun-chung"],
                "instruments": ["bounty", "arrest_warrant"],
                "quote": "警方懸紅一百萬港元通緝羅冠聰等人，並會追捕到底。",
            },
            {
                "label": "threat",
                "speaker": "Chris Tang Ping-keung",
                "speaker_kind": "hk_government",
                "targets": [],
                "instruments": ["interpol", "red_notice"],
                "quote": "政府表示將透過國際刑警申請紅色通緝令。",
            },
        ],
    },
    {
        "source_id": "xinhua",
        "lang": "zh-Hans",
        "url": "https://www.news.cn/gangao/20231214/0123456789abcdef0123456789abcdef/c.html",
        "title": "香港警方悬赏通缉五名反中乱港分子",
        "published_at": "2023-12-14T18:30:00+08:00",
        "paragraphs": [
            "香港特区政府保安局局长表示，警方对五名潜逃者发出通缉令并悬赏一百万港元。",
            "发言人强调，无论逃到哪里都会被缉拿归案。",
        ],
        "threats": [
            {
                "label": "action",
                "speaker": "Chris Tang Ping-keung",
                "speaker_kind": "hk_government",
                "targets": ["Simon Cheng Man-kit"],
                "instruments": ["arrest_warrant", "bounty"],
                "quote": "警方对五名潜逃者发出通缉令并悬赏一百万港元。",
            },
            {
                "label": "threat",
                "speaker": "Xinhua commentator",
                "speaker_kind": "state_media",
                "targets": [],
                "instruments": ["other"],
                "quote": "无论逃到哪里都会被缉拿归案。",
            },
        ],
    },
    {
        "source_id": "hk_gov_press",
        "lang": "en",
        "url": "https://www.info.gov.hk/gia/general/202407/02/P2024070200522.htm",
        "title": "Police pursue absconders wanted under the National Security Law",
        "published_at": "2024-07-02T16:00:00+08:00",
        "paragraphs": [
            "The Chief Executive said the Government pursued the absconders relentlessly.",
            "Police will seek a red notice through INTERPOL and a bounty of HK$1 million remains on offer.",
            "The weather in Hong Kong was fine today.",
        ],
        "threats": [
            {
                "label": "threat",
                "speaker": "John Lee Ka-chiu",
                "speaker_kind": "hk_government",
                "targets": ["Ted Hui Chi-fung"],
                "instruments": ["persuade_return"],
                "quote": "the Government pursued the absconders relentlessly.",
            },
            {
                "label": "threat",
                "speaker": "Hong Kong Police Force",
                "speaker_kind": "hk_police",
                "targets": ["Nathan Law Kwun-chung", "Ted Hui Chi-fung"],
                "instruments": ["red_notice", "bounty"],
                "quote": "Police will seek a red notice through INTERPOL and a bounty of HK$1 million remains on offer.",
            },
        ],
    },
    {
        "source_id": "global_times",
        "lang": "en",
        "url": "https://www.globaltimes.cn/page/202106/1226000.shtml",
        "title": "Fugitives will face justice, says spokesperson",
        "published_at": "2021-06-20T09:00:00+08:00",
        "paragraphs": [
            "A spokesperson warned that arrest warrants issued for fugitive activists will be enforced.",
            "Critics said the threats were an attempt to silence the diaspora.",
        ],
        "threats": [
            {
                "label": "threat",
                "speaker": "Wang Wenbin",
                "speaker_kind": "prc_government",
                "targets": ["Finn Lau Cho-dik"],
                "instruments": ["arrest_warrant"],
                "quote": "arrest warrants issued for fugitive activists will be enforced.",
            },
        ],
    },
]

PEOPLE = [
    {"name": "Nathan Law Kwun-chung", "kind": "target", "aliases": ["羅冠聰", "罗冠聪", "Nathan Law"]},
    {"name": "John Lee Ka-chiu", "kind": "hk_government", "aliases": ["李家超", "John Lee"]},
    {"name": "Chris Tang Ping-keung", "kind": "hk_government", "aliases": ["鄧炳強", "邓炳强"]},
    {"name": "Simon Cheng Man-kit", "kind": "target", "aliases": ["鄭文傑", "郑文杰"]},
]


def page_html(p: dict[str, Any]) -> bytes:
    body = "".join(f"<p>{html.escape(x)}</p>" for x in p["paragraphs"])
    return (
        f'<!DOCTYPE html><html lang="{p["lang"]}"><head><meta charset="utf-8"><title>{html.escape(p["title"])}'
        f"</title><script>fetch('https://tracker.invalid/x')</script>"
        f'<link rel="stylesheet" href="https://cdn.invalid/site.css"></head><body>'
        f'<h1>{html.escape(p["title"])}</h1><time datetime="{p["published_at"]}">{p["published_at"][:10]}</time>'
        f'<article>{body}</article><img src="https://cdn.invalid/logo.png"></body></html>'
    ).encode("utf-8")


@dataclass
class Fixture:
    root: Path
    db_path: Path
    archive: Path
    extractor: Callable[..., str]
    threat_ids: dict[str, int]  # quote -> id
    snapshot_ids: list[int]
    document_ids: list[int]

    def tid(self, needle: str) -> int:
        for q, i in self.threat_ids.items():
            if needle in q:
                return i
        raise KeyError(needle)

    def cli_args(self) -> list[str]:
        return ["--db", str(self.db_path), "--archive", str(self.archive)]


def build_store(root: Path) -> Fixture:
    root.mkdir(parents=True, exist_ok=True)
    db_path, archive = root / "longarm.db", root / "archive"
    extractor = real_extractor()
    store = Store(db_path)
    store.sync_sources(get_registry().values())
    store.sync_gazetteer(PEOPLE)
    run_id = store.start_run("test", [p["source_id"] for p in PAGES])
    w = WarcWriterSet(archive, run_id, fsync=False)
    threat_ids: dict[str, int] = {}
    snapshot_ids, document_ids = [], []
    for p in PAGES:
        body = page_html(p)
        date = warc_date()
        headers = [("Content-Type", "text/html; charset=utf-8")]
        resp, _req = w.write_exchange(
            p["url"],
            method="GET",
            request_headers=[("User-Agent", "longarm-test")],
            status=200,
            reason="OK",
            protocol="HTTP/1.1",
            response_headers=headers,
            body=body,
            date=date,
        )
        sid = store.insert_snapshot(
            {
                "url": p["url"],
                "captured_at": date[:19] + "Z",
                "status": 200,
                "content_type": headers[0][1],
                "sha256": sha256_hex(body),
                "warc_file": resp.warc_file,
                "warc_offset": resp.offset,
                "warc_length": resp.length,
                "warc_record_id": resp.record_id,
                "payload_length": len(body),
                "source_id": p["source_id"],
                "run_id": run_id,
            }
        )
        text = extractor(body, p["url"], p["source_id"], dict(headers), p["lang"])
        meta = w.write_metadata(
            p["url"], refers_to_record_id=resp.record_id, fields={"title": p["title"], "lang": p["lang"]}
        )
        did, _ = store.upsert_document(
            {
                "source_id": p["source_id"],
                "url": p["url"],
                "title": p["title"],
                "published_at": p["published_at"],
                "lang": p["lang"],
                "text": text,
                "snapshot_id": sid,
                "metadata_record_id": meta.record_id,
            },
            run_id,
        )
        dets = []
        for t in p["threats"]:
            start = text.find(t["quote"])
            assert start >= 0, (t["quote"], text)
            dets.append({**t, "start": start, "end": start + len(t["quote"]), "score": 0.9})
        store.replace_threats(did, dets, "test-1", p["lang"])
        for t in p["threats"]:
            threat_ids[t["quote"]] = store.db.execute(
                "SELECT id FROM threats WHERE document_id = ? AND quote = ?", [did, t["quote"]]
            ).fetchone()[0]
        snapshot_ids.append(sid)
        document_ids.append(did)
    w.close()
    store.finish_run(run_id, "ok", {}, [])
    store.close()
    return Fixture(root, db_path, archive, extractor, threat_ids, snapshot_ids, document_ids)


@pytest.fixture(scope="session")
def _built(tmp_path_factory: pytest.TempPathFactory) -> Fixture:
    return build_store(tmp_path_factory.mktemp("search-store"))


@pytest.fixture
def store_copy(_built: Fixture, tmp_path: Path) -> Fixture:
    """A private copy of the built store (tests may modify it)."""
    root = tmp_path / "store"
    shutil.copytree(_built.root, root)
    f = Fixture(**{**_built.__dict__, "root": root, "db_path": root / "longarm.db", "archive": root / "archive"})
    return f


@pytest.fixture(scope="session")
def indexed(_built: Fixture, tmp_path_factory: pytest.TempPathFactory) -> Fixture:
    """A copy of the built store with its search index built (read-only use)."""
    from longarm.db import search as S
    from longarm.db.schema import connect

    root = tmp_path_factory.mktemp("indexed") / "store"
    shutil.copytree(_built.root, root)
    f = Fixture(**{**_built.__dict__, "root": root, "db_path": root / "longarm.db", "archive": root / "archive"})
    db = connect(f.db_path)
    S.rebuild_index(db)
    db.conn.close()
    return f
