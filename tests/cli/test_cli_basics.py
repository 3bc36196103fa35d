"""The command line itself: help, version, unknown commands and options, both entry points."""

from __future__ import annotations

import json
import platform
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import RunCli

import refrakt


def test_version(run_cli: RunCli) -> None:
    result = run_cli("version")

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("refrakt ")
    assert lines[0].endswith(f": {refrakt.__version__}")
    assert any(line.startswith("Python ") and platform.python_version() in line for line in lines)
    assert any(line.startswith("Platform ") and platform.system() in line for line in lines)


@pytest.mark.parametrize("flag", ["-v", "--version"])
def test_version_flags(flag: str, run_cli: RunCli) -> None:
    result = run_cli(flag)

    assert result.returncode == 0, result.stderr
    assert refrakt.__version__ in result.stdout


def test_version_json(run_cli: RunCli) -> None:
    result = run_cli("version", "--json")

    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["refrakt"] == refrakt.__version__
    assert data["python"] == platform.python_version()
    assert data["implementation"] == platform.python_implementation()
    assert data["platform"] == platform.platform()


def test_help_lists_the_commands(run_cli: RunCli) -> None:
    result = run_cli("--help")

    assert result.returncode == 0
    for command in ("init", "format", "validate", "version"):
        assert f"  {command}   " in result.stdout


def test_command_help(run_cli: RunCli) -> None:
    result = run_cli("format", "--help")

    assert result.returncode == 0
    assert "--check" in result.stdout
    assert "--schema" in result.stdout


@pytest.mark.parametrize("command", ["frobnicate", "generate", "studio"])
def test_unknown_command(command: str, run_cli: RunCli) -> None:
    result = run_cli(command)

    assert result.returncode == 1
    assert f"Unknown command `{command}`" in result.stderr
    assert "refrakt --help" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_command_group_needs_a_subcommand(run_cli: RunCli) -> None:
    result = run_cli("migrate")

    assert result.returncode == 1
    assert "`refrakt migrate` needs a subcommand: `refrakt migrate deploy`" in result.stderr
    assert result.stdout == ""


def test_unknown_command_suggests_a_close_one(run_cli: RunCli) -> None:
    result = run_cli("valdate")

    assert result.returncode == 1
    assert "Did you mean `refrakt validate`?" in result.stderr


@pytest.mark.parametrize(
    "args",
    [("validate", "--nope"), ("format", "--chek"), ("--nope",), ("init", "--datasource-provider")],
)
def test_unknown_or_incomplete_option(args: tuple[str, ...], run_cli: RunCli) -> None:
    result = run_cli(*args)

    assert result.returncode == 1
    assert result.stderr.startswith("Error: ")
    assert "Traceback" not in result.stderr
    assert "usage:" not in result.stderr


def test_console_script_matches_python_m(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / ("refrakt.exe" if sys.platform == "win32" else "refrakt")
    assert script.exists(), "the `refrakt` console script is not installed next to this Python"

    result = subprocess.run([str(script), "version", "--json"], capture_output=True, text=True, check=False)

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["refrakt"] == refrakt.__version__


def test_main_returns_exit_codes_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    from refrakt.cli import main

    assert main(["version", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["refrakt"] == refrakt.__version__
    assert main(["nope"]) == 1
    assert "Unknown command `nope`" in capsys.readouterr().err
