"""What every validation rule may look at: the database, the datasource and its connector."""

from __future__ import annotations

from dataclasses import dataclass, field

from refrakt.diagnostics import Diagnostics, Span
from refrakt.psl.config import Configuration, Datasource, PreviewFeature
from refrakt.psl.connectors import Connector, RelationMode
from refrakt.psl.db import ParserDatabase


@dataclass
class ValidationContext:
    """Inputs of the validation pipeline (Prisma's ``validation_pipeline::Context``).

    ``datasource`` is the first datasource of the configuration (or None), ``connector`` its
    connector (None stands for Prisma's empty connector, which supports nothing
    provider-specific), ``relation_mode`` the mode in effect.
    """

    db: ParserDatabase
    diagnostics: Diagnostics
    configuration: Configuration | None = None
    datasource: Datasource | None = None
    connector: Connector | None = None
    relation_mode: RelationMode = RelationMode.FOREIGN_KEYS
    preview_features: frozenset[PreviewFeature] = field(default_factory=frozenset[PreviewFeature])

    @classmethod
    def create(
        cls, db: ParserDatabase, diagnostics: Diagnostics, configuration: Configuration | None
    ) -> ValidationContext:
        ctx = cls(db, diagnostics, configuration)
        if configuration is None:
            return ctx
        ctx.datasource = configuration.datasource
        if ctx.datasource is not None:
            ctx.connector = ctx.datasource.connector
            ctx.relation_mode = ctx.datasource.relation_mode
        ctx.preview_features = configuration.preview_features
        return ctx

    def has_preview_feature(self, name: str) -> bool:
        return name in self.preview_features  # PreviewFeature is a StrEnum

    def error(self, message: str, span: Span) -> None:
        self.diagnostics.error(message, span)

    def warning(self, message: str, span: Span) -> None:
        self.diagnostics.warning(message, span)
