"""The renderer: one :class:`Dialect` base class, specialised per database by tables and flags.

``Dialect.render(node)`` returns ``(sql, params)``. Each node is rendered by the method named
``<node.key>_sql`` (looked up once per dialect class); a node without such a method raises
:class:`UnsupportedExpression`. Parameters are written as markers while rendering and numbered
in text order at the end, so a method may render its children in any order (or twice) and the
parameters still line up with the placeholders.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, Literal

from refrakt._sql._nodes import Node
from refrakt._sql._render_base import Ctx
from refrakt._sql._render_expr import ExpressionsMixin
from refrakt._sql._render_stmt import StatementsMixin

ParamStyle = Literal["qmark", "numeric_dollar", "format"]
"""``?`` (sqlite3, DB-API qmark), ``$1`` (PostgreSQL's own), ``%s`` (psycopg, PyMySQL)."""

_MARKER = re.compile("\x00(\\d+)\x01")

_Method = Callable[[Any, Any, Ctx], str]


class Dialect(ExpressionsMixin, StatementsMixin):
    """A database's SQL: class-level tables and flags, and the ``<node>_sql`` methods.

    A dialect instance only carries the parameter style (a driver setting): ``Postgres()``
    renders ``$1``, ``Postgres(param_style="format")`` renders ``%s`` for psycopg.
    """

    PARAM_STYLE: ClassVar[ParamStyle] = "qmark"

    # lexical rules (also used by translate_raw_placeholders)
    IDENTIFIER_QUOTES: ClassVar[Mapping[str, str]] = {'"': '"'}
    """Opening -> closing character of quoted identifiers; the first is the one refrakt writes."""
    STRING_QUOTES: ClassVar[tuple[str, ...]] = ("'",)
    STRING_BACKSLASH_ESCAPES: ClassVar[bool] = False
    DOLLAR_QUOTED_STRINGS: ClassVar[bool] = False
    E_STRINGS: ClassVar[bool] = False
    """``E'...'`` strings take backslash escapes (PostgreSQL)."""
    HASH_COMMENTS: ClassVar[bool] = False

    def __init__(self, *, param_style: ParamStyle | None = None) -> None:
        self.param_style: ParamStyle = param_style or self.PARAM_STYLE

    def __repr__(self) -> str:
        return f"{type(self).__name__}(param_style={self.param_style!r})"

    # --- entry points ------------------------------------------------------------------------------

    def render(self, node: Node) -> tuple[str, tuple[object, ...]]:
        """``(sql, params)`` for ``node``, with this dialect's placeholders."""
        ctx = Ctx()
        return self.finish(self.sql(node, ctx), ctx.values)

    def sql(self, node: Node, ctx: Ctx) -> str:
        method = type(self)._method(type(node))
        if method is None:
            raise self.unsupported(type(node).__name__)
        return method(self, node, ctx)

    @classmethod
    def _method(cls, node_type: type[Node]) -> _Method | None:
        """The ``<key>_sql`` method for ``node_type``, looked up once per dialect class."""
        table: dict[type[Node], _Method | None] | None = cls.__dict__.get("_method_table")
        if table is None:
            table = {}
            cls._method_table = table  # type: ignore[attr-defined]
        if node_type not in table:
            table[node_type] = getattr(cls, f"{node_type.key}_sql", None)
        return table[node_type]

    # --- parameters ----------------------------------------------------------------------------------

    def placeholder(self, position: int) -> str:
        """The placeholder of the ``position``-th (1-based) parameter."""
        if self.param_style == "numeric_dollar":
            return f"${position}"
        if self.param_style == "format":
            return "%s"
        return "?"

    def finish(self, text: str, values: list[object]) -> tuple[str, tuple[object, ...]]:
        """Replace parameter markers by placeholders, in text order."""
        if self.param_style == "format":
            text = text.replace("%", "%%")
        ordered: list[object] = []

        def number(match: re.Match[str]) -> str:
            ordered.append(values[int(match.group(1))])
            return self.placeholder(len(ordered))

        return _MARKER.sub(number, text), tuple(ordered)

    # --- names and literals --------------------------------------------------------------------------

    def quote(self, name: str) -> str:
        """A quoted identifier (the quote character doubled inside)."""
        opening = next(iter(self.IDENTIFIER_QUOTES))
        closing = self.IDENTIFIER_QUOTES[opening]
        return f"{opening}{name.replace(closing, closing * 2)}{closing}"

    def string_literal(self, text: str) -> str:
        """A string literal of trusted text (used for fixed SQL such as ``ESCAPE '\\'``)."""
        if self.STRING_BACKSLASH_ESCAPES:
            text = text.replace("\\", "\\\\")
        return "'" + text.replace("'", "''") + "'"


def render(
    node: Node, dialect: Dialect | str, *, param_style: ParamStyle | None = None
) -> tuple[str, tuple[object, ...]]:
    """``(sql, params)`` for ``node`` in ``dialect`` (an instance, or a name such as ``"postgres"``)."""
    from refrakt._sql.dialects import get_dialect

    if isinstance(dialect, str):
        dialect = get_dialect(dialect, param_style=param_style)
    elif param_style is not None and param_style != dialect.param_style:
        dialect = type(dialect)(param_style=param_style)
    return dialect.render(node)
