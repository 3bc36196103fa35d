"""Raw SQL (API.md §5), the pure part: statements for the driver, results and errors for the user.

- ``query_raw(sql, *params)`` / ``execute_raw``: ``$1 … $n`` placeholders on every database (or a
  :data:`refrakt.sql` fragment, or a t-string), translated to the driver's style.
- ``query_raw_unsafe`` / ``execute_raw_unsafe``: the text goes to the database as it is, with the
  database's own placeholders as Prisma's ``$queryRawUnsafe`` takes them: ``?`` on SQLite and
  MySQL (``%s`` for the MySQL driver, translated here), ``$1`` on PostgreSQL.
- A parameter count that does not fit the placeholders is Prisma's P1016; a database error is
  Prisma's P2010 (:class:`~refrakt.errors.RawQueryError`) with the database's code and message in
  ``meta``.
- Parameters are adapted the way Prisma binds them (a dict is JSON text; on SQLite a DateTime is
  milliseconds since the epoch and a Decimal its text). Results are typed by the database's column
  types as Prisma types ``$queryRaw`` results (the driver's ``query_typed``, tables in
  :mod:`refrakt.drivers._rawtypes`): on SQLite by declared type (``BOOLEAN`` -> ``bool``,
  ``DATETIME`` milliseconds or text -> ``datetime``, ``DECIMAL`` -> ``Decimal``, ``JSONB`` parsed),
  on MySQL by column definition (``JSON`` parsed, ``BIT(1)`` -> ``bool``, ``TIME`` -> ``time``), on
  PostgreSQL by type OID (``money`` -> ``Decimal``, enum arrays as lists; P2010 "Failed to
  deserialize column of type 'point'" for a type Prisma cannot read). :func:`decode_rows` then
  gives API.md §4's Python values: DateTime as an aware UTC ``datetime``, UUIDs and network
  addresses as ``str``, bytes as ``bytes``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from ipaddress import IPv4Address, IPv4Interface, IPv4Network, IPv6Address, IPv6Interface, IPv6Network
from typing import Any, Final

from refrakt._fragments import Sql, TemplateLike, sql
from refrakt._markers import NullMarker
from refrakt._sql import (
    Dialect,
    ParamStyle,
    get_dialect,
    translate_qmark_placeholders,
    translate_raw_placeholders,
)
from refrakt.drivers import QueryResult
from refrakt.errors import (
    KnownRequestError,
    PoolTimeoutError,
    RawQueryError,
    RefraktError,
    TransactionError,
    UnknownRequestError,
)

__all__ = ["RawStatement", "decode_rows", "dialect_name", "prepare_raw", "wrap_raw_error"]

#: refrakt's provider names -> the SQL layer's (and the engine's) dialect names.
_DIALECT_NAMES: Final = {"sqlite": "sqlite", "postgresql": "postgres", "postgres": "postgres", "mysql": "mysql"}


def dialect_name(provider: str) -> str:
    """``"postgresql"`` -> ``"postgres"``: the dialect name the SQL layer and the engine take."""
    try:
        return _DIALECT_NAMES[provider]
    except KeyError:
        raise ValueError(f"unsupported provider {provider!r}: expected sqlite, postgresql or mysql") from None


@dataclass(frozen=True, slots=True)
class RawStatement:
    """A raw statement ready for ``conn.query``/``conn.execute``."""

    sql: str
    params: tuple[Any, ...]


def parameter_count_error(expected: int, actual: int) -> KnownRequestError:
    """Prisma's P1016."""
    return KnownRequestError(
        f"Your raw query had an incorrect number of parameters. Expected: `{expected}`, actual: `{actual}`.",
        code="P1016",
        meta={"expected": expected, "actual": actual},
    )


def prepare_raw(dialect: Dialect, query: object, params: Sequence[Any], *, unsafe: bool, method: str) -> RawStatement:
    """The statement of ``db.<method>(query, *params)`` for ``dialect``'s driver."""
    if unsafe:
        if not isinstance(query, str):
            raise TypeError(
                f"{method}() takes SQL text; pass refrakt.sql fragments to {method.removesuffix('_unsafe')}()"
            )
        return _prepare_unsafe(dialect, query, params)
    if isinstance(query, str):
        text = query
    else:
        if not isinstance(query, Sql) and isinstance(query, TemplateLike):  # a t-string
            query = sql(query)
        if not isinstance(query, Sql):
            raise TypeError(f"{method}() takes SQL text or a refrakt.sql fragment, not {type(query).__name__}")
        if params:
            raise TypeError(f"{method}(fragment) takes no other parameters: the fragment holds its values")
        text, params = query.text, query.values
    translated, order = _translate(text, dialect.NAME, dialect.param_style)
    expected = max(order) + 1 if order else 0
    if expected != len(params):
        raise parameter_count_error(expected, len(params))
    if not params:  # nothing to bind: the text goes as written (no `%` doubling for MySQL)
        return RawStatement(text, ())
    adapt = _ADAPTERS[dialect.NAME]
    return RawStatement(translated, tuple(adapt(params[i]) for i in order))


