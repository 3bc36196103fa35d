"""The migration history on real databases: ``deploy``, ``status``, ``resolve``, ``reset`` and
``down`` of ``refrakt.migrate`` on SQLite, PostgreSQL and MariaDB, recorded in
``_prisma_migrations`` as Prisma records them; failed and interrupted migrations, and the recovery."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from history_support import FAILING, MIGRATIONS, PROVIDERS, SLOW, Project, project_on

from refrakt.migrate import (
    MigrateError,
    checksum,
    deploy,
    deploy_async,
    down,
    reset,
    resolve,
    status,
    status_async,
)

MARKS = {"sqlite": [], "postgresql": [pytest.mark.postgres], "mysql": [pytest.mark.mysql]}
ALL = [pytest.param(p, marks=MARKS[p], id=p) for p in PROVIDERS]


@pytest.fixture(params=ALL)
def project(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Project]:
    with project_on(request.param, tmp_path) as p:
        yield p


def test_deploy_applies_in_order_and_records_as_prisma(project: Project) -> None:
    names = project.add_standard()
    result = deploy(project.schema, url=project.url)
    assert result.applied == tuple(names)
    assert {"User", "Post", "_prisma_migrations"} <= project.tables()
    rows = project.history()
    assert [r[0] for r in rows] == names
    for (name, finished, rolled_back, steps, digest, logs), (_, up, _) in zip(
        rows, MIGRATIONS[project.provider], strict=True
    ):
        assert (bool(finished), bool(rolled_back), steps, logs) == (True, False, 1, None), name
        assert digest == checksum(up.encode())
    report = status(project.schema, url=project.url)
    assert report.up_to_date and report.exit_code == 0
    assert deploy(project.schema, url=project.url).applied == ()  # nothing pending
    assert len(project.history()) == 2


def test_status_lists_pending_and_async_twin_agrees(project: Project) -> None:
    names = project.add_standard(1)
    deploy(project.schema, url=project.url)
    name, up, _ = MIGRATIONS[project.provider][1]
    project.add(name, up)
    report = asyncio.run(status_async(project.schema, url=project.url))
    assert report.diagnostic == "database_is_behind" and report.pending == (name,)
    assert report.exit_code == 1
    assert "Following migration have not yet been applied:\n" + name in str(report)
    assert asyncio.run(deploy_async(project.schema, url=project.url)).applied == (name,)
    assert [r[0] for r in project.history()] == [*names, name]


def test_failed_migration_blocks_deploy_until_resolved(project: Project) -> None:
    project.add_standard(1)
    project.add("20250103000000_bad", FAILING[project.provider])
    project.add("20250104000000_later", MIGRATIONS[project.provider][1][1])
    with pytest.raises(MigrateError) as failed:
        deploy(project.schema, url=project.url)
    assert failed.value.code == "P3018"
    assert "Migration name: 20250103000000_bad" in failed.value.message
    assert failed.value.meta["applied"] == ["20250101000000_init"]
    rows = project.history()
    assert [(r[0], bool(r[1]), r[3]) for r in rows] == [
        ("20250101000000_init", True, 1),
        ("20250103000000_bad", False, 0),
    ]
    assert "Nope" in rows[1][5]  # the error is kept in `logs`
    assert "Post" not in project.tables()  # later migrations were not applied

    report = status(project.schema, url=project.url)
    assert [r.migration_name for r in report.failed] == ["20250103000000_bad"]
    assert 'migrate resolve --rolled-back "20250103000000_bad"' in str(report)
    with pytest.raises(MigrateError) as blocked:
        deploy(project.schema, url=project.url)
    assert blocked.value.code == "P3009"
    assert "The `20250103000000_bad` migration started at " in blocked.value.message

    with pytest.raises(MigrateError) as not_failed:
        resolve(project.schema, url=project.url, rolled_back="20250101000000_init")
    assert not_failed.value.code == "P3012"
    with pytest.raises(MigrateError) as never:
        resolve(project.schema, url=project.url, rolled_back="20250104000000_later")
    assert never.value.code == "P3011"
    resolve(project.schema, url=project.url, rolled_back="20250103000000_bad")
    project.execute('DROP TABLE IF EXISTS "Tag"' if project.provider != "mysql" else "DROP TABLE IF EXISTS `Tag`")
    project.add("20250103000000_bad", FAILING[project.provider].split(";")[0] + ";\n")  # fixed
    assert deploy(project.schema, url=project.url).applied == ("20250103000000_bad", "20250104000000_later")
    assert {"Tag", "Post"} <= project.tables()
    assert status(project.schema, url=project.url).up_to_date


def test_resolve_applied_baselines_a_database(project: Project) -> None:
    names = project.add_standard(1)
    project.execute(MIGRATIONS[project.provider][0][1])  # the schema exists, the history does not
    with pytest.raises(MigrateError) as not_empty:
        deploy(project.schema, url=project.url)
    assert not_empty.value.code == "P3005"
    report = status(project.schema, url=project.url)
    assert not report.has_table and report.exit_code == 1
    assert f'resolve --applied "{names[0]}"' in str(report)
    with pytest.raises(MigrateError) as unknown:
        resolve(project.schema, url=project.url, applied="20990101000000_nope")
    assert unknown.value.code == "P3017"
    resolve(project.schema, url=project.url, applied=names[0])
    assert [(r[0], bool(r[1]), r[3]) for r in project.history()] == [(names[0], True, 0)]
    with pytest.raises(MigrateError) as again:
        resolve(project.schema, url=project.url, applied=names[0])
    assert again.value.code == "P3008"
    assert status(project.schema, url=project.url).up_to_date


def test_down_restores_the_previous_schema(project: Project) -> None:
    names = project.add_standard()
    deploy(project.schema, url=project.url)
    result = down(project.schema, url=project.url)
    assert result.reverted == (names[1],)
    assert "Post" not in project.tables() and "User" in project.tables()
    assert [r[0] for r in project.history()] == names[:1]
    assert status(project.schema, url=project.url).pending == (names[1],)
    deploy(project.schema, url=project.url)
    assert down(project.schema, url=project.url, to="").reverted == tuple(reversed(names))
    assert project.tables() == {"_prisma_migrations"}
    assert project.history() == []


def test_down_without_down_sql_changes_nothing(project: Project) -> None:
    names = project.add_standard()
    (project.migrations / names[0] / "down.sql").unlink()
    deploy(project.schema, url=project.url)
    with pytest.raises(MigrateError) as missing:
        down(project.schema, url=project.url, to="")
    assert names[0] in missing.value.message
    assert {"User", "Post"} <= project.tables()
    assert len(project.history()) == 2


def test_reset_drops_everything_and_reapplies(project: Project) -> None:
    names = project.add_standard()
    deploy(project.schema, url=project.url)
    project.execute(
        "INSERT INTO `User` (`email`) VALUES ('a@x.io')"
        if project.provider == "mysql"
        else """INSERT INTO "User" ("email") VALUES ('a@x.io')"""
    )
    result = reset(project.schema, url=project.url)
    assert result.applied == tuple(names)
    q = "`" if project.provider == "mysql" else '"'
    assert project.query(f"SELECT count(*) FROM {q}User{q}")[0][0] == 0
    assert [r[0] for r in project.history()] == names


def test_edited_migration_is_reported(project: Project) -> None:
    names = project.add_standard(1)
    deploy(project.schema, url=project.url)
    script = project.migrations / names[0] / "migration.sql"
    script.write_text(script.read_text() + "-- edited\n")
    report = status(project.schema, url=project.url)
    assert report.edited == (names[0],)
    assert report.warnings() == [f"The migration `{names[0]}` was modified after it was applied."]
    assert deploy(project.schema, url=project.url).warnings == tuple(report.warnings())


_KILLED_SCRIPT = """
import sys
from refrakt.migrate import deploy
deploy(sys.argv[1], url=sys.argv[2])
"""


def test_killed_deploy_leaves_a_failed_migration_that_resolve_recovers(project: Project) -> None:
    names = project.add_standard(1)
    project.add("20250105000000_slow", SLOW[project.provider])
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.Popen(
        [sys.executable, "-c", _KILLED_SCRIPT, str(project.schema), project.url], env=env, cwd=project.root
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if [r[0] for r in project.history()][-1:] == ["20250105000000_slow"]:
                    break
            except Exception:  # the table does not exist yet
                pass
            assert proc.poll() is None, "the deploy ended before it could be killed"
            time.sleep(0.1)
        else:
            pytest.fail("the slow migration was never recorded as started")
        time.sleep(0.3)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    report = status(project.schema, url=project.url)
    assert [r.migration_name for r in report.failed] == ["20250105000000_slow"]
    with pytest.raises(MigrateError) as blocked:
        deploy(project.schema, url=project.url)
    assert blocked.value.code == "P3009"
    resolve(project.schema, url=project.url, rolled_back="20250105000000_slow")
    project.add("20250105000000_slow", "SELECT 1;\n")
    assert deploy(project.schema, url=project.url).applied == ("20250105000000_slow",)
    assert [r[0] for r in project.history() if r[1]] == [*names, "20250105000000_slow"]
    assert status(project.schema, url=project.url).up_to_date


def test_deploy_creates_the_postgres_schema_the_url_names(tmp_path: Path) -> None:
    with project_on("postgresql", tmp_path) as project:
        names = project.add_standard()
        url = project.url + ("&" if "?" in project.url else "?") + "schema=tenant_a"
        assert deploy(project.schema, url=url).applied == tuple(names)
        rows = project.query(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'tenant_a' ORDER BY table_name"
        )
        assert [r[0] for r in rows] == ["Post", "User", "_prisma_migrations"]
        assert project.tables() == set()  # nothing in the default schema
        assert status(project.schema, url=url).up_to_date
