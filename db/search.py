"""Full-text search over threats and documents that understands Chinese.

Design (see docs/guide.md, "search"):

* SQLite's FTS5 cannot segment Chinese, and its trigram tokenizer never matches
  queries under three characters. So we index a *normalised copy* of the text:

  - Chinese is folded character by character to simplified script (OpenCC's
    t2s character table plus its HK/TW variant tables). The fold is context
    free and keeps the length, so a query and a document always fold the same
    way and an offset in the folded text is an offset in the original text.
  - every run of Han characters becomes overlapping bigrams plus its last
    character ("红色通缉令" -> "红色 色通 通缉 缉令 令"). A Chinese word of
    two or more characters is then a phrase of bigrams; a single character is a
    prefix query.
  - everything else is left to FTS5's ``porter unicode61`` tokenizer
    (lower-cased, diacritics removed, Porter-stemmed: "pursue" finds "pursued").

* The FTS5 tables are contentless (``content=''``): only the index is stored,
  the text stays in ``threats`` / ``documents``. Triggers on those tables log
  every insert, change and delete (with the old values, needed to take a row
  out of a contentless index) into ``search_pending``; :func:`index_new` drains
  that log, so keeping the index in sync is cheap and idempotent.
  :func:`ensure_index` builds everything on a database that has no index yet
  (or was indexed by an older normaliser).

* A query is never passed raw to MATCH: it is parsed into words and balanced
  "quoted phrases" (an uppercase ``OR`` between two terms is honoured, anything
  else that looks like FTS syntax is just text), each normalised like the index,
  expanded with the cross-language synonym table (``db/data/synonyms.toml``) and
  the gazetteer's aliases, and written out as quoted FTS5 phrases.

* Highlights are computed on the original text: Chinese terms by position in
  the folded text, English words by comparing Porter stems (computed by SQLite's
  own porter tokenizer, so they agree with the index).
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import re
import sqlite3
import threading
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

NORMALISER_VERSION = "1"
TOKENIZE = "porter unicode61 remove_diacritics 2"
DATA_DIR = Path(__file__).resolve().parent / "data"
SYNONYMS_FILE = DATA_DIR / "synonyms.toml"

MAX_QUERY_CHARS = 2000
MAX_TERMS = 32

THREAT_COLUMNS = ("quote", "speaker", "targets", "instruments")
THREAT_WEIGHTS = (1.0, 2.0, 2.0, 0.5)
DOCUMENT_COLUMNS = ("title", "text")
DOCUMENT_WEIGHTS = (3.0, 1.0)


class QueryError(ValueError):
    """The query has nothing searchable in it, or cannot be searched; the message says why."""


# ---------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN_RUN = re.compile(f"[{_HAN}]+")
IS_HAN = re.compile(f"[{_HAN}]")
# what unicode61 treats as one token, minus Han characters (handled separately)
LATIN_WORD = re.compile(f"(?:(?![{_HAN}])[^\\W_])+")


def _opencc_dictionary_dir() -> Path | None:
    try:
        import opencc
    except ImportError:  # pragma: no cover - opencc is a hard dependency
        return None
    d = Path(opencc.__file__).resolve().parent / "dictionary"
    return d if d.is_dir() else None


def _read_pairs(path: Path) -> Iterator[tuple[str, str]]:
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0] and parts[1]:
            yield parts[0], parts[1].split(" ")[0]


@functools.lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    """One-character-to-one-character map: HK/TW variants and traditional -> simplified, full-width -> ASCII."""
    mapping: dict[str, str] = {}
    d = _opencc_dictionary_dir()
    if d is not None:
        for name in ("HKVariantsRev.txt", "TWVariantsRev.txt", "TSCharacters.txt"):
            p = d / name
            if p.exists():
                for k, v in _read_pairs(p):
                    if len(k) == 1 and len(v) == 1 and k != v:
                        mapping.setdefault(k, v)
    # follow chains (variant -> standard traditional -> simplified) to a fixed point
    table: dict[int, str] = {}
    for k, v in mapping.items():
        seen = {k}
        while v in mapping and v not in seen:
            seen.add(v)
            v = mapping[v]
        if v != k:
            table[ord(k)] = v
    for cp in range(0xFF01, 0xFF5F):  # full-width ASCII
        table[cp] = chr(cp - 0xFEE0)
    table[0x3000] = " "  # ideographic space
    return table


@functools.lru_cache(maxsize=1)
def normaliser_id() -> str:
    """Identifies the normaliser: an index built by another one must be rebuilt."""
    h = hashlib.sha256(json.dumps(sorted(_fold_table().items())).encode()).hexdigest()[:12]
    return f"{NORMALISER_VERSION}-{h}"


def fold(text: str) -> str:
    """Chinese folded to simplified characters, full-width ASCII to ASCII. Same length as ``text``."""
    return text.translate(_fold_table())


def to_simplified(text: str) -> str:
    """Traditional -> simplified for display (prefers nlp.normalize, else OpenCC t2s)."""
    try:
        from nlp.normalize import to_simplified as _ts  # type: ignore
        return _ts(text)
    except Exception:
        pass
    try:
        return _opencc_t2s()(text)
    except Exception:  # pragma: no cover
        return fold(text)


@functools.lru_cache(maxsize=1)
def _opencc_t2s() -> Any:
    import opencc
    return opencc.OpenCC("t2s").convert


def _han_tokens(run: str) -> list[str]:
    """Bigrams of a Han run plus its last character (so every character starts some token)."""
    if len(run) == 1:
        return [run]
    return [run[i:i + 2] for i in range(len(run) - 1)] + [run[-1]]


def index_text(text: str | None) -> str:
    """The normalised copy of ``text`` that goes into the FTS5 index."""
    if not text:
        return ""
    s = fold(text)
    out: list[str] = []
    pos = 0
    for m in HAN_RUN.finditer(s):
        if m.start() > pos:
            out.append(s[pos:m.start()])
        out.append(" " + " ".join(_han_tokens(m.group())) + " ")
        pos = m.end()
    if pos == 0:
        return s
    out.append(s[pos:])
    return "".join(out)


def _targets_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return value
    if isinstance(value, (list, tuple)):
        return " ; ".join(str(v) for v in value if v)
    return str(value)


def _instruments_text(value: Any) -> str:
    return _targets_text(value).replace("_", " ")


# -- Porter stems, computed by SQLite's own tokenizer ----------------------------

class _Stemmer:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cache: dict[str, str] = {}
        self._con: sqlite3.Connection | None = None

    def _connection(self) -> sqlite3.Connection:
        if self._con is None:
            con = sqlite3.connect(":memory:", check_same_thread=False)
            con.execute(f"CREATE VIRTUAL TABLE s USING fts5(w, tokenize='{TOKENIZE}')")
            con.execute("CREATE VIRTUAL TABLE v USING fts5vocab(s, instance)")
            self._con = con
        return self._con

    def stems(self, words: Iterable[str]) -> dict[str, str]:
        words = set(words)
        with self._lock:
            missing = [w for w in words if w not in self._cache]
            if missing:
                if len(self._cache) > 200_000:
                    self._cache.clear()
                con = self._connection()
                with con:
                    con.execute("DELETE FROM s")
                    con.executemany("INSERT INTO s(rowid, w) VALUES (?, ?)", enumerate(missing, 1))
                    got: dict[int, str] = {}
                    for doc, term in con.execute("SELECT doc, term FROM v ORDER BY doc, offset"):
                        got.setdefault(doc, term)
                for i, w in enumerate(missing, 1):
                    self._cache[w] = got.get(i, w.lower())
            return {w: self._cache[w] for w in words}


_STEMMER = _Stemmer()


def stem(word: str) -> str:
    return _STEMMER.stems([word])[word]


# ---------------------------------------------------------------------------
# Query parsing
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Alternative:
    """One way a query term can match: a Han string (folded) or a sequence of Latin words."""

    han: str = ""                       # folded Han characters, matched as a phrase of bigrams
    words: tuple[str, ...] = ()         # Latin words, matched as a phrase (stemmed by FTS5)
    prefix: bool = False                # last word / single character is a prefix

    def fts(self) -> str:
        if self.han:
            if len(self.han) == 1:
                return _quote(self.han) + "*"
            return _quote(" ".join(self.han[i:i + 2] for i in range(len(self.han) - 1)))
        phrase = _quote(" ".join(self.words))
        return phrase + ("*" if self.prefix else "")

    def label(self) -> str:
        return self.han or " ".join(self.words)


@dataclass
class Term:
    alternatives: list[Alternative]
    original: str
    expanded_by: str | None = None      # synonym group or alias that added alternatives

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
            elif a.words and b.words and not a.prefix and len(b.words) < len(a.words) and any(
                    a.words[i:i + len(b.words)] == b.words for i in range(len(a.words) - len(b.words) + 1)):
                redundant = True
            if redundant:
                break
        if not redundant:
            out.append(a)
    return out


@dataclass
class Query:
    text: str
    groups: list[list[Term]] = field(default_factory=list)   # AND of groups; each group an OR of terms
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
            parts = list(dict.fromkeys(t.fts() for t in g))    # "red notice OR 紅色通緝令" expand alike
            out.append(parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")")
        return " AND ".join(dict.fromkeys(out))


def _quote(s: str) -> str:
    return '"' + s.replace('"', '""') + '"'


_QUOTES = {'"': '"', "\u201c": "\u201d", "\u300c": "\u300d", "\u300e": "\u300f"}


def _split_query(q: str) -> list[tuple[str, bool]]:
    """(chunk, is_phrase) pieces: balanced quotes give phrases; unbalanced quotes are ignored."""
    pieces: list[tuple[str, bool]] = []
    i, buf = 0, []
    while i < len(q):
        c = q[i]
        close = _QUOTES.get(c)
        if close is not None:
            j = q.find(close, i + 1)
            if j > i:
                if buf:
                    pieces.append(("".join(buf), False))
                    buf = []
                pieces.append((q[i + 1:j], True))
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
    latin: dict[tuple[str, ...], str]       # stemmed word sequence -> group
    han: dict[str, str]                     # folded Han string -> group
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
    chunks: list[tuple[str, bool]] = []   # (text, is_phrase) ; ("OR", None) marks an operator
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
                    key = tuple(stems[w] for w in words[j:j + n])
                    name = syn.latin.get(key)
                    if name:
                        lit = Alternative(words=tuple(words[j:j + n]))
                        add_term(Term([lit, *syn.groups[name]], " ".join(words[j:j + n]), name))
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
        raise QueryError("nothing to search for: the query has no words or Chinese characters"
                         + (f" ({q.strip()[:40]!r})" if q.strip() else ""))
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
                    out += _expand_han_run(run[j + len(k):], syn, aliases)
                return out
    return [_expand_han(Alternative(han=run), syn, aliases)]


# ---------------------------------------------------------------------------
# Highlighting on the original text
# ---------------------------------------------------------------------------

def match_spans(text: str | None, query: Query | Sequence[Alternative]) -> list[tuple[int, int]]:
    """Sorted, merged (start, end) offsets in ``text`` of everything the query matches."""
    if not text:
        return []
    alts = query.alternatives if isinstance(query, Query) else list(query)
    folded = fold(text)
    spans: list[tuple[int, int]] = []
    latin_alts = [a for a in alts if a.words]
    for a in alts:
        if a.han:
            start = folded.find(a.han)
            while start >= 0:
                spans.append((start, start + len(a.han)))
                start = folded.find(a.han, start + 1)
    if latin_alts:
        words = [(m.start(), m.end(), m.group()) for m in LATIN_WORD.finditer(folded)]
        if words:
            stems = _STEMMER.stems(w for _, _, w in words)
            wanted = _STEMMER.stems(w for a in latin_alts for w in a.words)
            seq = [stems[w] for _, _, w in words]
            for a in latin_alts:
                target = [wanted[w] for w in a.words]
                n = len(target)
                for k in range(len(seq) - n + 1):
                    ok = all(seq[k + x] == target[x] for x in range(n - 1))
                    last_word = words[k + n - 1][2].lower()
                    if a.prefix:
                        ok = ok and (last_word.startswith(a.words[-1]) or seq[k + n - 1].startswith(target[-1]))
                    else:
                        ok = ok and seq[k + n - 1] == target[-1]
                    if ok:
                        spans.append((words[k][0], words[k + n - 1][1]))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def mark(text: str, spans: Sequence[tuple[int, int]], before: str = "[", after: str = "]") -> str:
    out, pos = [], 0
    for s, e in spans:
        out.append(text[pos:s])
        out.append(before + text[s:e] + after)
        pos = e
    out.append(text[pos:])
    return "".join(out)


def window(text: str, spans: Sequence[tuple[int, int]], size: int = 240) -> tuple[int, int]:
    """A (start, end) window of about ``size`` characters around the first match (or the start)."""
    if len(text) <= size:
        return 0, len(text)
    first = spans[0][0] if spans else 0
    start = max(0, first - size // 3)
    end = min(len(text), start + size)
    start = max(0, end - size)
    return start, end


def snippet(text: str | None, spans: Sequence[tuple[int, int]], size: int = 240,
            before: str = "[", after: str = "]") -> str:
    """The text around the first match, matches marked, ellipses where cut."""
    if not text:
        return ""
    s, e = window(text, spans, size)
    inner = [(max(a, s) - s, min(b, e) - s) for a, b in spans if b > s and a < e]
    out = mark(text[s:e], inner, before, after)
    return ("…" if s > 0 else "") + " ".join(out.split()) + ("…" if e < len(text) else "")


# ---------------------------------------------------------------------------
# Index: tables, triggers, build and incremental updates
# ---------------------------------------------------------------------------
#
# Besides the text, every index row carries "facet" tokens (source, language,
# label, publication year/month/day) in a column of weight 0, so filters are
# intersected inside FTS5 instead of being checked row by row afterwards.
# Facet tokens are "zq" + a letter + digits: they end in a digit, so the Porter
# stemmer leaves them alone, and no real word looks like them.

def _conn(db: Any) -> sqlite3.Connection:
    return getattr(db, "conn", db)


def _h(value: str) -> str:
    return str(int(hashlib.sha1(value.encode("utf-8")).hexdigest()[:12], 16))


def _lang_tokens(lang: str | None) -> list[str]:
    if not lang:
        return []
    lang = lang.lower()
    out = ["zql" + _h(lang)]
    family = lang.split("-")[0]
    if family != lang:
        out.append("zql" + _h(family))
    return out


def _date_tokens(date: str | None) -> list[str]:
    if not date or not _DATE_FULL.match(date[:10]):
        return []
    y, m, d = date[:4], date[5:7], date[8:10]
    return [f"zqy{y}", f"zqm{y}{m}", f"zqd{y}{m}{d}"]


def threat_facets(label: Any, lang: Any, source_id: Any, published_date: Any) -> str:
    toks = []
    if label:
        toks.append("zqb" + _h(str(label)))
    toks += _lang_tokens(lang)
    if source_id:
        toks.append("zqs" + _h(str(source_id)))
    toks += _date_tokens(published_date)
    return " ".join(toks)


def document_facets(lang: Any, source_id: Any, published_date: Any) -> str:
    return threat_facets(None, lang, source_id, published_date)


# The pending log: kind 't'/'d', the row, the op ('i' insert, 'u' change, 'd' delete)
# and, for 'u'/'d', the values the index holds for the row (needed to remove it
# from a contentless index): threats: quote, speaker, targets, instruments,
# label, lang (threat's, else document's), source_id, published_date;
# documents: title, text, lang, source_id, published_date.
_T_OLD = ("OLD.quote, OLD.speaker, OLD.targets, OLD.instruments, OLD.label, "
          "COALESCE(OLD.lang, (SELECT lang FROM documents WHERE id = OLD.document_id)), "
          "(SELECT source_id FROM documents WHERE id = OLD.document_id), "
          "(SELECT published_date FROM documents WHERE id = OLD.document_id)")
_T_COLS = "kind, row_id, op, old1, old2, old3, old4, old5, old6, old7, old8"
_D_COLS = "kind, row_id, op, old1, old2, old3, old4, old5"

_TRIGGERS = {
    "search_threats_ai": "AFTER INSERT ON threats BEGIN "
                         "INSERT INTO search_pending(kind, row_id, op) VALUES ('t', NEW.id, 'i'); END",
    "search_threats_au": "AFTER UPDATE OF id, document_id, quote, speaker, targets, instruments, label, lang ON threats "
                         "WHEN OLD.id IS NOT NEW.id OR OLD.document_id IS NOT NEW.document_id "
                         "OR OLD.quote IS NOT NEW.quote OR OLD.speaker IS NOT NEW.speaker "
                         "OR OLD.targets IS NOT NEW.targets OR OLD.instruments IS NOT NEW.instruments "
                         "OR OLD.label IS NOT NEW.label OR OLD.lang IS NOT NEW.lang BEGIN "
                         f"INSERT INTO search_pending({_T_COLS}) VALUES ('t', OLD.id, 'u', {_T_OLD}); "
                         "INSERT INTO search_pending(kind, row_id, op) SELECT 't', NEW.id, 'i' WHERE OLD.id IS NOT NEW.id; END",
    "search_threats_ad": "AFTER DELETE ON threats BEGIN "
                         f"INSERT INTO search_pending({_T_COLS}) VALUES ('t', OLD.id, 'd', {_T_OLD}); END",
    "search_documents_ai": "AFTER INSERT ON documents BEGIN "
                           "INSERT INTO search_pending(kind, row_id, op) VALUES ('d', NEW.id, 'i'); END",
    "search_documents_au": "AFTER UPDATE OF id, title, text, lang, source_id, published_date ON documents "
                           "WHEN OLD.id IS NOT NEW.id OR OLD.title IS NOT NEW.title OR OLD.text IS NOT NEW.text "
                           "OR OLD.lang IS NOT NEW.lang OR OLD.source_id IS NOT NEW.source_id "
                           "OR OLD.published_date IS NOT NEW.published_date BEGIN "
                           f"INSERT INTO search_pending({_D_COLS}) "
                           "VALUES ('d', OLD.id, 'u', OLD.title, OLD.text, OLD.lang, OLD.source_id, OLD.published_date); "
                           "INSERT INTO search_pending(kind, row_id, op) SELECT 'd', NEW.id, 'i' WHERE OLD.id IS NOT NEW.id; "
                           # the threats of this document carry its source, language and date as facets
                           f"INSERT INTO search_pending({_T_COLS}) SELECT 't', t.id, 'u', t.quote, t.speaker, t.targets, "
                           "t.instruments, t.label, COALESCE(t.lang, OLD.lang), OLD.source_id, OLD.published_date "
                           "FROM threats t WHERE t.document_id = OLD.id "
                           "AND (OLD.lang IS NOT NEW.lang OR OLD.source_id IS NOT NEW.source_id "
                           "OR OLD.published_date IS NOT NEW.published_date OR OLD.id IS NOT NEW.id); END",
    "search_documents_ad": "AFTER DELETE ON documents BEGIN "
                           f"INSERT INTO search_pending({_D_COLS}) "
                           "VALUES ('d', OLD.id, 'd', OLD.title, OLD.text, OLD.lang, OLD.source_id, OLD.published_date); END",
}

_THREAT_SELECT = ("SELECT t.id, t.quote, t.speaker, t.targets, t.instruments, t.label, COALESCE(t.lang, d.lang), "
                  "d.source_id, d.published_date FROM threats t LEFT JOIN documents d ON d.id = t.document_id")
_DOCUMENT_SELECT = "SELECT d.id, d.title, d.text, d.lang, d.source_id, d.published_date FROM documents d"
_T_INSERT = ("INSERT INTO search_threats(rowid, quote, speaker, targets, instruments, facets) "
             "VALUES (?, ?, ?, ?, ?, ?)")
_T_DELETE = ("INSERT INTO search_threats(search_threats, rowid, quote, speaker, targets, instruments, facets) "
             "VALUES ('delete', ?, ?, ?, ?, ?, ?)")
_D_INSERT = "INSERT INTO search_documents(rowid, title, text, facets) VALUES (?, ?, ?, ?)"
_D_DELETE = ("INSERT INTO search_documents(search_documents, rowid, title, text, facets) "
             "VALUES ('delete', ?, ?, ?, ?)")


def _create_tables(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE IF NOT EXISTS search_state (key TEXT PRIMARY KEY, value TEXT)")
    conn.execute("""CREATE TABLE IF NOT EXISTS search_pending (
        seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, row_id INTEGER NOT NULL, op TEXT NOT NULL,
        old1 TEXT, old2 TEXT, old3 TEXT, old4 TEXT, old5 TEXT, old6 TEXT, old7 TEXT, old8 TEXT)""")
    conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS search_threats USING fts5("
                 f"{', '.join(THREAT_COLUMNS)}, facets, content='', tokenize='{TOKENIZE}')")
    conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS search_documents USING fts5("
                 f"{', '.join(DOCUMENT_COLUMNS)}, facets, content='', tokenize='{TOKENIZE}')")
    conn.execute("INSERT INTO search_threats(search_threats, rank) VALUES ('rank', ?)",
                 [f"bm25({', '.join(map(str, THREAT_WEIGHTS))}, 0.0)"])
    conn.execute("INSERT INTO search_documents(search_documents, rank) VALUES ('rank', ?)",
                 [f"bm25({', '.join(map(str, DOCUMENT_WEIGHTS))}, 0.0)"])
    for name, body in _TRIGGERS.items():
        conn.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")


def _state(conn: sqlite3.Connection) -> dict[str, str]:
    try:
        return dict(conn.execute("SELECT key, value FROM search_state").fetchall())
    except sqlite3.Error:
        return {}


def _threat_row(row: Sequence[Any]) -> tuple[Any, ...]:
    """(id, quote, speaker, targets, instruments, label, lang, source_id, published_date) -> index values."""
    rid, quote, speaker, targets, instruments, label, lang, source_id, date = row
    return (rid, index_text(quote), index_text(speaker), index_text(_targets_text(targets)),
            index_text(_instruments_text(instruments)), threat_facets(label, lang, source_id, date))


def _document_row(row: Sequence[Any]) -> tuple[Any, ...]:
    """(id, title, text, lang, source_id, published_date) -> index values."""
    rid, title, text, lang, source_id, date = row
    return rid, index_text(title), index_text(text), document_facets(lang, source_id, date)


def _batched(it: Iterable[Any], n: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for x in it:
        batch.append(x)
        if len(batch) >= n:
            yield batch
            batch = []
    if batch:
        yield batch


@contextlib.contextmanager
def _write_transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE ... COMMIT: takes the write lock before reading what to change, so two
    processes (a crawl and `longarm serve`) never apply the same logged change twice."""
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if own:
            conn.rollback()
        raise
    else:
        if own:
            conn.commit()


