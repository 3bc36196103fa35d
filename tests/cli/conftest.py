"""Run the CLI as a user does: ``python -m refrakt ...`` in a fresh folder, in a clean environment."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from cli_support import RunCli

# Variables that would change what the CLI does; tests set them explicitly when they need them.
_SCRUBBED = ("DATABASE_URL", "NO_COLOR", "FORCE_COLOR", "TERM")


@pytest.fixture
def run_cli(tmp_path: Path) -> RunCli:
    """``run_cli("validate", "--schema", "x")`` -> CompletedProcess (text, stdout/stderr captured)."""

    def run(
        *args: str, cwd: Path | None = None, env: Mapping[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        environ = {k: v for k, v in os.environ.items() if k not in _SCRUBBED}
        environ["PYTHONIOENCODING"] = "utf-8"
        environ.update(env or {})
        return subprocess.run(
            [sys.executable, "-m", "refrakt", *args],
            cwd=cwd or tmp_path,
            env=environ,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
            check=False,
        )

    return run


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """``write("prisma/schema.prisma", text)`` -> the path, with parent folders created."""

    def _write(relative: str, text: str) -> Path:
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        return path

    return _write
