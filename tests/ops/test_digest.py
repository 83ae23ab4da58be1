"""The digest: grouping, citations, people targeted for the first time, windows, `longarm digest`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from longarm import digest as dg
from longarm.db import connect
from tests.conftest import call_cli
from tests.ops.seed import seed

TEXT1 = (
    "The Police said that arrest warrants have been issued against Nathan Law. A reward of HK$1 million is "
    "offered. The weather is fine."
)
TEXT2 = "The Secretary for Security said Ted Hui will be pursued for life and warned Nathan Law again."
TEXT3 = "Xinhua: the Ministry said it will hunt down Anna Kwok wherever she hides."


def _items() -> list[dict]:
    return [
        {
            "source_id": "hk_gov_press",
            "url": "https://www.info.gov.hk/gia/general/202307/03/P2023070300811.htm",
            "title": "Police announce arrest warrants",
            "published_at": "2023-07-03T21:05:00+08:00",
            "text": TEXT1,
            "created_at": "2023-07-04T01:00:00Z",
            "detections": [
                {
                    "label": "action",
                    "speaker": "Hong Kong Police Force",
                    "targets": ["Nathan Law Kwun-chung"],
                    "instruments": ["arrest_warrant", "bounty"],
                    "start": 0,
                    "end": 104,
                }
            ],
        },
        {
            "source_id": "hk_gov_press",
            "url": "https://www.info.gov.hk/gia/general/202307/05/P2023070500100.htm",
            "title": "SS on absconders",
            "published_at": "2023-07-05T10:00:00+08:00",
            "text": TEXT2,
            "created_at": "2023-07-06T01:00:00Z",
            "detections": [
                {
                    "label": "threat",
                    "speaker": "Chris Tang Ping-keung",
                    "targets": ["Ted Hui Chi-fung", "Nathan Law Kwun-chung"],
                    "instruments": ["other"],
                    "start": 0,
                    "end": len(TEXT2),
                }
            ],
        },
        {
            "source_id": "xinhua",
            "url": "https://www.news.cn/politics/20230706/abc/c.html",
            "title": "Ministry vows pursuit",
            "published_at": "2023-07-06T08:00:00+08:00",
            "text": TEXT3,
            "created_at": "2023-07-06T02:00:00Z",
            "detections": [
                {"label": "threat", "speaker": None, "targets": ["Anna Kwok Fung-yee"], "start": 8, "end": len(TEXT3)}
            ],
        },
    ]


@pytest.fixture()
def seeded(tmp_path: Path) -> Path:
    db = tmp_path / "l.db"
    seed(db, _items())
    return db


def test_digest_groups_cites_and_flags_new_people(seeded: Path) -> None:
    db = connect(seeded)
    d = dg.build_digest(db, since="2023-07-05T00:00:00Z", until="2023-07-07T00:00:00Z")
    assert d["counts"]["items"] == 2 and d["counts"]["threat"] == 2 and d["counts"]["action"] == 0
    # Nathan Law was targeted before the window: only Ted Hui and Anna Kwok are new.
    assert [p["name"] for p in d["new_people"]] == ["Anna Kwok Fung-yee", "Ted Hui Chi-fung"]
    assert [g["label"] for g in d["groups"]] == ["threat"]
    assert [s["source_id"] for s in d["groups"][0]["sources"]] == ["hk_gov_press", "xinhua"]
    it = d["groups"][0]["sources"][0]["items"][0]
    assert it["date"] == "2023-07-05" and it["speaker"] == "Chris Tang Ping-keung" and it["quote"] == TEXT2
    c = it["citation"]
    assert c["url"].endswith("P2023070500100.htm") and c["title"] == "SS on absconders"
    assert c["captured_at"] == "2023-07-04T12:00:00Z" and c["warc_file"] == "2023-07-04/x.warc.gz"
    assert c["warc_offset"] == 1000 and len(c["sha256"]) == 64
    md = dg.to_markdown(d)
    assert (
        md.index("People and groups targeted for the first time")
        < md.index("## Threats")
        < md.index("## Source health")
    )
    assert "Ted Hui Chi-fung" in md and c["sha256"] in md and "WARC 2023-07-04/x.warc.gz @ 1000" in md
    assert "captured 2023-07-04T12:00:00Z" in md and "Ministry vows pursuit" in md
    assert "Police announce arrest warrants" not in md  # before the window
    html = dg.to_html(d)
    assert "<blockquote lang='en'>" in html and "Ted Hui Chi-fung" in html and "&ldquo;SS on absconders" in html
    assert json.loads(dg.to_json(d))["counts"]["new_people"] == 2


def test_first_digest_covers_everything_and_health(seeded: Path) -> None:
    db = connect(seeded)
    d = dg.build_digest(db, since=None, until="2030-01-01T00:00:00Z")
    assert d["counts"]["items"] == 3 and d["counts"]["action"] == 1
    assert {p["name"] for p in d["new_people"]} == {"Nathan Law Kwun-chung", "Ted Hui Chi-fung", "Anna Kwok Fung-yee"}
    assert d["new_people"][0]["name"] == "Nathan Law Kwun-chung" and d["new_people"][0]["items"] == 2
    md = dg.to_markdown(d)
    assert md.index("## Threats") < md.index("## Actions taken")
    health = {s["source_id"]: s for s in d["health"]["sources"]}
    assert health["hk_gov_press"]["status"] == "ok" and health["hk_gov_press"]["extraction_yield"] == 1.0


def test_refound_statement_is_not_new(seeded: Path) -> None:
    """A newer extractor version finding the same statement again does not make it new."""
    db = connect(seeded)
    with db.conn:
        db.execute("""INSERT INTO threats (document_id, label, speaker, targets, instruments, quote, start, "end",
                      extractor_version, created_at) SELECT document_id, label, speaker, targets, instruments, quote,
                      start, "end", 'test-2', '2023-07-08T00:00:00Z' FROM threats WHERE extractor_version = 'test-1'""")
    d = dg.build_digest(db, since="2023-07-07T00:00:00Z", until="2023-07-09T00:00:00Z")
    assert d["counts"]["items"] == 0
    assert "Nothing new" in dg.to_markdown(d)


def test_cli_digest_period_stdout_and_files(seeded: Path, tmp_path: Path) -> None:
    res = call_cli("digest", "--db", str(seeded), "--since", "2023-07-06", "--until", "2023-07-06")
    assert res.returncode == 0, res.stderr
    assert "Ted Hui Chi-fung" in res.stdout and "Anna Kwok" in res.stdout and "arrest warrants" not in res.stdout
    res = call_cli("digest", "--db", str(seeded), "--since", "2023-07-01", "--format", "json")
    assert json.loads(res.stdout)["counts"]["items"] == 3
    out = tmp_path / "out"
    res = call_cli("digest", "--db", str(seeded), "--since", "2023-07-01", "--until", "2023-07-31", "--out", str(out))
    assert res.returncode == 0, res.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        f"digest-2023-07-01-2023-07-31.{x}" for x in ("html", "json", "md")
    ]
    res = call_cli("digest", "--db", str(seeded), "--since", "July")
    assert res.returncode == 2 and "--since" in res.stderr
    res = call_cli("digest", "--db", str(tmp_path / "missing.db"))
    assert res.returncode == 2 and "missing.db" in res.stderr


def test_nightly_window_starts_where_the_last_nightly_digest_ended(seeded: Path) -> None:
    db = connect(seeded)
    assert dg.last_nightly_until(db) is None
    d = dg.build_digest(db, since=None, until="2023-07-06T01:30:00Z", run_id=1)
    dg.record_digest(db, d, ["a.md"], [])
    assert dg.last_nightly_until(db) == "2023-07-06T01:30:00Z"
    d2 = dg.build_digest(db, since=dg.last_nightly_until(db), until="2030-01-01T00:00:00Z")
    assert [i["citation"]["source_id"] for g in d2["groups"] for s in g["sources"] for i in s["items"]] == ["xinhua"]


def test_unlisted_targets_are_marked_in_the_first_time_list(tmp_path: Path) -> None:
    text = "廣西來賓市公安局發布通告，要求韋大鵬等96名滯留緬北人員限期回國投案。"
    items = [
        {
            "source_id": "xinhua",
            "url": "https://www.news.cn/politics/20231023/abc/c.html",
            "title": "通告",
            "published_at": "2023-10-23T08:00:00+08:00",
            "text": text,
            "created_at": "2023-10-24T01:00:00Z",
            "detections": [
                {
                    "label": "action",
                    "speaker": "Laibin Public Security Bureau",
                    "targets": ["韋大鵬"],
                    "instruments": ["persuade_return"],
                    "start": 0,
                    "end": len(text),
                }
            ],
        }
    ]
    db_file = tmp_path / "u.db"
    seed(db_file, items)
    from longarm.db.store import Store
    from longarm.nlp.gazetteer import load_people

    Store(db_file).sync_gazetteer(load_people())
    d = dg.build_digest(connect(db_file), since=None, until="2023-10-25T00:00:00Z")
    assert [(p["name"], p["unlisted"]) for p in d["new_people"]] == [("韋大鵬", True)]
    assert "not in the gazetteer" in dg.to_markdown(d) and "not in the gazetteer" in dg.to_html(d)
    out = call_cli("people", "unlisted", "--db", str(db_file))
    assert out.returncode == 0 and "韋大鵬" in out.stdout and "1 statement" in out.stdout
