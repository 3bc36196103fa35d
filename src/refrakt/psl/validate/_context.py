"""What every validation rule may look at: the database, the datasource and its connector."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from refrakt.diagnostics import Diagnostics, Span
from refrakt.psl.db import ParserDatabase

if TYPE_CHECKING:
    pass


@dataclass
class ValidationContext:
    """Inputs of the validation pipeline (Prisma's ``validation_pipeline::Context``).

    ``datasource`` is the first datasource of the configuration (or None), ``connector`` its
    connector (or None: the empty connector, which supports nothing provider-specific),
    ``relation_mode`` ``"foreignKeys"`` or ``"prisma"``.
    """

    db: ParserDatabase
    diagnostics: Diagnostics
    datasource: Any = None
    connector: Any = None
    relation_mode: str = "foreignKeys"
    preview_features: frozenset[str] = frozenset()

    def error(self, message: str, span: Span) -> None:
        self.diagnostics.error(message, span)

    def warning(self, message: str, span: Span) -> None:
        self.diagnostics.warning(message, span)
