"""Helpers for the relation tests (imported by the test modules of this folder)."""

from __future__ import annotations

from refrakt.schema import Schema, parse

Found = list[tuple[str, str, int]]


def header(provider: str, *, relation_mode: str | None = None) -> str:
    mode = "" if relation_mode is None else f'\n  relationMode = "{relation_mode}"'
    return f'datasource db {{\n  provider = "{provider}"\n  url = "{provider}://..."{mode}\n}}\n\n'


def diagnostics(text: str) -> Found:
    """(severity, message, line) of every diagnostic."""
    return [(d.severity, d.message, d.line) for d in parse(text).diagnostics]


def errors(text: str) -> list[tuple[str, int]]:
    return [(message, line) for severity, message, line in diagnostics(text) if severity == "error"]


def warnings(text: str) -> list[tuple[str, int]]:
    return [(message, line) for severity, message, line in diagnostics(text) if severity == "warning"]


def valid(text: str) -> Schema:
    schema = parse(text)
    assert schema.diagnostics == [], [d.message for d in schema.diagnostics]
    return schema
