"""What the ``migrate`` commands work on: the schema's datasource (a :class:`PushPlan`) and the
migrations folder (sans-IO but for reading the schema's files)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from refrakt.migrate._push import SchemaSource, load_schema, plan_for
from refrakt.migrate._push_model import PushPlan, PushTarget

DEFAULT_FOLDER = Path("prisma") / "migrations"


@dataclass(frozen=True, slots=True)
class MigrateProject:
    """A validated schema's datasource and the migrations folder that goes with it."""

    plan: PushPlan
    folder: Path

    @property
    def target(self) -> PushTarget:
        return self.plan.target

    @property
    def provider(self) -> str:
        return self.plan.provider


def migrate_project(
    schema: SchemaSource | MigrateProject,
    *,
    migrations: str | os.PathLike[str] | None = None,
    url: str | None = None,
    provider: str | None = None,
) -> MigrateProject:
    """The :class:`MigrateProject` of ``schema`` (text, a ``.prisma`` file or folder, ``{name: text}``).

    ``migrations`` defaults to the ``migrations`` folder beside the file holding the datasource
    (Prisma's place), or ``prisma/migrations`` for schema text. ``url`` overrides the datasource's.
    """
    if isinstance(schema, MigrateProject):
        return schema
    parsed, base_dir = load_schema(schema, provider=provider, url=url)
    plan = plan_for(parsed, base_dir=base_dir, url=url, provider=provider)
    if migrations is not None:
        folder = Path(migrations)
    elif base_dir is not None:
        folder = base_dir / "migrations"
    else:
        folder = DEFAULT_FOLDER
    return MigrateProject(plan=plan, folder=folder)