def index_status(db: Any) -> str:
    """'missing', 'stale' (other normaliser), 'pending' (changes to index) or 'ok'."""
    conn = _conn(db)
    st = _state(conn)
    if not st.get("built_at"):
        return "missing"
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE name LIKE 'search_%'")}
    if not {"search_threats", "search_documents", "search_pending", *_TRIGGERS} <= names:
        return "missing"
    if st.get("normaliser") != normaliser_id() or st.get("layout") != _LAYOUT:
        return "stale"
    if conn.execute("SELECT EXISTS (SELECT 1 FROM search_pending)").fetchone()[0]:
        return "pending"
    return "ok"


_LAYOUT = "2"  # bump when columns, facets or triggers change: the index is rebuilt


def _note_years(conn: sqlite3.Connection, years: set[str]) -> None:
    years = {y for y in years if y and y.isdigit()}
    if not years:
        return
    st = _state(conn)
    lo = min([*years, *([st["min_year"]] if st.get("min_year") else [])])
    hi = max([*years, *([st["max_year"]] if st.get("max_year") else [])])
    conn.executemany("INSERT OR REPLACE INTO search_state(key, value) VALUES (?, ?)",
                     [("min_year", lo), ("max_year", hi)])


def rebuild_index(db: Any, *, progress: Any = None, optimize: bool = True) -> dict[str, int]:
    """Drop and rebuild the whole search index (in one transaction); returns row counts."""
    from db.store import utcnow

    conn = _conn(db)
    counts = {"threats": 0, "documents": 0}
    with _write_transaction(conn):
        for name in _TRIGGERS:
            conn.execute(f"DROP TRIGGER IF EXISTS {name}")
        for name in ("search_threats", "search_documents", "search_pending", "search_state"):
            conn.execute(f"DROP TABLE IF EXISTS {name}")
        _create_tables(conn)
        for batch in _batched(conn.execute(_THREAT_SELECT + " ORDER BY t.id"), 5000):
            conn.executemany(_T_INSERT, [_threat_row(r) for r in batch])
            counts["threats"] += len(batch)
            if progress:
                progress("threats", counts["threats"])
        years: set[str] = set()
        for batch in _batched(conn.execute(_DOCUMENT_SELECT + " ORDER BY d.id"), 1000):
            conn.executemany(_D_INSERT, [_document_row(r) for r in batch])
            years.update((r[5] or "")[:4] for r in batch)
            counts["documents"] += len(batch)
            if progress:
                progress("documents", counts["documents"])
        if optimize:
            conn.execute("INSERT INTO search_threats(search_threats) VALUES ('optimize')")
            conn.execute("INSERT INTO search_documents(search_documents) VALUES ('optimize')")
        conn.executemany("INSERT OR REPLACE INTO search_state(key, value) VALUES (?, ?)", [
            ("normaliser", normaliser_id()), ("layout", _LAYOUT), ("built_at", utcnow())])
        _note_years(conn, years)
    return counts


