"""asyncio primitives for the async pool, with the same surface as their threading twins in
``_compat.py``, so that ``tools/async_to_sync.py`` can write the sync pool from the async one."""

from __future__ import annotations

import asyncio
from contextlib import AbstractContextManager, nullcontext
from typing import Generic, TypeVar

T = TypeVar("T")


def new_lock() -> AbstractContextManager[None]:
    """The pool's lock. Its critical sections never await, so on one event loop they cannot
    interleave: no lock is needed."""
    return nullcontext()


class AsyncWaiter(Generic[T]):
    """A one-shot slot: a task waits for a value that another hands over with :meth:`put`."""

    __slots__ = ("_future",)

    def __init__(self) -> None:
        self._future: asyncio.Future[T] = asyncio.get_running_loop().create_future()

    def put(self, value: T) -> bool:
        """Hand ``value`` over; ``False`` when the waiter has given up (it then keeps nothing)."""
        if self._future.done():
            return False
        self._future.set_result(value)
        return True

    async def wait(self, timeout: float | None) -> tuple[bool, T | None]:
        """``(True, value)``, or ``(False, None)`` after ``timeout`` seconds (``None``: no limit).
        A cancelled wait raises; the caller then calls :meth:`abandon`."""
        try:
            return True, await asyncio.wait_for(asyncio.shield(self._future), timeout)
        except TimeoutError:
            return self.abandon()

    def abandon(self) -> tuple[bool, T | None]:
        """Give up waiting: ``(True, value)`` if a value arrived all the same (the caller must
        pass it on), else ``(False, None)`` and later :meth:`put` calls are refused."""
        if self._future.done() and not self._future.cancelled():
            return True, self._future.result()
        self._future.cancel()
        return False, None
