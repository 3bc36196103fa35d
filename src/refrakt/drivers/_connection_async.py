"""The connection interface that each database's driver implements, its transaction logic, and
:func:`connect_async`, which opens one connection whatever the database (each database's module
is imported on first use: an SQLite user never loads psycopg).

refrakt: async-to-sync (``tools/async_to_sync.py`` writes ``_connection.py`` from this file).
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from types import TracebackType
from typing import ClassVar, Literal

from refrakt.drivers._core import Params, QueryResult
from refrakt.drivers._rawtypes import TypedResult, inferred_type
from refrakt.drivers._url import ConnectionConfig, parse_url
from refrakt.errors import TransactionError

ParamStyle = Literal["qmark", "numeric_dollar", "format"]


class AsyncConnection(ABC):
    """One open database connection.

    ``execute(sql, params)`` returns the number of affected rows; ``query(sql, params)`` returns
    ``(columns, rows)`` with each row a tuple (``query_typed`` adds the columns' types, for raw
    SQL). ``sql`` uses the database's own placeholders,
    named by :attr:`paramstyle`: ``?`` (SQLite, ``"qmark"``), ``$1`` (PostgreSQL,
    ``"numeric_dollar"``), ``%s`` (MySQL, ``"format"``; with parameters a literal ``%`` is ``%%``).
    Outside :meth:`transaction` every statement commits on its own (autocommit). Database errors
    are raised as :mod:`refrakt.errors` classes with Prisma's codes.
    """

    paramstyle: ClassVar[ParamStyle]
    config: ConnectionConfig

    @abstractmethod
    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; the number of rows it changed (0 for DDL)."""

    @abstractmethod
    async def query(self, sql: str, params: Params = ()) -> QueryResult:
        """Run one statement; ``(columns, rows)``."""

    async def query_typed(self, sql: str, params: Params = ()) -> TypedResult:
        """Run one statement; ``(columns, types, rows)`` with each column's type as Prisma names
        it in raw results (``"int"``, ``"datetime"``, ``"json"``, ``"string-array"``...) and the
        values decoded by it, as Prisma's ``$queryRaw`` reads them (a ``BOOLEAN`` column's ``1`` on
        SQLite is ``True``, a MySQL ``JSON`` column is parsed); P2010 for a column type Prisma
        cannot read. The raw-query path; the query engine uses :meth:`query`, which decodes nothing.

        Here, for a connection that knows no better: the types are read from the values."""
        columns, rows = await self.query(sql, params)
        return columns, [inferred_type(rows, i) for i in range(len(columns))], rows

    @abstractmethod
    async def execute_script(self, sql: str) -> None:
        """Run several ``;``-separated statements without parameters (a migration, a seed)."""

    @abstractmethod
    async def close(self) -> None:
        """Close the connection (idempotent)."""

    @property
    @abstractmethod
    def closed(self) -> bool:
        """Closed, or broken beyond use (the pool then drops it)."""

    @property
    @abstractmethod
    def in_transaction(self) -> bool:
        """A transaction is open on the connection (begun here or by a raw ``BEGIN``)."""

    @abstractmethod
    def _begin_statements(self, isolation_level: str | None) -> tuple[str, ...]:
        """The statements that open a transaction at ``isolation_level`` on this database."""

    @abstractmethod
    async def _command(self, sql: str) -> None:
        """Run a statement that has neither parameters nor results (``BEGIN``, ``COMMIT``)."""

    # --- transactions ----------------------------------------------------------------------------------

    async def begin(self, isolation_level: str | None = None) -> None:
        """Open a transaction; ``isolation_level`` is Prisma's name (``"Serializable"``, ...)."""
        statements = self._begin_statements(isolation_level)
        if self.in_transaction:
            raise TransactionError.because("A transaction is already open on this connection.")
        for sql in statements:
            await self._command(sql)

    async def commit(self) -> None:
        if not self.in_transaction:
            raise TransactionError.because("There is no open transaction to commit.")
        await self._command("COMMIT")

    async def rollback(self) -> None:
        if not self.in_transaction:
            raise TransactionError.because("There is no open transaction to roll back.")
        await self._command("ROLLBACK")

    def transaction(self, isolation_level: str | None = None) -> AsyncTransaction:
        """``async with conn.transaction("Serializable"):`` commits on exit, rolls back on an error."""
        return AsyncTransaction(self, isolation_level)

    async def __aenter__(self) -> AsyncConnection:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    def __repr__(self) -> str:
        state = "closed" if self.closed else "in transaction" if self.in_transaction else "idle"
        return f"<{type(self).__name__} {self.config.redacted_url} {state}>"


class AsyncTransaction:
    """The context manager of :meth:`AsyncConnection.transaction`; yields the connection."""

    __slots__ = ("_conn", "_level")

    def __init__(self, conn: AsyncConnection, isolation_level: str | None) -> None:
        self._conn = conn
        self._level = isolation_level

    async def __aenter__(self) -> AsyncConnection:
        await self._conn.begin(self._level)
        return self._conn

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        conn = self._conn
        if exc_type is None:
            if conn.in_transaction:  # MySQL ends a transaction by itself at DDL (implicit commit)
                await conn.commit()
            return
        if conn.closed or not conn.in_transaction:
            return
        try:
            await conn.rollback()
        except Exception:
            # The original error matters more; a connection that cannot roll back is useless.
            await conn.close()


async def connect_async(
    url: str | ConnectionConfig, *, base_dir: str | os.PathLike[str] | None = None
) -> AsyncConnection:
    """Open a connection (no pool). ``base_dir`` anchors a relative SQLite ``file:`` path."""
    config = url if isinstance(url, ConnectionConfig) else parse_url(url, base_dir=base_dir)
    if config.provider == "postgresql":
        from refrakt.drivers._postgres_async import AsyncPostgresConnection

        return await AsyncPostgresConnection.open(config)
    if config.provider == "mysql":
        from refrakt.drivers._mysql_async import AsyncMysqlConnection

        return await AsyncMysqlConnection.open(config)
    from refrakt.drivers._sqlite import AsyncSqliteConnection

    return await AsyncSqliteConnection.open(config)
