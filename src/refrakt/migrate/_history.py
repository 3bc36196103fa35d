"""The ``_prisma_migrations`` table, column for column as Prisma's schema engine keeps it
(sans-IO: SQL text per database, and the records read back).

Each row is one attempt at applying a migration folder: ``id`` (a UUID), ``checksum`` (SHA-256
hex of ``migration.sql``), ``migration_name`` (the folder), ``started_at``, then ``finished_at``
and ``applied_steps_count = 1`` once the script ran, or ``logs`` (the error) when it failed;
``rolled_back_at`` is set by ``migrate resolve --rolled-back``. A failed attempt is a row with
neither ``finished_at`` nor ``rolled_back_at``: it blocks ``migrate deploy`` until resolved.

Timestamps are UTC. SQLite stores them as Prisma does, RFC 3339 text with milliseconds
(``2025-01-02T09:30:00.123+00:00``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, ClassVar

from refrakt.drivers import ParamStyle

TABLE = "_prisma_migrations"
COLUMNS = (
    "id",
    "checksum",
    "finished_at",
    "migration_name",
    "logs",
    "rolled_back_at",
    "started_at",
    "applied_steps_count",
)


@dataclass(frozen=True, slots=True)
class MigrationRecord:
    """A row of ``_prisma_migrations``."""

    id: str
    checksum: str
    finished_at: datetime | None
    migration_name: str
    logs: str | None
    rolled_back_at: datetime | None
    started_at: datetime
    applied_steps_count: int

    @property
    def failed(self) -> bool:
        """Started, neither finished nor rolled back: blocks ``migrate deploy``."""
        return self.finished_at is None and self.rolled_back_at is None

    @property
    def applied(self) -> bool:
        return self.finished_at is not None and self.rolled_back_at is None


def display_time(value: datetime) -> str:
    """``2025-01-02 09:30:00.123 UTC``, as Prisma's messages show ``started_at``."""
    utc = value.astimezone(UTC) if value.tzinfo else value
    text = utc.strftime("%Y-%m-%d %H:%M:%S")
    if utc.microsecond:
        text += f".{utc.microsecond // 1000:03d}"
    return text + " UTC"


