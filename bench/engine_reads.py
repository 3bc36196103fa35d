"""Benchmark: the query engine's reads against the raw driver and SQLAlchemy 2 (Core and ORM).

    .venv/bin/python bench/engine_reads.py [--rounds 5] [--only sqlite,postgresql,mysql] [--clock wall]

Workloads (issue "Query engine, reads"): 2,000 primary-key lookups; all 10,000 rows; 1,000
users with their posts (3 each); a filtered, ordered page x200; count + group by x100. Every
side reads the same tables in one process, one open connection each, and returns Python data:

- ``raw``: the DB-API driver itself (sqlite3, psycopg's ``RawCursor``, PyMySQL) runs the very SQL
  the engine renders and builds one dict per row (and groups the posts by author itself). It
  decodes nothing: Decimal scores come back as the driver gives them, datetimes naive (or as
  SQLite integers).
- ``refrakt``: ``Engine.prepare(...).run(conn)``, which also validates the arguments (cached by
  shape), decodes values (UTC-aware DateTime, normalised Decimal, Boolean) and builds records.
- ``sqlalchemy_core``: ``select()`` statements built once, ``conn.execute(...).mappings().all()``.
- ``sqlalchemy_orm``: mapped classes, one ``Session`` per run, ``selectinload`` for the posts.
  Both SQLAlchemy sides read SQLite's Unix-millisecond DateTime through a ``TypeDecorator``.

Rounds are interleaved; the best round of each side counts. ``--clock cpu`` times this process's
CPU instead of the wall clock: steadier on a busy machine, but it leaves out the time a server
spends (SQLite runs in the process, so it stays in). ``ratio`` is a side's time over the
raw driver's (refrakt's target 1.5, goal 1.25). Writes ``bench/results/engine_reads.json`` and
``bench/results/engine_reads.md``.
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
import warnings
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

from refrakt._sql import Insert, Param, Table, get_dialect
from refrakt.drivers import Connection, connect
from refrakt.engine import Engine
from refrakt.migrate import create_statements, sql_schema_from_datamodel
from refrakt.schema import parse

PG_URL = os.environ.get("REFRAKT_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/refrakt_test")
MYSQL_URL = os.environ.get("REFRAKT_TEST_MYSQL_URL", "mysql://root@127.0.0.1:3306/refrakt_test")
RESULTS = Path(__file__).with_name("results") / "engine_reads.json"
REPORT = RESULTS.with_suffix(".md")
SIDES = ("raw", "refrakt", "sqlalchemy_core", "sqlalchemy_orm")
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


Workload = dict[str, Callable[[], Any]]


def raw_query(conn: Connection, provider: str) -> Callable[[str, list[Any]], list[tuple[Any, ...]]]:
    """The DB-API driver under ``conn``, running a statement with its own placeholders."""
    raw: Any = conn.raw  # pyright: ignore[reportAttributeAccessIssue]
    if provider == "sqlite":

        def sqlite_query(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
            return raw.execute(sql, params).fetchall()

        return sqlite_query
    if provider == "postgresql":
        import psycopg

        cur = psycopg.RawCursor(raw)
    else:
        cur = raw.cursor()

    def query(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        cur.execute(sql, params or None)
        return cur.fetchall()

    return query


def raw_workloads(engine: Engine, conn: Connection, provider: str) -> Workload:
    query = raw_query(conn, provider)

    def statement(model: str, operation: str, args: dict[str, Any]) -> tuple[str, list[Any], list[str]]:
        prepared = engine.prepare(model, operation, args)
        columns = [str(c) for c in engine.schema.model(model).scalars]
        return prepared.sql, prepared.params, columns

    def rows(sql: str, params: list[Any], names: list[str]) -> list[dict[str, Any]]:
        return [dict(zip(names, r, strict=False)) for r in query(sql, params)]

    pk_sql, _, names = statement("User", "find_unique", {"where": {"id": 1}})

    def pk() -> None:
        for i in range(2000):
            rows(pk_sql, [1 + i % USERS], names)

    all_sql, all_params, _ = statement("User", "find_many", {})

    def all_rows() -> None:
        rows(all_sql, all_params, names)

    prepared = engine.prepare("User", "find_many", INCLUDE_ARGS)
    users_sql, users_params = prepared.sql, prepared.params
    nested = prepared.plan.level.relations[0]  # pyright: ignore[reportAttributeAccessIssue]
    post_names = [str(c) for c in engine.schema.model("Post").scalars]

    def include() -> None:
        users = rows(users_sql, users_params, names)
        keys = [u["id"] for u in users]
        by_author: dict[Any, list[dict[str, Any]]] = {}
        for sql, params in nested.statements(keys, users_params):
            for post in rows(sql, params, post_names):
                by_author.setdefault(post["authorId"], []).append(post)
        for u in users:
            u["posts"] = by_author.get(u["id"], [])

    filter_sql, filter_params, _ = statement("User", "find_many", FILTER_ARGS)
    skip_sql, _, _ = statement("User", "find_many", {**FILTER_ARGS, "skip": 1})

    def filtered() -> None:
        for i in range(200):
            if i % 5:
                rows(skip_sql, [*filter_params, i % 5], names)
            else:
                rows(filter_sql, filter_params, names)

    count_sql, count_params, _ = statement("User", "count", {"where": {"active": True}})
    group_sql, group_params, _ = statement("User", "group_by", GROUP_ARGS)

    def aggregate() -> None:
        for _ in range(100):
            query(count_sql, count_params)
            [{"name": r[0], "_count": r[1], "_avg": {"score": r[2]}} for r in query(group_sql, group_params)]

    return dict(zip(WORKLOADS, (pk, all_rows, include, filtered, aggregate), strict=True))


INCLUDE_ARGS: dict[str, Any] = {"where": {"id": {"lte": 1000}}, "include": {"posts": True}}
FILTER_ARGS: dict[str, Any] = {
    "where": {"active": True, "name": {"starts_with": "user 1"}, "score": {"gte": 2}},
    "order_by": {"createdAt": "desc"},
    "take": 50,
}
GROUP_ARGS: dict[str, Any] = {"by": ["name"], "_count": True, "_avg": {"score": True}, "order_by": {"name": "asc"}}
WORKLOADS = ("pk_lookup_x2000", "all_10k_rows", "1k_users_with_posts", "filtered_x200", "count_group_by_x100")


def refrakt_workloads(engine: Engine, conn: Connection) -> Workload:
    def pk() -> None:
        for i in range(2000):
            engine.prepare("User", "find_unique", {"where": {"id": 1 + i % USERS}}).run(conn)

    def all_rows() -> None:
        engine.prepare("User", "find_many", {}).run(conn)

    def include() -> None:
        engine.prepare("User", "find_many", INCLUDE_ARGS).run(conn)

    def filtered() -> None:
        for i in range(200):
            engine.prepare("User", "find_many", {**FILTER_ARGS, "skip": i % 5}).run(conn)

    def aggregate() -> None:
        for _ in range(100):
            engine.prepare("User", "count", {"where": {"active": True}}).run(conn)
            engine.prepare("User", "group_by", GROUP_ARGS).run(conn)

    return dict(zip(WORKLOADS, (pk, all_rows, include, filtered, aggregate), strict=True))


# --- SQLAlchemy ---------------------------------------------------------------------------------------


class MillisDateTime(sa.types.TypeDecorator[dt.datetime]):
    """SQLite: Prisma's DateTime, Unix milliseconds in an INTEGER, read as a UTC datetime."""

    impl = sa.BigInteger
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> Any:
        return None if value is None else round(value.timestamp() * 1000)

    def process_result_value(self, value: Any, dialect: Any) -> dt.datetime | None:
        return None if value is None else dt.datetime.fromtimestamp(value / 1000, dt.UTC)


