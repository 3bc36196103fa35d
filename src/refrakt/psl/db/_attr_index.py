"""``@unique``, ``@@unique``, ``@@index``, ``@@fulltext`` and ``@shardKey``/``@@shardKey``.

SCAFFOLD (being ported): arguments are accepted without validation; the full rules come from
Prisma's ``attributes.rs`` (index functions) and ``types/index_fields.rs``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from refrakt.psl.db._context import AttributeVisitor
from refrakt.psl.db._types import FieldWithArgs, IndexAttribute, IndexFieldPath, IndexType, ModelAttributes, ModelId

if TYPE_CHECKING:
    from refrakt.psl.db._database import ParserDatabase


def visit_field_unique(db: ParserDatabase, v: AttributeVisitor, sfid: int, attrs: ModelAttributes) -> None:
    attrs.ast_indexes.append(
        (
            v.current_attribute_id,
            IndexAttribute(type=IndexType.Unique, fields=[FieldWithArgs(IndexFieldPath(sfid))], source_field=sfid),
        )
    )
    v.discard_arguments()


def visit_model_index(db: ParserDatabase, v: AttributeVisitor, model_id: ModelId, attrs: ModelAttributes) -> None:
    v.discard_arguments()


def visit_model_unique(db: ParserDatabase, v: AttributeVisitor, model_id: ModelId, attrs: ModelAttributes) -> None:
    v.discard_arguments()


def visit_model_fulltext(db: ParserDatabase, v: AttributeVisitor, model_id: ModelId, attrs: ModelAttributes) -> None:
    v.discard_arguments()


def visit_model_shard_key(db: ParserDatabase, v: AttributeVisitor, model_id: ModelId, attrs: ModelAttributes) -> None:
    v.discard_arguments()


def visit_field_shard_key(db: ParserDatabase, v: AttributeVisitor, sfid: int, attrs: ModelAttributes) -> None:
    v.discard_arguments()
