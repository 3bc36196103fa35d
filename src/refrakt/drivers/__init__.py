"""Connections, pools and transactions for SQLite, PostgreSQL and MySQL/MariaDB.

This is refrakt's only package that talks to databases; everything above it hands it
``(sql, params)`` and gets back ``(columns, rows)`` or a row count; raw SQL gets
``(columns, types, rows)`` from ``query_typed``, typed by the database's column types as Prisma
types ``$queryRaw`` results.

::

    from refrakt.drivers import Pool, AsyncPool, connect, connect_async, parse_url

    with Pool("postgresql://postgres@127.0.0.1:5432/app?schema=shop&connection_limit=5") as pool:
        pool.open()                                   # fails now on a wrong password, host, database
        with pool.transaction("Serializable") as tx:  # commit on exit, rollback on an error
            tx.execute('UPDATE "User" SET name = $1 WHERE id = $2', ["Ann", 1])
        columns, rows = pool.query('SELECT id, name FROM "User"')

    async with AsyncPool("file:./dev.db", base_dir="prisma") as pool:
        n = await pool.execute("DELETE FROM User WHERE id = ?", [1])

- URLs are Prisma's (:func:`parse_url`, :class:`ConnectionConfig`), and so are the pool's
  parameters: ``connection_limit`` (``cpu_count * 2 + 1``), ``pool_timeout`` (10 s; then
  :class:`~refrakt.errors.PoolTimeoutError` P2024), ``connect_timeout``, ``socket_timeout``,
  ``schema`` (the PostgreSQL ``search_path``), ``pgbouncer=true`` (no server-side prepared
  statements), ``sslmode``/``sslcert``/``sslaccept``.
- Placeholders are each database's own (:attr:`Connection.paramstyle`): ``?`` on SQLite,
  ``$1`` on PostgreSQL, ``%s`` on MySQL.
- Errors are :mod:`refrakt.errors` classes with Prisma's codes: P1000/P1001/P1003 on connecting
  (naming host, port and database), P2002 unique, P2003 foreign key, P2011 not null, P2000 value
  too long, P2034 write conflict or deadlock, P2021/P2022 missing table/column.
- Drivers: ``sqlite3`` (async: the same on a worker thread), psycopg 3, asyncmy (async) and
  PyMySQL (sync). The sync modules ``_connection``, ``_pool``, ``_postgres`` and ``_mysql`` are
  generated from their ``*_async`` twins by ``tools/async_to_sync.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from refrakt.drivers._connection import Connection, Transaction, connect
from refrakt.drivers._connection_async import AsyncConnection, AsyncTransaction, ParamStyle, connect_async
from refrakt.drivers._core import ISOLATION_LEVELS, Params, QueryResult, Row
from refrakt.drivers._pool import Pool
from refrakt.drivers._pool_async import AsyncPool
from refrakt.drivers._rawtypes import TypedResult
from refrakt.drivers._url import ConnectionConfig, Provider, default_connection_limit, parse_url, redact_url

if TYPE_CHECKING:
    from refrakt.drivers._mysql import MysqlConnection
    from refrakt.drivers._mysql_async import AsyncMysqlConnection
    from refrakt.drivers._postgres import PostgresConnection
    from refrakt.drivers._postgres_async import AsyncPostgresConnection
    from refrakt.drivers._sqlite import AsyncSqliteConnection, SqliteConnection

__all__ = [
    "ISOLATION_LEVELS",
    "AsyncConnection",
    "AsyncMysqlConnection",
    "AsyncPool",
    "AsyncPostgresConnection",
    "AsyncSqliteConnection",
    "AsyncTransaction",
    "Connection",
    "ConnectionConfig",
    "MysqlConnection",
    "ParamStyle",
    "Params",
    "Pool",
    "PostgresConnection",
    "Provider",
    "QueryResult",
    "Row",
    "SqliteConnection",
    "Transaction",
    "TypedResult",
    "connect",
    "connect_async",
    "default_connection_limit",
    "parse_url",
    "redact_url",
]

# The per-database classes load their driver (psycopg, asyncmy, PyMySQL) on first use only.
_LAZY = {
    "MysqlConnection": "refrakt.drivers._mysql",
    "AsyncMysqlConnection": "refrakt.drivers._mysql_async",
    "PostgresConnection": "refrakt.drivers._postgres",
    "AsyncPostgresConnection": "refrakt.drivers._postgres_async",
    "SqliteConnection": "refrakt.drivers._sqlite",
    "AsyncSqliteConnection": "refrakt.drivers._sqlite",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
