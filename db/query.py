"""A user's search query -> terms -> one FTS5 MATCH expression.

Why: a query is never passed raw to MATCH. It is parsed into words and balanced
"quoted phrases" (an uppercase ``OR`` between two terms is honoured, anything
else that looks like FTS syntax is just text), each normalised like the index
(:mod:`longarm.db.search_text`), expanded with the cross-language synonym table
(``db/data/synonyms.toml``) and the gazetteer's aliases, and written out as
quoted FTS5 phrases. Odd syntax never raises; a query with nothing to search
raises :class:`QueryError`.
"""

from __future__ import annotations

import functools
import re
import sqlite3
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from longarm.db.search_text import _HAN, _STEMMER, HAN_RUN, IS_HAN, LATIN_WORD, fold

__all__ = [
    "Alternative",
    "MAX_QUERY_CHARS",
    "MAX_TERMS",
    "Query",
    "QueryError",
    "SYNONYMS_FILE",
    "Term",
    "load_synonyms",
    "parse_query",
]

DATA_DIR = Path(__file__).resolve().parent / "data"
SYNONYMS_FILE = DATA_DIR / "synonyms.toml"

MAX_QUERY_CHARS = 2000
MAX_TERMS = 32


class QueryError(ValueError):
    """The query has nothing searchable in it, or cannot be searched; the message says why."""


@dataclass(frozen=True)
class Alternative:
    """One way a query term can match: a Han string (folded) or a sequence of Latin words."""

    han: str = ""  # folded Han characters, matched as a phrase of bigrams
    words: tuple[str, ...] = ()  # Latin words, matched as a phrase (stemmed by FTS5)
    prefix: bool = False  # last word / single character is a prefix

    def fts(self) -> str:
        if self.han:
            if len(self.han) == 1:
                return _quote(self.han) + "*"
            return _quote(" ".join(self.han[i : i + 2] for i in range(len(self.han) - 1)))
        phrase = _quote(" ".join(self.words))
        return phrase + ("*" if self.prefix else "")

    def label(self) -> str:
        return self.han or " ".join(self.words)


@dataclass
class Term:
    alternatives: list[Alternative]
    original: str
    expanded_by: str | None = None  # synonym group or alias that added alternatives

    def fts(self) -> str:
        parts = list(dict.fromkeys(a.fts() for a in _minimal(self.alternatives)))
        return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"


def _minimal(alts: Sequence[Alternative]) -> list[Alternative]:
    """Drop alternatives that contain another one or stem alike (in an OR they add nothing, and cost time)."""
    out = []
    seen: set[tuple[str, ...]] = set()
    unique = []
    for a in alts:
        if a.han:
            key: tuple[str, ...] = (a.han,)
        else:
            stems = _STEMMER.stems(a.words)
            key = ("", *(stems[w] for w in a.words), "*" if a.prefix else "")
        if key not in seen:
            seen.add(key)
            unique.append(a)
    alts = unique
    for a in alts:
        redundant = False
        for b in alts:
            if b is a or b == a or b.prefix:
                continue
            if a.han and b.han and len(b.han) >= 2 and b.han in a.han and len(b.han) < len(a.han):
                redundant = True
            elif (
                a.words
                and b.words
                and not a.prefix
                and len(b.words) < len(a.words)
                and any(a.words[i : i + len(b.words)] == b.words for i in range(len(a.words) - len(b.words) + 1))
            ):
                redundant = True
            if redundant:
                break
        if not redundant:
            out.append(a)
    return out


@dataclass
class Query:
    text: str
    groups: list[list[Term]] = field(default_factory=list)  # AND of groups; each group an OR of terms
    notes: list[str] = field(default_factory=list)

    @property
    def terms(self) -> list[Term]:
        return [t for g in self.groups for t in g]

    @property
    def alternatives(self) -> list[Alternative]:
        return [a for t in self.terms for a in t.alternatives]

    def match_expression(self) -> str:
        out = []
        for g in self.groups:
            parts = list(dict.fromkeys(t.fts() for t in g))  # "red notice OR 紅色通緝令" expand alike
            out.append(parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")")
        return " AND ".join(dict.fromkeys(out))


def _quote(s: str) -> str:
    return '"' + s.replace('"', '""') + '"'


_QUOTES = {'"': '"', "\u201c": "\u201d", "\u300c": "\u300d", "\u300e": "\u300f"}