@lru_cache(maxsize=1024)
def _translate(text: str, name: str, style: ParamStyle) -> tuple[str, tuple[int, ...]]:
    """:func:`translate_raw_placeholders`, remembered per text (the lexer runs in Python)."""
    return translate_raw_placeholders(text, get_dialect(name, param_style=style))


@lru_cache(maxsize=1024)
def _translate_qmark(text: str, name: str, style: ParamStyle) -> tuple[str, int]:
    return translate_qmark_placeholders(text, get_dialect(name, param_style=style))


def _prepare_unsafe(dialect: Dialect, text: str, params: Sequence[Any]) -> RawStatement:
    adapt = _ADAPTERS[dialect.NAME]
    if dialect.param_style == "numeric_dollar":
        _, order = _translate(text, dialect.NAME, dialect.param_style)
        if len(order) != len(params):
            raise parameter_count_error(len(order), len(params))
        return RawStatement(text, tuple(adapt(p) for p in params))
    if dialect.param_style == "format":  # the user writes `?`, the driver takes `%s`
        translated, count = _translate_qmark(text, dialect.NAME, dialect.param_style)
        if count != len(params):
            raise parameter_count_error(count, len(params))
        return RawStatement(translated if params else text, tuple(adapt(p) for p in params))
    # SQLite takes `?`, `?NNN`, `:name`, `$name` itself; it reports a wrong count (see wrap_raw_error).
    return RawStatement(text, tuple(adapt(p) for p in params))


# --- parameters ----------------------------------------------------------------------------------------


def _json_text(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), default=str)


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _adapt_common(value: Any) -> Any:
    if isinstance(value, Mapping):
        return _json_text(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, NullMarker):
        return None if value is NullMarker.DbNull else "null"
    return value


def _adapt_postgres(value: Any) -> Any:
    if isinstance(value, list):
        items: list[Any] = [_adapt_postgres(v) for v in value]  # pyright: ignore[reportUnknownVariableType]
        kinds: set[type] = {type(v) for v in items if v is not None}
        if kinds == {int, float}:  # one array type for both, as Prisma binds them: float8[]
            return [None if v is None else float(v) for v in items]
        return items
    return _adapt_common(value)


def _adapt_mysql(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return _utc(value).replace(tzinfo=None)
    return _adapt_common(value)


def _adapt_sqlite(value: Any) -> Any:
    if isinstance(value, bool | int | float | str | bytes) or value is None:
        return value
    if isinstance(value, dt.datetime):  # as Prisma binds a DateTime on SQLite
        return int(_utc(value).timestamp() * 1000)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list):
        return _json_text(value)
    return _adapt_common(value)


_ADAPTERS: Final[Mapping[str, Callable[[Any], Any]]] = {
    "postgres": _adapt_postgres,
    "mysql": _adapt_mysql,
    "sqlite": _adapt_sqlite,
}


# --- results -------------------------------------------------------------------------------------------

_PLAIN: Final = frozenset({int, str, float, bool, type(None), Decimal, bytes, dict})
_AS_TEXT: Final = (uuid.UUID, IPv4Address, IPv6Address, IPv4Interface, IPv6Interface, IPv4Network, IPv6Network)


def _decode(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return _utc(value)
    if isinstance(value, list):
        items: list[Any] = value  # pyright: ignore[reportUnknownVariableType]
        return [v if type(v) in _PLAIN else _decode(v) for v in items]
    if isinstance(value, _AS_TEXT):
        return str(value)  # pyright: ignore[reportUnknownArgumentType]
    if isinstance(value, memoryview | bytearray):
        data: memoryview | bytearray = value  # pyright: ignore[reportUnknownVariableType]
        return bytes(data)
    return value


def decode_rows(result: QueryResult) -> list[dict[str, Any]]:
    """``(columns, rows)`` as a list of dicts, values decoded to API.md §4's Python types."""
    columns, rows = result
    out: list[dict[str, Any]] = []
    plain = _PLAIN
    for row in rows:
        if all(type(v) in plain for v in row):
            out.append(dict(zip(columns, row, strict=False)))
        else:
            out.append(dict(zip(columns, [v if type(v) in plain else _decode(v) for v in row], strict=False)))
    return out


# --- errors --------------------------------------------------------------------------------------------

_SQLITE_BINDINGS = re.compile(
    r"Incorrect number of bindings supplied\. The current statement uses (\d+), and there are (\d+) supplied"
)
_NOT_WRAPPED = (PoolTimeoutError, TransactionError, RawQueryError)


def wrap_raw_error(error: RefraktError) -> RefraktError:
    """The error Prisma reports for a raw query: P2010 with the database's code and message for
    a database error (P1016 for a wrong parameter count); others (P1001, P2024, P2028) as they are."""
    if isinstance(error, _NOT_WRAPPED) or error.code == "P1016":
        return error
    if not isinstance(error, KnownRequestError | UnknownRequestError):
        return error
    found = _SQLITE_BINDINGS.search(error.original_message or error.message)
    if found is not None:
        return parameter_count_error(int(found.group(1)), int(found.group(2)))
    return RawQueryError.wrap(error)


def raw_dialect(provider: str) -> Dialect:
    """The dialect whose lexical rules and parameter style fit ``provider``'s driver."""
    return get_dialect(dialect_name(provider))
