"""refrakt.errors: the public tree, Prisma's codes and messages, pickling."""

from __future__ import annotations

import pickle

import pytest

import refrakt.errors as errors
from refrakt.errors import (
    ColumnNotFoundError,
    ForeignKeyConstraintError,
    InitializationError,
    KnownRequestError,
    NullConstraintError,
    OperationTimeoutError,
    PoolTimeoutError,
    RawQueryError,
    RecordNotFoundError,
    RefraktError,
    RelationNotLoadedError,
    RelationViolationError,
    SchemaError,
    TableNotFoundError,
    TransactionError,
    UniqueConstraintError,
    UnknownRequestError,
    ValidationError,
    ValueTooLongError,
    WriteConflictError,
    render_constraint,
)

PINNED_ALL = [
    "ColumnNotFoundError",
    "ForeignKeyConstraintError",
    "InitializationError",
    "KnownRequestError",
    "NullConstraintError",
    "OperationTimeoutError",
    "PoolTimeoutError",
    "RawQueryError",
    "RecordNotFoundError",
    "RefraktError",
    "RelationNotLoadedError",
    "RelationViolationError",
    "SchemaError",
    "TableNotFoundError",
    "TransactionError",
    "UniqueConstraintError",
    "UnknownRequestError",
    "ValidationError",
    "ValueTooLongError",
    "WriteConflictError",
    "render_constraint",
]


def test_all_is_sorted_and_pinned() -> None:
    assert errors.__all__ == sorted(errors.__all__)
    assert errors.__all__ == PINNED_ALL
    for name in errors.__all__:
        assert hasattr(errors, name), name


def test_every_public_class_is_in_the_docstring_tree() -> None:
    doc = errors.__doc__ or ""
    for name in errors.__all__:
        obj = getattr(errors, name)
        if isinstance(obj, type):
            assert name in doc, name


@pytest.mark.parametrize(
    ("cls", "parent", "code"),
    [
        (InitializationError, RefraktError, None),
        (OperationTimeoutError, TimeoutError, "P1008"),
        (SchemaError, RefraktError, "P1012"),
        (ValidationError, TypeError, "P2009"),
        (ValueTooLongError, KnownRequestError, "P2000"),
        (UniqueConstraintError, KnownRequestError, "P2002"),
        (ForeignKeyConstraintError, KnownRequestError, "P2003"),
        (RawQueryError, KnownRequestError, "P2010"),
        (NullConstraintError, KnownRequestError, "P2011"),
        (RelationViolationError, KnownRequestError, "P2014"),
        (TableNotFoundError, KnownRequestError, "P2021"),
        (ColumnNotFoundError, KnownRequestError, "P2022"),
        (PoolTimeoutError, KnownRequestError, "P2024"),
        (RecordNotFoundError, KnownRequestError, "P2025"),
        (TransactionError, KnownRequestError, "P2028"),
        (WriteConflictError, KnownRequestError, "P2034"),
        (UnknownRequestError, RefraktError, None),
        (RelationNotLoadedError, AttributeError, None),
    ],
)
def test_tree_and_default_codes(cls: type[RefraktError], parent: type[BaseException], code: str | None) -> None:
    assert issubclass(cls, RefraktError)
    assert issubclass(cls, parent)
    assert cls.default_code == code


def test_base_error_carries_code_message_meta() -> None:
    err = RefraktError("boom", code="P9999", meta={"a": 1}, original_code="23505", original_message="dup")
    assert (err.code, err.message, err.meta, str(err)) == ("P9999", "boom", {"a": 1}, "boom")
    assert (err.original_code, err.original_message) == ("23505", "dup")
    assert err.to_dict() == {"code": "P9999", "message": "boom", "meta": {"a": 1}}
    assert "P9999" in repr(err)
    assert RefraktError("x").meta == {}


def test_initialization_messages_are_prismas() -> None:
    e = InitializationError.unreachable(host="db", port=5432)
    assert e.code == "P1001"
    assert e.message == (
        "Can't reach database server at `db:5432`\n\nPlease make sure your database server is running at `db:5432`."
    )
    assert e.meta == {"database_host": "db", "database_port": 5432}
    a = InitializationError.authentication_failed(user="ann", host="db")
    assert a.code == "P1000"
    assert a.message.startswith(
        "Authentication failed against database server at `db`, the provided database credentials for `ann` are "
        "not valid.\n\nPlease make sure to provide valid database credentials for the database server at `db`."
    )
    d = InitializationError.database_does_not_exist(name="shop", host="db", port=3306)
    assert (d.code, d.message) == ("P1003", "Database `shop` does not exist on the database server at `db:3306`.")
    s = InitializationError.sqlite_file_does_not_exist(file_name="dev.db", file_path="/tmp/dev.db")
    assert s.message == "Database dev.db does not exist at /tmp/dev.db"


