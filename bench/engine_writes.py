"""Benchmark: refrakt's writes against the raw driver and the SQLAlchemy 2 ORM.

    .venv/bin/python bench/engine_writes.py [--rounds 5] [--only sqlite,postgresql,mysql] [--scale 1.0] [--merge]

Workloads (issue "Query engine, writes"), each on empty tables (``update`` on 1,000 seeded rows):

- ``create_many_10k``  one ``create_many`` of 10,000 users;
- ``create_x1000``     1,000 ``create`` calls, each its own (autocommit) statement, returning the record;
- ``update_x1000``     1,000 ``update`` by id, returning the record;
- ``nested_x500``      500 ``create`` of a user with 10 posts (``posts: {create: [...]}``), each in
  its own transaction, returning the user.

Sides, in one process, each on its own connection:

- ``refrakt``: the sync client (``Client.from_schema``, its pool, no listeners), as an application
  calls it: ``db.user.create(data=...)``.
- ``raw``: the DB-API driver itself (``sqlite3`` in autocommit mode, psycopg 3's ``RawCursor`` with
  autocommit, PyMySQL with autocommit) sending the very statements refrakt sends (taken from the
  client's query log, ``db.on("query", ...)``), with the same transaction boundaries: ``INSERT ...
  RETURNING`` then the ``SELECT`` of the record (MySQL: ``SELECT LAST_INSERT_ID()`` in between), the
  ``UPDATE`` then the ``SELECT``, ``BEGIN`` / ``COMMIT`` around a nested create. It passes values
  in their database form (it computes ``now()`` itself) and returns the record as a plain dict,
  decoding nothing.
- ``sqlalchemy_orm``: mapped classes and a ``Session(expire_on_commit=False)``, as its users write
  it: ``session.execute(insert(User), rows)`` (the ORM's bulk insert), ``add`` + ``commit`` per
  record, ``get`` + attribute change + ``commit``, a ``User`` with ten ``Post`` objects + ``commit``.
  Its statements differ where the ORM's do (``BEGIN`` / ``COMMIT`` around each write, Python-side
  defaults, batched ``INSERT``s of the posts); that is what it costs its users.

Rounds interleave the sides (raw, refrakt, ORM, per workload, per round), the tables are emptied
and Python's garbage collected before each run outside the clock (the ORM leaves reference cycles
that would otherwise be collected during the next side's run), and one untimed warm-up round
comes first. A run is timed on
the wall clock and on this process's CPU clock; the best of the rounds counts, and the spread
(median / best) says how noisy the machine was. ``ratio`` is a side's time over the raw driver's
(refrakt's target: 1.5). Writes ``bench/results/engine_writes.json`` and ``.md`` (``--merge``: only
the databases run are replaced).

What is measured is the client's cost, so the database's own flushing is kept small where that is
in the bench's hands: the SQLite file lives on tmpfs (``/dev/shm``); for PostgreSQL, run it on a
database with ``ALTER DATABASE ... SET synchronous_commit = off`` (the published numbers were).
MariaDB flushes its log at every commit (``innodb_flush_log_at_trx_commit = 1``, a server-wide
setting), which brings every side's time, and the ratios, closer together.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import shutil
import statistics
import tempfile
import time
import uuid
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import sqlalchemy as sa
from sqlalchemy import event, exc, orm

from refrakt.client import Client
from refrakt.drivers import connect
from refrakt.migrate import create_statements, sql_schema_from_datamodel
from refrakt.schema import parse

PG_URL = os.environ.get("REFRAKT_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/refrakt_test")
MYSQL_URL = os.environ.get("REFRAKT_TEST_MYSQL_URL", "mysql://root@127.0.0.1:3306/refrakt_test")
RESULTS = Path(__file__).with_name("results") / "engine_writes.json"
REPORT = RESULTS.with_suffix(".md")
SIDES = ("raw", "refrakt", "sqlalchemy_orm")
WORKLOADS = ("create_many_10k", "create_x1000", "update_x1000", "nested_x500")
SCHEMA = """
model User {
  id        Int      @id @default(autoincrement())
  email     String   @unique
  name      String
  active    Boolean  @default(true)
  createdAt DateTime @default(now())
  posts     Post[]
}