def sqlalchemy_models(provider: str, schema: str | None) -> tuple[sa.Table, sa.Table, type[Any], type[Any]]:
    datetime_type: Any = MillisDateTime() if provider == "sqlite" else sa.DateTime()

    class Base(orm.DeclarativeBase):
        metadata = sa.MetaData(schema=schema)

    class User(Base):
        __tablename__ = "User"
        id: orm.Mapped[int] = orm.mapped_column(primary_key=True, autoincrement=False)
        email: orm.Mapped[str] = orm.mapped_column(sa.String(191))
        name: orm.Mapped[str] = orm.mapped_column(sa.String(191))
        score: orm.Mapped[Decimal] = orm.mapped_column(sa.Numeric(65, 30))
        active: orm.Mapped[bool] = orm.mapped_column(sa.Boolean)
        createdAt: orm.Mapped[dt.datetime] = orm.mapped_column(datetime_type)
        posts: orm.Mapped[list[Post]] = orm.relationship(lambda: Post, back_populates="author")

    class Post(Base):
        __tablename__ = "Post"
        id: orm.Mapped[int] = orm.mapped_column(primary_key=True, autoincrement=False)
        title: orm.Mapped[str] = orm.mapped_column(sa.String(191))
        views: orm.Mapped[int]
        authorId: orm.Mapped[int] = orm.mapped_column(sa.ForeignKey(User.id))
        author: orm.Mapped[User] = orm.relationship(lambda: User, back_populates="posts")

    return User.__table__, Post.__table__, User, Post  # pyright: ignore[reportReturnType]


