"""The SQL expression tree: small frozen dataclasses, one per construct.

Values never appear in SQL text: a :class:`Param` is always rendered as a bound parameter.
Names (tables, columns, aliases) are always quoted by the dialect. :class:`Raw` is the one
escape hatch, for trusted SQL text written by refrakt itself (keywords, casts).

Every node class gets a ``key``: its name in snake_case (``JsonExtract`` -> ``json_extract``).
A dialect renders a node with its ``<key>_sql`` method; a node without one is an
``Unsupported expression`` for that dialect.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal

CompareOp = Literal["=", "<>", "<", "<=", ">", ">="]
ArithOp = Literal["+", "-", "*", "/", "%"]
JoinKind = Literal["INNER", "LEFT", "CROSS"]
Nulls = Literal["first", "last"]

_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")


@dataclass(frozen=True, slots=True)
class Node:
    """Base of every node of the tree."""

    key: ClassVar[str] = "node"

    def __init_subclass__(cls) -> None:
        # No super() call: ``slots=True`` rebuilds the class, which breaks the zero-argument form.
        cls.key = _CAMEL.sub("_", cls.__name__).lower()


@dataclass(frozen=True, slots=True)
class Expr(Node):
    """A value expression (anything that can appear in a select list or a condition)."""


# --- names ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Identifier(Expr):
    """A bare quoted name (``"t0"``), e.g. a reference to an alias."""

    name: str


@dataclass(frozen=True, slots=True)
class Table(Node):
    """A table reference: ``"schema"."name" AS "alias"``."""

    name: str
    schema: str | None = None
    alias: str | None = None


@dataclass(frozen=True, slots=True)
class Column(Expr):
    """A column, optionally qualified by a table name or alias: ``"t0"."id"``."""

    name: str
    table: str | None = None


@dataclass(frozen=True, slots=True)
class Star(Expr):
    """``*`` or ``"t0".*``."""

    table: str | None = None


# --- values ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Param(Expr):
    """A value, always sent as a bound parameter."""

    value: object


@dataclass(frozen=True, slots=True)
class Null(Expr):
    """The ``NULL`` keyword."""


@dataclass(frozen=True, slots=True)
class Bool(Expr):
    """A boolean constant written in the SQL text (``TRUE`` / ``1``), for constant conditions."""

    value: bool


@dataclass(frozen=True, slots=True)
class Default(Expr):
    """The ``DEFAULT`` keyword in an ``INSERT ... VALUES`` row."""


@dataclass(frozen=True, slots=True)
class Raw(Expr):
    """Trusted SQL text, written as is. Never build one from user input."""

    text: str


# --- operators ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Compare(Expr):
    left: Expr
    op: CompareOp
    right: Expr


@dataclass(frozen=True, slots=True)
class Arith(Expr):
    left: Expr
    op: ArithOp
    right: Expr


@dataclass(frozen=True, slots=True)
class And(Expr):
    """All of ``items``; no items is true."""

    items: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class Or(Expr):
    """Any of ``items``; no items is false."""

    items: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class Not(Expr):
    item: Expr


@dataclass(frozen=True, slots=True)
class In(Expr):
    """``left IN (values...)`` or ``left IN (SELECT ...)``; no values is false (true when negated)."""

    left: Expr
    values: tuple[Expr, ...] | Select
    negated: bool = False


@dataclass(frozen=True, slots=True)
class Like(Expr):
    """``left LIKE pattern``; ``insensitive`` gives ``ILIKE`` or a ``LOWER()`` comparison."""

    left: Expr
    pattern: Expr
    negated: bool = False
    insensitive: bool = False
    escape: str | None = None


@dataclass(frozen=True, slots=True)
class IsNull(Expr):
    item: Expr
    negated: bool = False


@dataclass(frozen=True, slots=True)
class Func(Expr):
    """A function call; ``name`` is trusted text (``COUNT``, ``LOWER``), looked up in the dialect's table."""

    name: str
    args: tuple[Expr, ...] = ()
    distinct: bool = False


