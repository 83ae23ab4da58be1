"""Gazetteers of speakers (officials, bodies, media; and non-state critics) and of targets.

Why: detections must name *who* threatens and *whom*, with one canonical English
name whatever the script or romanisation in the text, so that researchers can
search and count across languages. The same entries are copied to the
database's `people` / `aliases` tables (see ``load_people`` / ``load_speakers``).
"""

from __future__ import annotations

import functools
import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .lexicon import DATA_DIR
from .normalize import normalize, to_simplified

__all__ = [
    "STATE_KINDS",
    "Entity",
    "Office",
    "Gazetteer",
    "load_gazetteer",
    "load_people",
    "load_speakers",
    "add_person",
]

STATE_KINDS = frozenset({"hk_government", "hk_police", "prc_government", "state_media", "pro_beijing_media"})
NON_STATE_KINDS = frozenset(
    {"foreign_government", "ngo", "independent_media", "international_body", "activist", "commentator"}
)
TARGET_KINDS = frozenset({"wanted_person", "listed_person", "fugitive", "organisation"})


@dataclass
class Entity:
    """A canonical speaker or target with its aliases."""

    name: str
    kind: str
    table: str  # "speakers" | "people"
    role: str = ""
    note: str = ""
    aliases: list[str] = field(default_factory=list)
    short: list[str] = field(default_factory=list)
    weak: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    context: bool = False  # speakers whose pursuit is by nature long-arm (see speakers.toml)
    local_police: bool = False  # a mainland city police bureau: a later bare 'police' / 警方 is this body

    @property
    def is_state(self) -> bool:
        return self.kind in STATE_KINDS


@dataclass
class Office:
    """An office title that resolves to a holder named in the document, else to a body."""

    body: str
    titles: list[str]
    note: str = ""


@dataclass
class Gazetteer:
    speakers: list[Entity]
    people: list[Entity]
    offices: list[Office]
    #: (lower case) whose an English office title may say it is and still be the listed office
    #: ("Hong Kong's chief executive", "Commissioner of Police of the HKSAR"); speakers.toml
    office_owners: list[str] = field(default_factory=list)
    #: (lower case) the words that may stand before a bare "police" and leave it the Hong Kong or a
    #: mainland police ("Hong Kong police", "national security police"); speakers.toml
    police_owners: list[str] = field(default_factory=list)

    def by_name(self) -> dict[str, Entity]:
        return {e.name: e for e in [*self.speakers, *self.people]}


def _read(name: str) -> dict[str, Any]:
    with open(DATA_DIR / name, "rb") as fh:
        return tomllib.load(fh)


