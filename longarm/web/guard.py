"""The web page's defences: so that no single request can sink `longarm serve` or reach it from elsewhere.

* ``GuardMiddleware`` (an ASGI wrapper around Datasette) refuses requests whose
  ``Host`` is not one the server answers to (DNS rebinding: a hostile website
  whose name resolves to 127.0.0.1 would otherwise read the page from a
  researcher's browser), answers 404 for Datasette pages that show absolute
  paths of the server's files, and adds the security headers of
  ``limits.toml`` to every response that does not set its own, and answers 400
  to parameters Datasette would turn into a 500 (``params.malformed``).
* ``limit_connection`` caps what one SQL statement may allocate
  (``SQLITE_LIMIT_LENGTH``: ``randomblob(1000000000)`` fails at once), the
  length of its SQL text, and the bytes of the rows one statement hands to
  Python (``ResultBudget``: 100 rows of 30 MB values each fail at the first
  rows instead of piling gigabytes into the server); ``set_heap_limit`` caps
  SQLite's memory for the whole process; time limits are Datasette's
  ``sql_time_limit_ms`` (and ``time_limited`` for the queries our own pages run).
* ``GuardMiddleware`` also lets only a few requests carrying the visitor's own
  SQL (``?sql=``, ``_where=``) run at once, so such queries cannot hold every
  query thread and make the table pages wait; more are answered 429 at once.

The values live in ``limits.toml`` beside this file.
"""

from __future__ import annotations

import json
import sqlite3
import tomllib
import weakref
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Awaitable, Callable, Iterable, Iterator

from longarm.web.params import malformed

LIMITS_FILE = Path(__file__).resolve().parent / "limits.toml"
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


@lru_cache(maxsize=1)
def limits() -> dict[str, Any]:
    """The parsed ``limits.toml``."""
    with open(LIMITS_FILE, "rb") as fh:
        return tomllib.load(fh)


def query_limits() -> dict[str, int]:
    return dict(limits()["queries"])


def security_headers() -> dict[str, str]:
    return dict(limits()["headers"])


# -- Host check --------------------------------------------------------------------------------
def split_host(value: str) -> tuple[str, int | None]:
    """``"Example.org:8001"`` -> ``("example.org", 8001)``; ``"[::1]:80"`` -> ``("[::1]", 80)``; bad port -> -1."""
    value = value.strip().lower()
    if value.startswith("["):
        end = value.find("]")
        name, rest = (value[: end + 1], value[end + 1 :]) if end > 0 else (value, "")
        port_text = rest[1:] if rest.startswith(":") else None
        if rest and not rest.startswith(":"):
            return value, -1
    elif value.count(":") == 1:
        name, port_text = value.split(":")
    else:
        name, port_text = value, None
    if port_text is None:
        return name.rstrip("."), None
    if not port_text.isdigit() or len(port_text) > 5:
        return name, -1
    return name.rstrip("."), int(port_text)


@dataclass(frozen=True)
class AllowedHosts:
    """The ``Host`` values a server answers to: names, each with the port served (None: any port).

    By default the loopback names; ``longarm serve`` adds the port it bound and any ``--allowed-host``.
    """

    names: frozenset[str] = frozenset(LOOPBACK_NAMES)
    port: int | None = None
    extra: frozenset[tuple[str, int | None]] = field(default_factory=frozenset)

    @classmethod
    def build(cls, port: int | None = None, extra: Iterable[str] = (), bind_host: str | None = None) -> "AllowedHosts":
        names = set(LOOPBACK_NAMES)
        if bind_host and bind_host not in ("0.0.0.0", "::"):
            names.add(f"[{bind_host}]" if ":" in bind_host and not bind_host.startswith("[") else bind_host.lower())
        more = set()
        for item in extra:
            name, p = split_host(item)
            if p == -1 or not name:
                raise ValueError(f"{item!r} is not a host name or host:port")
            more.add((name, p))
        return cls(frozenset(names), port, frozenset(more))

    def allows(self, host_header: str | None) -> bool:
        if not host_header:
            return False
        name, port = split_host(host_header)
        if port == -1:
            return False
        for n, p in self.extra:
            if n == name and (p is None or p == (port or 80)):
                return True
        if name not in self.names:
            return False
        return self.port is None or port == self.port or (port is None and self.port == 80)

    def describe(self) -> str:
        port = f":{self.port}" if self.port else ""
        shown = [f"{n}{port}" for n in sorted(self.names)] + [
            f"{n}:{p}" if p else n for n, p in sorted(self.extra, key=lambda x: (x[0], x[1] or 0))
        ]
        return ", ".join(shown)