@dataclass(frozen=True, slots=True)
class Case(Expr):
    """``CASE WHEN c THEN r ... ELSE e END``."""

    whens: tuple[tuple[Expr, Expr], ...]
    else_: Expr | None = None


@dataclass(frozen=True, slots=True)
class Cast(Expr):
    """``CAST(item AS type)``; ``to`` is a portable type name mapped by the dialect (``"text"``, ``"int"``...)."""

    item: Expr
    to: str


@dataclass(frozen=True, slots=True)
class Concat(Expr):
    """String concatenation (``a || b`` or ``CONCAT(a, b)``)."""

    items: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class Alias(Expr):
    """``item AS "name"`` in a select list."""

    item: Expr
    name: str


@dataclass(frozen=True, slots=True)
class Row(Expr):
    """A row value ``(a, b)``, for ``(a, b) IN ((?, ?), ...)``."""

    items: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class Subquery(Expr):
    """``(SELECT ...)`` as a value or, with an alias, as a table source."""

    select: Select
    alias: str | None = None


@dataclass(frozen=True, slots=True)
class Exists(Expr):
    select: Select
    negated: bool = False


@dataclass(frozen=True, slots=True)
class JsonExtract(Expr):
    """The JSON value at ``path`` in ``item`` (keys and array indexes); ``as_text`` unquotes scalars."""

    item: Expr
    path: tuple[str | int, ...]
    as_text: bool = False


JsonKind = Literal["string", "number", "array", "object", "boolean", "null"]


@dataclass(frozen=True, slots=True)
class JsonTypeIs(Expr):
    """The JSON value ``item`` is of ``kind`` (not of it, with ``negated``); each database names
    its JSON types its own way (``JSON_TYPE_NAMES``)."""

    item: Expr
    kind: JsonKind
    negated: bool = False


@dataclass(frozen=True, slots=True)
class JsonTypeEquals(Expr):
    """The JSON values ``left`` and ``right`` are of the same JSON type (of different ones, with
    ``negated``), as each database names its types."""

    left: Expr
    right: Expr
    negated: bool = False


@dataclass(frozen=True, slots=True)
class JsonEquals(Expr):
    """Two JSON values are equal as JSON (whitespace aside); ``right`` is usually JSON text."""

    left: Expr
    right: Expr


@dataclass(frozen=True, slots=True)
class JsonArrayContains(Expr):
    """The JSON array ``container`` holds every element of the JSON array ``items``."""

    container: Expr
    items: Expr


@dataclass(frozen=True, slots=True)
class JsonArrayElement(Expr):
    """The first (or, with ``last``, the last) element of the JSON array ``item``, as JSON."""

    item: Expr
    last: bool = False


@dataclass(frozen=True, slots=True)
class JsonCompare(Expr):
    """``left <op> right`` between two JSON scalars (``right`` is JSON text): numbers as numbers,
    strings as strings."""

    left: Expr
    op: CompareOp
    right: Expr
    numeric: bool = True


@dataclass(frozen=True, slots=True)
class TextSearch(Expr):
    """Full-text search of ``columns``, searched as one text, for the query ``query``: a condition
    (PostgreSQL ``to_tsvector(concat_ws(' ', ...)) @@ to_tsquery(q)``, MySQL ``MATCH (...) AGAINST
    (q IN BOOLEAN MODE)``) or, with ``relevance``, the score (``ts_rank(...)``, ``MATCH ...
    AGAINST``). Only databases with full-text search render it."""

    columns: tuple[Expr, ...]
    query: Expr
    relevance: bool = False


@dataclass(frozen=True, slots=True)
class ArrayContains(Expr):
    """Array ``left`` contains every element of array ``right`` (``@>``); with ``overlap``, at
    least one of them (``&&``). Only databases with array columns render it."""

    left: Expr
    right: Expr
    overlap: bool = False