def _entity(e: dict[str, Any], table: str, allowed: frozenset[str], where: str) -> Entity:
    for key in ("name", "kind", "aliases"):
        if key not in e:
            raise ValueError(f"{where}: entry without {key}: {e!r}")
    if e["kind"] not in allowed:
        raise ValueError(f"{where}: {e['name']}: unknown kind {e['kind']!r}")
    return Entity(
        name=e["name"],
        kind=e["kind"],
        table=table,
        role=e.get("role", ""),
        note=e.get("note", ""),
        aliases=list(e["aliases"]),
        short=list(e.get("short", [])),
        weak=list(e.get("weak", [])),
        titles=list(e.get("titles", [])),
        context=bool(e.get("context", False)),
        local_police=bool(e.get("local_police", False)),
    )


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Read speakers.toml and people.toml (cached)."""
    sp = _read("speakers.toml")
    speakers = [_entity(e, "speakers", STATE_KINDS | NON_STATE_KINDS, "speakers.toml") for e in sp.get("speaker", [])]
    offices = [Office(body=o["body"], titles=list(o["titles"]), note=o.get("note", "")) for o in sp.get("office", [])]
    names = {s.name for s in speakers}
    for o in offices:
        if o.body not in names:
            raise ValueError(f"speakers.toml: office body {o.body!r} is not a speaker")
    people = [_entity(e, "people", TARGET_KINDS, "people.toml") for e in _read("people.toml").get("person", [])]
    return Gazetteer(
        speakers=speakers,
        people=people,
        offices=offices,
        office_owners=_words(sp, "office_owners"),
        police_owners=_words(sp, "police_owners"),
    )


def _words(table: dict[str, Any], key: str) -> list[str]:
    """A list of words of speakers.toml, lower case; a clear error when it is not one."""
    words = table.get(key, [])
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise ValueError(f"speakers.toml: {key} must be a list of strings (lower case words), got {words!r}")
    return [w.lower() for w in words]


def _with_scripts(aliases: list[str]) -> list[str]:
    """Aliases as written plus their simplified form (the DB search matches either)."""
    out: list[str] = []
    for a in aliases:
        for v in (a, to_simplified(a)):
            if v not in out:
                out.append(v)
    return out


def _as_dict(e: Entity) -> dict[str, Any]:
    return {
        "name": e.name,
        "kind": e.kind,
        "role": e.role,
        "note": e.note,
        "aliases": _with_scripts([e.name, *e.aliases]),
        "table_name": e.table,
    }


def load_people() -> list[dict[str, Any]]:
    """Targets gazetteer as dicts: name, kind, role, note, aliases (both scripts), table_name."""
    return [_as_dict(e) for e in load_gazetteer().people]


def load_speakers() -> list[dict[str, Any]]:
    """Speakers gazetteer as dicts: name, kind, role, note, aliases (both scripts), table_name."""
    return [_as_dict(e) for e in load_gazetteer().speakers]


def _script_forms(alias: str) -> list[str]:
    """An alias as written plus its simplified and traditional forms (Chinese names are written in
    either script; the matcher normalises to simplified, the store's alias table keeps both)."""
    import opencc

    forms = [alias, to_simplified(alias), opencc.OpenCC("s2t").convert(alias)]
    return list(dict.fromkeys(f for f in forms if f.strip()))


def add_person(
    name: str,
    aliases: list[str] | tuple[str, ...] = (),
    kind: str = "wanted_person",
    role: str = "",
    note: str = "",
    path: str | Path | None = None,
) -> dict[str, Any]:
    """Append a person to the targets gazetteer (``people.toml``, or ``path``) and return the entry.

    Why a function: an analyst who sees a name "not in the gazetteer" in the digest adds it in one
    step, with its forms in both Chinese scripts, and `longarm extract` then re-runs every stored
    document (the gazetteer is part of EXTRACTOR_VERSION). Refuses an unknown kind and a name or
    alias that already belongs to another entry (ValueError naming the clash)."""
    name = name.strip()
    if not name:
        raise ValueError("a person needs a name (the canonical English name, e.g. 'Wei Dapeng')")
    if kind not in TARGET_KINDS:
        raise ValueError(f"unknown kind {kind!r}: use one of {', '.join(sorted(TARGET_KINDS))}")
    forms: list[str] = []
    for a in [name, *aliases]:
        for f in _script_forms(a.strip()):
            if f not in forms:
                forms.append(f)
    gaz = load_gazetteer()
    taken = {normalize(a): e.name for e in [*gaz.people, *gaz.speakers] for a in [e.name, *e.aliases]}
    for f in forms:
        owner = taken.get(normalize(f))
        if owner is not None:
            raise ValueError(
                f"{f!r} is already an alias of {owner!r} in the gazetteer; "
                f"edit that entry in {DATA_DIR / 'people.toml'} instead"
            )
    entry = {"name": name, "kind": kind, "role": role, "note": note, "aliases": forms}
    block = "\n[[person]]\n" + "".join(f"{k} = {json.dumps(v, ensure_ascii=False)}\n" for k, v in entry.items())
    tomllib.loads(block)  # the block is valid TOML on its own (json strings are TOML basic strings)
    target = Path(path) if path else DATA_DIR / "people.toml"
    with open(target, "a", encoding="utf-8") as fh:
        fh.write(block)
    load_gazetteer.cache_clear()
    return entry
