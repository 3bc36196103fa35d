"""``@relation(name, fields, references, onDelete, onUpdate, map)`` on relation fields.

SCAFFOLD (being ported): arguments are accepted without validation; the full rules come from
Prisma's ``attributes.rs`` (``visit_relation``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from refrakt.psl.db._context import AttributeVisitor

if TYPE_CHECKING:
    from refrakt.psl.db._database import ParserDatabase


def visit_relation(db: ParserDatabase, v: AttributeVisitor, rfid: int) -> None:
    db.relation_fields[rfid].relation_attribute = v.current_attribute_id
    v.discard_arguments()
