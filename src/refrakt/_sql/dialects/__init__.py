"""The dialects: ``get_dialect("postgres")``, or the classes themselves."""

from __future__ import annotations

from refrakt._sql._dialect import Dialect, ParamStyle
from refrakt._sql.dialects.mysql import MySQL
from refrakt._sql.dialects.postgres import Postgres
from refrakt._sql.dialects.sqlite import SQLite

DIALECTS: dict[str, type[Dialect]] = {
    "sqlite": SQLite,
    "postgres": Postgres,
    "postgresql": Postgres,
    "mysql": MySQL,
    "mariadb": MySQL,
}
"""By provider name (and its aliases)."""


def get_dialect(name: str, *, param_style: ParamStyle | None = None) -> Dialect:
    """A dialect instance by provider name (``sqlite``, ``postgresql``/``postgres``, ``mysql``)."""
    cls = DIALECTS.get(name.lower())
    if cls is None:
        raise ValueError(f"unknown SQL dialect {name!r} (expected one of: {', '.join(sorted(DIALECTS))})")
    return cls(param_style=param_style)


__all__ = ["DIALECTS", "MySQL", "Postgres", "SQLite", "get_dialect"]
