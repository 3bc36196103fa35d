"""The prompts of ``refrakt migrate reset`` and ``refrakt migrate dev`` on a terminal (a pseudo-
terminal): the answer decides, and without a terminal they are refused or explained instead."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "migrate"))
from history_support import project_on

pty = pytest.importorskip("pty")


def run_on_tty(args: list[str], cwd: Path, answers: dict[str, str], env: dict[str, str]) -> tuple[int, str]:
    """Run ``refrakt ARGS`` with a terminal as stdin/stdout; answer each prompt that appears."""
    master, slave = pty.openpty()
    environ = {k: v for k, v in os.environ.items() if k not in ("CI", "NO_COLOR", "FORCE_COLOR")}
    environ.update(env, NO_COLOR="1", PYTHONIOENCODING="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "refrakt", *args], cwd=cwd, env=environ, stdin=slave, stdout=slave, stderr=slave
    )
    os.close(slave)
    seen, pending = "", dict(answers)
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(master, 4096).decode("utf-8", "replace")
                except OSError:  # the child closed the terminal
                    break
                if not chunk:
                    break
                seen += chunk
                for prompt, answer in list(pending.items()):
                    if prompt in seen:
                        os.write(master, answer.encode() + b"\n")
                        del pending[prompt]
            elif proc.poll() is not None:
                break
        code = proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)
    return code, seen.replace("\r\n", "\n")


def test_reset_asks_on_a_terminal(tmp_path: Path) -> None:
    with project_on("sqlite", tmp_path) as project:
        env = {"DATABASE_URL": project.url}
        project.add_standard(1)
        question = "Are you sure you want to reset your database? All data will be lost."
        code, out = run_on_tty(["migrate", "reset"], tmp_path, {question: "n"}, env)
        assert code == 130 and "Reset cancelled." in out
        assert not (project.root / "prisma" / "dev.db").exists() or "User" not in project.tables()
        code, out = run_on_tty(["migrate", "reset"], tmp_path, {question: "y"}, env)
        assert code == 0, out
        assert "Database reset successful" in out and "User" in project.tables()


def test_dev_asks_for_a_name_and_for_a_reset_on_drift(tmp_path: Path) -> None:
    with project_on("sqlite", tmp_path) as project:
        env = {"DATABASE_URL": project.url}
        code, out = run_on_tty(["migrate", "dev"], tmp_path, {"Enter a name for the new migration": "first one"}, env)
        assert code == 0, out
        assert [p.name.split("_", 1)[1] for p in project.migrations.iterdir() if p.is_dir()] == ["first_one"]
        project.execute("CREATE TABLE drifted (id INTEGER)")
        question = "Do you want to continue? All data will be lost."
        code, out = run_on_tty(["migrate", "dev", "--name", "x"], tmp_path, {question: "y"}, env)
        assert code == 0, out
        assert "Drift detected" in out and "drifted" not in project.tables()
