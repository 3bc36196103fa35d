"""Client events: ``Client(log=["query", "info", "warn", "error"])`` and ``db.on("query", callback)``.

Every SQL statement a client runs (queries of the engine, raw SQL, ``BEGIN``/``COMMIT``) makes a
:class:`QueryEvent` with ``query``, ``params``, ``duration_ms`` and ``target`` (the operation that
ran it, ``"User.find_many"`` or ``"query_raw"``). ``info``, ``warn`` and ``error`` make a
:class:`LogEvent`. An event goes to the callbacks registered with ``on`` and, for the levels named
in ``log``, to the ``refrakt`` logger (queries and info at ``INFO``, warnings at ``WARNING``,
errors at ``ERROR``). Nothing is measured or built when nobody listens.

``log`` takes Prisma's forms: level names, or ``{"level": "query", "emit": "stdout" | "event"}``
(``"event"``: callbacks only, no logger).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Final, Literal, TypeAlias, cast, get_args

__all__ = ["Events", "LogEvent", "LogLevel", "QueryEvent", "logger"]

LogLevel = Literal["query", "info", "warn", "error"]
LEVELS: Final[tuple[str, ...]] = get_args(LogLevel)

#: The logger that client events go to (for the levels named in ``log``).
logger: Final = logging.getLogger("refrakt")
_PY_LEVELS: Final = {"query": logging.INFO, "info": logging.INFO, "warn": logging.WARNING, "error": logging.ERROR}


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class QueryEvent:
    """One SQL statement that a client ran."""

    query: str
    params: tuple[Any, ...]
    duration_ms: float
    target: str
    timestamp: datetime = field(default_factory=_now)


@dataclass(frozen=True, slots=True)
class LogEvent:
    """An ``info``, ``warn`` or ``error`` message of a client."""

    level: str
    message: str
    target: str
    timestamp: datetime = field(default_factory=_now)


Event: TypeAlias = QueryEvent | LogEvent
Callback: TypeAlias = Callable[[Any], object]
LogOption: TypeAlias = str | Mapping[str, str]


def _check_level(level: str) -> str:
    if level not in LEVELS:
        raise ValueError(f"unknown log level {level!r}: expected one of {', '.join(LEVELS)}")
    return level


class Events:
    """The listeners of one client (shared with its transactions and batches)."""

    __slots__ = ("_callbacks", "_logged", "queries")

    def __init__(self, log: Iterable[LogOption] | None = None) -> None:
        self._logged: set[str] = set()
        self._callbacks: dict[str, list[Callback]] = {level: [] for level in LEVELS}
        for option in log or ():
            if isinstance(option, str):
                self._logged.add(_check_level(option))
                continue
            level = _check_level(str(option.get("level", "")))
            emit = option.get("emit", "stdout")
            if emit not in ("stdout", "event"):
                raise ValueError(f"unknown log emit {emit!r}: expected 'stdout' or 'event'")
            if emit == "stdout":
                self._logged.add(level)
        #: Whether query events are wanted (read on every statement: a plain attribute).
        self.queries = "query" in self._logged

    def on(self, level: str, callback: Callback) -> None:
        self._callbacks[_check_level(level)].append(callback)
        self.queries = "query" in self._logged or bool(self._callbacks["query"])

    def off(self, level: str, callback: Callback) -> None:
        callbacks = self._callbacks[_check_level(level)]
        if callback in callbacks:
            callbacks.remove(callback)
        self.queries = "query" in self._logged or bool(self._callbacks["query"])

    def wants(self, level: str) -> bool:
        return level in self._logged or bool(self._callbacks[level])

    def query(self, sql: str, params: Iterable[Any], started: float, target: str) -> None:
        """Report a statement that began at ``started`` (``time.perf_counter()``)."""
        duration = (time.perf_counter() - started) * 1000.0
        event = QueryEvent(sql, tuple(params), duration, target)
        if "query" in self._logged:
            logger.info("query %s %s %.3fms (%s)", sql, list(event.params), duration, target)
        self._dispatch("query", event)

    def log(self, level: str, message: str, target: str = "refrakt") -> None:
        if not self.wants(level):
            return
        if level in self._logged:
            logger.log(_PY_LEVELS[level], "%s (%s)", message, target)
        self._dispatch(level, LogEvent(level, message, target))

    def _dispatch(self, level: str, event: Event) -> None:
        for callback in list(self._callbacks[level]):
            try:
                callback(event)
            except Exception:  # a listener must not break the query it listens to
                logger.exception("a %r event listener raised", level)


def as_log_options(log: object) -> list[LogOption] | None:
    """``log=`` as given to a client: ``None``, a level name or a list of options."""
    if log is None:
        return None
    if isinstance(log, str):
        return [log]
    if isinstance(log, Iterable):
        return list(cast(Iterable[LogOption], log))
    raise TypeError(f"log= takes a list of levels, not {type(log).__name__}")
