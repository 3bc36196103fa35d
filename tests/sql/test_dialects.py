"""The renderer's machinery: dispatch by node name, parameter styles, dialect lookup, builders."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from refrakt._sql import (
    And,
    Arith,
    Column,
    Compare,
    Dialect,
    Expr,
    Func,
    IsNull,
    Join,
    MySQL,
    Or,
    Param,
    Postgres,
    Select,
    SQLite,
    Table,
    UnsupportedExpression,
    and_,
    eq,
    get_dialect,
    ne,
    or_,
    render,
    to_expr,
)


@dataclass(frozen=True, slots=True)
class Mystery(Expr):
    pass


def test_node_keys_are_snake_case() -> None:
    assert Mystery.key == "mystery"
    assert IsNull.key == "is_null"


@pytest.mark.parametrize("dialect", [SQLite(), Postgres(), MySQL()], ids=lambda d: d.NAME)
def test_unknown_node_is_unsupported(dialect: Dialect) -> None:
    with pytest.raises(UnsupportedExpression, match=rf"^Unsupported expression Mystery \({dialect.NAME}\)$"):
        dialect.render(Select((Mystery(),)))


def test_a_dialect_subclass_adds_a_node() -> None:
    class WithMystery(SQLite):
        def mystery_sql(self, node: Mystery, ctx: object) -> str:
            return "42"

    assert WithMystery().render(Select((Mystery(),))) == ("SELECT 42", ())
    with pytest.raises(UnsupportedExpression):
        SQLite().render(Select((Mystery(),)))


def test_param_style_is_a_setting() -> None:
    query = Select((Column("id"),), Table("T"), where=And((eq(Column("a"), 1), Compare(Column("b"), ">", Param(2)))))
    assert Postgres().render(query)[0] == 'SELECT "id" FROM "T" WHERE "a" = $1 AND "b" > $2'
    assert Postgres(param_style="format").render(query)[0] == 'SELECT "id" FROM "T" WHERE "a" = %s AND "b" > %s'
    assert SQLite(param_style="numeric_dollar").render(query)[0] == 'SELECT "id" FROM "T" WHERE "a" = $1 AND "b" > $2'
    assert render(query, "postgres", param_style="qmark")[0] == 'SELECT "id" FROM "T" WHERE "a" = ? AND "b" > ?'
    assert render(query, Postgres(), param_style="format")[0].count("%s") == 2
    assert repr(Postgres(param_style="format")) == "Postgres(param_style='format')"


def test_format_style_doubles_percent_signs_outside_placeholders() -> None:
    sql, params = Postgres(param_style="format").render(Select((Column("50%"),), where=eq(Column("a"), "%")))
    assert (sql, params) == ('SELECT "50%%" WHERE "a" = %s', ("%",))


def test_get_dialect_by_provider_name() -> None:
    assert isinstance(get_dialect("postgresql"), Postgres)
    assert isinstance(get_dialect("POSTGRES"), Postgres)
    assert isinstance(get_dialect("mariadb"), MySQL)
    assert get_dialect("sqlite", param_style="numeric_dollar").param_style == "numeric_dollar"
    with pytest.raises(ValueError, match="unknown SQL dialect 'oracle'"):
        get_dialect("oracle")


def test_builders() -> None:
    a, b, c = eq(Column("a"), 1), eq(Column("b"), 2), eq(Column("c"), 3)
    assert and_(a) is a
    assert and_(a, None, and_(b, c)) == And((a, b, c))
    assert or_(a, or_(b, c), None) == Or((a, b, c))
    assert eq(Column("a"), None) == IsNull(Column("a"))
    assert ne(Column("a"), None) == IsNull(Column("a"), negated=True)
    assert to_expr(Column("x")) == Column("x")
    assert to_expr(5) == Param(5)


def test_nodes_are_frozen_and_hashable() -> None:
    query = Select((Column("id"),), Table("T"))
    assert hash(query) == hash(Select((Column("id"),), Table("T")))
    with pytest.raises(AttributeError):
        query.limit = Param(1)  # type: ignore[misc]


def test_insert_rows_must_match_columns() -> None:
    from refrakt._sql import Insert

    with pytest.raises(ValueError, match="1 values for 2 columns"):
        SQLite().render(Insert(Table("T"), ("a", "b"), ((Param(1),),)))


def test_update_needs_assignments() -> None:
    from refrakt._sql import Update

    with pytest.raises(ValueError, match="at least one assignment"):
        SQLite().render(Update(Table("T"), ()))


def test_insert_several_rows_of_defaults_is_unsupported() -> None:
    from refrakt._sql import Insert

    with pytest.raises(UnsupportedExpression, match="several rows without columns"):
        Postgres().render(Insert(Table("T"), (), ((), ())))


@pytest.mark.parametrize(
    "node",
    [
        Compare(Column("a"), "= 1 OR 1 =", Param(1)),  # type: ignore[arg-type]
        Func("LOWER(x); DROP TABLE t; --", ()),
        Select(joins=(Join(Table("T"), kind="INNER JOIN x ON 1=1 LEFT"),)),  # type: ignore[arg-type]
        Arith(Column("a"), "||", Param(1)),  # type: ignore[arg-type]
    ],
    ids=["compare", "function", "join", "arith"],
)
def test_text_that_is_not_quoted_is_checked(node: Expr) -> None:
    with pytest.raises(ValueError, match="not a"):
        SQLite().render(Select((node,)) if isinstance(node, Expr) else node)


def test_node_types_defined_later_are_dispatched() -> None:
    @dataclass(frozen=True, slots=True)
    class Late(Expr):
        pass

    SQLite().render(Select((Column("x"),)))  # the method table of SQLite exists already
    SQLite.late_sql = lambda self, node, ctx: "7"  # type: ignore[attr-defined]
    try:
        assert SQLite().render(Select((Late(),))) == ("SELECT 7", ())
    finally:
        del SQLite.late_sql  # type: ignore[attr-defined]
        SQLite.__dict__["_method_table"].pop(Late, None)
