"""Helpers for the key and index tests: a schema in, ``(line, message)`` pairs out."""

from __future__ import annotations

from refrakt.schema import parse


def header(provider: str, *, preview: tuple[str, ...] = ()) -> str:
    url = {"mongodb": "mongodb://x", "sqlite": "file:dev.db"}.get(provider, f"{provider}://x")
    features = ", ".join(f'"{f}"' for f in preview)
    return (
        f'datasource db {{\n  provider = "{provider}"\n  url = "{url}"\n}}\n\n'
        f'generator client {{\n  provider = "prisma-client-js"\n  previewFeatures = [{features}]\n}}\n\n'
    )


def errors(schema: str) -> list[tuple[int, str]]:
    """The errors of a schema as ``(line, message)``, in report order."""
    return [(d.line, d.message) for d in parse(schema).diagnostics if d.severity == "error"]


def messages(schema: str) -> list[str]:
    return [m for _, m in errors(schema)]


def lines_of(schema: str, needle: str) -> list[int]:
    """The 1-based lines of ``schema`` containing ``needle``."""
    return [i for i, line in enumerate(schema.splitlines(), start=1) if needle in line]
