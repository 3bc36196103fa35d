"""The sans-IO core shared by every driver: result shapes, isolation levels, the statements that
open a transaction, and each database's connection arguments computed from a
:class:`~refrakt.drivers.ConnectionConfig`. No sockets here: the connection modules do the I/O.
"""

from __future__ import annotations

import math
import ssl
from collections.abc import Mapping, Sequence
from typing import Any

from refrakt.drivers._url import ConnectionConfig
from refrakt.errors import TransactionError

Params = Sequence[Any]
Row = tuple[Any, ...]


#: What ``query`` returns: ``(columns, rows)``, the column names and the rows, each a tuple.
#: (A plain tuple: a named tuple costs more to build than a round trip to SQLite.)
QueryResult = tuple[list[str], list[Row]]


#: Prisma's isolation level names (``isolation_level="Serializable"``) and their SQL.
ISOLATION_LEVELS: Mapping[str, str] = {
    "ReadUncommitted": "READ UNCOMMITTED",
    "ReadCommitted": "READ COMMITTED",
    "RepeatableRead": "REPEATABLE READ",
    "Snapshot": "SNAPSHOT",
    "Serializable": "SERIALIZABLE",
}
_BY_KEY = {name.lower(): name for name in ISOLATION_LEVELS}


def isolation_level_name(level: str) -> str:
    """Prisma's name of an isolation level given as ``"ReadCommitted"``, ``"read committed"``,
    ``"READ_COMMITTED"``...; P2028 for anything else."""
    key = level.replace(" ", "").replace("_", "").replace("-", "").lower()
    name = _BY_KEY.get(key)
    if name is None:
        raise TransactionError.because(
            f"Invalid isolation level `{level}`: expected one of {', '.join(ISOLATION_LEVELS)}."
        )
    return name


def _unsupported(level: str, database: str, supported: Sequence[str]) -> TransactionError:
    return TransactionError.because(
        f"The isolation level `{level}` is not supported by {database}: use one of {', '.join(supported)}."
    )


def postgres_begin(level: str | None) -> tuple[str, ...]:
    if level is None:
        return ("BEGIN",)
    name = isolation_level_name(level)
    if name == "Snapshot":
        raise _unsupported(name, "PostgreSQL", [n for n in ISOLATION_LEVELS if n != "Snapshot"])
    return (f"BEGIN ISOLATION LEVEL {ISOLATION_LEVELS[name]}",)


def mysql_begin(level: str | None) -> tuple[str, ...]:
    """MySQL sets the level of the next transaction before it starts (Prisma does the same)."""
    if level is None:
        return ("BEGIN",)
    name = isolation_level_name(level)
    if name == "Snapshot":
        raise _unsupported(name, "MySQL", [n for n in ISOLATION_LEVELS if n != "Snapshot"])
    return (f"SET TRANSACTION ISOLATION LEVEL {ISOLATION_LEVELS[name]}", "BEGIN")


def sqlite_begin(level: str | None) -> tuple[str, ...]:
    """SQLite transactions are serializable. ``BEGIN IMMEDIATE`` takes the write lock at once, so
    two transactions of one pool wait for each other (``socket_timeout``, the busy timeout)
    instead of failing when a reader turns writer."""
    if level is not None:
        name = isolation_level_name(level)
        if name != "Serializable":
            raise _unsupported(name, "SQLite", ["Serializable"])
    return ("BEGIN IMMEDIATE",)


# --- connection arguments ------------------------------------------------------------------------------


def _whole_seconds(seconds: float | None) -> int | None:
    return None if seconds is None else max(1, math.ceil(seconds))


def _pg_option_value(value: str) -> str:
    # libpq splits ``options`` on spaces; a backslash escapes a space or a backslash.
    return value.replace("\\", "\\\\").replace(" ", "\\ ")


