"""refrakt: the Prisma ORM, native in Python.

::

    import refrakt

    with refrakt.Client.from_schema("prisma/schema.prisma") as db:
        user = db.user.create(data={"email": "a@x.io"})
        rows = db.query_raw(refrakt.sql("SELECT * FROM {} WHERE id = {}", refrakt.sql.raw('"User"'), user.id))

- :class:`Client` / :class:`AsyncClient`: the dynamic client (``refrakt.client``).
- :data:`sql`: SQL fragments with bound values for ``query_raw``/``execute_raw``.
- :data:`DbNull`, :data:`JsonNull`, :data:`AnyNull`: the kinds of null of a Json field;
  :func:`field`: a reference to another field in a filter.
- Results are :class:`Record` objects, made JSON-ready by :func:`to_jsonable`.
- Submodules: :mod:`refrakt.errors`, :mod:`refrakt.schema` (parse, validate, format),
  :mod:`refrakt.migrate` (``push``).

The clients and the schema tooling load on first use, so that ``import refrakt`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from refrakt import errors
from refrakt._fragments import Sql, sql
from refrakt._markers import AnyNull, DbNull, FieldRef, JsonNull, field
from refrakt._record import Record, to_jsonable

if TYPE_CHECKING:
    from refrakt import migrate, schema
    from refrakt.client import AsyncClient, Client

__version__ = "0.1.0"

__all__ = [
    "AnyNull",
    "AsyncClient",
    "Client",
    "DbNull",
    "FieldRef",
    "JsonNull",
    "Record",
    "Sql",
    "__version__",
    "errors",
    "field",
    "migrate",
    "schema",
    "sql",
    "to_jsonable",
]

_LAZY = {"AsyncClient": "refrakt.client", "Client": "refrakt.client"}
_SUBMODULES = frozenset({"migrate", "schema"})


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return importlib.import_module(f"refrakt.{name}")
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