def index_new(db: Any) -> dict[str, int]:
    """Bring the index up to date: build it if missing or stale, else apply the logged changes.

    Cheap when nothing changed (one indexed lookup) and idempotent; the crawl
    pipeline calls it after storing documents and threats.
    """
    conn = _conn(db)
    status = index_status(conn)
    if status in ("missing", "stale"):
        return rebuild_index(conn)
    if status == "ok":
        return {"threats": 0, "documents": 0}
    with _write_transaction(conn):
        return _drain(conn)


def _drain(conn: sqlite3.Connection) -> dict[str, int]:
    """Apply every logged change (inside the caller's write transaction)."""
    counts = {"threats": 0, "documents": 0}
    rows = conn.execute(f"SELECT seq, {_T_COLS} FROM search_pending ORDER BY seq").fetchall()
    if not rows:
        return counts
    first: dict[tuple[str, int], tuple] = {}
    for r in rows:
        first.setdefault((r[1], r[2]), r)
    years: set[str] = set()
    for (kind, row_id), r in first.items():
        years |= _apply(conn, kind, row_id, r)
        counts["threats" if kind == "t" else "documents"] += 1
    _note_years(conn, years)
    conn.execute("DELETE FROM search_pending WHERE seq <= ?", [rows[-1][0]])
    return counts


