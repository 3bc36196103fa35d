"""The declared type of each result column of an SQLite statement (``sqlite3_column_decltype``).

Prisma decodes a raw query's SQLite values by the column's declared type (``BOOLEAN`` -> bool,
``DATETIME`` -> a date-time, ``DECIMAL`` -> a decimal), which its drivers read from the prepared
statement. Python's ``sqlite3`` keeps that information to itself: ``cursor.description`` has only
the names, and ``detect_types=PARSE_DECLTYPES`` looks converters up in ``sqlite3``'s module-wide
registry, keyed by the declared type's first word (``"BOOLEAN"``), so registering one would change
what every other ``sqlite3`` user of the process gets. refrakt therefore asks SQLite itself:
:func:`declared_types` prepares the statement (it does not run it) on the very ``sqlite3*``
handle of the connection, reads each column's declared type, and finalizes it. Same connection,
so temporary tables, uncommitted schema changes and ``:memory:`` databases are all seen; no global
state is touched; only raw queries pay for it (one prepare, some microseconds).

The handle is the first field of CPython's ``sqlite3.Connection`` object (``pysqlite_Connection``:
``PyObject_HEAD`` then ``sqlite3 *db``, unchanged since 2004), and the C functions are those of the
SQLite library that ``_sqlite3`` itself loaded. Both are checked before use: the library's version
must be ``sqlite3.sqlite_version`` and the handle must point at a connection of that library's
default VFS (the first field of SQLite's ``struct sqlite3``). When anything does not hold (another
Python implementation, an SQLite linked into ``_sqlite3`` without exported symbols, a custom VFS),
:func:`declared_types` returns ``None`` and values are typed by what they hold, as Prisma does for
a column without a declared type.
"""

from __future__ import annotations

import ctypes
import sqlite3
import sys
from functools import cache
from typing import Any, Final

__all__ = ["declared_types"]

_SQLITE_OK: Final = 0


class _Api:
    """The few SQLite C functions that :func:`declared_types` calls."""

    def __init__(self, lib: ctypes.CDLL) -> None:
        vp, cp, ci = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
        self.prepare: Any = _fn(lib.sqlite3_prepare_v2, ci, vp, cp, ci, ctypes.POINTER(vp), vp)
        self.column_count: Any = _fn(lib.sqlite3_column_count, ci, vp)
        self.column_decltype: Any = _fn(lib.sqlite3_column_decltype, cp, vp, ci)
        self.finalize: Any = _fn(lib.sqlite3_finalize, ci, vp)
        self.vfs_find: Any = _fn(lib.sqlite3_vfs_find, vp, cp)
        self.libversion: Any = _fn(lib.sqlite3_libversion, cp)


def _fn(fn: Any, restype: Any, *argtypes: Any) -> Any:
    fn.restype = restype
    fn.argtypes = list(argtypes)
    return fn


@cache
def _api() -> _Api | None:
    """SQLite's C API as ``_sqlite3`` loaded it, or ``None`` where it cannot be reached safely."""
    if sys.implementation.name != "cpython":
        return None
    try:
        import _sqlite3  # the extension module: its shared object links the SQLite library in use

        path = getattr(_sqlite3, "__file__", None)
        if path is None:
            return None
        api = _Api(ctypes.CDLL(path))
        version: bytes | None = api.libversion()
    except (ImportError, OSError, AttributeError):
        return None
    if version is None or version.decode() != sqlite3.sqlite_version:
        return None
    return api


def _handle(conn: sqlite3.Connection, api: _Api) -> int | None:
    """The ``sqlite3*`` of ``conn`` (checked to be one), or ``None``."""
    offset = object.__basicsize__  # PyObject_HEAD, whatever the build (free-threaded builds differ)
    if type(conn).__basicsize__ < offset + ctypes.sizeof(ctypes.c_void_p):
        return None
    db = ctypes.c_void_p.from_address(id(conn) + offset).value
    if not db:
        return None
    default_vfs: int | None = api.vfs_find(None)
    # ``struct sqlite3`` begins with ``sqlite3_vfs *pVfs``.
    if not default_vfs or ctypes.c_void_p.from_address(db).value != default_vfs:
        return None
    return db


def declared_types(conn: sqlite3.Connection, sql: str) -> list[str | None] | None:
    """The declared type of each result column of ``sql`` on ``conn`` (``None`` for a column that
    is not a table column, such as ``1 + 1``), or ``None`` when SQLite cannot be asked (see the
    module's docstring) or the statement does not prepare.

    Only the first statement of ``sql`` is prepared, as ``sqlite3`` runs only that one.
    """
    api = _api()
    if api is None:
        return None
    db = _handle(conn, api)
    if db is None:
        return None
    try:
        text = sql.encode()
    except UnicodeEncodeError:
        return None
    stmt = ctypes.c_void_p()
    if api.prepare(db, text, -1, ctypes.byref(stmt), None) != _SQLITE_OK or not stmt.value:
        if stmt.value:
            api.finalize(stmt)
        return None
    try:
        out: list[str | None] = []
        for i in range(api.column_count(stmt)):
            decl: bytes | None = api.column_decltype(stmt, i)
            out.append(None if decl is None else decl.decode(errors="replace"))
        return out
    finally:
        api.finalize(stmt)
