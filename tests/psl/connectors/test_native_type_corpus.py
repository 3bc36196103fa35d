"""Native type attribute checks against Prisma's own schema tests (the conformance corpus).

For every corpus schema with a datasource, every ``@db.X(...)`` on a built-in scalar field is run
through ``validate_native_type_attribute``; the messages of the native-type families must equal
the expected ones (message and line), and valid schemas must produce none.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from connectors_testlib import CORPUS, corpus_cases, load, native_type_messages

_FAMILIES = (
    "Native type ",
    "Argument M is out of range",
    "The scale must not be larger",
    "Expected a nonnegative integer, but found",
    "Expected two nonnegative integers, but found",
    "Expected an integer or `Max`, but found",
    "The prefix ",
    "Invalid Native type",
)


def _ours(message: str) -> bool:
    # "Native type `Text` cannot be unique..." (backticked) comes from the key rules, not from here.
    return message.startswith(_FAMILIES) and not message.startswith("Native type `")


def _cases() -> list[Path]:
    out: list[Path] = []
    for path in corpus_cases("validation", "validation_inline"):
        case = load(path)
        schema = case["schema"]
        assert isinstance(schema, str)
        if "datasource" not in schema or "." not in schema:
            continue
        diags: list[dict[str, Any]] = case["diagnostics"]  # type: ignore[assignment]
        if case["expect"] == "valid" or any(_ours(d["message"]) for d in diags):
            out.append(path)
    return out


CASES = _cases()


def test_the_corpus_has_native_type_cases() -> None:
    assert CORPUS.is_dir()
    with_errors = [p for p in CASES if load(p)["expect"] == "errors"]
    assert len(with_errors) >= 40


@pytest.mark.parametrize("path", CASES, ids=[str(p.relative_to(CORPUS)) for p in CASES])
def test_native_type_messages_match_prisma(path: Path) -> None:
    case = load(path)
    schema = case["schema"]
    assert isinstance(schema, str)
    diags: list[dict[str, Any]] = case["diagnostics"]  # type: ignore[assignment]
    expected = Counter((d["message"], d["line"]) for d in diags if d["severity"] == "error" and _ours(d["message"]))
    got = Counter(native_type_messages(schema))
    assert got == expected
