"""Query results: :class:`Record` (attribute and item access) and :func:`to_jsonable`.

A record holds only the fields a query selected. Reading a relation field that was not loaded
raises :class:`~refrakt.errors.RelationNotLoadedError` (an ``AttributeError``) that says how to
include it: refrakt never loads lazily, so there is no N+1.
"""

from __future__ import annotations

import base64
import datetime as dt
import enum
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from typing import Any, ClassVar

from refrakt.errors import RelationNotLoadedError

__all__ = ["Record", "record_class", "to_jsonable"]


class Record(Mapping[str, Any]):
    """One result row: ``rec.email`` or ``rec["email"]``; a read-only mapping of selected fields.

    Subclasses made by :func:`record_class` know their model's name and relation fields, so that
    an unloaded relation gives a helpful error rather than a bare ``AttributeError``.
    """

    __slots__ = ("_data",)
    _data: dict[str, Any]
    __model__: ClassVar[str] = ""
    __relations__: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, data: Mapping[str, Any] | None = None, /, **fields: Any) -> None:
        merged = dict(data or {})
        merged.update(fields)
        object.__setattr__(self, "_data", merged)

    def __getattr__(self, name: str) -> Any:
        data: dict[str, Any] = object.__getattribute__(self, "_data")
        try:
            return data[name]
        except KeyError:
            pass
        cls = type(self)
        if name in cls.__relations__:
            raise RelationNotLoadedError(cls.__model__, name)
        model = cls.__model__ or "Record"
        raise AttributeError(f"{model} record has no field {name!r} (selected: {', '.join(data) or 'none'})")

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("records are read-only; use update() to change data")

    def __getitem__(self, key: str) -> Any:
        data: dict[str, Any] = self._data
        if key not in data and key in type(self).__relations__:
            raise RelationNotLoadedError(type(self).__model__, key)
        return data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Record):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == dict(other)  # pyright: ignore[reportUnknownArgumentType]
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self._data))

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!r}" for k, v in self._data.items())
        return f"{type(self).__model__ or 'Record'}({inner})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self).__model__, tuple(type(self).__relations__), self._data))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data (see :func:`to_jsonable`)."""
        out = to_jsonable(self)
        assert isinstance(out, dict)
        return out  # pyright: ignore[reportUnknownVariableType]


#: Gives a record made by ``object.__new__(cls)`` its data, ``data`` itself (no copy): with the
#: ``__new__``, two C calls per record, which is how the engine's record builders make them.
set_data: Callable[[Record, dict[str, Any]], None] = Record.__dict__["_data"].__set__

_CLASSES: dict[tuple[str, frozenset[str]], type[Record]] = {}


def record_class(model: str, relations: frozenset[str] | set[str] | tuple[str, ...] = ()) -> type[Record]:
    """The record class of a model (cached): its name and its relation fields."""
    key = (model, frozenset(relations))
    cls = _CLASSES.get(key)
    if cls is None:
        cls = type(model, (Record,), {"__slots__": (), "__model__": model, "__relations__": key[1]})
        _CLASSES[key] = cls
    return cls


def _rebuild(model: str, relations: tuple[str, ...], data: dict[str, Any]) -> Record:
    return record_class(model, relations)(data)


def _datetime(value: dt.datetime) -> str:
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value.isoformat(timespec="milliseconds") + "Z"


def to_jsonable(value: Any) -> Any:
    """JSON-ready data, as Prisma's client returns it.

    DateTime → ISO-8601 with milliseconds and ``Z``; Decimal → string; Bytes → base64; enums →
    their value; BigInt stays an ``int``; records and mappings → dicts; lists and tuples → lists.
    A date or a time of day (from raw SQL) → ISO-8601.
    """
    if value is None or isinstance(value, (bool, int, float, str)):
        return value.value if isinstance(value, enum.Enum) else value
    if isinstance(value, Record):
        return {k: to_jsonable(v) for k, v in value.items()}
    if isinstance(value, Mapping):
        mapping: Mapping[Any, Any] = value  # pyright: ignore[reportUnknownVariableType]
        return {str(k): to_jsonable(v) for k, v in mapping.items()}
    if isinstance(value, (list, tuple)):
        items: list[Any] | tuple[Any, ...] = value  # pyright: ignore[reportUnknownVariableType]
        return [to_jsonable(v) for v in items]
    if isinstance(value, dt.datetime):
        return _datetime(value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, enum.Enum):
        return to_jsonable(value.value)
    raise TypeError(f"to_jsonable: cannot convert {type(value).__name__}")
