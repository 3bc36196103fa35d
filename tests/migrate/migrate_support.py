"""Helpers shared by the migration tests: fixture cases and the schemas they describe."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from refrakt.migrate import SqlSchema, sql_schema_from_schema
from refrakt.schema import parse

FIXTURES = Path(__file__).with_name("fixtures")
PROVIDERS = ("sqlite", "postgresql", "mysql")


@dataclass(frozen=True)
class Case:
    name: str
    provider: str

    @property
    def folder(self) -> Path:
        return FIXTURES / self.name

    @property
    def schema_path(self) -> Path:
        return self.folder / f"{self.provider}.prisma"

    @property
    def ddl_path(self) -> Path:
        return self.folder / f"{self.provider}.sql"

    def __str__(self) -> str:
        return f"{self.name}-{self.provider}"


def cases(provider: str) -> list[Case]:
    return [Case(d.name, provider) for d in sorted(FIXTURES.iterdir()) if (d / f"{provider}.prisma").exists()]


def sql_schema_of(text: str) -> SqlSchema:
    """The SqlSchema of a schema file's text (with its datasource's schemas and extensions)."""
    schema = parse(text)
    assert schema.datamodel is not None, [str(d) for d in schema.errors]
    return sql_schema_from_schema(schema)
