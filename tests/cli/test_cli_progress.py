"""Progress and summaries of the long commands: drawn with Rich when stderr is a terminal (a pseudo-
terminal here), absent from the plain text of pipes, which stays exactly what it was."""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

import pytest
from cli_support import RunCli

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "migrate"))
from history_support import project_on

pty = pytest.importorskip("pty")

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


def on_tty(args: list[str], cwd: Path, env: Mapping[str, str], *, color: bool = False) -> tuple[int, str]:
    """Run ``refrakt ARGS`` with a terminal as stdin, stdout and stderr; what it showed, escapes left in."""
    master, slave = pty.openpty()
    scrubbed = ("CI", "NO_COLOR", "FORCE_COLOR", "TERM", "COLUMNS", "LINES")
    environ = {k: v for k, v in os.environ.items() if k not in scrubbed}
    environ.update(PYTHONIOENCODING="utf-8", TERM="xterm-256color", COLUMNS="100")
    environ.update(env)
    if not color:
        environ["NO_COLOR"] = "1"
    proc = subprocess.Popen(
        [sys.executable, "-m", "refrakt", *args], cwd=cwd, env=environ, stdin=slave, stdout=slave, stderr=slave
    )
    os.close(slave)
    seen = b""
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(master, 4096)
                except OSError:  # the child closed the terminal
                    break
                if not chunk:
                    break
                seen += chunk
            elif proc.poll() is not None:
                break
        code = proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)
    return code, seen.decode("utf-8", "replace").replace("\r\n", "\n")


def plain(text: str) -> str:
    return _ANSI.sub("", text)


def steps_shown(text: str) -> list[str]:
    """The finished steps a terminal showed: ``✔ <label>  <elapsed>`` lines, labels only."""
    return re.findall(r"✔ (.+?)  \d+(?:ms|\.\d\ds)\n", plain(text))


def summary_rows(text: str) -> dict[str, str]:
    """The rows of the summary table: ``│ Label │ value │``."""
    return {m[0].strip(): m[1].strip() for m in re.findall(r"│ ([^│\n]+?) +│ ([^│\n]+?) +│", plain(text))}


@pytest.mark.parametrize("provider", ["sqlite", "postgresql", "mysql"])
def test_deploy_shows_each_migration_and_a_summary_on_a_terminal(provider: str, tmp_path: Path) -> None:
    with project_on(provider, tmp_path) as project:
        names = project.add_standard(2)
        code, shown = on_tty(["migrate", "deploy"], tmp_path, {"DATABASE_URL": project.url})
        assert code == 0, shown
        assert steps_shown(shown) == [f"Apply migration {name}" for name in names]
        assert "All migrations have been successfully applied." in shown
        assert "✔ migrate deploy" in plain(shown)
        rows = summary_rows(shown)
        assert rows["Migrations applied"] == "2" and rows["Migrations in the folder"] == "2", rows
        assert re.fullmatch(r"\d+(ms|\.\d\ds)", rows["Time"]), rows
        assert not re.search(r"\x1b\[[0-9;]*3[0-7]m", shown), "NO_COLOR: no colours"

        code, shown = on_tty(["migrate", "deploy"], tmp_path, {"DATABASE_URL": project.url})
        assert code == 0 and steps_shown(shown) == [] and "No pending migrations to apply." in shown
        assert summary_rows(shown)["Migrations applied"] == "0"


def test_colours_follow_force_color_and_no_color(tmp_path: Path) -> None:
    with project_on("sqlite", tmp_path) as project:
        project.add_standard(1)
        code, shown = on_tty(["migrate", "deploy"], tmp_path, {"DATABASE_URL": project.url}, color=True)
        assert code == 0, shown
        assert re.search(r"\x1b\[[0-9;]*32m✔", shown), "a green check mark on a colour terminal"
        assert steps_shown(shown) == ["Apply migration 20250101000000_init"]