def _apply(conn: sqlite3.Connection, kind: str, row_id: int, ev: Sequence[Any]) -> set[str]:
    """Make the index entry of one row match the row as it is now.

    ``ev`` is the first logged event for the row since the last update; it tells
    what the index holds: after an insert ('i') nothing, after an update or a
    delete the old values it carries.
    """
    op = ev[3]
    if kind == "t":
        if op in ("u", "d"):
            conn.execute(_T_DELETE, _threat_row((row_id, *ev[4:12])))
        row = conn.execute(_THREAT_SELECT + " WHERE t.id = ?", [row_id]).fetchone()
        if row is not None:
            conn.execute(_T_INSERT, _threat_row(row))
        return set()
    if op in ("u", "d"):
        conn.execute(_D_DELETE, _document_row((row_id, *ev[4:9])))
    row = conn.execute(_DOCUMENT_SELECT + " WHERE d.id = ?", [row_id]).fetchone()
    if row is not None:
        conn.execute(_D_INSERT, _document_row(row))
        return {(row[5] or "")[:4]}
    return set()


def index_threats(db: Any, ids: Iterable[int]) -> int:
    """Index the given threats now. Normally not needed: triggers log every change for :func:`index_new`."""
    return _index_ids(db, "t", ids)


def index_documents(db: Any, ids: Iterable[int]) -> int:
    """Index the given documents now (see :func:`index_threats`)."""
    return _index_ids(db, "d", ids)


