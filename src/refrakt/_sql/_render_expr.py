"""``<node>_sql`` methods for value expressions and conditions."""

from __future__ import annotations

import re

from refrakt._sql._nodes import (
    Alias,
    And,
    Arith,
    ArrayContains,
    Bool,
    Case,
    Cast,
    Column,
    Compare,
    Concat,
    Default,
    Excluded,
    Exists,
    Expr,
    Func,
    Identifier,
    In,
    IsNull,
    JsonArrayContains,
    JsonArrayElement,
    JsonCompare,
    JsonEquals,
    JsonExtract,
    JsonTypeEquals,
    JsonTypeIs,
    Like,
    Not,
    Null,
    Or,
    Param,
    Raw,
    Row,
    Star,
    Subquery,
    Table,
)
from refrakt._sql._render_base import Ctx, RendererBase

_CONDITIONS = (Compare, And, Or, Not, In, Like, IsNull, Exists)
_COMPARE_OPS = frozenset({"=", "<>", "<", "<=", ">", ">="})
_ARITH_OPS = frozenset({"+", "-", "*", "/", "%"})
_FUNCTION_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?")
_SIMPLE_JSON_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def json_path(path: tuple[str | int, ...]) -> str:
    """A SQL/JSON path string (``$.a."b c"[0]``) for SQLite and MySQL."""
    out = ["$"]
    for part in path:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif _SIMPLE_JSON_KEY.fullmatch(part):
            out.append(f".{part}")
        else:
            escaped = part.replace("\\", "\\\\").replace('"', '\\"')
            out.append(f'."{escaped}"')
    return "".join(out)


