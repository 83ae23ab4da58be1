"""The SQLite store (through sqlite-utils): schema, migrations and the Store API."""

from longarm.db.schema import SCHEMA_VERSION, connect, migrate
from longarm.db.store import Store

__all__ = ["SCHEMA_VERSION", "Store", "connect", "migrate"]
