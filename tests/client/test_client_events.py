"""Client events: ``db.on("query", ...)`` with query, params, duration_ms and target; ``log=[...]``
to the ``refrakt`` logger; info events; listeners that raise."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

import pytest
from client_support import SCHEMA, install_fake_engine

import refrakt
from refrakt.client import LogEvent, QueryEvent


def test_query_events_for_raw_sql_and_transactions(url: str) -> None:
    with refrakt.Client.from_schema(SCHEMA, url=url) as db:
        events: list[QueryEvent] = []
        assert db.on("query", events.append) is not None
        db.query_raw("SELECT $1 AS x", 7)
        with db.transaction() as tx:
            tx.query_raw("SELECT 1 AS y")
        first = events[0]
        assert first.target == "query_raw" and first.params == (7,) and "AS x" in first.query
        assert first.duration_ms >= 0 and first.timestamp.tzinfo is not None
        targets = [(e.target, e.query.split()[0]) for e in events[1:]]
        assert targets[0][0] == "transaction" and targets[0][1] in ("BEGIN", "SET")
        assert ("query_raw", "SELECT") in targets and targets[-1] == ("transaction", "COMMIT")


def test_engine_queries_are_reported_with_the_model_operation(url: str, log_table: str) -> None:
    with refrakt.Client.from_schema(SCHEMA, url=log_table) as db:
        install_fake_engine(db)
        seen: list[str] = []

        @db.on("query")
        def listener(event: QueryEvent) -> None:
            seen.append(event.target)

        db.user.create(data={"id": 1})
        db.off("query", listener)
        db.user.create(data={"id": 2})
    assert seen == ["User.create"]


def test_log_option_writes_to_the_refrakt_logger(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="refrakt")
    with refrakt.Client.from_schema(SCHEMA, url=f"file:{tmp_path}/e.db", log=["query", "info"]) as db:
        db.query_raw("SELECT 42 AS answer")
    messages = [r.getMessage() for r in caplog.records if r.name == "refrakt"]
    assert any("Starting a sqlite pool" in m for m in messages)
    assert any(m.startswith("query SELECT 42 AS answer") for m in messages)


def test_no_logger_output_without_log_and_event_only_logs(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="refrakt")
    with refrakt.Client.from_schema(
        SCHEMA, url=f"file:{tmp_path}/e.db", log=[{"level": "query", "emit": "event"}]
    ) as db:
        db.query_raw("SELECT 1")
    assert [r for r in caplog.records if r.name == "refrakt"] == []


def test_info_and_error_events_and_a_raising_listener(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with refrakt.Client.from_schema(SCHEMA, url=f"file:{tmp_path}/e.db") as db:
        infos: list[LogEvent] = []
        errors: list[LogEvent] = []
        db.on("info", infos.append)
        db.on("error", errors.append)

        def broken(event: Any) -> None:
            raise RuntimeError("listener bug")

        db.on("query", broken)
        assert db.query_raw("SELECT 5 AS five") == [{"five": 5}]  # the listener's error is only logged
        with pytest.raises(refrakt.errors.RawQueryError):
            db.query_raw_unsafe("SELECT * FROM no_such_table")
    assert infos and infos[0].level == "info" and "pool" in infos[0].message
    assert errors and "no_such_table" in errors[0].message and errors[0].target == "query_raw_unsafe"
    assert any("listener raised" in r.getMessage() for r in caplog.records)


def test_unknown_levels_are_rejected(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown log level"):
        refrakt.Client.from_schema(SCHEMA, url=f"file:{tmp_path}/e.db", log=["debug"])
    db = refrakt.Client.from_schema(SCHEMA, url=f"file:{tmp_path}/e.db")
    with pytest.raises(ValueError, match="unknown log level"):
        db.on("queries", print)


def test_async_query_events(tmp_path: Path) -> None:
    async def main() -> list[str]:
        async with refrakt.AsyncClient.from_schema(SCHEMA, url=f"file:{tmp_path}/e.db") as db:
            seen: list[str] = []
            db.on("query", lambda e: seen.append(e.query))
            await db.query_raw("SELECT 1 AS a")
            return seen

    assert asyncio.run(main()) == ["SELECT 1 AS a"]
