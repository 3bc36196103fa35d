"""Batches, the part without I/O: queued calls and their delegates (``b.user.create(...)``).

``with db.batch() as b:`` gives a :class:`BatchBase` (``Batch``/``AsyncBatch``) that has the
client's delegates, ``model()`` and raw methods, but whose calls only queue: each returns a
:class:`BatchItem`, and the batch runs them in order when the block ends. ``b.results`` then holds
the results in order (with ``transaction=False``, the exception object of a call that failed).
Queuing is the same for ``Client`` and ``AsyncClient`` (no ``await`` in the block).
"""

from __future__ import annotations

from typing import Any

from refrakt._markers import UNSET
from refrakt.client._core import Call, ClientCore, ModelCall, RawCall
from refrakt.client._delegate_async import given

__all__ = ["BatchBase", "BatchItem", "BatchModelDelegate", "BatchQueue"]

_given = given
_PENDING: Any = object()


class BatchItem:
    """A queued call of a batch; :attr:`result` once the batch has run."""

    __slots__ = ("_value", "call", "index")

    def __init__(self, call: Call, index: int) -> None:
        self.call = call
        self.index = index
        self._value: Any = _PENDING

    @property
    def done(self) -> bool:
        return self._value is not _PENDING

    @property
    def result(self) -> Any:
        """The call's result; raises the call's error if it failed (``transaction=False``)."""
        if self._value is _PENDING:
            raise RuntimeError("the batch has not run yet: results are there when its `with` block ends")
        if isinstance(self._value, BaseException):
            raise self._value
        return self._value

    def settle(self, value: Any) -> None:
        self._value = value

    def __repr__(self) -> str:
        state = "pending" if self._value is _PENDING else "done"
        return f"<BatchItem {self.index} {self.call.target} {state}>"


class BatchModelDelegate:
    """A model's methods in a batch: each queues its call and returns a :class:`BatchItem`."""

    __slots__ = ("_queue", "name")

    def __init__(self, queue: BatchQueue, model: str) -> None:
        self._queue = queue
        self.name = model

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}>"

    def find_unique(
        self, *, where: Any = UNSET, select: Any = UNSET, include: Any = UNSET, omit: Any = UNSET
    ) -> BatchItem:
        """Queue ``find_unique``: the record matching the unique ``where``, or ``None``."""
        return self._queue.add(ModelCall(self.name, "find_unique", _given(locals())))

    def find_unique_or_raise(
        self, *, where: Any = UNSET, select: Any = UNSET, include: Any = UNSET, omit: Any = UNSET
    ) -> BatchItem:
        """Queue ``find_unique_or_raise``: the record matching the unique ``where``; P2025 if there is none."""
        return self._queue.add(ModelCall(self.name, "find_unique_or_raise", _given(locals())))

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
    ) -> BatchItem:
        """Queue ``find_first``: the first record matching ``where``, or ``None``."""
        return self._queue.add(ModelCall(self.name, "find_first", _given(locals())))

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
    ) -> BatchItem:
        """Queue ``find_first_or_raise``: the first record matching ``where``; P2025 if there is none."""
        return self._queue.add(ModelCall(self.name, "find_first_or_raise", _given(locals())))

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
    ) -> BatchItem:
        """Queue ``find_many``: the records matching ``where``."""
        return self._queue.add(ModelCall(self.name, "find_many", _given(locals())))

    def create(self, *, data: Any = UNSET, select: Any = UNSET, include: Any = UNSET, omit: Any = UNSET) -> BatchItem:
        """Queue ``create``: create a record (with nested writes) and return it."""
        return self._queue.add(ModelCall(self.name, "create", _given(locals())))

    def create_many(self, *, data: Any = UNSET, skip_duplicates: Any = UNSET) -> BatchItem:
        """Queue ``create_many``: create records; the number created."""
        return self._queue.add(ModelCall(self.name, "create_many", _given(locals())))

    def create_many_and_return(
        self,
        *,
        data: Any = UNSET,
        skip_duplicates: Any = UNSET,
        select: Any = UNSET,
        include: Any = UNSET,
        omit: Any = UNSET,
    ) -> BatchItem:
        """Queue ``create_many_and_return``: create records and return them."""
        return self._queue.add(ModelCall(self.name, "create_many_and_return", _given(locals())))

    def update(
        self, *, where: Any = UNSET, data: Any = UNSET, select: Any = UNSET, include: Any = UNSET, omit: Any = UNSET
    ) -> BatchItem:
        """Queue ``update``: update the record matching the unique ``where``; P2025 if there is none."""
        return self._queue.add(ModelCall(self.name, "update", _given(locals())))

    def update_many(self, *, where: Any = UNSET, data: Any = UNSET, limit: Any = UNSET) -> BatchItem:
        """Queue ``update_many``: update the records matching ``where``; the number updated."""
        return self._queue.add(ModelCall(self.name, "update_many", _given(locals())))

    def update_many_and_return(
        self,
        *,
        where: Any = UNSET,
        data: Any = UNSET,
        limit: Any = UNSET,
        select: Any = UNSET,
        include: Any = UNSET,
        omit: Any = UNSET,
    ) -> BatchItem:
        """Queue ``update_many_and_return``: update the records matching ``where`` and return them."""
        return self._queue.add(ModelCall(self.name, "update_many_and_return", _given(locals())))

    def upsert(
        self,
        *,
        where: Any = UNSET,
        create: Any = UNSET,
        update: Any = UNSET,
        select: Any = UNSET,
        include: Any = UNSET,
        omit: Any = UNSET,
    ) -> BatchItem:
        """Queue ``upsert``: update the record matching ``where``, or create it."""
        return self._queue.add(ModelCall(self.name, "upsert", _given(locals())))

    def delete(self, *, where: Any = UNSET, select: Any = UNSET, include: Any = UNSET, omit: Any = UNSET) -> BatchItem:
        """Queue ``delete``: delete the record matching the unique ``where`` and return it; P2025 if there is none."""
        return self._queue.add(ModelCall(self.name, "delete", _given(locals())))

    def delete_many(self, *, where: Any = UNSET, limit: Any = UNSET) -> BatchItem:
        """Queue ``delete_many``: delete the records matching ``where``; the number deleted."""
        return self._queue.add(ModelCall(self.name, "delete_many", _given(locals())))

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
    ) -> BatchItem:
        """Queue ``count``: the number of records matching ``where`` (a dict of counts with ``select``)."""
        return self._queue.add(ModelCall(self.name, "count", _given(locals())))

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
    ) -> BatchItem:
        """Queue ``aggregate``: aggregates of the records matching ``where``."""
        return self._queue.add(ModelCall(self.name, "aggregate", _given(locals())))

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
    ) -> BatchItem:
        """Queue ``group_by``: groups of the records matching ``where``, with their aggregates."""
        return self._queue.add(ModelCall(self.name, "group_by", _given(locals())))


