"""Source spans and user-facing diagnostics (errors and warnings) for schema files.

A :class:`Diagnostic` always points at a :class:`Span` of a file; ``str(diagnostic)``
renders it the way Prisma does (``error: ...``, ``-->  schema.prisma:6``, numbered lines).
"""

from refrakt.diagnostics._diagnostic import Diagnostic, Diagnostics, Severity
from refrakt.diagnostics._render import render, render_all
from refrakt.diagnostics._span import SourceFile, Span

__all__ = ["Diagnostic", "Diagnostics", "Severity", "SourceFile", "Span", "render", "render_all"]
