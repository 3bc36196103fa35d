"""``refrakt.migrate.dev`` (shadow database, drift, data-loss warnings, ``down.sql``) and
``push`` on a database that already holds tables, on SQLite, PostgreSQL and MariaDB."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from history_support import PROVIDERS, Project, project_on

from refrakt.drivers import connect
from refrakt.migrate import (
    DataLossWarnings,
    DriftDetected,
    PushDataLossError,
    SqlSchema,
    deploy,
    describe,
    dev,
    dev_async,
    down,
    push,
    status,
)

MARKS = {"sqlite": [], "postgresql": [pytest.mark.postgres], "mysql": [pytest.mark.mysql]}
ALL = [pytest.param(p, marks=MARKS[p], id=p) for p in PROVIDERS]

POST = """
model Post {
  id    Int    @id @default(autoincrement())
  title String
  views Int    @default(0)
}
"""


@pytest.fixture(params=ALL)
def project(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Project]:
    with project_on(request.param, tmp_path) as p:
        yield p


def live(project: Project) -> SqlSchema:
    conn = connect(project.url, base_dir=project.schema.parent)
    try:
        schema = describe(conn, project.provider)
    finally:
        conn.close()
    return SqlSchema(schema.flavour, tuple(t for t in schema.tables if t.name != "_prisma_migrations"), schema.enums)


def append(project: Project, text: str) -> None:
    project.schema.write_text(project.schema.read_text() + text)


def test_dev_creates_applies_and_down_restores(project: Project) -> None:
    first = dev(project.schema, url=project.url, name="init")
    assert first.created is not None and first.created.endswith("_init") and first.created_applied
    folder = project.migrations / first.created
    assert (folder / "migration.sql").read_text() == first.script
    assert "User" in (folder / "down.sql").read_text()
    lock = (project.migrations / "migration_lock.toml").read_text()
    assert lock.endswith(f'provider = "{project.provider}"\n')
    after_init = live(project)

    append(project, POST)
    second = dev(project.schema, url=project.url, name="Add posts!")
    assert second.created is not None and second.created.endswith("_add_posts")
    assert "Post" in project.tables()
    assert status(project.schema, url=project.url).up_to_date
    again = dev(project.schema, url=project.url)
    assert again.created is None and again.applied == ()

    assert down(project.schema, url=project.url).reverted == (second.created,)
    assert live(project) == after_init  # the previous schema, as described from the database
    assert status(project.schema, url=project.url).pending == (second.created,)
    assert dev(project.schema, url=project.url).applied == (second.created,)  # re-applied, nothing new


def test_dev_detects_drift_and_resets_when_allowed(project: Project) -> None:
    dev(project.schema, url=project.url, name="init")
    project.execute("CREATE TABLE drifted (id INTEGER PRIMARY KEY)")
    with pytest.raises(DriftDetected) as drift:
        dev(project.schema, url=project.url)
    assert "Drift detected" in drift.value.message and "drifted" in drift.value.message
    assert "drifted" in project.tables()  # nothing changed
    result = dev(project.schema, url=project.url, allow_reset=True)
    assert result.reset and result.created is None
    assert "drifted" not in project.tables() and "User" in project.tables()


def test_dev_data_loss_needs_consent_and_create_only_does_not_apply(project: Project) -> None:
    append(project, POST)
    dev(project.schema, url=project.url, name="init")
    q = "`" if project.provider == "mysql" else '"'
    project.execute(f"INSERT INTO {q}Post{q} ({q}title{q}) VALUES ('hello')")
    project.schema.write_text(project.schema.read_text().replace("  views Int    @default(0)\n", ""))
    with pytest.raises(DataLossWarnings) as warned:
        dev(project.schema, url=project.url, name="drop views")
    assert "You are about to drop the column `views` on the `Post` table" in warned.value.message
    created = asyncio.run(
        dev_async(project.schema, url=project.url, name="drop views", accept_data_loss=True, create_only=True)
    )
    assert created.created is not None and not created.created_applied
    assert status(project.schema, url=project.url).pending == (created.created,)
    assert deploy(project.schema, url=project.url).applied == (created.created,)
    assert project.query(f"SELECT {q}title{q} FROM {q}Post{q}") == [("hello",)]


def test_push_diffs_a_database_that_holds_tables(project: Project) -> None:
    append(project, POST)
    push(project.schema, url=project.url)
    q = "`" if project.provider == "mysql" else '"'
    project.execute(f"INSERT INTO {q}Post{q} ({q}title{q}) VALUES ('kept')")
    project.schema.write_text(
        project.schema.read_text().replace("  views Int    @default(0)\n", "  likes Int @default(0)\n")
    )
    with pytest.raises(PushDataLossError) as refused:
        push(project.schema, url=project.url)
    assert refused.value.meta["warnings"] == [
        "You are about to drop the column `views` on the `Post` table, which still contains 1 non-null values."
    ]
    result = push(project.schema, url=project.url, accept_data_loss=True)
    assert result.statements and result.warnings == tuple(refused.value.meta["warnings"])
    assert project.query(f"SELECT {q}title{q}, {q}likes{q} FROM {q}Post{q}") == [("kept", 0)]
    assert push(project.schema, url=project.url).statements == ()  # in sync now
