"""push, then describe: every schema of the corpus describes back equal to the schema calculated
from its data model, on SQLite, PostgreSQL and MariaDB.

The corpus: the migration fixtures (``migrate_support.cases``), the engine-tests corpus (the
schemas Prisma accepts, see ``test_engine_corpus``; its SQLite/PostgreSQL schemas, and each of
them that is a valid MySQL schema on MariaDB) and the oracle's blog schemas. One database per
server is reused: each case pushes with ``force_reset`` (which empties it first). Equality is
``describers.comparable`` on both sides (its docstring lists the normalisation rules);
``describers.differences`` names what differs when a case fails.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

import pytest
from db_support import MYSQL_URL, POSTGRES_URL, mysql_databases, postgres_databases
from migrate_support import cases
from test_engine_corpus import ACCEPTED, KNOWN_MYSQL_FAILURES, URLS, CorpusSchema

from refrakt.migrate import describe_url, plan_push, push
from refrakt.migrate.describers import comparable, differences
from refrakt.schema import parse

ORACLE = Path(__file__).resolve().parents[2].parent / "shared" / "prisma-oracle"


@dataclass(frozen=True)
class DescribeCase:
    name: str
    provider: str
    text: str

    def __str__(self) -> str:
        return self.name


def _oracle_cases(provider: str) -> list[DescribeCase]:
    found: list[DescribeCase] = []
    for folder in ("migrate6/prisma", "prisma"):
        path = ORACLE / folder / provider / "schema.prisma"
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        if not re.search(r"^\s*url\s*=", text, re.MULTILINE):  # Prisma 7 schemas: the URL is in the config
            text = text.replace(f'provider = "{provider}"', f'provider = "{provider}"\n  url = "{URLS[provider]}"', 1)
        found.append(DescribeCase(f"oracle-{folder.split('/')[0]}-{provider}", provider, text))
    return found


def _corpus(provider: str) -> list[DescribeCase]:
    found = [DescribeCase(f"fixture-{c}", provider, c.schema_path.read_text(encoding="utf-8")) for c in cases(provider)]
    if provider == "mysql":
        for models in dict.fromkeys(s.models for s in ACCEPTED):
            text = CorpusSchema(models, "foreignKeys", "mysql").text()
            if "Unsupported(" in models or models in KNOWN_MYSQL_FAILURES or parse(text).datamodel is None:
                continue
            found.append(DescribeCase(f"{CorpusSchema(models, 'foreignKeys', 'mysql').key}-mysql", provider, text))
    else:
        found.extend(DescribeCase(str(s), provider, s.text()) for s in ACCEPTED if s.provider == provider)
    return found + _oracle_cases(provider)


SQLITE = _corpus("sqlite")
POSTGRES = _corpus("postgresql")
MYSQL = _corpus("mysql")


def test_the_corpus_is_there() -> None:
    assert len(SQLITE) > 250 and len(POSTGRES) > 300 and len(MYSQL) > 250
    if ORACLE.exists():  # the shared folder's Prisma install, whose blog schemas are part of the corpus
        assert {c.name for c in POSTGRES if c.name.startswith("oracle-")} == {
            "oracle-migrate6-postgresql",
            "oracle-prisma-postgresql",
        }


def _with_database(url: str, database: str) -> str:
    parts = urlparse(url)
    return urlunparse(parts._replace(path=f"/{database}"))


@pytest.fixture(scope="module")
def sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"file:{tmp_path_factory.mktemp('describe') / 'dev.db'}"


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    with postgres_databases() as new:
        conn: Any = new()
        yield _with_database(POSTGRES_URL, conn.info.dbname)


@pytest.fixture(scope="module")
def mysql_url() -> Iterator[str]:
    with mysql_databases() as new:
        conn: Any = new()
        with conn.cursor() as cur:
            cur.execute("SELECT DATABASE()")
            (database,) = cur.fetchone()
        yield _with_database(MYSQL_URL, database)


def check_describes_back(case: DescribeCase, url: str) -> None:
    plan = plan_push(case.text, url=url, force_reset=True)
    push(case.text, url=url, force_reset=True)
    parsed = parse(case.text)
    datasource = parsed.configuration.datasource if parsed.configuration is not None else None
    namespaces = list(datasource.schema_names) if datasource is not None and datasource.schema_names else None
    described = describe_url(url, namespaces=namespaces)
    assert differences(plan.sql_schema, described) == []
    assert comparable(described) == comparable(plan.sql_schema)


@pytest.mark.parametrize("case", SQLITE, ids=str)
def test_sqlite_describes_back(case: DescribeCase, sqlite_url: str) -> None:
    check_describes_back(case, sqlite_url)


@pytest.mark.postgres
@pytest.mark.parametrize("case", POSTGRES, ids=str)
def test_postgres_describes_back(case: DescribeCase, postgres_url: str) -> None:
    check_describes_back(case, postgres_url)


@pytest.mark.mysql
@pytest.mark.parametrize("case", MYSQL, ids=str)
def test_mysql_describes_back(case: DescribeCase, mysql_url: str) -> None:
    check_describes_back(case, mysql_url)
