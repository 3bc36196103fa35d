"""The dynamic client, ``AsyncClient.from_schema(schema, url=...)``; also the base of generated clients.

refrakt: async-to-sync (``tools/async_to_sync.py`` writes ``_client.py`` from this file).

A client has one delegate per model (``db.order_item`` for ``OrderItem``; ``db.model("OrderItem")``),
the raw SQL methods, ``transaction()``, ``batch()`` and ``on()``. A transaction client has the
delegates, ``model()`` and the raw SQL methods. Examples are in :mod:`refrakt.client`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from types import TracebackType
from typing import Any, ClassVar, Self, TypeVar, overload

from refrakt.client._batch_async import AsyncBatch
from refrakt.client._core import ClientCore, RawCall
from refrakt.client._delegate_async import AsyncCallRunner, AsyncModelDelegate
from refrakt.client._events import Events, LogOption, as_log_options
from refrakt.client._executor_async import AsyncPoolExecutor, AsyncTransactionExecutor
from refrakt.client._setup import SchemaSource, load_setup
from refrakt.ir import DataModel

__all__ = ["AsyncClient", "AsyncClientBase", "AsyncTransactionClient", "AsyncTransactionContext"]

F = TypeVar("F", bound=Callable[[Any], object])


class AsyncClientBase:
    """Delegates, ``model()``, ``datamodel`` and raw SQL over a runner (a pool or a transaction)."""

    def __init__(self, core: ClientCore, runner: AsyncCallRunner) -> None:
        self._core = core
        self._runner = runner

    def __getattr__(self, name: str) -> AsyncModelDelegate:
        if name.startswith("_"):
            raise AttributeError(name)
        model = self._core.model_of.get(name)
        if model is None:
            raise self._core.unknown_attribute(type(self).__name__, name)
        delegate = AsyncModelDelegate(self._runner, model)
        object.__setattr__(self, name, delegate)  # found directly from now on
        return delegate

    def __dir__(self) -> list[str]:
        return sorted({*super().__dir__(), *self._core.model_of})

    @property
    def datamodel(self) -> DataModel:
        """The schema's data model: ``.models[name].fields[name]`` (``kind``, ``type``, ...), ``.enums``."""
        return self._core.datamodel

    @property
    def provider(self) -> str:
        """``"sqlite"``, ``"postgresql"`` or ``"mysql"``."""
        return self._core.provider

    def model(self, name: str) -> AsyncModelDelegate:
        """The delegate of the model ``name``: ``db.model("OrderItem")`` is ``db.order_item``."""
        delegate: AsyncModelDelegate = getattr(self, self._core.attribute_of[self._core.check_model(name)])
        return delegate

    # --- raw SQL -------------------------------------------------------------------------------------

    async def query_raw(self, query: object, *params: Any) -> list[dict[str, Any]]:
        """Rows of a raw query as dicts. ``$1 … $n`` placeholders on every database, or a
        ``refrakt.sql`` fragment (or a t-string) whose values are bound."""
        rows: list[dict[str, Any]] = await self._runner.run(RawCall("query_raw", query, params))
        return rows

    async def execute_raw(self, query: object, *params: Any) -> int:
        """Run a raw statement; the number of rows it changed. Placeholders as :meth:`query_raw`."""
        count: int = await self._runner.run(RawCall("execute_raw", query, params))
        return count

    async def query_raw_unsafe(self, query: str, *params: Any) -> list[dict[str, Any]]:
        """Rows of a raw query, the text passed as it is with the database's own placeholders
        (``?`` on SQLite and MySQL, ``$1`` on PostgreSQL). Never build ``query`` from user input."""
        rows: list[dict[str, Any]] = await self._runner.run(RawCall("query_raw_unsafe", query, params))
        return rows

    async def execute_raw_unsafe(self, query: str, *params: Any) -> int:
        """Run a raw statement passed as it is (see :meth:`query_raw_unsafe`); the rows changed."""
        count: int = await self._runner.run(RawCall("execute_raw_unsafe", query, params))
        return count


