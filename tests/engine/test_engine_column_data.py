"""SQLite only: stored values that do not fit the field's type (written by raw SQL into a column
whose affinity does not enforce it) are read as Prisma reads them, or fail with P2023."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from engine_support import create_tables, database, datamodel

from refrakt.drivers import Connection
from refrakt.engine import Engine
from refrakt.errors import KnownRequestError

SCHEMA = """
model Row {
  id  Int    @id
  n   Int
  big BigInt
}
"""


@pytest.fixture
def sqlite() -> Iterator[tuple[Engine, Connection]]:
    dm = datamodel("sqlite", SCHEMA)
    with database("sqlite") as conn:
        create_tables(conn, dm, "sqlite")
        yield Engine(dm, "sqlite"), conn


def _read(engine: Engine, conn: Connection) -> list[tuple[int, int]]:
    return [(r.n, r.big) for r in engine.prepare("Row", "find_many", {"order_by": {"id": "asc"}}).run(conn)]


def test_integral_reals_read_as_ints(sqlite: tuple[Engine, Connection]) -> None:
    engine, conn = sqlite
    conn.execute('INSERT INTO "Row" ("id", "n", "big") VALUES (1, 3.0, 4.0), (2, 2.75, -9.0e18)')
    rows = _read(engine, conn)
    assert rows == [(3, 4), (2, -9 * 10**18)]
    assert all(type(n) is int and type(big) is int for n, big in rows)


@pytest.mark.parametrize(("column", "type_"), [("n", "Int"), ("big", "BigInt")])
def test_a_number_out_of_range_is_p2023(sqlite: tuple[Engine, Connection], column: str, type_: str) -> None:
    engine, conn = sqlite
    other = "big" if column == "n" else "n"
    conn.execute(f'INSERT INTO "Row" ("id", "{column}", "{other}") VALUES (1, 1.84467440724388e+19, 0)')
    with pytest.raises(KnownRequestError) as info:
        _read(engine, conn)
    assert info.value.code == "P2023"
    assert f"Could not convert from `BigDecimal(18446744072438800000)` to `{type_}`" in info.value.message
