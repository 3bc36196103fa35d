"""Fourth pass: relation inference (pairing relation fields into relations).

SCAFFOLD (being ported from Prisma's ``relations.rs``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from refrakt.psl.db._database import ParserDatabase


def infer_relations(db: ParserDatabase) -> None:
    """Pair relation fields into relations (not yet ported)."""
