"""The SQL golden cases: a name and an expression tree each; ``expected.tsv`` holds the output."""

from __future__ import annotations

from decimal import Decimal

from refrakt._sql import (
    Alias,
    And,
    Arith,
    ArrayContains,
    Bool,
    Case,
    Cast,
    Column,
    Compare,
    Concat,
    Default,
    Delete,
    Excluded,
    Exists,
    Func,
    Identifier,
    In,
    Insert,
    IsNull,
    Join,
    JsonArrayContains,
    JsonArrayElement,
    JsonCompare,
    JsonEquals,
    JsonExtract,
    JsonTypeIs,
    Like,
    Node,
    Not,
    Null,
    OnConflict,
    Or,
    OrderBy,
    Param,
    Raw,
    Row,
    Select,
    Star,
    Subquery,
    Table,
    Update,
    and_,
    eq,
    func,
    ne,
    or_,
)

USER = Table("User")
T0 = Table("User", alias="t0")
ID, EMAIL, NAME = Column("id"), Column("email"), Column("name")

CASES: dict[str, Node] = {
    # names and values
    "select_star": Select(from_=USER),
    "select_columns": Select((ID, EMAIL), USER),
    "qualified_alias": Select((Column("id", "t0"), Star("t0")), T0),
    "schema_table": Select((ID,), Table("User", schema="auth")),
    "quote_escape": Select((Column('we"ird`name'),), Table('ta"ble')),
    "column_alias": Select((Alias(Func("COUNT", (Star(),)), "_count"),), USER),
    "identifier": Select((Identifier("x"),), USER),
    "params_types": Select((Param(1), Param("s"), Param(None), Param(True), Param(Decimal("1.50")), Param(b"\x00"))),
    "null_and_bools": Select((Null(), Bool(True), Bool(False))),
    "raw_trusted": Select((Raw("CURRENT_TIMESTAMP"),)),
    # conditions
    "where_eq": Select((ID,), USER, where=eq(EMAIL, "a@x.io")),
    "where_eq_none": Select((ID,), USER, where=eq(NAME, None)),
    "where_ne": Select((ID,), USER, where=ne(NAME, "bob")),
    "where_ne_none": Select((ID,), USER, where=ne(NAME, None)),
    "compare_ops": Select(
        (ID,),
        USER,
        where=and_(
            Compare(ID, "<", Param(10)),
            Compare(ID, "<=", Param(11)),
            Compare(ID, ">", Param(1)),
            Compare(ID, ">=", Param(2)),
            Compare(ID, "<>", Param(5)),
        ),
    ),
    "and_or_nesting": Select(
        (ID,), USER, where=and_(eq(ID, 1), or_(eq(NAME, "a"), and_(eq(NAME, "b"), eq(EMAIL, "c"))))
    ),
    "or_of_ands": Select((ID,), USER, where=Or((And((eq(ID, 1), eq(ID, 2))), eq(ID, 3)))),
    "empty_and_or": Select((ID,), USER, where=And((And(()), Not(Or(()))))),
    "not": Select((ID,), USER, where=Not(eq(ID, 1))),
    "in_list": Select((ID,), USER, where=In(ID, (Param(1), Param(2), Param(3)))),
    "not_in_list": Select((ID,), USER, where=In(ID, (Param(1),), negated=True)),
    "in_empty": Select((ID,), USER, where=In(ID, ())),
    "not_in_empty": Select((ID,), USER, where=In(ID, (), negated=True)),
    "in_subquery": Select((ID,), USER, where=In(ID, Select((Column("authorId"),), Table("Post")))),
    "row_in": Select(
        (ID,),
        USER,
        where=In(Row((ID, EMAIL)), (Row((Param(1), Param("a"))), Row((Param(2), Param("b"))))),
    ),
    "like": Select((ID,), USER, where=Like(EMAIL, Param("%@x.io"))),
    "not_like": Select((ID,), USER, where=Like(EMAIL, Param("%@x.io"), negated=True)),
    "ilike": Select((ID,), USER, where=Like(EMAIL, Param("%Bob%"), insensitive=True)),
    "not_ilike": Select((ID,), USER, where=Like(EMAIL, Param("%Bob%"), negated=True, insensitive=True)),
    "like_escape": Select((ID,), USER, where=Like(EMAIL, Param("50\\%%"), escape="\\")),
    "is_null": Select((ID,), USER, where=IsNull(NAME)),
    "is_not_null": Select((ID,), USER, where=IsNull(NAME, negated=True)),
    "exists": Select(
        (ID,),
        T0,
        where=Exists(Select((Raw("1"),), Table("Post"), where=Compare(Column("authorId"), "=", Column("id", "t0")))),
    ),
    "not_exists": Select((ID,), USER, where=Exists(Select((Raw("1"),), Table("Post")), negated=True)),
    # expressions
    "functions": Select((func("LOWER", Column("email")), Func("COUNT", (Column("id"),), distinct=True))),
    "function_mapping": Select((Func("JSON_ARRAY_LENGTH", (Column("tags"),)),), USER),
    "arith": Select((Arith(Arith(Column("views"), "+", Param(1)), "*", Param(2)),), Table("Post")),
    "case": Select(
        (Case(((eq(ID, 1), Param("one")), (eq(ID, 2), Param("two"))), Param("many")),),
        USER,
    ),
    "case_without_else": Select((Case(((IsNull(NAME), Param(0)),)),), USER),
    "cast_text": Select((Cast(ID, "text"),), USER),
    "cast_unknown": Select((Cast(ID, "geometry"),), USER),
    "concat": Select((Concat((NAME, Param(" <"), EMAIL, Param(">"))),), USER),
    "scalar_subquery": Select((Subquery(Select((Func("MAX", (ID,)),), USER)),)),
    "json_path": Select((JsonExtract(Column("data"), ("a", 0, "b c")),), Table("Doc")),
    "json_path_text": Select(
        (ID,), Table("Doc"), where=eq(JsonExtract(Column("data"), ("status",), as_text=True), "ok")
    ),
    "json_path_empty": Select((JsonExtract(Column("data"), ()),), Table("Doc")),
    "json_type_is": Select(
        (ID,), Table("Doc"), where=JsonTypeIs(JsonExtract(Column("data"), ("a",)), "number", negated=True)
    ),
    "json_equals": Select((ID,), Table("Doc"), where=JsonEquals(JsonExtract(Column("data"), ("a",)), Param('{"b":1}'))),
    "json_array_contains": Select((ID,), Table("Doc"), where=JsonArrayContains(Column("data"), Param("[3]"))),
    "json_array_last": Select(
        (ID,), Table("Doc"), where=JsonEquals(JsonArrayElement(Column("data"), last=True), Param("3"))
    ),
    "json_compare": Select(
        (ID,), Table("Doc"), where=JsonCompare(JsonExtract(Column("data"), ("n",)), ">", Param("2"))
    ),
    "array_contains": Select((ID,), Table("Doc"), where=ArrayContains(Column("tags"), Param("{a,b}"))),
    "array_overlap": Select((ID,), Table("Doc"), where=ArrayContains(Column("tags"), Param("{a}"), overlap=True)),
    # select clauses
    "distinct": Select((NAME,), USER, distinct=True),
    "distinct_on": Select((ID, NAME), USER, distinct=(NAME,), order_by=(OrderBy(NAME), OrderBy(ID))),
    "joins": Select(
        (Column("id", "u"), Column("title", "p")),
        Table("User", alias="u"),
        joins=(
            Join(Table("Post", alias="p"), Compare(Column("authorId", "p"), "=", Column("id", "u")), "LEFT"),
            Join(Table("Tag", alias="t"), kind="CROSS"),
        ),
    ),
    "join_subquery": Select(
        (Star(),),
        T0,
        joins=(
            Join(
                Subquery(Select((Column("authorId"),), Table("Post")), "p"),
                Compare(Column("authorId", "p"), "=", Column("id", "t0")),
            ),
        ),
    ),
    "group_having": Select(
        (Column("authorId"), Alias(Func("COUNT", (Star(),)), "n")),
        Table("Post"),
        group_by=(Column("authorId"),),
        having=Compare(Func("COUNT", (Star(),)), ">", Param(1)),
    ),
    "order_by": Select((ID,), USER, order_by=(OrderBy(NAME), OrderBy(ID, desc=True))),
    "order_nulls_asc_first": Select((ID,), USER, order_by=(OrderBy(NAME, nulls="first"),)),
    "order_nulls_asc_last": Select((ID,), USER, order_by=(OrderBy(NAME, nulls="last"),)),
    "order_nulls_desc_first": Select((ID,), USER, order_by=(OrderBy(NAME, desc=True, nulls="first"),)),
    "order_nulls_desc_last": Select((ID,), USER, order_by=(OrderBy(NAME, desc=True, nulls="last"),)),
    "limit": Select((ID,), USER, limit=Param(10)),
    "limit_offset": Select((ID,), USER, limit=Param(10), offset=Param(20)),
    "offset_only": Select((ID,), USER, offset=Param(20)),
    "for_update": Select((ID,), USER, where=eq(ID, 1), for_update=True),
    # writes
    "insert": Insert(USER, ("email", "name"), ((Param("a@x.io"), Param("A")),)),
    "insert_many": Insert(USER, ("email",), ((Param("a"),), (Param("b"),))),
    "insert_returning": Insert(USER, ("email",), ((Param("a"),),), returning=(ID, EMAIL)),
    "insert_defaults": Insert(USER),
    "insert_default_keyword": Insert(USER, ("email", "name"), ((Param("a"), Default()),)),
    "insert_select": Insert(Table("Archive"), ("id",), Select((ID,), USER, where=IsNull(NAME))),
    "insert_skip_duplicates": Insert(USER, ("email",), ((Param("a"),),), on_conflict=OnConflict()),
    "upsert": Insert(
        USER,
        ("email", "name"),
        ((Param("a@x.io"), Param("A")),),
        on_conflict=OnConflict(("email",), (("name", Excluded("name")),)),
        returning=(ID,),
    ),
    "upsert_expression": Insert(
        Table("Counter"),
        ("key", "n"),
        ((Param("k"), Param(1)),),
        on_conflict=OnConflict(("key",), (("n", Arith(Column("n"), "+", Param(1))),)),
    ),
    "upsert_where": Insert(
        USER,
        ("email",),
        ((Param("a"),),),
        on_conflict=OnConflict(("email",), (("name", Param("x")),), where=IsNull(NAME)),
    ),
    "update": Update(USER, (("name", Param("B")), ("email", Param("b@x.io"))), where=eq(ID, 1)),
    "update_returning": Update(
        Table("Post"), (("views", Arith(Column("views"), "+", Param(1))),), where=eq(ID, 7), returning=(ID,)
    ),
    "update_all": Update(USER, (("name", Null()),)),
    "delete": Delete(USER, where=In(ID, (Param(1), Param(2)))),
    "delete_all": Delete(USER),
    "delete_returning": Delete(USER, where=eq(ID, 1), returning=(Star(),)),
    # parameter numbering follows the text, whatever the render order
    "param_order": Select(
        (Alias(Param("first"), "a"),),
        USER,
        where=eq(ID, "second"),
        having=eq(Column("n"), "fourth"),
        group_by=(Param("third"),),
        order_by=(OrderBy(Param("fifth"), nulls="last"),),
        limit=Param(6),
        offset=Param(7),
    ),
    "percent_in_sql": Select((Arith(ID, "%", Param(2)),), USER, where=Like(EMAIL, Param("%"))),
}
