"""The part of a client that does no I/O, shared by ``Client`` and ``AsyncClient``, their
transactions and batches: the schema, the delegate names, the listeners, the query engine, and
the preparation of every call before a connection is taken.

A call is a :class:`ModelCall` (a delegate method: model, operation, keyword arguments) or a
:class:`RawCall` (``query_raw`` and friends). :meth:`ClientCore.prepare` turns it into what runs
on a connection: the engine's prepared query (``Engine.prepare`` validates the arguments and
raises :class:`~refrakt.errors.ValidationError` before any SQL), or a :class:`RawStatement`.
"""

from __future__ import annotations

import difflib
import importlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from refrakt._sql import Dialect
from refrakt.client._events import Events
from refrakt.client._names import delegate_names
from refrakt.client._raw import RawStatement, dialect_name, prepare_raw, raw_dialect
from refrakt.client._setup import ClientSetup

if TYPE_CHECKING:
    from refrakt.drivers import AsyncConnection, Connection
    from refrakt.ir import DataModel

__all__ = ["ClientCore", "ModelCall", "PreparedQuery", "QueryEngine", "RawCall"]


class PreparedQuery(Protocol):
    """What ``Engine.prepare`` returns: a validated, planned query with its values bound."""

    def run(self, conn: Connection) -> Any: ...

    async def run_async(self, conn: AsyncConnection) -> Any: ...


class QueryEngine(Protocol):
    """``refrakt.engine.Engine(datamodel, dialect_name)``: one per client; caches query shapes."""

    def prepare(self, model: str, operation: str, args: dict[str, Any]) -> PreparedQuery: ...


@dataclass(frozen=True, slots=True)
class ModelCall:
    """``db.<model>.<operation>(**args)``."""

    model: str
    operation: str
    args: dict[str, Any]

    @property
    def target(self) -> str:
        return f"{self.model}.{self.operation}"


@dataclass(frozen=True, slots=True)
class RawCall:
    """``db.<method>(query, *params)``; ``method`` is ``query_raw``, ``execute_raw_unsafe``, ..."""

    method: str
    query: object
    params: tuple[Any, ...]

    @property
    def target(self) -> str:
        return self.method

    @property
    def returns_rows(self) -> bool:
        return self.method.startswith("query")

    @property
    def unsafe(self) -> bool:
        return self.method.endswith("_unsafe")


Call = ModelCall | RawCall
Prepared = PreparedQuery | RawStatement


class ClientCore:
    """Everything a client knows before it talks to the database."""

    __slots__ = (
        "_engine",
        "attribute_of",
        "connection_limit",
        "datamodel",
        "dialect",
        "dialect_name",
        "events",
        "model_of",
        "pool_timeout",
        "provider",
        "setup",
    )

    def __init__(
        self,
        setup: ClientSetup,
        events: Events,
        *,
        connection_limit: int | None = None,
        pool_timeout: float | None = None,
    ) -> None:
        self.setup = setup
        self.datamodel: DataModel = setup.datamodel
        self.provider = setup.provider
        self.dialect_name = dialect_name(setup.provider)
        self.dialect: Dialect = raw_dialect(setup.provider)
        self.events = events
        self.connection_limit = connection_limit
        self.pool_timeout = pool_timeout
        #: ``{attribute: model name}`` and back: ``db.order_item`` is the ``OrderItem`` delegate.
        self.model_of: Mapping[str, str] = delegate_names(self.datamodel.models)
        self.attribute_of: Mapping[str, str] = {model: attr for attr, model in self.model_of.items()}
        self._engine: QueryEngine | None = None

    # --- names ---------------------------------------------------------------------------------------

    def check_model(self, name: str) -> str:
        """``name`` if the schema has that model, else a ``KeyError`` with a suggestion."""
        if name in self.attribute_of:
            return name
        close = difflib.get_close_matches(name, list(self.attribute_of), n=1)
        hint = f" Did you mean `{close[0]}`?" if close else ""
        raise KeyError(f"The schema has no model `{name}`.{hint}")

    def unknown_attribute(self, owner: str, name: str) -> AttributeError:
        candidates = [*self.model_of, *self.attribute_of]
        close = difflib.get_close_matches(name, candidates, n=1)
        hint = f" Did you mean `{self.attribute_of.get(close[0], close[0])}`?" if close else ""
        return AttributeError(f"{owner!r} object has no attribute {name!r}: no model has that delegate name.{hint}")

    # --- the engine ----------------------------------------------------------------------------------

    def engine(self, operation: str) -> QueryEngine:
        engine = self._engine
        if engine is None:
            try:
                module = importlib.import_module("refrakt.engine")
            except ModuleNotFoundError as exc:
                if exc.name not in ("refrakt.engine", "refrakt"):
                    raise
                raise NotImplementedError(f"{operation}: the query engine is not available yet") from exc
            factory: Any = getattr(module, "Engine", None)
            if factory is None:
                raise NotImplementedError(f"{operation}: the query engine is not available yet")
            engine = self._engine = factory(self.datamodel, self.dialect_name)
        return engine  # pyright: ignore[reportReturnType]

    # --- calls ---------------------------------------------------------------------------------------

    def prepare(self, call: Call) -> Prepared:
        """What runs on a connection for ``call``; argument errors raise here, before any SQL."""
        if isinstance(call, ModelCall):
            return self.engine(call.operation).prepare(call.model, call.operation, call.args)
        return prepare_raw(self.dialect, call.query, call.params, unsafe=call.unsafe, method=call.method)
