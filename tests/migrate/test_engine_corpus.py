"""Every schema of the engine-tests corpus (``../shared/conformance/engine-tests``): refrakt's DDL
against Prisma's, byte for byte, and applied to real databases.

``fixtures/engine_corpus_ddl.json`` holds Prisma 6.19.3's ``migrate diff --from-empty --script``
output for each (schema, relation mode, provider) of the corpus, keyed like ``corpus_key``;
``null`` where Prisma rejected the schema. Regenerate it with the oracle (fixtures/README.md)
when the corpus changes.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from refrakt.migrate import create_statements, render_create_script, sql_schema_from_datamodel
from refrakt.schema import parse

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "conformance" / "engine-tests" / "cases"
PRISMA_DDL: dict[str, str | None] = json.loads(
    Path(__file__).with_name("fixtures").joinpath("engine_corpus_ddl.json").read_text(encoding="utf-8")
)
URLS = {"sqlite": "file:./dev.db", "postgresql": "postgresql://postgres@127.0.0.1:5432/x", "mysql": "mysql://root@h/x"}


@dataclass(frozen=True)
class CorpusSchema:
    models: str
    relation_mode: str
    provider: str

    @property
    def key(self) -> str:
        return hashlib.sha1(repr((self.models, self.relation_mode, self.provider)).encode()).hexdigest()[:12]

    def text(self, provider: str | None = None) -> str:
        """The schema file: a datasource for ``provider`` (``@test.X`` native types name it ``test``)."""
        name = "test" if "@test." in self.models else "db"
        p = provider or self.provider
        return (
            f'datasource {name} {{\n  provider = "{p}"\n  url = "{URLS[p]}"\n'
            f'  relationMode = "{self.relation_mode}"\n}}\n\n'
            'generator client {\n  provider = "prisma-client-js"\n  previewFeatures = ["views"]\n}\n\n' + self.models
        )

    def __str__(self) -> str:
        return f"{self.key}-{self.provider}"


def _corpus() -> list[CorpusSchema]:
    seen: dict[str, CorpusSchema] = {}
    for path in sorted(CORPUS.glob("**/*.json")):
        for case in json.loads(path.read_text(encoding="utf-8"))["cases"]:
            for flavour in case.get("flavours", []):
                provider = {"sqlite": "sqlite", "postgres": "postgresql"}[flavour]
                item = CorpusSchema(case["schema"], case.get("relation_mode") or "foreignKeys", provider)
                seen.setdefault(item.key, item)
    return list(seen.values())


SCHEMAS = _corpus()
ACCEPTED = [s for s in SCHEMAS if PRISMA_DDL.get(s.key) is not None]


def test_the_corpus_is_there() -> None:
    assert len(SCHEMAS) > 500, f"the shared engine-tests corpus is missing ({CORPUS})"
    assert {s.key for s in SCHEMAS} == set(PRISMA_DDL), "fixtures/engine_corpus_ddl.json is out of date"


def _script(schema: CorpusSchema, provider: str | None = None) -> tuple[str, list[str]]:
    parsed = parse(schema.text(provider))
    assert parsed.datamodel is not None, [str(d) for d in parsed.errors]
    sql_schema = sql_schema_from_datamodel(parsed.datamodel)
    return render_create_script(sql_schema), create_statements(sql_schema)


_JSONB_DEFAULT = re.compile(r'^(    "[^"]+" JSONB(?: NOT NULL)? DEFAULT )(.*?)(,?)$')


def _quote_sqlite_json_defaults(prisma: str) -> str:
    """Prisma writes Json defaults unquoted on SQLite (``DEFAULT null``, ``DEFAULT {"a": 1}``):
    SQL NULL or a syntax error. refrakt writes the JSON text as a string (see test_prisma_ddl)."""

    def quote(line: str) -> str:
        match = _JSONB_DEFAULT.match(line)
        if match is None:
            return line
        return match.group(1) + "'" + match.group(2).replace("'", "''") + "'" + match.group(3)

    return "\n".join(quote(line) for line in prisma.split("\n"))


@pytest.mark.parametrize("schema", ACCEPTED, ids=str)
def test_script_is_prismas(schema: CorpusSchema) -> None:
    script, _ = _script(schema)
    prisma = PRISMA_DDL[schema.key] or ""
    if schema.provider == "sqlite":
        prisma = _quote_sqlite_json_defaults(prisma)
    assert script + "\n" == prisma


@pytest.mark.parametrize("schema", [s for s in SCHEMAS if PRISMA_DDL.get(s.key) is None], ids=str)
def test_schemas_prisma_rejects_are_rejected(schema: CorpusSchema) -> None:
    assert parse(schema.text()).datamodel is None


def test_sqlite_accepts_every_script() -> None:
    failures: list[str] = []
    for schema in (s for s in ACCEPTED if s.provider == "sqlite"):
        conn = sqlite3.connect(":memory:")
        try:
            for statement in _script(schema)[1]:
                conn.execute(statement)
        except sqlite3.Error as error:
            failures.append(f"{schema}: {error}")
    assert failures == []


@pytest.mark.postgres
def test_postgres_accepts_every_script(new_postgres_db: Callable[[], Any]) -> None:
    conn = new_postgres_db()
    failures: list[str] = []
    for n, schema in enumerate(s for s in ACCEPTED if s.provider == "postgresql"):
        parsed = parse(schema.text())
        assert parsed.datamodel is not None
        namespace = f"corpus_{n}"
        statements = create_statements(sql_schema_from_datamodel(parsed.datamodel, default_schema=namespace))
        try:
            with conn.transaction():
                conn.execute(statements[0])
                conn.execute(f'SET LOCAL search_path TO "{namespace}"')
                for statement in statements[1:]:
                    conn.execute(statement)
        except Exception as error:
            failures.append(f"{schema}: {error}")
    assert failures == []


# A `Bytes @id` is a LONGBLOB key on MySQL, which needs a prefix length (as with Prisma's DDL).
KNOWN_MYSQL_FAILURES = {"model BytesId {\n  id Bytes @id\n}\n"}


@pytest.mark.mysql
def test_mysql_accepts_every_script(new_mysql_db: Callable[[], Any]) -> None:
    """The corpus is written for SQLite and PostgreSQL; the schemas that are valid MySQL schemas
    (no scalar lists, no PostgreSQL native or ``Unsupported`` types...) must apply to MariaDB."""
    from db_support import mysql_execute_script

    conn = new_mysql_db()
    with conn.cursor() as cur:
        cur.execute("SELECT DATABASE()")
        (database,) = cur.fetchone()
    failures: list[str] = []
    applied = 0
    for models in dict.fromkeys(s.models for s in ACCEPTED):
        parsed = parse(CorpusSchema(models, "foreignKeys", "mysql").text())
        if parsed.datamodel is None or "Unsupported(" in models:
            continue
        mysql_execute_script(
            conn, [f"DROP DATABASE `{database}`", f"CREATE DATABASE `{database}`", f"USE `{database}`"]
        )
        try:
            mysql_execute_script(conn, create_statements(sql_schema_from_datamodel(parsed.datamodel)))
            applied += 1
        except Exception as error:
            failures.append(models)
            print(f"{models}: {error}")
    assert set(failures) == KNOWN_MYSQL_FAILURES
    assert applied > 200
