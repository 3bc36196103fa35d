# WARNING: generated from _executor_async.py by tools/async_to_sync.py: edit that file.
"""Where a client's calls run: on a pooled connection, or inside a transaction.

Generated from ``_executor_async.py`` by ``tools/async_to_sync.py``: edit that file, not this one.

:class:`PoolExecutor` owns the client's pool, created on the first call (lazy connect) or by
``connect()``. Each call takes a connection for itself and gives it back, unless a transaction of
the same client is open in the current context (``with db.transaction():`` in this thread or
task): then the call joins that transaction, so that a function handed the client takes part in
the caller's transaction instead of waiting for its locks.

:class:`TransactionExecutor` holds one connection in a transaction. Its calls run one at a
time. Past ``timeout`` seconds the next call, or the commit, rolls the transaction back and
raises P2028 with Prisma's message ("A query cannot be executed on an expired transaction"); a
call after the end raises P2028 too.
"""

from __future__ import annotations

import threading
import time
from contextvars import ContextVar, Token
from typing import Any

from refrakt.client._core import Call, ClientCore, Prepared, RawCall
from refrakt.client._logged import logged
from refrakt.client._raw import RawStatement, decode_rows, wrap_raw_error
from refrakt.drivers import Connection, Pool
from refrakt.errors import PoolTimeoutError, RefraktError, TransactionError

__all__ = ["PoolExecutor", "TransactionExecutor"]

#: The transactions open in the current context (thread or task), innermost last.
_ACTIVE: ContextVar[tuple[TransactionExecutor, ...]] = ContextVar("refrakt_transactions", default=())


def _execute(core: ClientCore, conn: Connection, call: Call, prepared: Prepared) -> Any:
    conn = logged(conn, core.events, call.target)
    if isinstance(prepared, RawStatement):
        try:
            if isinstance(call, RawCall) and call.returns_rows:
                columns, _, rows = conn.query_typed(prepared.sql, prepared.params)
                return decode_rows((columns, rows))
            return conn.execute(prepared.sql, prepared.params)
        except RefraktError as exc:
            wrapped = wrap_raw_error(exc)
            if wrapped is exc:
                raise
            raise wrapped from exc
    return prepared.run(conn)


