"""`refrakt format [--check]`: rewrites files in place; `--check` only reports, with its exit code."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cli_support import LITERAL_URL_SCHEMA, RunCli

UNFORMATTED = """\
datasource db {
  provider = "sqlite"
  url = "file:./dev.db"
}

model User {
  id Int @id @default(autoincrement())
  email String @unique
}
"""

FORMATTED = """\
datasource db {
  provider = "sqlite"
  url      = "file:./dev.db"
}

model User {
  id    Int    @id @default(autoincrement())
  email String @unique
}
"""


def test_format_rewrites_the_schema(run_cli: RunCli, write: Callable[[str, str], Path]) -> None:
    schema = write("prisma/schema.prisma", UNFORMATTED)

    result = run_cli("format")

    assert result.returncode == 0, result.stderr
    assert "Formatted prisma/schema.prisma in " in result.stdout
    assert schema.read_text() == FORMATTED


def test_format_is_idempotent(run_cli: RunCli, write: Callable[[str, str], Path]) -> None:
    schema = write("prisma/schema.prisma", UNFORMATTED)

    assert run_cli("format").returncode == 0
    once = schema.read_text()
    assert run_cli("format").returncode == 0

    assert schema.read_text() == once


def test_format_check_fails_on_unformatted_and_changes_nothing(
    run_cli: RunCli, write: Callable[[str, str], Path]
) -> None:
    schema = write("prisma/schema.prisma", UNFORMATTED)
    mtime = schema.stat().st_mtime_ns

    result = run_cli("format", "--check")

    assert result.returncode == 1
    assert "There are unformatted files" in result.stderr
    assert "prisma/schema.prisma" in result.stderr
    assert schema.read_text() == UNFORMATTED
    assert schema.stat().st_mtime_ns == mtime


def test_format_check_passes_on_formatted(run_cli: RunCli, write: Callable[[str, str], Path]) -> None:
    schema = write("prisma/schema.prisma", FORMATTED)

    result = run_cli("format", "--check")

    assert result.returncode == 0, result.stderr
    assert "All files are formatted correctly!" in result.stdout
    assert schema.read_text() == FORMATTED


def test_format_check_with_a_folder_names_the_unformatted_file(
    run_cli: RunCli, write: Callable[[str, str], Path]
) -> None:
    good = write("prisma/schema/main.prisma", LITERAL_URL_SCHEMA)
    bad = write("prisma/schema/extra.prisma", "model Tag {\n  id Int @id\n  label String\n}\n")

    check = run_cli("format", "--check")

    assert check.returncode == 1
    assert "prisma/schema/extra.prisma" in check.stderr
    assert "prisma/schema/main.prisma" not in check.stderr

    fix = run_cli("format")

    assert fix.returncode == 0, fix.stderr
    assert "Formatted prisma/schema in " in fix.stdout
    assert bad.read_text() == "model Tag {\n  id    Int    @id\n  label String\n}\n"
    assert good.read_text() == LITERAL_URL_SCHEMA


def test_format_does_not_write_an_invalid_schema(run_cli: RunCli, write: Callable[[str, str], Path]) -> None:
    broken = UNFORMATTED.replace("  email String @unique\n", "  email String @unique\n  oops\n")
    schema = write("prisma/schema.prisma", broken)

    result = run_cli("format")

    assert result.returncode == 1
    assert "error:" in result.stderr
    assert "-->  prisma/schema.prisma:9" in result.stderr
    assert schema.read_text() == broken


def test_format_with_schema_flag(run_cli: RunCli, write: Callable[[str, str], Path]) -> None:
    schema = write("db/custom.prisma", UNFORMATTED)

    result = run_cli("format", "--schema", "db/custom.prisma")

    assert result.returncode == 0, result.stderr
    assert "Formatted db/custom.prisma" in result.stdout
    assert schema.read_text() == FORMATTED
