"""MySQL and MariaDB through asyncmy (the sync twin uses PyMySQL), ``%s`` placeholders.

refrakt: async-to-sync (``tools/async_to_sync.py`` writes ``_mysql.py`` from this file).

asyncmy and PyMySQL share their API (asyncmy began as an asyncio port of PyMySQL), so one
source serves both; ``bench/mysql_drivers.py`` has the numbers behind the choice. Connections
run in autocommit mode with ``utf8mb4``; TLS only when the URL asks for it, as in Prisma.
"""

from __future__ import annotations

from contextlib import suppress
from operator import itemgetter
from typing import Any, ClassVar, Final

import asyncmy

from refrakt.drivers._connection_async import AsyncConnection, ParamStyle
from refrakt.drivers._core import Params, QueryResult, mysql_begin, mysql_connect_kwargs, split_statements
from refrakt.drivers._errmap import MYSQL_CONNECTION_LOST, mysql_error
from refrakt.drivers._rawtypes import TypedResult, apply_decoders, mysql_column
from refrakt.drivers._url import ConnectionConfig
from refrakt.errors import RefraktError

_SERVER_STATUS_IN_TRANS: Final = 1
_name = itemgetter(0)  # of a cursor.description entry


class AsyncMysqlConnection(AsyncConnection):
    """A MySQL/MariaDB connection; open one with :meth:`open` (or :func:`refrakt.drivers.connect_async`)."""

    paramstyle: ClassVar[ParamStyle] = "format"

    def __init__(self, raw: asyncmy.Connection, config: ConnectionConfig) -> None:
        # The drivers' type stubs are partial: refrakt talks to them through ``Any``.
        self._raw: Any = raw
        self._cur: Any = raw.cursor()
        self._lost = False
        self.config = config

    @classmethod
    async def open(cls, config: ConnectionConfig) -> AsyncMysqlConnection:
        kwargs = mysql_connect_kwargs(config, driver=asyncmy.__name__)
        try:
            raw: Any = await asyncmy.connect(**kwargs)  # pyright: ignore[reportUnknownMemberType]
        except asyncmy.MySQLError as exc:
            raise _error(config, exc, connecting=True) from exc
        except OSError as exc:  # a timeout or a refused socket that the driver did not wrap
            raise mysql_error(config, 2003, str(exc), connecting=True) from exc
        return cls(raw, config)

    @property
    def raw(self) -> asyncmy.Connection:
        """The driver's connection underneath."""
        raw: asyncmy.Connection = self._raw
        return raw

    async def execute(self, sql: str, params: Params = ()) -> int:
        cur = self._cur
        try:
            await cur.execute(sql, params or None)
        except asyncmy.MySQLError as exc:
            raise self._error(exc) from exc
        return max(cur.rowcount, 0)

    async def query(self, sql: str, params: Params = ()) -> QueryResult:
        cur = self._cur
        try:
            await cur.execute(sql, params or None)
            rows = await cur.fetchall()
        except asyncmy.MySQLError as exc:
            raise self._error(exc) from exc
        desc = cur.description
        return ([*map(_name, desc)] if desc else []), list(rows)

    async def query_typed(self, sql: str, params: Params = ()) -> TypedResult:
        """:meth:`query`, typed by each column's definition as Prisma does (``JSON`` parsed,
        ``BIT(1)`` a boolean, ``TIME`` a time of day, binary strings bytes)."""
        cur = self._cur
        try:
            await cur.execute(sql, params or None)
            rows = list(await cur.fetchall())
        except asyncmy.MySQLError as exc:
            raise self._error(exc) from exc
        result: Any = cur._result  # the drivers keep the column definitions there only
        fields: Any = getattr(result, "fields", None) or ()
        if not fields:
            return [], [], rows
        typed = [mysql_column(f.type_code, f.flags, f.charsetnr, f.length) for f in fields]
        columns: list[str] = [f.name for f in fields]
        return columns, [t for t, _ in typed], apply_decoders(rows, [d for _, d in typed])

    async def execute_script(self, sql: str) -> None:
        # Statement by statement: multi-statement packets are off (as in Prisma), and a failing
        # statement should say which one it was.
        for statement in split_statements(sql):
            await self._command(statement)

    async def _command(self, sql: str) -> None:
        try:
            await self._cur.execute(sql)
        except asyncmy.MySQLError as exc:
            raise self._error(exc) from exc

    def _begin_statements(self, isolation_level: str | None) -> tuple[str, ...]:
        return mysql_begin(isolation_level)

    @property
    def in_transaction(self) -> bool:
        return bool(self._raw.server_status & _SERVER_STATUS_IN_TRANS)

    @property
    def closed(self) -> bool:
        if self._lost:
            return True
        if True:  # ASYNC
            return not self._raw.connected
        else:
            return not self._raw.open

    async def close(self) -> None:
        if self.closed:
            self._lost = True
            return
        self._lost = True
        with suppress(asyncmy.MySQLError, OSError):
            if True:  # ASYNC
                await self._raw.ensure_closed()
            else:
                self._raw.close()

    def _error(self, exc: asyncmy.MySQLError) -> RefraktError:
        err = _error(self.config, exc)
        if err.original_code is not None and int(err.original_code) in MYSQL_CONNECTION_LOST:
            self._lost = True
        return err


def _error(config: ConnectionConfig, exc: asyncmy.MySQLError, *, connecting: bool = False) -> RefraktError:
    args: tuple[Any, ...] = exc.args
    if len(args) >= 2 and isinstance(args[0], int):
        return mysql_error(config, args[0], str(args[1]), connecting=connecting)
    return mysql_error(config, None, str(exc), connecting=connecting)
