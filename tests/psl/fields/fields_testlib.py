"""Helpers for the field and default tests: validate a schema, get its diagnostics as tuples."""

from __future__ import annotations

from refrakt.schema import parse


def diagnostics(schema: str) -> list[tuple[str, int, str]]:
    """``(severity, line, message)`` of every diagnostic of ``schema``, in emission order."""
    return [(d.severity, d.line, d.message) for d in parse(schema).diagnostics]


def errors(schema: str) -> list[tuple[int, str]]:
    """``(line, message)`` of every error."""
    return [(line, message) for severity, line, message in diagnostics(schema) if severity == "error"]


def with_datasource(provider: str, body: str, *, url: str | None = None) -> str:
    """``body`` after a ``datasource db`` block of ``provider`` (the block takes lines 1-4)."""
    url = url or {"sqlite": "file:dev.db", "sqlserver": "sqlserver://"}.get(provider, f"{provider}://")
    return f'datasource db {{\n  provider = "{provider}"\n  url = "{url}"\n}}\n{body}'


def default_error(message: str) -> str:
    return f'Error parsing attribute "@default": {message}'
