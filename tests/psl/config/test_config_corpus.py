"""Prisma's own schema tests (shared/conformance/psl-tests) for what the configuration reports.

- Every validation case: the loader's diagnostics inside ``datasource``/``generator`` blocks
  are exactly the expected ones of the loader's kinds (no more, no fewer).
- The cases whose expected diagnostics all come from configuration (plus the valid cases of the
  configuration folders): parse → load → pipeline check gives exactly the expected diagnostics.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from refrakt.diagnostics import Diagnostic, Diagnostics, SourceFile
from refrakt.psl.ast import GeneratorConfig, SchemaAst, SourceConfig
from refrakt.psl.config import load_configuration, validate_datasource
from refrakt.psl.parser import parse_schema

CORPUS = Path(
    os.environ.get("REFRAKT_PSL_CORPUS", Path(__file__).resolve().parents[4] / "shared/conformance/psl-tests")
)

LOADER_MESSAGES = re.compile(
    "|".join(
        [
            r"Property not known: ",
            r"Property \S+ in (generator|datasource) \S+ needs to be assigned a value$",
            r'Argument "[^"]+" is missing in (data source|generator) block ',
            r"Datasource provider not known: ",
            r"A datasource must not use the env\(\) function",
            r"Error validating datasource `",
            r"The env function ",
            r"Exactly one string parameter must be passed to the env function",
            r"Expected a (string|String|constant or function) value, but received",
            r"shadowDatabaseUrl is the same as",
            r"Preview features are only supported in the generator block",
            r"If provided, the schemas array can not be empty",
            r"Duplicated schema names are not allowed",
            r"The `schemas` property is not supported on the current connector\.",
            r"The `referentialIntegrity`",
            r"The preview feature ",
            r"Preview feature ",
            r"On `provider = ",
            r"Error validating: The argument (`\w+` can only be defined once|must have a name)",
            r"Error validating: The `\w+` argument must be a string literal",
            r"Argument not known: ",
        ]
    )
)
PIPELINE_MESSAGES = re.compile(
    r"The `extensions` property is only available with the `postgresqlExtensions` preview feature\."
    r"|Error validating: The (name of an extension must not|character `-` is not allowed in extension names)"
)
CONFIG_FOLDERS = (
    "validation/datasource/",
    "validation/generator/",
    "validation/preview_features/",
    "validation/postgres_extensions/",
    "validation_inline/config/",
)

Key = tuple[str, str, int]


def _cases() -> list[tuple[str, dict[str, Any]]]:
    if not CORPUS.is_dir():
        return []
    out: list[tuple[str, dict[str, Any]]] = []
    for kind in ("validation", "validation_inline"):
        for path in sorted((CORPUS / kind).rglob("*.json")):
            out.append((str(path.relative_to(CORPUS)), json.loads(path.read_text(encoding="utf-8"))))
    return out


CASES = _cases()
pytestmark = pytest.mark.skipif(not CASES, reason=f"conformance corpus not found at {CORPUS}")


def _config_lines(ast: SchemaAst, source: SourceFile) -> set[int]:
    lines: set[int] = set()
    for top in ast.tops:
        if isinstance(top, SourceConfig | GeneratorConfig):
            first = source.line_col(top.span.start)[0]
            last = source.line_col(max(top.span.end - 1, top.span.start))[0]
            lines.update(range(first, last + 1))
    return lines


def _keys(diags: list[Diagnostic], source: SourceFile, scope: str) -> Counter[Key]:
    return Counter(
        (d.severity, d.message, source.line_col(d.span.start)[0])
        for d in diags
        if scope != "errors" or d.severity == "error"
    )


def _expected(case: dict[str, Any]) -> Counter[Key]:
    scope = case.get("scope", "errors")
    return Counter(
        (d["severity"], d["message"], d["line"])
        for d in case["diagnostics"]
        if scope != "errors" or d["severity"] == "error"
    )


def _run(text: str, *, pipeline: bool) -> tuple[SchemaAst, SourceFile, Diagnostics, Diagnostics]:
    parse_diags = Diagnostics()
    ast = parse_schema(text, parse_diags)
    diags = Diagnostics()
    config = load_configuration([ast], diags)
    if pipeline and not parse_diags.errors and not diags.errors:
        validate_datasource(config.datasource, config.preview_features, diags)
    return ast, SourceFile("schema.prisma", text), parse_diags, diags


@pytest.mark.parametrize(("name", "case"), CASES, ids=[name for name, _ in CASES])
def test_loader_diagnostics_match_prisma(name: str, case: dict[str, Any]) -> None:
    ast, source, _, diags = _run(case["schema"], pipeline=False)
    lines = _config_lines(ast, source)
    scope = case.get("scope", "errors")
    got = _keys(diags.all(), source, scope)
    want = Counter({k: n for k, n in _expected(case).items() if k[2] in lines and LOADER_MESSAGES.match(k[1])})
    assert got == want


def _is_config_case(name: str, case: dict[str, Any]) -> bool:
    expected = _expected(case)
    if not expected:
        return name.startswith(CONFIG_FOLDERS)
    if not case["schema"]:
        return False
    diags = Diagnostics()
    ast = parse_schema(case["schema"], diags)
    lines = _config_lines(ast, SourceFile("schema.prisma", case["schema"]))
    return all(
        line in lines and (LOADER_MESSAGES.match(msg) or PIPELINE_MESSAGES.match(msg)) for _, msg, line in expected
    )


CONFIG_CASES = [(name, case) for name, case in CASES if _is_config_case(name, case)]


def test_the_configuration_subset_is_not_empty() -> None:
    assert len(CONFIG_CASES) >= 30


@pytest.mark.parametrize(("name", "case"), CONFIG_CASES, ids=[name for name, _ in CONFIG_CASES])
def test_configuration_cases(name: str, case: dict[str, Any]) -> None:
    _, source, parse_diags, diags = _run(case["schema"], pipeline=True)
    scope = case.get("scope", "errors")
    assert _keys(parse_diags.all() + diags.all(), source, scope) == _expected(case)
