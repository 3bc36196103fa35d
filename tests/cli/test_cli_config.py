"""`refrakt._config` in-process: the `.env` parser, `[tool.refrakt]`, schema resolution."""

from __future__ import annotations

from pathlib import Path

import pytest

from refrakt._config import (
    ConfigError,
    dotenv_candidates,
    load_dotenv,
    load_project,
    parse_dotenv,
    resolve_schema,
)

# --- .env parsing ----------------------------------------------------------------------------------


def test_dotenv_plain_quoted_and_commented() -> None:
    text = """
# a comment
PLAIN=value
SPACED = spaced value   # trailing comment
DOUBLE="a # not a comment"
SINGLE='it''s'
EMPTY=
EMPTY_QUOTED=""
export EXPORTED=yes
HASH=abc#def
URL="postgresql://u:p@localhost:5432/db?schema=public"
"""
    assert parse_dotenv(text, {}) == {
        "PLAIN": "value",
        "SPACED": "spaced value",
        "DOUBLE": "a # not a comment",
        "SINGLE": "it",
        "EMPTY": "",
        "EMPTY_QUOTED": "",
        "EXPORTED": "yes",
        "HASH": "abc#def",
        "URL": "postgresql://u:p@localhost:5432/db?schema=public",
    }


def test_dotenv_escapes_and_multiline() -> None:
    text = 'ESC="line1\\nline2\\t\\"q\\""\nMULTI="first\nsecond"\nRAW=\'no\\nescape\'\nAFTER=1\n'
    assert parse_dotenv(text, {}) == {
        "ESC": 'line1\nline2\t"q"',
        "MULTI": "first\nsecond",
        "RAW": "no\\nescape",
        "AFTER": "1",
    }


def test_dotenv_expansion() -> None:
    text = (
        "HOST=db.local\n"
        'URL="postgresql://${USER}@${HOST}:5432/app"\n'
        "BARE=$HOST/x\n"
        "LITERAL='${HOST}'\n"
        "ESCAPED=\\$HOST\n"
        "DEFAULTED=${MISSING:-fallback}\n"
        "MISSING_EXPANDS_EMPTY=[${MISSING}]\n"
    )
    assert parse_dotenv(text, {"USER": "alice"}) == {
        "HOST": "db.local",
        "URL": "postgresql://alice@db.local:5432/app",
        "BARE": "db.local/x",
        "LITERAL": "${HOST}",
        "ESCAPED": "$HOST",
        "DEFAULTED": "fallback",
        "MISSING_EXPANDS_EMPTY": "[]",
    }


def test_dotenv_ignores_lines_that_are_not_assignments() -> None:
    assert parse_dotenv("just words\n=novalue\n1BAD=x\nGOOD=1\r\nCRLF=2\r\n", {}) == {"GOOD": "1", "CRLF": "2"}


def test_dotenv_unclosed_quote_keeps_the_next_lines() -> None:
    assert parse_dotenv('BROKEN=\'no end\nNEXT=1\nPRICE="\\$ 5"\n', {}) == {
        "BROKEN": "'no end",
        "NEXT": "1",
        "PRICE": "$ 5",
    }


def test_load_dotenv_never_overrides(tmp_path: Path) -> None:
    first = tmp_path / "a.env"
    second = tmp_path / "b.env"
    first.write_text("A=from-a\nB=from-a\n")
    second.write_text("B=from-b\nC=from-b\n")
    environ = {"A": "from-environment"}

    loaded = load_dotenv([first, second], environ)

    assert loaded == [first, second]
    assert environ == {"A": "from-environment", "B": "from-a", "C": "from-b"}


# --- pyproject.toml --------------------------------------------------------------------------------


def test_project_without_pyproject(tmp_path: Path) -> None:
    project = load_project(tmp_path)

    assert project.root == tmp_path.resolve()
    assert project.schema is None and project.pyproject is None


def test_project_settings_resolve_against_the_pyproject_folder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.refrakt]\nschema = "db/schema.prisma"\nmigrations = "db/migrations"\nseed = "python -m seed"\n'
    )
    below = tmp_path / "src" / "pkg"
    below.mkdir(parents=True)

    project = load_project(below)

    root = tmp_path.resolve()
    assert project.root == root
    assert project.schema == root / "db" / "schema.prisma"
    assert project.migrations == root / "db" / "migrations"
    assert project.seed == "python -m seed"


def test_project_setting_of_the_wrong_type(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.refrakt]\nschema = 3\n")

    with pytest.raises(ConfigError, match=r"\[tool.refrakt\] schema"):
        load_project(tmp_path)


# --- schema resolution -----------------------------------------------------------------------------


def _touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("// schema\n")
    return path


def test_resolution_order(tmp_path: Path) -> None:
    project = load_project(tmp_path)
    assert resolve_schema(None, project, tmp_path, required=False) is None

    root_file = _touch(tmp_path / "schema.prisma")
    found = resolve_schema(None, project, tmp_path)
    assert found is not None and found.path == root_file and not found.is_folder

    _touch(tmp_path / "prisma" / "schema" / "b.prisma")
    _touch(tmp_path / "prisma" / "schema" / "nested" / "a.prisma")
    (tmp_path / "prisma" / "schema" / "notes.txt").write_text("not a schema")
    found = resolve_schema(None, project, tmp_path)
    assert found is not None and found.is_folder
    assert [p.relative_to(found.path).as_posix() for p in found.files] == ["b.prisma", "nested/a.prisma"]

    prisma_file = _touch(tmp_path / "prisma" / "schema.prisma")
    found = resolve_schema(None, project, tmp_path)
    assert found is not None and found.path == prisma_file


def test_empty_schema_folder_is_not_a_schema(tmp_path: Path) -> None:
    (tmp_path / "db").mkdir()

    with pytest.raises(ConfigError, match=r"no \*\.prisma file"):
        resolve_schema("db", load_project(tmp_path), tmp_path)


def test_dotenv_candidates(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.refrakt]\n")
    _touch(tmp_path / ".env")
    _touch(tmp_path / "prisma" / ".env")
    schema = _touch(tmp_path / "prisma" / "schema.prisma")
    project = load_project(tmp_path)
    location = resolve_schema(None, project, tmp_path)

    assert location is not None and location.path == schema
    assert dotenv_candidates(project, location, tmp_path) == [
        tmp_path.resolve() / ".env",
        tmp_path.resolve() / "prisma" / ".env",
    ]
