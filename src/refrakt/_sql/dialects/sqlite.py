"""SQLite (the standard library's ``sqlite3``): ``"x"`` names, ``?`` parameters, RETURNING (3.35+)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from refrakt._sql._dialect import Dialect


class SQLite(Dialect):
    NAME = "sqlite"
    PARAM_STYLE = "qmark"
    IDENTIFIER_QUOTES: ClassVar[Mapping[str, str]] = {'"': '"', "`": "`", "[": "]"}

    TRUE = "1"
    FALSE = "0"
    SUPPORTS_DEFAULT_IN_VALUES = False
    SUPPORTS_FOR_UPDATE = False
    LIMIT_ALL = "-1"

    FUNCTIONS: ClassVar[Mapping[str, str]] = {
        "JSON_ARRAY_LENGTH": "json_array_length",
        "JSON_TYPE": "json_type",
        "BOOL_MAX": "MAX",
        "BOOL_MIN": "MIN",
    }
    TYPE_MAPPING: ClassVar[Mapping[str, str]] = {
        "text": "TEXT",
        "int": "INTEGER",
        "bigint": "INTEGER",
        "float": "REAL",
        "decimal": "DECIMAL",
        "boolean": "BOOLEAN",
        "json": "TEXT",
        "bytes": "BLOB",
    }