def _index_ids(db: Any, kind: str, ids: Iterable[int]) -> int:
    conn = _conn(db)
    if index_status(conn) in ("missing", "stale"):
        return rebuild_index(conn)["threats" if kind == "t" else "documents"]
    n = 0
    with _write_transaction(conn):
        _drain(conn)  # after this the index holds every row's current values
        for rid in ids:
            if kind == "t":
                row = conn.execute(_THREAT_SELECT + " WHERE t.id = ?", [int(rid)]).fetchone()
                if row is not None:
                    conn.execute(_T_DELETE, _threat_row(row))
                    conn.execute(_T_INSERT, _threat_row(row))
                    n += 1
            else:
                row = conn.execute(_DOCUMENT_SELECT + " WHERE d.id = ?", [int(rid)]).fetchone()
                if row is not None:
                    conn.execute(_D_DELETE, _document_row(row))
                    conn.execute(_D_INSERT, _document_row(row))
                    n += 1
    return n


def ensure_index(db: Any) -> str:
    """Build or update the index if needed (used lazily by search and serve). Returns the status before."""
    conn = _conn(db)
    status = index_status(conn)
    if status != "ok":
        index_new(conn)
    return status


# ---------------------------------------------------------------------------
# Searching
# ---------------------------------------------------------------------------

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_DATE_FULL = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# Ranking (bm25) costs about 2 µs per matching row. When a query matches more
# rows than this, only the newest RANK_WINDOW matches (by id, i.e. the most
# recently stored) are ranked, so a page comes back in bounded time; the
# results say so, and filters or more words narrow the set.
RANK_WINDOW = 10_000


