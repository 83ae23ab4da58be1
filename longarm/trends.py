"""What the pictures on the web page show, read from the store: trends, people targeted, speakers, figures.

Researchers ask how the statements change over time and who is doing it. This
module answers from the current statements (``superseded_at IS NULL``) and
knows nothing of HTML: ``longarm/web/pages.py`` renders it, notebooks may call
it on a connection (sqlite3 or sqlite-utils).

A statement's date is its document's publication date (``published_date``,
else the date part of ``published_at``); undated statements are counted apart.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

DATE = "COALESCE(NULLIF(d.published_date, ''), substr(d.published_at, 1, 10))"
CURRENT = "t.superseded_at IS NULL"
JSON_LIST = "CASE WHEN json_valid({col}) THEN {col} ELSE '[]' END"


def _conn(db: Any) -> sqlite3.Connection:
    return getattr(db, "conn", db)


def _rows(db: Any, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    cur = _conn(db).execute(sql, list(params))
    names = [c[0] for c in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def _list(value: Any) -> list[Any]:
    try:
        v = json.loads(value) if isinstance(value, str) else value
    except ValueError:
        return [value]
    return v if isinstance(v, list) else ([] if v is None else [v])


def month_range(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last`` ('2023-01'), so quiet months show as gaps in a chart."""
    y, m = int(first[:4]), int(first[5:7])
    ly, lm = int(last[:4]), int(last[5:7])
    out = []
    while (y, m) <= (ly, lm):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


@dataclass
class MonthlySeries:
    """Counts of statements per month, split by one facet (actor kind or instrument)."""

    by: str
    months: list[str]
    groups: list[str]  # largest total first
    counts: dict[str, dict[str, int]]  # group -> month -> count
    undated: int = 0

    def total(self, group: str) -> int:
        return sum(self.counts.get(group, {}).values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "by": self.by,
            "months": self.months,
            "groups": self.groups,
            "counts": self.counts,
            "undated": self.undated,
        }


def statements_per_month(db: Any, by: str) -> MonthlySeries:
    """Statements per month by ``speaker_kind`` or by ``instrument`` (a statement counts once per instrument)."""
    if by == "speaker_kind":
        sql = (
            f"SELECT substr({DATE}, 1, 7) AS month, COALESCE(NULLIF(t.speaker_kind, ''), 'unknown') AS grp, "
            f"COUNT(*) AS n FROM threats t LEFT JOIN documents d ON d.id = t.document_id WHERE {CURRENT} "
            "GROUP BY month, grp"
        )
    elif by == "instrument":
        sql = (
            f"SELECT substr({DATE}, 1, 7) AS month, j.value AS grp, COUNT(*) AS n FROM threats t "
            f"LEFT JOIN documents d ON d.id = t.document_id, json_each({JSON_LIST.format(col='t.instruments')}) j "
            f"WHERE {CURRENT} GROUP BY month, grp"
        )
    else:
        raise ValueError(f"statements can be counted by speaker_kind or instrument, not {by!r}")
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    undated = 0
    for r in _rows(db, sql):
        month = r["month"] or ""
        if len(month) != 7 or not month[:4].isdigit():
            undated += r["n"]
            continue
        counts[r["grp"]][month] = counts[r["grp"]].get(month, 0) + r["n"]
    dated = sorted({m for c in counts.values() for m in c})
    months = month_range(dated[0], dated[-1]) if dated else []
    groups = sorted(counts, key=lambda g: (-sum(counts[g].values()), g))
    return MonthlySeries(by=by, months=months, groups=groups, counts=dict(counts), undated=undated)


# -- people and speakers ------------------------------------------------------------------


def canonical_name(db: Any, name: str) -> str:
    """The gazetteer's name for ``name`` when it is an alias (羅冠聰 -> Nathan Law Kwun-chung), else ``name``."""
    conn = _conn(db)
    if conn.execute("SELECT 1 FROM people WHERE name = ?", [name]).fetchone():
        return name
    row = conn.execute("SELECT name FROM aliases WHERE alias = ? ORDER BY name LIMIT 1", [name]).fetchone()
    return row[0] if row else name


def aliases_of(db: Any, name: str) -> list[str]:
    return [r[0] for r in _conn(db).execute("SELECT alias FROM aliases WHERE name = ? ORDER BY alias", [name])]


