"""The validation pipeline: connector-aware rules over a resolved :class:`ParserDatabase`.

Each rule family lives in its own module with a ``validate(ctx)`` entry point; the pipeline
runs only on a schema whose parsing and resolution produced no errors, as Prisma's does.
"""

from __future__ import annotations

from collections.abc import Callable

from refrakt.psl.validate import _datasource
from refrakt.psl.validate._context import ValidationContext

__all__ = ["RULES", "ValidationContext", "run_validations"]

Rule = Callable[[ValidationContext], None]

# Rule families, in Prisma's order. Modules register here as they are ported.
RULES: list[Rule] = [
    _datasource.validate,
]


def run_validations(ctx: ValidationContext) -> None:
    if ctx.diagnostics.has_errors:
        return
    for rule in RULES:
        rule(ctx)
