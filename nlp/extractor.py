"""The threat extractor: the sentence model decides, the rules explain.

Why both: rules tuned on written text did not carry over to real published text (issue 9:
statement F1 0.61 on the real test split), while their *evidence* does; a model trained on
the labelled real corpus decides, from the words and that evidence, which candidate sentences
are statements. Researchers must still see *why* a sentence was flagged: every detection keeps
the rules' speaker, targets, instruments and offsets, and the rules' hard gates (a non-state
speaker, a denial, another sense of the word, a reporter's question) hold whatever the model
says. Without a model (``model=False``) the rules decide alone. The lexicons and gazetteers
(data/*.toml) carry the knowledge; the rules weigh evidence:

1. normalise (traditional -> simplified, case folding; same offsets) and split
   sentences;
2. prefilter: an Aho-Corasick pass over the whole document finds trigger terms;
   only sentences containing one are analysed (this is what makes it fast);
3. in a candidate sentence, find every cue, instrument, negative and name; check
   one-character Chinese cues against jieba's word boundaries;
4. a detection needs enough "core" evidence (an act of pursuit) and a long-arm
   context (people abroad, fugitives, a named wanted person, a cross-border
   instrument), no negative that overrides it, and a speaker that is not a
   non-state actor (criticism by NGOs, foreign governments, activists);
5. label by threat vs action evidence; speaker = the name attached to a speech
   verb, else the sentence's subject, else the nearest attributed speaker in the
   preceding sentences, else the publisher; targets = named people, listed or not
   (nlp/names.py), or, for 'they' / 'the six', those named around the sentence;
6. with a model: candidates and the sentence after each are scored on their words and
   the evidence above (nlp/features.py); those above the model's threshold with a state
   speaker (the rules', else the state actor the document names nearest before) are
   detections, labelled by the model; a generic local body or a titled official is then
   named as the text names them (nlp/local_bodies.py, nlp/names.py).
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from .gazetteer import STATE_KINDS, Entity, Gazetteer, load_gazetteer
from .language import detect_language
from .lexicon import Cue, Lexicon, compile_term, load_lexicon
from .local_bodies import find_local_bodies
from .local_bodies import refine_speaker as local_body_for
from .names import group_reference, titled_speaker, unlisted_targets
from .normalize import normalize
from .romanize import person_name
from .prefilter import Hit, Matcher, Pattern
from .segment import register_words, token_bounds
from .sentences import split_sentences

__all__ = ["Detection", "ThreatExtractor"]

#: the keys data/cues.toml's [rules] must give (the extractor has no defaults of its own)
_RULE_KEYS = ("min_core", "target_core", "strong_threat", "tie_label", "context_sentences", "speech_window_before",
              "speech_window_after", "weak_window", "subject_window", "neutralizer", "neutralizer_window",
              "no_evidence_label", "person_window", "subject_speech_window", "veto_gates", "reporter_kinds",
              "vague_actors", "generic_aliases", "base_score", "listing_share", "descriptive_core",
              "max_sentence_chars", "score")


@dataclass
class Detection:
    """One threat or action statement found in a text (offsets into that text)."""

    label: str
    speaker: str | None
    speaker_kind: str | None
    targets: list[str]
    instruments: list[str]
    quote: str
    start: int
    end: int
    score: float
    #: what the rules saw (cue ids, negative roles, failed gates, weights): the model's features and
    #: the explanation of a detection; not part of the `analyze` output
    evidence: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    #: targets no gazetteer lists, as the text writes them (a subset of ``targets``)
    unlisted_targets: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Keys in the order of the `longarm analyze` format (docs/architecture.md); ``unlisted_targets``
        only when there are some."""
        d = {"label": self.label, "speaker": self.speaker, "speaker_kind": self.speaker_kind,
             "targets": list(self.targets), "instruments": list(self.instruments), "quote": self.quote,
             "start": self.start, "end": self.end, "score": self.score}
        if self.unlisted_targets:
            d["unlisted_targets"] = list(self.unlisted_targets)
        return d


# ---------------------------------------------------------------------------- mentions
@dataclass
class Mention:
    start: int
    end: int
    entity: Entity | None       # None for a generic critic ("rights groups")
    form: str                   # full | short | weak | title | critic
    state: bool
    holders: list[Entity] = field(default_factory=list)   # titles: people who hold the office

    @property
    def name(self) -> str | None:
        return self.entity.name if self.entity else None


@dataclass
class SentenceInfo:
    """What the full analysis found in one sentence (cached: context lookups reuse it)."""

    start: int
    end: int
    cue_hits: list[tuple[Hit, Cue]] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)        # speakers, critics (not persons)
    persons: list[Mention] = field(default_factory=list)         # targets gazetteer
    attributed: Mention | None = None     # the sentence's speaker (speech verb or subject)
    by_speech: bool = False               # attributed through a speech verb


def _lang_key(lang: str) -> str:
    return "en" if lang == "en" else "zh"


