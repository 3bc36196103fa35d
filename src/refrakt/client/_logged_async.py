"""A connection that reports each statement to the client's listeners (``db.on("query", ...)``).

refrakt: async-to-sync (``tools/async_to_sync.py`` writes ``_logged.py`` from this file).

The client hands it to the engine (and uses it for raw SQL) only while someone listens, so a
client without listeners runs on the bare driver connection. It passes every call through and
owns nothing: the pool keeps managing the connection underneath.
"""

from __future__ import annotations

import time
from typing import ClassVar

from refrakt.client._events import Events
from refrakt.drivers import AsyncConnection, Params, ParamStyle, QueryResult, TypedResult


class AsyncLoggedConnection(AsyncConnection):
    """``inner`` with a :class:`~refrakt.client._events.QueryEvent` per statement."""

    paramstyle: ClassVar[ParamStyle] = "qmark"

    def __init__(self, inner: AsyncConnection, events: Events, target: str) -> None:
        self.inner = inner
        self.events = events
        self.target = target
        self.config = inner.config

    async def execute(self, sql: str, params: Params = ()) -> int:
        started = time.perf_counter()
        try:
            return await self.inner.execute(sql, params)
        except Exception as exc:
            self.events.log("error", str(exc), self.target)
            raise
        finally:
            self.events.query(sql, params, started, self.target)

    async def query(self, sql: str, params: Params = ()) -> QueryResult:
        started = time.perf_counter()
        try:
            return await self.inner.query(sql, params)
        except Exception as exc:
            self.events.log("error", str(exc), self.target)
            raise
        finally:
            self.events.query(sql, params, started, self.target)

    async def query_typed(self, sql: str, params: Params = ()) -> TypedResult:
        started = time.perf_counter()
        try:
            return await self.inner.query_typed(sql, params)
        except Exception as exc:
            self.events.log("error", str(exc), self.target)
            raise
        finally:
            self.events.query(sql, params, started, self.target)

    async def execute_script(self, sql: str) -> None:
        started = time.perf_counter()
        try:
            await self.inner.execute_script(sql)
        finally:
            self.events.query(sql, (), started, self.target)

    async def _command(self, sql: str) -> None:
        started = time.perf_counter()
        try:
            await self.inner._command(sql)  # pyright: ignore[reportPrivateUsage]
        finally:
            self.events.query(sql, (), started, self.target)

    def _begin_statements(self, isolation_level: str | None) -> tuple[str, ...]:
        return self.inner._begin_statements(isolation_level)  # pyright: ignore[reportPrivateUsage]

    async def close(self) -> None:
        await self.inner.close()

    @property
    def closed(self) -> bool:
        return self.inner.closed

    @property
    def in_transaction(self) -> bool:
        return self.inner.in_transaction


class _Qmark(AsyncLoggedConnection):
    paramstyle: ClassVar[ParamStyle] = "qmark"


class _NumericDollar(AsyncLoggedConnection):
    paramstyle: ClassVar[ParamStyle] = "numeric_dollar"


class _Format(AsyncLoggedConnection):
    paramstyle: ClassVar[ParamStyle] = "format"


_BY_STYLE: dict[str, type[AsyncLoggedConnection]] = {
    "qmark": _Qmark,
    "numeric_dollar": _NumericDollar,
    "format": _Format,
}


def logged(conn: AsyncConnection, events: Events, target: str) -> AsyncConnection:
    """``conn`` reporting to ``events`` when someone listens for queries, else ``conn`` itself."""
    if not events.queries:
        return conn
    if isinstance(conn, AsyncLoggedConnection):
        conn = conn.inner
    return _BY_STYLE[conn.paramstyle](conn, events, target)
