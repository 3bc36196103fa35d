"""Interop with real Prisma Migrate, from what ``tools/record_prisma_history.sh`` recorded
(``fixtures/prisma_history/{sqlite,postgresql}``; Prisma 6.19.3's schema engine has no MySQL):
a history made by ``prisma migrate dev`` deploys with refrakt into the same ``_prisma_migrations``
rows, one made by ``refrakt migrate dev`` deployed with Prisma (and ``prisma migrate status`` was
clean), and the table, the lock file, the checksums and the failure records are Prisma's."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from history_support import Project, project_on
from migrate_support import FIXTURES

from refrakt.migrate import MigrateError, checksum, deploy, lock_text, status

RECORDED = FIXTURES / "prisma_history"
ALL = [pytest.param("sqlite", id="sqlite"), pytest.param("postgresql", marks=[pytest.mark.postgres], id="postgresql")]


@pytest.fixture(params=ALL)
def project(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Project]:
    with project_on(request.param, tmp_path) as p:
        yield p


def recorded_rows(provider: str, name: str) -> list[tuple[str, ...]]:
    text = (RECORDED / provider / name).read_text(encoding="utf-8")
    return [tuple(line.split("\t")) for line in text.splitlines() if line]


def our_rows(project: Project) -> list[tuple[str, ...]]:
    q = "`" if project.provider == "mysql" else '"'
    rows = project.query(
        f"SELECT migration_name, checksum, applied_steps_count, finished_at IS NOT NULL, rolled_back_at IS NOT NULL,"
        f" logs IS NOT NULL FROM {q}_prisma_migrations{q} ORDER BY started_at, migration_name"
    )
    return [tuple(str(int(v)) if isinstance(v, bool | int) else str(v) for v in row) for row in rows]


def use_folder(project: Project, folder: str) -> None:
    shutil.rmtree(project.migrations, ignore_errors=True)
    shutil.copytree(RECORDED / project.provider / folder, project.migrations)
    schema = (RECORDED / project.provider / "schema_v2.prisma").read_text(encoding="utf-8")
    project.schema.write_text(re.sub(r'url\s+= "[^"]*"', 'url      = env("DATABASE_URL")', schema))


def test_prisma_history_deploys_with_refrakt_into_the_same_rows(project: Project) -> None:
    use_folder(project, "migrations")
    result = deploy(project.schema, url=project.url)
    assert len(result.applied) == 2
    assert our_rows(project) == recorded_rows(project.provider, "history.tsv")
    assert status(project.schema, url=project.url).up_to_date
    assert deploy(project.schema, url=project.url).applied == ()


def test_refrakt_history_deployed_by_prisma(project: Project) -> None:
    """What Prisma did with refrakt's folder, and the same with refrakt: the same rows."""
    folder = RECORDED / project.provider
    deploy_out = (folder / "refrakt_deploy.txt").read_text(encoding="utf-8")
    assert deploy_out.startswith("exit 0\n") and "All migrations have been successfully applied." in deploy_out
    status_out = (folder / "refrakt_status.txt").read_text(encoding="utf-8")
    assert status_out.startswith("exit 0\n") and "Database schema is up to date!" in status_out
    prisma_rows = recorded_rows(project.provider, "refrakt_history.tsv")
    for name, digest, *_ in prisma_rows:  # Prisma's checksum of refrakt's files is refrakt's
        assert checksum((folder / "refrakt_migrations" / name / "migration.sql").read_bytes()) == digest
    use_folder(project, "refrakt_migrations")
    deploy(project.schema, url=project.url)
    assert our_rows(project) == prisma_rows


def test_refrakt_deploy_prints_what_prisma_prints(tmp_path: Path) -> None:
    with project_on("sqlite", tmp_path) as project:
        use_folder(project, "refrakt_migrations")
        run = subprocess.run(
            [sys.executable, "-m", "refrakt", "migrate", "deploy"],
            cwd=tmp_path,
            env={"DATABASE_URL": project.url, "PATH": "", "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"},
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )
        assert run.returncode == 0, run.stderr
        prisma_out = (RECORDED / "sqlite" / "refrakt_deploy.txt").read_text(encoding="utf-8").split("\n", 1)[1]

        def squeeze(text: str) -> str:
            return re.sub(r"\n\s*\n+", "\n\n", text).strip()

        assert squeeze(run.stdout) == squeeze(prisma_out)


@pytest.mark.parametrize("provider", ["sqlite", "postgresql"])
def test_lock_file_and_checksums_are_prismas(provider: str) -> None:
    folder = RECORDED / provider
    for name in ("migrations", "refrakt_migrations"):
        assert (folder / name / "migration_lock.toml").read_text(encoding="utf-8") == lock_text(provider)
    for name, digest, *_ in recorded_rows(provider, "history.tsv"):
        assert checksum((folder / "migrations" / name / "migration.sql").read_bytes()) == digest


def test_history_table_is_prismas(project: Project) -> None:
    project.add_standard(1)
    deploy(project.schema, url=project.url)
    recorded = (RECORDED / project.provider / "table.txt").read_text(encoding="utf-8").strip()
    if project.provider == "sqlite":
        ours = project.query("SELECT sql FROM sqlite_master WHERE name = '_prisma_migrations'")[0][0]
    else:
        rows = project.query(
            "SELECT column_name, data_type, COALESCE(character_maximum_length::text, '-'), is_nullable,"
            " COALESCE(column_default, '-') FROM information_schema.columns WHERE table_name = '_prisma_migrations'"
            " ORDER BY ordinal_position"
        )
        ours = "\n".join(" ".join(str(v) for v in row) for row in rows)
    assert ours == recorded


def test_failed_migration_is_recorded_as_prisma_records_it(project: Project) -> None:
    failing = (RECORDED / project.provider / "failed_history.tsv").read_text(encoding="utf-8")
    project.add(
        "20250101000000_bad",
        'CREATE TABLE "Tag" ("id" INTEGER NOT NULL PRIMARY KEY);\nINSERT INTO "Nope" VALUES (1);\n',
    )
    with pytest.raises(MigrateError):
        deploy(project.schema, url=project.url)
    assert our_rows(project) == recorded_rows(project.provider, "failed_history.tsv")
    assert failing  # the recorded row: no step applied, not finished, logs kept
    with pytest.raises(MigrateError) as blocked:
        deploy(project.schema, url=project.url)
    prisma_text = (RECORDED / project.provider / "failed.txt").read_text(encoding="utf-8").split("-----\n", 1)[1]
    prisma_p3009 = prisma_text[prisma_text.index("migrate found failed") :].strip()
    stamp = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? UTC")
    assert stamp.sub("<time>", blocked.value.message.strip()) == stamp.sub("<time>", prisma_p3009)
