"""`refrakt validate`, and how every command finds the schema and loads `.env`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cli_support import LITERAL_URL_SCHEMA, VALID_SCHEMA, RunCli

Write = Callable[[str, str], Path]


def test_validate_a_valid_schema(run_cli: RunCli, write: Write) -> None:
    write("prisma/schema.prisma", LITERAL_URL_SCHEMA)

    result = run_cli("validate")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "The schema at prisma/schema.prisma is valid 🚀"
    assert "Prisma schema loaded from prisma/schema.prisma" in result.stderr


def test_validate_reports_errors_prisma_style(run_cli: RunCli, write: Write) -> None:
    broken = LITERAL_URL_SCHEMA.replace("  email String @unique\n", "  email String @unique\n  oops\n")
    write("prisma/schema.prisma", broken)

    result = run_cli("validate")

    assert result.returncode == 1
    assert "is valid" not in result.stdout
    err = result.stderr
    assert "Traceback" not in err
    assert "\nerror: " in err
    assert "  -->  prisma/schema.prisma:13\n" in err
    assert "13 |   oops\n" in err  # the offending line, numbered
    assert "12 |   email String @unique\n" in err  # the line before it
    assert "Validation Error Count: 1" in err


def test_validate_reports_an_unknown_type(run_cli: RunCli, write: Write) -> None:
    write("prisma/schema.prisma", LITERAL_URL_SCHEMA.replace("author   User", "author   Usr "))

    result = run_cli("validate")

    assert result.returncode == 1
    assert "error: " in result.stderr
    assert "Usr" in result.stderr
    assert "-->  prisma/schema.prisma:18" in result.stderr


def test_validate_colours_only_when_asked(run_cli: RunCli, write: Write) -> None:
    write("prisma/schema.prisma", LITERAL_URL_SCHEMA.replace("  email String @unique\n", "  oops\n"))

    plain = run_cli("validate")
    coloured = run_cli("validate", env={"FORCE_COLOR": "1"})

    assert plain.returncode == coloured.returncode == 1
    assert "\x1b[" not in plain.stderr
    assert "\x1b[" in coloured.stderr


# --- --schema ------------------------------------------------------------------------------------


def test_schema_flag_with_a_file(run_cli: RunCli, write: Write) -> None:
    write("db/app.prisma", LITERAL_URL_SCHEMA)

    result = run_cli("validate", "--schema", "db/app.prisma")

    assert result.returncode == 0, result.stderr
    assert "The schema at db/app.prisma is valid 🚀" in result.stdout


def test_schema_flag_with_equals_sign(run_cli: RunCli, write: Write) -> None:
    write("db/app.prisma", LITERAL_URL_SCHEMA)

    result = run_cli("validate", "--schema=db/app.prisma")

    assert result.returncode == 0, result.stderr
    assert "db/app.prisma is valid" in result.stdout


def test_schema_flag_with_a_folder(run_cli: RunCli, write: Write) -> None:
    config, models = LITERAL_URL_SCHEMA.split("model User", 1)
    write("db/schema/config.prisma", config)
    write("db/schema/models.prisma", "model User" + models)

    result = run_cli("validate", "--schema", "db/schema")

    assert result.returncode == 0, result.stderr
    assert "The schemas at db/schema are valid 🚀" in result.stdout


def test_schema_folder_errors_name_the_file(run_cli: RunCli, write: Write) -> None:
    config, models = LITERAL_URL_SCHEMA.split("model User", 1)
    write("db/schema/config.prisma", config)
    write("db/schema/models.prisma", "model User" + models.replace("  email String @unique\n", "  oops\n"))

    result = run_cli("validate", "--schema", "db/schema")

    assert result.returncode == 1
    assert "-->  db/schema/models.prisma:3" in result.stderr


def test_schema_flag_that_does_not_exist(run_cli: RunCli) -> None:
    result = run_cli("validate", "--schema", "nowhere.prisma")

    assert result.returncode == 1
    assert "Could not load `--schema` from provided path `nowhere.prisma`" in result.stderr
    assert "Traceback" not in result.stderr


def test_no_schema_anywhere(run_cli: RunCli) -> None:
    result = run_cli("validate")

    assert result.returncode == 1
    assert "Could not find a Prisma schema" in result.stderr
    for checked in ("prisma/schema.prisma", "prisma/schema", "schema.prisma"):
        assert checked in result.stderr


def test_default_locations_in_order(run_cli: RunCli, write: Write) -> None:
    write("schema.prisma", LITERAL_URL_SCHEMA)
    assert "The schema at schema.prisma is valid" in run_cli("validate").stdout

    write("prisma/schema/main.prisma", LITERAL_URL_SCHEMA)
    assert "The schemas at prisma/schema are valid" in run_cli("validate").stdout

    write("prisma/schema.prisma", LITERAL_URL_SCHEMA)
    assert "The schema at prisma/schema.prisma is valid" in run_cli("validate").stdout


# --- [tool.refrakt] in pyproject.toml ------------------------------------------------------------


def test_pyproject_schema_setting(run_cli: RunCli, write: Write, tmp_path: Path) -> None:
    write("pyproject.toml", '[project]\nname = "app"\n\n[tool.refrakt]\nschema = "db/app.prisma"\n')
    write("db/app.prisma", LITERAL_URL_SCHEMA)
    write("prisma/schema.prisma", "this is not a schema\n")  # the setting wins over the default
    subdir = tmp_path / "src" / "app"
    subdir.mkdir(parents=True)

    at_root = run_cli("validate")
    below = run_cli("validate", cwd=subdir)  # pyproject.toml is searched upward

    assert at_root.returncode == 0, at_root.stderr
    assert "The schema at db/app.prisma is valid" in at_root.stdout
    assert below.returncode == 0, below.stderr
    assert "app.prisma is valid" in below.stdout


def test_schema_flag_wins_over_pyproject(run_cli: RunCli, write: Write) -> None:
    write("pyproject.toml", '[tool.refrakt]\nschema = "db/missing.prisma"\n')
    write("other.prisma", LITERAL_URL_SCHEMA)

    result = run_cli("validate", "--schema", "other.prisma")

    assert result.returncode == 0, result.stderr
    assert "other.prisma is valid" in result.stdout


def test_pyproject_schema_that_does_not_exist(run_cli: RunCli, write: Write) -> None:
    write("pyproject.toml", '[tool.refrakt]\nschema = "db/missing.prisma"\n')

    result = run_cli("validate")

    assert result.returncode == 1
    assert "db/missing.prisma" in result.stderr
    assert "[tool.refrakt] schema" in result.stderr


def test_invalid_pyproject_is_a_clear_error(run_cli: RunCli, write: Write) -> None:
    write("pyproject.toml", "[tool.refrakt\nschema = 1\n")
    write("prisma/schema.prisma", LITERAL_URL_SCHEMA)

    result = run_cli("validate")

    assert result.returncode == 1
    assert "pyproject.toml" in result.stderr
    assert "Traceback" not in result.stderr


# --- .env ------------------------------------------------------------------------------------------


def test_env_file_provides_the_datasource_url(run_cli: RunCli, write: Write) -> None:
    write("prisma/schema.prisma", VALID_SCHEMA)
    write(".env", '# local settings\nDATABASE_URL="file:./dev.db"\n')

    result = run_cli("validate")

    assert result.returncode == 0, result.stderr
    assert "Environment variables loaded from .env" in result.stderr
    assert "is valid" in result.stdout


def test_missing_env_var_is_an_error(run_cli: RunCli, write: Write) -> None:
    write("prisma/schema.prisma", VALID_SCHEMA)

    result = run_cli("validate")

    assert result.returncode == 1
    assert "Environment variable not found: DATABASE_URL." in result.stderr
    assert "-->  prisma/schema.prisma:7" in result.stderr


def test_environment_wins_over_env_file(run_cli: RunCli, write: Write) -> None:
    write("prisma/schema.prisma", VALID_SCHEMA)
    write(".env", 'DATABASE_URL=""\n')

    from_file = run_cli("validate")
    from_environment = run_cli("validate", env={"DATABASE_URL": "file:./other.db"})

    assert from_file.returncode == 1
    assert "resolved to an empty string" in from_file.stderr
    assert from_environment.returncode == 0, from_environment.stderr


def test_env_file_beside_the_schema(run_cli: RunCli, write: Write) -> None:
    write("prisma/schema.prisma", VALID_SCHEMA)
    write("prisma/.env", "DATABASE_URL=file:./dev.db # the local database\n")

    result = run_cli("validate")

    assert result.returncode == 0, result.stderr
    assert "prisma/.env" in result.stderr


def test_env_file_at_the_pyproject_root(run_cli: RunCli, write: Write, tmp_path: Path) -> None:
    write("pyproject.toml", '[tool.refrakt]\nschema = "prisma/schema.prisma"\n')
    write("prisma/schema.prisma", VALID_SCHEMA)
    write(".env", "export DATABASE_URL='file:./dev.db'\n")
    subdir = tmp_path / "src"
    subdir.mkdir()

    result = run_cli("validate", cwd=subdir)

    assert result.returncode == 0, result.stderr


def test_env_url_must_suit_the_provider(run_cli: RunCli, write: Write) -> None:
    write("prisma/schema.prisma", VALID_SCHEMA)

    result = run_cli("validate", env={"DATABASE_URL": "postgresql://u@localhost/db"})

    assert result.returncode == 1
    assert "Error validating datasource `db`" in result.stderr
    assert "`file:`" in result.stderr
    assert "-->  prisma/schema.prisma:7" in result.stderr
