"""The ``relationMode = "prisma"`` warning for relation scalar fields without an index.

Port of ``validate_missing_relation_indexes`` (Prisma's ``validations/relation_fields.rs``).
Without foreign keys the database creates no index for the referencing fields, so Prisma
suggests one: the referencing fields must be a left-most prefix of some index, unique
constraint or the primary key of the model.
"""

from __future__ import annotations

from collections.abc import Sequence

from refrakt.psl.connectors import EMPTY_CONNECTOR, Connector
from refrakt.psl.db import FieldWithArgs
from refrakt.psl.db._walk_relations import RelationFieldWalker
from refrakt.psl.validate._context import ValidationContext

MISSING_INDEX_WARNING = (
    'With `relationMode = "prisma"`, no foreign keys are used, so relation fields will not benefit from the '
    "index usually created by the relational database under the hood. This can lead to poor performance when "
    "querying these fields. We recommend adding an index manually. Learn more at "
    'https://pris.ly/d/relation-mode-prisma-indexes" '
)


def _field_ids(fields: Sequence[FieldWithArgs], field: RelationFieldWalker) -> list[int]:
    """The AST field index of each index entry (for a composite path: the last field's index)."""
    out: list[int] = []
    for f in fields:
        if f.path.path:
            out.append(f.path.path[-1][1])
        else:
            out.append(field.db.scalar_fields[f.path.root].field_id)
    return out


def _is_leftwise_included(sub: list[int], group: list[int]) -> bool:
    return len(sub) <= len(group) and group[: len(sub)] == sub


def validate_missing_relation_indexes(ctx: ValidationContext, field: RelationFieldWalker) -> None:
    connector = ctx.connector if isinstance(ctx.connector, Connector) else EMPTY_CONNECTOR
    if not connector.suggests_missing_relation_indexes or str(ctx.relation_mode) != "prisma":
        return
    fields = field.fields
    if fields is None:
        return
    referencing = [field.db.scalar_fields[sfid].field_id for sfid in fields]
    attrs = field.db.model_attributes.get(field.model_id)
    if attrs is not None:
        for _, index in attrs.ast_indexes:
            if _is_leftwise_included(referencing, _field_ids(index.fields, field)):
                return
        pk = attrs.primary_key
        if pk is not None and _is_leftwise_included(referencing, _field_ids(pk.fields, field)):
            return
    ctx.warning(MISSING_INDEX_WARNING, field.span_for_attribute() or field.span)