class ThreatExtractor:
    """Finds threat/action statements; build once (loads data files), call ``extract`` many times."""

    def __init__(self, lexicon: Lexicon | None = None, gazetteer: Gazetteer | None = None,
                 model: Any = None) -> None:
        """``model``: a ``SentenceModel``, a path to one, None for the one shipped with the package
        (rules alone when none ships), or False for the rules alone."""
        self.lex = lexicon or load_lexicon()
        self.model = _load_model(model)
        self.gaz = gazetteer or load_gazetteer()
        # every threshold and weight lives in data/cues.toml's [rules]; none has a default in code
        missing = [k for k in _RULE_KEYS if k not in self.lex.rules]
        if missing:
            raise ValueError(f"nlp/data/cues.toml [rules]: missing {', '.join(missing)} (see the comments there)")
        self.rules = dict(self.lex.rules)
        self._cue_by_id = {c.id: c for c in self.lex.cues if c.kind == "cue"}
        trigger_patterns: list[Pattern] = []
        all_patterns: list[Pattern] = []
        jieba_words: list[str] = []
        trigger_ids = self._trigger_ids()
        for cue in self.lex.cues:
            for term in cue.terms:
                key, prefix = compile_term(term)
                token = cue.token and not key.isascii()
                p = Pattern(key=key, prefix=prefix, token=token, payload=("cue", cue))
                all_patterns.append(p)
                if cue.trigger or cue.id in trigger_ids:
                    trigger_patterns.append(p)
                if not key.isascii():
                    jieba_words.append(key)
        # gazetteer names
        self._full_keys: dict[str, list[str]] = {}
        title_map: dict[str, tuple[str | None, list[Entity]]] = {}
        by_name = self.gaz.by_name()
        for office in self.gaz.offices:
            for t in office.titles:
                key, _ = compile_term(t)
                title_map.setdefault(key, (office.body, []))
        for ent in [*self.gaz.speakers, *self.gaz.people]:
            keys = []
            for a in dict.fromkeys([*ent.aliases, ent.name] if ent.table == "people" else ent.aliases):
                key, _ = compile_term(a)
                keys.append(key)
                all_patterns.append(Pattern(key=key, payload=("alias", (ent, "full"))))
                if not key.isascii():
                    jieba_words.append(key)
            self._full_keys[ent.name] = keys
            for a in ent.short:
                key, _ = compile_term(a)
                all_patterns.append(Pattern(key=key, case=a if a.isascii() else None, payload=("alias", (ent, "short"))))
            for a in ent.weak:
                key, _ = compile_term(a)
                all_patterns.append(Pattern(key=key, payload=("alias", (ent, "weak"))))
            for t in ent.titles:
                key, _ = compile_term(t)
                body, holders = title_map.setdefault(key, (None, []))
                holders.append(ent)
        for key, (body, holders) in title_map.items():
            all_patterns.append(Pattern(key=key, payload=("title", (by_name.get(body) if body else None, holders))))
            if not key.isascii():
                jieba_words.append(key)
        # full aliases of the wanted (people.toml): the cheap pre-test for name lists
        self._people_keys = sorted({k for ent in self.gaz.people for k in self._full_keys[ent.name] if len(k) >= 2})
        self._trigger = Matcher(_dedupe(trigger_patterns))
        self._full = Matcher(_dedupe(all_patterns))
        register_words(jieba_words)
        pub_patterns = [Pattern(key=compile_term(a)[0], payload=e)
                        for e in self.gaz.speakers for a in [e.name, *e.aliases]]
        self._publisher_matcher = Matcher(pub_patterns)

    def _trigger_ids(self) -> set[str]:
        """Cue ids a combo needs: any sentence meeting a combo contains its first member, so that
        member must reach the prefilter (combos can supply the core weight on their own)."""
        ids: set[str] = set()
        for c in self.lex.cues:
            for group in c.combos:
                if group:
                    ids.add(group[0])
        for combo in self.lex.combos:
            if (combo.core or combo.context) and combo.all_of:
                ids.update(combo.all_of[0])
        return ids

    # ------------------------------------------------------------------ public
    def extract(self, text: str, lang: str | None = None, publisher: dict[str, Any] | None = None) -> list[Detection]:
        """Detections in ``text``; offsets index ``text`` itself (``text[start:end] == quote``).

        With a sentence model (the default when one ships), the model decides which candidate
        sentences are statements and whether each threatens or reports; the rules give the
        evidence (speaker, targets, instruments, offsets) and the hard gate: no state speaker,
        no detection. Without one (``model=False``), the rules decide alone."""
        prepared = self._prepare(text, lang, publisher)
        if prepared is None:
            return []
        doc, candidates = prepared
        if self.model is None:
            rule_dets = self._rules_pass(doc, candidates)
            return [doc.refine_speaker(i, rule_dets[i]) for i in sorted(rule_dets)]
        forced: dict[int, tuple[Detection | None, str | None]] = {}
        rule_dets = self._rules_pass(doc, candidates, forced)
        out = []
        for i, feats, det in self._model_rows(doc, candidates, rule_dets, forced, every_row=False):
            if det is None:
                continue
            p_statement, p_threat = self.model.scores(feats)
            if p_statement < self.model.threshold:
                continue
            det = self._with_speaker(doc, i, det)
            if det is None:
                continue
            det = doc.refine_speaker(i, det)
            det.label = "threat" if p_threat >= 0.5 else "action"
            det.score = round(p_statement, 2)
            out.append(det)
        return out

    def sentence_rows(self, text: str, lang: str | None = None, publisher: dict[str, Any] | None = None
                      ) -> list[tuple[tuple[int, int], list[str], Detection | None]]:
        """For training: every candidate sentence's span, model features and the rules' forced
        reading (None when a non-state actor speaks)."""
        prepared = self._prepare(text, lang, publisher)
        if prepared is None:
            return []
        doc, candidates = prepared
        forced: dict[int, tuple[Detection | None, str | None]] = {}
        rule_dets = self._rules_pass(doc, candidates, forced)
        return [(doc.spans[i], feats, det) for i, feats, det in self._model_rows(doc, candidates, rule_dets, forced)]

    def _prepare(self, text: str, lang: str | None, publisher: dict[str, Any] | None) -> tuple["_Doc", set[int]] | None:
        if not text or not text.strip():
            return None
        lang = lang or detect_language(text)
        norm = normalize(text)
        positions = self._trigger.first_positions(norm)
        if not positions:
            return None
        spans = split_sentences(text, self.rules["max_sentence_chars"])
        if not spans:
            return None
        starts = [s for s, _ in spans]
        candidates: set[int] = set()
        for p in positions:
            i = bisect.bisect_right(starts, p) - 1
            if i >= 0 and p < spans[i][1]:
                candidates.add(i)
        return _Doc(self, text, norm, spans, lang, publisher), candidates

    def _rules_pass(self, doc: "_Doc", candidates: set[int],
                    forced: dict[int, tuple[Detection | None, str | None]] | None = None) -> dict[int, Detection]:
        """The rules' detections, in document order (a sentence's context is the detections before
        it). With ``forced`` (the model will score the sentences), each sentence is analysed once,
        with the soft gates recorded rather than ending it: the rules detect it when none failed, and
        the forced reading is kept for the model's features (one analysis per sentence, not two)."""
        for i in range(min(candidates, default=len(doc.spans)), len(doc.spans)):
            # candidates, and the sentence after a detection (it may list the names: "The five are ...")
            if i in candidates or ((i - 1) in doc.dets and doc.maybe_list(i)):
                if forced is None:
                    det = doc.analyse(i)
                else:
                    det = doc.analyse(i, force=True)
                    forced[i] = (det, doc.hard_fail)
                    if doc.failed:
                        det = None
                if det is not None:
                    doc.dets[i] = det
        return dict(doc.dets)

    def _model_rows(self, doc: "_Doc", candidates: set[int], rule_dets: dict[int, Detection],
                    forced: dict[int, tuple[Detection | None, str | None]], every_row: bool = True
                    ) -> list[tuple[int, list[str], Detection | None]]:
        """Candidate sentences (trigger sentences and the one after each: press releases go on
        about a measure without repeating its words) with their features and forced readings
        (``every_row`` False: only the sentences a hard gate did not end, the ones the model scores)."""
        from .features import sentence_features

        wider = sorted(candidates | {i + 1 for i in candidates if i + 1 < len(doc.spans)} | set(rule_dets))
        rows = []
        ngram_cache: dict[tuple[int, str], list[str]] = {}
        for i in wider:
            if i in forced:
                det, hard_fail = forced[i]
            else:
                det = doc.analyse(i, force=True)
                hard_fail = doc.hard_fail
            if det is None and not every_row:
                continue
            near = (i - 1) in rule_dets or (i - 2) in rule_dets
            s, e = doc.spans[i]
            extra = []
            if det is not None and det.unlisted_targets:
                extra.append("unlisted_target")
            if group_reference(doc.norm, s, e, doc.lang):
                extra.append("group_reference")
            if find_local_bodies(doc.norm, s, e):
                extra.append("local_body")
            feats = sentence_features(doc.norm, doc.spans, i, doc.lang, det.evidence if det else None,
                                      hard_fail, det.speaker_kind if det else None, near, extra, ngram_cache)
            rows.append((i, feats, det))
        # what the whole document holds (a domestic round-up vs people abroad): every cue of its candidates
        doc_cues = sorted({"doc:" + c.id for i in wider for _h, c in doc.info(i).cue_hits})
        if rule_dets:
            doc_cues.append("doc:rule_detects")
        return [(i, feats + doc_cues, det) for i, feats, det in rows]

    def _with_speaker(self, doc: "_Doc", i: int, det: Detection) -> Detection | None:
        """A detection needs a state speaker: the rules' own, else the state actor the document
        names nearest before the sentence (the acting body of a news report), else none."""
        if det.speaker is not None:
            return det if det.speaker_kind in STATE_KINDS else None
        ent = doc.document_actor(doc.spans[i][0])
        if ent is None:
            return None
        det.speaker, det.speaker_kind = ent.name, ent.kind
        return det

    # ------------------------------------------------------------------ helpers used by _Doc
    def publisher_entity(self, publisher: dict[str, Any] | None) -> tuple[str | None, str | None]:
        if not publisher:
            return None, None
        name = publisher.get("name")
        kind = publisher.get("kind")
        if name:
            norm = normalize(name)
            hits = self._publisher_matcher.find(norm)
            full = [h for h in hits if h.end - h.start == len(norm)]
            if full:
                ent = full[0].pattern.payload
                return ent.name, ent.kind
            # a source's display name that opens with a known body ("Ministry of Foreign Affairs:
            # spokesperson's remarks ...", "China Daily (incl. Hong Kong edition)"): that body
            lead = [h for h in hits if h.start == 0 and (h.end == len(norm) or not norm[h.end].isalnum())]
            if lead:
                ent = max(lead, key=lambda h: h.end).pattern.payload
                if kind is None or ent.kind == kind or (ent.is_state and kind in STATE_KINDS):
                    return ent.name, ent.kind
        return name, kind


