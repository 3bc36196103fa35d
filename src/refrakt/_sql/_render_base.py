"""What the renderer's parts share: the render context, the error, and the dialect flags."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import ClassVar, Literal

from refrakt._sql._nodes import Node

UpsertStyle = Literal["on_conflict", "on_duplicate_key"]


class UnsupportedExpression(ValueError):
    """A node (or a feature of one) that the dialect cannot render."""


@dataclass(slots=True)
class Ctx:
    """State of one ``render`` call: the parameter values, by marker number."""

    values: list[object] = field(default_factory=list[object])

    def param(self, value: object) -> str:
        self.values.append(value)
        return f"\x00{len(self.values) - 1}\x01"


class RendererBase:
    """The flags and tables a dialect sets, with their defaults, and the primitives every part uses."""

    NAME: ClassVar[str] = "generic"

    TRUE: ClassVar[str] = "TRUE"
    FALSE: ClassVar[str] = "FALSE"

    SUPPORTS_RETURNING: ClassVar[bool] = True
    SUPPORTS_ILIKE: ClassVar[bool] = False
    """Without ILIKE, case-insensitive LIKE compares ``LOWER()`` of both sides."""
    SUPPORTS_NULLS_ORDERING: ClassVar[bool] = True
    """``NULLS FIRST`` / ``NULLS LAST``; without it they are emulated with ``x IS NULL`` terms."""
    NULLS_ARE_SMALLEST: ClassVar[bool] = True
    """Where NULLs sort without ``NULLS``: smallest (first ascending) or largest (PostgreSQL)."""
    SUPPORTS_DISTINCT_ON: ClassVar[bool] = False
    SUPPORTS_FOR_UPDATE: ClassVar[bool] = True
    SUPPORTS_DEFAULT_IN_VALUES: ClassVar[bool] = True
    DEFAULT_VALUES_SQL: ClassVar[str] = "DEFAULT VALUES"
    """How an insert of one row of defaults ends (``() VALUES ()`` on MySQL)."""
    LIMIT_ALL: ClassVar[str | None] = None
    """The LIMIT written when there is an OFFSET but no limit (None: no LIMIT clause at all)."""
    UPSERT_STYLE: ClassVar[UpsertStyle] = "on_conflict"
    CONCAT_OPERATOR: ClassVar[str | None] = "||"
    """``None``: concatenation is the ``CONCAT()`` function."""

    JSON_TYPE_NAMES: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "string": ("text",),
        "number": ("integer", "real"),
        "array": ("array",),
        "object": ("object",),
        "boolean": ("true", "false"),
        "null": ("null",),
    }
    """JSON kind -> what the database's JSON_TYPE function returns for it (SQLite's by default)."""
    FUNCTIONS: ClassVar[Mapping[str, str]] = {}
    """Portable function name (upper case) -> this database's name."""
    TYPE_MAPPING: ClassVar[Mapping[str, str]] = {}
    """Portable type name of :class:`Cast` -> this database's type."""

    def sql(self, node: Node, ctx: Ctx) -> str:
        raise NotImplementedError

    def quote(self, name: str) -> str:
        raise NotImplementedError

    def string_literal(self, text: str) -> str:
        raise NotImplementedError

    def unsupported(self, what: str) -> UnsupportedExpression:
        return UnsupportedExpression(f"Unsupported expression {what} ({self.NAME})")
