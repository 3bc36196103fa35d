"""What the migration-history tests share: a project (schema + migrations folder) on a fresh
SQLite, PostgreSQL or MariaDB database, and a way to look into that database."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from db_support import MYSQL_URL, POSTGRES_URL, mysql_databases, postgres_databases

from refrakt.drivers import connect

PROVIDERS = ("sqlite", "postgresql", "mysql")

# Two migrations (each with the down.sql that undoes it), per database.
MIGRATIONS: dict[str, list[tuple[str, str, str]]] = {
    "sqlite": [
        (
            "20250101000000_init",
            'CREATE TABLE "User" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "email" TEXT NOT NULL);\n'
            'CREATE UNIQUE INDEX "User_email_key" ON "User"("email");\n',
            'DROP INDEX "User_email_key";\nDROP TABLE "User";\n',
        ),
        (
            "20250102000000_add_post",
            'CREATE TABLE "Post" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "title" TEXT NOT NULL);\n',
            'DROP TABLE "Post";\n',
        ),
    ],
    "postgresql": [
        (
            "20250101000000_init",
            'CREATE TABLE "User" ("id" SERIAL NOT NULL, "email" TEXT NOT NULL,\n'
            '    CONSTRAINT "User_pkey" PRIMARY KEY ("id"));\n'
            'CREATE UNIQUE INDEX "User_email_key" ON "User"("email");\n',
            'DROP TABLE "User";\n',
        ),
        (
            "20250102000000_add_post",
            'CREATE TABLE "Post" ("id" SERIAL NOT NULL, "title" TEXT NOT NULL,\n'
            '    CONSTRAINT "Post_pkey" PRIMARY KEY ("id"));\n',
            'DROP TABLE "Post";\n',
        ),
    ],
    "mysql": [
        (
            "20250101000000_init",
            "CREATE TABLE `User` (`id` INTEGER NOT NULL AUTO_INCREMENT, `email` VARCHAR(191) NOT NULL,\n"
            "    UNIQUE INDEX `User_email_key`(`email`), PRIMARY KEY (`id`)\n"
            ") DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;\n",
            "DROP TABLE `User`;\n",
        ),
        (
            "20250102000000_add_post",
            "CREATE TABLE `Post` (`id` INTEGER NOT NULL AUTO_INCREMENT, `title` VARCHAR(191) NOT NULL,\n"
            "    PRIMARY KEY (`id`)\n) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;\n",
            "DROP TABLE `Post`;\n",
        ),
    ],
}

# A script whose second statement fails (after the first one ran, where DDL is not transactional).
FAILING = {
    "sqlite": 'CREATE TABLE "Tag" ("id" INTEGER NOT NULL PRIMARY KEY);\nINSERT INTO "Nope" VALUES (1);\n',
    "postgresql": 'CREATE TABLE "Tag" ("id" INTEGER NOT NULL PRIMARY KEY);\nINSERT INTO "Nope" VALUES (1);\n',
    "mysql": "CREATE TABLE `Tag` (`id` INTEGER NOT NULL PRIMARY KEY);\nINSERT INTO `Nope` VALUES (1);\n",
}

# A statement that runs for a long time (to kill the process in the middle of it).
SLOW = {
    "sqlite": "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000000)"
    " SELECT count(*) FROM c;\n",
    "postgresql": "SELECT pg_sleep(60);\n",
    "mysql": "SELECT SLEEP(60);\n",
}


def schema_text(provider: str) -> str:
    return textwrap.dedent(
        f"""\
        datasource db {{
          provider = "{provider}"
          url      = env("DATABASE_URL")
        }}

        model User {{
          id    Int    @id @default(autoincrement())
          email String @unique
        }}
        """
    )


@dataclass
class Project:
    """A project folder: ``prisma/schema.prisma``, ``prisma/migrations/``, and its database URL."""

    provider: str
    root: Path
    url: str

    @property
    def schema(self) -> Path:
        return self.root / "prisma" / "schema.prisma"

    @property
    def migrations(self) -> Path:
        return self.root / "prisma" / "migrations"

    def add(self, name: str, script: str, down: str | None = None) -> Path:
        folder = self.migrations / name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "migration.sql").write_text(script, encoding="utf-8")
        if down is not None:
            (folder / "down.sql").write_text(down, encoding="utf-8")
        return folder

    def add_standard(self, count: int = 2) -> list[str]:
        names: list[str] = []
        for name, up, down in MIGRATIONS[self.provider][:count]:
            self.add(name, up, down)
            names.append(name)
        return names

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        conn = connect(self.url, base_dir=self.schema.parent)
        try:
            _, rows = conn.query(sql)
            return [tuple(r) for r in rows]
        finally:
            conn.close()

    def execute(self, sql: str) -> None:
        conn = connect(self.url, base_dir=self.schema.parent)
        try:
            conn.execute_script(sql)
        finally:
            conn.close()

    def tables(self) -> set[str]:
        if self.provider == "sqlite":
            sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        elif self.provider == "postgresql":
            sql = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
        else:
            sql = "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
        return {str(r[0]) for r in self.query(sql)}

    def history(self) -> list[tuple[Any, ...]]:
        """``(migration_name, finished, rolled_back, applied_steps_count, checksum, logs)`` oldest first."""
        q = "`" if self.provider == "mysql" else '"'
        return self.query(
            f"SELECT migration_name, finished_at IS NOT NULL, rolled_back_at IS NOT NULL, applied_steps_count,"
            f" checksum, logs FROM {q}_prisma_migrations{q} ORDER BY started_at, migration_name"
        )


def _with_database(url: str, database: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + database, parts.query, ""))


@contextmanager
def project_on(provider: str, root: Path) -> Iterator[Project]:
    """A project on a fresh, empty database of ``provider`` (dropped afterwards)."""
    (root / "prisma").mkdir(parents=True, exist_ok=True)
    (root / "prisma" / "schema.prisma").write_text(schema_text(provider), encoding="utf-8")
    if provider == "sqlite":
        yield Project(provider, root, "file:./dev.db")
        return
    factory: Callable[[], Any]
    if provider == "postgresql":
        with postgres_databases() as factory:
            conn = factory()
            yield Project(provider, root, _with_database(POSTGRES_URL, conn.info.dbname))
        return
    with mysql_databases() as factory:
        conn = factory()
        name = conn.db.decode() if isinstance(conn.db, bytes) else str(conn.db)
        yield Project(provider, root, _with_database(MYSQL_URL, name))
