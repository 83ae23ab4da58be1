"""Speed and memory of `longarm analyze` (longarm.nlp.ThreatExtractor) on real text and on a synthetic corpus.

    python benchmarks/bench_analyze.py [--repeats 3] [--mb 3] [--seed 7] [--relevant 0.05] [--no-model] [--profile N]

Two corpora, timed the same way:

* **real** (the headline): the saved real pages of ``../shared/corpus/real``, each page's main
  text taken by the project's own page parser (as ``longarm parse FILE --url URL``), with the
  labelled real documents of ``../shared/corpus/statements`` mixed in (see
  ``benchmarks/real_corpus.py``). Pages are analysed with their source as publisher, as the crawl
  pipeline does. Skipped, with a message, when the shared folder is absent.
* **synthetic**: news-like documents in English, traditional and simplified Chinese built from
  sentences written for this benchmark (mostly unrelated news: weather, economy, sport,
  transport, culture, ordinary crime; a small share of long-arm policing statements).

For each, it times

* analyze: ``ThreatExtractor().extract(text, lang=..., publisher=...)`` over every document (what
  the crawl pipeline and `longarm analyze` do; the shipped sentence model, when there is one, is
  in the loop), and
* baseline: ``jieba.lcut`` over the same documents (segmenting everything),

in passes interleaved with each other (a shared machine's load varies; the fastest pass is the
least disturbed one, and the per-pass ratios are printed), and reports MB/s of both, their
ratio (target >= 5x), the detections found and the peak RSS of the process
(resource.getrusage; target < 400 MB) and the peak Python heap of the analyze pass
(tracemalloc, on a slice). ``--profile N`` then profiles one analyze pass over the real corpus
(cProfile) and prints the top N functions by cumulative and by own time.
Exit status 1 when a target is missed on either corpus.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from real_corpus import REAL_DIR, BenchDoc, load_real_corpus  # noqa: E402

TARGET_RATIO = 5.0
TARGET_RSS_MB = 400.0

# ---------------------------------------------------------------- unrelated news (the bulk)
PLACES_EN = [
    "Sha Tin",
    "Kwun Tong",
    "Tsuen Wan",
    "Central",
    "Tuen Mun",
    "Shenzhen",
    "Guangzhou",
    "Macau",
    "Tai Po",
    "Yuen Long",
]
EN = [
    "The Observatory said temperatures in {p} would rise to {n} degrees on Thursday, with isolated showers in the afternoon.",
    "Retail sales rose {n} per cent year on year in the third quarter, the Census and Statistics Department said.",
    "The MTR Corporation said services on the East Rail line were delayed by {n} minutes after a signalling fault near {p}.",
    "A new public library in {p} will open next month with {n},000 books and a children's reading room.",
    "Hong Kong's football team drew {n}-{n} with Thailand in a friendly match at Kai Tak Stadium on Saturday night.",
    "The Financial Secretary said the government would issue green bonds worth HK${n} billion to fund sustainable projects.",
    "Police arrested a {n}-year-old man in {p} on suspicion of shoplifting cosmetics worth HK${n},000 from a pharmacy.",
    "The Hospital Authority reminded the public to get vaccinated against seasonal influenza before the winter peak.",
    "Residents of {p} complained about noise from a construction site that operates until late at night.",
    "The Education Bureau announced that {n} primary schools would take part in a pilot scheme on artificial intelligence teaching.",
    "Exports of electronic products grew for the {n}th consecutive month, driven by demand from Southeast Asia.",
    "The Leisure and Cultural Services Department will host a lantern festival in {p} during the Mid-Autumn holiday.",
    "A fire broke out in a residential building in {p} early on Monday, injuring {n} people, the Fire Services Department said.",
    "The Housing Authority said {n},000 new public rental flats would be completed in the coming financial year.",
    "Tourist arrivals reached {n} million in the first half of the year, with most visitors coming from the mainland.",
    "The Legislative Council passed a bill to extend paid maternity leave, which will take effect in {n} months.",
    "The Transport Department said a new bus route would link {p} with the airport from next Monday.",
    "Scientists at a local university developed a low-cost sensor that detects water leaks in old buildings.",
    "The Hong Kong Monetary Authority kept its base rate unchanged, citing stable inflation and a resilient job market.",
    "Organisers said the marathon attracted {n},000 runners despite hot and humid weather on Sunday morning.",
]
PLACES_ZH = ["沙田", "觀塘", "荃灣", "中環", "屯門", "深圳", "廣州", "澳門", "大埔", "元朗"]
HANT = [
    "天文台表示，{p}週四氣溫將升至{n}度，下午有零星驟雨。",
    "政府統計處公布，第三季零售業總銷貨價值按年上升百分之{n}。",
    "港鐵表示，東鐵綫因{p}附近訊號故障，列車服務延誤約{n}分鐘。",
    "{p}新公共圖書館下月開幕，藏書{n}萬冊，並設有兒童閱讀室。",
    "香港足球代表隊週六晚在啟德主場館與泰國隊進行友誼賽，雙方以{n}比{n}打和。",
    "財政司司長表示，政府將發行總值{n}億元的綠色債券，支持可持續發展項目。",
    "醫管局提醒市民盡早接種季節性流感疫苗，以應付冬季流感高峰期。",
    "{p}居民投訴附近地盤施工至深夜，噪音嚴重影響休息。",
    "教育局宣布，{n}間小學將參與人工智能教學先導計劃。",
    "康文署將於中秋節期間在{p}舉辦綵燈會，預計吸引大批市民入場。",
    "{p}一幢住宅大廈週一清晨發生火警，消防處表示事件中有{n}人受傷。",
    "房委會表示，未來一個財政年度將有{n}萬個公屋單位落成。",
    "上半年訪港旅客人次達{n}百萬，大部分來自內地。",
    "立法會通過條例草案延長有薪產假，新安排將於{n}個月後生效。",
    "運輸署表示，一條連接{p}與機場的新巴士路線下週一起投入服務。",
    "本地大學研究團隊研發出低成本感應器，可偵測舊樓水管滲漏。",
    "金管局宣布維持基本利率不變，指通脹穩定，勞工市場具韌性。",
    "主辦單位表示，雖然天氣炎熱潮濕，週日的馬拉松仍吸引{n}萬名跑手參加。",
]
HANS = [
    "国家统计局数据显示，前三季度国内生产总值同比增长百分之{n}点{n}。",
    "{p}地铁新线路今日开通运营，全长{n}公里，设站{n}座。",
    "气象台发布预报，{p}未来三天将有中到大雨，局部地区有暴雨。",
    "教育部印发通知，要求各地做好秋季学期开学准备工作，确保校园安全。",
    "{p}举办国际马拉松赛，来自{n}个国家和地区的{n}万名选手参赛。",
    "商务部表示，前十个月我国货物贸易进出口总值同比增长百分之{n}。",
    "国家卫健委提醒，秋冬季是呼吸道疾病高发季节，公众应注意防护。",
    "{p}今年新建保障性住房{n}万套，惠及大量新市民和青年人。",
    "科技部介绍，我国在量子通信领域取得一系列重要突破。",
    "文化和旅游部数据显示，国庆假期全国国内旅游出游{n}亿人次。",
    "{p}一居民楼发生火灾，消防部门迅速处置，{n}名被困人员被安全救出。",
    "中国人民银行宣布下调存款准备金率{n}个百分点，释放长期资金。",
    "农业农村部表示，今年全国粮食总产量再创历史新高。",
    "{p}警方破获一起盗窃电动车案件，抓获犯罪嫌疑人{n}名。",
    "国家铁路集团表示，春运期间预计发送旅客{n}亿人次。",
    "生态环境部通报，全国地级及以上城市空气质量优良天数比例持续提升。",
    "工业和信息化部表示，将加快推进5G网络建设和应用。",
    "{p}博物馆推出文物特展，展出珍贵文物{n}件，吸引众多市民参观。",
]
# ---------------------------------------------------------------- relevant statements (a small share)
REL_EN = [
    "Secretary for Security Chris Tang said the absconders would be pursued for life wherever they are.",
    "Police issued arrest warrants for {n} activists living abroad and offered rewards of HK$1 million each.",
    "The government cancelled the passports of {n} absconders under the Safeguarding National Security Ordinance.",
    "The CCDI said {n} fugitives were brought back from abroad under the Sky Net campaign this year.",
    "The Taiwan Affairs Office warned that diehard Taiwan independence separatists would be held accountable for life.",
    "Amnesty International condemned the bounties as transnational repression against activists abroad.",
]
REL_HANT = [
    "保安局局長鄧炳強表示，潛逃者無論身在何處，都會被終身追究。",
    "警方國安處以每人一百萬元懸紅通緝{n}名身處海外的人士。",
    "入境處已取消{n}名潛逃者的特區護照。",
    "國際特赦組織批評港府懸紅通緝海外人士，形容為跨國鎮壓。",
]
REL_HANS = [
    "外交部发言人表示，中方坚定支持香港特区政府依法缉拿潜逃者。",
    "中央纪委国家监委通报，今年共追回外逃人员{n}人。",
    "国台办发言人表示，对台独顽固分子将依法终身追责。",
    "公安部表示将继续开展猎狐行动，将外逃经济犯罪嫌疑人缉捕归案。",
]


def _fill(rng: random.Random, tpl: str, places: list[str]) -> str:
    out = tpl
    while "{n}" in out:
        out = out.replace("{n}", str(rng.randint(2, 99)), 1)
    return out.replace("{p}", rng.choice(places))


def make_corpus(target_mb: float, seed: int, relevant: float) -> list[tuple[str, str]]:
    """(lang, text) documents of 12-30 sentences until ``target_mb`` MB of UTF-8."""
    rng = random.Random(seed)
    docs: list[tuple[str, str]] = []
    size = 0
    while size < target_mb * 1_000_000:
        lang = rng.choices(["en", "zh-Hant", "zh-Hans"], weights=[4, 3, 3])[0]
        bulk, rel, places, sep = {
            "en": (EN, REL_EN, PLACES_EN, " "),
            "zh-Hant": (HANT, REL_HANT, PLACES_ZH, ""),
            "zh-Hans": (HANS, REL_HANS, PLACES_ZH, ""),
        }[lang]
        sents = []
        for _ in range(rng.randint(12, 30)):
            pool = rel if rng.random() < relevant else bulk
            sents.append(_fill(rng, rng.choice(pool), places))
        paras = [sep.join(sents[i : i + 4]) for i in range(0, len(sents), 4)]
        text = "\n".join(paras)
        docs.append((lang, text))
        size += len(text.encode("utf-8"))
    return docs


def _timed_passes(ex: Any, docs: list[BenchDoc], repeats: int) -> dict[str, Any]:
    """Interleaved analyze and jieba passes over ``docs``; the best of each and every pass's ratio."""
    import jieba

    def analyze_pass() -> tuple[float, int]:
        t0 = time.perf_counter()
        n = sum(len(ex.extract(d.text, lang=d.lang, publisher=d.publisher)) for d in docs)
        return time.perf_counter() - t0, n

    def jieba_pass() -> tuple[float, int]:
        t0 = time.perf_counter()
        n = sum(len(jieba.lcut(d.text)) for d in docs)
        return time.perf_counter() - t0, n

    runs_a, runs_j = [], []
    for _ in range(max(1, repeats)):  # interleaved, so both see the same machine load
        runs_a.append(analyze_pass())
        runs_j.append(jieba_pass())
    return {"analyze": min(runs_a), "jieba": min(runs_j), "per_pass": [j / a for (a, _), (j, _) in zip(runs_a, runs_j)]}