model Post {
  id       Int    @id @default(autoincrement())
  title    String
  views    Int    @default(0)
  authorId Int
  author   User   @relation(fields: [authorId], references: [id])
}
"""
CHILDREN = 10


class Sizes:
    def __init__(self, scale: float) -> None:
        self.many = max(1, round(10_000 * scale))
        self.creates = max(1, round(1_000 * scale))
        self.updates = max(1, round(1_000 * scale))
        self.nested = max(1, round(500 * scale))


Work = Callable[[int], Any]
"""A workload: called with a number unique to the run (it keeps the e-mails unique)."""


# --- the databases ------------------------------------------------------------------------------------


class Database:
    """One database for all sides: its URL for refrakt, a raw connection, SQLAlchemy's engine."""

    def __init__(self, provider: str) -> None:
        self.provider = provider
        self.schema: str | None = None
        if provider == "sqlite":
            # tmpfs where there is one: a commit's fsync would otherwise be most of the time, and the
            # disk's (shared) latency the noise
            shm = "/dev/shm" if os.path.isdir("/dev/shm") else None
            self.path = f"{tempfile.mkdtemp(dir=shm)}/bench.db"
            self.url = f"file:{self.path}"
            return
        name = f"wbench_{uuid.uuid4().hex[:8]}"
        self.schema = name
        server = PG_URL if provider == "postgresql" else MYSQL_URL
        self.server = server
        with connect(server) as admin:
            admin.execute(f'CREATE SCHEMA "{name}"' if provider == "postgresql" else f"CREATE DATABASE `{name}`")
        base = server.split("?", 1)[0]
        self.url = f"{base}?schema={name}" if provider == "postgresql" else base.rsplit("/", 1)[0] + "/" + name

    def datasource(self) -> str:
        return f'datasource db {{\n  provider = "{self.provider}"\n  url = "{self.url}"\n}}\n{SCHEMA}'

    def create_tables(self) -> None:
        dm = parse(self.datasource()).datamodel
        assert dm is not None
        with connect(self.url) as conn:
            for statement in create_statements(sql_schema_from_datamodel(dm), self.provider):
                conn.execute(statement)

    def raw_connection(self) -> Any:
        if self.provider == "sqlite":
            import sqlite3

            conn = sqlite3.connect(self.path, isolation_level=None)
            conn.execute("PRAGMA foreign_keys = ON")  # as refrakt's (and Prisma's) connections
            return conn
        if self.provider == "postgresql":
            import psycopg

            return psycopg.connect(
                self.server.split("?", 1)[0], autocommit=True, options=f"-csearch_path={self.schema}"
            )
        import pymysql

        return pymysql.connect(autocommit=True, charset="utf8mb4", **mysql_args(self.url))

    def sqlalchemy_engine(self) -> sa.Engine:
        if self.provider == "sqlite":
            engine = sa.create_engine("sqlite:///" + self.path)

            @event.listens_for(engine, "connect")
            def foreign_keys(conn: Any, _: Any) -> None:  # pyright: ignore[reportUnusedFunction]
                conn.execute("PRAGMA foreign_keys = ON")

            return engine
        base = self.server.split("?", 1)[0]
        if self.provider == "postgresql":
            url = base.replace("postgresql://", "postgresql+psycopg://", 1)
            return sa.create_engine(url, connect_args={"options": f"-csearch_path={self.schema}"})
        url = self.url.replace("mysql://", "mysql+pymysql://", 1) + "?charset=utf8mb4"
        return sa.create_engine(url)

    def drop(self) -> None:
        if self.schema is None:
            shutil.rmtree(os.path.dirname(self.path), ignore_errors=True)
            return
        with connect(self.server) as admin:
            if self.provider == "postgresql":
                admin.execute(f'DROP SCHEMA "{self.schema}" CASCADE')
            else:
                admin.execute(f"DROP DATABASE `{self.schema}`")


def mysql_args(url: str) -> dict[str, Any]:
    u = urlsplit(url)
    return {
        "host": u.hostname or "127.0.0.1",
        "port": u.port or 3306,
        "user": unquote(u.username or "root"),
        "password": unquote(u.password or ""),
        "database": u.path.lstrip("/"),
    }


