"""Speaker attribution: who says or does what a sentence reports.

Why its own module: the decision (nlp/extractor.py) weighs the evidence of pursuit; who speaks
is a separate question with its own rules. In order of precedence: the name a speech verb
attaches ("Chris Tang said", 外交部发言人表示), else the state body or official opening the
sentence; in a press-conference transcript the labelled official of the answer turn ("Mao Ning:
..."); else the nearest speaker of the preceding sentences, else the publisher. A reporter's
question is no one's statement; a news outlet reporting is no speaker of its own. Once a
detection stands, its speaker is named as precisely as the text names it (an official after a
title, a local body by place: ``refine_speaker``).

``SpeakerAttribution`` is a mixin of the per-document analysis (``longarm.nlp.extractor._Doc``): it reads
the document's text, its normalised form, sentence spans and cached sentence analyses.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .gazetteer import STATE_KINDS, Entity
from .issuers import issuer_for
from .local_bodies import LocalBody, find_local_bodies, place_opening_end
from .local_bodies import refine_speaker as local_body_for
from .mentions import Detection, Mention, SentenceInfo
from .names import title_of, title_reference, titled_speaker
from .normalize import normalize
from .prefilter import Hit
from .romanize import person_name

if TYPE_CHECKING:
    from .extractor import ThreatExtractor

__all__ = ["Speaker", "SpeakerAttribution", "Turn", "GENERIC_POLICE"]

#: a press-conference turn: (start, end, 'q' | 'a' | 'n', the labelled speaker or None); 'n' ends an
#: answer at a line with another label (not a turn of anyone's: ``turn_of`` gives None)
Turn = tuple[int, int, str, Entity | None]


@dataclass
class Speaker:
    """The speaker of a detection, as the steps of speaker attribution find it."""

    entity: Entity | None = None  # the state body or official (None: the publisher speaks)
    firm: bool = False  # the sentence's own: a speech verb, its opening subject, an answer turn
    name: str | None = None  # canonical name and kind, the publisher's when ``entity`` is None
    kind: str | None = None


class SpeakerAttribution:
    """Who speaks in a sentence of one document (mixed into the per-document analysis)."""

    # provided by the per-document analysis (longarm.nlp.extractor._Doc)
    ex: ThreatExtractor
    text: str
    norm: str
    spans: list[tuple[int, int]]
    lang: str
    lk: str
    rules: dict[str, Any]
    publisher: dict[str, Any] | None
    hard_fail: str | None

    if TYPE_CHECKING:

        def info(self, i: int) -> SentenceInfo: ...
        def first_full_mention(self, ent: Entity) -> int: ...
        def document_aliases(self) -> list[Hit]: ...

    def __init__(self) -> None:
        # indexes built once per document so that no lookup rescans the text before a sentence
        # (linear time on long texts: issue 10)
        self._turns: list[Turn] | None = None
        self._turn_starts: list[int] = []
        self._span_starts: list[int] = [s for s, _ in self.spans]
        self._key_positions: dict[str, list[int]] = {}
        self._question_ctx: dict[int, bool] = {}
        self._actors: list[tuple[int, Entity]] | None = None
        self._local_bodies: list[LocalBody] | None = None
        self._titled_cache: dict[int, tuple[str | None, str] | None] = {}
        self._person_speakers: dict[int, str] = {}  # detections refined to a titled official, by sentence

    # ---------------------------------------------------------------- transcript turns
    def turns(self) -> list[Turn]:
        """Press-conference turns: (start, end, 'q' | 'a', speaker) for lines opening with a label.

        MFA and TAO transcripts ("Bloomberg: ...? / Zhao Lijian: ...", 问：… 答：…) and HK
        government ones ("Reporter: ... / Chief Executive: ...") give each turn to a labelled
        speaker until the next label. A question turn is the reporter's (its premises are no
        one's statement: LABELS.md, questions without their answer); in an answer turn the
        labelled official speaks every sentence that names no speaker of its own."""
        if self._turns is not None:
            return self._turns
        starts: list[tuple[int, str, Entity | None]] = []
        self._turns_so_far: list[str] = []
        pos = 0
        for line in self.text.split("\n"):
            m = _LABEL.match(line)
            if m:
                turn = self._label_turn(pos + m.start(1), pos + m.end(1), line)
                if turn is not None:
                    starts.append((pos, *turn))
                    self._turns_so_far.append(turn[0])
            pos += len(line) + 1
        self._turns = [
            (st, starts[k + 1][0] if k + 1 < len(starts) else len(self.text), kind, ent)
            for k, (st, kind, ent) in enumerate(starts)
        ]
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
            return "a", ent  # an official answers (even with a rhetorical question)
        raw = self.text[s:e].strip()
        if asks and (
            ent is not None
            or (raw[:1].isupper() or not raw.isascii())
            and len(raw.split()) <= 6
            and not raw[-1:].isdigit()
        ):
            return "q", None  # "Bloomberg: ... What's your comment?", "CCTV: ...?"
        if self._turns_so_far and self._turns_so_far[-1] == "a":
            # another label ("媒体：…" over a related article, "Note:"): the official's answer is over
            return "n", None
        return None

    def turn_of(self, i: int) -> Turn | None:
        s = self.spans[i][0]
        turns = self.turns()
        k = bisect.bisect_right(self._turn_starts, s) - 1  # turns are in order and do not overlap
        if k >= 0 and turns[k][0] <= s < turns[k][1] and turns[k][2] != "n":
            return turns[k]
        return None  # outside any turn, or after an answer's end ('n': no one's turn)

    def _question_context(self, turn: Turn) -> bool:
        """Does the question turn right before this answer turn ask about people abroad or named wanted people?"""
        turns = self.turns()
        k = bisect.bisect_left(self._turn_starts, turn[0])
        if k not in self._question_ctx:
            self._question_ctx[k] = self._asks_about_people(turns, k)
        return self._question_ctx[k]

    def _asks_about_people(self, turns: list[Turn], k: int) -> bool:
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

    # ---------------------------------------------------------------- the sentence's own speaker
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
        vague = self.rules["vague_actors"]
        modifiers = [
            m
            for m in cands
            if (m.form == "weak" or (m.entity is not None and m.entity.name in vague))
            and (m.end in starts or m.end + 1 in starts)
        ]  # 香港|國安警察, 特区政府|警务处国家安全处, "Hong Kong| national security police": a modifier of the body after it
        # the body a modifier opening the sentence qualifies opens it too ("Hong Kong national security police have ...")
        opening = {info.start} | {e for m in modifiers if m.start - info.start <= subj_w for e in (m.end, m.end + 1)}
        if self.lk == "zh":
            # a province (and city) before the body opening the sentence: 福建|厦门市公安局发布…
            place_end = place_opening_end(self.norm, info.start)
            if place_end is not None:
                opening.add(place_end)
        cands = [
            m
            for m in cands
            if not (self._possessive(m) and not self._owns_speaker(m, speech_starts))
            and not (m.form == "weak" and self._locative(m))
            and m not in modifiers
        ]
        weak_pick: Mention | None = None
        for sv in speech:
            source_after = self.norm[sv.start : sv.end] in _SOURCE_AFTER  # "according to X": never before it
            before = [
                m
                for m in cands
                if not source_after
                and m.end <= sv.start
                and sv.start - m.end <= before_w
                and not self._clause_subject(m.end, sv.start)
            ]
            own = self._own_subject(info, sv)
            before = [
                m
                for m in before
                if (
                    m.form not in ("weak", "critic")
                    or sv.start - m.end <= weak_w
                    or (m.start - info.start <= subj_w and sv.start - m.end <= subj_sw and not own)
                )
                and (not _is_person(m) or sv.start - m.end <= person_w or m.start - info.start <= subj_w)
            ]  # a named person opening the sentence speaks
            if sv.pattern.payload[1].id == "speech_noun":
                # "TAO spokesperson Chen Binhua said": the official named right after the designation
                follow = [
                    m
                    for m in cands
                    if 0 <= m.start - sv.end <= 2
                    and not self.norm[sv.end : m.start].strip()
                    and m.form == "full"
                    and m.entity is not None
                    and m.entity.table == "speakers"
                ]
                if follow:
                    return follow[0], True
            if before:
                if (
                    len(before) >= 2
                    and _OF_LINK.match(self.norm[before[-2].end : before[-1].start])
                    and before[-2].form in ("full", "title", "short")
                ):
                    return before[-2], True  # "Steve Li of the National Security Department said"
                if before[-1].form == "weak" and weak_pick is None:
                    # a place or body named by a weak word before one verb (綜合…香港電台報導) yields to
                    # a state body or official named in full before a later one (保安局局長鄧炳強則表示)
                    weak_pick = before[-1]
                    continue
                if weak_pick is not None and not (before[-1].form == "full" and before[-1].state):
                    return weak_pick, True
                return before[-1], True
            if sv.pattern.payload[1].id == "speech_noun" and (
                self.lk == "zh" or not any(_FOR_LINK.match(self.norm[sv.end : m.start]) for m in cands)
            ):
                continue  # 港澳辦發言人說，特區政府 ...: a designation's body comes before it ('a spokesman for X' aside)
            if self._pronoun_subject(sv) or self._noun_before(info, sv):
                continue  # "he added that the police would ...", 發言人說: the speaker is in the context
            after = [m for m in cands if m.start >= sv.end and m.start - sv.end <= after_w]
            after = [
                m
                for m in after
                if (m.form not in ("weak", "critic") or m.start - sv.end <= weak_w)
                and (self.lk == "en" or not _is_person(m))
            ]
            if after:
                return after[0], True
        if weak_pick is not None:
            return weak_pick, True
        if speech:
            # no name attached to a speech verb: a full state body or official opening the sentence is
            # still its subject ("The Police National Security Department today issued ... and announced")
            for m in cands:
                if (m.start - info.start <= subj_w or m.start in opening) and m.form == "full" and m.state:
                    return m, False
            return None, False  # "..., the statement said" / 他說: the speaker is in the context
        # no speech verb: the subject opening the sentence, or the first unambiguous body or official;
        # a subject followed by a participle and "by" is what is done to ("Six activists wanted by HK
        # police": a caption), the agent after "by" acts
        for m in cands:
            if (m.start - info.start <= subj_w or m.start in opening) and not (
                self.lk == "en" and _PATIENT.match(self.norm, m.end)
            ):
                return m, False
        for m in info.mentions:
            if m.form not in ("weak", "critic") and m.state and m in cands:
                return m, False
        return None, False

    def _clause_subject(self, after: int, verb: int) -> bool:
        """Does the verb at ``verb`` have a subject of its own after a comma that follows ``after``
        ("... the brothers of Anna Kwok for questioning, a source said")? Then a name before that
        comma is not who speaks. English only; an apposition closes with its comma right before the
        verb ("Chris Tang, the security chief, said"), which leaves nothing after the last comma."""
        if self.lk != "en":
            return False
        between = self.text[after:verb]
        if "," not in between:
            return False
        tail = between.rsplit(",", 1)[1].strip()
        return bool(tail) and len(tail.split()) <= 5 and not tail.endswith((")", "\u201d", '"'))

    def _pronoun_subject(self, sv: Hit) -> bool:
        """'she said', 'he added', 他表示: a pronoun subject right before the speech verb."""
        before = self.norm[max(0, sv.start - 6) : sv.start]
        words = before.split()
        if self.lk == "en":
            return bool(words) and words[-1] in ("he", "she", "they", "it", "we")
        return before.endswith(("他", "她", "他們", "他们", "她們", "她们", "其"))

    def _noun_before(self, info: SentenceInfo, sv: Hit) -> bool:
        """發言人說 / 'the spokesman said': a designation is the verb's own subject."""
        return any(
            c.kind == "cue"
            and c.id == "speech_noun"
            and h.end <= sv.start
            and not self.norm[h.end : sv.start].strip(" ")
            for h, c in info.cue_hits
        )

    def _passive(self, h: Hit) -> bool:
        """'bounties were announced', 'was reported', 'a move condemned by rights groups': a passive
        verb names no speaker (its agent after "by" judges the act, the sentence's subject did it)."""
        before = self.norm[max(0, h.start - 7) : h.start].split()
        if bool(before) and before[-1] in ("was", "were", "been", "being", "be", "is", "are"):
            return True
        return self.lk == "en" and self.norm.startswith(" by ", h.end)

    def _own_subject(self, info: SentenceInfo, sv: Hit) -> bool:
        """Does the speech verb have its own subject right before it ('the statement said', 他說), or is
        it itself a noun phrase ('the statement', 'a spokesman')?"""
        words = self.norm[max(0, sv.start - 8) : sv.start].split()
        if words and words[-1] in ("the", "a", "an", "its", "his", "her", "their", "this", "that"):
            return True
        for h, c in info.cue_hits:
            if h is sv or c.kind != "cue" or c.role not in ("speech", "anaphor"):
                continue
            if h.end <= sv.start and not self.norm[h.end : sv.start].strip(" "):
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
        before = self.norm[max(0, m.start - 6) : m.start]
        words = before.split()
        return before.endswith(("在", "于", "於", "到", "往", "赴", "从", "從")) or (
            bool(words) and words[-1] in ("in", "to", "from", "at", "into", "across", "inside", "outside", "of", "the")
        )

    def _possessive(self, m: Mention) -> bool:
        """Is the mention followed by 's / 的, or (weak names) preceded by 's?"""
        after = self.norm[m.end : m.end + 2]
        if after.startswith("'s") or after.startswith("的"):
            return True
        return m.form == "weak" and self.norm[max(0, m.start - 3) : m.start].rstrip().endswith("'s")

    # ---------------------------------------------------------------- the speaker of a detection
    def speaker_in_sentence(self, info: SentenceInfo, turn: Turn | None) -> Speaker | None:
        """The speaker the sentence gives itself: its attributed state body or official, the acting
        body when a news outlet reports, the labelled official of an answer turn. None when a
        non-state actor speaks or acts (criticism, testimony: ``hard_fail``)."""
        r = self.rules
        speaker = Speaker()
        attributed = info.attributed
        # in an official's answer (transcript turn) a sentence with no speech verb of its own is the
        # official's, whatever its grammatical subject ("Mao Ning: The central government supports ...")
        answer = self._in_answer(info, turn)
        if attributed is not None and not answer:
            if attributed.state:
                speaker.entity = attributed.entity
                speaker.firm = info.by_speech or attributed.start - info.start <= r["subject_window"][self.lk]
            elif self._reporter(attributed):
                # a news outlet that reports ("Reuters reported", 路透社報導, "told CNN") is no speaker
                # of its own: the state body the sentence names acted, else the one named around it
                acting = [m for m in info.mentions if m.state and m.entity is not None]
                if acting:
                    speaker.entity = acting[0].entity
            elif info.by_speech or attributed.entity is None or attributed.entity.table == "speakers":
                self.hard_fail = "non_state_speaker"  # a non-state actor's words or deeds: criticism, testimony
                return None
        if answer and turn is not None and turn[3] is not None:
            speaker.entity, speaker.firm = turn[3], True  # "Zhao Lijian: ... . No one can escape justice."
        elif (
            answer
            and attributed is not None
            and attributed.state
            and attributed.entity is not None
            and attributed.start - info.start <= r["subject_window"][self.lk]
        ):
            # an unnamed answer ("Reply:", 答覆：, 答：): a state body opening the sentence is its subject
            # (警方會繼續依法追緝所有潛逃者 in the Secretary's LegCo reply is the police's; round 7)
            speaker.entity, speaker.firm = attributed.entity, True
        return speaker

    def speaker_from_context(self, i: int, info: SentenceInfo, turn: Turn | None, speaker: Speaker) -> Speaker | None:
        """Complete ``speaker``: with no speaker of its own the sentence is the nearest preceding
        speaker's, else the publisher's; a bare 'police' after a mainland bureau is that bureau.
        None when that speaker or the publisher is no state actor (``hard_fail``)."""
        if speaker.entity is None:
            # 答：... (no name): only a speech verb within the answer names another speaker; else the page's
            ctx = self._context_speaker(i, turn[0] if turn is not None else 0, speech_only=self._in_answer(info, turn))
            if ctx is not None:
                if not ctx.state:
                    self.hard_fail = "non_state_context"
                    return None
                speaker.entity = ctx.entity
        if speaker.entity is not None and speaker.entity.name == GENERIC_POLICE:
            speaker.entity = self._local_police(info.start) or speaker.entity
        if speaker.entity is not None:
            speaker.name, speaker.kind = speaker.entity.name, speaker.entity.kind
        else:
            speaker.name, speaker.kind = self.ex.publisher_entity(self.publisher)
            if speaker.kind is not None and speaker.kind not in STATE_KINDS:
                self.hard_fail = "non_state_publisher"
                return None
        return speaker

    def _in_answer(self, info: SentenceInfo, turn: Turn | None) -> bool:
        """A sentence of an answer turn with no speech verb of its own (the answering official's)."""
        return turn is not None and turn[2] == "a" and not info.by_speech

    # ---------------------------------------------------------------- speakers around the sentence
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

    def unattributed_speaker(self, i: int) -> tuple[tuple[str, str], bool] | None:
        """The speaker of last resort of sentence ``i`` in a text that names no actor and has no
        publisher: ((name, kind), inferred), or None (no detection). In turn: a local body the
        sentence names (广东省纪委监委, 双峰县公安局: no gazetteer lists them all); a state body it names
        only by a weak word ("police", 警方), unless that word is vague ("China", 中方) or a bare
        "police" in a measure of the mainland's and the measure names its issuer; that issuer
        (data/issuers.toml: ``inferred`` True)."""
        s, e = self.spans[i]
        local = [b for b in self.local_bodies() if s <= b.start < e]
        if local:
            return (local[0].name, local[0].kind), False
        name = issuer_for(self.norm[s:e], self.norm, self.lang)
        issuer = self.ex.by_name.get(name) if name else None
        official = self._official_by_surname(i, issuer)
        if official is not None:
            return (official.name, official.kind), True
        weak = next((m.entity for m in self.info(i).mentions if m.state and m.form == "weak" and m.entity), None)
        if weak is not None:
            yields = weak.name in self.rules["vague_actors"] or (
                weak.name == GENERIC_POLICE and issuer is not None and issuer.kind != "hk_police"
            )
            if not (yields and issuer is not None):
                return (weak.name, weak.kind), False
        if issuer is not None:
            return (issuer.name, issuer.kind), True
        return None

    def _official_by_surname(self, i: int, issuer: Entity | None) -> Entity | None:
        """An official a sentence names only by a short name and a speech verb ("Mr Lee told
        reporters", "Tang said"), in a text that never names them in full: that official, when the
        measure's issuer is of the same government (Hong Kong's or the mainland's) and the sentence
        names no other. A surname alone names many people, so it only ever confirms the issuer's
        side; it is never a speaker on its own."""
        if issuer is None:
            return None
        info = self.info(i)
        speech = [h.start for h, c in info.cue_hits if c.kind == "cue" and c.role == "speech"]
        found = {
            m.entity.name: m.entity
            for m in info.short_only
            if m.entity is not None and any(0 <= sv - m.end <= 2 for sv in speech)
        }
        if len(found) != 1:
            return None
        (official,) = found.values()
        return official if _government(official.kind) == _government(issuer.kind) else None

    def document_actor(self, before: int) -> Entity | None:
        """The state body or official (full name) the document names last before ``before``, else
        first after it: the actor of a news report whose sentence names none ("Police also froze
        ..." after "Hong Kong's national security police issued ...")."""
        if self._actors is None:
            self._actors = []
            for h in self.document_aliases():
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
        for key in self.ex._full_keys.get(GENERIC_POLICE, []) + self.ex._full_keys.get(
            "Police National Security Department", []
        ):
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

    # ---------------------------------------------------------------- naming the speaker precisely
    def refine_speaker(self, i: int, det: Detection) -> Detection:
        """Name the speaker as precisely as the text does: an official named after a title with a
        speech verb speaks as that person (外交部发言人陆慷表示 -> Lu Kang), not as the body; a
        generic local body is the one the text names (Shuangfeng County Public Security Bureau)."""
        s, e = self.spans[i]
        titled = self._titled(i) if det.speaker_kind in STATE_KINDS else None
        if titled is not None:
            det.speaker = titled[1]
            self._person_speakers[i] = titled[1]
            return det
        person = self._titled_person_before(i, det) if det.speaker_kind in STATE_KINDS else None
        if person is not None:
            det.speaker = person
            self._person_speakers[i] = person
            return det
        if det.speaker == GENERIC_POLICE and not self._named_specifically(GENERIC_POLICE, full_only=True):
            # a bare 'police' in a report that names a mainland city's police and never the Hong Kong
            # police in full ("Police in Chongqing have launched an investigation ...")
            local = [b for b in self.local_bodies() if b.central == "Ministry of Public Security" and b.start < e]
            if local:
                det.speaker, det.speaker_kind = local[-1].name, local[-1].kind
                return det
        body = local_body_for(self.local_bodies(), s, e, det.speaker, self._named_specifically(det.speaker))
        if body is not None:
            det.speaker, det.speaker_kind = body.name, body.kind
            return det
        specific = self._specific_actor(i, det)
        if specific is not None:
            det.speaker, det.speaker_kind = specific
        return det

    def _titled(self, i: int) -> tuple[str | None, str] | None:
        """The official sentence i names after a title with a speech verb, outside every gazetteer
        mention: (their title, their name in English), cached."""
        if i not in self._titled_cache:
            s, e = self.spans[i]
            found = None
            titled = titled_speaker(self.text, self.norm, s, e, self.lang)
            if titled is not None:
                inf = self.info(i)
                if not any(m.start < titled.end and titled.start < m.end for m in [*inf.mentions, *inf.persons]):
                    name = person_name(self.norm[titled.start : titled.end]) if self.lang != "en" else titled.text
                    found = (title_of(self.norm, titled), name)
            self._titled_cache[i] = found
        return self._titled_cache[i]

    def _titled_person_before(self, i: int, det: Detection) -> str | None:
        """An official named before with a title, who speaks again here: by the title alone ("the
        acting superintendent said" after "Acting Superintendent Tai Yuk-lun said"), or with no
        speaker of the sentence's own right after that official's statement (a quote that goes on)."""
        s, e = self.spans[i]
        title = title_reference(self.norm, s, e, self.lang)
        if title is not None:
            for j in range(i - 1, -1, -1):
                found = self._titled(j)
                if found is None or found[0] is None:
                    continue
                if found[0].endswith(title) or title.endswith(found[0]):
                    return found[1]
            return None
        if det.evidence.get("own_speaker") or i - 1 not in self._person_speakers:
            return None
        return self._person_speakers[i - 1]

    def _specific_actor(self, i: int, det: Detection) -> tuple[str, str] | None:
        """For a vague actor ("China", "Chinese authorities", 港府, the publisher's fallback) that no
        speech verb of the sentence names: the specific state body the document names nearest
        before the sentence, else first after it ("China has issued a wanted notice for 100
        fugitives" in a report on the Ministry of Public Security's notice). News outlets are no
        acting body. None when the document names none, or the sentence's own speech verb speaks."""
        if det.speaker not in self.rules["vague_actors"]:
            return None
        inf = self.info(i)
        if inf.by_speech and inf.attributed is not None and inf.attributed.name == det.speaker:
            return None  # "the HKSAR Government said": it speaks
        vague_forms = {normalize(f) for f in self.rules["vague_forms"]}
        own = [m for m in inf.mentions if m.name == det.speaker]
        if own and any(self.norm[m.start : m.end] not in vague_forms for m in own):
            return None  # "The Government will take all necessary measures": named as itself
        if not own and det.speaker is not None and self._named_properly(det.speaker, vague_forms):
            return None  # from the context or the publisher, and the document names it as itself
        self.document_actor(0)  # builds self._actors
        vague = set(self.rules["vague_actors"])
        acting = [
            (pos, (ent.name, ent.kind))
            for pos, ent in self._actors or []
            if ent.name not in vague and ent.kind in STATE_KINDS - _MEDIA_KINDS
        ]
        # local bodies named by place (广州公安局, police in Chongqing) act too
        acting += [(b.start, (b.name, b.kind)) for b in self.local_bodies()]
        if not acting:
            return None
        acting.sort(key=lambda a: a[0])
        start = self.spans[i][0]
        before = [a for a in acting if a[0] < start]
        return before[-1][1] if before else acting[0][1]

    def _named_properly(self, name: str, vague_forms: set[str]) -> bool:
        """Does the document name ``name`` by a form other than a vague one (特區政府, "the
        Government", not only "Hong Kong authorities" or 中方)?"""
        for h in self.document_aliases():
            cat, obj = h.pattern.payload
            if cat == "alias" and obj[0].name == name and self.norm[h.start : h.end] not in vague_forms:
                return True
        return False

    def local_bodies(self) -> list[LocalBody]:
        """The local bodies the document names (found once per document)."""
        if self._local_bodies is None:
            self._local_bodies = find_local_bodies(self.norm)
        return self._local_bodies

    def _named_specifically(self, speaker: str | None, full_only: bool = False) -> bool:
        """Does the document name ``speaker`` by one of its specific aliases (公安部, not only the
        generic 公安机关 that any police body may be)? ``full_only``: by one of its full aliases
        (香港警方, not the bare 警方 every police body may be called)."""
        if speaker is None:
            return True
        generic = {normalize(a) for a in self.rules["generic_aliases"].get(speaker, [])}
        if not generic and not full_only:
            return True
        return any(k not in generic and k in self.norm for k in self.ex._full_keys.get(speaker, []))