class _Doc:
    """Per-document state: sentence analyses (cached), first mentions for short names."""

    def __init__(self, ex: ThreatExtractor, text: str, norm: str, spans: list[tuple[int, int]], lang: str,
                 publisher: dict[str, Any] | None) -> None:
        self.ex = ex
        self.text = text
        self.norm = norm
        self.spans = spans
        self.lang = lang
        self.lk = _lang_key(lang)
        self.publisher = publisher
        self.rules = ex.rules
        self._info: dict[int, SentenceInfo] = {}
        self._first_full: dict[str, int] = {}
        self.dets: dict[int, Detection] = {}
        self._turns: list[tuple[int, int, str, Entity | None]] | None = None
        self._unlisted: dict[int, list[str]] = {}
        self._doc_people: list[str] | None = None
        # indexes built once per document so that no lookup rescans the text before a sentence
        # (linear time on long texts: issue 10)
        self._turn_starts: list[int] = []
        self._span_starts: list[int] = [s for s, _ in spans]
        self._key_positions: dict[str, list[int]] = {}
        self._question_ctx: dict[int, bool] = {}
        self._det_keys: list[int] = []
        self._actors: list[tuple[int, Entity]] | None = None
        self.force = False
        self.failed: list[str] = []
        self.hard_fail: str | None = None

    def maybe_list(self, i: int) -> bool:
        """Cheap test before the full analysis: could sentence i list two named people?"""
        s, e = self.spans[i]
        seg = self.norm[s:e]
        if not ("、" in seg or "," in seg or "，" in seg or " and " in seg or "及" in seg or "和" in seg):
            return False
        found = 0
        for key in self.ex._people_keys:
            if key in seg:
                found += 1
                if found >= 2:
                    return True
        return False

    # ---------------------------------------------------------------- transcript turns
    def turns(self) -> list[tuple[int, int, str, Entity | None]]:
        """Press-conference turns: (start, end, 'q' | 'a', speaker) for lines opening with a label.

        MFA and TAO transcripts ("Bloomberg: ...? / Zhao Lijian: ...", 问：… 答：…) and HK
        government ones ("Reporter: ... / Chief Executive: ...") give each turn to a labelled
        speaker until the next label. A question turn is the reporter's (its premises are no
        one's statement: LABELS.md, questions without their answer); in an answer turn the
        labelled official speaks every sentence that names no speaker of its own."""
        if self._turns is not None:
            return self._turns
        starts: list[tuple[int, str, Entity | None]] = []
        pos = 0
        for line in self.text.split("\n"):
            m = _LABEL.match(line)
            if m:
                turn = self._label_turn(pos + m.start(1), pos + m.end(1), line)
                if turn is not None:
                    starts.append((pos, *turn))
            pos += len(line) + 1
        self._turns = [(st, starts[k + 1][0] if k + 1 < len(starts) else len(self.text), kind, ent)
                       for k, (st, kind, ent) in enumerate(starts)]
        self._turn_starts = [t[0] for t in self._turns]
        return self._turns

    def _label_turn(self, s: int, e: int, line: str) -> tuple[str, Entity | None] | None:
        label = self.norm[s:e].strip()
        asks = line.rstrip(" \"'”」』）)").endswith(("?", "？"))
        if label in _Q_LABELS or _LCQ.match(label):
            return "q", None  # "LCQ12: Absconders wanted ...": the title of a LegCo question is the question's
        if label in _A_LABELS:
            return "a", None
        ent = None
        for h in self.ex._full.find(self.norm, s, e, self.text):
            cat, obj = h.pattern.payload
            if h.start - s > 0 or e - h.end > 0 or cat not in ("alias", "title"):
                continue
            if cat == "alias" and obj[0].table == "speakers":
                ent = obj[0]
            elif cat == "title":
                body, holders = obj
                named = [x for x in holders if self.first_full_mention(x) <= len(self.norm)]
                ent = min(named, key=lambda x: self.first_full_mention(x)) if named else body
        if ent is not None and ent.is_state and ent.kind not in ("state_media", "pro_beijing_media"):
            return "a", ent          # an official answers (even with a rhetorical question)
        raw = self.text[s:e].strip()
        if asks and (ent is not None or (raw[:1].isupper() or not raw.isascii())
                     and len(raw.split()) <= 6 and not raw[-1:].isdigit()):
            return "q", None         # "Bloomberg: ... What's your comment?", "CCTV: ...?"
        return None

    def turn_of(self, i: int) -> tuple[int, int, str, Entity | None] | None:
        s = self.spans[i][0]
        turns = self.turns()
        k = bisect.bisect_right(self._turn_starts, s) - 1   # turns are in order and do not overlap
        if k >= 0 and turns[k][0] <= s < turns[k][1]:
            return turns[k]
        return None

    def document_actor(self, before: int) -> Entity | None:
        """The state body or official (full name) the document names last before ``before``, else
        first after it: the actor of a news report whose sentence names none ("Police also froze
        ..." after "Hong Kong's national security police issued ...")."""
        if self._actors is None:
            self._actors = []
            for h in self.ex._full.iter_hits(self.norm, 0, None, self.text):
                cat, obj = h.pattern.payload
                if cat == "alias" and obj[1] == "full" and obj[0].table == "speakers" and obj[0].is_state:
                    self._actors.append((h.start, obj[0]))
        if not self._actors:
            return None
        # a vague actor ("Chinese authorities", 港府) yields to a specific body the document names
        # (the bureau that issued the notice): the latest specific one before, else the first after
        vague = set(self.rules["vague_actors"])
        k = bisect.bisect_left(self._actors, before, key=lambda a: a[0])
        specific = [a for a in self._actors if a[1].name not in vague]
        if specific:
            prior = [a for a in specific if a[0] < before]
            return prior[-1][1] if prior else specific[0][1]
        return self._actors[k - 1][1] if k > 0 else self._actors[0][1]

    # ---------------------------------------------------------------- name helpers
    def first_full_mention(self, ent: Entity) -> int:
        """Offset of the first full alias of ``ent`` in the document (or len+1 if none)."""
        if ent.name not in self._first_full:
            best = len(self.norm) + 1
            for key in self.ex._full_keys.get(ent.name, []):
                pos = self.norm.find(key)
                if pos != -1:
                    best = min(best, pos)
            self._first_full[ent.name] = best
        return self._first_full[ent.name]

    # ---------------------------------------------------------------- sentence analysis
    def info(self, i: int) -> SentenceInfo:
        if i in self._info:
            return self._info[i]
        s, e = self.spans[i]
        hits = self.ex._full.find(self.norm, s, e, self.text)
        info = SentenceInfo(s, e)
        token_hits = [h for h in hits if h.pattern.token]
        bounds: tuple[set[int], set[int]] | None = None
        if token_hits:
            bounds = token_bounds(self.norm, s, e)
        raw_mentions: list[Mention] = []
        for h in hits:
            cat, obj = h.pattern.payload
            if cat == "cue":
                if h.pattern.token and bounds is not None and not (h.start in bounds[0] and h.end in bounds[1]):
                    continue
                info.cue_hits.append((h, obj))
                if obj.kind == "negative" and obj.role == "critic":
                    raw_mentions.append(Mention(h.start, h.end, None, "critic", False))
            elif cat == "alias":
                ent, form = obj
                if form == "short" and self.first_full_mention(ent) >= h.start:
                    continue
                raw_mentions.append(Mention(h.start, h.end, ent, form, ent.is_state))
            elif cat == "title":
                body, holders = obj
                raw_mentions.append(Mention(h.start, h.end, body, "title", bool(body and body.is_state), holders))
        masks = [h for h, c in info.cue_hits if c.role == "mask"]
        if masks:
            info.cue_hits = [(h, c) for h, c in info.cue_hits if c.role == "mask" or
                             not any(h.start < m.end and m.start < h.end for m in masks)]
        mentions = _longest_first(raw_mentions)
        # 將/把 right before a name is the object marker (將沈伯洋列為 ...), not the future 'will'
        starts = {m.start for m in mentions}
        info.cue_hits = [(h, c) for h, c in info.cue_hits
                         if not (c.id == "future" and self.norm[h.start:h.end] == "将" and h.end in starts)]
        mentions = self._resolve_titles(mentions)
        info.mentions = [m for m in mentions if m.entity is None or m.entity.table == "speakers"]
        info.persons = [m for m in mentions if m.entity is not None and m.entity.table == "people"]
        info.attributed, info.by_speech = self._attribute(info)
        self._info[i] = info
        return info

    def _resolve_titles(self, mentions: list[Mention]) -> list[Mention]:
        out: list[Mention] = []
        for k, m in enumerate(mentions):
            if m.form != "title":
                out.append(m)
                continue
            holders = m.holders
            nxt = mentions[k + 1] if k + 1 < len(mentions) else None
            if nxt is not None and nxt.entity is not None and nxt.form == "full" and 0 <= nxt.start - m.end <= 3:
                continue  # "Secretary for Security Chris Tang": the name that follows is the speaker
            named = [h for h in holders if self.first_full_mention(h) <= len(self.norm)]
            if named:
                best = min(named, key=lambda h: abs(self.first_full_mention(h) - m.start))
                out.append(Mention(m.start, m.end, best, "title", best.is_state))
            elif m.entity is not None:
                out.append(Mention(m.start, m.end, m.entity, "title", m.entity.is_state))
        return out

    def _attribute(self, info: SentenceInfo) -> tuple[Mention | None, bool]:
        """The speaker mention the sentence attaches its statement to, and whether a speech verb did."""
        cands = [*info.mentions, *info.persons]
        if not cands:
            return None, False
        cands.sort(key=lambda m: m.start)
        before_w = self.rules["speech_window_before"][self.lk]
        after_w = self.rules["speech_window_after"][self.lk]
        weak_w = self.rules["weak_window"][self.lk]
        subj_w = self.rules["subject_window"][self.lk]
        # a dateline opening the sentence (【大公報訊】, 【文匯報訊】) is not its subject: the window starts after
        # it, and the outlet named in it is left to the publisher fallback (round 7)
        lead = _DATELINE.match(self.norm, info.start, info.end)
        if lead:
            subj_w += lead.end() - info.start
            cands = [m for m in cands if m.start >= lead.end()]
            if not cands:
                return None, False
        person_w = self.rules["person_window"][self.lk]
        subj_sw = self.rules["subject_speech_window"][self.lk]
        speech = [h for h, c in info.cue_hits if c.kind == "cue" and c.role == "speech" and not self._passive(h)]
        speech.sort(key=lambda h: h.start)
        # a target named as a possessor ("Anna Kwok's father", 郭鳳儀的父親) or a weak name used as a
        # modifier ("Amnesty's China director") is not who speaks
        speech_starts = {h.start for h in speech}
        starts = {m.start for m in cands}
        cands = [m for m in cands if not (self._possessive(m) and not self._owns_speaker(m, speech_starts))
                 and not (m.form == "weak" and self._locative(m))
                 and not (m.form == "weak" and (m.end in starts or m.end + 1 in starts))]  # 香港|國安警察: a modifier
        for sv in speech:
            before = [m for m in cands if m.end <= sv.start and sv.start - m.end <= before_w]
            own = self._own_subject(info, sv)
            before = [m for m in before if (m.form not in ("weak", "critic") or sv.start - m.end <= weak_w
                                            or (m.start - info.start <= subj_w and sv.start - m.end <= subj_sw
                                                and not own))
                      and (not _is_person(m) or sv.start - m.end <= person_w
                           or m.start - info.start <= subj_w)]  # a named person opening the sentence speaks
            if sv.pattern.payload[1].id == "speech_noun":
                # "TAO spokesperson Chen Binhua said": the official named right after the designation
                follow = [m for m in cands if 0 <= m.start - sv.end <= 2 and not self.norm[sv.end:m.start].strip()
                          and m.form == "full" and m.entity is not None and m.entity.table == "speakers"]
                if follow:
                    return follow[0], True
            if before:
                if len(before) >= 2 and _OF_LINK.match(self.norm[before[-2].end:before[-1].start]) \
                        and before[-2].form in ("full", "title", "short"):
                    return before[-2], True  # "Steve Li of the National Security Department said"
                return before[-1], True
            if sv.pattern.payload[1].id == "speech_noun" and (
                    self.lk == "zh" or not any(_FOR_LINK.match(self.norm[sv.end:m.start]) for m in cands)):
                continue  # 港澳辦發言人說，特區政府 ...: a designation's body comes before it ('a spokesman for X' aside)
            if self._pronoun_subject(sv) or self._noun_before(info, sv):
                continue  # "he added that the police would ...", 發言人說: the speaker is in the context
            after = [m for m in cands if m.start >= sv.end and m.start - sv.end <= after_w]
            after = [m for m in after if (m.form not in ("weak", "critic") or m.start - sv.end <= weak_w)
                     and (self.lk == "en" or not _is_person(m))]
            if after:
                return after[0], True
        if speech:
            # no name attached to a speech verb: a full state body or official opening the sentence is
            # still its subject ("The Police National Security Department today issued ... and announced")
            for m in cands:
                if m.start - info.start <= subj_w and m.form == "full" and m.state:
                    return m, False
            return None, False  # "..., the statement said" / 他說: the speaker is in the context
        # no speech verb: the subject opening the sentence, or the first unambiguous body or official
        for m in cands:
            if m.start - info.start <= subj_w:
                return m, False
        for m in info.mentions:
            if m.form not in ("weak", "critic") and m.state:
                return m, False
        return None, False

    def _pronoun_subject(self, sv: Hit) -> bool:
        """'she said', 'he added', 他表示: a pronoun subject right before the speech verb."""
        before = self.norm[max(0, sv.start - 6):sv.start]
        words = before.split()
        if self.lk == "en":
            return bool(words) and words[-1] in ("he", "she", "they", "it", "we")
        return before.endswith(("他", "她", "他們", "他们", "她們", "她们", "其"))

    def _noun_before(self, info: SentenceInfo, sv: Hit) -> bool:
        """發言人說 / 'the spokesman said': a designation is the verb's own subject."""
        return any(c.kind == "cue" and c.id == "speech_noun" and h.end <= sv.start
                   and not self.norm[h.end:sv.start].strip(" ") for h, c in info.cue_hits)

    def _passive(self, h: Hit) -> bool:
        """'bounties were announced', 'was reported': a passive verb names no speaker."""
        before = self.norm[max(0, h.start - 7):h.start].split()
        return bool(before) and before[-1] in ("was", "were", "been", "being", "be", "is", "are")

    def _own_subject(self, info: SentenceInfo, sv: Hit) -> bool:
        """Does the speech verb have its own subject right before it ('the statement said', 他說), or is
        it itself a noun phrase ('the statement', 'a spokesman')?"""
        words = self.norm[max(0, sv.start - 8):sv.start].split()
        if words and words[-1] in ("the", "a", "an", "its", "his", "her", "their", "this", "that"):
            return True
        for h, c in info.cue_hits:
            if h is sv or c.kind != "cue" or c.role not in ("speech", "anaphor"):
                continue
            if h.end <= sv.start and not self.norm[h.end:sv.start].strip(" "):
                return True
        return False

    def _owns_speaker(self, m: Mention, speech_starts: set[int]) -> bool:
        """'the Security Bureau's spokesman', 外交部的發言人: the possessor is the speaker's body."""
        j = m.end + (1 if self.norm.startswith("的", m.end) else 2)
        while j < len(self.norm) and self.norm[j] == " ":
            j += 1
        return j in speech_starts and m.entity is not None and m.entity.table == "speakers"

    def _locative(self, m: Mention) -> bool:
        """'in Britain', 在美國, 'to China': a place, not a speaker."""
        before = self.norm[max(0, m.start - 6):m.start]
        words = before.split()
        return before.endswith(("在", "于", "於", "到", "往", "赴", "从", "從")) or (
            bool(words) and words[-1] in ("in", "to", "from", "at", "into", "across", "inside", "outside", "of", "the"))

    def _possessive(self, m: Mention) -> bool:
        """Is the mention followed by 's / 的, or (weak names) preceded by 's?"""
        after = self.norm[m.end:m.end + 2]
        if after.startswith("'s") or after.startswith("的"):
            return True
        return m.form == "weak" and self.norm[max(0, m.start - 3):m.start].rstrip().endswith("'s")

    # ---------------------------------------------------------------- the decision
    def _gate(self, name: str) -> bool:
        """A rule gate failed: stop (rules alone), or note it and go on (``force``: the model decides,
        and the failed gates are among its features)."""
        self.failed.append(name)
        if name in self.rules["veto_gates"]:
            self.hard_fail = name
            return True
        return not self.force

    def analyse(self, i: int, force: bool = False) -> Detection | None:
        """The rules' detection for sentence i, or None. With ``force`` the soft gates (evidence,
        context, negatives, questions) are recorded in ``self.failed`` instead of ending the analysis,
        so a sentence the model accepts still gets the rules' speaker, label, targets and instruments;
        the hard gate (a non-state speaker: NGOs, foreign governments, critics) always ends it, and
        is named in ``self.hard_fail``."""
        r = self.rules
        self.force = force
        self.failed: list[str] = []
        self.hard_fail: str | None = None
        info = self.info(i)
        core = 0.0
        context = False
        people_abroad = False
        threat_terms: dict[str, float] = {}
        action_terms: dict[str, float] = {}
        instruments: list[str] = []
        present: set[str] = set()
        roles: dict[str, list[Hit]] = {}
        strong = False
        core_by_id: dict[str, float] = {}
        cue_hits = _drop_nested_instruments(info.cue_hits)
        for h, c in sorted(cue_hits, key=lambda x: x[0].start):
            present.add(c.id)
            if c.kind == "negative":
                roles.setdefault(c.role, []).append(h)
                continue
            if c.kind == "cue" and c.role in ("speech", "anaphor", "aux") and not (c.threat or c.action or c.core):
                continue
            core_by_id[c.id] = max(core_by_id.get(c.id, 0.0), c.core)
            if c.context:
                context = True
            if c.abroad:
                people_abroad = True
            if c.threat:
                threat_terms[h.pattern.key] = max(threat_terms.get(h.pattern.key, 0.0), c.threat)
                strong = strong or c.threat >= r["strong_threat"]
            if c.action:
                action_terms[h.pattern.key] = max(action_terms.get(h.pattern.key, 0.0), c.action)
            if c.kind == "instrument" and c.role not in instruments:
                instruments.append(c.role)
        # instruments and combos that need several cues together
        for c in self.ex.lex.cues:
            if c.kind == "instrument" and c.combos and c.role not in instruments:
                if any(all(cid in present for cid in group) for group in c.combos):
                    instruments.append(c.role)
                    core_by_id[c.id + "#combo"] = c.core
                    context = context or c.context
        for combo in self.ex.lex.combos:
            if all(any(cid in present for cid in group) for group in combo.all_of):
                core_by_id[combo.id] = combo.core
                if combo.context:
                    context = True
                if combo.abroad:
                    people_abroad = True
                if combo.threat:
                    threat_terms["#" + combo.id] = combo.threat
                    strong = strong or combo.threat >= r["strong_threat"]
                if combo.action:
                    action_terms["#" + combo.id] = combo.action
        core = sum(core_by_id.values())
        # describing the people ("they are fugitives", 沈伯洋是台獨頑固分子, "absconders who endanger
        # national security") is no act of pursuit: some other core evidence must be there (round 7)
        acts = any(v > 0 for k, v in core_by_id.items() if k not in r["descriptive_core"])
        attributed = info.attributed
        persons = [m for m in info.persons if not (info.by_speech and m is attributed)]
        if persons:
            core += r["target_core"]
            context = people_abroad = True
        elif "anaphor" in present and self._antecedent_abroad(i):
            core += r["target_core"]  # 'they' / 他們 refers to the people abroad named just before
            context = people_abroad = True
        if not context and attributed is not None and attributed.entity is not None and attributed.entity.context:
            context = True  # e.g. the national security police announcing warrants and bounties
        turn = self.turn_of(i)
        if not context and "anaphor" in present and turn is not None and turn[2] == "a" \
                and self._question_context(turn):
            # 'them' in an answer can be the people the question asked about: "Bloomberg: ... eight
            # activists living overseas? Mao Ning: ... We support the police in bringing them to
            # justice." (round 7)
            context = True
        if not context and "anaphor" in present and self._det_before(i, turn):
            # 上述犯罪嫌疑人 / 'the above persons' after the list of a notice: the people of the notice's
            # detection earlier in the document (same transcript turn); round 7, whole documents
            context = True
            if not persons:
                core += r["target_core"]  # as for 'they' after people abroad (_antecedent_abroad)
        if not context and core >= r["min_core"] + r["target_core"] and self._abroad_before(i, turn):
            # strong pursuit wording right after the notice says who the people are and where (the
            # opening of a bounty notice: 台湾地区民进党当局军方…人员 … 现向社会公开悬赏通缉以下十八名
            # 犯罪嫌疑人); round 7, whole documents
            context = True
        if not context and ((i - 1) in self.dets or (i - 2) in self.dets):
            # a press release goes on about the same pursuit ("... issued a bounty notice for 18
            # officers. The bureau said those who turned themselves in would be treated leniently.")
            context = True
        # "The five are A, B, C ..." / 八人包括甲、乙、丙: names listed right after a detection
        prev = self.dets.get(i - 1)
        listing = (prev is not None and len({m.name for m in persons}) >= 2
                   and sum(m.end - m.start for m in persons) >= r["listing_share"] * (info.end - info.start))
        if (core < r["min_core"] or not context or not acts) and not listing:
            if not self.force:
                return None
            self.failed += [g for g, bad in (("weak_core", core < r["min_core"]), ("no_context", not context),
                                             ("no_act", not acts)) if bad]
        listing = listing and core < r["min_core"] + r["target_core"]
        if turn is not None and turn[2] == "q":
            if self._gate("question_turn"): return None  # a reporter's question and its premises, not an official's statement
        # --- negatives
        if "other_sense" in roles and not persons:
            if self._gate("other_sense"): return None
        if "domestic" in roles and not people_abroad:
            if self._gate("domestic"): return None
        if "denial" in roles and not strong:
            if self._gate("denial"): return None
        if "legal_rule" in roles and not persons:
            if self._gate("legal_rule"): return None
        if not strong and self.text[info.start:info.end].rstrip(" \"'”」』）)").endswith(("?", "？")):
            if self._gate("question"): return None  # a question put to an official (their answer is another sentence)
        if "asked" in roles and not strong:
            last_q = max(h.end for h in roles["asked"])
            if not any(c.role == "speech" and h.start >= last_q for h, c in info.cue_hits if c.kind == "cue"):
                if self._gate("asked"): return None
        # --- speaker
        speaker_ent: Entity | None = None
        speaker_name: str | None = None
        speaker_kind: str | None = None
        firm = False  # the state speaker is the sentence's own (speech verb or opening subject)
        # in an official's answer (transcript turn) a sentence with no speech verb of its own is the
        # official's, whatever its grammatical subject ("Mao Ning: The central government supports ...")
        answer = turn is not None and turn[2] == "a" and not info.by_speech
        if attributed is not None and not answer:
            if attributed.state:
                speaker_ent = attributed.entity
                firm = info.by_speech or attributed.start - info.start <= r["subject_window"][self.lk]
            elif self._reporter(attributed):
                # a news outlet that reports ("Reuters reported", 路透社報導, "told CNN") is no speaker
                # of its own: the state body the sentence names acted, else the one named around it
                acting = [m for m in info.mentions if m.state and m.entity is not None]
                if acting:
                    speaker_ent = acting[0].entity
            elif info.by_speech or attributed.entity is None or attributed.entity.table == "speakers":
                self.hard_fail = "non_state_speaker"; return None  # a non-state actor's words or deeds: criticism, testimony, not a threat
        if answer and turn is not None and turn[3] is not None:
            speaker_ent, firm = turn[3], True  # "Zhao Lijian: ... . No one can escape justice."
        elif answer and attributed is not None and attributed.state and attributed.entity is not None \
                and attributed.start - info.start <= r["subject_window"][self.lk]:
            # an unnamed answer ("Reply:", 答覆：, 答：): a state body opening the sentence is its subject
            # (警方會繼續依法追緝所有潛逃者 in the Secretary's LegCo reply is the police's; round 7)
            speaker_ent, firm = attributed.entity, True
        if "unattributed" in roles and not firm:
            if self._gate("unattributed"): return None  # anonymous letters or posters: no state actor's statement or deed
        criticism = [h for h in roles.get("criticism", []) if not self._neutralized(info, h)]
        if criticism and not firm and not strong:
            if self._gate("criticism"): return None
        if speaker_ent is None:
            # 答：... (no name): only a speech verb within the answer names another speaker; else the page's
            ctx = self._context_speaker(i, turn[0] if turn is not None else 0, speech_only=answer)
            if ctx is not None:
                if not ctx.state:
                    self.hard_fail = "non_state_context"; return None
                speaker_ent = ctx.entity
        if speaker_ent is not None and speaker_ent.name == _GENERIC_POLICE:
            speaker_ent = self._local_police(info.start) or speaker_ent
        if speaker_ent is not None:
            speaker_name, speaker_kind = speaker_ent.name, speaker_ent.kind
        else:
            speaker_name, speaker_kind = self.ex.publisher_entity(self.publisher)
            if speaker_kind is not None and speaker_kind not in STATE_KINDS:
                self.hard_fail = "non_state_publisher"; return None
        # --- label
        tw = sum(threat_terms.values())
        aw = sum(action_terms.values())
        if tw > aw:
            label = "threat"
        elif aw > tw:
            label = "action"
        elif tw == 0:
            named = [x for x in instruments if x not in ("nsl", "interpol")]
            label = r["no_evidence_label"] if named else ("threat" if r["no_evidence_label"] == "action" else "action")
        else:
            label = r["tie_label"]
        if listing and tw == aw:
            label = prev.label
        # --- targets
        targets = _unique(m.name for m in persons if m.name)
        unlisted = self.unlisted_names(i)
        targets = _unique([*targets, *unlisted])
        if group_reference(self.norm, info.start, info.end, self.lang):
            # "8名海外港人", "19人", "six more activists": the group is everyone the document names as a
            # target (the notice's list, usually further down)
            targets = _unique([*targets, *self.document_people()])
        if not targets and ("anaphor" in present or group_reference(self.norm, info.start, info.end, self.lang)):
            targets, unlisted = self._context_targets(i)
        s, e = info.start, info.end
        w = r["score"]
        score = r["base_score"] + w["per_core"] * min(core - r["min_core"], w["core_cap"]) \
            + w["per_lean"] * min(abs(tw - aw), w["lean_cap"])
        score += w["own_speaker"] if speaker_ent is not None else 0.0
        score -= w["hypothetical"] if "hypothetical" in roles else 0.0
        score = round(max(w["floor"], min(w["ceiling"], score)), 2)
        det = Detection(label=label, speaker=speaker_name, speaker_kind=speaker_kind, targets=targets,
                        instruments=instruments, quote=self.text[s:e], start=s, end=e, score=score,
                        unlisted_targets=[t for t in targets if t in unlisted])
        det.evidence = {"cues": sorted(present), "roles": sorted(roles), "failed": list(self.failed),
                        "core": core, "context": context, "abroad": people_abroad, "strong": strong,
                        "threat_weight": tw, "action_weight": aw, "persons": len(persons), "listing": listing,
                        "own_speaker": speaker_ent is not None, "firm": firm,
                        "turn": turn[2] if turn is not None else None}
        return det

    def _local_police(self, before: int) -> Entity | None:
        """A bare 'police' / 警方 (read as the Hong Kong police) after a mainland city bureau was
        named earlier in the document is that bureau (广州市公安局天河区分局发布悬赏通告 ... 警方表示 ...)."""
        best, best_key = None, (-1, 0)
        for ent in self.ex.gaz.speakers:
            if not ent.local_police:
                continue
            for key in self.ex._full_keys.get(ent.name, []):
                pos = self._rfind(key, before)
                # the latest mention; of two ending together (公安局 in 厦门市公安局), the longer
                if pos != -1 and (pos + len(key), len(key)) > best_key:
                    best, best_key = ent, (pos + len(key), len(key))
        if best is None:
            return None
        best_pos = best_key[0] - best_key[1]
        # a Hong Kong police body named after it takes 'police' back
        for key in self.ex._full_keys.get(_GENERIC_POLICE, []) + self.ex._full_keys.get("Police National Security Department", []):
            if self._rfind(key, before) > best_pos:
                return None
        return best

    def _rfind(self, key: str, before: int) -> int:
        """``self.norm.rfind(key, 0, before)`` from an index of the key's occurrences (built once per
        document): a bisect per lookup instead of a scan of the document up to ``before``."""
        pos = self._key_positions.get(key)
        if pos is None:
            pos = []
            k = self.norm.find(key)
            while k != -1:
                pos.append(k)
                k = self.norm.find(key, k + 1)
            self._key_positions[key] = pos
        k = bisect.bisect_right(pos, before - len(key)) - 1
        return pos[k] if k >= 0 else -1

    def _det_before(self, i: int, turn: tuple[int, int, str, Entity | None] | None) -> bool:
        """Is there a detection before sentence i (within ``turn`` when given)? The latest one
        before i decides: found by bisection, not by a scan of all of them (the model pass asks
        again for every candidate once the rules pass has recorded its detections)."""
        if not self.dets:
            return False
        j = next(reversed(self.dets))   # the rules pass records detections in document order
        if j >= i:
            if len(self._det_keys) != len(self.dets):
                self._det_keys = sorted(self.dets)
            k = bisect.bisect_left(self._det_keys, i) - 1
            if k < 0:
                return False
            j = self._det_keys[k]
        return turn is None or self.spans[j][0] >= turn[0]

    def _neutralized(self, info: SentenceInfo, crit: Hit) -> bool:
        """Is this criticism word quoted by the speaker ('so-called transnational repression')?"""
        nid = self.rules["neutralizer"]
        w = self.rules["neutralizer_window"]
        return any(c.id == nid and 0 <= crit.start - h.end <= w for h, c in info.cue_hits)

    def _context_speaker(self, i: int, since: int = 0, speech_only: bool = False) -> Mention | None:
        """Nearest speaker in the preceding sentences: one attached by a speech verb (state or not),
        or a state body/official opening a sentence ("Police issued ... . They will ...");
        never before ``since`` (the start of a transcript turn: the question is not the answer's)."""
        for j in range(i - 1, max(-1, i - 1 - self.rules["context_sentences"]), -1):
            if self.spans[j][0] < since:
                break
            inf = self.info(j)
            att = inf.attributed
            if att is None or self._reporter(att):
                continue
            if inf.by_speech or (att.state and not speech_only):
                return att
        return None

    def _reporter(self, m: Mention) -> bool:
        """Is this mention a news outlet that is not a state actor (its reports count, as the acting
        body's statements; the real corpus's convention 2)?"""
        return m.entity is not None and m.entity.kind in self.rules["reporter_kinds"]

    def _abroad_before(self, i: int, turn: tuple[int, int, str, Entity | None] | None) -> bool:
        """Does one of the two sentences before (in the same turn) place people abroad?"""
        for j in range(i - 1, max(-1, i - 3), -1):
            if turn is not None and self.spans[j][0] < turn[0]:
                break
            # a bare 'fled' is no place ("fled with watches worth $800,000" from a shop: demo P2)
            if any(c.kind != "negative" and c.abroad and self.norm[h.start:h.end] not in _BARE_FLIGHT
                   for h, c in self.info(j).cue_hits):
                return True
        return False

    def _question_context(self, turn: tuple[int, int, str, Entity | None]) -> bool:
        """Does the question turn right before this answer turn ask about people abroad or named wanted people?"""
        turns = self.turns()
        k = bisect.bisect_left(self._turn_starts, turn[0])
        if k not in self._question_ctx:
            self._question_ctx[k] = self._asks_about_people(turns, k)
        return self._question_ctx[k]

    def _asks_about_people(self, turns: list[tuple[int, int, str, Entity | None]], k: int) -> bool:
        if k == 0 or turns[k - 1][2] != "q":
            return False
        qs, qe = turns[k - 1][0], turns[k - 1][1]
        j = bisect.bisect_left(self._span_starts, qs)
        while j < len(self.spans) and self.spans[j][0] < qe:
            inf = self.info(j)
            if inf.persons or any(c.kind != "negative" and c.context for _h, c in inf.cue_hits):
                return True
            j += 1
        return False

    def _antecedent_abroad(self, i: int) -> bool:
        """Does a preceding sentence name people, fugitives or people abroad ('they' can refer to)?"""
        for j in range(i - 1, max(-1, i - 1 - self.rules["context_sentences"]), -1):
            inf = self.info(j)
            if inf.persons:
                return True
            for _h, c in inf.cue_hits:
                if c.abroad or (c.kind == "cue" and c.id == "generic_target"):
                    return True
        return False

    def _context_targets(self, i: int) -> tuple[list[str], list[str]]:
        """The people a group reference ('they', 'the six', 上述人士, 6名身處海外人士) stands for:
        those named in the nearest sentence before it that names any, else in the next sentence
        (a list that follows: "The six are ..."). Returns (targets, the unlisted among them)."""
        n = self.rules["context_sentences"]
        order = [*range(i - 1, max(-1, i - 1 - n), -1), *range(i + 1, min(len(self.spans), i + 3))]
        for j in order:
            inf = self.info(j)
            listed = _unique(m.name for m in inf.persons if m.name and m is not inf.attributed)
            unlisted = self.unlisted_names(j)
            if listed or unlisted:
                return _unique([*listed, *unlisted]), unlisted
        return [], []

    def _named_specifically(self, speaker: str | None) -> bool:
        """Does the document name ``speaker`` by one of its specific aliases (公安部, not only the
        generic 公安机关 that any police body may be)?"""
        if speaker is None:
            return True
        generic = {normalize(a) for a in self.rules["generic_aliases"].get(speaker, [])}
        if not generic:
            return True
        return any(k not in generic and k in self.norm for k in self.ex._full_keys.get(speaker, []))

    def document_people(self) -> list[str]:
        """Every person or group of the targets gazetteer the document names in full, in order."""
        if self._doc_people is None:
            names = []
            for h in self.ex._full.iter_hits(self.norm, 0, None, self.text):
                cat, obj = h.pattern.payload
                if cat == "alias" and obj[1] == "full" and obj[0].table == "people":
                    names.append(obj[0].name)
            self._doc_people = _unique(names)
        return self._doc_people

    def unlisted_names(self, i: int) -> list[str]:
        """Targets named in sentence i whom no gazetteer lists (nlp/names.py), outside every
        gazetteer mention of the sentence."""
        if i not in self._unlisted:
            inf = self.info(i)
            taken = [(m.start, m.end) for m in [*inf.mentions, *inf.persons]]
            self._unlisted[i] = _unique(n.text for n in unlisted_targets(self.text, self.norm, inf.start, inf.end,
                                                                         self.lang, taken))
        return self._unlisted[i]

    def refine_speaker(self, i: int, det: Detection) -> Detection:
        """Name the speaker as precisely as the text does: an official named after a title with a
        speech verb speaks as that person (外交部发言人陆慷表示 -> Lu Kang), not as the body; a
        generic local body is the one the text names (Shuangfeng County Public Security Bureau)."""
        s, e = self.spans[i]
        titled = titled_speaker(self.text, self.norm, s, e, self.lang) if det.speaker_kind in STATE_KINDS else None
        if titled is not None:
            inf = self.info(i)
            if not any(m.start < titled.end and titled.start < m.end for m in [*inf.mentions, *inf.persons]):
                name = person_name(self.norm[titled.start:titled.end]) if self.lang != "en" else titled.text
                det.speaker = name
                return det
        body = local_body_for(self.norm, s, e, det.speaker, self._named_specifically(det.speaker))
        if body is not None:
            det.speaker, det.speaker_kind = body.name, body.kind
        return det


