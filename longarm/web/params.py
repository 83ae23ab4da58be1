"""Malformed request parameters that Datasette would answer with a 500, found before it runs.

Datasette 0.65 parses a few parameters with bare ``int()`` / ``json.loads`` and
puts parameter names into its SQL; a malformed value then surfaces as an
uncaught exception (HTTP 500 with Python's message). ``malformed`` names the
problem so that ``GuardMiddleware`` answers 400 with a message saying what to
send instead. What Datasette already answers with a 400 is left to it; what a
fuzz of every route still turned into an exception is caught afterwards by the
plugin's ``handle_exception`` (``plugin._bad_input``).
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qsl

_DATABASE_FORMAT = re.compile(r"^/(?P<database>[^/.]+)\.(?P<format>\w+)$")
_SCALARS = (str, int, float, bool, type(None))


def _shown(value: str) -> str:
    return repr(value[:40] + ("…" if len(value) > 40 else ""))


def _json(value: str) -> Any:
    try:
        return json.loads(value)
    except ValueError:
        return ValueError


def malformed(path: str, query_string: bytes) -> str | None:
    """A message naming the malformed part of a request, or None when Datasette can be given it.

    ``path`` is the ASGI scope's path (percent-decoded), ``query_string`` its raw query string.
    """
    if "\x00" in path:  # the ASGI path is already percent-decoded
        return "the address contains a NUL character (%00): remove it"
    pairs = parse_qsl(query_string.decode("utf-8", "replace"), keep_blank_values=True)
    for name, value in pairs:
        if "\x00" in name or "\x00" in value:
            return f"parameter {_shown(name)} contains a NUL character (%00): remove it"
    for name, value in pairs:
        if name == "_timelimit" and not (value.isascii() and value.isdigit() and len(value) <= 9):
            return f"_timelimit={_shown(value)} is not valid: give a whole number of milliseconds"
        if name == "_through":
            data = _json(value)
            if not (
                isinstance(data, dict)
                and isinstance(data.get("table"), str)
                and isinstance(data.get("column"), str)
                and "value" in data
                and isinstance(data["value"], _SCALARS)
            ):
                return (
                    f"_through={_shown(value)} is not valid: give a JSON object "
                    '{"table": "...", "column": "...", "value": ...}'
                )
        if name.endswith("__in") and value.startswith("["):
            data = _json(value)
            if not (isinstance(data, list) and all(isinstance(v, _SCALARS) for v in data)):
                return (
                    f"{name}={_shown(value)} is not valid: give a JSON list of plain values "
                    '(["a", "b"] or [1, 2]) or values separated by commas'
                )
    m = _DATABASE_FORMAT.match(path)
    if m and m["format"] == "csv" and not any(name == "sql" for name, _ in pairs):
        return f"{path}: a database has no CSV form without ?sql=; ask for a table instead (/{m['database']}/TABLE.csv)"
    return None
