"""Per database: what is already in it, how to empty it, how to create it (sans-IO, SQL only).

A push asks three things of a database before it writes: does it exist (else create it, as
``prisma db push`` does), is it empty (else refuse, or reset it with ``force_reset``), and can
its DDL run in one transaction. Each :class:`ResetFlavour` answers with SQL text; the I/O lives in
``_push_io_async.py``. The resets follow Prisma's schema engine (``flavour/*.rs``, ``reset``):

- SQLite drops every table, view and trigger (Prisma truncates the file; dropping the objects also
  works while other connections hold the file open, and in memory);
- PostgreSQL drops and recreates each schema with ``CASCADE`` (tables, views, sequences, enums and
  functions go with it) and drops ``_prisma_migrations`` from the search path;
- MySQL drops and recreates the database, keeping its character set and collation.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from refrakt.drivers import ConnectionConfig

Query = tuple[str, Sequence[Any]]


@dataclass(frozen=True, slots=True)
class DatabaseObject:
    """A row of :meth:`ResetFlavour.inventory`: ``kind`` is ``table``, ``view``, ``type``... or
    ``schema`` (a PostgreSQL schema that exists)."""

    schema: str | None
    name: str
    kind: str

    def __str__(self) -> str:
        return self.name if self.schema is None else f"{self.schema}.{self.name}"


@dataclass(frozen=True, slots=True)
class ResetInput:
    """What a reset is computed from: the objects found, the schemas to reset (PostgreSQL) and the
    answer of :meth:`ResetFlavour.options_query` (MySQL)."""

    objects: tuple[DatabaseObject, ...] = ()
    schemas: tuple[str, ...] = ()
    options: tuple[Any, ...] | None = None


def _pg_quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _backtick(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


class ResetFlavour:
    """What differs between databases when a push inspects, resets or creates one."""

    TRANSACTIONAL_DDL: ClassVar[bool] = True
    """DDL runs inside a transaction (and rolls back with it)."""
    SYSTEM_DATABASES: ClassVar[frozenset[str]] = frozenset()

    def inventory(self, namespaces: Sequence[str]) -> Query:
        """A query whose rows are ``(schema, name, kind)``: the user objects in the database (or in
        ``namespaces``); a row of kind ``schema`` says that namespace exists."""
        raise NotImplementedError

    def before_reset(self) -> tuple[str, ...]:
        """Statements to run outside the transaction, before a reset."""
        return ()

    def after_reset(self) -> tuple[str, ...]:
        """Statements to run outside the transaction, after the push (whatever its outcome)."""
        return ()

    def options_query(self) -> Query | None:
        """A query for what a reset must keep (MySQL: the character set and collation)."""
        return None

    def reset_statements(self, config: ConnectionConfig, reset: ResetInput) -> list[str]:
        raise NotImplementedError

    def admin_configs(self, config: ConnectionConfig) -> list[ConnectionConfig]:
        """Connections from which a missing database can be created, in the order to try them."""
        return []

    def create_database(self, config: ConnectionConfig) -> str:
        raise NotImplementedError

    def cleanup_statements(self, tables: Sequence[tuple[str | None, str]]) -> list[str]:
        """Where DDL is not transactional: drop the tables a failed push created."""
        return []


class SqliteReset(ResetFlavour):
    def inventory(self, namespaces: Sequence[str]) -> Query:
        return (
            "SELECT NULL, name, type FROM sqlite_master WHERE type IN ('table', 'view', 'trigger', 'index')"
            " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type = 'index', name",
            (),
        )

    def before_reset(self) -> tuple[str, ...]:
        # A dropped table's rows are not checked against foreign keys (the setting cannot change
        # inside a transaction).
        return ("PRAGMA foreign_keys = OFF",)

    def after_reset(self) -> tuple[str, ...]:
        return ("PRAGMA foreign_keys = ON",)

    def reset_statements(self, config: ConnectionConfig, reset: ResetInput) -> list[str]:
        order = {"trigger": 0, "view": 1, "table": 2}
        dropped = sorted((order[o.kind], o.name) for o in reset.objects if o.kind in order)
        keywords = {0: "TRIGGER", 1: "VIEW", 2: "TABLE"}
        # IF EXISTS: dropping a virtual table drops its shadow tables with it.
        return [f"DROP {keywords[rank]} IF EXISTS {_pg_quote(name)}" for rank, name in dropped]


class PostgresReset(ResetFlavour):
    def inventory(self, namespaces: Sequence[str]) -> Query:
        # Objects that belong to an extension (e.g. citext's type in public) do not make a schema
        # "not empty": they are not the user's.
        not_extension = "NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = {oid} AND d.deptype = 'e')"
        return (
            "SELECT nspname, NULL, 'schema' FROM pg_namespace WHERE nspname = ANY($1::text[])"
            " UNION ALL"
            " SELECT n.nspname, c.relname, CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'view'"
            " WHEN 'S' THEN 'sequence' ELSE 'table' END"
            " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = ANY($1::text[]) AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')"
            f" AND {not_extension.format(oid='c.oid')}"
            # the sequences of serial and identity columns come and go with their tables
            " AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid"
            " AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')))"
            " UNION ALL"
            " SELECT n.nspname, t.typname, 'type' FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
            " WHERE n.nspname = ANY($1::text[]) AND t.typtype IN ('e', 'd')"
            f" AND {not_extension.format(oid='t.oid')}"
            " UNION ALL"
            " SELECT n.nspname, p.proname, 'function' FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
            " WHERE n.nspname = ANY($1::text[])"
            f" AND {not_extension.format(oid='p.oid')}"
            " ORDER BY 1, 3, 2",
            (list(namespaces),),
        )

    def reset_statements(self, config: ConnectionConfig, reset: ResetInput) -> list[str]:
        out: list[str] = []
        for name in reset.schemas:
            out += [f"DROP SCHEMA IF EXISTS {_pg_quote(name)} CASCADE", f"CREATE SCHEMA {_pg_quote(name)}"]
        # As Prisma: the migration history goes too, so that `migrate` sees a reset database.
        out.append('DROP TABLE IF EXISTS "_prisma_migrations"')
        return out

    def admin_configs(self, config: ConnectionConfig) -> list[ConnectionConfig]:
        # Prisma's candidates: "postgres" exists on most servers, "template1" on all of them.
        return [
            dataclasses.replace(config, database=name, schema=None)
            for name in ("postgres", "template1", "defaultdb")
            if name != config.database
        ]

    def create_database(self, config: ConnectionConfig) -> str:
        return f"CREATE DATABASE {_pg_quote(config.database)}"


class MysqlReset(ResetFlavour):
    TRANSACTIONAL_DDL = False
    SYSTEM_DATABASES = frozenset({"mysql", "information_schema", "performance_schema", "sys"})

    def inventory(self, namespaces: Sequence[str]) -> Query:
        return (
            "SELECT NULL, TABLE_NAME, CASE TABLE_TYPE WHEN 'VIEW' THEN 'view' ELSE 'table' END"
            " FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
            " UNION ALL SELECT NULL, ROUTINE_NAME, LOWER(ROUTINE_TYPE) FROM information_schema.ROUTINES"
            " WHERE ROUTINE_SCHEMA = DATABASE() UNION ALL SELECT NULL, EVENT_NAME, 'event'"
            " FROM information_schema.EVENTS WHERE EVENT_SCHEMA = DATABASE() ORDER BY 3, 2",
            (),
        )

    def options_query(self) -> Query | None:
        return (
            "SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA"
            " WHERE SCHEMA_NAME = DATABASE()",
            (),
        )

    def reset_statements(self, config: ConnectionConfig, reset: ResetInput) -> list[str]:
        name = _backtick(config.database)
        create = f"CREATE DATABASE {name}"
        options = reset.options
        if options and options[0] and options[1]:
            create += f" CHARACTER SET {options[0]} COLLATE {options[1]}"
        return [f"DROP DATABASE {name}", create, f"USE {name}"]

    def admin_configs(self, config: ConnectionConfig) -> list[ConnectionConfig]:
        return [dataclasses.replace(config, database="")]

    def create_database(self, config: ConnectionConfig) -> str:
        # Prisma's: utf8mb4 with the collation its tables are created with.
        name = _backtick(config.database)
        return f"CREATE DATABASE IF NOT EXISTS {name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"

    def cleanup_statements(self, tables: Sequence[tuple[str | None, str]]) -> list[str]:
        if not tables:
            return []
        names = ", ".join(_backtick(name) for _, name in tables)
        return ["SET FOREIGN_KEY_CHECKS = 0", f"DROP TABLE IF EXISTS {names}", "SET FOREIGN_KEY_CHECKS = 1"]


RESET_FLAVOURS: Mapping[str, ResetFlavour] = {
    "sqlite": SqliteReset(),
    "postgresql": PostgresReset(),
    "mysql": MysqlReset(),
}


def reset_flavour(provider: str) -> ResetFlavour:
    flavour = RESET_FLAVOURS.get(provider)
    if flavour is None:
        raise ValueError(f"refrakt cannot push to `{provider}` databases (supported: sqlite, postgresql, mysql)")
    return flavour
