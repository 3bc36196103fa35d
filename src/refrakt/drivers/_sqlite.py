"""SQLite through the standard library's ``sqlite3``, ``?`` placeholders, sync and async.

Hand-written (not generated): ``sqlite3`` blocks and has no async API, so
:class:`AsyncSqliteConnection` runs the sync connection's very methods on a worker thread of its
own, one hop there and back per call (aiosqlite's approach): both surfaces behave the same.

Connections open in autocommit mode (``isolation_level=None``: refrakt issues ``BEGIN`` itself)
with foreign keys on, as Prisma does, and ``socket_timeout`` as the busy timeout (default 5 s).
A pool may hand a connection to another thread, one at a time (``check_same_thread=False``).
Raw queries (:meth:`SqliteConnection.query_typed`) are typed by the columns' declared types,
read from SQLite by :mod:`refrakt.drivers._sqlite_decltypes`.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from operator import itemgetter
from typing import ClassVar

from refrakt.drivers._connection import Connection
from refrakt.drivers._connection_async import AsyncConnection, ParamStyle
from refrakt.drivers._core import Params, QueryResult, sqlite_begin
from refrakt.drivers._errmap import sqlite_error
from refrakt.drivers._rawtypes import Decoder, TypedResult, apply_decoders, inferred_type, sqlite_column
from refrakt.drivers._sqlite_decltypes import declared_types
from refrakt.drivers._url import MEMORY, ConnectionConfig
from refrakt.errors import InitializationError, RefraktError

DEFAULT_BUSY_TIMEOUT = 5.0
_name = itemgetter(0)  # of a cursor.description entry


class SqliteConnection(Connection):
    """An SQLite connection; open one with :meth:`open` (or :func:`refrakt.drivers.connect`)."""

    paramstyle: ClassVar[ParamStyle] = "qmark"

    def __init__(self, raw: sqlite3.Connection, config: ConnectionConfig) -> None:
        self._raw = raw
        self._closed = False
        self.config = config

    @classmethod
    def open(cls, config: ConnectionConfig) -> SqliteConnection:
        path = config.file_path
        if path != MEMORY and not os.path.isdir(os.path.dirname(path) or "."):
            raise InitializationError.sqlite_file_does_not_exist(file_name=os.path.basename(path), file_path=path)
        try:
            raw = sqlite3.connect(
                path,
                timeout=config.socket_timeout or DEFAULT_BUSY_TIMEOUT,
                isolation_level=None,
                check_same_thread=False,
            )
            raw.execute("PRAGMA foreign_keys = ON")
        except sqlite3.Error as exc:
            raise _error(config, exc) from exc
        return cls(raw, config)

    @property
    def raw(self) -> sqlite3.Connection:
        """The ``sqlite3`` connection underneath."""
        return self._raw

    def execute(self, sql: str, params: Params = ()) -> int:
        try:
            cur = self._raw.execute(sql, params)
        except sqlite3.Error as exc:
            raise _error(self.config, exc) from exc
        return max(cur.rowcount, 0)

    def query(self, sql: str, params: Params = ()) -> QueryResult:
        try:
            cur = self._raw.execute(sql, params)
            rows = cur.fetchall()
        except sqlite3.Error as exc:
            raise _error(self.config, exc) from exc
        desc = cur.description
        return ([*map(_name, desc)] if desc else []), rows

    def query_typed(self, sql: str, params: Params = ()) -> TypedResult:
        """:meth:`query`, the values typed by each column's declared type as Prisma does
        (``BOOLEAN``, ``DATETIME``, ``DECIMAL``, ``JSONB``...: see :mod:`refrakt.drivers._rawtypes`);
        a column without one (an expression) is typed by its first non-null value."""
        columns, rows = self.query(sql, params)
        declared = declared_types(self._raw, sql) if columns else None
        types: list[str] = []
        decoders: list[Decoder | None] = []
        for i in range(len(columns)):
            found = sqlite_column(declared[i]) if declared is not None and i < len(declared) else None
            if found is None:
                types.append(inferred_type(rows, i))
                decoders.append(None)
            else:
                types.append(found[0])
                decoders.append(found[1])
        return columns, types, apply_decoders(rows, decoders)

    def execute_script(self, sql: str) -> None:
        # Not ``executescript``: it would commit an open transaction first.
        raw = self._raw
        buf = ""
        for piece in sql.split(";"):
            buf += piece + ";"
            if sqlite3.complete_statement(buf):
                if buf.strip(" \t\r\n;"):
                    try:
                        raw.execute(buf)
                    except sqlite3.Error as exc:
                        raise _error(self.config, exc) from exc
                buf = ""
        if buf.strip(" \t\r\n;"):
            try:
                raw.execute(buf.rstrip(";"))
            except sqlite3.Error as exc:
                raise _error(self.config, exc) from exc

    def _command(self, sql: str) -> None:
        try:
            self._raw.execute(sql)
        except sqlite3.Error as exc:
            raise _error(self.config, exc) from exc

    def _begin_statements(self, isolation_level: str | None) -> tuple[str, ...]:
        return sqlite_begin(isolation_level)

    @property
    def in_transaction(self) -> bool:
        return not self._closed and self._raw.in_transaction

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._raw.close()


class AsyncSqliteConnection(AsyncConnection):
    """An async SQLite connection; open one with :meth:`open` (or :func:`refrakt.drivers.connect_async`)."""

    paramstyle: ClassVar[ParamStyle] = "qmark"

    def __init__(self, sync: SqliteConnection, executor: ThreadPoolExecutor) -> None:
        self._sync = sync
        self._executor = executor
        self.config = sync.config

    @classmethod
    async def open(cls, config: ConnectionConfig) -> AsyncSqliteConnection:
        executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="refrakt-sqlite")
        try:
            sync = await asyncio.get_running_loop().run_in_executor(executor, SqliteConnection.open, config)
        except BaseException:
            executor.shutdown(wait=False)
            raise
        return cls(sync, executor)

    @property
    def sync(self) -> SqliteConnection:
        """The sync connection that the worker thread drives."""
        return self._sync

    async def execute(self, sql: str, params: Params = ()) -> int:
        return await asyncio.get_running_loop().run_in_executor(self._executor, self._sync.execute, sql, params)

    async def query(self, sql: str, params: Params = ()) -> QueryResult:
        return await asyncio.get_running_loop().run_in_executor(self._executor, self._sync.query, sql, params)

    async def query_typed(self, sql: str, params: Params = ()) -> TypedResult:
        return await asyncio.get_running_loop().run_in_executor(self._executor, self._sync.query_typed, sql, params)

    async def execute_script(self, sql: str) -> None:
        await asyncio.get_running_loop().run_in_executor(self._executor, self._sync.execute_script, sql)

    async def _command(self, sql: str) -> None:
        await asyncio.get_running_loop().run_in_executor(self._executor, self._sync.execute, sql, ())

    def _begin_statements(self, isolation_level: str | None) -> tuple[str, ...]:
        return self._sync._begin_statements(isolation_level)  # pyright: ignore[reportPrivateUsage]

    @property
    def in_transaction(self) -> bool:
        return self._sync.in_transaction

    @property
    def closed(self) -> bool:
        return self._sync.closed

    async def close(self) -> None:
        if self._sync.closed:
            return
        try:
            await asyncio.get_running_loop().run_in_executor(self._executor, self._sync.close)
        finally:
            self._executor.shutdown(wait=False)


def _error(config: ConnectionConfig, exc: sqlite3.Error) -> RefraktError:
    code: int | None = getattr(exc, "sqlite_errorcode", None)
    return sqlite_error(config, code, str(exc))
