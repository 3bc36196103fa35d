# WARNING: generated from _pool_async.py by tools/async_to_sync.py: edit that file.
"""The connection pool: at most ``connection_limit`` connections, P2024 past ``pool_timeout``.

Generated from ``_pool_async.py`` by ``tools/async_to_sync.py``: edit that file, not this one.

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
from collections.abc import Generator
from contextlib import contextmanager, suppress
from types import TracebackType
from typing import Final, Literal

from refrakt.drivers._compat import Waiter, new_lock
from refrakt.drivers._connection import Connection, connect
from refrakt.drivers._core import Params, QueryResult
from refrakt.drivers._rawtypes import TypedResult
from refrakt.drivers._url import ConnectionConfig, parse_url
from refrakt.errors import PoolTimeoutError, RefraktError

DEFAULT_MAX_IDLE_LIFETIME: Final = 300.0

# What a waiter receives: a connection, None ("a place is free: open your own") or False ("the
# pool was closed").
_Handoff = Connection | Literal[False] | None


class Pool:
    """A pool of connections to one database.

    ``Pool("postgresql://...")`` (or a :class:`ConnectionConfig`) opens nothing yet;
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
        self._idle: list[tuple[Connection, float]] = []
        self._size = 0  # open connections plus those being opened
        self._waiters: deque[Waiter[_Handoff]] = deque()
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

    def acquire(self, timeout: float | None = None) -> Connection:
        """A connection for the caller alone; give it back with :meth:`release`. Waits at most
        ``timeout`` seconds (default: the URL's ``pool_timeout``) for a free place, then raises
        :class:`~refrakt.errors.PoolTimeoutError` (P2024)."""
        waiter: Waiter[_Handoff] | None = None
        stale: Connection | None = None
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
                waiter = Waiter()
                self._waiters.append(waiter)
        if waiter is not None:
            wait = self._timeout if timeout is None else timeout
            try:
                got, handoff = waiter.wait(wait)
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
                _close_quietly(stale)
            return connect(self.config)
        except BaseException:
            self._hand_over(None)
            raise

    def release(self, conn: Connection) -> None:
        """Give back a connection from :meth:`acquire` (rolled back first if still in a transaction)."""
        handoff: Connection | None = conn
        if conn.closed:
            handoff = None
        elif conn.in_transaction:
            try:
                conn.rollback()
            except Exception:
                _close_quietly(conn)
                handoff = None
        if handoff is not None and self._closed:
            _close_quietly(conn)
            handoff = None
        self._hand_over(handoff)

    def _hand_over(self, handoff: Connection | None) -> None:
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

    @contextmanager
    def connection(self, timeout: float | None = None) -> Generator[Connection]:
        """``async with pool.connection() as conn:`` holds one connection for the block."""
        conn = self.acquire(timeout)
        try:
            yield conn
        finally:
            self.release(conn)

    @contextmanager
    def transaction(self, isolation_level: str | None = None, *, timeout: float | None = None) -> Generator[Connection]:
        """``async with pool.transaction("Serializable") as tx:`` a connection inside a transaction
        that commits at the end of the block and rolls back on an error."""
        conn = self.acquire(timeout)
        try:
            with conn.transaction(isolation_level):
                yield conn
        finally:
            self.release(conn)

    def execute(self, sql: str, params: Params = ()) -> int:
        conn = self.acquire()
        try:
            return conn.execute(sql, params)
        finally:
            self.release(conn)

    def query(self, sql: str, params: Params = ()) -> QueryResult:
        conn = self.acquire()
        try:
            return conn.query(sql, params)
        finally:
            self.release(conn)

    def query_typed(self, sql: str, params: Params = ()) -> TypedResult:
        """:meth:`Connection.query_typed` on a pooled connection (the raw-query typing)."""
        conn = self.acquire()
        try:
            return conn.query_typed(sql, params)
        finally:
            self.release(conn)

    # --- life cycle ------------------------------------------------------------------------------------

    def open(self) -> Pool:
        """Open one connection now, so that a wrong URL, password or database fails here."""
        conn = self.acquire()
        self.release(conn)
        return self

    def close(self) -> None:
        """Close idle connections now and the others when they come back; acquiring then fails."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
            self._size -= len(idle)
            waiters, self._waiters = self._waiters, deque()
        for waiter in waiters:
            waiter.put(False)
        for conn, _ in idle:
            _close_quietly(conn)

    def __enter__(self) -> Pool:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return (
            f"<{type(self).__name__} {self.config.redacted_url} size={self._size}/{self._limit} "
            f"idle={len(self._idle)} waiting={len(self._waiters)}>"
        )


def _close_quietly(conn: Connection) -> None:
    with suppress(Exception):
        conn.close()
