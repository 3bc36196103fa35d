"""Benchmark: a round trip through refrakt's driver layer against the bare driver, per database.

    .venv/bin/python bench/driver_roundtrip.py [--n 2000] [--rounds 7] [--only sqlite,postgresql,mysql]

For SQLite (``sqlite3``), PostgreSQL (psycopg 3) and MariaDB/MySQL (PyMySQL sync, asyncmy async),
sync and async, two statement shapes:

- ``select1``  ``SELECT 1``
- ``row``      one row of five columns by primary key (a bound parameter) from a 100-row table

Each is run ``n`` times in a row on one open connection, in interleaved rounds (bare, refrakt's
connection, refrakt's pool, then again) so a busy machine slows all alike; the best round counts.
Both sides do the same work: execute, fetch every row, read the column names. The bare side
uses the driver as a careful user would (one reused cursor; ``sqlite3`` calls on one worker
thread for async SQLite, which is what refrakt's async SQLite does). ``ratio`` is refrakt's
time over the bare driver's (target: <= 1.05 for ``conn``); ``pool`` adds acquiring and
releasing a pooled connection around each statement. Writes ``bench/results/driver_roundtrip.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import tempfile
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from refrakt.drivers import AsyncPool, Pool, connect, connect_async

URLS = {
    "sqlite": None,  # a file in a temporary folder
    "postgresql": os.environ.get("REFRAKT_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/refrakt_test"),
    "mysql": os.environ.get("REFRAKT_TEST_MYSQL_URL", "mysql://root@127.0.0.1:3306/refrakt_test"),
}
TABLE = "bench_roundtrip"
PLACEHOLDER = {"sqlite": "?", "postgresql": "$1", "mysql": "%s"}
BARE_PLACEHOLDER = {"sqlite": "?", "postgresql": "%s", "mysql": "%s"}


def shapes(provider: str, placeholder: str) -> dict[str, tuple[str, tuple[Any, ...]]]:
    return {
        "select1": ("SELECT 1", ()),
        "row": (f"SELECT id, name, email, score, active FROM {TABLE} WHERE id = {placeholder}", (42,)),
    }


def setup_sql(provider: str) -> list[str]:
    text = "VARCHAR(191)" if provider == "mysql" else "TEXT"
    values = ", ".join(f"({i}, 'user{i}', 'u{i}@x.io', {i / 3}, {'TRUE' if i % 2 else 'FALSE'})" for i in range(1, 101))
    return [
        f"DROP TABLE IF EXISTS {TABLE}",
        f"CREATE TABLE {TABLE} (id INTEGER PRIMARY KEY, name {text}, email {text}, score DOUBLE PRECISION, "
        "active BOOLEAN)",
        f"INSERT INTO {TABLE} VALUES {values}",
    ]


# --- bare drivers -------------------------------------------------------------------------------------


def bare_sync(provider: str, url: str) -> tuple[Callable[[str, tuple[Any, ...]], Any], Callable[[], None]]:
    if provider == "sqlite":
        import sqlite3

        conn = sqlite3.connect(url.removeprefix("file:"), isolation_level=None, check_same_thread=False)

        def run_sqlite(sql: str, params: tuple[Any, ...]) -> Any:
            cur = conn.execute(sql, params)
            rows = cur.fetchall()
            return [d[0] for d in cur.description], rows

        return run_sqlite, conn.close
    if provider == "postgresql":
        import psycopg

        pg = psycopg.connect(url, autocommit=True)
        pcur = pg.cursor()

        def run_pg(sql: str, params: tuple[Any, ...]) -> Any:
            pcur.execute(sql, params)  # type: ignore[arg-type]
            rows = pcur.fetchall()
            return [d.name for d in pcur.description or ()], rows

        return run_pg, pg.close
    import pymysql

    my = pymysql.connect(autocommit=True, ssl_disabled=True, **mysql_args(url))
    mcur = my.cursor()

    def run_my(sql: str, params: tuple[Any, ...]) -> Any:
        mcur.execute(sql, params or None)
        rows = mcur.fetchall()
        return [d[0] for d in mcur.description or ()], rows

    return run_my, my.close


async def bare_async(
    provider: str, url: str
) -> tuple[Callable[[str, tuple[Any, ...]], Awaitable[Any]], Callable[[], Awaitable[None]]]:
    if provider == "sqlite":
        run, close = bare_sync(provider, url)
        executor = ThreadPoolExecutor(max_workers=1)
        loop = asyncio.get_running_loop()

        async def run_sqlite(sql: str, params: tuple[Any, ...]) -> Any:
            return await loop.run_in_executor(executor, run, sql, params)

        async def close_sqlite() -> None:
            close()
            executor.shutdown()

        return run_sqlite, close_sqlite
    if provider == "postgresql":
        import psycopg

        pg = await psycopg.AsyncConnection.connect(url, autocommit=True)
        pcur = pg.cursor()

        async def run_pg(sql: str, params: tuple[Any, ...]) -> Any:
            await pcur.execute(sql, params)  # type: ignore[arg-type]
            rows = await pcur.fetchall()
            return [d.name for d in pcur.description or ()], rows

        return run_pg, pg.close
    import asyncmy

    my: Any = await asyncmy.connect(autocommit=True, **mysql_args(url))
    mcur = my.cursor()

    async def run_my(sql: str, params: tuple[Any, ...]) -> Any:
        await mcur.execute(sql, params or None)
        rows = await mcur.fetchall()
        return [d[0] for d in mcur.description or ()], rows

    async def close_my() -> None:
        await my.ensure_closed()

    return run_my, close_my


def mysql_args(url: str) -> dict[str, Any]:
    u = urlsplit(url)
    return {
        "host": u.hostname,
        "port": u.port or 3306,
        "user": unquote(u.username or "root"),
        "password": unquote(u.password or ""),
        "database": u.path.lstrip("/"),
    }


# --- timing -------------------------------------------------------------------------------------------


def time_sync(fn: Callable[[str, tuple[Any, ...]], Any], sql: str, params: tuple[Any, ...], n: int) -> float:
    t = time.perf_counter()
    for _ in range(n):
        fn(sql, params)
    return time.perf_counter() - t


async def time_async(
    fn: Callable[[str, tuple[Any, ...]], Awaitable[Any]], sql: str, params: tuple[Any, ...], n: int
) -> float:
    t = time.perf_counter()
    for _ in range(n):
        await fn(sql, params)
    return time.perf_counter() - t


def bench_sync(provider: str, url: str, n: int, rounds: int) -> dict[str, dict[str, float]]:
    conn = connect(url)
    conn.execute_script(";\n".join(setup_sql(provider)))
    pool = Pool(url, connection_limit=1)
    bare, close_bare = bare_sync(provider, url)
    ours = shapes(provider, PLACEHOLDER[provider])
    theirs = shapes(provider, BARE_PLACEHOLDER[provider])
    best: dict[tuple[str, str], float] = {}
    for _ in range(rounds):
        for shape in ours:
            for side, fn, (sql, params) in (
                ("bare", bare, theirs[shape]),
                ("conn", conn.query, ours[shape]),
                ("pool", pool.query, ours[shape]),
            ):
                fn(sql, params)  # warm: a pooled connection opens, statements get prepared
                elapsed = time_sync(fn, sql, params, n)
                best[(shape, side)] = min(best.get((shape, side), elapsed), elapsed)
    close_bare()
    conn.close()
    pool.close()
    return report(best, ours, n)


async def bench_async(provider: str, url: str, n: int, rounds: int) -> dict[str, dict[str, float]]:
    conn = await connect_async(url)
    pool = AsyncPool(url, connection_limit=1)
    bare, close_bare = await bare_async(provider, url)
    ours = shapes(provider, PLACEHOLDER[provider])
    theirs = shapes(provider, BARE_PLACEHOLDER[provider])
    best: dict[tuple[str, str], float] = {}
    for _ in range(rounds):
        for shape in ours:
            for side, fn, (sql, params) in (
                ("bare", bare, theirs[shape]),
                ("conn", conn.query, ours[shape]),
                ("pool", pool.query, ours[shape]),
            ):
                await fn(sql, params)
                elapsed = await time_async(fn, sql, params, n)
                best[(shape, side)] = min(best.get((shape, side), elapsed), elapsed)
    await close_bare()
    await conn.close()
    await pool.close()
    return report(best, ours, n)


def report(best: dict[tuple[str, str], float], shapes_: dict[str, Any], n: int) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for shape in shapes_:
        bare_us = best[(shape, "bare")] / n * 1e6
        conn_us = best[(shape, "conn")] / n * 1e6
        pool_us = best[(shape, "pool")] / n * 1e6
        out[shape] = {
            "bare_us": round(bare_us, 2),
            "conn_us": round(conn_us, 2),
            "pool_us": round(pool_us, 2),
            "conn_ratio": round(conn_us / bare_us, 3),
            "pool_ratio": round(pool_us / bare_us, 3),
        }
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--n", type=int, default=2000, help="round trips per timed run")
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--only", default="sqlite,postgresql,mysql")
    args = ap.parse_args()
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        urls = dict(URLS, sqlite=f"file:{tmp}/bench.db")
        for provider in args.only.split(","):
            url = urls[provider]
            assert url is not None
            results[provider] = {
                "sync": bench_sync(provider, url, args.n, args.rounds),
                "async": asyncio.run(bench_async(provider, url, args.n, args.rounds)),
            }
    print(
        f"{'database':<11} {'mode':<6} {'shape':<8} {'bare µs':>8} {'conn µs':>8} {'pool µs':>8} "
        f"{'conn×':>6} {'pool×':>6}"
    )
    worst = 0.0
    for provider, modes in results.items():
        for mode, by_shape in modes.items():
            for shape, r in by_shape.items():
                worst = max(worst, r["conn_ratio"])
                print(
                    f"{provider:<11} {mode:<6} {shape:<8} {r['bare_us']:>8.1f} {r['conn_us']:>8.1f} "
                    f"{r['pool_us']:>8.1f} {r['conn_ratio']:>6.3f} {r['pool_ratio']:>6.3f}"
                )
    print(f"worst connection-level ratio: {worst:.3f} (target <= 1.05)")
    out = Path(__file__).parent / "results" / "driver_roundtrip.json"
    out.parent.mkdir(exist_ok=True)
    payload = {
        "n": args.n,
        "rounds": args.rounds,
        "unit": "microseconds per round trip (best round)",
        "target_conn_ratio": 1.05,
        "worst_conn_ratio": worst,
        "results": results,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
    }
    out.write_text(json.dumps(payload, indent=2) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