STATEMENT_COLUMNS = (
    f"t.id, t.label, t.speaker, t.speaker_kind, t.targets, t.instruments, t.quote, "
    f"COALESCE(t.lang, d.lang) AS lang, {DATE} AS date, d.source_id, d.title"
)


def _statements(db: Any, where: str, params: list[Any]) -> list[dict[str, Any]]:
    rows = _rows(
        db,
        f"SELECT {STATEMENT_COLUMNS} FROM threats t LEFT JOIN documents d ON d.id = t.document_id "
        f"WHERE {CURRENT} AND {where} ORDER BY date IS NULL, date, t.id",
        params,
    )
    for r in rows:
        r["targets"], r["instruments"] = _list(r["targets"]), _list(r["instruments"])
    return rows


@dataclass
class Profile:
    """A person targeted or a speaker: their statements in date order and what they add up to."""

    name: str
    kind: str | None
    role: str | None
    aliases: list[str]
    statements: list[dict[str, Any]]
    instruments: list[tuple[str, int]] = field(default_factory=list)
    others: list[tuple[str, int]] = field(default_factory=list)  # speakers (of a person) or targets (of a speaker)

    @property
    def first(self) -> str | None:
        dates = [s["date"] for s in self.statements if s["date"]]
        return min(dates) if dates else None

    @property
    def latest(self) -> str | None:
        dates = [s["date"] for s in self.statements if s["date"]]
        return max(dates) if dates else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "role": self.role,
            "aliases": self.aliases,
            "first": self.first,
            "latest": self.latest,
            "instruments": self.instruments,
            "others": self.others,
            "statements": self.statements,
        }


def _person_row(db: Any, name: str) -> dict[str, Any]:
    rows = _rows(db, "SELECT kind, role FROM people WHERE name = ?", [name])
    return rows[0] if rows else {"kind": None, "role": None}


def person_profile(db: Any, name: str) -> Profile | None:
    """Every current statement naming ``name`` (or the person it is an alias of) as a target; None if none
    does and the gazetteer does not know the name."""
    canon = canonical_name(db, name)
    aliases = aliases_of(db, canon)
    names = [canon, *aliases]
    marks = ", ".join("?" for _ in names)
    statements = _statements(
        db, f"EXISTS (SELECT 1 FROM json_each({JSON_LIST.format(col='t.targets')}) j WHERE j.value IN ({marks}))", names
    )
    known = _conn(db).execute("SELECT 1 FROM people WHERE name = ?", [canon]).fetchone()
    if not statements and not known:
        return None
    p = _person_row(db, canon)
    return Profile(
        name=canon,
        kind=p["kind"],
        role=p["role"],
        aliases=aliases,
        statements=statements,
        instruments=_tally(i for s in statements for i in s["instruments"]),
        others=_tally(s["speaker"] for s in statements if s["speaker"]),
    )


def speaker_profile(db: Any, name: str) -> Profile | None:
    """Every current statement by ``name`` (or the person it is an alias of); None when there is none."""
    canon = canonical_name(db, name)
    aliases = aliases_of(db, canon)
    names = [canon, *aliases]
    marks = ", ".join("?" for _ in names)
    statements = _statements(db, f"t.speaker IN ({marks})", names)
    if not statements:
        return None
    p = _person_row(db, canon)
    kinds = _tally(s["speaker_kind"] for s in statements if s["speaker_kind"])
    return Profile(
        name=canon,
        kind=p["kind"] or (kinds[0][0] if kinds else None),
        role=p["role"],
        aliases=aliases,
        statements=statements,
        instruments=_tally(i for s in statements for i in s["instruments"]),
        others=_tally(t for s in statements for t in s["targets"]),
    )


def _tally(values: Any) -> list[tuple[str, int]]:
    return sorted(Counter(values).items(), key=lambda kv: (-kv[1], kv[0]))


# -- figures ----------------------------------------------------------------------------------


