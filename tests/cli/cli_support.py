"""What the CLI tests share: the type of the ``run_cli`` fixture and a few schemas."""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Protocol


class RunCli(Protocol):
    def __call__(
        self, *args: str, cwd: Path | None = None, env: Mapping[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]: ...


VALID_SCHEMA = """\
generator client {
  provider = "refrakt"
}

datasource db {
  provider = "sqlite"
  url      = env("DATABASE_URL")
}

model User {
  id    Int    @id @default(autoincrement())
  email String @unique
  posts Post[]
}

model Post {
  id       Int  @id @default(autoincrement())
  author   User @relation(fields: [authorId], references: [id])
  authorId Int
}
"""

LITERAL_URL_SCHEMA = VALID_SCHEMA.replace('env("DATABASE_URL")', '"file:./dev.db"')