def _split_query(q: str) -> list[tuple[str, bool]]:
    """(chunk, is_phrase) pieces: balanced quotes give phrases; unbalanced quotes are ignored."""
    pieces: list[tuple[str, bool]] = []
    i = 0
    buf: list[str] = []
    while i < len(q):
        c = q[i]
        close = _QUOTES.get(c)
        if close is not None:
            j = q.find(close, i + 1)
            if j > i:
                if buf:
                    pieces.append(("".join(buf), False))
                    buf = []
                pieces.append((q[i + 1 : j], True))
                i = j + 1
                continue
            buf.append(" ")  # a lone quote is just a separator
        elif c in "\u201d\u300d\u300f":
            buf.append(" ")
        else:
            buf.append(c)
        i += 1
    if buf:
        pieces.append(("".join(buf), False))
    return pieces


def _alternatives_of(chunk: str) -> list[Alternative]:
    """A chunk (one word or a phrase) -> its literal alternative(s): Han runs and Latin words in order."""
    s = fold(chunk)
    prefix = s.rstrip().endswith("*")
    han = "".join(HAN_RUN.findall(s))
    words = tuple(w.lower() for w in LATIN_WORD.findall(s))
    if han and words:
        # mixed chunk ("NSL通缉"): an AND of its parts is close enough; caller splits
        return [Alternative(han=h) for h in HAN_RUN.findall(s)] + [Alternative(words=(w,)) for w in words]
    if han:
        return [Alternative(han=h) for h in HAN_RUN.findall(s)]
    if words:
        return [Alternative(words=words, prefix=prefix)]
    return []


@dataclass
class _SynonymIndex:
    latin: dict[tuple[str, ...], str]  # stemmed word sequence -> group
    han: dict[str, str]  # folded Han string -> group
    groups: dict[str, list[Alternative]]
    max_latin: int


@functools.lru_cache(maxsize=4)
def load_synonyms(path: str | None = None) -> _SynonymIndex:
    p = Path(path) if path else SYNONYMS_FILE
    data = tomllib.loads(p.read_text(encoding="utf-8")) if p.exists() else {}
    latin: dict[tuple[str, ...], str] = {}
    han: dict[str, str] = {}
    groups: dict[str, list[Alternative]] = {}
    for i, g in enumerate(data.get("group", [])):
        name = g.get("name") or f"group{i}"
        alts: list[Alternative] = []
        for term in g.get("terms", []):
            f = fold(term).strip()
            if HAN_RUN.fullmatch(f):
                han.setdefault(f, name)
                alts.append(Alternative(han=f))
            else:
                words = tuple(w.lower() for w in LATIN_WORD.findall(f))
                if words and not IS_HAN.search(f):
                    key = tuple(_STEMMER.stems(words)[w] for w in words)
                    latin.setdefault(key, name)
                    alts.append(Alternative(words=words))
        groups[name] = list(dict.fromkeys(alts))
    return _SynonymIndex(latin, han, groups, max((len(k) for k in latin), default=1))


def _aliases(conn: sqlite3.Connection | None) -> dict[str, str]:
    """Folded, lower-cased alias -> canonical name, from the gazetteer tables (when present)."""
    if conn is None:
        return {}
    try:
        rows = conn.execute("SELECT alias, name FROM aliases").fetchall()
    except sqlite3.Error:
        return {}
    return {fold(a).lower().strip(): n for a, n in rows if a and n}