def figures_of(db: Any, threat_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """The figures read from these statements (nlp/quantities.py), by statement id."""
    if not threat_ids:
        return {}
    marks = ", ".join("?" for _ in threat_ids)
    try:
        rows = _rows(
            db, f"SELECT * FROM quantities WHERE threat_id IN ({marks}) ORDER BY threat_id, start, id", threat_ids
        )
    except sqlite3.OperationalError:  # a store from before figures were read
        return {}
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        out[r["threat_id"]].append(r)
    return dict(out)


@dataclass
class FigureSeries:
    """One kind of figure over the years: e.g. fugitives returned (people), reward per person (HKD)."""

    counted: str
    unit: str
    currency: str | None
    per_person: bool
    points: dict[str, dict[str, Any]]  # year -> {"value": largest stated, "statements": [ids], "n": count}

    @property
    def key(self) -> str:
        return "-".join(x for x in (self.counted, self.currency or self.unit, "each" if self.per_person else "") if x)

    @property
    def label(self) -> str:
        what = self.counted.replace("_", " ")
        unit = self.currency or ("people" if self.unit == "person" else self.unit.replace("_", " "))
        return f"{what} ({unit}{', per person' if self.per_person else ''})"

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "counted": self.counted,
            "unit": self.unit,
            "currency": self.currency,
            "per_person": self.per_person,
            "points": self.points,
        }


def figure_series(db: Any) -> list[FigureSeries]:
    """The figures of current statements grouped by what they count, per year.

    The year is the period the statement names (天网2023 -> 2023; "since 2014"
    stays with the statement's own year), else the year it was published. A
    year's point is the largest figure stated for it: officials repeat the same
    total in many statements, so adding them up would count it several times.
    """
    try:
        rows = _rows(
            db,
            f"SELECT q.threat_id, q.value, q.unit, q.currency, q.counted, q.period, q.per_person, "
            f"{DATE} AS date FROM quantities q JOIN threats t ON t.id = q.threat_id "
            f"LEFT JOIN documents d ON d.id = t.document_id WHERE {CURRENT}",
        )
    except sqlite3.OperationalError:
        return []
    series: dict[tuple[Any, ...], FigureSeries] = {}
    for r in rows:
        period = r["period"] or ""
        year = period[:4] if len(period) == 4 and period.isdigit() else (r["date"] or "")[:4]
        if not year.isdigit():
            continue
        k = (r["counted"], r["unit"], r["currency"], bool(r["per_person"]))
        s = series.setdefault(k, FigureSeries(counted=k[0], unit=k[1], currency=k[2], per_person=k[3], points={}))
        pt = s.points.setdefault(year, {"value": 0.0, "statements": [], "n": 0})
        pt["value"] = max(pt["value"], float(r["value"]))
        pt["n"] += 1
        if r["threat_id"] not in pt["statements"]:
            pt["statements"].append(r["threat_id"])
    out = sorted(series.values(), key=lambda s: (-sum(p["n"] for p in s.points.values()), s.key))
    for s in out:
        s.points = dict(sorted(s.points.items()))
    return out


def rewards_on_offer(db: Any) -> list[dict[str, Any]]:
    """The reward on offer for each person targeted: the largest stated for them, per currency.

    A reward counts for a person when a current statement naming them as a
    target states it per person (每人懸紅100萬元, HK$1 million for each) or names
    them alone. Rows: person, currency, amount, statements (ids), largest first.
    """
    try:
        rows = _rows(
            db,
            "SELECT q.threat_id, q.value, q.currency, q.per_person, t.targets FROM quantities q "
            f"JOIN threats t ON t.id = q.threat_id WHERE {CURRENT} AND q.unit = 'money' "
            "AND q.counted = 'reward'",
        )
    except sqlite3.OperationalError:
        return []
    best: dict[tuple[str, str], dict[str, Any]] = {}
    for r in rows:
        targets = [canonical_name(db, t) for t in _list(r["targets"]) if t]
        if not targets or not (r["per_person"] or len(targets) == 1):
            continue
        for person in dict.fromkeys(targets):
            k = (person, r["currency"] or "")
            cur = best.setdefault(k, {"person": person, "currency": r["currency"], "amount": 0.0, "statements": []})
            if r["value"] > cur["amount"]:
                cur["amount"], cur["statements"] = float(r["value"]), [r["threat_id"]]
            elif r["value"] == cur["amount"] and r["threat_id"] not in cur["statements"]:
                cur["statements"].append(r["threat_id"])
    return sorted(best.values(), key=lambda x: (x["currency"] or "", -x["amount"], x["person"]))


def reward_totals(rewards: list[dict[str, Any]]) -> dict[str, float]:
    """Bounty money on offer in all, per currency (the sum of each person's reward)."""
    out: dict[str, float] = defaultdict(float)
    for r in rewards:
        out[r["currency"] or "?"] += r["amount"]
    return dict(out)
