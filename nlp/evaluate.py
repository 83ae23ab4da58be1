"""Scoring the extractor on a labelled JSONL set (default: eval/threats.jsonl).

Why: rules drift as lexicons grow; every change is checked against the same
hand-labelled set, per language, on the numbers the project committed to
(detection F1, label accuracy, speaker accuracy, target recall and precision, instrument F1).

Input format (one JSON object per line; see eval/README.md)::

    {"id": "en-001", "lang": "en", "text": "...", "publisher": {"name": ..., "kind": ...}?,
     "detections": [{"label": "threat", "speaker": "...", "targets": [...], "instruments": [...],
                     "quote": "...", "start": 0, "end": 42}]}

``detections`` may be empty (a negative). ``start``/``end`` are optional (the quote
is then located in the text); a gold detection with neither quote nor offsets
matches any prediction in its item. A prediction matches a gold detection when
their spans overlap (greedy, largest overlap first, one-to-one).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterable

__all__ = ["DEFAULT_PATH", "DONE_WHEN", "load_items", "evaluate", "format_report"]

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "eval" / "threats.jsonl"
LANGS = ("en", "zh-Hant", "zh-Hans")

#: the project's done-when targets (issue 4); detection F1 applies to each language
DONE_WHEN = {"detection_f1": 0.85, "label_accuracy": 0.85, "speaker_accuracy": 0.8, "target_recall": 0.9}
#: the targets on the labelled real corpus (issue 9), each per script
REAL_DONE_WHEN = {"doc_f1": 0.90, "precision": 0.85, "recall": 0.85}


def load_items(path: str | Path | None = None) -> list[dict[str, Any]]:
    """Read and validate a labelled JSONL file; raises ValueError naming the bad line."""
    p = Path(path) if path else DEFAULT_PATH
    items = []
    with open(p, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"line {n}: not JSON ({exc.msg})") from exc
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                raise ValueError(f"line {n}: an object with a string 'text' is required")
            # the labelled real corpus (../shared/corpus/statements) calls them 'statements'
            gold = obj.get("detections", obj.get("statements", obj.get("expected", [])))
            if not isinstance(gold, list):
                raise ValueError(f"line {n}: 'detections' must be a list")
            for g in gold:
                if not isinstance(g, dict) or g.get("label") not in ("threat", "action"):
                    raise ValueError(f"line {n}: each detection needs label 'threat' or 'action'")
            obj["detections"] = gold
            obj.setdefault("id", str(n))
            items.append(obj)
    return items


def _span(text: str, d: dict[str, Any]) -> tuple[int, int] | None:
    if isinstance(d.get("start"), int) and isinstance(d.get("end"), int):
        return d["start"], d["end"]
    q = d.get("quote")
    if q:
        pos = text.find(q)
        if pos >= 0:
            return pos, pos + len(q)
    return None


def _match(text: str, gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index), largest overlap first."""
    cands = []
    for gi, g in enumerate(gold):
        gs = _span(text, g)
        for pi, p in enumerate(pred):
            if gs is None:
                overlap = 1
            else:
                overlap = min(gs[1], p["end"]) - max(gs[0], p["start"])
            if overlap > 0:
                cands.append((overlap, gi, pi))
    cands.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _ov, gi, pi in cands:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


class _Tally:
    def __init__(self) -> None:
        self.items = self.gold = self.pred = self.tp = 0
        self.doc_tp = self.doc_fp = self.doc_fn = 0
        self.label_ok = self.speaker_ok = 0
        self.tgt_gold = self.tgt_hit = self.tgt_pred = self.tgt_right = 0
        self.ins_tp = self.ins_fp = self.ins_fn = 0

    def metrics(self) -> dict[str, Any]:
        p = self.tp / self.pred if self.pred else (1.0 if not self.gold else 0.0)
        r = self.tp / self.gold if self.gold else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        ip = self.ins_tp / (self.ins_tp + self.ins_fp) if self.ins_tp + self.ins_fp else 1.0
        ir = self.ins_tp / (self.ins_tp + self.ins_fn) if self.ins_tp + self.ins_fn else 1.0
        dp = self.doc_tp / (self.doc_tp + self.doc_fp) if self.doc_tp + self.doc_fp else 1.0
        dr = self.doc_tp / (self.doc_tp + self.doc_fn) if self.doc_tp + self.doc_fn else 1.0
        return {
            "items": self.items,
            "gold": self.gold,
            "predicted": self.pred,
            "matched": self.tp,
            "doc_precision": round(dp, 4),
            "doc_recall": round(dr, 4),
            "doc_f1": round(2 * dp * dr / (dp + dr), 4) if dp + dr else 0.0,
            "precision": round(p, 4),
            "recall": round(r, 4),
            "detection_f1": round(f1, 4),
            "label_accuracy": round(self.label_ok / self.tp, 4) if self.tp else None,
            "speaker_accuracy": round(self.speaker_ok / self.tp, 4) if self.tp else None,
            "target_recall": round(self.tgt_hit / self.tgt_gold, 4) if self.tgt_gold else None,
            "target_precision": round(self.tgt_right / self.tgt_pred, 4) if self.tgt_pred else None,
            "instrument_f1": round(2 * ip * ir / (ip + ir), 4) if ip + ir else 0.0,
        }


