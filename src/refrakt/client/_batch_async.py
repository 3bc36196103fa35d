"""``db.batch(transaction=True)`` as a context manager: queued calls, run in order when the block ends.

refrakt: async-to-sync (``tools/async_to_sync.py`` writes ``_batch.py`` from this file).

With ``transaction=True`` every call is validated first and then all run in one transaction (at
``isolation_level``): any failure rolls back all of them and raises it. With ``transaction=False``
each call runs on its own and ``b.results`` holds its result or its exception object. A block that
raises runs nothing. Inside ``db.transaction()`` the calls join that transaction.
"""

from __future__ import annotations

from types import TracebackType

from refrakt.client._batch_queue import BatchBase
from refrakt.client._core import ClientCore
from refrakt.client._executor_async import AsyncPoolExecutor

__all__ = ["AsyncBatch"]


class AsyncBatch(BatchBase):
    """A batch of an ``AsyncClient``: ``b.user.create(...)``, ``b.model("Post")``, ``b.execute_raw(...)``."""

    def __init__(
        self,
        core: ClientCore,
        executor: AsyncPoolExecutor,
        *,
        transaction: bool = True,
        isolation_level: str | None = None,
        max_wait: float = 2.0,
    ) -> None:
        super().__init__(core, transaction=transaction, isolation_level=isolation_level)
        self._executor = executor
        self._max_wait = max_wait

    async def _run(self) -> None:
        calls = self._queue.take()
        if not calls:
            results: list[object] = []
        elif self._transaction:
            results = await self._executor.run_all(calls, self._isolation_level, self._max_wait)
        else:
            results = await self._executor.run_each(calls)
        self._queue.settle(results)

    async def __aenter__(self) -> AsyncBatch:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc_type is not None:
            self._queue.take()  # the block failed: nothing runs
            return
        await self._run()
