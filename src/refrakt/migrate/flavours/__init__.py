"""Per-database flavours of the migration engine: ``get_flavour("postgresql")``."""

from __future__ import annotations

from refrakt.migrate.flavours._base import SqlFlavour
from refrakt.migrate.flavours.mysql import MySQLFlavour
from refrakt.migrate.flavours.postgres import PostgresFlavour
from refrakt.migrate.flavours.sqlite import SQLiteFlavour

FLAVOURS: dict[str, type[SqlFlavour]] = {
    "sqlite": SQLiteFlavour,
    "postgres": PostgresFlavour,
    "postgresql": PostgresFlavour,
    "mysql": MySQLFlavour,
    "mariadb": MySQLFlavour,
}


def get_flavour(flavour: str | SqlFlavour) -> SqlFlavour:
    """A flavour by provider name (``sqlite``, ``postgresql``/``postgres``, ``mysql``), or itself."""
    if isinstance(flavour, SqlFlavour):
        return flavour
    cls = FLAVOURS.get(flavour.lower())
    if cls is None:
        raise ValueError(f"no SQL migration flavour for provider {flavour!r}")
    return cls()


__all__ = ["FLAVOURS", "MySQLFlavour", "PostgresFlavour", "SQLiteFlavour", "SqlFlavour", "get_flavour"]
