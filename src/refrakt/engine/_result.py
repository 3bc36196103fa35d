"""The result of a read as API.md §4 states it: a list, a record or ``None``, or P2025."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from refrakt._record import Record
from refrakt.errors import RecordNotFoundError

if TYPE_CHECKING:
    from refrakt.engine._plan import ReadPlan

#: Prisma's cause of the P2025 of ``find_unique_or_raise`` / ``find_first_or_raise``.
NOT_FOUND_CAUSE = "No record was found for a query."


def read_result(plan: ReadPlan, records: Sequence[Record]) -> Any:
    if plan.kind == "many":
        return records if isinstance(records, list) else list(records)
    if records:
        return records[0]
    if plan.raise_if_missing:
        raise RecordNotFoundError.because(NOT_FOUND_CAUSE, model_name=plan.model)
    return None