def evaluate(
    path: str | Path | None = None,
    extractor: Any = None,
    details: bool = False,
    items: list[dict[str, Any]] | None = None,
    label: str | None = None,
    targets: dict[str, float] | None = None,
) -> dict[str, Any]:
    """Precision/recall/F1 of detection, label and speaker accuracy, target recall (and precision:
    the people a matched detection names who are its statement's targets) and
    instrument F1, overall and per language ("en", "zh-Hant", "zh-Hans").

    Label, speaker, targets and instruments are scored on matched detections only
    (so a miss is counted once, in detection recall). A speaker is right when it is the
    gold one or one of its ``speaker_alt``; a target is found when the prediction names it
    canonically or in one of the forms the document writes it in (``names``). Document
    figures count an item as positive when it holds at least one statement. With
    ``details`` the result also lists every disagreement, for error analysis. ``items``
    (already loaded, e.g. a split of the real corpus) replaces ``path``.
    """
    from .extractor import ThreatExtractor
    from .language import detect_language

    ex = extractor or ThreatExtractor()
    if items is None:
        items = load_items(path)
    else:
        items = [dict(it, detections=it.get("detections", it.get("statements", []))) for it in items]
    tallies = {"overall": _Tally(), **{lang: _Tally() for lang in LANGS}}
    errors: list[dict[str, Any]] = []
    for it in items:
        text = it["text"]
        lang = it.get("lang") or detect_language(text)
        pred = [d.to_dict() for d in ex.extract(text, lang=lang, publisher=it.get("publisher"))]
        gold = it["detections"]
        pairs = _match(text, gold, pred)
        groups = [tallies["overall"]] + ([tallies[lang]] if lang in tallies else [])
        for t in groups:
            t.items += 1
            t.doc_tp += bool(gold) and bool(pred)
            t.doc_fp += (not gold) and bool(pred)
            t.doc_fn += bool(gold) and not pred
            t.gold += len(gold)
            t.pred += len(pred)
            t.tp += len(pairs)
        matched_g = {g for g, _ in pairs}
        matched_p = {p for _, p in pairs}
        if details:
            for gi, g in enumerate(gold):
                if gi not in matched_g:
                    errors.append({"id": it["id"], "kind": "missed", "gold": g})
            for pi, p in enumerate(pred):
                if pi not in matched_p:
                    errors.append({"id": it["id"], "kind": "spurious", "pred": p})
        for gi, pi in pairs:
            g, p = gold[gi], pred[pi]
            label_ok = g["label"] == p["label"]
            speakers_ok = {g.get("speaker") or None, *(g.get("speaker_alt") or [])}
            speaker_ok = (p.get("speaker") or None) in speakers_ok
            gt = set(g.get("targets") or [])
            # each predicted name as the gold people it is a form of (else as written): matched once,
            # giving both the recall's set (names as written and their people) and the precision's
            names = p.get("targets") or []
            named = {n: _canonical_targets([n], it.get("names") or []) - {n} or {n} for n in names}
            pt = set(names).union(*named.values())
            people = {frozenset(c) for c in named.values()}
            gi_, pi_ = set(g.get("instruments") or []), set(p.get("instruments") or [])
            for t in groups:
                t.label_ok += label_ok
                t.speaker_ok += speaker_ok
                t.tgt_gold += len(gt)
                t.tgt_hit += len(gt & pt)
                t.tgt_pred += len(people)
                t.tgt_right += sum(1 for c in people if c & gt)
                t.ins_tp += len(gi_ & pi_)
                t.ins_fp += len(pi_ - gi_)
                t.ins_fn += len(gi_ - pi_)
            if details:
                for what, ok in (
                    ("label", label_ok),
                    ("speaker", speaker_ok),
                    ("targets", gt <= pt),
                    ("instruments", gi_ == pi_),
                ):
                    if not ok:
                        errors.append(
                            {
                                "id": it["id"],
                                "kind": what,
                                "gold": g.get(what),
                                "pred": p.get(what),
                                "quote": p["quote"],
                            }
                        )
    result: dict[str, Any] = {
        "overall": tallies["overall"].metrics(),
        "by_lang": {lang: tallies[lang].metrics() for lang in LANGS if tallies[lang].items},
    }
    result["done_when"] = _done_when(result, targets)
    result["path"] = label or str(Path(path) if path else DEFAULT_PATH)
    if details:
        result["errors"] = errors
    return result


