"""`refrakt db push` end to end in a fresh project: SQLite, PostgreSQL and MariaDB."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
from cli_support import RunCli

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "migrate"))
from db_support import (
    MYSQL_URL,
    POSTGRES_URL,
    describe_mysql,
    describe_postgres,
    mysql_databases,
    postgres_databases,
)

MODELS = """
enum Role {
  USER
  ADMIN
}

model User {
  id    Int    @id @default(autoincrement())
  email String @unique
  role  Role   @default(USER)
  posts Post[]
}

model Post {
  id       Int   @id @default(autoincrement())
  title    String
  author   User  @relation(fields: [authorId], references: [id])
  authorId Int
  tags     Tag[]

  @@index([title])
}

model Tag {
  id    Int    @id @default(autoincrement())
  name  String @unique
  posts Post[]
}
"""
TABLES = ["Post", "Tag", "User", "_PostToTag"]


@pytest.fixture
def project(run_cli: RunCli, tmp_path: Path) -> Callable[[str], Path]:
    """``project(provider)``: `refrakt init` in tmp_path, then the models appended; the schema's path."""

    def make(provider: str) -> Path:
        result = run_cli("init", "--datasource-provider", provider)
        assert result.returncode == 0, result.stderr
        schema = tmp_path / "prisma" / "schema.prisma"
        with schema.open("a", encoding="utf-8") as f:
            f.write(MODELS)
        return schema

    return make


def tables_of(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
    finally:
        conn.close()


def test_sqlite_end_to_end(project: Callable[[str], Path], run_cli: RunCli, tmp_path: Path) -> None:
    project("sqlite")
    db = tmp_path / "prisma" / "dev.db"  # file:./dev.db, relative to the schema's folder

    first = run_cli("db", "push")
    assert first.returncode == 0, first.stderr
    assert 'Datasource "db": SQLite database "dev.db" at "file:./dev.db"' in first.stderr
    assert "Prisma schema loaded from prisma/schema.prisma" in first.stderr
    assert "SQLite database dev.db created at file:./dev.db" in first.stdout
    assert "Your database is now in sync with your Prisma schema. Done in " in first.stdout
    assert "was successfully reset" not in first.stdout
    assert tables_of(db) == TABLES

    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO \"User\" (email) VALUES ('a@x.io')")
    conn.commit()
    conn.close()

    again = run_cli("db", "push")  # the diff: nothing to change
    assert again.returncode == 0, again.stderr
    assert "The database is already in sync with the Prisma schema." in again.stdout
    assert tables_of(db) == TABLES

    reset = run_cli("db", "push", "--force-reset", "--accept-data-loss", "--skip-generate")
    assert reset.returncode == 0, reset.stderr
    assert 'The SQLite database "dev.db" at "file:./dev.db" was successfully reset.' in reset.stdout
    assert "created at" not in reset.stdout
    assert "generators were not run" not in reset.stderr  # --skip-generate
    conn = sqlite3.connect(db)
    assert conn.execute('SELECT COUNT(*) FROM "User"').fetchone() == (0,)
    conn.close()


def test_schema_flag_and_generators(project: Callable[[str], Path], run_cli: RunCli, tmp_path: Path) -> None:
    schema = project("sqlite")
    moved = tmp_path / "db" / "app.prisma"
    moved.parent.mkdir()
    schema.rename(moved)
    result = run_cli("db", "push", "--schema", "db/app.prisma")
    assert result.returncode == 0, result.stderr
    assert tables_of(tmp_path / "db" / "dev.db") == TABLES
    assert "The generators were not run" in result.stderr  # `init` writes a generator block


def test_invalid_schema_and_unset_url(project: Callable[[str], Path], run_cli: RunCli, tmp_path: Path) -> None:
    schema = project("sqlite")
    (tmp_path / ".env").write_text("", encoding="utf-8")
    unset = run_cli("db", "push")
    assert unset.returncode == 1
    assert "Error code: P1012" in unset.stderr and "Environment variable not found: DATABASE_URL." in unset.stderr
    assert "prisma/schema.prisma:10" in unset.stderr

    schema.write_text(schema.read_text(encoding="utf-8") + "model Broken {\n  id Intt @id\n}\n", encoding="utf-8")
    broken = run_cli("db", "push", env={"DATABASE_URL": "file:./dev.db"})
    assert broken.returncode == 1
    assert "Error code: P1012" in broken.stderr and "Intt" in broken.stderr
    assert not (tmp_path / "prisma" / "dev.db").exists()


