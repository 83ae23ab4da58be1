"""Loading the cue, instrument and negative lexicons from the TOML data files.

Why data files: analysts extend the vocabulary (a new idiom, a new campaign name)
without touching code. This module turns the files into flat `Term` records
(one per normalised string) that the matcher compiles into Aho-Corasick automata,
plus the per-cue weights the rules add up.
"""

from __future__ import annotations

import functools
import hashlib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .normalize import normalize

__all__ = ["DATA_DIR", "Cue", "Combo", "Lexicon", "load_lexicon", "data_files", "data_hash", "compile_term"]

DATA_DIR = Path(__file__).resolve().parent / "data"

NEGATIVE_ROLES = {
    "criticism",
    "critic",
    "denial",
    "other_sense",
    "domestic",
    "helpers",
    "endorsement",
    "hypothetical",
    "legal_rule",
    "asked",
    "unattributed",
}
CUE_ROLES = {"speech", "anaphor", "aux", "mask"}
INSTRUMENTS = (
    "interpol",
    "red_notice",
    "diffusion",
    "arrest_warrant",
    "bounty",
    "extradition",
    "nsl",
    "passport_cancellation",
    "family_pressure",
    "persuade_return",
    "other",
)


@dataclass
class Cue:
    """One lexicon entry (a cue, an instrument or a negative) with its weights."""

    id: str
    kind: str  # "cue" | "instrument" | "negative"
    role: str = ""  # speech/anaphor/aux for cues; negative role; instrument id
    note: str = ""
    terms: list[str] = field(default_factory=list)
    core: float = 0.0
    context: bool = False
    abroad: bool = False
    threat: float = 0.0
    action: float = 0.0
    token: bool = False
    trigger: bool = False
    combos: list[list[str]] = field(default_factory=list)  # instruments: alternative cue-id sets


@dataclass
class Combo:
    """Weights added when one cue of each group occurs in the same sentence."""

    id: str
    all_of: list[list[str]]
    note: str = ""
    core: float = 0.0
    context: bool = False
    abroad: bool = False
    threat: float = 0.0
    action: float = 0.0


@dataclass
class Lexicon:
    cues: list[Cue]
    combos: list[Combo]
    rules: dict[str, Any]


def data_files() -> list[Path]:
    """Every data file whose content determines the extractor's output: the lexicons and the
    shipped sentence model (a retrained model changes EXTRACTOR_VERSION, so `longarm extract`
    re-runs the stored documents)."""
    return sorted(DATA_DIR.glob("*.toml")) + sorted(DATA_DIR.glob("model/*.npz"))


def data_hash() -> str:
    """Short hash of all data files: part of EXTRACTOR_VERSION."""
    h = hashlib.sha256()
    for p in data_files():
        h.update(p.relative_to(DATA_DIR).as_posix().encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:10]


def _read(name: str) -> dict[str, Any]:
    with open(DATA_DIR / name, "rb") as fh:
        return tomllib.load(fh)


def compile_term(term: str) -> tuple[str, bool]:
    """(normalised key, prefix flag) for a lexicon term; a final '*' means 'any word ending'."""
    prefix = term.endswith("*")
    if prefix:
        term = term[:-1]
    return normalize(term.strip()), prefix


def _check_entry(entry: dict[str, Any], where: str) -> None:
    if "id" not in entry:
        raise ValueError(f"{where}: entry without id: {entry!r}")
    if not entry.get("note") and entry.get("note") != "":
        raise ValueError(f"{where}: entry {entry['id']} has no note")


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read cues.toml, instruments.toml and negatives.toml into a Lexicon (cached)."""
    cues: list[Cue] = []
    combos: list[Combo] = []
    data = _read("cues.toml")
    for e in data.get("cue", []):
        _check_entry(e, "cues.toml")
        role = e.get("role", "")
        if role and role not in CUE_ROLES:
            raise ValueError(f"cues.toml: {e['id']}: unknown role {role!r}")
        core = float(e.get("core", 0.0))
        context = bool(e.get("context", False))
        cues.append(
            Cue(
                id=e["id"],
                kind="cue",
                role=role,
                note=e.get("note", ""),
                terms=list(e.get("terms", [])),
                core=core,
                context=context,
                abroad=bool(e.get("abroad", False)),
                threat=float(e.get("threat", 0.0)),
                action=float(e.get("action", 0.0)),
                token=bool(e.get("token", False)),
                trigger=bool(e.get("trigger", core > 0)),
            )
        )
    for e in data.get("combo", []):
        _check_entry(e, "cues.toml")
        combos.append(
            Combo(
                id=e["id"],
                all_of=[list(g) for g in e["all_of"]],
                note=e.get("note", ""),
                core=float(e.get("core", 0.0)),
                context=bool(e.get("context", False)),
                abroad=bool(e.get("abroad", False)),
                threat=float(e.get("threat", 0.0)),
                action=float(e.get("action", 0.0)),
            )
        )
    for e in _read("instruments.toml").get("instrument", []):
        _check_entry(e, "instruments.toml")
        if e["id"] not in INSTRUMENTS:
            raise ValueError(f"instruments.toml: unknown instrument {e['id']!r}")
        core = float(e.get("core", 1.0))
        cues.append(
            Cue(
                id=e["id"],
                kind="instrument",
                role=e["id"],
                note=e.get("note", ""),
                terms=list(e.get("terms", [])),
                core=core,
                context=bool(e.get("context", False)),
                threat=float(e.get("threat", 0.0)),
                action=float(e.get("action", 0.0)),
                token=bool(e.get("token", False)),
                trigger=bool(e.get("trigger", core > 0)),
                combos=[list(c) for c in e.get("combos", [])],
            )
        )
    for e in _read("negatives.toml").get("negative", []):
        _check_entry(e, "negatives.toml")
        if e.get("role") not in NEGATIVE_ROLES:
            raise ValueError(f"negatives.toml: {e['id']}: role must be one of {sorted(NEGATIVE_ROLES)}")
        cues.append(
            Cue(
                id=e["id"],
                kind="negative",
                role=e["role"],
                note=e.get("note", ""),
                terms=list(e.get("terms", [])),
                token=bool(e.get("token", False)),
            )
        )
    ids = {c.id for c in cues if c.kind in ("cue", "instrument")}
    for combo in combos:
        for group in combo.all_of:
            for cid in group:
                if cid not in ids:
                    raise ValueError(f"cues.toml: combo {combo.id} refers to unknown cue {cid!r}")
    for c in cues:
        for group in c.combos:
            for cid in group:
                if cid not in ids:
                    raise ValueError(f"instruments.toml: {c.id} combo refers to unknown cue {cid!r}")
    return Lexicon(cues=cues, combos=combos, rules=dict(data.get("rules", {})))
