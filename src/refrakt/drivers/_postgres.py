# WARNING: generated from _postgres_async.py by tools/async_to_sync.py: edit that file.
"""PostgreSQL through psycopg 3 (``psycopg.Connection``), ``$1`` placeholders.

Generated from ``_postgres_async.py`` by ``tools/async_to_sync.py``: edit that file, not this one.

One connection keeps one raw cursor (``RawCursor``: PostgreSQL's own ``$1`` placeholders,
no query rewriting) and reuses it for every statement. psycopg prepares a statement on the
server after it has run a few times (``prepare_threshold``); ``pgbouncer=true`` turns that off.
The URL's ``schema`` becomes the ``search_path`` through a start-up option (no extra round trip).
"""

from __future__ import annotations

from typing import Any, ClassVar, Final

import psycopg
from psycopg import pq

from refrakt.drivers._connection import Connection, ParamStyle
from refrakt.drivers._core import (
    Params,
    QueryResult,
    postgres_begin,
    postgres_connect_kwargs,
    postgres_setup_statements,
)
from refrakt.drivers._errmap import connection_closed, postgres_connect_error, postgres_error
from refrakt.drivers._rawtypes import (
    POSTGRES_TYPES_QUERY,
    PgTypeInfo,
    TypedResult,
    apply_decoders,
    postgres_column,
    postgres_unknown_oids,
)
from refrakt.drivers._url import ConnectionConfig
from refrakt.errors import RefraktError, UnknownRequestError

_IDLE: Final = pq.TransactionStatus.IDLE
_UNKNOWN: Final = pq.TransactionStatus.UNKNOWN

RawConnection = psycopg.Connection[tuple[Any, ...]]


class PostgresConnection(Connection):
    """A PostgreSQL connection; open one with :meth:`open` (or :func:`refrakt.drivers.connect`)."""

    paramstyle: ClassVar[ParamStyle] = "numeric_dollar"

    def __init__(self, raw: RawConnection, config: ConnectionConfig) -> None:
        self._raw = raw
        self._cur = psycopg.RawCursor(raw)
        self._types: dict[int, PgTypeInfo] = {}  # the catalog's word on types missing from the tables
        self.config = config

    @classmethod
    def open(cls, config: ConnectionConfig) -> PostgresConnection:
        try:
            raw = psycopg.Connection.connect(**postgres_connect_kwargs(config))
        except psycopg.Error as exc:
            raise _connect_error(config, exc) from exc
        conn = cls(raw, config)
        for sql in postgres_setup_statements(config):
            conn._command(sql)
        return conn

    @property
    def raw(self) -> RawConnection:
        """The psycopg connection underneath."""
        return self._raw

    def execute(self, sql: str, params: Params = ()) -> int:
        cur = self._cur
        try:
            cur.execute(sql, params)  # pyright: ignore[reportArgumentType]
        except psycopg.Error as exc:
            raise self._error(exc) from exc
        return max(cur.rowcount, 0)

    def query(self, sql: str, params: Params = ()) -> QueryResult:
        cur = self._cur
        try:
            cur.execute(sql, params)  # pyright: ignore[reportArgumentType]
            res = cur.pgresult
            if res is None or not res.nfields:
                return [], []
            rows = cur.fetchall()
        except psycopg.Error as exc:
            raise self._error(exc) from exc
        # From the result's own field names: psycopg's ``description`` builds objects (~5x slower).
        return [(res.fname(i) or b"").decode() for i in range(res.nfields)], rows

    def query_typed(self, sql: str, params: Params = ()) -> TypedResult:
        """:meth:`query`, typed by each column's type OID as Prisma does; P2010 for a type Prisma
        cannot read (``point``, ``interval``, ``void``...). Types created in the database (enums,
        extensions') are looked up in the catalog once per connection."""
        cur = self._cur
        try:
            cur.execute(sql, params)  # pyright: ignore[reportArgumentType]
            res = cur.pgresult
            if res is None or not res.nfields:
                return [], [], []
            rows = cur.fetchall()
        except psycopg.Error as exc:
            raise self._error(exc) from exc
        n = res.nfields
        columns = [(res.fname(i) or b"").decode() for i in range(n)]
        oids = [res.ftype(i) for i in range(n)]
        missing = [oid for oid in postgres_unknown_oids(oids) if oid not in self._types]
        if missing:
            self._load_types(missing)
        typed = [postgres_column(oid, self._types) for oid in oids]
        return columns, [t for t, _ in typed], apply_decoders(rows, [d for _, d in typed])

    def _load_types(self, oids: list[int]) -> None:
        cur = self._cur
        try:
            cur.execute(POSTGRES_TYPES_QUERY, [oids])  # pyright: ignore[reportArgumentType]
            found = cur.fetchall()
        except psycopg.Error as exc:
            raise self._error(exc) from exc
        for oid, name, is_array, is_enum in found:
            self._types[int(oid)] = (str(name), bool(is_array), bool(is_enum))

    def execute_script(self, sql: str) -> None:
        try:
            self._raw.execute(sql, prepare=False)  # pyright: ignore[reportArgumentType, reportCallIssue]  # no parameters: the simple query protocol
        except psycopg.Error as exc:
            raise self._error(exc) from exc

    def _command(self, sql: str) -> None:
        try:
            self._cur.execute(sql, prepare=False)  # pyright: ignore[reportArgumentType, reportCallIssue]
        except psycopg.Error as exc:
            raise self._error(exc) from exc

    def _begin_statements(self, isolation_level: str | None) -> tuple[str, ...]:
        return postgres_begin(isolation_level)

    @property
    def in_transaction(self) -> bool:
        return self._raw.pgconn.transaction_status not in (_IDLE, _UNKNOWN)

    @property
    def closed(self) -> bool:
        return self._raw.closed or self._raw.broken

    def close(self) -> None:
        if not self._raw.closed:
            self._raw.close()

    def _error(self, exc: psycopg.Error) -> RefraktError:
        diag = exc.diag
        if exc.sqlstate is None:
            if self._raw.broken or self._raw.closed:
                return connection_closed(None, str(exc))
            return UnknownRequestError.from_database(None, str(exc))
        return postgres_error(
            self.config,
            exc.sqlstate,
            diag.message_primary or str(exc),
            detail=diag.message_detail,
            column=diag.column_name,
            constraint=diag.constraint_name,
        )


def _connect_error(config: ConnectionConfig, exc: psycopg.Error) -> RefraktError:
    if exc.sqlstate is not None:
        return postgres_error(config, exc.sqlstate, exc.diag.message_primary or str(exc))
    return postgres_connect_error(config, str(exc))