class BatchQueue:
    """The calls of a batch, in order."""

    __slots__ = ("closed", "items", "results")

    def __init__(self) -> None:
        self.items: list[BatchItem] = []
        self.results: list[Any] | None = None
        self.closed = False

    def add(self, call: Call) -> BatchItem:
        if self.closed:
            raise RuntimeError("this batch has already ended: queue calls inside its `with` block")
        item = BatchItem(call, len(self.items))
        self.items.append(item)
        return item

    def take(self) -> list[Call]:
        """End the queue; the calls to run, in order."""
        self.closed = True
        return [item.call for item in self.items]

    def settle(self, results: list[Any]) -> None:
        for item, value in zip(self.items, results, strict=True):
            item.settle(value)
        self.results = results


class BatchBase:
    """A batch's delegates (``b.user``), ``model()``, raw methods and ``results``."""

    def __init__(self, core: ClientCore, *, transaction: bool, isolation_level: str | None) -> None:
        self._core = core
        self._queue = BatchQueue()
        self._transaction = transaction
        self._isolation_level = isolation_level

    # --- delegates -----------------------------------------------------------------------------------

    def __getattr__(self, name: str) -> BatchModelDelegate:
        if name.startswith("_"):
            raise AttributeError(name)
        model = self._core.model_of.get(name)
        if model is None:
            raise self._core.unknown_attribute(type(self).__name__, name)
        delegate = BatchModelDelegate(self._queue, model)
        object.__setattr__(self, name, delegate)
        return delegate

    def __dir__(self) -> list[str]:
        return sorted({*super().__dir__(), *self._core.model_of})

    def model(self, name: str) -> BatchModelDelegate:
        """The delegate of the model ``name`` (``b.model("OrderItem")`` is ``b.order_item``)."""
        delegate: BatchModelDelegate = getattr(self, self._core.attribute_of[self._core.check_model(name)])
        return delegate

    # --- raw SQL -------------------------------------------------------------------------------------

    def query_raw(self, query: object, *params: Any) -> BatchItem:
        """Queue ``query_raw`` (``$1 … $n`` placeholders, or a ``refrakt.sql`` fragment)."""
        return self._queue.add(RawCall("query_raw", query, params))

    def execute_raw(self, query: object, *params: Any) -> BatchItem:
        """Queue ``execute_raw`` (``$1 … $n`` placeholders, or a ``refrakt.sql`` fragment)."""
        return self._queue.add(RawCall("execute_raw", query, params))

    def query_raw_unsafe(self, query: str, *params: Any) -> BatchItem:
        """Queue ``query_raw_unsafe`` (the database's own placeholders)."""
        return self._queue.add(RawCall("query_raw_unsafe", query, params))

    def execute_raw_unsafe(self, query: str, *params: Any) -> BatchItem:
        """Queue ``execute_raw_unsafe`` (the database's own placeholders)."""
        return self._queue.add(RawCall("execute_raw_unsafe", query, params))

    # --- results -------------------------------------------------------------------------------------

    @property
    def results(self) -> list[Any]:
        """The results in the order the calls were queued (after the ``with`` block)."""
        results = self._queue.results
        if results is None:
            raise RuntimeError("the batch has not run yet: results are there when its `with` block ends")
        return results

    def __len__(self) -> int:
        return len(self._queue.items)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {len(self)} calls transaction={self._transaction}>"
