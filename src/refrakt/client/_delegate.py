# WARNING: generated from _delegate_async.py by tools/async_to_sync.py: edit that file.
"""Model delegates: ``db.user.find_many(where=...)``, one per model, every method of API.md §4.

Generated from ``_delegate_async.py`` by ``tools/async_to_sync.py``: edit that file, not this one.

Every method takes keyword arguments only; an argument that is not given is left out of what the
engine receives (Prisma's ``undefined``), which is not the same as passing ``None`` (``null``).
A delegate belongs to a client or a transaction client and runs its calls there.
"""

from __future__ import annotations

from typing import Any, Protocol

from refrakt._markers import UNSET
from refrakt._record import Record
from refrakt.client._core import Call, ModelCall

__all__ = ["CallRunner", "ModelDelegate", "given"]


class CallRunner(Protocol):
    """Where a delegate's calls run (a client's pool, or a transaction)."""

    def run(self, call: Call) -> Any: ...


def given(arguments: dict[str, Any]) -> dict[str, Any]:
    """The arguments of a method call (its ``locals()``) that were given."""
    arguments.pop("self", None)
    return {k: v for k, v in arguments.items() if v is not UNSET}


_given = given


class ModelDelegate:
    """The queries of one model (``db.order_item`` for the model ``OrderItem``)."""

    __slots__ = ("_runner", "name")

    def __init__(self, runner: CallRunner, model: str) -> None:
        self._runner = runner
        #: The model's name in the schema.
        self.name = model

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}>"

    def find_unique(
        self, *, where: Any = UNSET, select: Any = UNSET, include: Any = UNSET, omit: Any = UNSET
    ) -> Record | None:
        """The record matching the unique ``where``, or ``None``."""
        return self._runner.run(ModelCall(self.name, "find_unique", _given(locals())))

    def find_unique_or_raise(
        self, *, where: Any = UNSET, select: Any = UNSET, include: Any = UNSET, omit: Any = UNSET
    ) -> Record:
        """The record matching the unique ``where``; P2025 if there is none."""
        return self._runner.run(ModelCall(self.name, "find_unique_or_raise", _given(locals())))

    def find_first(
        self,
        *,
        where: Any = UNSET,
        order_by: Any = UNSET,
        cursor: Any = UNSET,
        take: Any = UNSET,
        skip: Any = UNSET,
        distinct: Any = UNSET,
        select: Any = UNSET,
        include: Any = UNSET,
        omit: Any = UNSET,
    ) -> Record | None:
        """The first record matching ``where``, or ``None``."""
        return self._runner.run(ModelCall(self.name, "find_first", _given(locals())))

    def find_first_or_raise(
        self,
        *,
        where: Any = UNSET,
        order_by: Any = UNSET,
        cursor: Any = UNSET,
        take: Any = UNSET,
        skip: Any = UNSET,
        distinct: Any = UNSET,
        select: Any = UNSET,
        include: Any = UNSET,
        omit: Any = UNSET,
    ) -> Record:
        """The first record matching ``where``; P2025 if there is none."""
        return self._runner.run(ModelCall(self.name, "find_first_or_raise", _given(locals())))

    def find_many(
        self,
        *,
        where: Any = UNSET,
        order_by: Any = UNSET,
        cursor: Any = UNSET,
        take: Any = UNSET,
        skip: Any = UNSET,
        distinct: Any = UNSET,
        select: Any = UNSET,
        include: Any = UNSET,
        omit: Any = UNSET,
    ) -> list[Record]:
        """The records matching ``where``."""
        return self._runner.run(ModelCall(self.name, "find_many", _given(locals())))

    def create(self, *, data: Any = UNSET, select: Any = UNSET, include: Any = UNSET, omit: Any = UNSET) -> Record:
        """Create a record (with nested writes) and return it."""
        return self._runner.run(ModelCall(self.name, "create", _given(locals())))

    def create_many(self, *, data: Any = UNSET, skip_duplicates: Any = UNSET) -> int:
        """Create records; the number created."""
        return self._runner.run(ModelCall(self.name, "create_many", _given(locals())))

    def create_many_and_return(
        self,
        *,
        data: Any = UNSET,
        skip_duplicates: Any = UNSET,
        select: Any = UNSET,
        include: Any = UNSET,
        omit: Any = UNSET,
    ) -> list[Record]:
        """Create records and return them."""
        return self._runner.run(ModelCall(self.name, "create_many_and_return", _given(locals())))

    def update(
        self, *, where: Any = UNSET, data: Any = UNSET, select: Any = UNSET, include: Any = UNSET, omit: Any = UNSET
    ) -> Record:
        """Update the record matching the unique ``where``; P2025 if there is none."""
        return self._runner.run(ModelCall(self.name, "update", _given(locals())))

    def update_many(self, *, where: Any = UNSET, data: Any = UNSET, limit: Any = UNSET) -> int:
        """Update the records matching ``where``; the number updated."""
        return self._runner.run(ModelCall(self.name, "update_many", _given(locals())))

    def update_many_and_return(
        self,
        *,
        where: Any = UNSET,
        data: Any = UNSET,
        limit: Any = UNSET,
        select: Any = UNSET,
        include: Any = UNSET,
        omit: Any = UNSET,
    ) -> list[Record]:
        """Update the records matching ``where`` and return them."""
        return self._runner.run(ModelCall(self.name, "update_many_and_return", _given(locals())))

    def upsert(
        self,
        *,
        where: Any = UNSET,
        create: Any = UNSET,
        update: Any = UNSET,
        select: Any = UNSET,
        include: Any = UNSET,
        omit: Any = UNSET,
    ) -> Record:
        """Update the record matching ``where``, or create it."""
        return self._runner.run(ModelCall(self.name, "upsert", _given(locals())))

    def delete(self, *, where: Any = UNSET, select: Any = UNSET, include: Any = UNSET, omit: Any = UNSET) -> Record:
        """Delete the record matching the unique ``where`` and return it; P2025 if there is none."""
        return self._runner.run(ModelCall(self.name, "delete", _given(locals())))

    def delete_many(self, *, where: Any = UNSET, limit: Any = UNSET) -> int:
        """Delete the records matching ``where``; the number deleted."""
        return self._runner.run(ModelCall(self.name, "delete_many", _given(locals())))

    def count(
        self,
        *,
        where: Any = UNSET,
        order_by: Any = UNSET,
        cursor: Any = UNSET,
        take: Any = UNSET,
        skip: Any = UNSET,
        distinct: Any = UNSET,
        select: Any = UNSET,
    ) -> Any:
        """The number of records matching ``where`` (a dict of counts with ``select``)."""
        return self._runner.run(ModelCall(self.name, "count", _given(locals())))

    def aggregate(
        self,
        *,
        where: Any = UNSET,
        order_by: Any = UNSET,
        cursor: Any = UNSET,
        take: Any = UNSET,
        skip: Any = UNSET,
        _count: Any = UNSET,
        _avg: Any = UNSET,
        _sum: Any = UNSET,
        _min: Any = UNSET,
        _max: Any = UNSET,
    ) -> dict[str, Any]:
        """Aggregates of the records matching ``where``."""
        return self._runner.run(ModelCall(self.name, "aggregate", _given(locals())))

    def group_by(
        self,
        *,
        by: Any = UNSET,
        where: Any = UNSET,
        having: Any = UNSET,
        order_by: Any = UNSET,
        take: Any = UNSET,
        skip: Any = UNSET,
        _count: Any = UNSET,
        _avg: Any = UNSET,
        _sum: Any = UNSET,
        _min: Any = UNSET,
        _max: Any = UNSET,
    ) -> list[dict[str, Any]]:
        """Groups of the records matching ``where``, with their aggregates."""
        return self._runner.run(ModelCall(self.name, "group_by", _given(locals())))