def _heap_peak(ex: Any, docs: list[BenchDoc]) -> tuple[int, int]:
    """Peak Python heap while analysing a tenth of ``docs`` (tracemalloc slows everything down)."""
    sl = docs[: max(1, len(docs) // 10)]
    tracemalloc.start()
    for d in sl:
        ex.extract(d.text, lang=d.lang, publisher=d.publisher)
    _cur, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return len(sl), peak


def _mb(docs: list[BenchDoc]) -> float:
    return sum(len(d.text.encode("utf-8")) for d in docs) / 1e6


def _langs(docs: list[BenchDoc]) -> str:
    counts: dict[str, int] = {}
    for d in docs:
        counts[d.lang or "?"] = counts.get(d.lang or "?", 0) + 1
    return ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))


def measure(name: str, ex: Any, docs: list[BenchDoc], repeats: int) -> bool:
    """Print one corpus's figures; True when both targets are met."""
    mb = _mb(docs)
    r = _timed_passes(ex, docs, repeats)
    (analyze_s, found), (jieba_s, tokens) = r["analyze"], r["jieba"]
    analyze_mbs, jieba_mbs = mb / analyze_s, mb / jieba_s
    ratio = analyze_mbs / jieba_mbs
    n_slice, heap_peak = _heap_peak(ex, docs)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB; the process so far
    print(f"[{name}] analyze:     {analyze_s:7.2f} s  {analyze_mbs:7.2f} MB/s  ({found} detections)")
    print(f"[{name}] jieba.lcut:  {jieba_s:7.2f} s  {jieba_mbs:7.2f} MB/s  ({tokens} tokens)")
    print(
        f"[{name}] ratio analyze / jieba.lcut: {ratio:.1f}x (target >= {TARGET_RATIO:.0f}x); best of "
        f"{len(r['per_pass'])} passes each, per pass " + ", ".join(f"{x:.1f}x" for x in r["per_pass"])
    )
    print(
        f"[{name}] peak RSS so far: {rss_mb:.0f} MB (target < {TARGET_RSS_MB:.0f} MB); tracemalloc peak "
        f"during analyze (slice of {n_slice} documents): {heap_peak / 1024:.0f} KiB"
    )
    ok = ratio >= TARGET_RATIO and rss_mb < TARGET_RSS_MB
    print(f"[{name}] result:", "ok" if ok else "TARGET MISSED", flush=True)
    return ok


