"""Database errors to refrakt's error classes (sans-IO: plain codes and texts in, errors out).

The driver modules pull the code and the texts out of their driver's exception and call one
of the functions here, so that the mapping is written once per database, whatever the driver,
and tested without a server. The rules follow Prisma's engines (quaint's ``error.rs`` for
each database and the user-facing errors): codes, message texts and meta keys.
"""

from __future__ import annotations

import re

from refrakt.drivers._url import ConnectionConfig
from refrakt.errors import (
    ColumnNotFoundError,
    ForeignKeyConstraintError,
    InitializationError,
    KnownRequestError,
    NullConstraintError,
    OperationTimeoutError,
    RefraktError,
    TableNotFoundError,
    UniqueConstraintError,
    UnknownRequestError,
    ValueTooLongError,
    WriteConflictError,
)

_QUOTED = re.compile(r'"((?:[^"]|"")*)"')
_BACKTICKED = re.compile(r"`((?:[^`]|``)*)`")
_SINGLE_QUOTED = re.compile(r"'((?:[^']|'')*)'")


def _first(pattern: re.Pattern[str], text: str) -> str | None:
    m = pattern.search(text)
    return m.group(1) if m else None


def _split_columns(text: str) -> list[str]:
    return [c.strip().strip('"') for c in text.split(", ") if c.strip()]


# --- PostgreSQL ----------------------------------------------------------------------------------------


def postgres_error(
    config: ConnectionConfig,
    sqlstate: str | None,
    message: str,
    *,
    detail: str | None = None,
    column: str | None = None,
    constraint: str | None = None,
) -> RefraktError:
    """A PostgreSQL error reported by the server (``message`` is its primary text)."""
    original = message if not detail else f"{message}\nDETAIL: {detail}"
    kw = {"original_code": sqlstate, "original_message": original}
    match sqlstate:
        case "23505":
            # DETAIL: Key (a, "b")=(1, 2) already exists.
            target: list[str] | str | None = constraint
            if detail and detail.startswith("Key (") and ")=(" in detail:
                target = _split_columns(detail[len("Key (") : detail.index(")=(")])
            return UniqueConstraintError.on(target, **kw)
        case "23502":
            col = column or _first(_QUOTED, message)
            return NullConstraintError.on([col] if col else None, **kw)
        case "23503":
            if column:
                return ForeignKeyConstraintError.on([column], **kw)
            return ForeignKeyConstraintError.on(constraint or _last_quoted(message), **kw)
        case "22001":
            return ValueTooLongError.for_column(column, **kw)
        case "40001" | "40P01":
            return WriteConflictError.create(**kw)
        case "42P01":
            return TableNotFoundError.named(_first(_QUOTED, message), **kw)
        case "42703":
            # column "x" does not exist / column t.x does not exist
            name = _first(_QUOTED, message)
            if name is None and message.startswith("column "):
                name = message.split()[1]
            return ColumnNotFoundError.named(name, **kw)
        case "57P01" | "57P02" | "57P03":  # admin shutdown, crash shutdown, cannot connect now
            return connection_closed(sqlstate, original)
        case "57014" if config.socket_timeout is not None and "statement timeout" in message:
            return OperationTimeoutError.after(config.socket_timeout, message, **kw)
        case "3D000":
            return InitializationError.database_does_not_exist(
                name=_first(_QUOTED, message) or config.database, host=config.display_host, port=config.port, **kw
            )
        case "28P01":
            return InitializationError.authentication_failed(
                user=_last_quoted(message) or config.user, host=config.display_host, **kw
            )
        case "28000":
            return InitializationError.access_denied(
                user=config.user, database=f"{config.database}.{config.schema or 'public'}", **kw
            )
        case "22003":
            return _out_of_range(message, sqlstate, original)
        case _:
            return UnknownRequestError.from_database(sqlstate, original)


def connection_closed(code: str | None, message: str) -> KnownRequestError:
    """P1017: the server hung up on a connection that was open (not a failure to connect)."""
    return KnownRequestError(
        "Server has closed the connection.", code="P1017", original_code=code, original_message=message
    )


def _out_of_range(message: str, code: str | None, original: str) -> KnownRequestError:
    return KnownRequestError(
        f"Value out of range for the type. {message}",
        code="P2020",
        meta={"details": message},
        original_code=code,
        original_message=original,
    )


def _last_quoted(text: str) -> str | None:
    found = _QUOTED.findall(text)
    return found[-1] if found else None


def postgres_connect_error(config: ConnectionConfig, message: str) -> RefraktError:
    """An error while connecting, as libpq words it (there is no SQLSTATE then)."""
    kw = {"original_message": message}
    fatal = message.partition("FATAL:")[2].strip()
    if fatal:
        if "password authentication failed" in fatal:
            return InitializationError.authentication_failed(
                user=_last_quoted(fatal) or config.user, host=config.display_host, original_code="28P01", **kw
            )
        if "database" in fatal and "does not exist" in fatal:
            return InitializationError.database_does_not_exist(
                name=_first(_QUOTED, fatal) or config.database,
                host=config.display_host,
                port=config.port,
                original_code="3D000",
                **kw,
            )
        if ("role" in fatal and "does not exist" in fatal) or "no pg_hba.conf entry" in fatal:
            return InitializationError.access_denied(
                user=config.user,
                database=f"{config.database}.{config.schema or 'public'}",
                original_code="28000",
                **kw,
            )
        if "permission denied for database" in fatal:
            return InitializationError.access_denied(user=config.user, database=config.database, **kw)
    lowered = message.lower()
    if "ssl" in lowered and ("error" in lowered or "certificate" in lowered or "not support" in lowered):
        return InitializationError.tls(message, **kw)
    return InitializationError.unreachable(host=config.display_host, port=config.port, **kw)


