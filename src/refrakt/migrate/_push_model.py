"""What a schema push works from and what it reports: :class:`PushPlan`, :class:`PushResult` and
the errors of ``push`` (sans-IO: frozen data and messages only)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from refrakt.drivers import ConnectionConfig
from refrakt.errors import RefraktError
from refrakt.migrate._schema import SqlSchema
from refrakt.migrate.flavours import get_flavour

PRETTY_PROVIDERS = {"sqlite": "SQLite", "postgresql": "PostgreSQL", "mysql": "MySQL"}


@dataclass(frozen=True, slots=True)
class PushTarget:
    """The database a push writes to, named as Prisma's CLI names it (``printDatasource``)."""

    provider: str
    """``sqlite``, ``postgresql`` or ``mysql``."""
    database: str
    """The database's name (SQLite: the file's name, ``dev.db``)."""
    location: str
    """``localhost:5432``; for SQLite the URL as written (``file:./dev.db``)."""
    schemas: tuple[str, ...] = ()
    """PostgreSQL: the schemas the push writes to (the URL's ``schema``, or the datasource's ``schemas``)."""
    datasource: str = "db"
    """The datasource block's name."""

    @property
    def pretty_provider(self) -> str:
        return PRETTY_PROVIDERS.get(self.provider, self.provider)

    def describe(self) -> str:
        """``PostgreSQL database "app", schema "public" at "localhost:5432"``."""
        text = f'{self.pretty_provider} database "{self.database}"'
        if len(self.schemas) > 1:
            text += f', schemas "{", ".join(self.schemas)}"'
        elif self.schemas:
            text += f', schema "{self.schemas[0]}"'
        return f'{text} at "{self.location}"'


@dataclass(frozen=True, slots=True)
class PushPlan:
    """Everything :func:`refrakt.migrate.push` decided before touching the database."""

    target: PushTarget
    config: ConnectionConfig = field(repr=False)
    sql_schema: SqlSchema = field(repr=False)
    statements: tuple[str, ...] = field(repr=False)
    """The DDL that creates the schema (``create_statements``), in order."""
    force_reset: bool = False
    reset_schemas: tuple[str, ...] = ()
    """PostgreSQL: the schemas a reset drops and recreates (Prisma: the datasource's ``schemas``,
    else the URL's schema)."""
    namespaces: tuple[str, ...] = ()
    """PostgreSQL: the schemas the statements write to (checked for emptiness)."""

    @property
    def provider(self) -> str:
        return self.target.provider

    @property
    def tables(self) -> tuple[str, ...]:
        return tuple(_qualified(t.name, t.schema) for t in self.sql_schema.tables)

    @property
    def enums(self) -> tuple[str, ...]:
        """Named enum types (PostgreSQL); MySQL's enums are column types, SQLite has none."""
        if get_flavour(self.sql_schema.flavour).ENUMS != "types":
            return ()
        return tuple(_qualified(e.name, e.schema) for e in self.sql_schema.enums)


OnStep = Callable[[str], None] | None
"""``on_step`` of the long operations: called with a short label as each step starts (the CLI's
progress display); ``None``: nothing is reported."""


def statement_label(sql: str) -> str:
    """A DDL statement as a progress step: ``Run CREATE TABLE "User"`` (its first line)."""
    lines = sql.strip().splitlines()
    first = lines[0].rstrip(" (") if lines else ""
    return "Run " + (first if len(first) <= 72 else first[:71] + "…")


def _qualified(name: str, schema: str | None) -> str:
    return name if schema is None else f"{schema}.{name}"