def profile(ex: Any, docs: list[BenchDoc], top: int) -> None:
    """One analyze pass under cProfile: the top ``top`` functions by cumulative and by own time."""
    import cProfile
    import io
    import pstats

    prof = cProfile.Profile()
    prof.enable()
    for d in docs:
        ex.extract(d.text, lang=d.lang, publisher=d.publisher)
    prof.disable()
    for key in ("cumulative", "tottime"):
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).strip_dirs().sort_stats(key).print_stats(top)
        print(f"== profile of one analyze pass over the real corpus, top {top} by {key}")
        print(buf.getvalue().split("\n", 4)[-1].rstrip())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=3.0, help="synthetic corpus size in MB of UTF-8 (default 3)")
    ap.add_argument("--seed", type=int, default=7, help="synthetic corpus seed")
    ap.add_argument(
        "--relevant", type=float, default=0.05, help="synthetic corpus: share of relevant sentences (default 0.05)"
    )
    ap.add_argument(
        "--repeats",
        type=int,
        default=3,
        help="timed passes of each, interleaved; the best is reported (default 3: a shared machine's "
        "load varies, and the fastest pass is the least disturbed one)",
    )
    ap.add_argument("--real", type=Path, default=REAL_DIR, help=f"saved real pages (default {REAL_DIR})")
    ap.add_argument(
        "--statements",
        type=Path,
        default=None,
        help="labelled real documents (default: longarm.nlp.corpus.corpus_dir(), ../shared/corpus/statements)",
    )
    ap.add_argument("--no-synthetic", action="store_true", help="real corpus only")
    ap.add_argument(
        "--no-model",
        action="store_true",
        help="the rules alone (ThreatExtractor(model=False)), to see what the model costs",
    )
    ap.add_argument(
        "--profile",
        type=int,
        metavar="N",
        default=0,
        help="after the timings, profile one analyze pass over the real corpus and print the top N",
    )
    args = ap.parse_args()

    real = None
    try:
        real = load_real_corpus(args.real, args.statements)
    except FileNotFoundError as exc:
        print(f"real corpus: skipped ({exc})")
    if real is not None:
        pages, stm = real.pages, real.statements
        print(
            f"real corpus: {len(real.docs)} documents, {_mb(real.docs):.2f} MB: {len(pages)} saved pages "
            f"({_mb(pages):.2f} MB of main text) + {len(stm)} labelled documents ({_mb(stm):.2f} MB); "
            f"languages: {_langs(real.docs)}"
        )
        for what, why in real.skipped:
            print(f"  not a document: {what}: {why}")

    synthetic = (
        []
        if args.no_synthetic
        else [BenchDoc("synthetic", lang, text, None) for lang, text in make_corpus(args.mb, args.seed, args.relevant)]
    )
    if synthetic:
        print(
            f"synthetic corpus: {len(synthetic)} documents, {_mb(synthetic):.2f} MB (en/zh-Hant/zh-Hans), "
            f"{args.relevant:.0%} relevant sentences"
        )

    t0 = time.perf_counter()
    from longarm.nlp import ThreatExtractor

    ex = ThreatExtractor(model=False) if args.no_model else ThreatExtractor()
    ex.extract("警方表示會繼續追緝潛逃海外的人士。")  # loads jieba and our words once
    import jieba

    jieba.lcut("警方表示")
    load_s = time.perf_counter() - t0
    # Untimed warm-up over a few documents of each corpus: tables loaded on first use (pypinyin's,
    # about a second, when a local body is first named) belong to start-up, not to throughput.
    t1 = time.perf_counter()
    for d in [*(real.docs[:60] if real is not None else []), *synthetic[:60]]:
        ex.extract(d.text, lang=d.lang, publisher=d.publisher)
    warm_s = time.perf_counter() - t1
    model = getattr(ex, "model", None)
    print(
        f"extractor load (data files, automata, jieba dictionary, model): {load_s:.2f} s; untimed warm-up "
        f"on a few documents: {warm_s:.2f} s; sentence model: {'yes' if model is not None else 'none (rules alone)'}"
    )

    ok = True
    if real is not None and real.docs:
        ok &= measure("real", ex, real.docs, args.repeats)
    if synthetic:
        ok &= measure("synthetic", ex, synthetic, args.repeats)
    if args.profile and real is not None and real.docs:
        profile(ex, real.docs, args.profile)
    print("result:", "ok" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