# --- MySQL and MariaDB ---------------------------------------------------------------------------------

#: Client error numbers that mean the server could not be reached or the link broke.
MYSQL_CONNECTION_LOST = frozenset({2006, 2013, 2055})
_MYSQL_UNREACHABLE = frozenset({2002, 2003, 2005, 2006, 2013, 2055})


def mysql_error(config: ConnectionConfig, code: int | None, message: str, *, connecting: bool = False) -> RefraktError:
    """A MySQL/MariaDB error number and text (server errors and the client's 2xxx ones)."""
    kw = {"original_code": None if code is None else str(code), "original_message": message}
    match code:
        case 1062:  # Duplicate entry 'a' for key 'User_email_key' (MySQL 8: 'User.User_email_key')
            quoted = _SINGLE_QUOTED.findall(message)
            key = quoted[-1].rsplit(".", 1)[-1] if quoted else None
            return UniqueConstraintError.on(key, **kw)
        case 1451 | 1452:  # ... CONSTRAINT `x` FOREIGN KEY (`col`) REFERENCES ...
            fk = re.search(r"FOREIGN KEY \(([^)]*)\)", message)
            if fk:
                return ForeignKeyConstraintError.on(_BACKTICKED.findall(fk.group(1)) or None, **kw)
            return ForeignKeyConstraintError.on(None, **kw)
        case 1048 | 1364:  # Column 'x' cannot be null / Field 'x' doesn't have a default value
            col = _first(_SINGLE_QUOTED, message)
            return NullConstraintError.on([col] if col else None, **kw)
        case 1263:
            return NullConstraintError.on(_first(_SINGLE_QUOTED, message), **kw)
        case 1406:  # Data too long for column 'x' at row 1
            return ValueTooLongError.for_column(_first(_SINGLE_QUOTED, message), **kw)
        case 1264:
            return _out_of_range(message, str(code), message)
        case 1213 | 1020:  # deadlock / record changed since last read (MariaDB snapshot isolation)
            return WriteConflictError.create(**kw)
        case 1146:  # Table 'db.x' doesn't exist
            table = _first(_SINGLE_QUOTED, message)
            return TableNotFoundError.named(table.rsplit(".", 1)[-1] if table else None, **kw)
        case 1054:  # Unknown column 'x' in 'field list'
            return ColumnNotFoundError.named(_first(_SINGLE_QUOTED, message), **kw)
        case 1049:
            return InitializationError.database_does_not_exist(
                name=_first(_SINGLE_QUOTED, message) or config.database,
                host=config.display_host,
                port=config.port,
                **kw,
            )
        case 1045:  # Access denied for user 'x'@'host' (using password: YES)
            return InitializationError.authentication_failed(
                user=_first(_SINGLE_QUOTED, message) or config.user, host=config.display_host, **kw
            )
        case 1044:
            return InitializationError.access_denied(user=config.user, database=config.database, **kw)
        case 2026:
            return InitializationError.tls(message, **kw)
        case _ if code in _MYSQL_UNREACHABLE and (connecting or code not in MYSQL_CONNECTION_LOST):
            return InitializationError.unreachable(host=config.display_host, port=config.port, **kw)
        case 2013 if config.socket_timeout is not None and "timed out" in message:
            return OperationTimeoutError.after(config.socket_timeout, message, **kw)
        case 2006 | 2013 | 2055:
            return connection_closed(str(code), message)
        case _:
            return UnknownRequestError.from_database(None if code is None else str(code), message)


# --- SQLite --------------------------------------------------------------------------------------------


def _sqlite_columns(message: str) -> list[str] | None:
    # "UNIQUE constraint failed: User.a, User.b" -> ["a", "b"]
    _, sep, rest = message.partition(": ")
    if not sep:
        return None
    return [part.rsplit(".", 1)[-1] for part in rest.split(", ")]


def sqlite_error(config: ConnectionConfig, code: int | None, message: str) -> RefraktError:
    """An SQLite error: its extended result code (``sqlite_errorcode``) and text."""
    kw = {"original_code": None if code is None else str(code), "original_message": message}
    match code:
        case 2067 | 1555:  # SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY
            return UniqueConstraintError.on(_sqlite_columns(message), **kw)
        case 1299:  # SQLITE_CONSTRAINT_NOTNULL
            return NullConstraintError.on(_sqlite_columns(message), **kw)
        case 787 | 1811:  # SQLITE_CONSTRAINT_FOREIGNKEY, SQLITE_CONSTRAINT_TRIGGER
            return ForeignKeyConstraintError.on(None, **kw)
        case 5 | 6 | 261 | 262 | 517:  # SQLITE_BUSY, SQLITE_LOCKED and their extended codes
            return OperationTimeoutError.after(config.socket_timeout or 5.0, message, **kw)
        case 14 | 270 | 526 | 782 | 1038 | 1294:  # SQLITE_CANTOPEN*
            path = config.file_path
            return InitializationError.sqlite_file_does_not_exist(
                file_name=path.rsplit("/", 1)[-1], file_path=path, **kw
            )
        case _:
            pass
    if message.startswith("no such table: "):
        return TableNotFoundError.named(message.removeprefix("no such table: ").rsplit(".", 1)[-1], **kw)
    if message.startswith("no such column: "):
        return ColumnNotFoundError.named(message.removeprefix("no such column: "), **kw)
    if " has no column named " in message:
        return ColumnNotFoundError.named(message.rsplit(" has no column named ", 1)[-1], **kw)
    return UnknownRequestError.from_database(None if code is None else str(code), message)