def sqlalchemy_url(provider: str, url: str) -> str:
    if provider == "sqlite":
        return "sqlite:///" + url.removeprefix("file:")
    base = url.split("?", 1)[0]
    if provider == "postgresql":
        return base.replace("postgresql://", "postgresql+psycopg://", 1)
    return base.replace("mysql://", "mysql+pymysql://", 1)


def sqlalchemy_workloads(connection: sa.Connection, provider: str, schema: str | None) -> tuple[Workload, Workload]:
    users, posts, User, _ = sqlalchemy_models(provider, schema)
    u = users.c
    pk_stmt = sa.select(users).where(u.id == sa.bindparam("id"))
    all_stmt = sa.select(users)
    include_users = sa.select(users).where(u.id <= 1000).order_by(u.id)
    include_posts = sa.select(posts).where(posts.c.authorId.in_(sa.bindparam("ids", expanding=True)))
    condition = sa.and_(u.active.is_(True), u.name.startswith("user 1"), u.score >= 2)
    filter_stmt = sa.select(users).where(condition).order_by(u.createdAt.desc()).limit(50).offset(sa.bindparam("skip"))
    count_stmt = sa.select(sa.func.count()).select_from(users).where(u.active.is_(True))
    group_stmt = sa.select(u.name, sa.func.count(), sa.func.avg(u.score)).group_by(u.name).order_by(u.name)

    def core_pk() -> None:
        for i in range(2000):
            connection.execute(pk_stmt, {"id": 1 + i % USERS}).mappings().one_or_none()

    def core_all() -> None:
        connection.execute(all_stmt).mappings().all()

    def core_include() -> None:
        found = [dict(r) for r in connection.execute(include_users).mappings()]
        by_author: dict[Any, list[Any]] = {}
        for post in connection.execute(include_posts, {"ids": [x["id"] for x in found]}).mappings():
            by_author.setdefault(post["authorId"], []).append(post)
        for x in found:
            x["posts"] = by_author.get(x["id"], [])

    def core_filtered() -> None:
        for i in range(200):
            connection.execute(filter_stmt, {"skip": i % 5}).mappings().all()

    def core_aggregate() -> None:
        for _ in range(100):
            connection.execute(count_stmt).scalar_one()
            [{"name": r[0], "_count": r[1], "_avg": {"score": r[2]}} for r in connection.execute(group_stmt)]

    orm_pk_stmt = sa.select(User).where(User.id == sa.bindparam("id"))
    orm_filter = (
        sa.select(User)
        .where(User.active.is_(True), User.name.startswith("user 1"), User.score >= 2)
        .order_by(User.createdAt.desc())
        .limit(50)
        .offset(sa.bindparam("skip"))
    )

    def orm_pk() -> None:
        with orm.Session(connection) as session:
            for i in range(2000):
                session.execute(orm_pk_stmt, {"id": 1 + i % USERS}).scalar_one_or_none()

    def orm_all() -> None:
        with orm.Session(connection) as session:
            session.scalars(sa.select(User)).all()

    def orm_include() -> None:
        with orm.Session(connection) as session:
            stmt = sa.select(User).where(User.id <= 1000).order_by(User.id).options(orm.selectinload(User.posts))
            session.scalars(stmt).all()

    def orm_filtered() -> None:
        with orm.Session(connection) as session:
            for i in range(200):
                session.scalars(orm_filter, {"skip": i % 5}).all()

    def orm_aggregate() -> None:
        with orm.Session(connection) as session:
            for _ in range(100):
                session.scalar(sa.select(sa.func.count()).select_from(User).where(User.active.is_(True)))
                session.execute(
                    sa.select(User.name, sa.func.count(), sa.func.avg(User.score))
                    .group_by(User.name)
                    .order_by(User.name)
                ).all()

    core = dict(zip(WORKLOADS, (core_pk, core_all, core_include, core_filtered, core_aggregate), strict=True))
    orm_side = dict(zip(WORKLOADS, (orm_pk, orm_all, orm_include, orm_filtered, orm_aggregate), strict=True))
    return core, orm_side


# --- running ------------------------------------------------------------------------------------------


CLOCKS: dict[str, Callable[[], float]] = {"wall": time.perf_counter, "cpu": time.process_time}


