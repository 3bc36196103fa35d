"""Prisma's own formatter cases (``shared/conformance/psl-tests``): byte-identical output and idempotency."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from refrakt.psl.format import format_files, format_schema

CORPUS = Path(__file__).parents[3].parent / "shared" / "conformance" / "psl-tests"
KINDS = ("format", "format_inline", "format_multi_file")


def _cases() -> list[Any]:
    if not CORPUS.is_dir():
        return [pytest.param(None, None, id="corpus-missing", marks=pytest.mark.skip(reason=f"no corpus at {CORPUS}"))]
    params: list[Any] = []
    for kind in KINDS:
        for path in sorted((CORPUS / kind).rglob("*.json")):
            case = json.loads(path.read_text(encoding="utf-8"))
            params.append(pytest.param(kind, case, id=str(path.relative_to(CORPUS).with_suffix(""))))
    return params


def _format(kind: str, case_input: Any) -> Any:
    if kind == "format_multi_file":
        return format_files({f["name"]: f["text"] for f in case_input})
    out = format_schema(case_input)
    # Upstream's inline tests fall back to the input when reformat yields nothing.
    return case_input if out is None and kind == "format_inline" else out


def _expected(kind: str, case: dict[str, Any]) -> Any:
    if kind == "format_multi_file":
        return {f["name"]: f["text"] for f in case["expected"]}
    return case["expected"]


@pytest.mark.parametrize(("kind", "case"), _cases())
def test_output_is_prismas(kind: str, case: dict[str, Any]) -> None:
    assert _format(kind, case["input"]) == _expected(kind, case)


@pytest.mark.parametrize(("kind", "case"), _cases())
def test_expected_output_is_a_fixed_point(kind: str, case: dict[str, Any]) -> None:
    expected = _expected(kind, case)
    if kind == "format_multi_file":
        assert format_files(expected) == expected
    else:
        assert format_schema(expected) == expected


def test_corpus_has_cases() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"no corpus at {CORPUS}")
    assert len(_cases()) >= 60