# -- the middleware ----------------------------------------------------------------------------
async def _plain(send: Send, status: int, text: str, headers: dict[str, str]) -> None:
    body = text.encode("utf-8")
    hdrs = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    hdrs += [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]
    await send({"type": "http.response.start", "status": status, "headers": hdrs})
    await send({"type": "http.response.body", "body": body})


async def _bad_request(send: Send, path: str, message: str, headers: dict[str, str]) -> None:
    """A 400 in the form asked for: Datasette's JSON error shape for .json addresses, else plain text."""
    if path.endswith(".json"):
        body = json.dumps({"ok": False, "error": message, "status": 400, "title": "Bad request"}).encode()
        hdrs = [(b"content-type", b"application/json; charset=utf-8"), (b"content-length", str(len(body)).encode())]
        hdrs += [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]
        await send({"type": "http.response.start", "status": 400, "headers": hdrs})
        await send({"type": "http.response.body", "body": body})
    else:
        await _plain(send, 400, f"Bad request: {message}\n", headers)


class GuardMiddleware:
    """ASGI middleware: Host check, hidden paths, malformed parameters (400), security headers on every response,
    a cap on visitors' SQL requests running at once."""

    def __init__(
        self,
        app: Any,
        hosts: AllowedHosts | None = None,
        headers: dict[str, str] | None = None,
        hidden_paths: Iterable[str] | None = None,
        max_own_sql: int | None = None,
    ) -> None:
        self.app = app
        self.hosts = hosts or AllowedHosts()
        self.headers = headers if headers is not None else security_headers()
        self.hidden = frozenset(hidden_paths if hidden_paths is not None else limits()["hidden"]["paths"])
        self._encoded = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in self.headers.items()]
        self.max_own_sql = int(max_own_sql if max_own_sql is not None else query_limits()["own_sql_requests"])
        self._own_sql_running = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        host = None
        for k, v in scope.get("headers") or []:
            if k == b"host":
                host = v.decode("latin-1")
                break
        if not self.hosts.allows(host):
            shown = (host or "(none)")[:100]
            await _plain(
                send,
                421 if host else 400,
                f"This longarm server does not answer to Host {shown!r}; it answers to "
                f"{self.hosts.describe()}. (Start `longarm serve` with --allowed-host NAME to add a name.)\n",
                self.headers,
            )
            return
        path = scope.get("path") or ""
        if path.rstrip("/") in self.hidden:
            await _plain(send, 404, "Not shown: this page would reveal the server's file paths.\n", self.headers)
            return
        problem = malformed(path, scope.get("query_string") or b"")
        if problem:
            await _bad_request(send, path, problem, self.headers)
            return

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message.get("type") == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers") or []}
                extra = [(k, v) for k, v in self._encoded if k not in present]
                if extra:
                    message = {**message, "headers": list(message.get("headers") or []) + extra}
            await send(message)

        if not carries_own_sql(scope.get("query_string") or b""):
            await self.app(scope, receive, send_with_headers)
            return
        if self._own_sql_running >= self.max_own_sql:
            await _plain(
                send,
                429,
                f"{self._own_sql_running} SQL queries of visitors are running already (at most "
                f"{self.max_own_sql} at once, so that the other pages stay responsive); try again when "
                "they have finished.\n",
                {**self.headers, "Retry-After": "3"},
            )
            return
        self._own_sql_running += 1
        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            self._own_sql_running -= 1


