"""The main job end to end, as a user would run it (``make demo``).

In a temporary folder: ``refrakt init`` (SQLite), add a few models (deliberately unformatted),
``refrakt format``, ``refrakt validate``, then a summary of the data model from
``refrakt.schema.parse(...).datamodel``. Each step prints the command and its output; the script
exits non-zero as soon as a step fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

BOLD, RESET = ("\033[1m", "\033[0m") if sys.stdout.isatty() else ("", "")

MODELS = """
enum Role {
  USER
  ADMIN
}

model User {
  id Int @id @default(autoincrement())
  email String @unique
  name String?
  role Role @default(USER)
  posts Post[]
  profile Profile?
}

model Profile {
  id Int @id @default(autoincrement())
  bio String
  user User @relation(fields: [userId], references: [id])
  userId Int @unique
}

model Post {
  id Int @id @default(autoincrement())
  title String
  published Boolean @default(false)
  author User @relation(fields: [authorId], references: [id])
  authorId Int
  tags Tag[]
}

model Tag {
  id Int @id @default(autoincrement())
  name String @unique
  posts Post[]
}
"""


def refrakt_command() -> list[str]:
    script = Path(sys.executable).parent / "refrakt"
    return [str(script)] if script.exists() else [sys.executable, "-m", "refrakt"]


def step(title: str, *args: str, cwd: Path, expect: int = 0) -> None:
    """Run ``refrakt *args`` in ``cwd``, showing its output; stop the demo on an unexpected exit code."""
    print(f"\n{BOLD}== {title}{RESET}\n$ refrakt {' '.join(args)}", flush=True)
    result = subprocess.run([*refrakt_command(), *args], cwd=cwd, stderr=subprocess.STDOUT, check=False)
    print(f"(exit code {result.returncode})", flush=True)
    if result.returncode != expect:
        print(f"demo: `refrakt {' '.join(args)}` exited with {result.returncode}, expected {expect}", file=sys.stderr)
        raise SystemExit(1)


def summarize_datamodel(datamodel: Any) -> None:
    """Models, fields and relations of the IR (API.md §3: ``.models[name].fields[name]``, ``.enums``)."""
    total_fields = 0
    for name, model in datamodel.models.items():
        fields = model.fields
        total_fields += len(fields)
        shown = [
            f"{field_name}: {f.type}{'[]' if f.is_list else '' if f.is_required else '?'}"
            for field_name, f in fields.items()
        ]
        print(f"  model {name} ({len(fields)} fields): {', '.join(shown)}")
    for enum_name, enum in datamodel.enums.items():
        print(f"  enum {enum_name}: {', '.join(v.name for v in enum.values)}")
    for r in datamodel.relations:
        ends = f"{r.referencing.model}.{r.referencing.field} -> {r.referenced.model}.{r.referenced.field}"
        print(f"  relation {r.name} ({r.kind}): {ends}")
    # Counted from the relation fields, which name their relation even where `.relations` is not filled.
    relation_names = {
        f.relation_name for m in datamodel.models.values() for f in m.fields.values() if f.kind == "object"
    }
    print(
        f"\n  {len(datamodel.models)} models, {len(datamodel.enums)} enums, {total_fields} fields, "
        f"{len(relation_names)} relations"
    )


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="refrakt-demo-"))
    env_before = os.environ.pop("DATABASE_URL", None)  # the demo's own .env provides it
    try:
        print(f"demo folder: {workdir}")
        step("Create a project", "init", "--datasource-provider", "sqlite", cwd=workdir)

        schema_path = workdir / "prisma" / "schema.prisma"
        with schema_path.open("a", encoding="utf-8") as f:
            f.write(MODELS)
        print(f"\n{BOLD}== Added {MODELS.count('model ')} models and an enum to prisma/schema.prisma{RESET}")

        step("Check formatting (fails: the new models are not aligned)", "format", "--check", cwd=workdir, expect=1)
        step("Format the schema", "format", cwd=workdir)
        step("Check formatting again", "format", "--check", cwd=workdir)
        step("Validate the schema", "validate", cwd=workdir)

        print(f"\n{BOLD}== The formatted schema{RESET}")
        print(schema_path.read_text(encoding="utf-8"))

        from refrakt import schema as refrakt_schema

        print(f"{BOLD}== Data model{RESET}")
        parsed = refrakt_schema.parse(schema_path)
        if parsed.errors:
            print("demo: the schema has errors after `refrakt validate` passed", file=sys.stderr)
            return 1
        if parsed.datamodel is None:
            print("demo: refrakt.schema.parse(...).datamodel is None for a valid schema", file=sys.stderr)
            return 1
        summarize_datamodel(parsed.datamodel)
        return 0
    finally:
        if env_before is not None:
            os.environ["DATABASE_URL"] = env_before
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
