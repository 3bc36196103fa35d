"""Values with a meaning of their own in query arguments: the Json null markers and field references.

- :data:`DbNull`, :data:`JsonNull`, :data:`AnyNull` (Prisma's ``Prisma.DbNull`` ...): a Json field
  can hold the database's ``NULL`` or the JSON value ``null``; Python's ``None`` cannot say which.
  Write ``data={"meta": refrakt.DbNull}`` to store ``NULL``, ``refrakt.JsonNull`` to store JSON
  ``null``; filter with ``where={"meta": {"equals": refrakt.AnyNull}}`` to match either.
- :data:`UNSET` (Prisma's ``undefined``): an argument that was not given, which is not ``None``
  (``null``); the client leaves such arguments out of what it hands the engine.
- :func:`field` (Prisma's ``prisma.user.fields.name``): compare a column with another column of
  the same row, ``where={"price": {"lt": refrakt.field("list_price")}}``.

Each marker is a singleton (an enum member), so ``value is refrakt.DbNull`` is the test, and they
survive pickling and copying. The query engine reads these types; nothing here does I/O.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Final, Literal, TypeAlias

__all__ = ["UNSET", "AnyNull", "DbNull", "FieldRef", "JsonNull", "NullMarker", "Unset", "field"]


class NullMarker(enum.Enum):
    """The kinds of null of a Json field (use the module constants, not this class)."""

    DbNull = "DbNull"
    """The database's ``NULL``: the field holds no value at all."""
    JsonNull = "JsonNull"
    """The JSON value ``null`` stored in the field."""
    AnyNull = "AnyNull"
    """Either of the two (filters only)."""

    def __repr__(self) -> str:
        return f"refrakt.{self.value}"

    __str__ = __repr__


DbNull: Final = NullMarker.DbNull
JsonNull: Final = NullMarker.JsonNull
AnyNull: Final = NullMarker.AnyNull

#: The types of the markers, for annotations (``value: DbNullType | dict[str, Any]``).
DbNullType: TypeAlias = Literal[NullMarker.DbNull]
JsonNullType: TypeAlias = Literal[NullMarker.JsonNull]
AnyNullType: TypeAlias = Literal[NullMarker.AnyNull]


@dataclass(frozen=True, slots=True)
class FieldRef:
    """A reference to a field of the model being queried, in place of a value in a filter.

    ``name`` is the field's name in the schema; ``model`` is the model it belongs to when it was
    stated (the generated client states it; the engine checks it against the queried model).
    """

    name: str
    model: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name:  # pyright: ignore[reportUnnecessaryIsInstance]
            raise TypeError(f"refrakt.field() takes a field name, not {self.name!r}")

    def __repr__(self) -> str:
        return (
            f"refrakt.field({self.name!r})" if self.model is None else f"refrakt.field({self.name!r}, {self.model!r})"
        )


def field(name: str, model: str | None = None) -> FieldRef:
    """A reference to the field ``name``: ``where={"a": {"gt": refrakt.field("b")}}``."""
    return FieldRef(name, model)


class Unset(enum.Enum):
    """The type of :data:`UNSET`."""

    UNSET = "UNSET"

    def __repr__(self) -> str:
        return "UNSET"

    def __bool__(self) -> bool:
        return False


#: "Not given" (Prisma's ``undefined``), as opposed to ``None`` (``null``).
UNSET: Final = Unset.UNSET