def test_no_live_display_on_a_dumb_terminal(tmp_path: Path) -> None:
    with project_on("sqlite", tmp_path) as project:
        project.add_standard(1)
        code, shown = on_tty(["migrate", "deploy"], tmp_path, {"DATABASE_URL": project.url, "TERM": "dumb"})
        assert code == 0, shown
        assert "All migrations have been successfully applied." in shown
        assert "✔" not in shown and "Migrations applied" not in shown and "\x1b[" not in shown


def test_piped_output_is_the_plain_text(run_cli: RunCli, tmp_path: Path) -> None:
    with project_on("sqlite", tmp_path) as project:
        project.add_standard(2)
        done = run_cli("migrate", "deploy", env={"DATABASE_URL": project.url})
        assert done.returncode == 0, done.stderr
        assert done.stderr == (
            "Prisma schema loaded from prisma/schema.prisma\n"
            'Datasource "db": SQLite database "dev.db" at "file:./dev.db"\n'
        )
        assert done.stdout == (
            "\n2 migrations found in prisma/migrations\n\n"
            "The following migration(s) have been applied:\n\n"
            "migrations/\n  └─ 20250101000000_init/\n    └─ migration.sql\n"
            "  └─ 20250102000000_add_post/\n    └─ migration.sql\n      \n"
            "All migrations have been successfully applied.\n"
        )


def test_dev_shows_the_shadow_database_the_diff_and_the_apply(tmp_path: Path) -> None:
    with project_on("sqlite", tmp_path) as project:
        env = {"DATABASE_URL": project.url}
        code, shown = on_tty(["migrate", "dev", "--name", "init"], tmp_path, env)
        assert code == 0, shown
        labels = steps_shown(shown)
        created = [p.name for p in project.migrations.iterdir() if p.is_dir()]
        assert len(created) == 1 and created[0].endswith("_init")
        assert labels == [
            "Replay 0 migration(s) in a shadow database",
            "Check the database for drift",
            "Diff the migration history with the schema",
            f"Write migration {created[0]}",
            f"Apply migration {created[0]}",
        ], labels
        rows = summary_rows(shown)
        assert rows["Migration created"] == created[0] and rows["Created migration applied"] == "yes", rows
        assert "User" in project.tables()


def test_reset_and_down_show_their_steps(tmp_path: Path) -> None:
    with project_on("sqlite", tmp_path) as project:
        env = {"DATABASE_URL": project.url}
        names = project.add_standard(2)
        code, shown = on_tty(["migrate", "reset", "--force"], tmp_path, env)
        assert code == 0, shown
        assert steps_shown(shown) == ["Reset the database"] + [f"Apply migration {n}" for n in names]
        assert summary_rows(shown)["Migrations applied"] == "2"
        code, shown = on_tty(["migrate", "down", "--to", ""], tmp_path, env)
        assert code == 0, shown
        assert steps_shown(shown) == [f"Undo migration {n}" for n in reversed(names)]
        assert summary_rows(shown)["Migrations undone"] == "2"
        assert "User" not in project.tables()


@pytest.mark.parametrize("provider", ["sqlite", "postgresql", "mysql"])
def test_db_push_shows_the_statements_applied(provider: str, tmp_path: Path) -> None:
    with project_on(provider, tmp_path) as project:
        env = {"DATABASE_URL": project.url}
        code, shown = on_tty(["db", "push", "--skip-generate"], tmp_path, env)
        assert code == 0, shown
        labels = steps_shown(shown)
        assert labels and all(label.startswith("Run ") for label in labels), labels
        assert any(re.fullmatch(r'Run CREATE TABLE [`"]User[`"]', label) for label in labels), labels
        rows = summary_rows(shown)
        assert rows["Statements applied"] == str(len(labels)) and rows["Tables created"] == "1", rows
        # a database that holds tables: the diff, then its statements
        project.schema.write_text(
            project.schema.read_text(encoding="utf-8").replace(
                "email String @unique", "email String @unique\n  age Int?"
            ),
            encoding="utf-8",
        )
        code, shown = on_tty(["db", "push", "--skip-generate"], tmp_path, env)
        assert code == 0, shown
        labels = steps_shown(shown)
        assert labels[0] == "Diff the database with the schema" and len(labels) >= 2, labels
        assert all(label.startswith("Run ") for label in labels[1:]), labels
        assert summary_rows(shown)["Statements applied"] == str(len(labels) - 1)