def check_date(value: str | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    v = str(value).strip()
    if not _DATE.match(v):
        raise QueryError(f"{name} {value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
    parts = v.split("-")
    if int(parts[0]) < 1:
        raise QueryError(f"{name} {value!r} is not a valid date: years start at 0001")
    if len(parts) > 1 and not 1 <= int(parts[1]) <= 12 or len(parts) > 2 and not 1 <= int(parts[2]) <= 31:
        raise QueryError(f"{name} {value!r} is not a valid date")
    return v


@dataclass
class Filters:
    label: str | None = None
    speaker: str | None = None
    target: str | None = None
    source: str | None = None
    lang: str | None = None
    since: str | None = None
    until: str | None = None
    year: str | None = None

    def __post_init__(self) -> None:
        for k in ("label", "speaker", "target", "source", "lang", "year"):
            v = getattr(self, k)
            setattr(self, k, str(v).strip() or None if v is not None else None)
        self.since = check_date(self.since, "--since")
        self.until = check_date(self.until, "--until")
        if self.year is not None and (not re.fullmatch(r"\d{4}", self.year) or self.year == "0000"):
            raise QueryError(f"year {self.year!r} is not a year")

    def active(self) -> dict[str, str]:
        return {k: v for k, v in self.__dict__.items() if v}


def _names_for(conn: sqlite3.Connection, value: str) -> list[str]:
    """A speaker/target filter value plus the canonical names it is an alias of."""
    names = [value]
    canon = _aliases(conn).get(fold(value).lower().strip())
    if canon and canon not in names:
        names.append(canon)
    return names


def _like(v: str) -> str:
    return "%" + v.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _value_phrase(value: str) -> str | None:
    """An FTS5 expression matching ``value``'s words (in order) in one column, or None."""
    parts = []
    f = fold(value)
    for m in re.finditer(f"[{_HAN}]+|(?:(?![{_HAN}])[^\\W_])+", f):
        tok = m.group()
        parts.append(Alternative(han=tok).fts() if IS_HAN.match(tok) else _quote(tok.lower()))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else "(" + " AND ".join(parts) + ")"


def _date_cover(since: str | None, until: str | None, years: tuple[int, int]) -> list[str]:
    """Facet tokens (years, months, days) whose union covers [since, until] within the indexed years."""
    import calendar
    from datetime import date, timedelta

    lo_y, hi_y = years
    def start_of(v: str) -> date:
        p = [int(x) for x in v.split("-")] + [1, 1]
        return date(p[0], p[1], min(p[2], calendar.monthrange(p[0], p[1])[1]))

    def end_of(v: str) -> date:
        p = [int(x) for x in v.split("-")]
        if len(p) == 1:
            return date(p[0], 12, 31)
        last = calendar.monthrange(p[0], p[1])[1]
        return date(p[0], p[1], last if len(p) == 2 else min(p[2], last))

    a = start_of(since) if since else date(lo_y, 1, 1)
    b = end_of(until) if until else date(hi_y, 12, 31)
    a = max(a, date(lo_y, 1, 1))
    b = min(b, date(hi_y, 12, 31))
    if a > b:
        return []
    toks: list[str] = []
    d = a
    while d <= b:
        if d.month == 1 and d.day == 1 and date(d.year, 12, 31) <= b:
            toks.append(f"zqy{d.year}")
            d = date(d.year + 1, 1, 1)
        elif d.day == 1 and date(d.year, d.month, calendar.monthrange(d.year, d.month)[1]) <= b:
            toks.append(f"zqm{d.year}{d.month:02d}")
            d = date(d.year, d.month, calendar.monthrange(d.year, d.month)[1]) + timedelta(days=1)
        else:
            toks.append(f"zqd{d.year}{d.month:02d}{d.day:02d}")
            d += timedelta(days=1)
    return toks


def _filters(conn: sqlite3.Connection, f: Filters, *, threats: bool) -> tuple[list[str], list[str], list[Any]]:
    """(FTS5 sub-expressions to AND with the query, SQL conditions, SQL parameters) for the filters.

    The FTS5 part narrows the matches inside the index (fast); the SQL part
    states the filter exactly on the rows that remain.
    """
    fts: list[str] = []
    where: list[str] = []
    params: list[Any] = []
    if threats:
        # unary + keeps the planner off the partial index on current rows (it would scan them all)
        where.append("+t.superseded_at IS NULL")  # superseded statements stay citable, not listed
    if threats and f.label:
        fts.append(_quote("zqb" + _h(f.label)))
        where.append("t.label = ?")
        params.append(f.label)
    for col, value in (("speaker", f.speaker), ("targets", f.target)):
        if not (threats and value):
            continue
        names = _names_for(conn, value)
        phrases = [p for p in (_value_phrase(n) for n in names) if p]
        if len(phrases) == len(names):
            fts.append("(" + " OR ".join(f"{col} : {p}" for p in phrases) + ")")
        if col == "speaker":
            where.append("(" + " OR ".join("t.speaker LIKE ? ESCAPE '\\'" for _ in names) + ")")
        else:
            where.append("EXISTS (SELECT 1 FROM json_each(CASE WHEN json_valid(t.targets) THEN t.targets ELSE '[]' END) j "
                         "WHERE " + " OR ".join("j.value LIKE ? ESCAPE '\\'" for _ in names) + ")")
        params += [_like(n) for n in names]
    if f.lang:
        fts.append(_quote("zql" + _h(f.lang.lower())))
        col = "COALESCE(t.lang, d.lang)" if threats else "d.lang"
        where.append(f"(lower({col}) = lower(?) OR lower({col}) LIKE lower(?) ESCAPE '\\')")
        params += [f.lang, f.lang.replace("_", "\\_") + "-%"]
    if f.source:
        fts.append(_quote("zqs" + _h(f.source)))
        where.append("d.source_id = ?")
        params.append(f.source)
    since, until = f.since, f.until
    if f.year:
        if not since or since < f.year:
            since = f.year
        if not until or until[:4] > f.year:
            until = f.year
    if since or until:
        st = _state(conn)
        try:
            years = (int(st.get("min_year") or 1990), int(st.get("max_year") or 2100))
        except ValueError:
            years = (1990, 2100)
        cover = _date_cover(since, until, years)
        fts.append("(" + " OR ".join(_quote(t) for t in cover) + ")" if cover else _quote("zqnothing0"))
        if since:
            where.append("d.published_date >= ?")
            params.append(since)
        if until:
            where.append("substr(d.published_date, 1, ?) <= ?")
            params += [len(until), until]
    return fts, where, params


@dataclass
class Results:
    query: Query
    rows: list[dict[str, Any]]
    total: int | None = None           # exact number of matches, when counted
    ranked_window: int | None = None   # set when only the newest N matches were ranked
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)

    @property
    def note(self) -> str | None:
        if self.ranked_window:
            return (f"more than {self.ranked_window:,} matches: ranked among the newest {self.ranked_window:,}; "
                    "add words or filters to narrow")
        return None


def _execute(conn: sqlite3.Connection, sql: str, params: Sequence[Any]) -> list[sqlite3.Row]:
    old = conn.row_factory
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, list(params)).fetchall()
    except sqlite3.OperationalError as exc:
        msg = str(exc)
        if "fts5" in msg or "syntax" in msg or "MATCH" in msg or "unterminated" in msg:
            raise QueryError(f"the query could not be searched ({msg})") from exc
        if "no such table: search_" in msg:
            raise QueryError("the search index is missing: run `longarm search` once with write access "
                             "to build it") from exc
        raise
    finally:
        conn.row_factory = old


