"""Benchmark: the query engine's reads against the bare driver doing the same statements.

    .venv/bin/python bench/engine_reads.py [--rounds 5] [--only sqlite,postgresql]

Workloads (issue 5): 2,000 primary-key lookups; all 10,000 rows; 1,000 users with their posts
(3 each, one extra statement per include level); a filtered query x200; count + group by x100.
Both sides run on one open refrakt connection and return comparable Python data: the bare
side executes the SQL the engine renders and builds one dict per row (and groups the posts by
author itself); refrakt's side is ``Engine.prepare(...).run(conn)``, which also validates the
arguments (cached by shape), decodes values (DateTime, Decimal, Boolean) and builds records.
Rounds are interleaved; the best round counts. ``ratio`` is refrakt's time over the bare one's
(target 1.5, goal 1.25). Writes ``bench/results/engine_reads.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import tempfile
import time
import uuid
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from refrakt._sql import Insert, Param, Table, get_dialect
from refrakt.drivers import Connection, connect
from refrakt.engine import Engine
from refrakt.migrate import create_statements, sql_schema_from_datamodel
from refrakt.schema import parse

PG_URL = os.environ.get("REFRAKT_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/refrakt_test")
RESULTS = Path(__file__).with_name("results") / "engine_reads.json"
SCHEMA = """
model User {
  id        Int      @id
  email     String   @unique
  name      String
  score     Decimal
  active    Boolean
  createdAt DateTime
  posts     Post[]
}

