"""Run the schema-language conformance judge and write its pass rates into the README.

    .venv/bin/python scripts/conformance.py [--write]

Runs ``../shared/conformance/run_psl.py`` (Prisma's own schema tests as data) and prints a
Markdown table of pass rates per kind and per area; with ``--write`` it replaces the block
between the ``<!-- psl-conformance -->`` markers in README.md.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
JUDGE = ROOT.parent / "shared" / "conformance" / "run_psl.py"
START, END = "<!-- psl-conformance -->", "<!-- /psl-conformance -->"


def run_judge() -> list[dict[str, object]]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "psl.json"
        subprocess.run([sys.executable, str(JUDGE), "--json", str(out)], check=True, capture_output=True)
        return json.loads(out.read_text(encoding="utf-8"))["cases"]


def table(cases: list[dict[str, object]]) -> str:
    by_kind: dict[str, list[bool]] = defaultdict(list)
    by_area: dict[str, list[bool]] = defaultdict(list)
    for case in cases:
        passed = case["status"] == "pass"
        name = str(case["case"])
        kind = str(case["kind"])
        by_kind[kind].append(passed)
        if kind.startswith("validation"):
            parts = name.split("/")
            by_area[f"{parts[0]}/{parts[1]}"].append(passed)
    lines = [
        "| kind | cases | passed | rate |",
        "|---|---:|---:|---:|",
    ]
    for kind, results in by_kind.items():
        lines.append(f"| {kind} | {len(results)} | {sum(results)} | {sum(results) / len(results):.1%} |")
    total = [r for rs in by_kind.values() for r in rs]
    lines.append(f"| **all** | {len(total)} | {sum(total)} | {sum(total) / len(total):.1%} |")
    lines += [
        "",
        "<details><summary>validation cases by area</summary>",
        "",
        "| area | cases | passed |",
        "|---|---:|---:|",
    ]
    for area in sorted(by_area):
        results = by_area[area]
        lines.append(f"| {area} | {len(results)} | {sum(results)} |")
    lines += ["", "</details>"]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="update README.md")
    args = ap.parse_args()
    text = table(run_judge())
    print(text)
    if args.write:
        readme = ROOT / "README.md"
        content = readme.read_text(encoding="utf-8")
        head, _, rest = content.partition(START)
        _, _, tail = rest.partition(END)
        readme.write_text(f"{head}{START}\n{text}\n{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    main()