def _window_floor(conn: sqlite3.Connection, table: str, match: str, window: int) -> int | None:
    """The smallest rowid among the newest ``window`` matches, or None when there are fewer."""
    row = _execute(conn, f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
                   [match, window - 1])
    return row[0][0] if row else None


def _prepare(conn: sqlite3.Connection, table: str, query: Query, f: Filters, threats: bool,
             window: int | None) -> tuple[str, list[Any], int | None, list[str], list[Any]]:
    """(match expression, its args incl. the window floor, floor, SQL conditions, their params)."""
    fts, where, params = _filters(conn, f, threats=threats)
    match = " AND ".join([f"({query.match_expression()})", *fts]) if fts else query.match_expression()
    floor = _window_floor(conn, table, match, window) if window else None
    return match, ([floor] if floor is not None else []), floor, where, params


def _ranked_ids(conn: sqlite3.Connection, table: str, match: str, floor: int | None, n: int | None) -> list[tuple[int, float]]:
    """(rowid, rank) of the best ``n`` matches (all when n is None), ranked inside FTS5 (no joins)."""
    sql = (f"SELECT rowid, rank FROM {table} WHERE {table} MATCH ?"
           + (" AND rowid >= ?" if floor is not None else "") + " ORDER BY rank"
           + (" LIMIT ?" if n is not None else ""))
    args: list[Any] = [match, *([floor] if floor is not None else []), *([n] if n is not None else [])]
    return [(r[0], r[1]) for r in _execute(conn, sql, args)]


def _page(conn: sqlite3.Connection, table: str, select: str, joins: str, id_col: str, match: str, floor: int | None,
          where: list[str], params: list[Any], limit: int, offset: int) -> list[sqlite3.Row]:
    """One page of ranked rows: rank in FTS5 first, then join and check the exact filters on the few candidates.

    Joining before ranking would look up every match; the exact SQL filters
    almost never drop a candidate (the FTS5 facet tokens already did the
    filtering), so when they drop too many we simply widen the candidate list.
    """
    want = limit + offset
    n: int | None = want + 20 if not where else want * 2 + 50
    while True:
        cands = _ranked_ids(conn, table, match, floor, n)
        if not cands:
            return []
        ranks = dict(cands)
        ids = list(ranks)
        rows: list[sqlite3.Row] = []
        for i in range(0, len(ids), 900):
            chunk = ids[i:i + 900]
            rows += _execute(conn, f"SELECT {select} {joins} WHERE {id_col} IN ({','.join('?' * len(chunk))})"
                             + "".join(" AND " + w for w in where), [*chunk, *params])
        if len(rows) >= want or n is None or len(cands) < n:
            break
        n = None if n > 5000 else n * 4
    rows.sort(key=lambda r: (ranks[r[0]], r[0]))
    return [_with_rank(r, ranks[r[0]]) for r in rows[offset:offset + limit]]


def _with_rank(row: sqlite3.Row, rank: float) -> dict[str, Any]:
    d = dict(row)
    d["rank"] = rank
    return d


def search_threats(db: Any, q: str | Query, filters: Filters | None = None, *, limit: int = 20, offset: int = 0,
                   count: bool = False, facets: bool = False, snippet_size: int = 240,
                   window: int | None = RANK_WINDOW) -> Results:
    """Ranked threats matching ``q``; each row has the quote's match offsets (``spans``) and a marked ``snippet``.

    ``count``: also count the matches (exact; cheap when within the ranking window).
    ``facets``: counts by speaker, target, source and year over the ranked matches.
    """
    conn = _conn(db)
    query = q if isinstance(q, Query) else parse_query(q, conn)
    f = filters or Filters()
    match, fargs, floor, where, params = _prepare(conn, "search_threats", query, f, True, window)
    select = ("t.id, t.document_id, t.label, t.speaker, t.speaker_kind, t.targets, t.instruments, t.quote, "
              "t.start, t.\"end\", t.score, COALESCE(t.lang, d.lang) AS lang, t.extractor_version, "
              "d.title, d.source_id, d.url, d.published_at, d.published_date, d.snapshot_id")
    joins = "FROM threats t LEFT JOIN documents d ON d.id = t.document_id"
    rows = _page(conn, "search_threats", select, joins, "t.id", match, floor, where, params,
                 max(0, int(limit)), max(0, int(offset)))
    out = []
    for d in rows:
        for k in ("targets", "instruments"):
            try:
                d[k] = json.loads(d[k]) if d[k] else []
            except ValueError:
                d[k] = [d[k]]
        d["spans"] = match_spans(d["quote"], query)
        d["snippet"] = snippet(d["quote"], d["spans"], snippet_size)
        # Where the words were found: a quote without highlights matched on its speaker or targets
        # (often through an alias: 李家超 finds "John Lee Ka-chiu").
        d["matched_in"] = ["quote"] if d["spans"] else [
            f for f, text in (("speaker", d["speaker"] or ""), ("targets", " ".join(map(str, d["targets"]))),
                              ("instruments", " ".join(map(str, d["instruments"]))))
            if match_spans(text, query)] or ["speaker or targets (alias)"]
        out.append(d)
    res = Results(query, out, ranked_window=window if floor is not None else None)
    base = ("FROM search_threats s JOIN threats t ON t.id = s.rowid LEFT JOIN documents d ON d.id = t.document_id "
            "WHERE search_threats MATCH ?" + (" AND s.rowid >= ?" if floor is not None else "")
            + "".join(" AND " + w for w in where))
    if count:
        if floor is None:
            res.total = _execute(conn, "SELECT count(*) " + base, [match, *params])[0][0]
        else:
            res.total = _execute(conn, "SELECT count(*) " + base.replace(" AND s.rowid >= ?", ""),
                                 [match, *params])[0][0]
    if facets:
        res.facets = _threat_facets(conn, base, [match, *fargs, *params])
    return res


