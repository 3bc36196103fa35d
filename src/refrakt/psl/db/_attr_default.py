"""``@default(...)`` on model fields and composite type fields.

SCAFFOLD (being ported): the value argument is recorded without validation; the full rules come
from Prisma's ``attributes/default.rs``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from refrakt.psl.db._context import ArgumentError, AttributeVisitor
from refrakt.psl.db._types import DefaultAttribute, FieldId, TopId

if TYPE_CHECKING:
    from refrakt.psl.db._database import ParserDatabase


def visit_model_field_default(db: ParserDatabase, v: AttributeVisitor, sfid: int) -> None:
    try:
        idx, _ = v.visit_default_arg_with_idx("value")
    except ArgumentError as err:
        v.push_argument_error(err)
        return
    db.scalar_fields[sfid].default = DefaultAttribute(v.current_attribute_id, idx)
    v.discard_arguments()


def visit_composite_field_default(db: ParserDatabase, v: AttributeVisitor, ct_id: TopId, field_id: FieldId) -> None:
    try:
        idx, _ = v.visit_default_arg_with_idx("value")
    except ArgumentError as err:
        v.push_argument_error(err)
        return
    db.composite_type_fields[(ct_id, field_id)].default = DefaultAttribute(v.current_attribute_id, idx)
    v.discard_arguments()
