"""Prisma's own schema tests (``../shared/conformance/psl-tests``) through the public API.

Each case is judged exactly as the conformance judge ``run_psl.py`` judges it (its functions are
imported from there): validation cases compare the multiset of (severity, message, line),
formatter cases compare text byte for byte and check idempotency. The per-kind pass rates are
printed at the end of the run.
"""

from __future__ import annotations

import importlib.util
import json
import os
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from refrakt import schema

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "conformance"
CORPUS = SHARED / "psl-tests"
KINDS = ("validation", "validation_inline", "format", "format_inline", "format_multi_file")


def _judge() -> ModuleType | None:
    path = SHARED / "run_psl.py"
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location("run_psl", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


JUDGE = _judge()


def _cases() -> list[tuple[str, str, dict[str, Any]]]:
    out: list[tuple[str, str, dict[str, Any]]] = []
    for kind in KINDS:
        for path in sorted((CORPUS / kind).rglob("*.json")):
            out.append((kind, str(path.relative_to(CORPUS)), json.loads(path.read_text(encoding="utf-8"))))
    return out


CASES = _cases() if CORPUS.is_dir() else []


def test_corpus_is_present() -> None:
    if os.environ.get("CI") == "true":
        assert JUDGE is not None and len(CASES) > 900, "the shared conformance corpus is missing"


@pytest.mark.parametrize(("kind", "name", "case"), CASES, ids=[n for _, n, _ in CASES])
def test_case(kind: str, name: str, case: dict[str, Any], conformance_record: Callable[[str, bool], None]) -> None:
    assert JUDGE is not None
    if kind.startswith("validation"):
        result = JUDGE.judge_validation(schema, case)
        conformance_record(kind, bool(result["messages"]))
        assert result["messages"], f"expected {result['expected']}\n     got {result['got']}"
    else:
        result = JUDGE.judge_format(schema, kind, case)
        conformance_record(kind, bool(result["exact"]))
        assert result["exact"], f"expected:\n{result['expected']}\ngot:\n{result['got']}"
        assert result["idempotent"]