@dataclass(frozen=True, slots=True)
class PushResult:
    """What :func:`refrakt.migrate.push` changed.

    ``statements`` are the DDL statements executed to create the schema (the reset's own
    statements are not among them); ``tables`` and ``enums`` what they created (``schema.name``
    on a multi-schema PostgreSQL database); ``dropped`` what a reset removed. ``changed`` is false
    when there was nothing to do.
    """

    target: PushTarget
    statements: tuple[str, ...] = ()
    tables: tuple[str, ...] = ()
    enums: tuple[str, ...] = ()
    schemas_created: tuple[str, ...] = ()
    reset: bool = False
    dropped: tuple[str, ...] = ()
    """What the reset removed: the tables, views, types... found before it."""
    database_created: bool = False
    duration: float = 0.0
    """Seconds, from connecting to the last statement."""
    warnings: tuple[str, ...] = ()

    @property
    def executed_steps(self) -> int:
        return len(self.statements)

    @property
    def changed(self) -> bool:
        return bool(self.reset or self.database_created or self.tables or self.enums or self.schemas_created)

    @property
    def duration_ms(self) -> int:
        return round(self.duration * 1000)

    def __str__(self) -> str:
        where = self.target.describe()
        done: list[str] = []
        if self.database_created:
            done.append("created the database")
        if self.reset and not self.database_created:
            done.append(f"reset it (dropped {_count(len(self.dropped), 'object') or 'nothing'})")
        made = [_count(len(self.tables), "table"), _count(len(self.enums), "enum")]
        made = [m for m in made if m]
        if made:
            done.append("created " + " and ".join(made) + f" ({_count(len(self.statements), 'statement')})")
        lines = [f"{where}: {', then '.join(done) if done else 'already in sync, nothing to create'}"]
        lines[0] += f" in {self.duration_ms} ms."
        if self.tables:
            lines.append("  tables: " + ", ".join(self.tables))
        if self.enums:
            lines.append("  enums: " + ", ".join(self.enums))
        lines.extend(f"  warning: {w}" for w in self.warnings)
        return "\n".join(lines)


def _count(n: int, noun: str) -> str:
    if n == 0:
        return ""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


# --- errors ------------------------------------------------------------------------------------------


class PushError(RefraktError):
    """``push`` could not bring the database in line with the schema (nothing was changed unless
    the message says otherwise)."""


class DatabaseNotEmptyError(PushError):
    """P3005: the database (schema) already holds tables, and changing an existing schema needs the
    migration diff, which ``push`` does not have yet. Nothing was changed."""

    default_code = "P3005"

    @classmethod
    def holding(cls, target: PushTarget, objects: Sequence[str]) -> DatabaseNotEmptyError:
        shown = ", ".join(f"`{o}`" for o in objects[:10])
        if len(objects) > 10:
            shown += f" and {len(objects) - 10} more"
        return cls(
            f"The {target.describe()} is not empty: it holds {shown}. refrakt can push a schema to an empty "
            "database only, for now: updating an existing database schema needs the migration diff, which is "
            "not implemented yet. Nothing was changed. To drop everything in it and push the schema again "
            "(all data will be lost), use `force_reset=True` (`refrakt db push --force-reset`).",
            meta={"objects": list(objects), "database": target.database, "schemas": list(target.schemas)},
        )


class SystemDatabaseError(PushError):
    """P3004: the URL names a MySQL system database (``mysql``, ``sys``...)."""

    default_code = "P3004"

    @classmethod
    def named(cls, name: str) -> SystemDatabaseError:
        return cls(
            f"The `{name}` database is a system database, it should not be altered with refrakt. Please connect "
            "to another database.",
            meta={"database_name": name},
        )


class StatementFailedError(PushError):
    """The database refused a statement of the push; ``meta["statement"]`` is that statement and
    ``__cause__`` the database's error (whose code this error carries)."""

    @classmethod
    def wrap(cls, statement: str, error: RefraktError, *, rolled_back: bool) -> StatementFailedError:
        outcome = (
            "The push was rolled back: nothing was changed."
            if rolled_back
            else "The tables this push had created were dropped again."
        )
        meta: dict[str, Any] = {"statement": statement, "database_error": error.message}
        return cls(
            f"The database refused a statement of the schema push:\n\n{statement}\n\n{error.message}\n\n{outcome}",
            code=error.code,
            meta=meta,
            original_code=error.original_code,
            original_message=error.original_message,
        )