def _as_datetime(value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    text = str(value).strip().replace(" ", "T", 1)
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    parsed = datetime.fromisoformat(text)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


class HistoryFlavour:
    """The history table's SQL on one database."""

    provider: ClassVar[str] = ""
    paramstyle: ClassVar[ParamStyle] = "qmark"
    create_table: ClassVar[str] = ""
    now: ClassVar[str] = ""
    """A UTC timestamp expression, stored as Prisma stores it."""

    def quote(self, name: str) -> str:
        return '"' + name.replace('"', '""') + '"'

    def param(self, index: int) -> str:
        """The placeholder of the ``index``-th parameter (1-based)."""
        return {"qmark": "?", "numeric_dollar": f"${index}", "format": "%s"}[self.paramstyle]

    @property
    def table(self) -> str:
        return self.quote(TABLE)

    def exists(self) -> tuple[str, Sequence[Any]]:
        """A query that returns one row when the table exists."""
        raise NotImplementedError

    def select(self) -> str:
        columns = ", ".join(self.quote(c) for c in COLUMNS)
        return f"SELECT {columns} FROM {self.table} ORDER BY {self.quote('started_at')} ASC"

    def insert_started(self, id_: str, name: str, checksum: str) -> tuple[str, Sequence[Any]]:
        q, p = self.quote, self.param
        sql = (
            f"INSERT INTO {self.table} ({q('id')}, {q('checksum')}, {q('migration_name')}, {q('started_at')}) "
            f"VALUES ({p(1)}, {p(2)}, {p(3)}, {self.now})"
        )
        return sql, (id_, checksum, name)

    def mark_finished(self, id_: str) -> tuple[str, Sequence[Any]]:
        q = self.quote
        sql = (
            f"UPDATE {self.table} SET {q('finished_at')} = {self.now}, "
            f"{q('applied_steps_count')} = {q('applied_steps_count')} + 1 WHERE {q('id')} = {self.param(1)}"
        )
        return sql, (id_,)

    def mark_failed(self, id_: str, logs: str) -> tuple[str, Sequence[Any]]:
        q = self.quote
        sql = f"UPDATE {self.table} SET {q('logs')} = {self.param(1)} WHERE {q('id')} = {self.param(2)}"
        return sql, (logs, id_)

    def insert_applied(self, id_: str, name: str, checksum: str) -> tuple[str, Sequence[Any]]:
        """``migrate resolve --applied``: a finished row with no step applied."""
        q, p = self.quote, self.param
        sql = (
            f"INSERT INTO {self.table} ({q('id')}, {q('checksum')}, {q('migration_name')}, {q('started_at')}, "
            f"{q('finished_at')}, {q('applied_steps_count')}) VALUES ({p(1)}, {p(2)}, {p(3)}, {self.now}, "
            f"{self.now}, 0)"
        )
        return sql, (id_, checksum, name)

    def mark_rolled_back(self, id_: str) -> tuple[str, Sequence[Any]]:
        q = self.quote
        sql = f"UPDATE {self.table} SET {q('rolled_back_at')} = {self.now} WHERE {q('id')} = {self.param(1)}"
        return sql, (id_,)

    def delete_named(self, name: str) -> tuple[str, Sequence[Any]]:
        """``refrakt migrate down``: forget every attempt at a migration."""
        return f"DELETE FROM {self.table} WHERE {self.quote('migration_name')} = {self.param(1)}", (name,)

    def record(self, row: Sequence[Any]) -> MigrationRecord:
        started = _as_datetime(row[6])
        return MigrationRecord(
            id=str(row[0]),
            checksum=str(row[1]),
            finished_at=_as_datetime(row[2]),
            migration_name=str(row[3]),
            logs=None if row[4] is None else str(row[4]),
            rolled_back_at=_as_datetime(row[5]),
            started_at=started if started is not None else datetime.fromtimestamp(0, UTC),
            applied_steps_count=int(row[7] or 0),
        )


class SqliteHistory(HistoryFlavour):
    provider = "sqlite"
    paramstyle = "qmark"
    create_table = """CREATE TABLE "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)"""
    now = "strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')"

    def exists(self) -> tuple[str, Sequence[Any]]:
        return "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (TABLE,)


class PostgresHistory(HistoryFlavour):
    provider = "postgresql"
    paramstyle = "numeric_dollar"
    create_table = """CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)"""
    now = "clock_timestamp()"

    def exists(self) -> tuple[str, Sequence[Any]]:
        # In the first schema of the search path (the URL's ``schema``), where Prisma keeps it.
        return (
            "SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE c.relname = $1 AND c.relkind IN ('r', 'p') AND n.nspname = current_schema()",
            (TABLE,),
        )


class MysqlHistory(HistoryFlavour):
    provider = "mysql"
    paramstyle = "format"
    create_table = """CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             DATETIME(3),
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          DATETIME(3),
    started_at              DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    applied_steps_count     INTEGER UNSIGNED NOT NULL DEFAULT 0
) DEFAULT CHARACTER SET utf8mb4"""
    now = "UTC_TIMESTAMP(3)"

    def quote(self, name: str) -> str:
        return "`" + name.replace("`", "``") + "`"

    def exists(self) -> tuple[str, Sequence[Any]]:
        return (
            "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = %s",
            (TABLE,),
        )


HISTORY_FLAVOURS: dict[str, HistoryFlavour] = {
    "sqlite": SqliteHistory(),
    "postgresql": PostgresHistory(),
    "mysql": MysqlHistory(),
}


def history_flavour(provider: str) -> HistoryFlavour:
    flavour = HISTORY_FLAVOURS.get(provider)
    if flavour is None:
        raise ValueError(
            f"refrakt migrate does not support `{provider}` databases (supported: sqlite, postgresql, mysql)"
        )
    return flavour