model Post {
  id       Int    @id
  title    String
  views    Int
  authorId Int
  author   User   @relation(fields: [authorId], references: [id])
}
"""
USERS, POSTS_EACH = 10_000, 3


def datamodel(provider: str) -> Any:
    source = f'datasource db {{\n  provider = "{provider}"\n  url = "file:x.db"\n}}\n{SCHEMA}'
    return parse(source).datamodel


def seed(conn: Connection, engine: Engine) -> None:
    dialect = get_dialect(engine.dialect_name)
    user, post = engine.schema.model("User"), engine.schema.model("Post")
    encode_dt = engine.codec.encoder(user.scalars["createdAt"]) or (lambda v: v)
    encode_dec = engine.codec.encoder(user.scalars["score"]) or (lambda v: v)
    base = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    conn.execute("BEGIN")
    for start in range(0, USERS, 500):
        rows = [
            tuple(
                Param(v)
                for v in (
                    i,
                    f"u{i}@x.io",
                    f"user {i % 100}",
                    encode_dec(Decimal(i % 50) / 4),
                    i % 3 != 0,
                    encode_dt(base + dt.timedelta(minutes=i)),
                )
            )
            for i in range(start + 1, start + 501)
        ]
        columns = ("id", "email", "name", "score", "active", "createdAt")
        sql, params = dialect.render(Insert(Table(user.table), columns, tuple(rows)))
        conn.execute(sql, params)
    for start in range(0, USERS * POSTS_EACH, 1000):
        rows = [
            tuple(Param(v) for v in (i, f"post {i}", i % 1000, 1 + (i - 1) % USERS))
            for i in range(start + 1, start + 1001)
        ]
        sql, params = dialect.render(Insert(Table(post.table), ("id", "title", "views", "authorId"), tuple(rows)))
        conn.execute(sql, params)
    conn.execute("COMMIT")


Workload = tuple[Callable[[], Any], Callable[[], Any]]


def workloads(engine: Engine, conn: Connection) -> dict[str, Workload]:
    def bare(model: str, operation: str, args: dict[str, Any]) -> tuple[str, list[Any], list[str]]:
        prepared = engine.prepare(model, operation, args)
        columns = [str(c) for c in engine.schema.model(model).scalars]
        return prepared.sql, prepared.params, columns

    def bare_rows(sql: str, params: list[Any], names: list[str]) -> list[dict[str, Any]]:
        _, rows = conn.query(sql, params)
        return [dict(zip(names, r, strict=False)) for r in rows]

    def pk_refrakt() -> None:
        for i in range(2000):
            engine.prepare("User", "find_unique", {"where": {"id": 1 + i % USERS}}).run(conn)

    pk_sql, _, pk_names = bare("User", "find_unique", {"where": {"id": 1}})

    def pk_bare() -> None:
        for i in range(2000):
            bare_rows(pk_sql, [1 + i % USERS], pk_names)

    all_sql, all_params, all_names = bare("User", "find_many", {})

    def all_refrakt() -> None:
        engine.prepare("User", "find_many", {}).run(conn)

    def all_bare() -> None:
        bare_rows(all_sql, all_params, all_names)

    include_args = {"where": {"id": {"lte": 1000}}, "include": {"posts": True}}
    prepared = engine.prepare("User", "find_many", include_args)
    users_sql, users_params = prepared.sql, prepared.params
    nested = prepared.plan.level.relations[0]  # pyright: ignore[reportAttributeAccessIssue]
    post_names = [str(c) for c in engine.schema.model("Post").scalars]

    def include_refrakt() -> None:
        engine.prepare("User", "find_many", include_args).run(conn)

    def include_bare() -> None:
        users = bare_rows(users_sql, users_params, all_names)
        keys = [u["id"] for u in users]
        by_author: dict[Any, list[dict[str, Any]]] = {}
        for sql, params in nested.statements(keys, users_params):
            for post in bare_rows(sql, params, post_names):
                by_author.setdefault(post["authorId"], []).append(post)
        for u in users:
            u["posts"] = by_author.get(u["id"], [])

    filter_args = {
        "where": {"active": True, "name": {"starts_with": "user 1"}, "score": {"gte": 2}},
        "order_by": {"createdAt": "desc"},
        "take": 50,
    }
    filter_sql, filter_params, _ = bare("User", "find_many", filter_args)

    def filter_refrakt() -> None:
        for i in range(200):
            engine.prepare("User", "find_many", {**filter_args, "skip": i % 5}).run(conn)

    skip_sql, _, _ = bare("User", "find_many", {**filter_args, "skip": 1})

    def filter_bare() -> None:
        for i in range(200):
            sql = skip_sql if i % 5 else filter_sql
            params = [*filter_params, i % 5] if i % 5 else filter_params
            bare_rows(sql, params, all_names)

    count_sql, count_params, _ = bare("User", "count", {"where": {"active": True}})
    group_args = {"by": ["name"], "_count": True, "_avg": {"score": True}, "order_by": {"name": "asc"}}
    group_sql, group_params, _ = bare("User", "group_by", group_args)

    def aggregate_refrakt() -> None:
        for _ in range(100):
            engine.prepare("User", "count", {"where": {"active": True}}).run(conn)
            engine.prepare("User", "group_by", group_args).run(conn)

    def aggregate_bare() -> None:
        for _ in range(100):
            conn.query(count_sql, count_params)
            _, rows = conn.query(group_sql, group_params)
            [{"name": r[0], "_count": r[1], "_avg": {"score": r[2]}} for r in rows]

    return {
        "pk_lookup_x2000": (pk_bare, pk_refrakt),
        "all_10k_rows": (all_bare, all_refrakt),
        "1k_users_with_posts": (include_bare, include_refrakt),
        "filtered_x200": (filter_bare, filter_refrakt),
        "count_group_by_x100": (aggregate_bare, aggregate_refrakt),
    }


def measure(work: dict[str, Workload], rounds: int) -> dict[str, dict[str, float]]:
    best: dict[str, list[float]] = {name: [float("inf"), float("inf")] for name in work}
    for _ in range(rounds):
        for name, (bare, ours) in work.items():
            for side, fn in enumerate((bare, ours)):
                started = time.perf_counter()
                fn()
                best[name][side] = min(best[name][side], time.perf_counter() - started)
    return {
        name: {"bare_ms": round(b * 1000, 2), "refrakt_ms": round(r * 1000, 2), "ratio": round(r / b, 2)}
        for name, (b, r) in best.items()
    }


def run(provider: str, rounds: int) -> dict[str, dict[str, float]]:
    dialect = "postgres" if provider == "postgresql" else provider
    dm = datamodel(provider)
    if provider == "sqlite":
        folder = tempfile.mkdtemp()
        url = f"file:{folder}/bench.db"
        schema = None
    else:
        schema = f"bench_{uuid.uuid4().hex[:8]}"
        with connect(PG_URL) as admin:
            admin.execute(f'CREATE SCHEMA "{schema}"')
        url = PG_URL + ("&" if "?" in PG_URL else "?") + f"schema={schema}"
    try:
        with connect(url) as conn:
            for statement in create_statements(sql_schema_from_datamodel(dm), provider):
                conn.execute(statement)
            engine = Engine(dm, dialect)
            seed(conn, engine)
            return measure(workloads(engine, conn), rounds)
    finally:
        if schema is not None:
            with connect(PG_URL) as admin:
                admin.execute(f'DROP SCHEMA "{schema}" CASCADE')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", default="sqlite,postgresql")
    args = parser.parse_args()
    report: dict[str, Any] = {"python": platform.python_version(), "machine": platform.machine(), "results": {}}
    for provider in args.only.split(","):
        results = run(provider, args.rounds)
        report["results"][provider] = results
        for name, r in results.items():
            timing = f"bare {r['bare_ms']:9.2f} ms  refrakt {r['refrakt_ms']:9.2f} ms"
            print(f"{provider:10} {name:22} {timing}  x{r['ratio']}")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
