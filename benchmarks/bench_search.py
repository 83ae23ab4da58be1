"""Search speed on a large synthetic store.

    python benchmarks/bench_search.py [--threats 1000000 --documents 200000] [--db PATH] [--keep]

Generates a store of synthetic documents (English, traditional and simplified
Chinese press-release-like text) and threats, builds the search index with
``longarm.db.search.rebuild_index`` (the same code `longarm search` uses), then runs ~30
varied queries (en, zh-Hant, zh-Hans, with and without filters) several times
and reports the store size, build times and the median / p95 latency of the
first page of results (20 rows, ranked, highlighted). Target: median < 100 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from longarm.db import search as S  # noqa: E402
from longarm.db.schema import connect  # noqa: E402

SOURCES = [
    "hk_gov_press",
    "hk_news_gov",
    "hk_police",
    "hk_security_bureau",
    "xinhua",
    "peoples_daily",
    "cgtn",
    "china_daily",
    "global_times",
    "wen_wei_po",
    "ta_kung_pao",
    "mps",
    "ccdi",
    "tao",
    "mfa",
]

SPEAKERS = [
    ("John Lee Ka-chiu", "hk_government"),
    ("Chris Tang Ping-keung", "hk_government"),
    ("Paul Lam Ting-kwok", "hk_government"),
    ("Raymond Siu Chak-yee", "hk_police"),
    ("Hong Kong Police Force", "hk_police"),
    ("National Security Department", "hk_police"),
    ("Wang Wenbin", "prc_government"),
    ("Mao Ning", "prc_government"),
    ("Lin Jian", "prc_government"),
    ("Ministry of Public Security", "prc_government"),
    ("Xinhua commentator", "state_media"),
    ("Global Times editorial", "state_media"),
    ("Security Bureau", "hk_government"),
    ("Department of Justice", "hk_government"),
    ("Hong Kong and Macao Affairs Office", "prc_government"),
]
SPEAKERS += [(f"Official {chr(65 + i)}{chr(65 + j)} Chan", "hk_government") for i in range(6) for j in range(6)]

TARGETS = [
    "Nathan Law Kwun-chung",
    "Ted Hui Chi-fung",
    "Dennis Kwok Wing-hang",
    "Kevin Yam Kin-fung",
    "Anna Kwok Fung-yee",
    "Elmer Yuen Gong-yi",
    "Finn Lau Cho-dik",
    "Mung Siu-tat",
    "Simon Cheng Man-kit",
    "Frances Hui Wing-ting",
    "Joey Siu Cheuk-yin",
    "Johnny Fok Ka-chi",
    "Tony Choi Ming-da",
    "Carmen Lau",
]
TARGETS += [f"Activist {chr(65 + i)}{chr(97 + j)} Wong" for i in range(20) for j in range(10)]
TARGETS_ZH = {
    "Nathan Law Kwun-chung": "羅冠聰",
    "Ted Hui Chi-fung": "許智峯",
    "Dennis Kwok Wing-hang": "郭榮鏗",
    "Kevin Yam Kin-fung": "任建峰",
    "Anna Kwok Fung-yee": "郭鳳儀",
    "Elmer Yuen Gong-yi": "袁弓夷",
    "Finn Lau Cho-dik": "劉祖廸",
    "Mung Siu-tat": "蒙兆達",
    "Simon Cheng Man-kit": "鄭文傑",
    "Frances Hui Wing-ting": "許穎婷",
    "Joey Siu Cheuk-yin": "邵倩婷",
    "Johnny Fok Ka-chi": "霍嘉志",
    "Tony Choi Ming-da": "蔡明達",
    "Carmen Lau": "劉康",
}
INSTRUMENTS = [
    "interpol",
    "red_notice",
    "arrest_warrant",
    "bounty",
    "extradition",
    "nsl",
    "passport_cancellation",
    "family_pressure",
    "persuade_return",
    "other",
]

EN_CLAUSES = [
    "police will pursue the absconders to the end",
    "a bounty of HK$1 million was offered for information",
    "arrest warrants were issued under the National Security Law",
    "the fugitives will be hunted down wherever they are",
    "the government will seek a red notice through INTERPOL",
    "their passports have been cancelled",
    "family members were taken in for questioning",
    "we urge them to return and surrender",
    "extradition requests will be made to the relevant countries",
    "anyone assisting the absconders commits an offence",
    "the wanted persons colluded with foreign forces",
    "officers pursued leads across several jurisdictions",
    "rewards are offered for information leading to arrest",
    "the suspects absconded overseas in 2020",
]
EN_FILLER = (
    "the of and to in a is that for on with as by at from this was are be will has have it not but "
    "government police security national law order public statement press release spokesman said "
    "today council meeting report policy city district people court case officer department bureau "
    "minister foreign affairs cooperation development economy trade measures community safety "
    "investigation evidence charge offence sentence judge hearing appeal legal system rule stability "
    "prosperity interference forces activities organisations overseas abroad countries region mainland "
    "members committee election legislative executive chief secretary commissioner operation "
    "financial budget health education housing transport environment culture sports tourism year "
    "month week announced confirmed stressed warned noted added urged condemned firmly opposed"
).split()
ZH_CLAUSES = [
    "警方會追捕潛逃者到底",
    "懸紅一百萬港元緝拿八名潛逃人士",
    "根據國安法發出通緝令",
    "將透過國際刑警申請紅色通緝令",
    "已取消其香港特區護照",
    "家屬被帶走協助調查",
    "勸喻潛逃者回港自首",
    "將向有關國家提出引渡請求",
    "任何人協助潛逃者均屬違法",
    "被通緝人士勾結外國勢力",
    "警方已發出拘捕令",
    "懸賞通緝危害國家安全的逃犯",
    "絕不會放棄追究",
    "無論逃到哪裡都會被緝拿歸案",
]
ZH_FILLER = list(
    "的一是在不了有和人這中大為上個國我以要他時來用們生到作地於出就分對成會可主發年動同工也能下過子說產種面"
    "而方後多定行學法所民得經十三之進著等部度家電力裏如水化高自二理起小物現實加量都兩體制機當使點從業本去把性"
    "好應開它合還因由其些然前外天政四日那社義事平形相全表間樣與關各重新線內數正心反你明看原又麼利比或但質氣第"
    "向道命此變條只沒結解問意建月公無系軍很情者最立代想已通並提直題黨程展五果料象員革位入常文總次品式活設及管"
    "特件長求老頭基資邊流路級少圖山統接知較將組見計別她手角期根論運農指幾九區強放決西被幹做必戰先回則任取據處"
    "府研質安警署局長官員市民社區發展經濟保障措施會議報告政策"
)
ZH_WORDS = [
    "香港",
    "特區",
    "政府",
    "警務處",
    "國家安全",
    "保安局",
    "發言人",
    "今日",
    "表示",
    "記者會",
    "法律",
    "社會",
    "穩定",
    "繁榮",
    "市民",
    "外國勢力",
    "干預",
    "事務",
    "合作",
    "調查",
    "證據",
    "法院",
    "判決",
    "行政長官",
    "立法會",
    "選舉",
    "經濟",
    "發展",
    "民生",
    "房屋",
    "交通",
    "教育",
    "醫療",
    "旅遊",
    "文化",
    "體育",
]


def _t2s(s: str) -> str:
    return S.to_simplified(s)


class Gen:
    def __init__(self, seed: int = 7) -> None:
        self.r = random.Random(seed)
        self.zh_clauses = {"zh-Hant": ZH_CLAUSES, "zh-Hans": [_t2s(c) for c in ZH_CLAUSES]}
        self.zh_words = {"zh-Hant": ZH_WORDS + ZH_FILLER, "zh-Hans": [_t2s(w) for w in ZH_WORDS + ZH_FILLER]}
        self.targets_zh = {"zh-Hant": TARGETS_ZH, "zh-Hans": {k: _t2s(v) for k, v in TARGETS_ZH.items()}}

    def en_text(self, n_words: int, clauses: int) -> str:
        r = self.r
        words = [r.choice(EN_FILLER) for _ in range(n_words)]
        for _ in range(clauses):
            words.insert(r.randrange(len(words) + 1), r.choice(EN_CLAUSES))
        return " ".join(words).capitalize() + "."

    def zh_text(self, lang: str, n_words: int, clauses: int) -> str:
        r = self.r
        pool = self.zh_words[lang]
        parts = ["".join(r.choice(pool) for _ in range(r.randint(3, 8))) for _ in range(max(1, n_words // 5))]
        for _ in range(clauses):
            parts.insert(r.randrange(len(parts) + 1), r.choice(self.zh_clauses[lang]))
        return "，".join(parts) + "。"

    def quote(self, lang: str, targets: list[str]) -> str:
        r = self.r
        if lang == "en":
            q = self.en_text(r.randint(6, 16), 1)
            if targets and r.random() < 0.5:
                q = q[:-1] + ", including " + targets[0] + "."
            return q
        q = self.zh_text(lang, r.randint(6, 14), 1)
        if targets and r.random() < 0.5 and targets[0] in self.targets_zh[lang]:
            q = q[:-1] + "，包括" + self.targets_zh[lang][targets[0]] + "。"
        return q


def generate(db_path: Path, n_threats: int, n_docs: int, seed: int = 7) -> dict[str, float]:
    """Write synthetic sources, snapshots-less documents and threats straight into a fresh store."""
    t0 = time.perf_counter()
    db = connect(db_path)
    conn = db.conn
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    g = Gen(seed)
    r = g.r
    with conn:
        conn.executemany(
            "INSERT OR IGNORE INTO sources(id, name, kind, languages) VALUES (?,?,?,?)",
            [(s, s, "hk_government", "[]") for s in SOURCES],
        )
        conn.executemany("INSERT OR IGNORE INTO people(name, kind) VALUES (?, ?)", [(n, "target") for n in TARGETS_ZH])
        conn.executemany(
            "INSERT OR IGNORE INTO aliases(alias, name, table_name) VALUES (?,?,?)",
            [(v, k, "people") for k, v in TARGETS_ZH.items()] + [(_t2s(v), k, "people") for k, v in TARGETS_ZH.items()],
        )
    langs = ["en"] * 40 + ["zh-Hant"] * 35 + ["zh-Hans"] * 25
    doc_langs: list[str] = []
    doc_dates: list[str] = []

    def docs():
        for i in range(1, n_docs + 1):
            lang = r.choice(langs)
            y, m, d = r.randint(2019, 2025), r.randint(1, 12), r.randint(1, 28)
            date = f"{y}-{m:02d}-{d:02d}"
            doc_langs.append(lang)
            doc_dates.append(date)
            if lang == "en":
                title = g.en_text(r.randint(5, 10), 0)[:-1].title()
                text = g.en_text(r.randint(50, 110), r.randint(1, 3))
            else:
                title = g.zh_text(lang, r.randint(5, 10), 0)[:30]
                text = g.zh_text(lang, r.randint(80, 180), r.randint(1, 3))
            src = r.choice(SOURCES)
            yield (i, src, f"https://example.invalid/{src}/{i}.html", title, f"{date}T10:00:00+08:00", date, lang, text)

    with conn:
        conn.executemany(
            "INSERT INTO documents(id, source_id, url, title, published_at, published_date, lang, text) "
            "VALUES (?,?,?,?,?,?,?,?)",
            docs(),
        )
    t1 = time.perf_counter()

    def threats():
        for i in range(1, n_threats + 1):
            doc = r.randint(1, n_docs)
            lang = doc_langs[doc - 1]
            speaker, kind = r.choice(SPEAKERS)
            targets = r.sample(TARGETS, r.choice([0, 1, 1, 1, 2, 3]))
            instruments = r.sample(INSTRUMENTS, r.choice([1, 1, 2]))
            quote = g.quote(lang, targets)
            yield (
                i,
                doc,
                r.choice(["threat", "action"]),
                speaker,
                kind,
                json.dumps(targets, ensure_ascii=False),
                json.dumps(instruments),
                quote,
                i,
                i + len(quote),
                round(r.random(), 3),
                lang,
                "bench",
                "2025-01-01T00:00:00Z",
            )

    with conn:
        conn.executemany(
            "INSERT INTO threats(id, document_id, label, speaker, speaker_kind, targets, instruments, "
            'quote, start, "end", score, lang, extractor_version, created_at) '
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            threats(),
        )
    t2 = time.perf_counter()
    conn.close()
    return {"generate_documents_s": t1 - t0, "generate_threats_s": t2 - t1}


QUERIES: list[tuple[str, dict]] = [
    ("bounty", {}),
    ("red notice", {}),
    ("pursue", {}),
    ("arrest warrant", {}),
    ("INTERPOL", {}),
    ("national security law", {}),
    ("Nathan Law", {}),
    ("extradition", {}),
    ("absconders overseas", {}),
    ('"foreign forces"', {}),
    ("passport", {"label": "action"}),
    ("hunted down", {"since": "2023-01-01"}),
    ("通緝", {}),
    ("懸紅", {}),
    ("紅色通緝令", {}),
    ("國際刑警", {}),
    ("潛逃", {"lang": "zh"}),
    ("羅冠聰", {}),
    ("國安法 通緝令", {}),
    ("追捕到底", {"speaker": "John Lee"}),
    ("勾結外國勢力", {"source": "hk_police"}),
    ("通缉", {}),
    ("悬赏", {}),
    ("红色通缉令", {"since": "2022", "until": "2023"}),
    ("国际刑警", {}),
    ("引渡", {"label": "threat"}),
    ("罗冠聪", {"target": "Nathan Law"}),
    ("缉拿 归案", {}),
    ("bounty", {"speaker": "Chris Tang", "since": "2024-01-01"}),
    ("warrant", {"target": "羅冠聰"}),
    ("懸紅", {"source": "xinhua", "lang": "zh-Hant"}),
    ("red notice OR 紅色通緝令", {}),
]
DOC_QUERIES = [("national security", {}), ("國家安全", {}), ("国家安全 警方", {"since": "2024"})]


def run_queries(db_path: Path, repeats: int = 3) -> dict[str, object]:
    db = connect(db_path)
    conn = db.conn
    # warm-up (page cache, synonym table, stemmer)
    for q, f in QUERIES:
        S.search_threats(conn, q, S.Filters(**f), limit=20)
    times: list[float] = []
    per_query: dict[str, float] = {}
    for _ in range(repeats):
        for q, f in QUERIES:
            t = time.perf_counter()
            res = S.search_threats(conn, q, S.Filters(**f), limit=20)
            dt = (time.perf_counter() - t) * 1000
            times.append(dt)
            key = q + (" " + json.dumps(f, ensure_ascii=False) if f else "")
            per_query[key] = min(per_query.get(key, 1e9), dt)
            if _ == 0 and not res.rows:
                print(f"  (no results for {key})", file=sys.stderr)
    doc_times: list[float] = []
    for _ in range(repeats):
        for q, f in DOC_QUERIES:
            t = time.perf_counter()
            S.search_documents(conn, q, S.Filters(**f), limit=20)
            doc_times.append((time.perf_counter() - t) * 1000)
    times.sort()
    doc_times.sort()
    return {
        "queries": len(QUERIES),
        "runs": len(times),
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
        "max_ms": round(times[-1], 1),
        "documents_median_ms": round(statistics.median(doc_times), 1),
        "slowest": sorted(per_query.items(), key=lambda kv: -kv[1])[:5],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--threats", type=int, default=1_000_000)
    ap.add_argument("--documents", type=int, default=200_000)
    ap.add_argument("--db", default=None, help="store to create (default: a temporary file, removed afterwards)")
    ap.add_argument("--keep", action="store_true", help="keep the generated store")
    ap.add_argument("--reuse", action="store_true", help="reuse an existing --db (skip generation and indexing)")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--json", action="store_true", help="print the report as JSON")
    args = ap.parse_args(argv)

    tmpdir = None
    if args.db:
        path = Path(args.db)
    else:
        tmpdir = tempfile.mkdtemp(prefix="longarm-bench-")
        path = Path(tmpdir) / "bench.db"
    report: dict[str, object] = {"threats": args.threats, "documents": args.documents}
    try:
        if not (args.reuse and path.exists()):
            for p in (path, Path(str(path) + "-wal"), Path(str(path) + "-shm")):
                if p.exists():
                    p.unlink()
            print(
                f"generating {args.threats:,} threats and {args.documents:,} documents in {path} ...", file=sys.stderr
            )
            report.update({k: round(v, 1) for k, v in generate(path, args.threats, args.documents).items()})
            db = connect(path)
            t = time.perf_counter()
            last = [0.0]

            def progress(kind: str, n: int) -> None:
                if time.perf_counter() - last[0] > 10:
                    last[0] = time.perf_counter()
                    print(f"  indexing {kind}: {n:,}", file=sys.stderr)

            S.rebuild_index(db, progress=progress)
            report["index_build_s"] = round(time.perf_counter() - t, 1)
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            db.conn.close()
        size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
        report["store_mb"] = round(size / 1e6, 1)
        db = connect(path)
        report["index_mb"] = (
            round(
                sum(
                    r[1]
                    for r in db.execute(
                        "SELECT name, SUM(pgsize) FROM dbstat WHERE name LIKE 'search_%' GROUP BY name"
                    ).fetchall()
                )
                / 1e6,
                1,
            )
            if _has_dbstat(db)
            else None
        )
        db.conn.close()
        report.update(run_queries(path, args.repeats))
    finally:
        if tmpdir and not args.keep:
            for p in Path(tmpdir).glob("*"):
                p.unlink()
            os.rmdir(tmpdir)
    ok = isinstance(report.get("median_ms"), float) and report["median_ms"] < 100  # type: ignore[operator]
    report["target"] = "median < 100 ms: " + ("PASS" if ok else "FAIL")
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        for k, v in report.items():
            print(f"{k:>22}: {v}")
    return 0 if ok else 1


def _has_dbstat(db) -> bool:
    try:
        db.execute("SELECT 1 FROM dbstat LIMIT 1").fetchall()
        return True
    except Exception:
        return False


if __name__ == "__main__":
    sys.exit(main())