def test_unreachable_server_and_bad_url(project: Callable[[str], Path], run_cli: RunCli) -> None:
    project("postgresql")
    down = run_cli("db", "push", env={"DATABASE_URL": "postgresql://u@127.0.0.1:1/app"})
    assert down.returncode == 1
    assert "Error: P1001: Can't reach database server at `127.0.0.1:1`" in down.stderr
    assert 'Datasource "db": PostgreSQL database "app", schema "public" at "127.0.0.1:1"' in down.stderr

    bad = run_cli("db", "push", env={"DATABASE_URL": "postgresql://u@127.0.0.1:5432/app?connection_limit=x"})
    assert bad.returncode == 1 and "Error: P1013: " in bad.stderr


def test_db_needs_a_subcommand(run_cli: RunCli) -> None:
    result = run_cli("db")
    assert result.returncode == 1 and "`refrakt db push`" in result.stderr
    assert "db push" in run_cli("--help").stdout


# --- servers ---------------------------------------------------------------------------------------------


def _url(base: str, database: str, query: str = "") -> str:
    return urlunsplit(urlsplit(base)._replace(path=f"/{database}", query=query))


@pytest.fixture
def new_postgres_db() -> Iterator[Callable[[], Any]]:
    with postgres_databases() as new:
        yield new


@pytest.fixture
def new_mysql_db() -> Iterator[Callable[[], Any]]:
    with mysql_databases() as new:
        yield new


def test_postgres_end_to_end(
    project: Callable[[str], Path], run_cli: RunCli, new_postgres_db: Callable[[], Any]
) -> None:
    project("postgresql")
    conn = new_postgres_db()
    env = {"DATABASE_URL": _url(POSTGRES_URL, conn.info.dbname, "schema=shop")}

    first = run_cli("db", "push", env=env)
    assert first.returncode == 0, first.stderr
    assert f'PostgreSQL database "{conn.info.dbname}", schema "shop" at "127.0.0.1:5432"' in first.stderr
    described = describe_postgres(conn)
    assert sorted(described["tables"]) == [f"shop.{t}" for t in TABLES]
    assert described["enums"] == [("shop", "Role", ["USER", "ADMIN"])]

    assert "already in sync" in run_cli("db", "push", env=env).stdout
    reset = run_cli("db", "push", "--force-reset", env=env)
    assert reset.returncode == 0, reset.stderr
    assert (
        f'The PostgreSQL database "{conn.info.dbname}" schema "shop" at "127.0.0.1:5432" was successfully reset.'
        in (reset.stdout)
    )
    assert describe_postgres(conn) == described


def test_mysql_end_to_end(project: Callable[[str], Path], run_cli: RunCli, new_mysql_db: Callable[[], Any]) -> None:
    project("mysql")
    conn = new_mysql_db()
    with conn.cursor() as cur:
        cur.execute("SELECT DATABASE()")
        (name,) = cur.fetchone()
    env = {"DATABASE_URL": _url(MYSQL_URL, name)}
    first = run_cli("db", "push", env=env)
    assert first.returncode == 0, first.stderr
    assert f'Datasource "db": MySQL database "{name}" at "127.0.0.1:3306"' in first.stderr
    described = describe_mysql(conn)
    assert sorted(described["tables"]) == TABLES
    columns = {c[0]: c[1] for c in described["tables"]["User"]["columns"]}
    assert columns["role"] == "enum('USER','ADMIN')"

    again = run_cli("db", "push", env=env)
    assert again.returncode == 0 and "already in sync" in again.stdout
    reset = run_cli("db", "push", "--force-reset", env=env)
    assert reset.returncode == 0, reset.stderr
    assert f'The MySQL database "{name}" at "127.0.0.1:3306" was successfully reset.' in reset.stdout
    assert describe_mysql(conn) == described