class PoolExecutor:
    """Runs calls on connections of the client's pool."""

    def __init__(self, core: ClientCore) -> None:
        self.core = core
        self._pool: Pool | None = None
        self._lock = threading.Lock()

    # --- the pool ------------------------------------------------------------------------------------

    @property
    def connected(self) -> bool:
        return self._pool is not None

    def pool(self) -> Pool:
        """The pool, made on first use (it opens connections only when they are needed)."""
        pool = self._pool
        if pool is not None:
            return pool
        with self._lock:
            if self._pool is None:
                core = self.core
                config = core.setup.connection_config()
                self._pool = Pool(config, connection_limit=core.connection_limit, pool_timeout=core.pool_timeout)
                core.events.log(
                    "info",
                    f"Starting a {core.provider} pool with {self._pool.config.connection_limit} connections.",
                    "connect",
                )
            return self._pool

    def connect(self) -> None:
        self.pool().open()

    def disconnect(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.close()

    # --- calls ---------------------------------------------------------------------------------------

    def current_transaction(self) -> TransactionExecutor | None:
        for tx in reversed(_ACTIVE.get()):
            if tx.parent is self:
                return tx
        return None

    def run(self, call: Call) -> Any:
        tx = self.current_transaction()
        if tx is not None:
            return tx.run(call)
        prepared = self.core.prepare(call)
        pool = self.pool()
        conn = pool.acquire()
        try:
            return _execute(self.core, conn, call, prepared)
        finally:
            pool.release(conn)

    def run_each(self, calls: list[Call]) -> list[Any]:
        """Each call on its own (autocommit); a failure becomes that call's result."""
        results: list[Any] = []
        for call in calls:
            try:
                results.append(self.run(call))
            except Exception as exc:
                results.append(exc)
        return results

    def run_all(self, calls: list[Call], isolation_level: str | None, max_wait: float) -> list[Any]:
        """All calls in one transaction: every call is validated first, then any failure rolls
        back all of them and raises."""
        prepared = [self.core.prepare(call) for call in calls]
        outer = self.current_transaction()
        if outer is not None:
            return [outer.run_prepared(call, p) for call, p in zip(calls, prepared, strict=True)]
        tx = self.begin(isolation_level, max_wait=max_wait, timeout=None)
        try:
            results = [tx.run_prepared(call, p) for call, p in zip(calls, prepared, strict=True)]
        except BaseException as exc:
            tx.finish(exc)
            raise
        tx.finish(None)
        return results

    # --- transactions --------------------------------------------------------------------------------

    def begin(
        self, isolation_level: str | None, *, max_wait: float | None, timeout: float | None
    ) -> TransactionExecutor:
        """A connection in a new transaction, or P2028 if none is free within ``max_wait`` seconds."""
        if self.current_transaction() is not None:
            raise TransactionError.because(
                "A transaction of this client is already open here: use its transaction client "
                "(nested transactions are not supported)."
            )
        pool = self.pool()
        try:
            conn = pool.acquire(timeout=max_wait)
        except PoolTimeoutError as exc:
            raise TransactionError.because("Unable to start a transaction in the given time.") from exc
        try:
            logged(conn, self.core.events, "transaction").begin(isolation_level)
        except BaseException:
            pool.release(conn)
            raise
        return TransactionExecutor(self, pool, conn, timeout)


class TransactionExecutor:
    """Runs calls on one connection inside a transaction, until :meth:`finish`."""

    def __init__(self, parent: PoolExecutor, pool: Pool, conn: Connection, timeout: float | None) -> None:
        self.parent = parent
        self.core = parent.core
        self._pool = pool
        self._conn = conn
        self._timeout = timeout
        self._started = time.monotonic()
        self._state = "open"  # "committed", "rolled back", "expired"
        self._elapsed = 0.0
        self._lock = threading.Lock()

    @property
    def state(self) -> str:
        return self._state

    def activate(self) -> Token[tuple[TransactionExecutor, ...]]:
        """Make this the current transaction of the parent client in this context."""
        return _ACTIVE.set((*_ACTIVE.get(), self))

    def deactivate(self, token: Token[tuple[TransactionExecutor, ...]]) -> None:
        try:
            _ACTIVE.reset(token)
        except ValueError:  # left in another context than it was entered in
            _ACTIVE.set(tuple(tx for tx in _ACTIVE.get() if tx is not self))

    def run(self, call: Call) -> Any:
        return self.run_prepared(call, self.core.prepare(call))

    def run_prepared(self, call: Call, prepared: Prepared) -> Any:
        with self._lock:
            self._check("query")
            return _execute(self.core, self._conn, call, prepared)

    def finish(self, error: BaseException | None) -> None:
        """Commit (``error`` is ``None``) or roll back, and give the connection back."""
        with self._lock:
            if error is not None:
                if self._state == "open":
                    self._end("rolled back")
                return
            self._check("commit")
            self._end("committed")

    def _check(self, what: str) -> None:
        if self._state == "open" and self._timeout is not None:
            elapsed = time.monotonic() - self._started
            if elapsed > self._timeout:
                self._elapsed = elapsed
                self._end("expired")
        if self._state != "open":
            raise self._closed_error(what)

    def _end(self, state: str) -> None:
        conn = self._conn
        self._state = state
        try:
            tx_conn = logged(conn, self.core.events, "transaction")
            if state == "committed":
                try:
                    if conn.in_transaction:  # MySQL ends a transaction by itself at DDL
                        tx_conn.commit()
                except BaseException:
                    self._state = "rolled back"
                    if not conn.closed and conn.in_transaction:
                        try:
                            tx_conn.rollback()
                        except Exception:
                            conn.close()
                    raise
            elif not conn.closed and conn.in_transaction:
                try:
                    tx_conn.rollback()
                except Exception:  # the transaction's own error matters more; drop the connection
                    conn.close()
        finally:
            self._pool.release(conn)

    def _closed_error(self, what: str) -> TransactionError:
        if self._state == "expired":
            timeout_ms = round((self._timeout or 0) * 1000)
            return TransactionError.because(
                f"Transaction already closed: A {what} cannot be executed on an expired transaction. The timeout "
                f"for this transaction was {timeout_ms} ms, however {round(self._elapsed * 1000)} ms passed since "
                "the start of the transaction. Consider increasing the interactive transaction timeout or doing "
                "less work in the transaction."
            )
        state = "a committed transaction" if self._state == "committed" else "a transaction that was rolled back"
        return TransactionError.because(f"Transaction already closed: A {what} cannot be executed on {state}.")