def parse_query(q: str, conn: sqlite3.Connection | None = None, *, synonyms: bool = True) -> Query:
    """Parse a user's query into terms; never raises on odd syntax. Empty result -> QueryError."""
    if q is None:
        q = ""
    query = Query(text=q)
    if len(q) > MAX_QUERY_CHARS:
        q = q[:MAX_QUERY_CHARS]
        query.notes.append(f"query cut to its first {MAX_QUERY_CHARS} characters")
    syn = load_synonyms() if synonyms else None
    aliases = _aliases(conn) if synonyms else {}

    # 1. chunks: phrases stay whole; other text splits on whitespace; bare OR is an operator
    chunks: list[tuple[str, bool]] = []  # (text, is_phrase) ; ("OR", None) marks an operator
    for piece, is_phrase in _split_query(q):
        if is_phrase:
            chunks.append((piece, True))
        else:
            for w in piece.split():
                chunks.append((w, False))

    groups: list[list[Term]] = []
    pending_or = False
    i = 0
    latin_run: list[str] = []  # consecutive plain Latin words, for multi-word synonym matching

    def add_term(term: Term) -> None:
        nonlocal pending_or
        if pending_or and groups:
            groups[-1].append(term)
        else:
            groups.append([term])
        pending_or = False

    def flush_latin() -> None:
        """Match the longest synonym word sequences in a run of plain words; others are single terms."""
        words = list(latin_run)
        latin_run.clear()
        if not words:
            return
        stems = _STEMMER.stems(words)
        j = 0
        while j < len(words):
            matched = False
            if syn is not None:
                for n in range(min(syn.max_latin, len(words) - j), 0, -1):
                    key = tuple(stems[w] for w in words[j : j + n])
                    name = syn.latin.get(key)
                    if name:
                        lit = Alternative(words=tuple(words[j : j + n]))
                        add_term(Term([lit, *syn.groups[name]], " ".join(words[j : j + n]), name))
                        j += n
                        matched = True
                        break
            if not matched:
                add_term(_with_alias(Term([Alternative(words=(words[j],))], words[j]), aliases))
                j += 1

    while i < len(chunks):
        text, is_phrase = chunks[i]
        if not is_phrase and text == "AND":
            # terms are ANDed anyway: an explicit AND (FTS habit) is not a word to look for
            i += 1
            continue
        if not is_phrase and text == "OR":
            flush_latin()
            if groups:
                pending_or = True
            i += 1
            continue
        if is_phrase:
            flush_latin()
            alts = _alternatives_of(text)
            f = fold(text)
            words = tuple(w.lower() for w in LATIN_WORD.findall(f))
            hans = HAN_RUN.findall(f)
            if words and not hans:
                lit = Alternative(words=words)
                term = Term([lit], text)
                if syn is not None:
                    name = syn.latin.get(tuple(_STEMMER.stems(words)[w] for w in words))
                    if name:
                        term = Term([lit, *syn.groups[name]], text, name)
                add_term(_with_alias(term, aliases))
            else:
                for a in alts:
                    add_term(_expand_han(a, syn, aliases) if a.han else Term([a], a.label()))
            i += 1
            continue
        # a plain word: split into Han runs and Latin words
        f = fold(text)
        prefix = f.endswith("*")
        for m in re.finditer(f"[{_HAN}]+|(?:(?![{_HAN}])[^\\W_])+", f):
            tok = m.group()
            if IS_HAN.match(tok):
                flush_latin()
                for t in _expand_han_run(tok, syn, aliases):
                    add_term(t)
            else:
                if prefix and m.end() == len(f.rstrip("*")):
                    flush_latin()
                    add_term(Term([Alternative(words=(tok.lower(),), prefix=True)], tok + "*"))
                else:
                    latin_run.append(tok.lower())
        i += 1
    flush_latin()

    if not groups:
        raise QueryError(
            "nothing to search for: the query has no words or Chinese characters"
            + (f" ({q.strip()[:40]!r})" if q.strip() else "")
        )
    count = 0
    kept: list[list[Term]] = []
    for g in groups:
        if count >= MAX_TERMS:
            query.notes.append(f"only the first {MAX_TERMS} terms were searched")
            break
        kept.append(g)
        count += len(g)
    query.groups = kept
    return query


def _with_alias(term: Term, aliases: dict[str, str]) -> Term:
    key = " ".join(a.label() for a in term.alternatives[:1]).lower()
    name = aliases.get(key)
    if name and fold(name).lower() != key:
        words = tuple(w.lower() for w in LATIN_WORD.findall(fold(name)))
        hans = HAN_RUN.findall(fold(name))
        alt = Alternative(han=hans[0]) if hans and not words else Alternative(words=words)
        if alt not in term.alternatives:
            term.alternatives.append(alt)
            term.expanded_by = term.expanded_by or f"alias of {name}"
    return term


def _expand_han(alt: Alternative, syn: _SynonymIndex | None, aliases: dict[str, str]) -> Term:
    term = Term([alt], alt.han)
    if syn is not None:
        name = syn.han.get(alt.han)
        if name:
            term = Term([alt, *[a for a in syn.groups[name] if a != alt]], alt.han, name)
    return _with_alias(term, aliases)


def _expand_han_run(run: str, syn: _SynonymIndex | None, aliases: dict[str, str]) -> list[Term]:
    """A Han run -> terms. Synonyms (longest first) or aliases inside the run are split out."""
    if syn is None or run in syn.han or run in aliases or len(run) <= 2:
        return [_expand_han(Alternative(han=run), syn, aliases)]
    keys = sorted({*syn.han, *(a for a in aliases if HAN_RUN.fullmatch(a))}, key=len, reverse=True)
    for k in keys:
        if len(k) >= 2:
            j = run.find(k)
            if j >= 0:
                out: list[Term] = []
                if j > 0:
                    out += _expand_han_run(run[:j], syn, aliases)
                out.append(_expand_han(Alternative(han=k), syn, aliases))
                if j + len(k) < len(run):
                    out += _expand_han_run(run[j + len(k) :], syn, aliases)
                return out
    return [_expand_han(Alternative(han=run), syn, aliases)]