@dataclass(frozen=True, slots=True)
class Excluded(Expr):
    """In an upsert's update: the value ``column`` would have had in the row that was not inserted."""

    column: str


# --- statements -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OrderBy(Node):
    """One ``ORDER BY`` term; ``nulls`` places NULLs explicitly (emulated where the database lacks it)."""

    item: Expr
    desc: bool = False
    nulls: Nulls | None = None


@dataclass(frozen=True, slots=True)
class Join(Node):
    table: Table | Subquery
    on: Expr | None = None
    kind: JoinKind = "INNER"


@dataclass(frozen=True, slots=True)
class Select(Node):
    """A ``SELECT``; ``distinct`` is ``True`` for ``DISTINCT`` or expressions for ``DISTINCT ON (...)``."""

    columns: tuple[Expr, ...] = ()
    from_: Table | Subquery | None = None
    joins: tuple[Join, ...] = ()
    where: Expr | None = None
    group_by: tuple[Expr, ...] = ()
    having: Expr | None = None
    order_by: tuple[OrderBy, ...] = ()
    limit: Expr | None = None
    offset: Expr | None = None
    distinct: bool | tuple[Expr, ...] = False
    for_update: bool = False


@dataclass(frozen=True, slots=True)
class OnConflict(Node):
    """What an insert does with a row that violates a unique constraint.

    ``update`` is ``None`` for *do nothing*, else the assignments to make. ``columns`` is the
    conflict target (PostgreSQL and SQLite; MySQL has none).
    """

    columns: tuple[str, ...] = ()
    update: tuple[tuple[str, Expr], ...] | None = None
    where: Expr | None = None


@dataclass(frozen=True, slots=True)
class Insert(Node):
    """``INSERT INTO table (columns) VALUES (...), ...`` (or ``... SELECT``); no columns inserts defaults."""

    table: Table
    columns: tuple[str, ...] = ()
    values: tuple[tuple[Expr, ...], ...] | Select = ()
    on_conflict: OnConflict | None = None
    returning: tuple[Expr, ...] = ()


@dataclass(frozen=True, slots=True)
class Update(Node):
    table: Table
    set: tuple[tuple[str, Expr], ...]
    where: Expr | None = None
    returning: tuple[Expr, ...] = ()


@dataclass(frozen=True, slots=True)
class Delete(Node):
    table: Table
    where: Expr | None = None
    returning: tuple[Expr, ...] = ()


Statement = Select | Insert | Update | Delete


# --- builders -------------------------------------------------------------------------------------


def to_expr(value: object) -> Expr:
    """``value`` itself when it is an expression, else a bound parameter."""
    return value if isinstance(value, Expr) else Param(value)


def params(values: Sequence[object]) -> tuple[Expr, ...]:
    return tuple(to_expr(v) for v in values)


def and_(*items: Expr | None) -> Expr:
    """The conjunction of the items that are not ``None``, flattened; a single item is itself."""
    flat: list[Expr] = []
    for item in items:
        if item is None:
            continue
        flat.extend(item.items if isinstance(item, And) else (item,))
    return flat[0] if len(flat) == 1 else And(tuple(flat))


def or_(*items: Expr | None) -> Expr:
    flat: list[Expr] = []
    for item in items:
        if item is None:
            continue
        flat.extend(item.items if isinstance(item, Or) else (item,))
    return flat[0] if len(flat) == 1 else Or(tuple(flat))


def eq(left: Expr, right: object) -> Expr:
    """``left = right``, or ``left IS NULL`` when ``right`` is ``None``."""
    if right is None or isinstance(right, Null):
        return IsNull(left)
    return Compare(left, "=", to_expr(right))


def ne(left: Expr, right: object) -> Expr:
    if right is None or isinstance(right, Null):
        return IsNull(left, negated=True)
    return Compare(left, "<>", to_expr(right))


def func(name: str, *args: object) -> Func:
    return Func(name, params(args))
