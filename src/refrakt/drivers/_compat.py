"""threading primitives for the sync pool, the twins of those in ``_compat_async.py``."""

from __future__ import annotations

import threading
from contextlib import AbstractContextManager
from typing import Generic, TypeVar

T = TypeVar("T")


def new_lock() -> AbstractContextManager[bool]:
    """The pool's lock: its critical sections are short and never do I/O."""
    return threading.Lock()


class Waiter(Generic[T]):
    """A one-shot slot: a thread waits for a value that another hands over with :meth:`put`."""

    __slots__ = ("_cond", "_state", "_value")

    def __init__(self) -> None:
        self._cond = threading.Condition(threading.Lock())
        self._state = 0  # 0 waiting, 1 filled, 2 given up
        self._value: T | None = None

    def put(self, value: T) -> bool:
        """Hand ``value`` over; ``False`` when the waiter has given up (it then keeps nothing)."""
        with self._cond:
            if self._state:
                return False
            self._value, self._state = value, 1
            self._cond.notify()
            return True

    def wait(self, timeout: float | None) -> tuple[bool, T | None]:
        """``(True, value)``, or ``(False, None)`` after ``timeout`` seconds (``None``: no limit)."""
        with self._cond:
            self._cond.wait_for(lambda: self._state != 0, timeout)
            if self._state == 1:
                return True, self._value
            self._state = 2
            return False, None

    def abandon(self) -> tuple[bool, T | None]:
        """Give up waiting: ``(True, value)`` if a value arrived all the same (the caller must
        pass it on), else ``(False, None)`` and later :meth:`put` calls are refused."""
        with self._cond:
            if self._state == 1:
                return True, self._value
            self._state = 2
            return False, None
