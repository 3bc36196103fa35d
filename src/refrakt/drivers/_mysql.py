# WARNING: generated from _mysql_async.py by tools/async_to_sync.py: edit that file.
"""MySQL and MariaDB through asyncmy (the sync twin uses PyMySQL), ``%s`` placeholders.

Generated from ``_mysql_async.py`` by ``tools/async_to_sync.py``: edit that file, not this one.

asyncmy and PyMySQL share their API (asyncmy began as an asyncio port of PyMySQL), so one
source serves both; ``bench/mysql_drivers.py`` has the numbers behind the choice. Connections
run in autocommit mode with ``utf8mb4``; TLS only when the URL asks for it, as in Prisma.
"""

from __future__ import annotations

from contextlib import suppress
from operator import itemgetter
from typing import Any, ClassVar, Final

import pymysql

from refrakt.drivers._connection import Connection, ParamStyle
from refrakt.drivers._core import Params, QueryResult, mysql_begin, mysql_connect_kwargs, split_statements
from refrakt.drivers._errmap import MYSQL_CONNECTION_LOST, mysql_error
from refrakt.drivers._rawtypes import TypedResult, apply_decoders, mysql_column
from refrakt.drivers._url import ConnectionConfig
from refrakt.errors import RefraktError

_SERVER_STATUS_IN_TRANS: Final = 1
_name = itemgetter(0)  # of a cursor.description entry


class MysqlConnection(Connection):
    """A MySQL/MariaDB connection; open one with :meth:`open` (or :func:`refrakt.drivers.connect`)."""

    paramstyle: ClassVar[ParamStyle] = "format"

    def __init__(self, raw: pymysql.Connection, config: ConnectionConfig) -> None:
        # The drivers' type stubs are partial: refrakt talks to them through ``Any``.
        self._raw: Any = raw
        self._cur: Any = raw.cursor()
        self._lost = False
        self.config = config

    @classmethod
    def open(cls, config: ConnectionConfig) -> MysqlConnection:
        kwargs = mysql_connect_kwargs(config, driver=pymysql.__name__)
        try:
            raw: Any = pymysql.connect(**kwargs)  # pyright: ignore[reportUnknownMemberType]
        except pymysql.MySQLError as exc:
            raise _error(config, exc, connecting=True) from exc
        except OSError as exc:  # a timeout or a refused socket that the driver did not wrap
            raise mysql_error(config, 2003, str(exc), connecting=True) from exc
        return cls(raw, config)

    @property
    def raw(self) -> pymysql.Connection:
        """The driver's connection underneath."""
        raw: pymysql.Connection = self._raw
        return raw

    def execute(self, sql: str, params: Params = ()) -> int:
        cur = self._cur
        try:
            cur.execute(sql, params or None)
        except pymysql.MySQLError as exc:
            raise self._error(exc) from exc
        return max(cur.rowcount, 0)

    def query(self, sql: str, params: Params = ()) -> QueryResult:
        cur = self._cur
        try:
            cur.execute(sql, params or None)
            rows = cur.fetchall()
        except pymysql.MySQLError as exc:
            raise self._error(exc) from exc
        desc = cur.description
        return ([*map(_name, desc)] if desc else []), list(rows)

    def query_typed(self, sql: str, params: Params = ()) -> TypedResult:
        """:meth:`query`, typed by each column's definition as Prisma does (``JSON`` parsed,
        ``BIT(1)`` a boolean, ``TIME`` a time of day, binary strings bytes)."""
        cur = self._cur
        try:
            cur.execute(sql, params or None)
            rows = list(cur.fetchall())
        except pymysql.MySQLError as exc:
            raise self._error(exc) from exc
        result: Any = cur._result  # the drivers keep the column definitions there only
        fields: Any = getattr(result, "fields", None) or ()
        if not fields:
            return [], [], rows
        typed = [mysql_column(f.type_code, f.flags, f.charsetnr, f.length) for f in fields]
        columns: list[str] = [f.name for f in fields]
        return columns, [t for t, _ in typed], apply_decoders(rows, [d for _, d in typed])

    def execute_script(self, sql: str) -> None:
        # Statement by statement: multi-statement packets are off (as in Prisma), and a failing
        # statement should say which one it was.
        for statement in split_statements(sql):
            self._command(statement)

    def _command(self, sql: str) -> None:
        try:
            self._cur.execute(sql)
        except pymysql.MySQLError as exc:
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
        return not self._raw.open

    def close(self) -> None:
        if self.closed:
            self._lost = True
            return
        self._lost = True
        with suppress(pymysql.MySQLError, OSError):
            self._raw.close()

    def _error(self, exc: pymysql.MySQLError) -> RefraktError:
        err = _error(self.config, exc)
        if err.original_code is not None and int(err.original_code) in MYSQL_CONNECTION_LOST:
            self._lost = True
        return err


def _error(config: ConnectionConfig, exc: pymysql.MySQLError, *, connecting: bool = False) -> RefraktError:
    args: tuple[Any, ...] = exc.args
    if len(args) >= 2 and isinstance(args[0], int):
        return mysql_error(config, args[0], str(args[1]), connecting=connecting)
    return mysql_error(config, None, str(exc), connecting=connecting)
