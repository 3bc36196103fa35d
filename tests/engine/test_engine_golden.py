"""Golden SQL of the engine: representative query shapes, rendered per dialect, one line each.

A line is ``case <TAB> dialect <TAB> statement <TAB> sql <TAB> repr(params)``; ``statement`` is
``root`` or the relation path of a nested load (rendered for two parent keys, bound to
``'<k0>'`` and ``'<k1>'``). ``REFRAKT_UPDATE_EXPECT=1`` rewrites ``expected_sql.tsv`` from the
current output (review the diff before committing it).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from engine_support import datamodel

from refrakt._markers import field
from refrakt.engine import Engine
from refrakt.engine._plan import ReadPlan
from refrakt.engine._runtime import LevelPlan

EXPECTED = Path(__file__).with_name("expected_sql.tsv")
DIALECTS = ("sqlite", "postgres", "mysql")
UPDATE = os.environ.get("REFRAKT_UPDATE_EXPECT") == "1"
_PROVIDER = {"sqlite": "sqlite", "postgres": "postgresql", "mysql": "mysql"}
ENGINES = {d: Engine(datamodel(_PROVIDER[d]), d) for d in DIALECTS}

CASES: dict[str, tuple[str, str, dict[str, Any]]] = {
    "find_unique_id": ("User", "find_unique", {"where": {"id": 1}}),
    "find_unique_compound": ("User", "find_unique", {"where": {"first_last": {"first": "a", "last": "b"}}}),
    "find_unique_extra": (
        "User",
        "find_unique",
        {"where": {"email": "a@x.io", "active": True}, "select": {"id": True}},
    ),
    "find_first": ("User", "find_first", {"where": {"age": {"gte": 18}}, "order_by": {"age": "desc"}}),
    "scalar_ops": (
        "User",
        "find_many",
        {
            "where": {
                "age": {"in": [1, 2], "not": {"gt": 9}},
                "email": {"contains": "x", "not": {"ends_with": "y"}},
                "name": None,
                "createdAt": {"lt": dt.datetime(2024, 1, 1, tzinfo=dt.UTC)},
            },
            "select": {"id": True},
        },
    ),
    "insensitive": (
        "User",
        "find_many",
        {"where": {"name": {"equals": "a", "gt": "b", "in": ["c"], "mode": "insensitive"}}, "select": {"id": True}},
    ),
    "boolean_groups": (
        "User",
        "find_many",
        {
            "where": {"OR": [{"age": 1}, {"NOT": [{"age": 2}, {"age": 3}]}], "AND": {"active": True}},
            "select": {"id": True},
        },
    ),
    "field_reference": (
        "User",
        "find_many",
        {"where": {"email": {"starts_with": field("first")}}, "select": {"id": True}},
    ),
    "relation_list_filters": (
        "User",
        "find_many",
        {"where": {"posts": {"some": {"views": 1}, "every": {"published": True}, "none": {}}}, "select": {"id": True}},
    ),
    "relation_m2m_filter": ("Post", "find_many", {"where": {"tags": {"some": {"name": "db"}}}, "select": {"id": True}}),
    "relation_one_filters": (
        "User",
        "find_many",
        {"where": {"profile": {"is_not": {"bio": "x"}}, "mentor": None, "posts": {"some": {"author": {"is": {}}}}}},
    ),
    "order_relation_and_count": (
        "Post",
        "find_many",
        {
            "order_by": [{"author": {"name": {"sort": "asc", "nulls": "last"}}}, {"comments": {"_count": "desc"}}],
            "take": 5,
        },
    ),
    "cursor_sql": (
        "User",
        "find_many",
        {"cursor": {"id": 3}, "take": -2, "skip": 1, "order_by": [{"last": "asc"}, {"id": "desc"}]},
    ),
    "cursor_in_memory": (
        "User",
        "find_many",
        {"cursor": {"id": 3}, "take": 2, "order_by": {"age": "asc"}, "select": {"id": True}},
    ),
    "distinct": ("User", "find_many", {"distinct": ["last"], "take": 2, "select": {"first": True}}),
    "include_nested": (
        "User",
        "find_many",
        {
            "where": {"id": 1},
            "include": {
                "posts": {
                    "where": {"published": True},
                    "take": 2,
                    "order_by": {"id": "desc"},
                    "include": {"tags": True},
                },
                "profile": True,
                "_count": {"select": {"posts": {"where": {"views": {"gt": 1}}}}},
            },
        },
    ),
    "compound_id": ("Membership", "find_unique", {"where": {"userId_groupId": {"userId": 1, "groupId": 2}}}),
    "count": ("User", "count", {"where": {"active": True}}),
    "count_select_paged": ("User", "count", {"select": {"_all": True, "name": True}, "take": 10}),
    "aggregate": ("User", "aggregate", {"_avg": {"age": True}, "_max": {"active": True}, "_count": True}),
    "group_by": (
        "User",
        "group_by",
        {
            "by": ["last"],
            "having": {"age": {"_avg": {"gt": 1}}},
            "order_by": {"_count": {"id": "desc"}},
            "_count": True,
        },
    ),
}


def _nested(level: LevelPlan, values: list[Any], prefix: str) -> Iterator[tuple[str, str, list[Any]]]:
    for nested in level.relations:
        name = f"{prefix}{nested.name}"
        template = nested.statement.for_keys(2)
        yield name, template.sql, template.bind(values, ["<k0>", "<k1>"])
        yield from _nested(nested.level, values, name + ".")


def _lines(case: str, dialect: str) -> list[str]:
    model, operation, args = CASES[case]
    engine = ENGINES[dialect]
    prepared = engine.prepare(model, operation, args)
    statements = [("root", prepared.sql, prepared.params)]
    plan = prepared.plan
    if isinstance(plan, ReadPlan):
        statements += list(_nested(plan.level, list(prepared.values), ""))
    out = []
    for name, sql, params in statements:
        assert "\t" not in sql and "\n" not in sql
        out.append(f"{case}\t{dialect}\t{name}\t{sql}\t{params!r}")
    return out


def _load() -> dict[tuple[str, str], list[str]]:
    lines: dict[tuple[str, str], list[str]] = {}
    if EXPECTED.exists():
        for line in EXPECTED.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                case, dialect, _ = line.split("\t", 2)
                lines.setdefault((case, dialect), []).append(line)
    return lines


if UPDATE:
    header = "# case\tdialect\tstatement\tsql\tparams  -- generated by tests/engine/test_engine_golden.py\n"
    body = "".join(line + "\n" for c in CASES for d in DIALECTS for line in _lines(c, d))
    EXPECTED.write_text(header + body, encoding="utf-8")

_EXPECTED = _load()


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("case", list(CASES))
def test_golden(case: str, dialect: str) -> None:
    assert _lines(case, dialect) == _EXPECTED.get((case, dialect))


def test_no_stale_expectations() -> None:
    assert {c for c, _ in _EXPECTED} == set(CASES)
