"""Benchmark: the MySQL/MariaDB driver candidates, sync and async, on the local server.

    .venv/bin/python bench/mysql_drivers.py [--url mysql://root@127.0.0.1:3306/refrakt_test] [--n 2000]

Candidates: mysqlclient (``MySQLdb``, C, sync), PyMySQL (pure Python, sync), asyncmy (Cython,
async) and aiomysql (PyMySQL inside, async). Each does, on one open connection in autocommit
mode, ``n`` round trips of three shapes:

- ``select1``   ``SELECT 1``
- ``row``       one row of six columns by primary key (a bound parameter)
- ``rows100``   100 rows of six columns (decode cost)
- ``insert``    an ``INSERT`` with six bound parameters (into a MEMORY table: no fsync)

and the connect time (without TLS, as refrakt connects when the URL asks for none). Rounds are
interleaved (every candidate, every shape, then again) so a busy machine slows all alike; the
best of ``--repeat`` rounds is reported in microseconds per round trip and written to
``bench/results/mysql_drivers.json``. A candidate that is not installed is reported as such
(mysqlclient has no Linux wheel: it needs a C compiler and the MariaDB client headers).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import platform
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

SETUP = [
    "DROP TABLE IF EXISTS bench_drivers",
    "CREATE TABLE bench_drivers (id INT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(191), email VARCHAR(191), "
    "score DOUBLE, amount DECIMAL(10,2), created DATETIME(3))",
    "DROP TABLE IF EXISTS bench_drivers_ins",
    "CREATE TABLE bench_drivers_ins (id INT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(191), email VARCHAR(191), "
    "score DOUBLE, amount DECIMAL(10,2), created DATETIME(3)) ENGINE=MEMORY",
]
FILL = (
    "INSERT INTO bench_drivers (name, email, score, amount, created) "
    "SELECT CONCAT('user', seq), CONCAT('u', seq, '@x.io'), seq / 3, seq * 1.25, '2024-01-02 03:04:05.678' "
    "FROM seq_1_to_200"
)
SHAPES: dict[str, tuple[str, tuple[Any, ...]]] = {
    "select1": ("SELECT 1", ()),
    "row": ("SELECT id, name, email, score, amount, created FROM bench_drivers WHERE id = %s", (7,)),
    "rows100": ("SELECT id, name, email, score, amount, created FROM bench_drivers ORDER BY id LIMIT 100", ()),
    "insert": (
        "INSERT INTO bench_drivers_ins (id, name, email, score, amount, created) VALUES (%s, %s, %s, %s, %s, %s)",
        (None, "n", "e@x.io", 1.5, "2.50", "2024-01-02 03:04:05"),
    ),
}
CLEANUP = {"truncate": ("DELETE FROM bench_drivers_ins", ())}


def conn_args(url: str) -> dict[str, Any]:
    u = urlsplit(url)
    return {
        "host": u.hostname or "localhost",
        "port": u.port or 3306,
        "user": unquote(u.username or "root"),
        "password": unquote(u.password or ""),
        "database": u.path.lstrip("/") or "mysql",
    }


class Runner:
    """One open connection of one candidate; ``run(shape, n)`` times ``n`` round trips."""

    def __init__(self, name: str, module: str, is_async: bool, args: dict[str, Any], loop: asyncio.AbstractEventLoop):
        self.name, self.kind, self.loop = name, "async" if is_async else "sync", loop
        mod: Any = importlib.import_module(module)
        kwargs = dict(args)
        if module == "MySQLdb":
            kwargs["passwd"] = kwargs.pop("password")
            kwargs["db"] = kwargs.pop("database")
        if module == "aiomysql":
            kwargs["db"] = kwargs.pop("database")
        if module == "pymysql":
            kwargs["ssl_disabled"] = True  # as refrakt connects (PyMySQL >= 1.2 would set up TLS first)
        t0 = time.perf_counter()
        if is_async:
            self.conn, self.cur = loop.run_until_complete(self._aconnect(mod, kwargs))
        else:
            self.conn = mod.connect(autocommit=True, **kwargs)
            self.cur = self.conn.cursor()
        self.connect_us = (time.perf_counter() - t0) * 1e6

    @staticmethod
    async def _aconnect(mod: Any, kwargs: dict[str, Any]) -> tuple[Any, Any]:
        conn = await mod.connect(autocommit=True, **kwargs)
        cur = conn.cursor()
        return conn, (await cur if isinstance(cur, Awaitable) else cur)

    def run(self, shape: str, n: int) -> float:
        sql, params = SHAPES[shape] if shape in SHAPES else CLEANUP[shape]
        cur = self.cur
        if self.kind == "sync":
            t = time.perf_counter()
            for _ in range(n):
                cur.execute(sql, params)
                cur.fetchall()
            return time.perf_counter() - t
        return self.loop.run_until_complete(self._arun(sql, params, n))

    async def _arun(self, sql: str, params: tuple[Any, ...], n: int) -> float:
        cur = self.cur
        fetch: Callable[[], Any] = cur.fetchall
        t = time.perf_counter()
        for _ in range(n):
            await cur.execute(sql, params)
            rows = fetch()
            if isinstance(rows, Awaitable):
                await rows
        return time.perf_counter() - t

    def close(self) -> None:
        if self.kind == "async":
            self.loop.run_until_complete(self.cur.close())
        else:
            self.cur.close()
        self.conn.close()


def setup(args: dict[str, Any]) -> None:
    import pymysql

    conn = pymysql.connect(autocommit=True, **args)
    with conn.cursor() as cur:
        for stmt in SETUP:
            cur.execute(stmt)
        cur.execute(FILL)
    conn.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", default="mysql://root@127.0.0.1:3306/refrakt_test")
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    args = conn_args(a.url)
    setup(args)
    results: dict[str, Any] = {}
    loop = asyncio.new_event_loop()
    runners: list[Runner] = []
    for name, module, is_async in [
        ("mysqlclient", "MySQLdb", False),
        ("PyMySQL", "pymysql", False),
        ("asyncmy", "asyncmy", True),
        ("aiomysql", "aiomysql", True),
    ]:
        try:
            importlib.import_module(module)
        except ImportError as exc:
            results[name] = {"kind": "async" if is_async else "sync", "error": f"not installed: {exc}"}
            continue
        runners.append(Runner(name, module, is_async, args, loop))
    best: dict[tuple[str, str], float] = {}
    # Interleaved rounds (every candidate, every shape, then again): a busy machine slows all alike.
    for _ in range(a.repeat):
        for shape in SHAPES:
            for r in runners:
                if shape == "insert":
                    r.run("truncate", 1)
                elapsed = r.run(shape, a.n)
                key = (r.name, shape)
                best[key] = min(best.get(key, elapsed), elapsed)
    for r in runners:
        results[r.name] = {"kind": r.kind, "connect": round(r.connect_us, 1)}
        results[r.name].update({s: round(best[(r.name, s)] / a.n * 1e6, 2) for s in SHAPES})
        r.close()
    loop.close()

    shapes = ["connect", *SHAPES]
    print(f"{'driver':<12} {'kind':<6} " + " ".join(f"{s:>9}" for s in shapes) + "   (µs per round trip, best)")
    for name, r in results.items():
        if "error" in r:
            print(f"{name:<12} {r['kind']:<6} {r['error']}")
            continue
        print(f"{name:<12} {r['kind']:<6} " + " ".join(f"{r[s]:>9.1f}" for s in shapes))
    report = {
        "n": a.n,
        "repeat": a.repeat,
        "unit": "microseconds per round trip (best of repeat)",
        "results": results,
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    out = Path(__file__).parent / "results" / "mysql_drivers.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
