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
   detections, labelled by the model, provided the text's best sentence reaches the
   model's document bar (a page of statements holds one the model is sure of); a generic
   local body or a titled official is then named as the text names them
   (nlp/local_bodies.py, nlp/names.py).

Who speaks (step 5's speaker) is nlp/speakers.py's; steps 3-5 for one sentence are the named
steps of ``_Doc.analyse``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Container
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from .document_names import DocPerson, add_person, references
from .furniture import is_furniture
from .gazetteer import STATE_KINDS, Entity, Gazetteer, load_gazetteer
from .language import detect_language
from .lexicon import Cue, Lexicon, compile_term, load_lexicon
from .local_bodies import english_city_names
from .mentions import Detection, Mention, SentenceInfo
from .names import Name, group_size, statistic, unlisted_targets
from .names import _data as names_data
from .normalize import normalize
from .prefilter import Hit, Matcher, Pattern
from .segment import register_words, token_bounds
from .sentences import list_items, split_sentences
from .speakers import GENERIC_POLICE, Speaker, SpeakerAttribution, Turn

if TYPE_CHECKING:
    from .features import Features, TextGrams

#: the rules' failed gates that together end a sentence before the model scores it
_DOMESTIC_ONLY = frozenset({"domestic", "no_context"})

__all__ = ["Detection", "ThreatExtractor"]

#: the keys data/cues.toml's [rules] must give (the extractor has no defaults of its own)
_RULE_KEYS = (
    "min_core",
    "other_sense_yields_to",
    "target_core",
    "strong_threat",
    "tie_label",
    "context_sentences",
    "speech_window_before",
    "speech_window_after",
    "weak_window",
    "subject_window",
    "neutralizer",
    "neutralizer_window",
    "no_evidence_label",
    "person_window",
    "subject_speech_window",
    "veto_gates",
    "reporter_kinds",
    "vague_actors",
    "vague_forms",
    "generic_aliases",
    "base_score",
    "listing_share",
    "descriptive_core",
    "max_sentence_chars",
    "score",
    "candidate_window",
)


def _lang_key(lang: str) -> str:
    return "en" if lang == "en" else "zh"


class ThreatExtractor:
    """Finds threat/action statements; build once (loads data files), call ``extract`` many times."""

    def __init__(self, lexicon: Lexicon | None = None, gazetteer: Gazetteer | None = None, model: Any = None) -> None:
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
        self.rules["other_sense_yields_to"] = frozenset(self.rules["other_sense_yields_to"])
        self._cue_by_id = {c.id: c for c in self.lex.cues if c.kind == "cue"}
        #: instruments that several cues make together (checked for every analysed sentence)
        self.combo_instruments = [c for c in self.lex.cues if c.kind == "instrument" and c.combos]
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
        by_name = self.by_name = self.gaz.by_name()  # canonical name -> entity (speakers and people)
        self._office_owners = frozenset(self.gaz.office_owners)
        self._police_owners = frozenset(self.gaz.police_owners) | english_city_names()
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
                all_patterns.append(
                    Pattern(key=key, case=a if a.isascii() else None, payload=("alias", (ent, "short")))
                )
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
        # the gazetteer aliases alone, for readings of a whole document (_Doc.document_aliases): the
        # same alias hits in the same order, without the cues' (most of a page's hits)
        self._alias_matcher = Matcher([p for p in _dedupe(all_patterns) if p.payload[0] == "alias"])
        register_words(jieba_words)
        pub_patterns = [
            Pattern(key=compile_term(a)[0], payload=e) for e in self.gaz.speakers for a in [e.name, *e.aliases]
        ]
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
        rows, grams = self._model_rows(doc, candidates, rule_dets, forced, every_row=False)
        gram_z = self.model.gram_scores(grams)
        threshold = self.model.threshold_for(len(doc.spans))
        scored = [(i, det, *self.model.scores(feats, gram_z=gram_z[:, i])) for i, feats, det in rows if det is not None]
        if not self.model.document_passes(max((s[2] for s in scored), default=0.0), len(doc.spans)):
            return []
        for i, det, p_statement, p_threat in scored:
            if p_statement < threshold:
                continue
            det = self._with_speaker(doc, i, det)
            if det is None:
                continue
            det = doc.refine_speaker(i, doc.with_document_targets(i, det))
            det.label = "threat" if p_threat >= 0.5 else "action"
            det.score = round(p_statement, 2)
            out.append(det)
        return out

    def sentence_rows(
        self, text: str, lang: str | None = None, publisher: dict[str, Any] | None = None
    ) -> list[tuple[tuple[int, int], "Features", Detection | None]]:
        """For training: every candidate sentence's span, model features (named features, hashed
        n-grams) and the rules' forced reading (None when a non-state actor speaks)."""
        prepared = self._prepare(text, lang, publisher)
        if prepared is None:
            return []
        doc, candidates = prepared
        forced: dict[int, tuple[Detection | None, str | None]] = {}
        rule_dets = self._rules_pass(doc, candidates, forced)
        rows, grams = self._model_rows(doc, candidates, rule_dets, forced)
        return [(doc.spans[i], (feats, grams.row(i)), det) for i, feats, det in rows]

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
        doc = _Doc(self, text, norm, spans, lang, publisher)
        # a row of tags or a link's address repeats the vocabulary without saying anything
        return doc, {i for i in candidates if not doc.is_furniture(i)}

    def _rules_pass(
        self, doc: "_Doc", candidates: set[int], forced: dict[int, tuple[Detection | None, str | None]] | None = None
    ) -> dict[int, Detection]:
        """The rules' detections, in document order (a sentence's context is the detections before
        it). With ``forced`` (the model will score the sentences), each sentence is analysed once,
        with the soft gates recorded rather than ending it: the rules detect it when none failed, and
        the forced reading is kept for the model's features (one analysis per sentence, not two)."""
        for i in range(min(candidates, default=len(doc.spans)), len(doc.spans)):
            # candidates, and the sentence after a detection (it may list the names: "The five are ...")
            if i in candidates or ((i - 1) in doc.dets and doc.maybe_list(i) and not doc.is_furniture(i)):
                if forced is None:
                    det = doc.analyse(i)
                else:
                    det = doc.analyse(i, force=True)
                    forced[i] = (det, doc.hard_fail)
                    if doc.failed:
                        det = None
                if det is not None:
                    doc.dets[i] = det
        if forced is not None:
            # the model decides: targets are read in the document only for the detections it keeps
            return dict(doc.dets)
        return {i: doc.resolved(i) for i in doc.dets}

    def _model_rows(
        self,
        doc: "_Doc",
        candidates: set[int],
        rule_dets: dict[int, Detection],
        forced: dict[int, tuple[Detection | None, str | None]],
        every_row: bool = True,
    ) -> tuple[list[tuple[int, list[str], Detection | None]], "TextGrams"]:
        """Candidate sentences (trigger sentences and their neighbours, ``candidate_window``: press
        releases go on about a measure without repeating its words, headlines come before them) with their features and forced readings
        (``every_row`` False: only the sentences a hard gate did not end, the ones the model scores)."""
        from .features import TextGrams, sentence_features

        before, after = self.rules["candidate_window"]["before"], self.rules["candidate_window"]["after"]
        # the items of a list a candidate introduces (…采取以下惩戒措施： 一、… 二、…): each may be a
        # measure of its own without the words that make a candidate
        listed = {j for i in candidates for j in list_items(doc.text, doc.spans, i)}
        wider = sorted(
            j
            for j in {j for i in candidates for j in range(i - before, i + after + 1) if 0 <= j < len(doc.spans)}
            | set(rule_dets)
            | listed
            if not doc.is_furniture(j)
        )
        rows = []
        grams = TextGrams(doc.norm, doc.spans, {j for i in wider for j in (i - 1, i, i + 1)})
        for i in wider:
            if i in forced:
                det, hard_fail = forced[i]
            else:
                det = doc.analyse(i, force=True)
                hard_fail = doc.hard_fail
            if det is not None and _DOMESTIC_ONLY <= set(det.evidence.get("failed", ())):
                # domestic policing (a domestic word, and nothing of people abroad, fugitives or a
                # cross-border measure) is never long-arm, whatever the words score (issue 9, point 3)
                det, hard_fail = None, "domestic_only"
            if det is None and not every_row:
                continue
            near = (i - 1) in rule_dets or (i - 2) in rule_dets
            s, e = doc.spans[i]
            extra = []
            if det is not None and det.unlisted_targets:
                extra.append("unlisted_target")
            if doc.group_reference(i):
                extra.append("group_reference")
            if i in listed:
                extra.append("list_item")
            if any(s <= b.start < e for b in doc.local_bodies()):
                extra.append("local_body")
            feats = sentence_features(
                doc.norm,
                doc.spans,
                i,
                doc.lang,
                det.evidence if det else None,
                hard_fail,
                det.speaker_kind if det else None,
                near,
                extra,
            )
            rows.append((i, feats, det))
        # what the whole document holds (a domestic round-up vs people abroad): every cue of its candidates
        doc_cues = sorted({"doc:" + c.id for i in wider for _h, c in doc.info(i).cue_hits})
        if rule_dets:
            doc_cues.append("doc:rule_detects")
        return [(i, feats + doc_cues, det) for i, feats, det in rows], grams

    def _with_speaker(self, doc: "_Doc", i: int, det: Detection) -> Detection | None:
        """A detection needs a state speaker: the rules' own, else the state actor the document
        names nearest before the sentence (the acting body of a news report), else, in a text that
        names no actor and comes with no publisher, the local body the sentence names or the
        issuer its measure implies (data/issuers.toml, marked ``speaker_inferred``), else none."""
        if det.speaker is not None:
            return det if det.speaker_kind in STATE_KINDS else None
        ent = doc.document_actor(doc.spans[i][0])
        if ent is None and not doc.publisher:
            found = doc.unattributed_speaker(i)
            if found is not None:
                (det.speaker, det.speaker_kind), det.speaker_inferred = found
                return det
        if ent is None:
            return None
        det.speaker, det.speaker_kind = ent.name, ent.kind
        return det

    # ------------------------------------------------------------------ helpers used by _Doc
    def others_office(self, text: str, start: int, end: int) -> bool:
        """Does the English office title at ``text[start:end]`` say it is someone else's office
        ("chief executive of Hermitage Capital", "Russia's police chief", "the company's chief
        executive")? An owner in speakers.toml's ``office_owners`` ("Hong Kong's", "of the HKSAR",
        "the city's") keeps it the listed office; a title that names no owner is the listed one."""
        after = _OFFICE_OF.match(text, end, min(len(text), end + 80))
        before = _OWNER_BEFORE.search(text, max(0, start - 60), start)
        owners = [m.group(1) for m in (after, before) if m is not None]
        return any(" ".join(o.lower().split()) not in self._office_owners for o in owners)

    def others_police(self, text: str, start: int, lo: int = 0) -> bool:
        """Do capitalised words right before the bare "police" at ``start`` name another place's
        police ("Tamil Nadu Police", "Royal Thai Police", "Toronto police")? Hong Kong's, the
        mainland's and its cities' (speakers.toml ``police_owners``, local_bodies.toml) are not."""
        m = _CAPITALS_BEFORE.search(text, max(lo, start - 40), start)
        if m is None:
            return False
        words = m.group(0).lower().replace("'s", "").replace("’s", "").split()
        # the longest run of the words before "police" that is an owner leaves it ours ("the
        # Hong Kong police", "Xiamen police"); else the words are another place's
        return not any(" ".join(words[k:]) in self._police_owners for k in range(len(words)))

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


@dataclass
class Evidence:
    """What the rules weigh in one sentence, built up by the steps of ``_Doc.analyse`` in turn;
    ``Detection.evidence`` reports it."""

    present: set[str] = field(default_factory=set)  # the ids of every cue found
    roles: dict[str, list[Hit]] = field(default_factory=dict)  # negatives by role (denial, domestic ...)
    core_by_id: dict[str, float] = field(default_factory=dict)  # core weight per cue, instrument combo, combo
    core: float = 0.0  # their sum, plus ``target_core`` for the people pursued
    acts: bool = False  # some core evidence is an act of pursuit, not a description of the people
    context: bool = False  # a long-arm context (people abroad, fugitives, a cross-border instrument)
    abroad: bool = False  # people abroad
    strong: bool = False  # a threat term at least ``strong_threat``
    threat_terms: dict[str, float] = field(default_factory=dict)  # term (or '#combo') -> threat weight
    action_terms: dict[str, float] = field(default_factory=dict)  # term (or '#combo') -> action weight
    instruments: list[str] = field(default_factory=list)  # instrument roles, in order of mention
    persons: list[Mention] = field(default_factory=list)  # named targets (not the sentence's speaker)
    names_listed: bool = False  # two or more names listed right after a detection
    listing: bool = False  # ... with no more pursuit wording than a list's (takes that label)

    @property
    def threat_weight(self) -> float:
        return sum(self.threat_terms.values())

    @property
    def action_weight(self) -> float:
        return sum(self.action_terms.values())


class _Doc(SpeakerAttribution):
    """Per-document state: sentence analyses (cached), first mentions for short names; who speaks
    is ``SpeakerAttribution``'s (nlp/speakers.py)."""

    def __init__(
        self,
        ex: ThreatExtractor,
        text: str,
        norm: str,
        spans: list[tuple[int, int]],
        lang: str,
        publisher: dict[str, Any] | None,
    ) -> None:
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
        self.dets: dict[int, Detection] = {}  # the rules' detections, targets as the sentence gives them
        self._resolved: dict[int, Detection] = {}  # ``dets`` with targets read in the document, when asked
        self._furniture: dict[int, bool] = {}
        self._unlisted: dict[int, list[Name]] = {}
        self._doc_persons: list[DocPerson] | None = None
        self._aliases: list[Hit] | None = None  # ``document_aliases``
        self._gaz_people: list[str] | None = None
        self._sentence_people: dict[int, list[tuple[int, str, bool]]] = {}
        self._group: dict[int, int] = {}  # ``group_size`` per sentence
        self._det_keys: list[int] = []
        self.force = False
        self.failed: list[str] = []
        self.hard_fail: str | None = None
        super().__init__()  # the speaker attribution's indexes (of the spans above)

    def is_furniture(self, i: int) -> bool:
        """Is sentence i page furniture (a row of tags, a link's address: nlp/furniture.py)? Never
        analysed, whatever words it repeats."""
        if i not in self._furniture:
            s, e = self.spans[i]
            self._furniture[i] = is_furniture(self.text[s:e])
        return self._furniture[i]

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
    # ---------------------------------------------------------------- name helpers
    def document_aliases(self) -> list[Hit]:
        """The gazetteer aliases the whole document names (the full automaton's alias hits, in its
        order, from an automaton of the aliases alone), found once: its people, its acting bodies and
        how it names them are each read from them, and each scanned the whole document before."""
        if self._aliases is None:
            self._aliases = self.ex._alias_matcher.find(self.norm, 0, None, self.text)
        return self._aliases

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
        bounds: tuple[Container[int], Container[int]] | None = None
        if token_hits:
            bounds = token_bounds(self.norm, s, e)
        raw_mentions: list[Mention] = []
        for h in hits:
            cat, obj = h.pattern.payload
            if cat == "cue":
                if h.pattern.token and bounds is not None and not (h.start in bounds[0] and h.end in bounds[1]):
                    continue
                if _named_only(obj):
                    # named for a detection, never evidence: kept apart from the cues (no feature,
                    # no context, no candidate)
                    if obj.role not in info.named_instruments:
                        info.named_instruments.append(obj.role)
                    continue
                info.cue_hits.append((h, obj))
                if obj.kind == "negative" and obj.role == "critic":
                    raw_mentions.append(Mention(h.start, h.end, None, "critic", False))
            elif cat == "alias":
                ent, form = obj
                if form == "short" and self.first_full_mention(ent) >= h.start:
                    if ent.is_state:
                        info.short_only.append(Mention(h.start, h.end, ent, form, True))
                    continue
                if form == "weak" and ent.name == GENERIC_POLICE and self.ex.others_police(self.text, h.start, s):
                    continue  # "Tamil Nadu Police", "Toronto police": not Hong Kong's
                raw_mentions.append(Mention(h.start, h.end, ent, form, ent.is_state))
            elif cat == "title":
                body, holders = obj
                if h.pattern.key.isascii() and self.ex.others_office(self.text, h.start, h.end):
                    continue  # "chief executive of Hermitage Capital", "Russia's police chief"
                raw_mentions.append(Mention(h.start, h.end, body, "title", bool(body and body.is_state), holders))
        masks = [h for h, c in info.cue_hits if c.role == "mask"]
        if masks:
            info.cue_hits = [
                (h, c)
                for h, c in info.cue_hits
                if c.role == "mask" or not any(h.start < m.end and m.start < h.end for m in masks)
            ]
        mentions = _longest_first(raw_mentions)
        # 將/把 right before a name is the object marker (將沈伯洋列為 ...), not the future 'will'
        starts = {m.start for m in mentions}
        info.cue_hits = [
            (h, c)
            for h, c in info.cue_hits
            if not (c.id == "future" and self.norm[h.start : h.end] == "将" and h.end in starts)
        ]
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
        the hard gates (cues.toml's ``veto_gates``, and a non-state speaker: NGOs, foreign governments,
        critics) always end it, and are named in ``self.hard_fail``.

        Each step below reads what the ones before it found (``ev``): the evidence of the words, the
        long-arm context, a list after a detection, the gates, then speaker, label and targets."""
        self.force = force
        self.failed = []
        self.hard_fail = None
        info = self.info(i)
        ev = self._cue_evidence(info)
        self._combo_evidence(ev)
        # instruments named, not weighed (instruments.toml, core 0): reported, no evidence; after
        # the combos, which would otherwise find their instrument named and not add their core
        ev.instruments += [r for r in info.named_instruments if r not in ev.instruments]
        self._people_evidence(i, info, ev)
        turn = self.turn_of(i)
        self._long_arm_context(i, info, ev, turn)
        self._listing(i, info, ev)
        if self._too_weak(ev) or self._negatives(info, ev, turn):
            return None
        speaker = self._speaker(i, info, ev, turn)
        if speaker is None:
            return None
        label = self._label(i, ev)
        targets, unlisted = self._targets(i, info, ev)
        return self._detection(info, ev, speaker, label, targets, unlisted, turn)

    def _cue_evidence(self, info: SentenceInfo) -> Evidence:
        """Every cue of the sentence: its core, threat and action weights, context, instruments;
        negatives by role (an instrument inside a longer term of another entry does not count)."""
        ev = Evidence()
        for h, c in sorted(_drop_nested_instruments(info.cue_hits), key=lambda x: x[0].start):
            ev.present.add(c.id)
            if c.kind == "negative":
                ev.roles.setdefault(c.role, []).append(h)
                continue
            if c.kind == "cue" and c.role in ("speech", "anaphor", "aux") and not (c.threat or c.action or c.core):
                continue
            ev.core_by_id[c.id] = max(ev.core_by_id.get(c.id, 0.0), c.core)
            if c.context:
                ev.context = True
            if c.abroad:
                ev.abroad = True
            if c.threat:
                ev.threat_terms[h.pattern.key] = max(ev.threat_terms.get(h.pattern.key, 0.0), c.threat)
                ev.strong = ev.strong or c.threat >= self.rules["strong_threat"]
            if c.action:
                ev.action_terms[h.pattern.key] = max(ev.action_terms.get(h.pattern.key, 0.0), c.action)
            if c.kind == "instrument" and c.role not in ev.instruments:
                ev.instruments.append(c.role)
        return ev

    def _combo_evidence(self, ev: Evidence) -> None:
        """Instruments and combos that need several cues together; then the core sum, and whether
        any of it is an act of pursuit."""
        present = ev.present
        for c in self.ex.combo_instruments:
            if c.role not in ev.instruments:
                if any(map(present.issuperset, c.combos)):
                    ev.instruments.append(c.role)
                    if not _named_only(c):
                        ev.core_by_id[c.id + "#combo"] = c.core
                        ev.context = ev.context or c.context
        for combo in self.ex.lex.combos:
            if not any(map(present.isdisjoint, combo.all_of)):
                ev.core_by_id[combo.id] = combo.core
                if combo.context:
                    ev.context = True
                if combo.abroad:
                    ev.abroad = True
                if combo.threat:
                    ev.threat_terms["#" + combo.id] = combo.threat
                    ev.strong = ev.strong or combo.threat >= self.rules["strong_threat"]
                if combo.action:
                    ev.action_terms["#" + combo.id] = combo.action
        ev.core = sum(ev.core_by_id.values())
        # describing the people ("they are fugitives", 沈伯洋是台獨頑固分子, "absconders who endanger
        # national security") is no act of pursuit: some other core evidence must be there (round 7)
        ev.acts = any(v > 0 for k, v in ev.core_by_id.items() if k not in self.rules["descriptive_core"])

    def _people_evidence(self, i: int, info: SentenceInfo, ev: Evidence) -> None:
        """Named targets (not the sentence's own speaker), or 'they' after people abroad: pursuit
        of people, abroad."""
        attributed = info.attributed
        ev.persons = [m for m in info.persons if not (info.by_speech and m is attributed)]
        if ev.persons:
            ev.core += self.rules["target_core"]
            ev.context = ev.abroad = True
        elif "anaphor" in ev.present and self._antecedent_abroad(i):
            ev.core += self.rules["target_core"]  # 'they' / 他們 refers to the people abroad named just before
            ev.context = ev.abroad = True

    def _long_arm_context(self, i: int, info: SentenceInfo, ev: Evidence, turn: Turn | None) -> None:
        """A long-arm context the sentence's words do not give: its speaker's, the question it answers,
        the notice or detection before it."""
        r = self.rules
        attributed = info.attributed
        if not ev.context and attributed is not None and attributed.entity is not None and attributed.entity.context:
            ev.context = True  # e.g. the national security police announcing warrants and bounties
        if (
            not ev.context
            and "anaphor" in ev.present
            and turn is not None
            and turn[2] == "a"
            and self._question_context(turn)
        ):
            # 'them' in an answer can be the people the question asked about: "Bloomberg: ... eight
            # activists living overseas? Mao Ning: ... We support the police in bringing them to
            # justice." (round 7)
            ev.context = True
        if not ev.context and "anaphor" in ev.present and self._det_before(i, turn):
            # 上述犯罪嫌疑人 / 'the above persons' after the list of a notice: the people of the notice's
            # detection earlier in the document (same transcript turn); round 7, whole documents
            ev.context = True
            if not ev.persons:
                ev.core += r["target_core"]  # as for 'they' after people abroad (_antecedent_abroad)
        if not ev.context and ev.core >= r["min_core"] + r["target_core"] and self._abroad_before(i, turn):
            # strong pursuit wording right after the notice says who the people are and where (the
            # opening of a bounty notice: 台湾地区民进党当局军方…人员 … 现向社会公开悬赏通缉以下十八名
            # 犯罪嫌疑人); round 7, whole documents
            ev.context = True
        if not ev.context and ((i - 1) in self.dets or (i - 2) in self.dets):
            # a press release goes on about the same pursuit ("... issued a bounty notice for 18
            # officers. The bureau said those who turned themselves in would be treated leniently.")
            ev.context = True

    def _listing(self, i: int, info: SentenceInfo, ev: Evidence) -> None:
        """ "The five are A, B, C ..." / 八人包括甲、乙、丙: names listed right after a detection (they
        pass without evidence of their own; a mere list, no more, takes that detection's label)."""
        r = self.rules
        ev.names_listed = (
            i - 1 in self.dets
            and len({m.name for m in ev.persons}) >= 2
            and sum(m.end - m.start for m in ev.persons) >= r["listing_share"] * (info.end - info.start)
        )
        ev.listing = ev.names_listed and ev.core < r["min_core"] + r["target_core"]

    def _too_weak(self, ev: Evidence) -> bool:
        """Too little evidence: not enough core, no long-arm context, or only descriptions (a list
        of names after a detection aside). With ``force`` the failures are noted, not final."""
        r = self.rules
        if (ev.core < r["min_core"] or not ev.context or not ev.acts) and not ev.names_listed:
            if not self.force:
                return True
            self.failed += [
                g
                for g, bad in (
                    ("weak_core", ev.core < r["min_core"]),
                    ("no_context", not ev.context),
                    ("no_act", not ev.acts),
                )
                if bad
            ]
        return False

    def _negatives(self, info: SentenceInfo, ev: Evidence, turn: Turn | None) -> bool:
        """The gates of the negatives and of questions, in order: True when one stops the analysis."""
        roles = ev.roles
        gates = (
            # a reporter's question and its premises, not an official's statement
            ("question_turn", turn is not None and turn[2] == "q"),
            (
                "other_sense",
                "other_sense" in roles
                and not ev.persons
                and ev.present.isdisjoint(self.rules["other_sense_yields_to"]),
            ),
            ("domestic", "domestic" in roles and not ev.abroad),
            # people at home arrested or suspected for helping the wanted abroad (corpus convention 4),
            # whatever the sentence says of those abroad; relatives questioned are family pressure
            ("helpers", "helpers" in roles and "family_word" not in ev.present),
            # backing another body's measure ("firmly supports the police in ...", 合理合法, 正义之举): left
            # out by the corpus (convention 4) unless the backer threatens in its own words
            ("endorsement", "endorsement" in roles and not ev.strong),
            ("denial", "denial" in roles and not ev.strong),
            ("legal_rule", "legal_rule" in roles and not ev.persons),
            # a question put to an official (their answer is another sentence)
            (
                "question",
                not ev.strong and self.text[info.start : info.end].rstrip(" \"'”」』）)").endswith(("?", "？")),
            ),
            ("asked", "asked" in roles and not ev.strong and not self._answered(info, roles["asked"])),
        )
        return any(failed and self._gate(name) for name, failed in gates)

    def _answered(self, info: SentenceInfo, asked: list[Hit]) -> bool:
        """Does a speech verb follow the last 'asked' of the sentence (the answer is in it)?"""
        last_q = max(h.end for h in asked)
        return any(c.role == "speech" and h.start >= last_q for h, c in info.cue_hits if c.kind == "cue")

    def _speaker(self, i: int, info: SentenceInfo, ev: Evidence, turn: Turn | None) -> Speaker | None:
        """Who speaks (nlp/speakers.py), and the gates that need to know whether the sentence names
        its speaker itself: anonymous letters, criticism. None when the analysis stops (a non-state
        speaker, ``self.hard_fail``, or a gate)."""
        speaker = self.speaker_in_sentence(info, turn)
        if speaker is None:
            return None
        verb = self._target_speech(info)
        if verb is not None and (info.attributed is None or not info.by_speech or info.attributed.start > verb):
            # "Hui said the bounty felt like a death certificate"; "Hui and Kwok said they felt shocked when
            # the Hong Kong government ...": the body after the verb is what they speak of, not who speaks
            self.hard_fail = "non_state_speaker"
            return None
        if "unattributed" in ev.roles and not speaker.firm and self._gate("unattributed"):
            return None  # anonymous letters or posters: no state actor's statement or deed
        criticism = [h for h in ev.roles.get("criticism", []) if not self._neutralized(info, h)]
        if criticism and not speaker.firm and not ev.strong and self._gate("criticism"):
            return None
        if info.attributed is None and i > 0 and self._goes_on_speaking(i, info):
            # '"... is a lifelong honour," he wrote' after "Cheng wrote on X that ...": the same
            # non-state speaker goes on (corpus convention 2)
            self.hard_fail = "non_state_speaker"
            return None
        return self.speaker_from_context(i, info, turn, speaker)

    def _goes_on_speaking(self, i: int, info: SentenceInfo) -> bool:
        """Does a pronoun speak in sentence i ("he wrote", 她表示) right after a sentence whose speaker
        is a non-state actor or a target ("Cheng wrote on X that ...")?"""
        speech = [h for h, c in info.cue_hits if c.kind == "cue" and c.role == "speech"]
        if not any(self._pronoun_subject(h) for h in speech):
            return False
        before = self.info(i - 1)
        said = before.attributed
        if said is not None and before.by_speech:
            return not said.state and not self._reporter(said)
        return self._target_speech(before) is not None

    def _target_speech(self, info: SentenceInfo) -> int | None:
        """The offset of a speech verb whose subject is a person the document names as a target, by
        the surname or short form it uses for them ("Hui said", "Hui and Kwok said"), else None. The
        targets' own words are no state statement, however they describe the measure (corpus
        convention 2). English only: a Chinese name before 表示 is read as a mention already."""
        if self.lang != "en":
            return None
        verbs = [
            h.start
            for h, c in info.cue_hits
            if c.kind == "cue" and c.role == "speech" and c.id != "speech_noun" and h.start > info.start
        ]
        subjects = [v for v in verbs if _NAME_BEFORE_VERB.search(self.text, max(info.start, v - 60), v)]
        if not subjects:
            return None  # cheap pre-test: no capitalised word right before a verb of speech
        taken = [(m.start, m.end) for m in [*info.mentions, *info.persons]]
        refs = references(self.text, self.norm, info.start, info.end, self.lang, self.document_persons(), taken)
        return next(
            (
                v
                for v in subjects
                for off, _person in refs
                if off < v and _NAME_BEFORE_VERB.fullmatch(self.text, off, v)
            ),
            None,
        )

    def _label(self, i: int, ev: Evidence) -> str:
        """Threat or action by the weight of their terms; a tie or no weight by the rules of
        cues.toml; a mere list of names takes the label of the detection it follows."""
        r = self.rules
        tw, aw = ev.threat_weight, ev.action_weight
        if tw > aw:
            label = "threat"
        elif aw > tw:
            label = "action"
        elif tw == 0:
            named = [x for x in ev.instruments if x not in ("nsl", "interpol")]
            label = r["no_evidence_label"] if named else ("threat" if r["no_evidence_label"] == "action" else "action")
        else:
            label = r["tie_label"]
        if ev.listing and tw == aw:
            label = self.dets[i - 1].label
        return label

    def _targets(self, i: int, info: SentenceInfo, ev: Evidence) -> tuple[list[str], list[str]]:
        """The people pursued as the sentence and its neighbours name them: named in the sentence
        (listed or not), the document's listed people for a group reference, those named nearby for
        'they' or a group. Returns (targets, the unlisted among them). This first reading is what the
        sentence model's features saw when it was trained (the unlisted among them); a detection's
        final targets are ``resolve_targets``'s, which reads the whole document."""
        targets = _unique(m.name for m in ev.persons if m.name)
        unlisted = self.unlisted_names(i)
        targets = _unique([*targets, *unlisted])
        group = self.group_reference(i)
        if group:
            targets = _unique([*targets, *self._gazetteer_people()])
        if not targets and ("anaphor" in ev.present or group):
            n = self.rules["context_sentences"]
            for j in [*range(i - 1, max(-1, i - 1 - n), -1), *range(i + 1, min(len(self.spans), i + 3))]:
                inf = self.info(j)
                listed = _unique(m.name for m in inf.persons if m.name and m is not inf.attributed)
                near = self.unlisted_names(j)
                if listed or near:
                    return _unique([*listed, *near]), near
        return targets, unlisted

    def resolved(self, j: int) -> Detection:
        """The rules' detection j with its targets read in the whole document (``resolve_targets``),
        computed once and only when asked: by the output, or by a later detection that carries them.

        The earlier detections a chain of carried targets reaches are resolved first, oldest first,
        without recursion (a detection carries from one at most ``carry_sentences`` before it)."""
        if j not in self._resolved:
            window = names_data()["carry_sentences"]
            keys = sorted(k for k in self.dets if k <= j)
            start = len(keys) - 1
            while start > 0 and keys[start] - keys[start - 1] <= window and keys[start - 1] not in self._resolved:
                start -= 1
            for k in keys[start:]:
                if k not in self._resolved:
                    self._resolved[k] = self.resolve_targets(k, self.dets[k])
        return self._resolved[j]

    def with_document_targets(self, i: int, det: Detection) -> Detection:
        """``det`` (sentence i's reading) with its targets read in the whole document; the rules'
        own detection of the sentence shares them (one resolution, not two)."""
        if i in self.dets and self.dets[i] is det:
            r = self.resolved(i)
            return replace(det, targets=r.targets, unlisted_targets=r.unlisted_targets)
        return self.resolve_targets(i, det)

    def resolve_targets(self, i: int, det: Detection) -> Detection:
        """A detection's targets read in the whole document (nlp/document_names.py): the people the
        sentence names, in full, by a form the document used or by surname; for a group reference
        ("19人", "six more activists") the document's people unless the sentence names them itself;
        for a pronoun or a group, the people of the nearest sentence before that names any; else the
        targets of the detection just before (a release goes on about the same pursuit), or for a
        headline the people its report names. Statistics (追回外逃人员1421人) take no one's name."""
        info = self.info(i)
        present = set(det.evidence.get("cues", ()))
        targets, unlisted = self.sentence_people(i, exclude=info.attributed if info.by_speech else None)
        group = self.group_reference(i)
        if group and len(targets) < self.group_size(i):
            # the group is everyone the document names as a target (the notice's list, usually further
            # down), listed or not; a sentence that lists the people itself (16人 … 包括甲、乙、丙) names
            # the ones it means, one that names fewer than it counts (罗冠聪和许智峯等8名) means them all
            people = self.document_persons()
            targets = _unique([*targets, *(p.name for p in people)])
            unlisted = _unique([*unlisted, *(p.name for p in people if not p.listed)])
        if not targets and ("anaphor" in present or group):
            targets, unlisted = self._context_targets(i)
        if not targets and not statistic(self.norm, info.start, info.end):
            targets, unlisted = self._carried_targets(i, info)
        # a copy: the first reading stays what the model's features read (``_model_rows``)
        return replace(det, targets=targets, unlisted_targets=[t for t in unlisted if t in targets])

    def _score(self, ev: Evidence, speaker: Speaker) -> float:
        """The rules' confidence: core evidence beyond the minimum, the lean of threat vs action,
        a speaker of the sentence's own, less for a hypothetical (weights: cues.toml [rules.score])."""
        r = self.rules
        w = r["score"]
        score = (
            r["base_score"]
            + w["per_core"] * min(ev.core - r["min_core"], w["core_cap"])
            + w["per_lean"] * min(abs(ev.threat_weight - ev.action_weight), w["lean_cap"])
        )
        score += w["own_speaker"] if speaker.entity is not None else 0.0
        score -= w["hypothetical"] if "hypothetical" in ev.roles else 0.0
        return round(max(w["floor"], min(w["ceiling"], score)), 2)

    def _detection(
        self,
        info: SentenceInfo,
        ev: Evidence,
        speaker: Speaker,
        label: str,
        targets: list[str],
        unlisted: list[str],
        turn: Turn | None,
    ) -> Detection:
        """The detection, with what the rules saw in ``evidence`` (the model's features read its keys:
        nlp/features.py)."""
        s, e = info.start, info.end
        det = Detection(
            label=label,
            speaker=speaker.name,
            speaker_kind=speaker.kind,
            targets=targets,
            instruments=ev.instruments,
            quote=self.text[s:e],
            start=s,
            end=e,
            score=self._score(ev, speaker),
            unlisted_targets=[t for t in targets if t in unlisted],
        )
        det.evidence = {
            "cues": sorted(ev.present),
            "roles": sorted(ev.roles),
            "failed": list(self.failed),
            "core": ev.core,
            "context": ev.context,
            "abroad": ev.abroad,
            "strong": ev.strong,
            "threat_weight": ev.threat_weight,
            "action_weight": ev.action_weight,
            "persons": len(ev.persons),
            "listing": ev.listing,
            "own_speaker": speaker.entity is not None,
            "firm": speaker.firm,
            "turn": turn[2] if turn is not None else None,
        }
        return det

    def _det_before(self, i: int, turn: Turn | None) -> bool:
        """Is there a detection before sentence i (within ``turn`` when given)? The latest one
        before i decides: found by bisection, not by a scan of all of them (the model pass asks
        again for every candidate once the rules pass has recorded its detections)."""
        if not self.dets:
            return False
        j = next(reversed(self.dets))  # the rules pass records detections in document order
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

    def _abroad_before(self, i: int, turn: Turn | None) -> bool:
        """Does one of the two sentences before (in the same turn) place people abroad?"""
        for j in range(i - 1, max(-1, i - 3), -1):
            if turn is not None and self.spans[j][0] < turn[0]:
                break
            # a bare 'fled' is no place ("fled with watches worth $800,000" from a shop: demo P2)
            if any(
                c.kind != "negative" and c.abroad and self.norm[h.start : h.end] not in _BARE_FLIGHT
                for h, c in self.info(j).cue_hits
            ):
                return True
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
        """The people a group reference ('they', 'the six', 上述人士, 6名身處海外人士) or a pronoun stands
        for: those named in the nearest sentence before it that names any, else in the next two
        sentences (a list that follows: "The six are ..."). Returns (targets, the unlisted among them)."""
        # the nearest sentence before that names someone, however far back (a report names its people
        # once: "Hong Kong authorities imposed a bounty on her and seven others" paragraphs later)
        order = [*range(i - 1, -1, -1), *range(i + 1, min(len(self.spans), i + 3))]
        for j in order:
            inf = self.info(j)
            names, unlisted = self.sentence_people(j, exclude=inf.attributed if inf.by_speech else None)
            if names:
                return names, unlisted
        return [], []

    def _carried_targets(self, i: int, info: SentenceInfo) -> tuple[list[str], list[str]]:
        """A detection that names no one goes on about the pursuit of the detection just before it
        (within ``carry_sentences``: "... issued warrants for Nathan Law and Ted Hui. The court
        approved the warrants at the police's request."); a headline that names no one announces the
        pursuit of the people its report names ("Police place bounties on activists abroad")."""
        window = names_data()["carry_sentences"]
        for j in sorted(self.dets, reverse=True):
            if j < i and i - j <= window:
                before = self.resolved(j)
                if before.targets:
                    return list(before.targets), list(before.unlisted_targets)
            if j < i - window:
                break
        if not self.text[: info.start].strip():
            people = self.document_persons()
            return [p.name for p in people], [p.name for p in people if not p.listed]
        return [], []

    def sentence_people(self, i: int, exclude: Mention | None = None) -> tuple[list[str], list[str]]:
        """The people sentence i names: gazetteer people, names found by their shape (nlp/names.py),
        and the document's people named again by a form the document used or by surname
        (nlp/document_names.py); ``exclude`` is the sentence's own speaker. Returns (names, unlisted)."""
        if i not in self._sentence_people:
            inf = self.info(i)
            listed = [(m.start, m.name) for m in inf.persons if m.name]
            found = [(n.start, n.text) for n in self.unlisted_names_at(i)]
            taken = [(m.start, m.end) for m in [*inf.mentions, *inf.persons]] + [
                (n.start, n.end) for n in self.unlisted_names_at(i)
            ]
            refs = references(self.text, self.norm, inf.start, inf.end, self.lang, self.document_persons(), taken)
            more = [(s, p.name) for s, p in refs]
            ordered = sorted([*listed, *found, *more], key=lambda x: x[0])
            unlisted = {t for _s, t in found} | {p.name for _s, p in refs if not p.listed}
            self._sentence_people[i] = [(s, t, t in unlisted) for s, t in ordered]
        rows = self._sentence_people[i]
        if exclude is not None and exclude.entity is not None and exclude.entity.table == "people":
            rows = [r for r in rows if not (r[0] == exclude.start and r[1] == exclude.name)]
        names = _unique(t for _s, t, _u in rows)
        return names, _unique(t for _s, t, u in rows if u)

    def _gazetteer_people(self) -> list[str]:
        """Every person or group of the targets gazetteer the document names in full, in order."""
        if self._gaz_people is None:
            names = []
            for h in self.document_aliases():
                cat, obj = h.pattern.payload
                if cat == "alias" and obj[1] == "full" and obj[0].table == "people":
                    names.append(obj[0].name)
            self._gaz_people = _unique(names)
        return self._gaz_people

    def document_people(self) -> list[str]:
        """Every person or group the document names as a target (listed or not), in order."""
        return [p.name for p in self.document_persons()]

    def document_persons(self) -> list[DocPerson]:
        """The document's people: gazetteer people named in full anywhere, and names found by their
        shape in sentences with evidence of pursuit (a byline's or a critic's name is no target)."""
        if self._doc_persons is None:
            people: dict[str, DocPerson] = {}
            for h in self.document_aliases():
                cat, obj = h.pattern.payload
                if cat == "alias" and obj[1] == "full" and obj[0].table == "people":
                    written = self.text[h.start : h.end]
                    add_person(people, obj[0].name, True, h.start, self.norm[h.start : h.end], written)
            for j in range(len(self.spans)):
                if not self._pursuit_sentence(j):
                    continue
                for n in self.unlisted_names_at(j):
                    add_person(people, n.text, False, n.start, self.norm[n.start : n.end], n.text)
            self._doc_persons = sorted(people.values(), key=lambda p: p.first)
        return self._doc_persons

    def _pursuit_sentence(self, j: int) -> bool:
        """Does sentence j hold evidence of pursuit (a cue or an instrument, not a negative)? Cheap
        pre-test: the trigger automaton, before the full analysis."""
        s, e = self.spans[j]
        if not self.ex._trigger.has_hit(self.norm[s:e]):
            return False
        return any(c.kind != "negative" and (c.core or c.kind == "instrument") for _h, c in self.info(j).cue_hits)

    def unlisted_names(self, i: int) -> list[str]:
        """Targets named in sentence i whom no gazetteer lists (nlp/names.py), outside every
        gazetteer mention of the sentence."""
        return _unique(n.text for n in self.unlisted_names_at(i))

    def group_reference(self, i: int) -> bool:
        """Does sentence i refer to a group of people by number (nlp/names.py's ``group_reference``)?
        Asked once per sentence: the rules' targets, the document's reading of them and the model's
        features all ask, and on English prose the pattern costs more than the rest of the question."""
        return self.group_size(i) > 0

    def group_size(self, i: int) -> int:
        """How many people sentence i's group reference says it holds (0: no group; nlp/names.py's
        ``group_size``)."""
        got = self._group.get(i)
        if got is None:
            s, e = self.spans[i]
            got = self._group[i] = group_size(self.norm, s, e, self.lang) or 0
        return got

    def unlisted_names_at(self, i: int) -> list[Name]:
        """``unlisted_names`` with their offsets."""
        if i not in self._unlisted:
            inf = self.info(i)
            taken = [(m.start, m.end) for m in [*inf.mentions, *inf.persons]]
            self._unlisted[i] = unlisted_targets(self.text, self.norm, inf.start, inf.end, self.lang, taken)
        return self._unlisted[i]


def _load_model(model: Any) -> Any:
    from .model import MODEL_PATH, SentenceModel

    if model is False:
        return None
    if model is None:
        return SentenceModel.load(MODEL_PATH) if MODEL_PATH.is_file() else None
    if isinstance(model, SentenceModel):
        return model
    return SentenceModel.load(model)


_BARE_FLIGHT = frozenset({"fled", "flee", "flees", "fleeing"})

#: the owner an English office title names after it: "chief executive of Hermitage Capital",
#: "Commissioner of Police of the HKSAR" (capitalised words, "the" allowed first)
_OFFICE_OF = re.compile(r"\s+of\s+((?:the\s+)?[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*)*)")
#: ... or before it, in the possessive: "Russia's police chief", "the company's chief executive"
_OWNER_BEFORE = re.compile(r"((?:the\s+)?(?:[A-Z][\w.-]*\s+)*[A-Za-z][\w.-]*)['’]s\s+$")
#: capitalised words right before a word ("Tamil Nadu ", "Royal Thai ", "Hong Kong's ")
_CAPITALS_BEFORE = re.compile(r"((?:(?:[A-Z]\.){2,}|[A-Z][\w-]*(?:['’]s)?)\s+)+$")
#: a name (or two joined by 'and') right before a verb of speech: "Hui said", "Hui and Kwok said"
_NAME_BEFORE_VERB = re.compile(r"[A-Z][\w'’-]*(?: and [A-Z][\w'’-]*)? $")


def _unique(items: Any) -> list[str]:
    """The non-empty items, each once, in order (filter and dict run in C: this runs for every name list)."""
    return list(dict.fromkeys(filter(None, items)))


def _named_only(c: Cue) -> bool:
    """An instrument entry that names the instrument without weighing as evidence (core 0, no
    context, no label lean): what the corpus calls an instrument where the words alone are no
    statement (instruments.toml)."""
    return c.kind == "instrument" and not (c.core or c.context or c.threat or c.action)


def _drop_nested_instruments(hits: list[tuple[Hit, Cue]]) -> list[tuple[Hit, Cue]]:
    """An instrument term inside a longer term of another entry does not count
    (通缉令 inside 红色通缉令 is the Red Notice, not a separate warrant; 天网 inside
    天网恢恢 is an idiom, not the campaign; 'bounty' inside 'bug bounty' is no bounty)."""
    out = []
    for h, c in hits:
        if c.kind == "instrument" and any(
            c2.id != c.id
            and (c2.kind != "cue" or c2.core > 0)
            and h2.start <= h.start
            and h.end <= h2.end
            and (h2.end - h2.start) > (h.end - h.start)
            for h2, c2 in hits
        ):
            continue
        out.append((h, c))
    return out


def _dedupe(patterns: list[Pattern]) -> list[Pattern]:
    """One pattern per (key, flags, entry): traditional and simplified spellings often fold together."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for p in patterns:
        k = (
            p.key,
            p.prefix,
            p.token,
            p.case,
            id(p.payload[1]) if isinstance(p.payload, tuple) else id(p.payload),
            p.payload[0] if isinstance(p.payload, tuple) else None,
        )
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