class ExpressionsMixin(RendererBase):
    # --- helpers -------------------------------------------------------------------------------------

    def operand(self, node: Expr, ctx: Ctx) -> str:
        """``node`` as the operand of an operator: parenthesised when it is a condition or arithmetic."""
        text = self.sql(node, ctx)
        return f"({text})" if isinstance(node, (*_CONDITIONS, Arith)) else text

    def expressions(self, nodes: tuple[Expr, ...], ctx: Ctx) -> str:
        return ", ".join(self.sql(n, ctx) for n in nodes)

    # --- names ---------------------------------------------------------------------------------------

    def identifier_sql(self, node: Identifier, ctx: Ctx) -> str:
        return self.quote(node.name)

    def table_sql(self, node: Table, ctx: Ctx) -> str:
        text = self.quote(node.name)
        if node.schema is not None:
            text = f"{self.quote(node.schema)}.{text}"
        if node.alias is not None:
            text = f"{text} AS {self.quote(node.alias)}"
        return text

    def column_sql(self, node: Column, ctx: Ctx) -> str:
        if node.table is None:
            return self.quote(node.name)
        return f"{self.quote(node.table)}.{self.quote(node.name)}"

    def star_sql(self, node: Star, ctx: Ctx) -> str:
        return "*" if node.table is None else f"{self.quote(node.table)}.*"

    # --- values --------------------------------------------------------------------------------------

    def param_sql(self, node: Param, ctx: Ctx) -> str:
        return ctx.param(node.value)

    def null_sql(self, node: Null, ctx: Ctx) -> str:
        return "NULL"

    def bool_sql(self, node: Bool, ctx: Ctx) -> str:
        return self.TRUE if node.value else self.FALSE

    def default_sql(self, node: Default, ctx: Ctx) -> str:
        if not self.SUPPORTS_DEFAULT_IN_VALUES:
            raise self.unsupported("Default")
        return "DEFAULT"

    def raw_sql(self, node: Raw, ctx: Ctx) -> str:
        return node.text

    # --- operators -----------------------------------------------------------------------------------

    def compare_sql(self, node: Compare, ctx: Ctx) -> str:
        if node.op not in _COMPARE_OPS:
            raise ValueError(f"not a comparison operator: {node.op!r}")
        return f"{self.operand(node.left, ctx)} {node.op} {self.operand(node.right, ctx)}"

    def arith_sql(self, node: Arith, ctx: Ctx) -> str:
        if node.op not in _ARITH_OPS:
            raise ValueError(f"not an arithmetic operator: {node.op!r}")
        return f"{self.operand(node.left, ctx)} {node.op} {self.operand(node.right, ctx)}"

    def and_sql(self, node: And, ctx: Ctx) -> str:
        if not node.items:
            return self.TRUE
        return " AND ".join(self._junct_item(item, ctx) for item in node.items)

    def or_sql(self, node: Or, ctx: Ctx) -> str:
        if not node.items:
            return self.FALSE
        return " OR ".join(self._junct_item(item, ctx) for item in node.items)

    def _junct_item(self, item: Expr, ctx: Ctx) -> str:
        text = self.sql(item, ctx)
        return f"({text})" if isinstance(item, (And, Or)) and len(item.items) > 1 else text

    def not_sql(self, node: Not, ctx: Ctx) -> str:
        return f"NOT ({self.sql(node.item, ctx)})"

    def in_sql(self, node: In, ctx: Ctx) -> str:
        keyword = "NOT IN" if node.negated else "IN"
        left = self.operand(node.left, ctx)
        if isinstance(node.values, tuple):
            if not node.values:
                return self.TRUE if node.negated else self.FALSE
            return f"{left} {keyword} ({self.expressions(node.values, ctx)})"
        return f"{left} {keyword} ({self.sql(node.values, ctx)})"

    def like_sql(self, node: Like, ctx: Ctx) -> str:
        left, pattern = self.operand(node.left, ctx), self.operand(node.pattern, ctx)
        keyword = "LIKE"
        if node.insensitive:
            if self.SUPPORTS_ILIKE:
                keyword = "ILIKE"
            else:
                left, pattern = f"LOWER({left})", f"LOWER({pattern})"
        if node.negated:
            keyword = f"NOT {keyword}"
        text = f"{left} {keyword} {pattern}"
        if node.escape is not None:
            text = f"{text} ESCAPE {self.string_literal(node.escape)}"
        return text

    def is_null_sql(self, node: IsNull, ctx: Ctx) -> str:
        return f"{self.operand(node.item, ctx)} IS {'NOT ' if node.negated else ''}NULL"

    def func_sql(self, node: Func, ctx: Ctx) -> str:
        name = self.FUNCTIONS.get(node.name.upper(), node.name)
        if not _FUNCTION_NAME.fullmatch(name):
            raise ValueError(f"not a function name: {name!r}")
        distinct = "DISTINCT " if node.distinct else ""
        return f"{name}({distinct}{self.expressions(node.args, ctx)})"

    def case_sql(self, node: Case, ctx: Ctx) -> str:
        parts = ["CASE"]
        for condition, result in node.whens:
            parts.append(f"WHEN {self.sql(condition, ctx)} THEN {self.sql(result, ctx)}")
        if node.else_ is not None:
            parts.append(f"ELSE {self.sql(node.else_, ctx)}")
        parts.append("END")
        return " ".join(parts)

    def cast_sql(self, node: Cast, ctx: Ctx) -> str:
        to = self.TYPE_MAPPING.get(node.to.lower())
        if to is None:
            raise self.unsupported(f"Cast to {node.to}")
        return f"CAST({self.sql(node.item, ctx)} AS {to})"

    def concat_sql(self, node: Concat, ctx: Ctx) -> str:
        if self.CONCAT_OPERATOR is None:
            return f"CONCAT({self.expressions(node.items, ctx)})"
        return f" {self.CONCAT_OPERATOR} ".join(self.operand(i, ctx) for i in node.items)

    def alias_sql(self, node: Alias, ctx: Ctx) -> str:
        return f"{self.sql(node.item, ctx)} AS {self.quote(node.name)}"

    def row_sql(self, node: Row, ctx: Ctx) -> str:
        return f"({self.expressions(node.items, ctx)})"

    def subquery_sql(self, node: Subquery, ctx: Ctx) -> str:
        text = f"({self.sql(node.select, ctx)})"
        return text if node.alias is None else f"{text} AS {self.quote(node.alias)}"

    def exists_sql(self, node: Exists, ctx: Ctx) -> str:
        return f"{'NOT ' if node.negated else ''}EXISTS ({self.sql(node.select, ctx)})"

    def json_extract_sql(self, node: JsonExtract, ctx: Ctx) -> str:
        """SQLite 3.38+ operators; PostgreSQL and MySQL override."""
        operator = "->>" if node.as_text else "->"
        return f"({self.operand(node.item, ctx)} {operator} {ctx.param(json_path(node.path))})"

    # JSON: SQLite's functions here (JSON1, 3.38+); PostgreSQL and MySQL override.

    def json_type_is_sql(self, node: JsonTypeIs, ctx: Ctx) -> str:
        function = self.FUNCTIONS.get("JSON_TYPE", "JSON_TYPE")
        return self.in_names(f"{function}({self.sql(node.item, ctx)})", node.kind, node.negated)

    def json_type_equals_sql(self, node: JsonTypeEquals, ctx: Ctx) -> str:
        function = self.FUNCTIONS.get("JSON_TYPE", "JSON_TYPE")
        left, right = self.sql(node.left, ctx), self.sql(node.right, ctx)
        return f"{function}({left}) {'<>' if node.negated else '='} {function}({right})"

    def in_names(self, left: str, kind: str, negated: bool) -> str:
        names = self.JSON_TYPE_NAMES[kind]
        if len(names) == 1:
            return f"{left} {'<>' if negated else '='} {self.string_literal(names[0])}"
        listed = ", ".join(self.string_literal(n) for n in names)
        return f"{left} {'NOT IN' if negated else 'IN'} ({listed})"

    def json_equals_sql(self, node: JsonEquals, ctx: Ctx) -> str:
        return f"json({self.sql(node.left, ctx)}) = json({self.sql(node.right, ctx)})"

    def json_array_contains_sql(self, node: JsonArrayContains, ctx: Ctx) -> str:
        # every element of `items` is an element of `container` (same JSON type and value)
        items, container = self.sql(node.items, ctx), self.sql(node.container, ctx)
        v, e = self.quote("v"), self.quote("e")
        return (
            f"NOT EXISTS (SELECT 1 FROM json_each({items}) AS {v} WHERE NOT EXISTS (SELECT 1 FROM "
            f"json_each({container}) AS {e} WHERE {e}.{self.quote('type')} = {v}.{self.quote('type')} "
            f"AND {e}.{self.quote('value')} IS {v}.{self.quote('value')}))"
        )

    def json_array_element_sql(self, node: JsonArrayElement, ctx: Ctx) -> str:
        path = "$[#-1]" if node.last else "$[0]"
        return f"({self.operand(node.item, ctx)} -> {self.string_literal(path)})"

    def json_compare_sql(self, node: JsonCompare, ctx: Ctx) -> str:
        if node.op not in _COMPARE_OPS:
            raise ValueError(f"not a comparison operator: {node.op!r}")
        left, right = self.sql(node.left, ctx), self.sql(node.right, ctx)
        return f"json_extract({left}, '$') {node.op} json_extract({right}, '$')"

    def array_contains_sql(self, node: ArrayContains, ctx: Ctx) -> str:
        """Databases without array columns cannot render it; PostgreSQL overrides."""
        raise self.unsupported("ArrayContains")

    def excluded_sql(self, node: Excluded, ctx: Ctx) -> str:
        return f"excluded.{self.quote(node.column)}"