def measure(sides: dict[str, Workload], rounds: int, clock: Callable[[], float]) -> dict[str, dict[str, Any]]:
    best = {name: dict.fromkeys(sides, float("inf")) for name in WORKLOADS}
    for _ in range(rounds):
        for name in WORKLOADS:
            for side, work in sides.items():
                started = clock()
                work[name]()
                best[name][side] = min(best[name][side], clock() - started)
    out: dict[str, dict[str, Any]] = {}
    for name, times in best.items():
        raw = times["raw"]
        out[name] = {
            **{f"{side}_ms": round(t * 1000, 2) for side, t in times.items()},
            **{f"{side}_ratio": round(t / raw, 2) for side, t in times.items() if side != "raw"},
        }
    return out


def server_url(provider: str) -> str:
    return PG_URL if provider == "postgresql" else MYSQL_URL


def run(provider: str, rounds: int, clock: Callable[[], float]) -> dict[str, dict[str, Any]]:
    dialect = "postgres" if provider == "postgresql" else provider
    dm = datamodel(provider)
    schema: str | None = None
    if provider == "sqlite":
        url = f"file:{tempfile.mkdtemp()}/bench.db"
    else:
        schema = f"bench_{uuid.uuid4().hex[:8]}"
        with connect(server_url(provider)) as admin:
            admin.execute(f'CREATE SCHEMA "{schema}"' if provider == "postgresql" else f"CREATE DATABASE `{schema}`")
        base = server_url(provider).split("?", 1)[0]
        url = base + f"?schema={schema}" if provider == "postgresql" else base.rsplit("/", 1)[0] + "/" + schema
    try:
        with connect(url) as conn:
            for statement in create_statements(sql_schema_from_datamodel(dm), provider):
                conn.execute(statement)
            engine = Engine(dm, dialect)
            seed(conn, engine)
            alchemy = sa.create_engine(sqlalchemy_url(provider, url))
            try:
                with alchemy.connect() as connection, warnings.catch_warnings():
                    warnings.simplefilter("ignore", sa.exc.SAWarning)  # SQLite's Numeric: floats made Decimal
                    core, orm_side = sqlalchemy_workloads(
                        connection, provider, schema if provider == "postgresql" else None
                    )
                    sides = {
                        "raw": raw_workloads(engine, conn, provider),
                        "refrakt": refrakt_workloads(engine, conn),
                        "sqlalchemy_core": core,
                        "sqlalchemy_orm": orm_side,
                    }
                    return measure(sides, rounds, clock)
            finally:
                alchemy.dispose()
    finally:
        if schema is not None:
            with connect(server_url(provider)) as admin:
                admin.execute(
                    f'DROP SCHEMA "{schema}" CASCADE' if provider == "postgresql" else f"DROP DATABASE `{schema}`"
                )


def markdown(report: dict[str, Any]) -> str:
    """The results as a table: milliseconds per side, and each side's ratio to the raw driver."""
    lines = [
        f"Python {report['python']} on {report['machine']}, SQLAlchemy {report['sqlalchemy']}, best of "
        f"{report['rounds']} interleaved rounds ({report['clock']} clock); `x` = time over the raw driver's.",
        "",
        "| database | workload | raw ms | refrakt ms | x | SQLAlchemy Core ms | x | SQLAlchemy ORM ms | x |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for provider, results in report["results"].items():
        for name, r in results.items():
            cells = [f"{r['raw_ms']:.1f}"]
            for side in SIDES[1:]:
                cells += [f"{r[side + '_ms']:.1f}", f"{r[side + '_ratio']:.2f}"]
            lines.append(f"| {provider} | {name} | {' | '.join(cells)} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", default="sqlite,postgresql,mysql")
    parser.add_argument(
        "--clock", choices=sorted(CLOCKS), default="wall", help="cpu: this process's CPU time (a busy machine)"
    )
    args = parser.parse_args()
    report: dict[str, Any] = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "sqlalchemy": sa.__version__,
        "rounds": args.rounds,
        "clock": args.clock,
        "results": {},
    }
    for provider in args.only.split(","):
        results = run(provider, args.rounds, CLOCKS[args.clock])
        report["results"][provider] = results
        for name, r in results.items():
            timing = "  ".join(f"{side} {r[side + '_ms']:8.2f} ms" for side in SIDES)
            ratios = "  ".join(f"x{r[side + '_ratio']}" for side in SIDES[1:])
            print(f"{provider:10} {name:20} {timing}  {ratios}")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    REPORT.write_text(markdown(report))


if __name__ == "__main__":
    main()
