"""tools/async_to_sync.py: the generated sync modules are up to date, and the rewrite rules."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOOL = ROOT / "tools" / "async_to_sync.py"


def load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("async_to_sync", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["async_to_sync"] = module
    spec.loader.exec_module(module)
    return module


def test_generated_sync_modules_are_up_to_date() -> None:
    proc = subprocess.run([sys.executable, str(TOOL), "--check"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr


def test_every_opted_in_module_has_its_twin() -> None:
    tool = load_tool()
    found = tool.discover()
    names = sorted(p.name for p in found)
    assert names == [
        "_batch_async.py",
        "_client_async.py",
        "_connection_async.py",
        "_delegate_async.py",
        "_describe_async.py",
        "_dev_async.py",
        "_execute_async.py",
        "_execute_delete_async.py",
        "_execute_nested_async.py",
        "_execute_update_async.py",
        "_executor_async.py",
        "_history_api_async.py",
        "_history_io_async.py",
        "_logged_async.py",
        "_mysql_async.py",
        "_pool_async.py",
        "_postgres_async.py",
        "_push_io_async.py",
    ]
    for path in found:
        twin = tool.sync_path(path)
        assert twin.exists()
        assert twin.read_text().startswith("# WARNING: generated from ")


SAMPLE = '''"""A sample. refrakt: async-to-sync"""

from __future__ import annotations

import asyncmy
from collections.abc import AsyncIterator


class AsyncThing:
    """This AsyncThing wraps asyncmy."""

    async def __aenter__(self) -> AsyncThing:
        return self

    async def run(self, items: AsyncIterator[int]) -> int:
        total = 0
        async for item in items:  # an AsyncIterator, say
            total += await self.one(item)
        async with self:
            pass
        if True:  # ASYNC
            total += await self.one(0)
        else:
            # sync only
            total -= 1
        return total

    async def one(self, x: int) -> int:
        return x + len(asyncmy.__name__)
'''


def test_rewrite_rules(tmp_path: Path) -> None:
    tool = load_tool()
    tool.RENAMES.setdefault("AsyncThing", "Thing")
    tool._TEXT_RENAMES.setdefault("AsyncThing", "Thing")
    tool._WORD = __import__("re").compile(r"\b(" + "|".join(sorted(tool._TEXT_RENAMES, key=len, reverse=True)) + r")\b")
    out = tool.convert(SAMPLE, "sample_async.py", ROOT / "src" / "refrakt" / "sample.py")
    assert out.startswith("# WARNING: generated from sample_async.py")
    assert "async " not in out and "await " not in out
    assert "class Thing:" in out
    assert "def __enter__(self) -> Thing:" in out
    assert "for item in items:  # an Iterator, say" in out
    assert "with self:" in out
    assert "import pymysql" in out and "len(pymysql.__name__)" in out
    assert '"""This Thing wraps asyncmy."""' in out  # prose about the driver stays
    assert "total += self.one(item)" in out
    assert "# sync only\n        total -= 1" in out
    assert "total += self.one(0)" not in out
    assert "Generated from ``sample_async.py``" in out
    compile(out, "sample.py", "exec")


def test_nested_async_branches_are_refused() -> None:
    tool = load_tool()
    src = "if True:  # ASYNC\n    if True:  # ASYNC\n        a = 1\n    else:\n        a = 2\nelse:\n    a = 3\n"
    with pytest.raises(tool.ConversionError, match="nested"):
        tool.convert(src, "x_async.py", ROOT / "x.py")


def test_check_mode_reports_a_stale_twin(tmp_path: Path) -> None:
    tool = load_tool()
    src = tmp_path / "demo_async.py"
    src.write_text('"""refrakt: async-to-sync"""\n\n\nasync def f() -> int:\n    return 1\n')
    tool.ROOT = tmp_path
    assert tool.main([str(src)]) == 0
    assert (tmp_path / "demo.py").read_text().count("def f() -> int:") == 1
    assert tool.main(["--check", str(src)]) == 0
    (tmp_path / "demo.py").write_text("stale\n")
    assert tool.main(["--check", str(src)]) == 1
    assert (tmp_path / "demo.py").read_text() == "stale\n"  # --check writes nothing
