"""The DDL text compared with Prisma's, byte for byte (``fixtures/``, see its README)."""

from __future__ import annotations

import os

import pytest
from migrate_support import Case, cases, sql_schema_of

from refrakt.migrate import render_create_script

UPDATE = os.environ.get("REFRAKT_UPDATE_EXPECT") == "1"

# Where refrakt writes different DDL on purpose: (case, provider) -> [(Prisma's line, ours)].
KNOWN_DIFFERENCES: dict[tuple[str, str], list[tuple[str, str]]] = {
    # Prisma writes a Json default unquoted on SQLite (`DEFAULT {"a": [1, 2]}`), which SQLite
    # rejects; refrakt quotes it as a string literal.
    ("types", "sqlite"): [
        ('    "json" JSONB NOT NULL DEFAULT {"a": [1, 2]},', '    "json" JSONB NOT NULL DEFAULT \'{"a": [1, 2]}\','),
    ],
}


def _prisma_cases() -> list[Case]:
    return [c for p in ("sqlite", "postgresql") for c in cases(p)]


@pytest.mark.parametrize("case", _prisma_cases(), ids=str)
def test_script_is_prismas(case: Case) -> None:
    ours = render_create_script(sql_schema_of(case.schema_path.read_text(encoding="utf-8")))
    prisma = case.ddl_path.read_text(encoding="utf-8")
    for theirs, mine in KNOWN_DIFFERENCES.get((case.name, case.provider), []):
        assert theirs in prisma
        prisma = prisma.replace(theirs, mine)
    # The CLI prints the script followed by a newline.
    assert ours + "\n" == prisma


@pytest.mark.parametrize("case", cases("mysql"), ids=str)
def test_mysql_script_golden(case: Case) -> None:
    ours = render_create_script(sql_schema_of(case.schema_path.read_text(encoding="utf-8")))
    if UPDATE:
        case.ddl_path.write_text(ours, encoding="utf-8")
    assert ours == case.ddl_path.read_text(encoding="utf-8")


def test_mysql_blog_matches_the_oracles_handwritten_ddl() -> None:
    case = Case("blog", "mysql")
    ours = render_create_script(sql_schema_of(case.schema_path.read_text(encoding="utf-8")))
    handwritten = (case.folder / "mysql.handwritten.sql").read_text(encoding="utf-8")

    def statements(text: str) -> list[str]:
        return [line for line in text.splitlines() if line and not line.startswith("--")]

    assert statements(ours) == statements(handwritten)


def test_every_known_difference_is_used() -> None:
    assert all(Case(n, p).ddl_path.exists() for n, p in KNOWN_DIFFERENCES)
