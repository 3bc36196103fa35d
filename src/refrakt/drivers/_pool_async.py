"""The connection pool: at most ``connection_limit`` connections, P2024 past ``pool_timeout``.

refrakt: async-to-sync (``tools/async_to_sync.py`` writes ``_pool.py`` from this file).

Connections open lazily, in the task that needs one, so a connection failure reaches the caller
as its own error (P1000, P1001, P1003) rather than as a pool timeout. A released connection goes
straight to the longest waiter, else back to the idle stack (the most recently used first: it is
the one most likely still warm). A connection that comes back broken or still inside a
transaction is rolled back or dropped, and its place freed. Idle connections older than
``max_idle_connection_lifetime`` (Prisma's URL parameter, 300 s by default) are replaced.
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections import deque
from collections.abc import AsyncGenerator
from contextlib import asynccontextmanager, suppress
from types import TracebackType
from typing import Final, Literal

from refrakt.drivers._compat_async import AsyncWaiter, new_lock
from refrakt.drivers._connection_async import AsyncConnection, connect_async
from refrakt.drivers._core import Params, QueryResult
from refrakt.drivers._rawtypes import TypedResult
from refrakt.drivers._url import ConnectionConfig, parse_url
from refrakt.errors import PoolTimeoutError, RefraktError

DEFAULT_MAX_IDLE_LIFETIME: Final = 300.0

# What a waiter receives: a connection, None ("a place is free: open your own") or False ("the
# pool was closed").
_Handoff = AsyncConnection | Literal[False] | None


class AsyncPool:
    """A pool of connections to one database.

    ``AsyncPool("postgresql://...")`` (or a :class:`ConnectionConfig`) opens nothing yet;
    :meth:`open` checks that the database can be reached. ``connection_limit`` and
    ``pool_timeout`` override the URL's. Use :meth:`connection` or :meth:`transaction` to hold
    a connection, or :meth:`execute` / :meth:`query` for one statement.
    """

    def __init__(
        self,
        url: str | ConnectionConfig,
        *,
        base_dir: str | os.PathLike[str] | None = None,
        connection_limit: int | None = None,
        pool_timeout: float | None = None,
    ) -> None:
        config = url if isinstance(url, ConnectionConfig) else parse_url(url, base_dir=base_dir)
        if connection_limit is not None:
            config = dataclasses.replace(config, connection_limit=max(1, connection_limit))
        if pool_timeout is not None:
            config = dataclasses.replace(config, pool_timeout=pool_timeout or None)
        self.config: Final = config
        self._limit = config.connection_limit
        self._timeout = config.pool_timeout
        idle = config.params.get("max_idle_connection_lifetime")
        self._max_idle = float(idle) if idle and float(idle) > 0 else DEFAULT_MAX_IDLE_LIFETIME
        self._lock = new_lock()
        self._idle: list[tuple[AsyncConnection, float]] = []
        self._size = 0  # open connections plus those being opened
        self._waiters: deque[AsyncWaiter[_Handoff]] = deque()
        self._closed = False

    # --- stats -----------------------------------------------------------------------------------------

    @property
    def size(self) -> int:
        """Connections open or being opened."""
        return self._size

    @property
    def idle(self) -> int:
        return len(self._idle)

    @property
    def in_use(self) -> int:
        return self._size - len(self._idle)

    @property
    def waiting(self) -> int:
        return len(self._waiters)

    @property
    def closed(self) -> bool:
        return self._closed

    # --- acquire and release ---------------------------------------------------------------------------

    async def acquire(self, timeout: float | None = None) -> AsyncConnection:
        """A connection for the caller alone; give it back with :meth:`release`. Waits at most
        ``timeout`` seconds (default: the URL's ``pool_timeout``) for a free place, then raises
        :class:`~refrakt.errors.PoolTimeoutError` (P2024)."""
        waiter: AsyncWaiter[_Handoff] | None = None
        stale: AsyncConnection | None = None
        with self._lock:
            if self._closed:
                raise RefraktError("The connection pool is closed.")
            if self._idle:
                conn, since = self._idle.pop()
                if time.monotonic() - since < self._max_idle:
                    return conn
                stale = conn  # keep its place: open a fresh one instead
            elif self._size < self._limit:
                self._size += 1
            else:
                waiter = AsyncWaiter()
                self._waiters.append(waiter)
        if waiter is not None:
            wait = self._timeout if timeout is None else timeout
            try:
                got, handoff = await waiter.wait(wait)
            except BaseException:
                got, handoff = waiter.abandon()
                if got and handoff is not False:
                    self._hand_over(handoff)
                raise
            if not got:
                with self._lock:
                    if waiter in self._waiters:
                        self._waiters.remove(waiter)
                raise PoolTimeoutError.after(wait if wait is not None else 0, self._limit)
            if handoff is False:
                raise RefraktError("The connection pool is closed.")
            if handoff is not None:
                return handoff
            if self._closed:
                self._hand_over(None)
                raise RefraktError("The connection pool is closed.")
        try:
            if stale is not None:
                await _close_quietly(stale)
            return await connect_async(self.config)
        except BaseException:
            self._hand_over(None)
            raise

    async def release(self, conn: AsyncConnection) -> None:
        """Give back a connection from :meth:`acquire` (rolled back first if still in a transaction)."""
        handoff: AsyncConnection | None = conn
        if conn.closed:
            handoff = None
        elif conn.in_transaction:
            try:
                await conn.rollback()
            except Exception:
                await _close_quietly(conn)
                handoff = None
        if handoff is not None and self._closed:
            await _close_quietly(conn)
            handoff = None
        self._hand_over(handoff)

    def _hand_over(self, handoff: AsyncConnection | None) -> None:
        """Pass a connection (or, for None, a free place) to the first waiter still waiting,
        else keep it idle (or free the place)."""
        with self._lock:
            while self._waiters:
                if self._waiters.popleft().put(handoff):
                    return
            if handoff is None:
                self._size -= 1
            else:
                self._idle.append((handoff, time.monotonic()))

    # --- conveniences ----------------------------------------------------------------------------------

    @asynccontextmanager
    async def connection(self, timeout: float | None = None) -> AsyncGenerator[AsyncConnection]:
        """``async with pool.connection() as conn:`` holds one connection for the block."""
        conn = await self.acquire(timeout)
        try:
            yield conn
        finally:
            await self.release(conn)

    @asynccontextmanager
    async def transaction(
        self, isolation_level: str | None = None, *, timeout: float | None = None
    ) -> AsyncGenerator[AsyncConnection]:
        """``async with pool.transaction("Serializable") as tx:`` a connection inside a transaction
        that commits at the end of the block and rolls back on an error."""
        conn = await self.acquire(timeout)
        try:
            async with conn.transaction(isolation_level):
                yield conn
        finally:
            await self.release(conn)

    async def execute(self, sql: str, params: Params = ()) -> int:
        conn = await self.acquire()
        try:
            return await conn.execute(sql, params)
        finally:
            await self.release(conn)

    async def query(self, sql: str, params: Params = ()) -> QueryResult:
        conn = await self.acquire()
        try:
            return await conn.query(sql, params)
        finally:
            await self.release(conn)

    async def query_typed(self, sql: str, params: Params = ()) -> TypedResult:
        """:meth:`AsyncConnection.query_typed` on a pooled connection (the raw-query typing)."""
        conn = await self.acquire()
        try:
            return await conn.query_typed(sql, params)
        finally:
            await self.release(conn)

    # --- life cycle ------------------------------------------------------------------------------------

    async def open(self) -> AsyncPool:
        """Open one connection now, so that a wrong URL, password or database fails here."""
        conn = await self.acquire()
        await self.release(conn)
        return self

    async def close(self) -> None:
        """Close idle connections now and the others when they come back; acquiring then fails."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
            self._size -= len(idle)
            waiters, self._waiters = self._waiters, deque()
        for waiter in waiters:
            waiter.put(False)
        for conn, _ in idle:
            await _close_quietly(conn)

    async def __aenter__(self) -> AsyncPool:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    def __repr__(self) -> str:
        return (
            f"<{type(self).__name__} {self.config.redacted_url} size={self._size}/{self._limit} "
            f"idle={len(self._idle)} waiting={len(self._waiters)}>"
        )


async def _close_quietly(conn: AsyncConnection) -> None:
    with suppress(Exception):
        await conn.close()