def _load_model(model: Any) -> Any:
    from .model import MODEL_PATH, SentenceModel

    if model is False:
        return None
    if model is None:
        return SentenceModel.load(MODEL_PATH) if MODEL_PATH.is_file() else None
    if isinstance(model, SentenceModel):
        return model
    return SentenceModel.load(model)


# a transcript label opening a line: "Zhao Lijian:", "Reporter:", 问：, 答：, "Q:" (no sentence
# punctuation inside, at most 40 characters)
_LABEL = __import__("re").compile(r"^[ \t]*([^\n:：。.!?？！,，;；\"“”「」()（）]{1,40}?)[ \t]*[:：]")
_GENERIC_POLICE = "Hong Kong Police Force"  # the body a bare 'police' / 警方 is read as (speakers.toml, weak)
_Q_LABELS = frozenset({"问", "q", "question", "reporter", "reporters", "journalist", "记者", "记者问", "提问", "问题"})
# "Reply:" / 答覆： opens the Secretary's answer in LegCo question-and-reply releases (round 7)
_A_LABELS = frozenset({"答", "a", "answer", "reply", "答复", "答覆"})

_LCQ = __import__("re").compile(r"^lcq\d+$")
_BARE_FLIGHT = frozenset({"fled", "flee", "flees", "fleeing"})
# a dateline opening a sentence: 【大公報訊】, 中新社香港6月12日电, 新华社北京1月5日电（记者 …）
_DATELINE = __import__("re").compile(
    r"(?:【[^】]{1,12}[讯訊]】|[^\s，。,：:]{1,12}?(?:社|网|报|台)[^\s，。,：:]{0,10}?\d{1,2}月\d{1,2}日(?:电|讯)"
    r"(?:\s*[（(][^）)]{0,24}[）)])?)\s*")
