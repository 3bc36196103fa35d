"""Benchmark: parse + validate + IR of a generated 200-model schema.

    .venv/bin/python bench/psl_parse.py [--models 200] [--repeat 7]

Prints the best and median wall time of ``refrakt.schema.parse`` (which parses, resolves,
validates and builds the data model IR) and the machine's load average (the machines are shared:
compare runs made under a similar load), and writes ``bench/results/psl_parse.json``.
Target on the project's 2-core machines: < 0.2 s for 200 models.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from pathlib import Path

from refrakt import schema


def generate(models: int) -> str:
    out = [
        'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n',
        'generator client {\n  provider = "refrakt"\n}\n',
        "enum Status {\n  ACTIVE\n  ARCHIVED\n}\n",
    ]
    for i in range(models):
        parent = (
            f"  parent{i} Model{i - 1} @relation(fields: [parentId], references: [id])\n  parentId Int\n" if i else ""
        )
        child = f"  children Model{i + 1}[]\n" if i + 1 < models else ""
        out.append(
            f"/// Model number {i}.\nmodel Model{i} {{\n"
            "  id        Int      @id @default(autoincrement())\n"
            "  name      String   @db.VarChar(200)\n"
            "  email     String   @unique\n"
            "  score     Float?\n"
            "  amount    Decimal  @default(0) @db.Decimal(10, 2)\n"
            "  status    Status   @default(ACTIVE)\n"
            "  tags      String[]\n"
            "  data      Json?\n"
            "  createdAt DateTime @default(now())\n"
            "  updatedAt DateTime @updatedAt\n"
            f"{parent}{child}"
            "\n  @@index([name, createdAt(sort: Desc)])\n"
            f'  @@map("model_{i}")\n}}\n'
        )
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--models", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    text = generate(args.models)
    parsed = schema.parse(text)
    errors = [str(d) for d in parsed.errors]
    if errors:
        raise SystemExit("generated schema is invalid:\n" + "".join(errors[:3]))
    times: list[float] = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        schema.parse(text)
        times.append(time.perf_counter() - start)
    result = {
        "models": args.models,
        "schema_chars": len(text),
        "best_s": round(min(times), 4),
        "median_s": round(statistics.median(times), 4),
        "load_1m": round(os.getloadavg()[0], 2),
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    out = Path(__file__).parent / "results" / "psl_parse.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(
        f"parse+validate+IR of {args.models} models ({len(text)} chars): "
        f"best {result['best_s']:.3f} s, median {result['median_s']:.3f} s (load average {result['load_1m']:.2f})"
    )


if __name__ == "__main__":
    main()
