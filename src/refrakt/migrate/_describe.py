# WARNING: generated from _describe_async.py by tools/async_to_sync.py: edit that file.
"""``describe``: read a live database's catalogue into a :class:`SqlSchema`.

Generated from ``_describe_async.py`` by ``tools/async_to_sync.py``: edit that file, not this one.

The queries and the rules that turn their rows into a schema are in
``refrakt.migrate.describers.{sqlite,postgres,mysql}`` (pure, testable without a server);
this module only runs them. :func:`refrakt.migrate.describers.comparable` puts a described
schema and a calculated one in the form in which they compare equal.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from refrakt.drivers import Connection, connect
from refrakt.drivers._core import Row
from refrakt.migrate._schema import SqlSchema
from refrakt.migrate.describers import mysql, postgres, sqlite
from refrakt.migrate.describers._common import Query
from refrakt.migrate.flavours import get_flavour


def describe(conn: Connection, flavour: str, *, namespaces: Sequence[str] | None = None) -> SqlSchema:
    """The schema of the database ``conn`` is connected to.

    ``flavour`` is ``sqlite``, ``postgresql`` (``postgres``) or ``mysql`` (MariaDB included).
    PostgreSQL reads the ``namespaces`` given (then tables, enums and foreign keys carry their
    namespace, as in the schema of a multi-schema data model), by default the connection's
    schema (the URL's ``?schema=``, else the server's ``current_schema()``; then they carry
    none). The other databases read the connection's database and ignore ``namespaces``. An
    unknown ``flavour``, or one that is not the connection's, is a ``ValueError`` (nothing is
    queried).
    """
    name = get_flavour(flavour).NAME
    connected = get_flavour(conn.config.provider).NAME
    if name != connected:
        raise ValueError(f"describe({flavour!r}) on a {conn.config.provider} connection: the flavours differ")
    if name == "sqlite":
        return sqlite.build(_run(conn, sqlite.queries()))
    if name == "postgres":
        qualified = namespaces is not None
        if namespaces is None and conn.config.schema:
            namespaces = [conn.config.schema]
        elif namespaces is None:
            _, rows = conn.query(*postgres.CURRENT_SCHEMA)
            namespaces = [rows[0][0]] if rows and rows[0][0] else ["public"]
        return postgres.build(_run(conn, postgres.queries(list(namespaces))), qualified=qualified)
    _, rows = conn.query(*mysql.VERSION)
    mariadb = "mariadb" in str(rows[0][0]).lower() if rows else False
    return mysql.build(_run(conn, mysql.queries(mariadb=mariadb)), mariadb=mariadb)


def describe_url(
    url: str, *, namespaces: Sequence[str] | None = None, base_dir: str | os.PathLike[str] | None = None
) -> SqlSchema:
    """:func:`describe` on a connection to ``url`` (a Prisma URL), opened and closed here.

    ``base_dir`` anchors a relative SQLite ``file:`` path (Prisma: the schema file's folder).
    """
    conn = connect(url, base_dir=base_dir)
    try:
        return describe(conn, conn.config.provider, namespaces=namespaces)
    finally:
        conn.close()


def _run(conn: Connection, queries: dict[str, Query]) -> dict[str, list[Row]]:
    found: dict[str, list[Row]] = {}
    for key, (sql, params) in queries.items():
        _, rows = conn.query(sql, params)
        found[key] = rows
    return found