def test_db_execute_shows_the_script_run(tmp_path: Path) -> None:
    with project_on("sqlite", tmp_path) as project:
        (tmp_path / "script.sql").write_text("CREATE TABLE t (id INTEGER);\nINSERT INTO t VALUES (1);\n")
        code, shown = on_tty(["db", "execute", "--file", "script.sql"], tmp_path, {"DATABASE_URL": project.url})
        assert code == 0, shown
        assert steps_shown(shown) == ["Connect to the sqlite database", "Run the script (2 lines)"]
        assert "Script executed successfully." in shown
        assert summary_rows(shown) | {"Time": ""} == {"Script": "script.sql", "Lines": "2", "Time": ""}
        assert project.query("SELECT id FROM t") == [(1,)]


def test_a_failed_step_leaves_no_live_display_and_the_error(tmp_path: Path) -> None:
    with project_on("sqlite", tmp_path) as project:
        project.add("20250101000000_broken", 'CREATE TABLE "A" ("id" INTEGER);\nINSERT INTO "Nope" VALUES (1);\n')
        code, shown = on_tty(["migrate", "deploy"], tmp_path, {"DATABASE_URL": project.url})
        assert code == 1, shown
        text = plain(shown)
        assert re.search(r"✘ Apply migration 20250101000000_broken  \d+(ms|\.\d\ds)\n", text), text
        assert text.index("✘ Apply migration") < text.index("Error: P3018")
        assert "✔" not in text and "Migrations applied" not in text  # no summary for a failed command


def test_the_api_reports_its_steps_only_when_asked(tmp_path: Path) -> None:
    import asyncio

    from refrakt.migrate import deploy_async, down, reset

    with project_on("sqlite", tmp_path) as project:
        names = project.add_standard(2)
        heard: list[str] = []
        result = asyncio.run(deploy_async(str(project.schema), url=project.url, on_step=heard.append))
        assert list(result.applied) == names and heard == [f"Apply migration {n}" for n in names]
        heard.clear()
        assert list(down(str(project.schema), url=project.url, on_step=heard.append).reverted) == names[1:]
        assert heard == [f"Undo migration {names[1]}"]
        heard.clear()
        assert list(reset(str(project.schema), url=project.url, on_step=heard.append).applied) == names
        assert heard == ["Reset the database"] + [f"Apply migration {n}" for n in names]
        assert list(reset(str(project.schema), url=project.url).applied) == names  # without: as before


def test_steps_are_timed_but_silent_off_a_terminal() -> None:
    import io

    from refrakt.cli._output import Output
    from refrakt.cli._progress import steps

    stdout, stderr = io.StringIO(), io.StringIO()
    out = Output(stdout, stderr, environ={"FORCE_COLOR": "1"})
    assert not out.live
    with steps(out, "migrate deploy") as progress:
        progress.step("Apply migration a")
        progress.step("Apply migration b")
    progress.summary([("Migrations applied", 2)])
    assert [label for label, _ in progress.done] == ["Apply migration a", "Apply migration b"]
    assert all(seconds >= 0 for _, seconds in progress.done)
    assert stdout.getvalue() == stderr.getvalue() == ""
    with pytest.raises(ValueError), steps(out, "db push") as failing:
        failing.step("Run CREATE TABLE x")
        raise ValueError("boom")
    assert [label for label, _ in failing.done] == ["Run CREATE TABLE x"] and stderr.getvalue() == ""
