"""Schema evolutions for the differ tests (``fixtures/evolutions``, see ``tools/record_evolutions.py``).

Each evolution folder holds ``before.prisma`` and ``after.prisma`` without a datasource;
:func:`schema_for` adds one per provider, with the lines of ``before.datasource`` /
``after.datasource`` when there are some (``schemas = [...]``, ``extensions = [...]``).
``<provider>.sql`` is Prisma's script for the pair.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from migrate_support import FIXTURES, sql_schema_of

from refrakt.migrate import SqlSchema

EVOLUTIONS = FIXTURES / "evolutions"
URLS = {
    "sqlite": "file:dev.db",
    "postgresql": "postgresql://postgres@127.0.0.1:5432/unused",
    "mysql": "mysql://root@127.0.0.1:3306/unused",
}


def with_datasource(models: str, provider: str, extra: str = "") -> str:
    """The schema text: a datasource for ``provider`` (plus ``extra`` lines in it), then ``models``."""
    return f'datasource db {{\n  provider = "{provider}"\n  url      = "{URLS[provider]}"\n{extra}}}\n\n{models}'


def schema_for(models: str, provider: str, extra: str = "") -> SqlSchema:
    return sql_schema_of(with_datasource(models, provider, extra))


@dataclass(frozen=True)
class Evolution:
    name: str
    provider: str

    @property
    def folder(self) -> Path:
        return EVOLUTIONS / self.name

    def _schema(self, side: str) -> SqlSchema:
        extra = self.folder / f"{side}.datasource"
        lines = extra.read_text(encoding="utf-8") if extra.exists() else ""
        return schema_for((self.folder / f"{side}.prisma").read_text(encoding="utf-8"), self.provider, lines)

    @property
    def before(self) -> SqlSchema:
        return self._schema("before")

    @property
    def after(self) -> SqlSchema:
        return self._schema("after")

    @property
    def prisma_script(self) -> str | None:
        path = self.folder / f"{self.provider}.sql"
        return path.read_text(encoding="utf-8") if path.exists() else None

    def __str__(self) -> str:
        return f"{self.name}-{self.provider}"


def _providers(folder: Path) -> list[str]:
    listed = folder / "providers"
    if listed.exists():
        return [p.strip() for p in listed.read_text(encoding="utf-8").splitlines() if p.strip()]
    return list(URLS)


def evolutions(provider: str) -> list[Evolution]:
    return [
        Evolution(d.name, provider) for d in sorted(EVOLUTIONS.iterdir()) if d.is_dir() and provider in _providers(d)
    ]


def script_statements(script: str) -> list[str]:
    """The statements of a migration script (step headers dropped, ``;`` removed)."""
    body = "\n".join(line for line in script.splitlines() if not (line.startswith("-- ") and line[3:4].isupper()))
    return [s.strip() for s in body.split(";\n") if s.strip() and not s.strip().startswith("-- This is an empty")]
