"""Gazetteers of speakers (officials, bodies, media; and non-state critics) and of targets.

Why: detections must name *who* threatens and *whom*, with one canonical English
name whatever the script or romanisation in the text, so that researchers can
search and count across languages. The same entries are copied to the
database's `people` / `aliases` tables (see ``load_people`` / ``load_speakers``).
"""
from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field
from typing import Any

from .lexicon import DATA_DIR
from .normalize import to_simplified

__all__ = ["STATE_KINDS", "Entity", "Office", "Gazetteer", "load_gazetteer", "load_people", "load_speakers"]

STATE_KINDS = frozenset({"hk_government", "hk_police", "prc_government", "state_media", "pro_beijing_media"})
NON_STATE_KINDS = frozenset({"foreign_government", "ngo", "independent_media", "international_body", "activist",
                             "commentator"})
TARGET_KINDS = frozenset({"wanted_person", "listed_person", "fugitive", "organisation"})


@dataclass
class Entity:
    """A canonical speaker or target with its aliases."""

    name: str
    kind: str
    table: str                                  # "speakers" | "people"
    role: str = ""
    note: str = ""
    aliases: list[str] = field(default_factory=list)
    short: list[str] = field(default_factory=list)
    weak: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    context: bool = False        # speakers whose pursuit is by nature long-arm (see speakers.toml)
    local_police: bool = False   # a mainland city police bureau: a later bare 'police' / 警方 is this body

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
    return Entity(name=e["name"], kind=e["kind"], table=table, role=e.get("role", ""), note=e.get("note", ""),
                  aliases=list(e["aliases"]), short=list(e.get("short", [])), weak=list(e.get("weak", [])),
                  titles=list(e.get("titles", [])), context=bool(e.get("context", False)),
                  local_police=bool(e.get("local_police", False)))


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
    return Gazetteer(speakers=speakers, people=people, offices=offices)


def _with_scripts(aliases: list[str]) -> list[str]:
    """Aliases as written plus their simplified form (the DB search matches either)."""
    out: list[str] = []
    for a in aliases:
        for v in (a, to_simplified(a)):
            if v not in out:
                out.append(v)
    return out


def _as_dict(e: Entity) -> dict[str, Any]:
    return {"name": e.name, "kind": e.kind, "role": e.role, "note": e.note,
            "aliases": _with_scripts([e.name, *e.aliases]), "table_name": e.table}


def load_people() -> list[dict[str, Any]]:
    """Targets gazetteer as dicts: name, kind, role, note, aliases (both scripts), table_name."""
    return [_as_dict(e) for e in load_gazetteer().people]


def load_speakers() -> list[dict[str, Any]]:
    """Speakers gazetteer as dicts: name, kind, role, note, aliases (both scripts), table_name."""
    return [_as_dict(e) for e in load_gazetteer().speakers]