OWN_SQL_KEYS = (b"sql", b"_where")


def carries_own_sql(query_string: bytes) -> bool:
    """Whether a query string holds the visitor's own SQL (``sql=``, ``_where=``), percent-encoded names too."""
    from urllib.parse import unquote_to_bytes

    for part in query_string.split(b"&"):
        name = unquote_to_bytes(part.split(b"=", 1)[0].replace(b"+", b" ")).strip()
        if name in OWN_SQL_KEYS:
            return True
    return False


# -- SQLite limits -----------------------------------------------------------------------------
class ResultTooLarge(sqlite3.OperationalError):
    """A statement's rows add up to more bytes than one answer may hold (``max_result_bytes``)."""


def value_bytes(value: Any) -> int:
    """Roughly what a value costs once fetched and rendered: bytes for blobs, UTF-8-ish size for text."""
    if isinstance(value, str):
        return len(value) if value.isascii() else 3 * len(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return len(value)
    return 8


def _size_text(n: int) -> str:
    return f"{n / 2**20:.0f} MB" if n >= 2**20 else f"{n:,} bytes"


class ResultBudget:
    """A row factory that counts the bytes each cursor has fetched and stops a statement past ``max_bytes``.

    Rows are still ``sqlite3.Row`` (what Datasette expects). The error is an ``OperationalError``, so
    Datasette shows it like any SQL error (400) instead of building a gigabyte page.
    """

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = int(max_bytes)
        self._spent: "weakref.WeakKeyDictionary[sqlite3.Cursor, int]" = weakref.WeakKeyDictionary()

    def __call__(self, cursor: sqlite3.Cursor, row: tuple[Any, ...]) -> sqlite3.Row:
        spent = self._spent.get(cursor, 0) + sum(value_bytes(v) for v in row)
        if spent > self.max_bytes:
            self._spent.pop(cursor, None)
            raise ResultTooLarge(
                f"the answer is larger than this server returns at once ({_size_text(self.max_bytes)}): "
                "ask for fewer rows (LIMIT, _size=) or fewer or shorter columns (substr(), length())"
            )
        self._spent[cursor] = spent
        return sqlite3.Row(cursor, row)


def _hide_file_paths(action: int, arg1: str | None, arg2: str | None, db: str | None, trigger: str | None) -> int:
    """SQLite authorizer: ``pragma_database_list``'s ``file`` column reads as NULL (it is the database's
    absolute path); everything else is allowed. Datasette's own ``PRAGMA database_list`` statement reads no
    column this way and keeps working; a visitor's SQL cannot be a PRAGMA statement."""
    if action == sqlite3.SQLITE_READ and arg1 == "pragma_database_list" and arg2 == "file":
        return sqlite3.SQLITE_IGNORE
    return sqlite3.SQLITE_OK


def limit_connection(conn: sqlite3.Connection, q: dict[str, int] | None = None) -> None:
    """Cap the size of any value a statement builds, the length of its SQL text, and the bytes of its rows;
    hide the database's file path from SQL."""
    q = q or query_limits()
    conn.set_authorizer(_hide_file_paths)
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, int(q["max_value_bytes"]))
    conn.setlimit(sqlite3.SQLITE_LIMIT_SQL_LENGTH, int(q["max_sql_bytes"]))
    conn.row_factory = ResultBudget(int(q["max_result_bytes"]))


def set_heap_limit(conn: sqlite3.Connection, nbytes: int) -> None:
    """SQLite's hard memory ceiling for this process (all connections); a query beyond it fails, not the server."""
    conn.execute(f"PRAGMA hard_heap_limit = {int(nbytes)}")


@contextmanager
def time_limited(conn: sqlite3.Connection, ms: int) -> Iterator[None]:
    """Interrupt any statement still running after ``ms`` (sqlite3.OperationalError 'interrupted')."""
    from datasette.utils import sqlite_timelimit

    with sqlite_timelimit(conn, ms):
        yield