class Tables:
    """Empties the tables and seeds users, outside the clock, on a raw connection of its own."""

    def __init__(self, db: Database) -> None:
        self.provider = db.provider
        self.conn = db.raw_connection()
        q = self.quote = '"' if db.provider != "mysql" else "`"
        self.user, self.post = f"{q}User{q}", f"{q}Post{q}"
        self.mark = "?" if db.provider == "sqlite" else "%s"

    def run(self, sql: str, params: Any = None) -> Any:
        cur = self.conn.cursor()
        cur.execute(sql, params) if params is not None else cur.execute(sql)
        return cur

    def empty(self) -> None:
        if self.provider == "postgresql":
            self.run(f"TRUNCATE {self.post}, {self.user} RESTART IDENTITY")
        elif self.provider == "mysql":
            self.run("SET FOREIGN_KEY_CHECKS = 0")
            self.run(f"TRUNCATE {self.post}")
            self.run(f"TRUNCATE {self.user}")
            self.run("SET FOREIGN_KEY_CHECKS = 1")
        else:
            self.run(f"DELETE FROM {self.post}")
            self.run(f"DELETE FROM {self.user}")

    def seed_users(self, n: int) -> list[int]:
        self.empty()
        now = db_now(self.provider)
        rows = ", ".join(f"({self.mark}, {self.mark}, {self.mark})" for _ in range(n))
        params: list[Any] = []
        for i in range(n):
            params += [f"seed{i}@x.io", f"seed {i}", now]
        q = self.quote
        self.run(f"INSERT INTO {self.user} ({q}email{q}, {q}name{q}, {q}createdAt{q}) VALUES {rows}", params)
        return [r[0] for r in self.run(f"SELECT {q}id{q} FROM {self.user} ORDER BY 1").fetchall()]

    def close(self) -> None:
        self.conn.close()