class AsyncClient(AsyncClientBase):
    """A client of one database, described by a Prisma schema.

    ``AsyncClient.from_schema(schema, url=..., provider=..., relation_mode=..., log=[...])``, or
    ``AsyncClient(schema=..., url=...)``; a generated client sets :attr:`__schema__` instead.
    Options: ``log`` (``["query", "info", "warn", "error"]``), ``connection_limit`` and
    ``pool_timeout`` (override the URL's), ``base_dir`` (what a relative SQLite path is
    relative to; the schema file's folder by default).
    """

    #: The schema of a generated client (text or a path), used when no ``schema=`` is given.
    __schema__: ClassVar[SchemaSource | None] = None

    def __init__(
        self,
        *,
        schema: SchemaSource | None = None,
        url: str | None = None,
        provider: str | None = None,
        relation_mode: str | None = None,
        log: Iterable[LogOption] | None = None,
        connection_limit: int | None = None,
        pool_timeout: float | None = None,
        base_dir: str | os.PathLike[str] | None = None,
    ) -> None:
        source = schema if schema is not None else type(self).__schema__
        if source is None:
            raise TypeError(f"{type(self).__name__}() needs a schema: {type(self).__name__}.from_schema(schema, ...)")
        setup = load_setup(source, url=url, provider=provider, relation_mode=relation_mode, base_dir=base_dir)
        core = ClientCore(
            setup, Events(as_log_options(log)), connection_limit=connection_limit, pool_timeout=pool_timeout
        )
        self._executor = AsyncPoolExecutor(core)
        super().__init__(core, self._executor)

    @classmethod
    def from_schema(
        cls,
        schema: SchemaSource,
        *,
        url: str | None = None,
        provider: str | None = None,
        relation_mode: str | None = None,
        **options: Any,
    ) -> Self:
        """A client for ``schema`` (text, a path, or ``{file: text}``); it may leave out its
        ``datasource`` block when ``provider`` or ``url`` is given. Raises
        :class:`~refrakt.errors.SchemaError` for an invalid schema."""
        return cls(schema=schema, url=url, provider=provider, relation_mode=relation_mode, **options)

    # --- connection ----------------------------------------------------------------------------------

    @property
    def is_connected(self) -> bool:
        """Whether the client has a pool (after ``connect()`` or the first query)."""
        return self._executor.connected

    async def connect(self) -> None:
        """Open a connection now, so that a wrong URL, password or database fails here rather than at
        the first query (optional: a client connects on its first query)."""
        await self._executor.connect()

    async def disconnect(self) -> None:
        """Close the pool's connections; the next query connects again."""
        await self._executor.disconnect()

    async def close(self) -> None:
        """The same as :meth:`disconnect`."""
        await self._executor.disconnect()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.disconnect()

    # --- transactions and batches --------------------------------------------------------------------

    def transaction(
        self, isolation_level: str | None = None, *, max_wait: float = 2.0, timeout: float | None = 5.0
    ) -> AsyncTransactionContext:
        """A context manager whose transaction client ``tx`` runs its calls in one transaction: commit at
        the end of the block, rollback on an exception. P2028 when no connection is free within
        ``max_wait`` seconds, and for calls (or the commit) past ``timeout`` seconds (``None``: no
        limit). ``isolation_level``: ``"ReadUncommitted"``, ``"ReadCommitted"``, ``"RepeatableRead"``,
        ``"Serializable"`` (``"Snapshot"`` on SQL Server). Calls of ``db`` itself made inside the block
        in the same thread or task join the transaction too."""
        return AsyncTransactionContext(self._core, self._executor, isolation_level, max_wait, timeout)

    def batch(
        self, *, transaction: bool = True, isolation_level: str | None = None, max_wait: float = 2.0
    ) -> AsyncBatch:
        """A context manager whose batch ``b`` queues ``b.<model>.<method>(...)`` and raw calls and runs
        them in order at the end of the block; ``b.results`` has their results. With ``transaction=True`` (the
        default) they run in one transaction that any failure rolls back (and raises); with
        ``transaction=False`` each runs on its own, and a failure is its result."""
        return AsyncBatch(
            self._core, self._executor, transaction=transaction, isolation_level=isolation_level, max_wait=max_wait
        )

    # --- events --------------------------------------------------------------------------------------

    @overload
    def on(self, level: str) -> Callable[[F], F]: ...

    @overload
    def on(self, level: str, callback: F) -> F: ...

    def on(self, level: str, callback: F | None = None) -> F | Callable[[F], F]:
        """Call ``callback(event)`` for each ``"query"`` (a ``QueryEvent``: ``query``, ``params``,
        ``duration_ms``, ``target``), ``"info"``, ``"warn"`` or ``"error"`` event (a ``LogEvent``).
        Without ``callback``, a decorator: ``@db.on("query")``."""
        events = self._core.events
        if callback is None:

            def register(fn: F) -> F:
                events.on(level, fn)
                return fn

            return register
        events.on(level, callback)
        return callback

    def off(self, level: str, callback: Callable[[Any], object]) -> None:
        """Stop calling ``callback`` for ``level`` events."""
        self._core.events.off(level, callback)

    def __repr__(self) -> str:
        state = "connected" if self._executor.connected else "not connected"
        return f"<{type(self).__name__} {self._core.provider} models={len(self._core.model_of)} {state}>"


class AsyncTransactionClient(AsyncClientBase):
    """The client of one transaction: the delegates, ``model()`` and raw SQL, run inside it."""

    def __init__(self, core: ClientCore, executor: AsyncTransactionExecutor) -> None:
        super().__init__(core, executor)
        self._executor = executor

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self._core.provider} {self._executor.state}>"


class AsyncTransactionContext:
    """What ``db.transaction(...)`` returns: enter it to get an :class:`AsyncTransactionClient`."""

    def __init__(
        self,
        core: ClientCore,
        executor: AsyncPoolExecutor,
        isolation_level: str | None,
        max_wait: float,
        timeout: float | None,
    ) -> None:
        self._core = core
        self._executor = executor
        self._level = isolation_level
        self._max_wait = max_wait
        self._timeout = timeout
        self._active: tuple[AsyncTransactionExecutor, Any] | None = None

    async def __aenter__(self) -> AsyncTransactionClient:
        if self._active is not None:
            raise RuntimeError("this transaction context is already in use: call db.transaction() again")
        tx = await self._executor.begin(self._level, max_wait=self._max_wait, timeout=self._timeout)
        self._active = (tx, tx.activate())
        return AsyncTransactionClient(self._core, tx)

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._active is None:
            return
        tx, token = self._active
        self._active = None
        tx.deactivate(token)
        await tx.finish(exc)