_OF_LINK = __import__("re").compile(r"^\s*(?:of|at|from)(?: the)?\s*$")
_FOR_LINK = __import__("re").compile(r"^\s*(?:for|of|at)(?: the)?\s*$")


def _is_person(m: Mention) -> bool:
    return m.entity is not None and m.entity.table == "people"


def _unique(items: Any) -> list[str]:
    return list(dict.fromkeys(x for x in items if x))


def _drop_nested_instruments(hits: list[tuple[Hit, Cue]]) -> list[tuple[Hit, Cue]]:
    """An instrument term inside a longer term of another entry does not count
    (通缉令 inside 红色通缉令 is the Red Notice, not a separate warrant; 天网 inside
    天网恢恢 is an idiom, not the campaign; 'bounty' inside 'bug bounty' is no bounty)."""
    out = []
    for h, c in hits:
        if c.kind == "instrument" and any(
                c2.id != c.id and (c2.kind != "cue" or c2.core > 0)
                and h2.start <= h.start and h.end <= h2.end and (h2.end - h2.start) > (h.end - h.start)
                for h2, c2 in hits):
            continue
        out.append((h, c))
    return out


def _dedupe(patterns: list[Pattern]) -> list[Pattern]:
    """One pattern per (key, flags, entry): traditional and simplified spellings often fold together."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for p in patterns:
        k = (p.key, p.prefix, p.token, p.case, id(p.payload[1]) if isinstance(p.payload, tuple) else id(p.payload),
             p.payload[0] if isinstance(p.payload, tuple) else None)
        if k not in seen:
            seen.add(k)
            out.append(p)
    return out


def _longest_first(mentions: list[Mention]) -> list[Mention]:
    """Drop mentions overlapping a longer one (香港警方 over 香港; 保安局局長 over 保安局)."""
    chosen: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if all(m.end <= c.start or m.start >= c.end for c in chosen):
            chosen.append(m)
    chosen.sort(key=lambda m: m.start)
    return chosen
