"""Record Prisma's migration scripts for the schema evolutions in ``tests/migrate/fixtures/evolutions``.

Each evolution folder holds ``before.prisma`` and ``after.prisma`` (models and enums only; the
datasource is added per provider, with the lines of ``before.datasource`` / ``after.datasource``
if any, see ``tests/migrate/diff_support.py``) and, optionally,
``providers`` (one provider a line) to restrict it. For SQLite and PostgreSQL this writes
``<provider>.sql``: the stdout of Prisma 6.19's WASM schema engine (the oracle's ``migrate6``),

    npx prisma migrate diff --from-schema-datamodel before --to-schema-datamodel after --script

Usage: ``python tools/record_evolutions.py [--oracle /tmp/oracle] [NAME ...]``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVOLUTIONS = ROOT / "tests" / "migrate" / "fixtures" / "evolutions"
URLS = {
    "sqlite": "file:dev.db",
    "postgresql": "postgresql://postgres@127.0.0.1:5432/unused",
    "mysql": "mysql://root@127.0.0.1:3306/unused",
}
RECORDED = ("sqlite", "postgresql")


def with_datasource(models: str, provider: str, extra: str = "") -> str:
    return f'datasource db {{\n  provider = "{provider}"\n  url      = "{URLS[provider]}"\n{extra}}}\n\n{models}'


def providers(folder: Path) -> list[str]:
    listed = folder / "providers"
    if listed.exists():
        return [p.strip() for p in listed.read_text().splitlines() if p.strip()]
    return list(URLS)


def record(folder: Path, provider: str, oracle: Path) -> str:
    env = dict(os.environ, PRISMA_HIDE_UPDATE_MESSAGE="1", CHECKPOINT_DISABLE="1")
    env["PRISMA_SCHEMA_ENGINE_BINARY"] = env["PRISMA_QUERY_ENGINE_LIBRARY"] = str(
        oracle / "bin" / "no-schema-engine.sh"
    )
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for side in ("before", "after"):
            path = Path(tmp) / f"{side}.prisma"
            extra = folder / f"{side}.datasource"
            lines = extra.read_text() if extra.exists() else ""
            path.write_text(with_datasource((folder / f"{side}.prisma").read_text(), provider, lines))
            paths.append(str(path))
        result = subprocess.run(
            [
                "npx",
                "prisma",
                "migrate",
                "diff",
                "--from-schema-datamodel",
                paths[0],
                "--to-schema-datamodel",
                paths[1],
                "--script",
                "--config",
                f"prisma.{provider}.config.ts",
            ],
            cwd=oracle / "migrate6",
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    if result.returncode != 0:
        raise RuntimeError(f"{folder.name}/{provider}: {result.stderr.strip()}")
    return result.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--oracle", type=Path, default=Path("/tmp/oracle"))
    parser.add_argument("names", nargs="*")
    args = parser.parse_args()
    folders = sorted(d for d in EVOLUTIONS.iterdir() if d.is_dir() and (not args.names or d.name in args.names))
    failures = 0
    for folder in folders:
        for provider in RECORDED:
            if provider not in providers(folder):
                continue
            try:
                (folder / f"{provider}.sql").write_text(record(folder, provider, args.oracle))
                print(f"recorded {folder.name}/{provider}.sql")
            except RuntimeError as error:
                failures += 1
                print(error, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