def _canonical_targets(pred: list[str], names: Any) -> set[str]:
    """Predicted targets as canonical names: a name written as the document writes it
    (an unlisted target) counts as the gold person whose forms include it. ``names`` is
    the corpus's list of ``{"name": canonical, "aliases": [forms]}``."""
    out = set(pred)
    entries = names if isinstance(names, list) else [{"name": k, "aliases": v} for k, v in names.items()]
    for entry in entries:
        if not isinstance(entry, dict) or not entry.get("name"):
            continue
        forms = [entry["name"], *(entry.get("aliases") or [])]
        if any(p == f or (len(p) >= 2 and len(f) >= 2 and (p in f or f in p)) for p in pred for f in forms):
            out.add(entry["name"])
    return out


def _done_when(result: dict[str, Any], targets: dict[str, float] | None = None) -> dict[str, bool]:
    if targets is not None:  # per-script targets (the real corpus)
        return {
            f"{key}[{lang}]": (m[key] or 0) >= floor
            for lang, m in result["by_lang"].items()
            for key, floor in targets.items()
        }
    o = result["overall"]
    checks = {
        f"detection_f1[{lang}]": (m["detection_f1"] or 0) >= DONE_WHEN["detection_f1"]
        for lang, m in result["by_lang"].items()
    }
    for key in ("label_accuracy", "speaker_accuracy", "target_recall"):
        checks[key] = o[key] is None or o[key] >= DONE_WHEN[key]
    return checks


def format_report(metrics: dict[str, Any]) -> str:
    """A fixed-width table (what `longarm eval` prints)."""
    cols = [
        ("items", "items"),
        ("doc_precision", "doc_P"),
        ("doc_recall", "doc_R"),
        ("doc_f1", "doc_F1"),
        ("gold", "gold"),
        ("predicted", "pred"),
        ("precision", "P"),
        ("recall", "R"),
        ("detection_f1", "F1"),
        ("label_accuracy", "label"),
        ("speaker_accuracy", "speaker"),
        ("target_recall", "tgt_rec"),
        ("target_precision", "tgt_P"),
        ("instrument_f1", "instr_F1"),
    ]
    rows = [("overall", metrics["overall"]), *metrics.get("by_lang", {}).items()]

    def fmt(v: Any) -> str:
        if v is None:
            return "-"
        return f"{v:.3f}" if isinstance(v, float) else str(v)

    table = [["set", *[h for _, h in cols]]] + [[name, *[fmt(m.get(k)) for k, _ in cols]] for name, m in rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(table[0]))]
    lines = ["  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths))) for r in table]
    lines.insert(1, "  ".join("-" * w for w in widths))
    done = metrics.get("done_when", {})
    if done:
        lines.append("")
        lines.append("done-when: " + ", ".join(f"{k} {'ok' if v else 'FAIL'}" for k, v in done.items()))
    if metrics.get("path"):
        path = str(metrics["path"])
        try:  # relative to where the user stands, when it is below it
            path = os.path.relpath(path) if not os.path.relpath(path).startswith("..") else path
        except ValueError:
            pass
        lines.append(f"set: {path}")
    return "\n".join(lines)


def _main(argv: Iterable[str] | None = None) -> int:  # pragma: no cover - convenience for developers
    import argparse

    ap = argparse.ArgumentParser(description="score longarm.nlp.ThreatExtractor on a labelled JSONL set")
    ap.add_argument("path", nargs="?")
    ap.add_argument("--errors", action="store_true", help="list disagreements")
    args = ap.parse_args(list(argv) if argv is not None else None)
    m = evaluate(args.path, details=args.errors)
    print(format_report(m))
    for e in m.get("errors", []):
        print(json.dumps(e, ensure_ascii=False))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(_main())