def postgres_quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def postgres_connect_kwargs(config: ConnectionConfig) -> dict[str, Any]:
    """libpq parameters for psycopg's ``connect`` (autocommit, prepared statements, search_path)."""
    kw: dict[str, Any] = {
        "host": config.socket or config.host,
        "port": config.port,
        "dbname": config.database,
        "autocommit": True,
        "client_encoding": "utf8",
    }
    if config.user:
        kw["user"] = config.user
    if config.password is not None:
        kw["password"] = config.password
    timeout = _whole_seconds(config.connect_timeout)
    if timeout is not None:
        kw["connect_timeout"] = max(2, timeout)  # libpq's minimum
    if config.sslmode is not None:
        kw["sslmode"] = config.sslmode
    if config.sslcert is not None:  # Prisma's sslcert is the server's root certificate
        kw["sslrootcert"] = config.sslcert
        if config.sslaccept == "strict" and config.sslmode in (None, "prefer", "require"):
            kw["sslmode"] = "verify-full"
    if config.application_name is not None:
        kw["application_name"] = config.application_name
    if config.pgbouncer or config.params.get("statement_cache_size") == "0":
        # PgBouncer in transaction mode cannot keep server-side prepared statements.
        kw["prepare_threshold"] = None
    options: list[str] = []
    if not config.pgbouncer:  # PgBouncer refuses start-up options: see postgres_setup_statements
        if config.schema is not None:
            options.append("-c search_path=" + _pg_option_value(postgres_quote_ident(config.schema)))
        if config.socket_timeout is not None:
            options.append(f"-c statement_timeout={round(config.socket_timeout * 1000)}")
    if extra := config.params.get("options"):
        options.append(extra)
    if options:
        kw["options"] = " ".join(options)
    return kw


def postgres_setup_statements(config: ConnectionConfig) -> tuple[str, ...]:
    """Statements to run after connecting: only behind PgBouncer, where start-up options fail."""
    if not config.pgbouncer:
        return ()
    out: list[str] = []
    if config.schema is not None:
        out.append(f"SET search_path TO {postgres_quote_ident(config.schema)}")
    if config.socket_timeout is not None:
        out.append(f"SET statement_timeout = {round(config.socket_timeout * 1000)}")
    return tuple(out)


def mysql_ssl_context(config: ConnectionConfig) -> ssl.SSLContext | None:
    """TLS as Prisma does it for MySQL: on when ``sslcert``/``sslidentity``/``sslaccept`` is given;
    certificates are checked only with ``sslaccept=strict``."""
    if config.sslcert is None and config.sslidentity is None and config.sslaccept is None:
        return None
    ctx = ssl.create_default_context(cafile=config.sslcert)
    if config.sslaccept != "strict":
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
    return ctx


def mysql_connect_kwargs(config: ConnectionConfig, *, driver: str) -> dict[str, Any]:
    """Arguments of ``connect`` for ``driver``, ``"asyncmy"`` or ``"pymysql"``."""
    kw: dict[str, Any] = {
        "user": config.user or "root",
        "password": config.password or "",
        "database": config.database,
        "autocommit": True,
        "charset": "utf8mb4",
        "connect_timeout": config.connect_timeout or 31536000,  # the drivers' maximum: no timeout
    }
    if config.socket is not None:
        kw["unix_socket"] = config.socket
    else:
        kw["host"] = config.host
        kw["port"] = config.port
    if config.socket_timeout is not None:
        kw["read_timeout"] = config.socket_timeout
    ctx = mysql_ssl_context(config)
    if ctx is not None:
        kw["ssl"] = ctx
    if driver == "pymysql":
        kw["write_timeout"] = kw.get("read_timeout")
        kw["ssl_disabled"] = ctx is None  # else PyMySQL tries TLS first, where Prisma does not
    return kw


def split_statements(sql: str) -> list[str]:
    """Split a script on the ``;`` that end statements (not those in quotes or comments);
    comments are dropped, except MySQL's executable ``/*! ... */`` ones."""
    out: list[str] = []
    buf: list[str] = []
    quote: str | None = None
    i, n = 0, len(sql)
    while i < n:
        ch = sql[i]
        if quote is not None:
            buf.append(ch)
            if ch == "\\" and quote != "`" and i + 1 < n:
                buf.append(sql[i + 1])
                i += 1
            elif ch == quote:
                quote = None
        elif ch in "'\"`":
            quote = ch
            buf.append(ch)
        elif (ch == "-" and sql.startswith("--", i)) or ch == "#":
            end = sql.find("\n", i)
            i = n if end < 0 else end
            continue
        elif ch == "/" and sql.startswith("/*", i) and not sql.startswith("/*!", i):
            end = sql.find("*/", i + 2)
            i = n if end < 0 else end + 2
            continue
        elif ch == ";":
            if "".join(buf).strip():
                out.append("".join(buf).strip())
            buf = []
        else:
            buf.append(ch)
        i += 1
    if "".join(buf).strip():
        out.append("".join(buf).strip())
    return out
