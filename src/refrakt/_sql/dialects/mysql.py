"""MySQL and MariaDB: backtick names, ``%s`` parameters (PyMySQL), no RETURNING, ON DUPLICATE KEY."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from refrakt._sql._dialect import Dialect
from refrakt._sql._nodes import Excluded, JsonExtract
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

    def excluded_sql(self, node: Excluded, ctx: Ctx) -> str:
        return f"VALUES({self.quote(node.column)})"
