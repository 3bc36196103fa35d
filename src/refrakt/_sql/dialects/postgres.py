"""PostgreSQL: ``"x"`` names, ``$1`` parameters (``%s`` for psycopg), ILIKE, DISTINCT ON, ``#>``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from refrakt._sql._dialect import Dialect
from refrakt._sql._nodes import ArrayContains, JsonExtract
from refrakt._sql._render_base import Ctx


class Postgres(Dialect):
    NAME = "postgres"
    PARAM_STYLE = "numeric_dollar"
    DOLLAR_QUOTED_STRINGS = True
    E_STRINGS = True

    SUPPORTS_ILIKE = True
    SUPPORTS_DISTINCT_ON = True
    NULLS_ARE_SMALLEST = False

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