#: a participle and "by" right after a subject: the subject is what the agent after "by" did
#: something to (reduced relative clause: "activists wanted by HK police", "a man sought by police")
_PATIENT = re.compile(r"\s+(?:[a-z]+ly\s+)?[a-z]+(?:ed|en|ght)\s+by\b")

#: verbs of speech whose source comes after them, never before: in "police took away the brothers
#: of Anna Kwok, according to local media" the name before the verb is no speaker (round 10)
_SOURCE_AFTER = frozenset({"according to"})


def _government(kind: str) -> str:
    """Hong Kong's or the mainland's: the side a state speaker of ``kind`` speaks for."""
    return "hk" if kind in ("hk_government", "hk_police", "pro_beijing_media") else "mainland"


def _is_person(m: Mention) -> bool:
    return m.entity is not None and m.entity.table == "people"


# a transcript label opening a line: "Zhao Lijian:", "Reporter:", 问：, 答：, "Q:" (no sentence
# punctuation inside, at most 40 characters)
_LABEL = re.compile(r"^[ \t]*([^\n:：。.!?？！,，;；\"“”「」()（）]{1,40}?)[ \t]*[:：]")
#: media kinds: they report, they are no acting body (``_specific_actor``)
_MEDIA_KINDS = frozenset({"state_media", "pro_beijing_media"})
GENERIC_POLICE = "Hong Kong Police Force"  # the body a bare 'police' / 警方 is read as (speakers.toml, weak)
_Q_LABELS = frozenset({"问", "q", "question", "reporter", "reporters", "journalist", "记者", "记者问", "提问", "问题"})
# "Reply:" / 答覆： opens the Secretary's answer in LegCo question-and-reply releases (round 7)
_A_LABELS = frozenset({"答", "a", "answer", "reply", "答复", "答覆"})
_LCQ = re.compile(r"^lcq\d+$")
# a dateline opening a sentence: 【大公報訊】, 中新社香港6月12日电, 新华社北京1月5日电（记者 …）
_DATELINE = re.compile(
    r"(?:【[^】]{1,12}[讯訊]】|[^\s，。,：:]{1,12}?(?:社|网|报|台)[^\s，。,：:]{0,10}?\d{1,2}月\d{1,2}日(?:电|讯)"
    r"(?:\s*[（(][^）)]{0,24}[）)])?)\s*"
)
_OF_LINK = re.compile(r"^\s*(?:of|at|from)(?: the)?\s*$")
_FOR_LINK = re.compile(r"^\s*(?:for|of|at)(?: the)?\s*$")
