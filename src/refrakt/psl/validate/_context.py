"""What every validation rule may look at: the database, the datasource and its connector."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from refrakt.diagnostics import Diagnostics, Span
from refrakt.psl.config import Configuration, Datasource, PreviewFeature
from refrakt.psl.connectors import Connector, RelationMode
from refrakt.psl.db import ParserDatabase
from refrakt.psl.db._types import ModelId

T = TypeVar("T")


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
    _memo: dict[str, Any] = field(default_factory=dict[str, Any], repr=False)

    def memo(self, key: str, build: Callable[[], T]) -> T:
        """``build()`` once per validation run (tables several rule families read)."""
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]

    # Prisma validates model by model (then views) and returns from the whole pipeline at the first
    # ambiguous relation field: `stop_at` is (position of its model in that order, its field
    # index in the model), set by `run_validations`; `model_order` maps a model to its position.
    stop_at: tuple[int, int] | None = None
    model_order: dict[ModelId, int] = field(default_factory=dict[ModelId, int])

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

    def reaches_model(self, model_id: ModelId, *, index_rules: bool = False) -> bool:
        """Whether Prisma's model loop runs this model's rules before it stops at an ambiguity.

        The model holding the ambiguous field still gets its model and scalar-field rules, but
        not its index rules (``index_rules=True``), which come after the relation fields.
        """
        if self.stop_at is None:
            return True
        position = self.model_order.get(model_id, -1)
        return position < self.stop_at[0] or (position == self.stop_at[0] and not index_rules)

    def reaches_relation_field(self, model_id: ModelId, field_id: int) -> bool:
        """Whether the rules of this relation field run (those after the ambiguous field do not)."""
        if self.stop_at is None:
            return True
        position = self.model_order.get(model_id, -1)
        return position < self.stop_at[0] or (position == self.stop_at[0] and field_id < self.stop_at[1])

    @property
    def reaches_end_of_model_loop(self) -> bool:
        """False when an ambiguity stopped the pipeline (no enum or relation rules run then)."""
        return self.stop_at is None

    def has_preview_feature(self, name: str) -> bool:
        return name in self.preview_features  # PreviewFeature is a StrEnum

    def error(self, message: str, span: Span) -> None:
        self.diagnostics.error(message, span)

    def warning(self, message: str, span: Span) -> None:
        self.diagnostics.warning(message, span)
