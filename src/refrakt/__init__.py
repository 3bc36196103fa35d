"""refrakt: the Prisma ORM, native in Python.

``refrakt.schema`` reads, validates and formats Prisma schemas; query results are
:class:`Record` objects, made JSON-ready by :func:`to_jsonable`.
"""

from refrakt._record import Record, to_jsonable

__version__ = "0.1.0"

__all__ = ["Record", "__version__", "to_jsonable"]
