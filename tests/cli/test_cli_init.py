"""`refrakt init`: the files it writes, per provider, and what it refuses to do."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from cli_support import RunCli

PRISMA_DEFAULT_URLS = {
    "sqlite": "file:./dev.db",
    "postgresql": "postgresql://johndoe:randompassword@localhost:5432/mydb?schema=public",
    "mysql": "mysql://johndoe:randompassword@localhost:3306/mydb",
    "sqlserver": "sqlserver://localhost:1433;database=mydb;user=SA;password=randompassword;",
    "cockroachdb": "postgresql://johndoe:randompassword@localhost:26257/mydb?schema=public",
    "mongodb": "mongodb+srv://root:randompassword@cluster0.ab1cd.mongodb.net/mydb?retryWrites=true&w=majority",
}


def expected_schema(provider: str) -> str:
    return (
        "// This is your Prisma schema file,\n"
        "// learn more about it in the docs: https://pris.ly/d/prisma-schema\n"
        "\n"
        "generator client {\n"
        '  provider = "refrakt"\n'
        "}\n"
        "\n"
        "datasource db {\n"
        f'  provider = "{provider}"\n'
        '  url      = env("DATABASE_URL")\n'
        "}\n"
    )


@pytest.mark.parametrize("provider", sorted(PRISMA_DEFAULT_URLS))
def test_init_writes_schema_env_and_gitignore(provider: str, run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("init", "--datasource-provider", provider)

    assert result.returncode == 0, result.stderr
    assert "Your Prisma schema was created at prisma/schema.prisma" in result.stdout
    assert (tmp_path / "prisma" / "schema.prisma").read_text() == expected_schema(provider)
    env = (tmp_path / ".env").read_text()
    assert f'DATABASE_URL="{PRISMA_DEFAULT_URLS[provider]}"' in env.splitlines()
    assert ".env" in (tmp_path / ".gitignore").read_text().splitlines()


def test_init_defaults_to_postgresql(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("init")

    assert result.returncode == 0, result.stderr
    assert (tmp_path / "prisma" / "schema.prisma").read_text() == expected_schema("postgresql")
    assert f'DATABASE_URL="{PRISMA_DEFAULT_URLS["postgresql"]}"' in (tmp_path / ".env").read_text()
    # Without a provider, the next steps say to pick one.
    assert "provider" in result.stdout and "datasource" in result.stdout


def test_init_provider_is_case_insensitive(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("init", "--datasource-provider", "SQLite")

    assert result.returncode == 0, result.stderr
    assert 'provider = "sqlite"' in (tmp_path / "prisma" / "schema.prisma").read_text()


@pytest.mark.parametrize(
    ("url", "provider"),
    [
        ("mysql://u:p@db.local:3306/shop", "mysql"),
        ("postgres://u:p@db.local:5432/shop", "postgresql"),
        ("file:./data/app.db", "sqlite"),
    ],
)
def test_init_url_sets_the_provider(url: str, provider: str, run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("init", "--url", url)

    assert result.returncode == 0, result.stderr
    assert (tmp_path / "prisma" / "schema.prisma").read_text() == expected_schema(provider)
    assert f'DATABASE_URL="{url}"' in (tmp_path / ".env").read_text().splitlines()


def test_init_rejects_an_unknown_provider(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("init", "--datasource-provider", "oracle")

    assert result.returncode == 1
    assert 'Provider "oracle" is invalid or not supported' in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "prisma").exists()
    assert not (tmp_path / ".env").exists()


def test_init_rejects_a_url_that_does_not_match_the_provider(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("init", "--datasource-provider", "mysql", "--url", "postgresql://u@h/db")

    assert result.returncode == 1
    assert "does not match" in result.stderr
    assert not (tmp_path / "prisma").exists()


def test_init_refuses_to_overwrite_an_existing_schema(
    run_cli: RunCli, tmp_path: Path, write: Callable[[str, str], Path]
) -> None:
    schema = write("prisma/schema.prisma", "// mine\n")

    result = run_cli("init", "--datasource-provider", "sqlite")

    assert result.returncode == 1
    assert "prisma/schema.prisma already exists" in result.stderr
    assert "Traceback" not in result.stderr
    assert schema.read_text() == "// mine\n"
    assert not (tmp_path / ".env").exists()


@pytest.mark.parametrize("existing", ["schema.prisma", "prisma/schema/models.prisma"])
def test_init_refuses_when_another_default_schema_exists(
    existing: str, run_cli: RunCli, tmp_path: Path, write: Callable[[str, str], Path]
) -> None:
    write(existing, "// mine\n")

    result = run_cli("init")

    assert result.returncode == 1
    assert "already exists" in result.stderr
    assert not (tmp_path / "prisma" / "schema.prisma").exists()


def test_init_writes_where_schema_points(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("init", "--datasource-provider", "sqlite", "--schema", "db/app.prisma")

    assert result.returncode == 0, result.stderr
    assert (tmp_path / "db" / "app.prisma").read_text() == expected_schema("sqlite")
    assert not (tmp_path / "prisma").exists()


def test_init_keeps_an_existing_database_url(
    run_cli: RunCli, tmp_path: Path, write: Callable[[str, str], Path]
) -> None:
    env = write(".env", 'DATABASE_URL="postgresql://me@prod/db"\n')

    result = run_cli("init", "--datasource-provider", "sqlite")

    assert result.returncode == 0, result.stderr
    assert env.read_text() == 'DATABASE_URL="postgresql://me@prod/db"\n'
    assert "DATABASE_URL but it already exists in .env" in result.stderr


def test_init_appends_to_an_env_without_database_url(
    run_cli: RunCli, tmp_path: Path, write: Callable[[str, str], Path]
) -> None:
    env = write(".env", "SECRET=1")

    result = run_cli("init", "--datasource-provider", "sqlite")

    assert result.returncode == 0, result.stderr
    lines = env.read_text().splitlines()
    assert lines[0] == "SECRET=1"
    assert 'DATABASE_URL="file:./dev.db"' in lines


def test_init_adds_env_to_an_existing_gitignore(
    run_cli: RunCli, tmp_path: Path, write: Callable[[str, str], Path]
) -> None:
    gitignore = write(".gitignore", "__pycache__/")

    result = run_cli("init", "--datasource-provider", "sqlite")

    assert result.returncode == 0, result.stderr
    lines = gitignore.read_text().splitlines()
    assert lines[0] == "__pycache__/"
    assert ".env" in lines


def test_init_leaves_a_gitignore_that_already_ignores_env(
    run_cli: RunCli, tmp_path: Path, write: Callable[[str, str], Path]
) -> None:
    gitignore = write(".gitignore", "venv/\n.env\n")

    result = run_cli("init", "--datasource-provider", "sqlite")

    assert result.returncode == 0, result.stderr
    assert gitignore.read_text() == "venv/\n.env\n"


def test_init_takes_no_positional_argument(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("init", "myproject")

    assert result.returncode == 1
    assert "does not take the argument `myproject`" in result.stderr
    assert not (tmp_path / "prisma").exists()


def test_init_then_format_check_and_validate(run_cli: RunCli) -> None:
    """The files `init` writes are a formatted, valid project (the .env provides DATABASE_URL)."""
    assert run_cli("init", "--datasource-provider", "sqlite").returncode == 0

    check = run_cli("format", "--check")
    validate = run_cli("validate")

    assert check.returncode == 0, check.stderr
    assert "All files are formatted correctly!" in check.stdout
    assert validate.returncode == 0, validate.stderr
    assert "The schema at prisma/schema.prisma is valid 🚀" in validate.stdout
