"""Helpers for the configuration tests (imported by the test modules of this folder)."""

from __future__ import annotations

from collections.abc import Mapping

from refrakt.diagnostics import Diagnostics, SourceFile
from refrakt.psl.config import Configuration, load_configuration
from refrakt.psl.parser import parse_schema

Loaded = tuple[Configuration, Diagnostics]


def load_text(text: str, env: Mapping[str, str] | None = None) -> Loaded:
    diagnostics = Diagnostics()
    ast = parse_schema(text, diagnostics)
    assert not diagnostics.errors, [d.message for d in diagnostics.errors]
    return load_configuration([ast], diagnostics, env=env), diagnostics


def messages(diagnostics: Diagnostics) -> list[tuple[str, str]]:
    """(severity, message) of every diagnostic, warnings first."""
    return [(d.severity, d.message) for d in diagnostics.all()]


def highlighted(text: str, diagnostics: Diagnostics) -> list[str]:
    """The source text each diagnostic points at."""
    return [text[d.span.start : d.span.end] for d in diagnostics.all()]


def line_of(text: str, offset: int) -> int:
    return SourceFile("schema.prisma", text).line_col(offset)[0]
