"""Diagnostics: the errors and warnings produced while reading a schema."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from refrakt.diagnostics._span import Span

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One error or warning, with its message and the span it points at.

    ``line``/``column``/``end_line``/``end_column`` are 1-based and filled in once the
    diagnostic is attached to its source file (see :meth:`Diagnostics.located`).
    """

    severity: Severity
    message: str
    span: Span
    file: str = "schema.prisma"
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    source_line_text: str = field(default="", repr=False, compare=False)
    rendered: str = field(default="", repr=False, compare=False)

    def __str__(self) -> str:
        return self.rendered or f"{self.severity}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


@dataclass(slots=True)
class Diagnostics:
    """An ordered collection of errors and warnings (kept apart, as Prisma does)."""

    errors: list[Diagnostic] = field(default_factory=list[Diagnostic])
    warnings: list[Diagnostic] = field(default_factory=list[Diagnostic])

    def error(self, message: str, span: Span) -> None:
        self.errors.append(Diagnostic("error", message, span))

    def warning(self, message: str, span: Span) -> None:
        self.warnings.append(Diagnostic("warning", message, span))

    def push(self, diagnostic: Diagnostic) -> None:
        (self.errors if diagnostic.severity == "error" else self.warnings).append(diagnostic)

    def extend(self, other: Diagnostics) -> None:
        self.errors.extend(other.errors)
        self.warnings.extend(other.warnings)

    @property
    def has_errors(self) -> bool:
        return bool(self.errors)

    def all(self) -> list[Diagnostic]:
        """Warnings first, then errors, each in the order they were found."""
        return [*self.warnings, *self.errors]
