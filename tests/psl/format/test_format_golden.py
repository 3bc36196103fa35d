"""Golden formatter cases: ``golden/x.prisma`` formats to ``golden/x.reformatted.prisma``.

Most pairs are Prisma's own formatter tests (``psl/psl/tests/reformat*``); the rest pin behaviour
found while porting. ``REFRAKT_UPDATE_EXPECT=1`` rewrites the expected files from the output.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from refrakt.psl.format import format_schema

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("REFRAKT_UPDATE_EXPECT") == "1"
PAIRS = sorted(p for p in GOLDEN.glob("*.prisma") if not p.name.endswith(".reformatted.prisma"))


def _expected_path(source: Path) -> Path:
    return source.with_name(source.name.removesuffix(".prisma") + ".reformatted.prisma")


@pytest.mark.parametrize("source", PAIRS, ids=[p.stem for p in PAIRS])
def test_golden(source: Path) -> None:
    text = source.read_bytes().decode("utf-8")
    got = format_schema(text)
    assert got is not None
    expected_path = _expected_path(source)
    if UPDATE:
        expected_path.write_bytes(got.encode("utf-8"))
    assert got == expected_path.read_bytes().decode("utf-8")


@pytest.mark.parametrize("source", PAIRS, ids=[p.stem for p in PAIRS])
def test_golden_output_is_a_fixed_point(source: Path) -> None:
    expected = _expected_path(source).read_bytes().decode("utf-8")
    assert format_schema(expected) == expected


def test_every_golden_input_has_an_expected_file() -> None:
    assert len(PAIRS) >= 20
    assert all(_expected_path(p).is_file() for p in PAIRS)
