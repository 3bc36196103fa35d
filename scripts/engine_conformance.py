"""The query-engine conformance table of the README, from the judge's JSON reports.

    .venv/bin/python ../shared/conformance/run.py --provider sqlite --json sqlite.json   # and postgresql, mysql
    .venv/bin/python scripts/engine_conformance.py sqlite=sqlite.json postgresql=pg.json mysql=my.json [--write]

Prints (or, with ``--write``, puts between the ``engine-conformance`` markers of README.md) one
row per top-level area with ``passed / run`` per database, the rates of the read and write
areas as the issues group them, and the cases that do not pass with their reasons.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
START, END = "<!-- engine-conformance -->", "<!-- /engine-conformance -->"

READ = (
    "filters",
    "ordering",
    "pagination",
    "select_include_nested",
    "nested_read_arguments",
    "distinct",
    "aggregations",
)
WRITE = (
    "nested_writes",
    "nested_write:",
    "createMany",
    "upsert",
    "updateMany",
    "deleteMany",
    "atomic_number_ops",
    "referential_actions",
    "errors",
)
NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL", "mysql": "MariaDB (approximate)"}


def _in(areas: list[str], prefixes: tuple[str, ...]) -> bool:
    return any(a.startswith(p) for a in areas for p in prefixes)


def _rate(cases: list[dict[str, object]]) -> str:
    run = [c for c in cases if c["status"] != "skipped"]
    passed = sum(1 for c in run if c["status"] == "pass")
    return f"{passed} / {len(run)} ({100 * passed / len(run):.1f} %)" if run else "–"


def table(reports: dict[str, dict[str, object]]) -> str:
    providers = list(reports)
    per_area: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    cases_of = {p: [c for c in r["cases"] if c["status"] != "skipped"] for p, r in reports.items()}  # type: ignore[union-attr]
    for p, cases in cases_of.items():
        for c in cases:
            for area in {a for a in c["areas"] if ":" not in a}:  # top-level areas only
                cell = per_area[area][p]
                cell[1] += 1
                cell[0] += c["status"] == "pass"
    head = "| area | " + " | ".join(NAMES.get(p, p) for p in providers) + " |"
    lines = [head, "|---" * (len(providers) + 1) + "|"]
    for area in sorted(per_area):
        cells = [f"{per_area[area][p][0]} / {per_area[area][p][1]}" if per_area[area][p][1] else "–" for p in providers]
        lines.append(f"| {area} | " + " | ".join(cells) + " |")
    lines.append("| **whole corpus** | " + " | ".join(f"**{_rate(cases_of[p])}**" for p in providers) + " |")
    lines.append(
        "| read areas (issue 5) | "
        + " | ".join(_rate([c for c in cases_of[p] if _in(c["areas"], READ)]) for p in providers)
        + " |"
    )
    lines.append(
        "| write areas (issue 6) | "
        + " | ".join(_rate([c for c in cases_of[p] if _in(c["areas"], WRITE)]) for p in providers)
        + " |"
    )
    out = ["\n".join(lines), ""]
    for p in providers:
        bad = [c for c in cases_of[p] if c["status"] != "pass"]
        if not bad:
            continue
        reasons: dict[str, list[str]] = defaultdict(list)
        for c in bad:
            reasons[re.sub(r"\d+", "N", str(c["reason"]))[:110]].append(str(c["id"]).split("::")[0])
        out.append(f"Not passing on {NAMES.get(p, p)} ({len(bad)}):")
        out.append("")
        for reason, ids in sorted(reasons.items(), key=lambda kv: -len(kv[1])):
            files = ", ".join(sorted(set(ids))[:3]) + (", …" if len(set(ids)) > 3 else "")
            out.append(f"- {len(ids)} × {reason} ({files})")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("reports", nargs="+", help="provider=path/to/report.json")
    parser.add_argument("--write", action="store_true", help="update README.md between the markers")
    args = parser.parse_args()
    reports = {}
    for spec in args.reports:
        provider, _, path = spec.partition("=")
        reports[provider] = json.loads(Path(path).read_text())
    text = table(reports)
    if not args.write:
        print(text)
        return
    readme = README.read_text()
    if START not in readme or END not in readme:
        raise SystemExit(f"README.md has no {START} ... {END} block")
    before, rest = readme.split(START, 1)
    _, after = rest.split(END, 1)
    README.write_text(f"{before}{START}\n{text}{END}{after}")
    print("README.md updated")


if __name__ == "__main__":
    main()
