"""Golden validation tests: each ``golden/*.prisma`` ends with its expected diagnostics.

The expectation is the trailing block of ``//`` lines: the rendered diagnostics (Prisma's
format, without colours). Run with ``REFRAKT_UPDATE_EXPECT=1`` to rewrite the blocks on purpose.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from refrakt import schema

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(GOLDEN.glob("*.prisma"))


def split_expectation(text: str) -> tuple[str, str]:
    lines = text.split("\n")
    end = len(lines)
    while end > 0 and lines[end - 1] == "":
        end -= 1
    start = end
    while start > 0 and lines[start - 1].startswith("//"):
        start -= 1
    if start == end or (start > 0 and lines[start - 1] != ""):
        return text, ""
    body = "\n".join(lines[: start - 1]) + "\n"
    expected = "\n".join(line[3:] if line.startswith("// ") else line[2:] for line in lines[start:end])
    return body, expected.rstrip("\n")


def render(body: str) -> str:
    text = "".join(str(d) for d in schema.parse(body).diagnostics).rstrip("\n")
    return "\n".join(line.rstrip() for line in text.split("\n"))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_golden(path: Path) -> None:
    body, expected = split_expectation(path.read_text(encoding="utf-8"))
    got = render(body)
    if os.environ.get("REFRAKT_UPDATE_EXPECT") == "1":
        block = "\n".join(f"// {line}".rstrip() for line in got.split("\n")) if got else ""
        path.write_text(body + ("\n" + block + "\n" if block else ""), encoding="utf-8")
        return
    assert got == expected


def test_there_are_golden_cases() -> None:
    assert len(CASES) >= 5
