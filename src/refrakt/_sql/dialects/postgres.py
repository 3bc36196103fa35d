"""PostgreSQL: ``"x"`` names, ``$1`` parameters (``%s`` for psycopg), ILIKE, DISTINCT ON, ``#>``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from refrakt._sql._dialect import Dialect
from refrakt._sql._nodes import (
    ArrayContains,
    Expr,
    JsonArrayContains,
    JsonArrayElement,
    JsonCompare,
    JsonEquals,
    JsonExtract,
    JsonTypeEquals,
    JsonTypeIs,
    TextSearch,
)
from refrakt._sql._render_base import Ctx


class Postgres(Dialect):
    NAME = "postgres"
    PARAM_STYLE = "numeric_dollar"
    DOLLAR_QUOTED_STRINGS = True
    E_STRINGS = True

    SUPPORTS_ILIKE = True
    SUPPORTS_DISTINCT_ON = True
    NULLS_ARE_SMALLEST = False

    JSON_TYPE_NAMES: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "string": ("string",),
        "number": ("number",),
        "array": ("array",),
        "object": ("object",),
        "boolean": ("boolean",),
        "null": ("null",),
    }
    FUNCTIONS: ClassVar[Mapping[str, str]] = {
        "JSON_ARRAY_LENGTH": "jsonb_array_length",
        "JSON_TYPE": "jsonb_typeof",
        "BOOL_MAX": "bool_or",
        "BOOL_MIN": "bool_and",
    }
    TYPE_MAPPING: ClassVar[Mapping[str, str]] = {
        "text": "TEXT",
        "int": "INTEGER",
        "bigint": "BIGINT",
        "float": "DOUBLE PRECISION",
        "decimal": "DECIMAL",
        "boolean": "BOOLEAN",
        "json": "JSONB",
        "bytes": "BYTEA",
        "uuid": "UUID",
    }

    def json_extract_sql(self, node: JsonExtract, ctx: Ctx) -> str:
        operator = "#>>" if node.as_text else "#>"
        keys = ", ".join(ctx.param(str(part)) for part in node.path)
        return f"({self.operand(node.item, ctx)} {operator} ARRAY[{keys}]::text[])"

    def array_contains_sql(self, node: ArrayContains, ctx: Ctx) -> str:
        operator = "&&" if node.overlap else "@>"
        return f"{self.operand(node.left, ctx)} {operator} {self.operand(node.right, ctx)}"

    def text_search_sql(self, node: TextSearch, ctx: Ctx) -> str:
        vector = f"to_tsvector(concat_ws(' ', {self.expressions(node.columns, ctx)}))"
        query = f"to_tsquery({self.sql(node.query, ctx)})"
        return f"ts_rank({vector}, {query})" if node.relevance else f"{vector} @@ {query}"

    # JSON values are compared as jsonb (a `json` column, and JSON text parameters, are cast).

    def jsonb(self, node: Expr, ctx: Ctx) -> str:
        return f"CAST({self.sql(node, ctx)} AS JSONB)"

    def json_type_is_sql(self, node: JsonTypeIs, ctx: Ctx) -> str:
        return self.in_names(f"jsonb_typeof({self.jsonb(node.item, ctx)})", node.kind, node.negated)

    def json_type_equals_sql(self, node: JsonTypeEquals, ctx: Ctx) -> str:
        left, right = self.jsonb(node.left, ctx), self.jsonb(node.right, ctx)
        return f"jsonb_typeof({left}) {'<>' if node.negated else '='} jsonb_typeof({right})"

    def json_equals_sql(self, node: JsonEquals, ctx: Ctx) -> str:
        return f"{self.jsonb(node.left, ctx)} = {self.jsonb(node.right, ctx)}"

    def json_array_contains_sql(self, node: JsonArrayContains, ctx: Ctx) -> str:
        return f"{self.jsonb(node.container, ctx)} @> {self.jsonb(node.items, ctx)}"

    def json_array_element_sql(self, node: JsonArrayElement, ctx: Ctx) -> str:
        return f"({self.jsonb(node.item, ctx)} -> {-1 if node.last else 0})"

    def json_compare_sql(self, node: JsonCompare, ctx: Ctx) -> str:
        return f"{self.jsonb(node.left, ctx)} {node.op} {self.jsonb(node.right, ctx)}"