def db_now(provider: str) -> Any:
    """``now()`` in the form refrakt binds it: Unix milliseconds (SQLite), a naive UTC datetime."""
    now = dt.datetime.now(dt.UTC)
    if provider == "sqlite":
        return int(now.timestamp() * 1000)
    return now.replace(tzinfo=None, microsecond=now.microsecond // 1000 * 1000)


# --- refrakt ------------------------------------------------------------------------------------------


def user_data(run: int, i: int) -> dict[str, Any]:
    return {"email": f"r{run}u{i}@x.io", "name": f"user {i % 100}"}


def refrakt_workloads(db: Client, sizes: Sizes, ids: list[int]) -> dict[str, Work]:
    users = db.user

    def create_many(run: int) -> Any:
        return users.create_many(data=[user_data(run, i) for i in range(sizes.many)])

    def creates(run: int) -> Any:
        return [users.create(data=user_data(run, i)) for i in range(sizes.creates)]

    def updates(run: int) -> Any:
        return [users.update(where={"id": ids[i]}, data={"name": f"renamed {run} {i}"}) for i in range(sizes.updates)]

    def nested(run: int) -> Any:
        return [
            users.create(
                data={**user_data(run, i), "posts": {"create": [{"title": f"post {j}"} for j in range(CHILDREN)]}}
            )
            for i in range(sizes.nested)
        ]

    return dict(zip(WORKLOADS, (create_many, creates, updates, nested), strict=True))


def captured(db: Client, tables: Tables, sizes: Sizes) -> dict[str, list[str]]:
    """The statements refrakt sends for one call of each workload (the raw side replays them)."""
    log: list[str] = []

    def listen(event: Any) -> None:
        log.append(event.query)

    db.on("query", listen)
    out: dict[str, list[str]] = {}
    try:
        tables.empty()
        db.user.create_many(data=[user_data(-1, i) for i in range(sizes.many)])
        out["create_many_10k"], log[:] = log[:], []
        db.user.create(data=user_data(-2, 0))
        out["create_x1000"], log[:] = log[:], []
        ids = tables.seed_users(1)
        db.user.update(where={"id": ids[0]}, data={"name": "x"})
        out["update_x1000"], log[:] = log[:], []
        db.user.create(data={**user_data(-3, 0), "posts": {"create": [{"title": "p"} for _ in range(CHILDREN)]}})
        out["nested_x500"], log[:] = log[:], []
    finally:
        db.off("query", listen)
    return out


# --- the raw driver -----------------------------------------------------------------------------------


def raw_workloads(conn: Any, provider: str, sql: dict[str, list[str]], sizes: Sizes, ids: list[int]) -> dict[str, Work]:
    """The driver running refrakt's statements, one reused cursor, rows turned into dicts."""
    if provider == "postgresql":
        import psycopg

        cur: Any = psycopg.RawCursor(conn)
    else:
        cur = conn.cursor()
    names = ("id", "email", "name", "active", "createdAt")
    returning = provider != "mysql"

    def execute(statement: str, params: Any = None) -> Any:
        cur.execute(statement, params) if params else cur.execute(statement)
        return cur

    def create_many(run: int) -> Any:
        (insert,) = sql["create_many_10k"]
        now = db_now(provider)
        params: list[Any] = []
        for i in range(sizes.many):
            params += [f"r{run}u{i}@x.io", f"user {i % 100}", now]
        return execute(insert, params).rowcount

    def insert_user(statements: list[str], run: int, i: int) -> int:
        params = [f"r{run}u{i}@x.io", f"user {i % 100}", db_now(provider)]
        if returning:
            return execute(statements[0], params).fetchall()[0][0]
        execute(statements[0], params)
        return execute(statements[1]).fetchall()[0][0]

    def record(select: str, key: int) -> dict[str, Any]:
        return dict(zip(names, execute(select, [key]).fetchall()[0], strict=True))

    def creates(run: int) -> Any:
        statements = sql["create_x1000"]
        return [record(statements[-1], insert_user(statements, run, i)) for i in range(sizes.creates)]

    def updates(run: int) -> Any:
        statements = sql["update_x1000"]
        out: list[Any] = []
        for i in range(sizes.updates):
            name = f"renamed {run} {i}"
            if returning:  # UPDATE ... RETURNING id, then the record
                found = execute(statements[0], [name, ids[i]]).fetchall()
            else:  # the record's id, the UPDATE, then the record
                found = execute(statements[0], [ids[i]]).fetchall()
                execute(statements[1], [name, ids[i]])
            assert found
            out.append(record(statements[-1], ids[i]))
        return out

    def nested(run: int) -> Any:
        statements = sql["nested_x500"]
        begin, commit, select = statements[0], statements[-1], statements[-2]
        user = statements[1 : 2 if returning else 3]
        posts = statements[len(user) + 1 : -2]  # one INSERT a post, or one of all the posts
        out: list[Any] = []
        for i in range(sizes.nested):
            execute(begin)
            try:
                key = insert_user(user, run, i)
                if len(posts) == 1:
                    params: list[Any] = []
                    for j in range(CHILDREN):
                        params += [f"post {j}", key]
                    execute(posts[0], params)
                else:
                    for j in range(CHILDREN):
                        execute(posts[j], [f"post {j}", key])
                out.append(record(select, key))
            except BaseException:
                execute("ROLLBACK")
                raise
            execute(commit)
        return out

    return dict(zip(WORKLOADS, (create_many, creates, updates, nested), strict=True))


# --- SQLAlchemy ORM -----------------------------------------------------------------------------------


class MillisDateTime(sa.types.TypeDecorator[dt.datetime]):
    """SQLite: Prisma's DateTime, Unix milliseconds in an INTEGER, read as a UTC datetime."""

    impl = sa.BigInteger
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> Any:
        return None if value is None else round(value.timestamp() * 1000)

    def process_result_value(self, value: Any, dialect: Any) -> dt.datetime | None:
        return None if value is None else dt.datetime.fromtimestamp(value / 1000, dt.UTC)


def orm_models(provider: str) -> tuple[type[Any], type[Any]]:
    if provider == "sqlite":
        datetime_type: Any = MillisDateTime()

        def now() -> dt.datetime:
            return dt.datetime.now(dt.UTC)
    else:
        datetime_type = sa.DateTime()

        def now() -> dt.datetime:
            return dt.datetime.now(dt.UTC).replace(tzinfo=None)

    class Base(orm.DeclarativeBase):
        pass

    class User(Base):
        __tablename__ = "User"
        id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
        email: orm.Mapped[str] = orm.mapped_column(sa.String(191), unique=True)
        name: orm.Mapped[str] = orm.mapped_column(sa.String(191))
        active: orm.Mapped[bool] = orm.mapped_column(sa.Boolean, default=True)
        createdAt: orm.Mapped[dt.datetime] = orm.mapped_column(datetime_type, default=now)
        posts: orm.Mapped[list[Post]] = orm.relationship(lambda: Post, back_populates="author")

    class Post(Base):
        __tablename__ = "Post"
        id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
        title: orm.Mapped[str] = orm.mapped_column(sa.String(191))
        views: orm.Mapped[int] = orm.mapped_column(default=0)
        authorId: orm.Mapped[int] = orm.mapped_column(sa.ForeignKey(User.id))
        author: orm.Mapped[User] = orm.relationship(lambda: User, back_populates="posts")

    return User, Post


def orm_workloads(engine: sa.Engine, provider: str, sizes: Sizes, ids: list[int]) -> dict[str, Work]:
    User, Post = orm_models(provider)
    now = User.__table__.c.createdAt.default.arg  # pyright: ignore[reportAttributeAccessIssue]

    def session() -> orm.Session:
        return orm.Session(engine, expire_on_commit=False)

    def create_many(run: int) -> Any:
        with session() as s:
            stamp = now(None) if callable(now) else now
            rows = [{**user_data(run, i), "createdAt": stamp} for i in range(sizes.many)]
            s.execute(sa.insert(User), rows)
            s.commit()
            return len(rows)

    def creates(run: int) -> Any:
        out: list[Any] = []
        with session() as s:
            for i in range(sizes.creates):
                user = User(**user_data(run, i))
                s.add(user)
                s.commit()
                out.append(user)
        return out

    def updates(run: int) -> Any:
        out: list[Any] = []
        with session() as s:
            for i in range(sizes.updates):
                user = s.get(User, ids[i])
                assert user is not None
                user.name = f"renamed {run} {i}"
                s.commit()
                out.append(user)
        return out

    def nested(run: int) -> Any:
        out: list[Any] = []
        with session() as s:
            for i in range(sizes.nested):
                user = User(**user_data(run, i), posts=[Post(title=f"post {j}") for j in range(CHILDREN)])
                s.add(user)
                s.commit()
                out.append(user)
        return out

    return dict(zip(WORKLOADS, (create_many, creates, updates, nested), strict=True))


# --- running ------------------------------------------------------------------------------------------


def run(provider: str, rounds: int, sizes: Sizes) -> dict[str, dict[str, Any]]:
    database = Database(provider)
    try:
        database.create_tables()
        tables = Tables(database)
        client = Client.from_schema(database.datasource())
        raw_conn = database.raw_connection()
        alchemy = database.sqlalchemy_engine()
        try:
            ids = list(range(sizes.updates))  # filled in before each update run
            statements = captured(client, tables, sizes)
            sides = {
                "raw": raw_workloads(raw_conn, provider, statements, sizes, ids),
                "refrakt": refrakt_workloads(client, sizes, ids),
                "sqlalchemy_orm": orm_workloads(alchemy, provider, sizes, ids),
            }
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", exc.SAWarning)
                return measure(sides, tables, ids, rounds, sizes)
        finally:
            alchemy.dispose()
            raw_conn.close()
            client.close()
            tables.close()
    finally:
        database.drop()


def measure(
    sides: dict[str, dict[str, Work]], tables: Tables, ids: list[int], rounds: int, sizes: Sizes
) -> dict[str, dict[str, Any]]:
    wall: dict[str, dict[str, list[float]]] = {w: {s: [] for s in sides} for w in WORKLOADS}
    cpu: dict[str, dict[str, list[float]]] = {w: {s: [] for s in sides} for w in WORKLOADS}
    number = 0
    for round_ in range(rounds + 1):  # round 0 warms up
        for name in WORKLOADS:
            for side, work in sides.items():
                number += 1
                if name == "update_x1000":
                    ids[:] = tables.seed_users(sizes.updates)
                else:
                    tables.empty()
                gc.collect()  # the garbage of the side before (the ORM's cycles) is not this side's
                started, started_cpu = time.perf_counter(), time.process_time()
                work[name](number)
                elapsed, elapsed_cpu = time.perf_counter() - started, time.process_time() - started_cpu
                if round_:
                    wall[name][side].append(elapsed)
                    cpu[name][side].append(elapsed_cpu)
    out: dict[str, dict[str, Any]] = {}
    for name in WORKLOADS:
        best = {s: min(t) for s, t in wall[name].items()}
        best_cpu = {s: min(t) for s, t in cpu[name].items()}
        spread = {s: statistics.median(t) / min(t) for s, t in wall[name].items()}
        out[name] = {
            **{f"{s}_ms": round(t * 1000, 1) for s, t in best.items()},
            **{f"{s}_ratio": round(t / best["raw"], 2) for s, t in best.items() if s != "raw"},
            **{f"{s}_cpu_ratio": round(t / best_cpu["raw"], 2) for s, t in best_cpu.items() if s != "raw"},
            "spread": round(max(spread.values()), 2),
        }
    return out


def markdown(report: dict[str, Any]) -> str:
    """The results as a table: best milliseconds per side, ratios to the raw driver."""
    lines = [
        f"Python {report['python']} on {report['machine']}, SQLAlchemy {report['sqlalchemy']}, best of "
        f"`rounds` interleaved rounds after a warm-up, scale {report['scale']}. `x` = wall time over "
        "the raw driver's; `cpu x` = this process's CPU time over the raw driver's; `spread` = the largest "
        "median / best of the sides (how noisy the machine was); `load` = the machine's load average.",
        "",
        "| database | workload | raw ms | refrakt ms | x | cpu x | SQLAlchemy ORM ms | x | cpu x | spread | rounds "
        "| load |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for provider, results in report["results"].items():
        for name, r in results.items():
            cells = [f"{r['raw_ms']:.1f}"]
            for side in SIDES[1:]:
                cells += [f"{r[side + '_ms']:.1f}", f"{r[side + '_ratio']:.2f}", f"{r[side + '_cpu_ratio']:.2f}"]
            extra = f"{r['spread']:.2f} | {r.get('rounds', '')} | {r.get('load_average', '')}"
            lines.append(f"| {provider} | {name} | {' | '.join(cells)} | {extra} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", default="sqlite,postgresql,mysql")
    parser.add_argument("--scale", type=float, default=1.0, help="workload sizes times this (a quick run: 0.1)")
    parser.add_argument("--no-write", action="store_true", help="print only; keep bench/results as they are")
    parser.add_argument(
        "--merge", action="store_true", help="keep the other databases' results of bench/results (rerun one database)"
    )
    args = parser.parse_args()
    report: dict[str, Any] = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "sqlalchemy": sa.__version__,
        "scale": args.scale,
        "results": {},
    }
    if args.merge and RESULTS.exists():
        report["results"] = json.loads(RESULTS.read_text())["results"]
    sizes = Sizes(args.scale)
    for provider in args.only.split(","):
        load = os.getloadavg()[0]
        results = run(provider, args.rounds, sizes)
        for r in results.values():
            r.update(rounds=args.rounds, load_average=round((load + os.getloadavg()[0]) / 2, 1))
        report["results"][provider] = results
        for name, r in results.items():
            timing = "  ".join(f"{side} {r[side + '_ms']:9.1f} ms" for side in SIDES)
            ratios = "  ".join(f"x{r[side + '_ratio']} (cpu x{r[side + '_cpu_ratio']})" for side in SIDES[1:])
            print(f"{provider:10} {name:16} {timing}  {ratios}  spread {r['spread']}", flush=True)
    if not args.no_write:
        RESULTS.parent.mkdir(exist_ok=True)
        RESULTS.write_text(json.dumps(report, indent=2) + "\n")
        REPORT.write_text(markdown(report))


if __name__ == "__main__":
    main()
