# WARNING: generated from _logged_async.py by tools/async_to_sync.py: edit that file.
"""A connection that reports each statement to the client's listeners (``db.on("query", ...)``).

Generated from ``_logged_async.py`` by ``tools/async_to_sync.py``: edit that file, not this one.

The client hands it to the engine (and uses it for raw SQL) only while someone listens, so a
client without listeners runs on the bare driver connection. It passes every call through and
owns nothing: the pool keeps managing the connection underneath.
"""

from __future__ import annotations

import time
from typing import ClassVar

from refrakt.client._events import Events
from refrakt.drivers import Connection, Params, ParamStyle, QueryResult, TypedResult


class LoggedConnection(Connection):
    """``inner`` with a :class:`~refrakt.client._events.QueryEvent` per statement."""

    paramstyle: ClassVar[ParamStyle] = "qmark"

    def __init__(self, inner: Connection, events: Events, target: str) -> None:
        self.inner = inner
        self.events = events
        self.target = target
        self.config = inner.config

    def execute(self, sql: str, params: Params = ()) -> int:
        started = time.perf_counter()
        try:
            return self.inner.execute(sql, params)
        except Exception as exc:
            self.events.log("error", str(exc), self.target)
            raise
        finally:
            self.events.query(sql, params, started, self.target)

    def query(self, sql: str, params: Params = ()) -> QueryResult:
        started = time.perf_counter()
        try:
            return self.inner.query(sql, params)
        except Exception as exc:
            self.events.log("error", str(exc), self.target)
            raise
        finally:
            self.events.query(sql, params, started, self.target)

    def query_typed(self, sql: str, params: Params = ()) -> TypedResult:
        started = time.perf_counter()
        try:
            return self.inner.query_typed(sql, params)
        except Exception as exc:
            self.events.log("error", str(exc), self.target)
            raise
        finally:
            self.events.query(sql, params, started, self.target)

    def execute_script(self, sql: str) -> None:
        started = time.perf_counter()
        try:
            self.inner.execute_script(sql)
        finally:
            self.events.query(sql, (), started, self.target)

    def _command(self, sql: str) -> None:
        started = time.perf_counter()
        try:
            self.inner._command(sql)  # pyright: ignore[reportPrivateUsage]
        finally:
            self.events.query(sql, (), started, self.target)

    def _begin_statements(self, isolation_level: str | None) -> tuple[str, ...]:
        return self.inner._begin_statements(isolation_level)  # pyright: ignore[reportPrivateUsage]

    def close(self) -> None:
        self.inner.close()

    @property
    def closed(self) -> bool:
        return self.inner.closed

    @property
    def in_transaction(self) -> bool:
        return self.inner.in_transaction


class _Qmark(LoggedConnection):
    paramstyle: ClassVar[ParamStyle] = "qmark"


class _NumericDollar(LoggedConnection):
    paramstyle: ClassVar[ParamStyle] = "numeric_dollar"


class _Format(LoggedConnection):
    paramstyle: ClassVar[ParamStyle] = "format"


_BY_STYLE: dict[str, type[LoggedConnection]] = {
    "qmark": _Qmark,
    "numeric_dollar": _NumericDollar,
    "format": _Format,
}


def logged(conn: Connection, events: Events, target: str) -> Connection:
    """``conn`` reporting to ``events`` when someone listens for queries, else ``conn`` itself."""
    if not events.queries:
        return conn
    if isinstance(conn, LoggedConnection):
        conn = conn.inner
    return _BY_STYLE[conn.paramstyle](conn, events, target)
