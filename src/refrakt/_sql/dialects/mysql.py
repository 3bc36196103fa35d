"""MySQL and MariaDB: backtick names, ``%s`` parameters (PyMySQL), no RETURNING, ON DUPLICATE KEY."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from refrakt._sql._dialect import Dialect
from refrakt._sql._nodes import (
    Excluded,
    JsonArrayContains,
    JsonArrayElement,
    JsonCompare,
    JsonEquals,
    JsonExtract,
    TextSearch,
)
from refrakt._sql._render_base import Ctx
from refrakt._sql._render_expr import json_path


class MySQL(Dialect):
    NAME = "mysql"
    PARAM_STYLE = "format"
    IDENTIFIER_QUOTES: ClassVar[Mapping[str, str]] = {"`": "`"}
    STRING_QUOTES = ("'", '"')
    STRING_BACKSLASH_ESCAPES = True
    HASH_COMMENTS = True

    SUPPORTS_RETURNING = False
    SUPPORTS_NULLS_ORDERING = False
    DEFAULT_VALUES_SQL = "() VALUES ()"
    LIMIT_ALL = "18446744073709551615"
    UPSERT_STYLE = "on_duplicate_key"
    CONCAT_OPERATOR = None

    JSON_TYPE_NAMES: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "string": ("STRING",),
        "number": ("INTEGER", "DOUBLE", "DECIMAL", "UNSIGNED INTEGER"),
        "array": ("ARRAY",),
        "object": ("OBJECT",),
        "boolean": ("BOOLEAN",),
        "null": ("NULL",),
    }
    FUNCTIONS: ClassVar[Mapping[str, str]] = {
        "JSON_ARRAY_LENGTH": "JSON_LENGTH",
        "JSON_TYPE": "JSON_TYPE",
        "BOOL_MAX": "MAX",
        "BOOL_MIN": "MIN",
    }
    TYPE_MAPPING: ClassVar[Mapping[str, str]] = {
        "text": "CHAR",
        "int": "SIGNED",
        "bigint": "SIGNED",
        "float": "DOUBLE",
        "decimal": "DECIMAL(65,30)",
        "json": "JSON",
        "bytes": "BINARY",
    }

    def json_extract_sql(self, node: JsonExtract, ctx: Ctx) -> str:
        text = f"JSON_EXTRACT({self.sql(node.item, ctx)}, {ctx.param(json_path(node.path))})"
        return f"JSON_UNQUOTE({text})" if node.as_text else text

    def text_search_sql(self, node: TextSearch, ctx: Ctx) -> str:
        columns = self.expressions(node.columns, ctx)
        return f"MATCH ({columns}) AGAINST ({self.sql(node.query, ctx)} IN BOOLEAN MODE)"

    def excluded_sql(self, node: Excluded, ctx: Ctx) -> str:
        return f"VALUES({self.quote(node.column)})"

    # JSON: MariaDB stores JSON as text and has no CAST(... AS JSON): equality is containment both ways.

    def json_equals_sql(self, node: JsonEquals, ctx: Ctx) -> str:
        left, right = self.sql(node.left, ctx), self.sql(node.right, ctx)
        return f"(JSON_CONTAINS({left}, {right}) AND JSON_CONTAINS({right}, {left}))"

    def json_array_contains_sql(self, node: JsonArrayContains, ctx: Ctx) -> str:
        return f"JSON_CONTAINS({self.sql(node.container, ctx)}, {self.sql(node.items, ctx)})"

    def json_array_element_sql(self, node: JsonArrayElement, ctx: Ctx) -> str:
        item = self.sql(node.item, ctx)
        if not node.last:
            return f"JSON_EXTRACT({item}, {self.string_literal('$[0]')})"
        # not `$[last]`: MariaDB evaluates it once per statement, not once per row
        return f"JSON_EXTRACT({item}, CONCAT('$[', JSON_LENGTH({item}) - 1, ']'))"

    def json_compare_sql(self, node: JsonCompare, ctx: Ctx) -> str:
        left = f"JSON_UNQUOTE({self.sql(node.left, ctx)})"
        right = f"JSON_UNQUOTE({self.sql(node.right, ctx)})"
        if node.numeric:
            left, right = f"CAST({left} AS DOUBLE)", f"CAST({right} AS DOUBLE)"
        return f"{left} {node.op} {right}"
