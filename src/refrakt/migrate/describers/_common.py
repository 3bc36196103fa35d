"""What the per-database describers share: the catalogue rows they read, and literal parsing."""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from refrakt.migrate._schema import ForeignKeyAction

Row = tuple[Any, ...]
Query = tuple[str, tuple[object, ...]]
Catalogue = Mapping[str, Sequence[Row]]
"""Rows of each catalogue query, by the query's key (``"columns"``, ``"indexes"``...)."""

ACTIONS: Mapping[str, ForeignKeyAction] = {
    "CASCADE": "Cascade",
    "RESTRICT": "Restrict",
    "NO ACTION": "NoAction",
    "SET NULL": "SetNull",
    "SET DEFAULT": "SetDefault",
}


def unquote(text: str, quote: str = "'") -> str | None:
    """The content of a quoted SQL literal (doubled quotes undone), or ``None`` if ``text`` is not one."""
    if len(text) < 2 or text[0] != quote or text[-1] != quote:
        return None
    inner = text[1:-1]
    if inner.replace(quote * 2, "").count(quote):
        return None  # two literals glued by an operator: an expression
    return inner.replace(quote * 2, quote)


def typed_value(family: str, text: str) -> object | None:
    """A default's text (already unquoted) as a value of the column's Prisma type, or ``None``."""
    if family in ("String", "Enum", "Json", "DateTime"):
        return text
    if family in ("Int", "BigInt"):
        try:
            return int(text)
        except ValueError:
            return None
    if family == "Float":
        try:
            return float(text)
        except ValueError:
            return None
    if family == "Decimal":
        try:
            return Decimal(text)
        except InvalidOperation:
            return None
    if family == "Boolean":
        lowered = text.lower()
        if lowered in ("true", "t", "1", "'t'", "'true'"):
            return True
        if lowered in ("false", "f", "0", "'f'", "'false'"):
            return False
        return None
    return None


def hex_to_base64(text: str) -> str | None:
    """A ``Bytes`` default written in hex, as the schema writes it (base64), or ``None``."""
    try:
        return base64.b64encode(bytes.fromhex(text)).decode("ascii")
    except ValueError:
        return None


def split_top_level(text: str, separator: str = ",") -> list[str]:
    """``text`` split at ``separator`` outside quotes, parentheses and brackets."""
    parts: list[str] = []
    depth = 0
    quote: str | None = None
    start = 0
    i = 0
    while i < len(text):
        ch = text[i]
        if quote is not None:
            if ch == quote:
                if i + 1 < len(text) and text[i + 1] == quote:
                    i += 1
                else:
                    quote = None
        elif ch in "'\"":
            quote = ch
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == separator and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
        i += 1
    parts.append(text[start:].strip())
    return parts