def test_pool_timeout_message_is_prismas() -> None:
    e = PoolTimeoutError.after(10, 5)
    assert e.message == (
        "Timed out fetching a new connection from the connection pool. More info: http://pris.ly/d/connection-pool "
        "(Current connection pool timeout: 10, connection limit: 5)"
    )
    assert e.meta == {"connection_limit": 5, "timeout": 10}
    assert "timeout: 0.25," in PoolTimeoutError.after(0.25, 1).message


def test_constraint_messages_and_meta() -> None:
    assert render_constraint(["a", "b"]) == "fields: (`a`,`b`)"
    assert render_constraint("User_email_key") == "constraint: `User_email_key`"
    assert render_constraint(None) == "(not available)"
    u = UniqueConstraintError.on(["email"])
    assert (u.message, u.meta) == ("Unique constraint failed on the fields: (`email`)", {"target": ["email"]})
    f = ForeignKeyConstraintError.on("Post_authorId_fkey")
    assert f.message == "Foreign key constraint violated on the constraint: `Post_authorId_fkey`"
    assert f.meta["field_name"] == "Post_authorId_fkey (index)"
    assert ForeignKeyConstraintError.on(None).message == "Foreign key constraint violated on the foreign key"
    n = NullConstraintError.on(["name"])
    assert n.message == "Null constraint violation on the fields: (`name`)"
    v = ValueTooLongError.for_column("name")
    assert v.message == "The provided value for the column is too long for the column's type. Column: name"
    w = WriteConflictError.create()
    assert w.message == "Transaction failed due to a write conflict or a deadlock. Please retry your transaction"


def test_raw_query_error_wraps_a_database_error() -> None:
    inner = UniqueConstraintError.on(["email"], original_code="23505", original_message="Key (email)=(a) exists")
    raw = RawQueryError.wrap(inner)
    assert raw.code == "P2010"
    assert raw.message == "Raw query failed. Code: `23505`. Message: `Key (email)=(a) exists`"
    assert raw.meta == {"code": "23505", "message": "Key (email)=(a) exists"}
    assert RawQueryError.wrap(raw) is raw


def test_request_errors_with_fixed_texts() -> None:
    r = RecordNotFoundError.because("No record was found for an update.", model_name="User")
    assert r.message.endswith("required but not found. No record was found for an update.")
    assert r.meta == {"cause": "No record was found for an update.", "modelName": "User"}
    rv = RelationViolationError.between("PostToUser", "Post", "User")
    assert "'PostToUser' between the `Post` and `User` models" in rv.message
    assert TransactionError.because("Transaction already closed").message == (
        "Transaction API error: Transaction already closed"
    )
    assert TableNotFoundError.named("User").message == "The table `User` does not exist in the current database."
    assert OperationTimeoutError.after(5, "busy").message == "Operations timed out after `5s`. Context: busy"


def test_validation_error_has_a_path_and_is_a_type_error() -> None:
    e = ValidationError("Unknown argument `emial`. Did you mean `email`?", path=["where", "emial"], code="P2019")
    assert e.path == ("where", "emial")
    assert e.code == "P2019"
    assert e.meta["path"] == "where.emial"
    assert isinstance(e, TypeError)
    assert ValidationError("x").code == "P2009"


def test_schema_error_keeps_diagnostics() -> None:
    from refrakt.schema import parse

    diags = parse("model {").diagnostics
    e = SchemaError(diags)
    assert e.code == "P1012"
    assert e.diagnostics == list(diags)
    assert "Validation Error Count: " in e.message


def test_relation_not_loaded_error_is_an_attribute_error_that_says_how_to_include() -> None:
    e = RelationNotLoadedError("User", "posts")
    assert isinstance(e, AttributeError)
    assert e.name == "posts"
    assert 'include={"posts": True}' in e.message
    assert e.meta == {"modelName": "User", "field": "posts"}
    with pytest.raises(AttributeError):
        raise e


@pytest.mark.parametrize(
    "err",
    [
        UniqueConstraintError.on(["email"], original_code="2067", original_message="UNIQUE constraint failed"),
        InitializationError.unreachable(host="h", port=1),
        PoolTimeoutError.after(1, 1),
        ValidationError("bad", path=["data", 0]),
        RelationNotLoadedError("User", "posts"),
        UnknownRequestError.from_database("42601", "syntax error"),
    ],
)
def test_errors_pickle(err: RefraktError) -> None:
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is type(err)
    assert (back.code, back.message, back.meta) == (err.code, err.message, err.meta)
    assert (back.original_code, back.original_message) == (err.original_code, err.original_message)
    assert str(back) == str(err)