def _threat_facets(conn: sqlite3.Connection, base: str, args: list[Any], top: int = 12) -> dict[str, list[tuple[str, int]]]:
    joined = base.replace("LEFT JOIN documents d ON d.id = t.document_id WHERE",
                          "LEFT JOIN documents d ON d.id = t.document_id, "
                          "json_each(CASE WHEN json_valid(t.targets) THEN t.targets ELSE '[]' END) j WHERE")
    sqls = {
        "speaker": "SELECT t.speaker AS v, count(*) AS n " + base + " AND t.speaker IS NOT NULL GROUP BY v ORDER BY n DESC, v LIMIT ?",
        "target": "SELECT j.value AS v, count(*) AS n " + joined + " GROUP BY v ORDER BY n DESC, v LIMIT ?",
        "source": "SELECT d.source_id AS v, count(*) AS n " + base + " AND d.source_id IS NOT NULL GROUP BY v ORDER BY n DESC, v LIMIT ?",
        "year": "SELECT substr(d.published_date, 1, 4) AS v, count(*) AS n " + base
                + " AND d.published_date IS NOT NULL GROUP BY v ORDER BY v DESC LIMIT ?",
    }
    return {name: [(r[0], r[1]) for r in _execute(conn, sql, [*args, top])] for name, sql in sqls.items()}


def search_documents(db: Any, q: str | Query, filters: Filters | None = None, *, limit: int = 20, offset: int = 0,
                     count: bool = False, snippet_size: int = 240, window: int | None = RANK_WINDOW) -> Results:
    """Ranked documents matching ``q``, with a marked snippet of the text around the first match.

    Threat-only filters (label, speaker, target) are ignored here.
    """
    conn = _conn(db)
    query = q if isinstance(q, Query) else parse_query(q, conn)
    f = filters or Filters()
    match, fargs, floor, where, params = _prepare(conn, "search_documents", query, f, False, window)
    select = ("d.id, d.title, d.source_id, d.url, d.published_at, d.published_date, d.lang, d.snapshot_id, d.text")
    rows = _page(conn, "search_documents", select, "FROM documents d", "d.id", match, floor, where, params,
                 max(0, int(limit)), max(0, int(offset)))
    out = []
    for d in rows:
        text = d.pop("text") or ""
        d["title_spans"] = match_spans(d["title"], query)
        spans = match_spans(text, query)
        s, e = window_of(text, spans, snippet_size)
        d["context"] = text[s:e]
        d["context_start"] = s
        d["context_spans"] = [(max(a, s) - s, min(b, e) - s) for a, b in spans if b > s and a < e]
        d["snippet"] = snippet(text, spans, snippet_size)
        d["match_count"] = len(spans)
        out.append(d)
    res = Results(query, out, ranked_window=window if floor is not None else None)
    if count:
        res.total = _execute(conn, "SELECT count(*) FROM search_documents s JOIN documents d ON d.id = s.rowid "
                             "WHERE search_documents MATCH ?" + "".join(" AND " + w for w in where),
                             [match, *params])[0][0]
    return res


def newest_threats(db: Any, q: str | Query | None, filters: Filters | None = None, *,
                   limit: int = 50) -> list[dict[str, Any]]:
    """The ``limit`` most recently stored current statements matching ``q`` and ``filters``, newest first.

    What a feed of a saved search lists: the same query and filters as
    :func:`search_threats`, ordered by when longarm stored the statement rather
    than by relevance, so a statement a crawl adds comes first. An empty ``q``
    lists by the filters alone (a source's or a person's feed).
    """
    conn = _conn(db)
    f = filters or Filters()
    select = ("SELECT t.id, t.document_id, t.label, t.speaker, t.speaker_kind, t.targets, t.instruments, t.quote, "
              "t.start, t.\"end\", t.score, COALESCE(t.lang, d.lang) AS lang, t.created_at, t.extractor_version, "
              "d.title, d.source_id, d.url, d.published_at, d.published_date, d.snapshot_id ")
    fts, where, params = _filters(conn, f, threats=True)
    query: Query | None = None
    if q is not None and (not isinstance(q, str) or q.strip()):
        query = q if isinstance(q, Query) else parse_query(q, conn)
        match = " AND ".join([f"({query.match_expression()})", *fts]) if fts else query.match_expression()
        sql = (select + "FROM search_threats s JOIN threats t ON t.id = s.rowid "
               "LEFT JOIN documents d ON d.id = t.document_id WHERE search_threats MATCH ?"
               + "".join(" AND " + w for w in where) + " ORDER BY t.id DESC LIMIT ?")
        args: list[Any] = [match, *params, max(0, int(limit))]
    else:
        sql = (select + "FROM threats t LEFT JOIN documents d ON d.id = t.document_id WHERE "
               + " AND ".join(where) + " ORDER BY t.id DESC LIMIT ?")
        args = [*params, max(0, int(limit))]
    out = []
    for row in _execute(conn, sql, args):
        d = dict(row)
        for k in ("targets", "instruments"):
            try:
                d[k] = json.loads(d[k]) if d[k] else []
            except ValueError:
                d[k] = [d[k]]
        d["spans"] = match_spans(d["quote"], query) if query is not None else []
        out.append(d)
    return out


window_of = window


def snippet_fit(text: str | None, spans: Sequence[tuple[int, int]], columns: int = 70) -> str:
    """A marked snippet that fits about ``columns`` display columns (Chinese characters take two)."""
    if not text:
        return ""
    import unicodedata
    wide = sum(1 for c in text[:400] if unicodedata.east_asian_width(c) in "WF")
    share = wide / max(1, min(len(text), 400))
    size = max(10, int(columns / (1 + share)) - 2 * min(len(spans), 3))
    return snippet(text, spans, size)
