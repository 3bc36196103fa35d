"""Datasource rules that Prisma checks in the validation pipeline (``schemas``, ``extensions``)."""

from __future__ import annotations

from refrakt.psl.config import validate_datasource
from refrakt.psl.validate._context import ValidationContext


def validate(ctx: ValidationContext) -> None:
    validate_datasource(ctx.datasource, ctx.preview_features, ctx.diagnostics)
