"""``refrakt migrate deploy|status|resolve|reset|down|dev|diff`` and ``db execute|seed`` end to
end, as a user runs them (a subprocess, no terminal): texts, exit codes, what the database holds."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_support import RunCli

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "migrate"))
from history_support import FAILING, MIGRATIONS, PROVIDERS, Project, project_on


@pytest.fixture(params=PROVIDERS)
def project(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Project]:
    with project_on(request.param, tmp_path) as p:
        yield p


def test_deploy_status_resolve_cycle(project: Project, run_cli: RunCli) -> None:
    env = {"DATABASE_URL": project.url}
    names = project.add_standard(1)
    project.add("20250103000000_bad", FAILING[project.provider])

    failed = run_cli("migrate", "deploy", env=env, cwd=project.root)
    assert failed.returncode == 1
    assert "2 migrations found in prisma/migrations" in failed.stdout
    assert f"migrations/\n  └─ {names[0]}/\n    └─ migration.sql" in failed.stdout
    assert "Error: P3018: A migration failed to apply." in failed.stderr
    assert "Migration name: 20250103000000_bad" in failed.stderr

    st = run_cli("migrate", "status", env=env, cwd=project.root)
    assert st.returncode == 1
    assert "Following migration have failed:\n20250103000000_bad" in st.stderr
    assert 'refrakt migrate resolve --rolled-back "20250103000000_bad"' in st.stderr

    blocked = run_cli("migrate", "deploy", env=env, cwd=project.root)
    assert blocked.returncode == 1 and "Error: P3009: migrate found failed migrations" in blocked.stderr

    usage = run_cli("migrate", "resolve", env=env, cwd=project.root)
    assert usage.returncode == 1 and "--applied or --rolled-back must be part of the command" in usage.stderr
    unknown = run_cli("migrate", "resolve", "--applied", "nope", env=env, cwd=project.root)
    assert unknown.returncode == 1 and "P3017" in unknown.stderr

    resolved = run_cli("migrate", "resolve", "--rolled-back", "20250103000000_bad", env=env, cwd=project.root)
    assert resolved.returncode == 0, resolved.stderr
    assert "Migration 20250103000000_bad marked as rolled back." in resolved.stdout
    project.execute("DROP TABLE IF EXISTS `Tag`" if project.provider == "mysql" else 'DROP TABLE IF EXISTS "Tag"')
    project.add("20250103000000_bad", MIGRATIONS[project.provider][1][1])

    ok = run_cli("migrate", "deploy", env=env, cwd=project.root)
    assert ok.returncode == 0, ok.stderr
    assert "All migrations have been successfully applied." in ok.stdout
    again = run_cli("migrate", "deploy", env=env, cwd=project.root)
    assert again.returncode == 0 and "No pending migrations to apply." in again.stdout
    clean = run_cli("migrate", "status", env=env, cwd=project.root)
    assert clean.returncode == 0 and "Database schema is up to date!" in clean.stdout


def test_status_pending_and_not_managed(project: Project, run_cli: RunCli) -> None:
    env = {"DATABASE_URL": project.url}
    names = project.add_standard()
    project.execute(MIGRATIONS[project.provider][0][1])
    unmanaged = run_cli("migrate", "status", env=env, cwd=project.root)
    assert unmanaged.returncode == 1
    assert "The current database is not managed by Prisma Migrate." in unmanaged.stderr
    assert f'refrakt migrate resolve --applied "{names[0]}"' in unmanaged.stderr
    refused = run_cli("migrate", "deploy", env=env, cwd=project.root)
    assert refused.returncode == 1 and "P3005: The database schema is not empty." in refused.stderr
    baseline = run_cli("migrate", "resolve", "--applied", names[0], env=env, cwd=project.root)
    assert baseline.returncode == 0 and f"Migration {names[0]} marked as applied." in baseline.stdout
    pending = run_cli("migrate", "status", env=env, cwd=project.root)
    assert pending.returncode == 1
    assert f"Following migration have not yet been applied:\n{names[1]}" in pending.stdout


def test_reset_down_and_seed(project: Project, run_cli: RunCli) -> None:
    env = {"DATABASE_URL": project.url}
    names = project.add_standard()
    (project.root / "seed.py").write_text("import sys\nprint('seeded', *sys.argv[1:])\n")
    (project.root / "pyproject.toml").write_text(f'[tool.refrakt]\nseed = "{sys.executable} seed.py"\n')
    assert run_cli("migrate", "deploy", env=env, cwd=project.root).returncode == 0

    refused = run_cli("migrate", "reset", env=env, cwd=project.root)
    assert refused.returncode == 1 and "Use --force to run this command without user interaction." in refused.stderr
    reset = run_cli("migrate", "reset", "--force", env=env, cwd=project.root)
    assert reset.returncode == 0, reset.stderr
    assert "Database reset successful" in reset.stdout
    assert "seeded" in reset.stdout and "The seed command has been executed." in reset.stdout
    skipped = run_cli("migrate", "reset", "--force", "--skip-seed", env=env, cwd=project.root)
    assert skipped.returncode == 0 and "seeded" not in skipped.stdout

    undone = run_cli("migrate", "down", env=env, cwd=project.root)
    assert undone.returncode == 0, undone.stderr
    assert names[1] in undone.stdout and "Post" not in project.tables()
    seeded = run_cli("db", "seed", "--", "--count", "3", env=env, cwd=project.root)
    assert seeded.returncode == 0 and "seeded --count 3" in seeded.stdout


def test_db_execute(project: Project, run_cli: RunCli) -> None:
    env = {"DATABASE_URL": project.url}
    script = project.root / "script.sql"
    script.write_text(MIGRATIONS[project.provider][0][1])
    done = run_cli("db", "execute", "--file", "script.sql", env=env, cwd=project.root)
    assert done.returncode == 0, done.stderr
    assert "Script executed successfully." in done.stdout
    assert "User" in project.tables() and "_prisma_migrations" not in project.tables()
    both = run_cli("db", "execute", "--file", "script.sql", "--stdin", env=env, cwd=project.root)
    assert both.returncode == 1 and "cannot be used at the same time" in both.stderr
    broken = run_cli("db", "execute", "--file", "script.sql", env=env, cwd=project.root)  # already there
    assert broken.returncode == 1 and "Error:" in broken.stderr


def test_dev_and_diff_on_sqlite(tmp_path: Path, run_cli: RunCli) -> None:
    with project_on("sqlite", tmp_path) as project:
        env = {"DATABASE_URL": project.url}
        created = run_cli("migrate", "dev", "--name", "init", env=env, cwd=tmp_path)
        assert created.returncode == 0, created.stderr
        assert "The following migration(s) have been created and applied from new schema changes:" in created.stdout
        (folder,) = [p for p in project.migrations.iterdir() if p.is_dir()]
        assert folder.name.endswith("_init") and (folder / "down.sql").is_file()
        same = run_cli("migrate", "dev", env=env, cwd=tmp_path)
        assert "Already in sync, no schema change or pending migration was found." in same.stdout

        project.schema.write_text(project.schema.read_text() + "model Post {\n  id Int @id\n}\n")
        diff = run_cli(
            "migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel",
            "prisma/schema.prisma", "--script", "--exit-code", env=env, cwd=tmp_path,
        )  # fmt: skip
        assert diff.returncode == 2, diff.stderr
        assert 'CREATE TABLE "Post"' in diff.stdout and "User" not in diff.stdout
        empty = run_cli(
            "migrate", "diff", "--from-empty", "--to-empty", "--script", "--exit-code", "--to-schema-datamodel",
            "prisma/schema.prisma", env=env, cwd=tmp_path,
        )  # fmt: skip
        assert empty.returncode == 1 and "Exactly one --to-" in empty.stderr

        conn = sqlite3.connect(project.root / "prisma" / "dev.db")
        conn.execute("CREATE TABLE drifted (id INTEGER)")
        conn.commit()
        conn.close()
        drift = run_cli("migrate", "dev", "--name", "post", env=env, cwd=tmp_path)
        assert drift.returncode == 130
        assert "Drift detected" in drift.stdout and "refrakt migrate reset" in drift.stdout


@pytest.mark.parametrize("provider", ["postgresql", "mysql"])
def test_diff_against_a_live_database_and_a_migrations_folder(provider: str, tmp_path: Path, run_cli: RunCli) -> None:
    with project_on(provider, tmp_path) as project:
        env = {"DATABASE_URL": project.url}
        assert run_cli("migrate", "dev", "--name", "init", env=env, cwd=tmp_path).returncode == 0
        common = ["--to-schema-datamodel", "prisma/schema.prisma", "--script", "--exit-code"]
        same = run_cli("migrate", "diff", "--from-url", project.url, *common, env=env, cwd=tmp_path)
        assert same.returncode == 0, same.stderr
        assert same.stdout == "-- This is an empty migration.\n"
        project.schema.write_text(
            project.schema.read_text().replace("  email String @unique\n", "  email String @unique\n  age Int?\n")
        )
        changed = run_cli("migrate", "diff", "--from-url", project.url, *common, env=env, cwd=tmp_path)
        assert changed.returncode == 2, changed.stderr
        assert "ADD COLUMN" in changed.stdout and "age" in changed.stdout
        shadowed = run_cli("migrate", "diff", "--from-migrations", "prisma/migrations", *common, env=env, cwd=tmp_path)
        assert shadowed.returncode == 2, shadowed.stderr
        assert shadowed.stdout == changed.stdout
