"""Argument validation: every error is raised by ``prepare`` (before any SQL), with the argument
path, a "did you mean" for a misspelt name, and the code Prisma's engine reports (P2009 /
P2012 / P2019)."""

from __future__ import annotations

from typing import Any

import pytest
from engine_support import datamodel

from refrakt._markers import UNSET, field
from refrakt.engine import Engine
from refrakt.errors import ValidationError

ENGINE = Engine(datamodel("sqlite"), "sqlite")


def error(model: str, operation: str, **args: Any) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        ENGINE.prepare(model, operation, args)
    return info.value


@pytest.mark.parametrize(
    ("operation", "args", "code", "path", "fragment"),
    [
        # unknown names, with a suggestion
        ("find_many", {"where": {"emial": "a"}}, "P2009", ("where", "emial"), "Did you mean `email`?"),
        ("find_many", {"wher": {}}, "P2009", ("wher",), "Did you mean `where`?"),
        ("find_many", {"where": {"email": {"contain": "a"}}}, "P2009", ("where", "email", "contain"), "`contains`"),
        ("find_many", {"where": {"posts": {"soem": {}}}}, "P2009", ("where", "posts", "soem"), "`some`"),
        ("find_many", {"where": {"AND": [{"nmae": "x"}]}}, "P2009", ("where", "AND", 0, "nmae"), "`name`"),
        ("find_many", {"select": {"emial": True}}, "P2009", ("select", "emial"), "`email`"),
        ("find_many", {"include": {"post": True}}, "P2009", ("include", "post"), "`posts`"),
        ("find_many", {"omit": {"posts": True}}, "P2009", ("omit", "posts"), "Unknown field"),
        ("find_many", {"order_by": {"emali": "asc"}}, "P2009", ("order_by", "emali"), "`email`"),
        ("find_many", {"distinct": ["lst"]}, "P2009", ("distinct", 0), "`last`"),
        ("find_unique", {"where": {"id": 1}, "take": 1}, "P2009", ("take",), "Unknown argument `take`"),
        ("find_many", {"include": {"posts": {"wher": {}}}}, "P2009", ("include", "posts", "wher"), "`where`"),
        ("find_many", {"include": {"profile": {"where": {}}}}, "P2009", ("include", "profile", "where"), "Unknown"),
        ("find_many", {"select": {"_count": {"select": {"postz": True}}}}, "P2009", None, "`posts`"),
        ("find_many", {"where": {"age": {"contains": "1"}}}, "P2009", ("where", "age", "contains"), "Unknown filter"),
        ("find_many", {"where": {"active": {"gt": True}}}, "P2009", ("where", "active", "gt"), "Unknown filter"),
        ("find_many", {"where": {"age": {"mode": "insensitive"}}}, "P2009", ("where", "age", "mode"), "filter"),
        # wrong types
        ("find_many", {"where": {"id": "1"}}, "P2009", ("where", "id"), "Expected Int, provided String"),
        ("find_many", {"where": {"age": {"in": [1, "2"]}}}, "P2009", ("where", "age", "in", 1), "Expected Int"),
        ("find_many", {"where": {"active": 1}}, "P2009", ("where", "active"), "Expected Boolean, provided Int"),
        ("find_many", {"where": {"createdAt": "yesterday"}}, "P2009", ("where", "createdAt"), "ISO-8601"),
        ("find_many", {"where": {"role": "OWNER"}}, "P2009", ("where", "role"), "Expected Role"),
        ("find_many", {"where": {"balance": "ten"}}, "P2009", ("where", "balance"), "Expected Decimal"),
        ("find_many", {"where": {"posts": True}}, "P2009", ("where", "posts"), "PostListRelationFilter"),
        ("find_many", {"take": "1"}, "P2009", ("take",), "Expected Int"),
        ("find_many", {"take": True}, "P2009", ("take",), "Expected Int, provided Boolean"),
        ("find_many", {"order_by": {"email": "up"}}, "P2009", ("order_by", "email"), "asc or desc"),
        ("find_many", {"select": {"email": 1}}, "P2009", ("select", "email"), "Expected Boolean"),
        ("find_many", {"where": {"meta": "{}"}}, "P2009", ("where", "meta"), "Json"),
        # nulls where the schema has none
        ("find_many", {"where": {"email": None}}, "P2009", ("where", "email"), "must not be null"),
        ("find_many", {"where": {"email": {"not": None}}}, "P2009", ("where", "email", "not"), "must not be null"),
        ("find_many", {"where": {"age": {"gt": None}}}, "P2009", ("where", "age", "gt"), "must not be null"),
        ("find_many", {"where": {"profile": {"is": {}}, "author": None}}, "P2009", ("where", "author"), "Unknown"),
        # where-unique
        ("find_unique", {}, "P2012", ("where",), "Argument `where` is missing"),
        ("find_unique", {"where": {}}, "P2009", ("where",), "Expected a minimum of 1 fields of (id, email"),
        ("find_unique", {"where": {"name": "Ann"}}, "P2009", ("where",), "first_last"),
        ("find_unique", {"where": {"first": "ann", "last": "lee"}}, "P2009", ("where",), "needs at least one of"),
        ("find_unique", {"where": {"AND": [{"id": 1}]}}, "P2009", ("where",), "minimum of 1 fields"),
        # a unique field takes its value's type only: null is a missing value (P2012)
        ("find_unique", {"where": {"id": None}}, "P2012", ("where", "id"), "A value is required but not set"),
        ("delete", {"where": {"email": None}}, "P2012", ("where", "email"), "A value is required but not set"),
        ("find_unique", {"where": {"first_last": None}}, "P2012", ("where", "first_last"), "is required"),
        # ... but a nested where-unique sits in a union of input types: P2009
        (
            "update",
            {"where": {"id": 1}, "data": {"posts": {"update": {"where": {"id": None}, "data": {"title": "x"}}}}},
            "P2009",
            ("data", "posts", "update", "where", "id"),
            "must not be null",
        ),
        (
            "find_unique",
            {"where": {"first_last": {"first": "ann", "last": None}}},
            "P2012",
            ("where", "first_last", "last"),
            "A value is required but not set",
        ),
        (
            "find_unique",
            {"where": {"first_last": {"first": "ann"}}},
            "P2012",
            ("where", "first_last", "last"),
            "is missing",
        ),
        (
            "find_unique",
            {"where": {"first_last": {"first": "a", "lst": "b"}}},
            "P2009",
            ("where", "first_last", "lst"),
            "`last`",
        ),
        # semantic errors (P2019)
        ("find_many", {"skip": -1}, "P2019", ("skip",), "Value can only be positive, found: -1"),
        ("find_first", {"take": 2}, "P2019", ("take",), "isn't 1 or -1"),
        ("find_many", {"where": {"id": {"equals": field("nope")}}}, "P2019", None, "User.nope does not exist"),
        ("find_many", {"where": {"id": {"equals": field("posts")}}}, "P2019", None, "but found a relation field"),
        ("find_many", {"where": {"id": {"equals": field("email")}}}, "P2019", None, "of type Int but found User.email"),
        (
            "find_many",
            {"where": {"id": {"equals": field("id", "Post")}}},
            "P2019",
            None,
            "but found a field of model Post",
        ),
        # ordering
        (
            "find_many",
            {"order_by": {"email": "asc", "id": "asc"}},
            "P2009",
            ("order_by",),
            "needs exactly one argument",
        ),
        (
            "find_many",
            {"order_by": {"id": {"sort": "asc", "nulls": "first"}}},
            "P2009",
            ("order_by", "id", "nulls"),
            "optional",
        ),
        ("find_many", {"order_by": {"posts": {"count": "asc"}}}, "P2009", ("order_by", "posts", "count"), "`_count`"),
        # selection
        ("find_many", {"select": {"id": True}, "include": {"posts": True}}, "P2009", (), "not both"),
        ("find_many", {"select": {"id": True}, "omit": {"id": True}}, "P2009", (), "not both"),
        ("find_many", {"select": {}}, "P2009", ("select",), "must not be empty"),
        # cursor
        ("find_many", {"cursor": {"name": "Ann"}}, "P2009", ("cursor",), "needs at least one of"),
        ("find_many", {"cursor": {"posts": 1}}, "P2009", ("cursor", "posts"), "Unknown argument"),
    ],
)
def test_validation_errors(
    operation: str, args: dict[str, Any], code: str, path: tuple[Any, ...] | None, fragment: str
) -> None:
    err = error("User", operation, **args)
    assert err.code == code, err.message
    if path is not None:
        assert err.path == path, err.message
    assert fragment in err.message


def test_unknown_model_suggests_a_name() -> None:
    err = error("Usr", "find_many")
    assert "Did you mean `User`?" in err.message


def test_message_names_the_argument_path() -> None:
    err = error("User", "find_many", where={"posts": {"some": {"titel": "x"}}})
    assert err.message.startswith("Unknown argument `titel` at `where.posts.some.titel`. Did you mean `title`?")
    assert err.meta["path"] == "where.posts.some.titel"


def test_unset_arguments_are_not_given() -> None:
    prepared = ENGINE.prepare("User", "find_many", {"where": UNSET, "take": UNSET, "select": {"id": True}})
    assert "WHERE" not in prepared.sql and "LIMIT" not in prepared.sql


def test_none_for_optional_top_level_arguments_means_not_given() -> None:
    prepared = ENGINE.prepare("User", "find_many", {"where": None, "order_by": None, "take": None})
    assert prepared.sql == ENGINE.prepare("User", "find_many", {}).sql


def test_unknown_operations_are_validation_errors() -> None:
    with pytest.raises(ValidationError, match="Unknown operation `frobnicate`"):
        ENGINE.prepare("User", "frobnicate", {})


@pytest.mark.parametrize(
    ("operation", "args", "code", "fragment"),
    [
        ("group_by", {"by": []}, "P2019", "At least one selection is required for the `by` argument."),
        ("group_by", {}, "P2012", "Argument `by` is missing"),
        ("group_by", {"by": ["last"], "order_by": {"first": "asc"}}, "P2019", "Missing fields: first"),
        ("group_by", {"by": ["last"], "having": {"age": {"gt": 3}}}, "P2019", "Missing fields: age"),
        ("group_by", {"by": ["last"], "take": 1}, "P2019", "orderBy must be included in the by-arguments"),
        ("group_by", {"by": ["lst"]}, "P2009", "Did you mean `last`?"),
        ("aggregate", {"_avg": {"email": True}}, "P2009", "Unknown field `email`"),
        ("aggregate", {"_sum": True}, "P2009", "Expected UserSumAggregateInput"),
        ("aggregate", {"cursor": {"id": 1}, "order_by": {"age": "asc"}}, "P2019", "Unable to process combination"),
        ("count", {"select": {"_al": True}}, "P2009", "Did you mean `_all`?"),
    ],
)
def test_aggregation_errors(operation: str, args: dict[str, Any], code: str, fragment: str) -> None:
    err = error("User", operation, **args)
    assert err.code == code, err.message
    assert fragment in err.message


def test_views_without_unique_fields_need_an_ordering_for_paging() -> None:
    schema = 'generator client {\n  provider        = "refrakt"\n  previewFeatures = ["views"]\n}\n\n'
    schema += "view Person {\n  name String\n  age  Int\n}\n"
    engine = Engine(datamodel("sqlite", schema), "sqlite")
    with pytest.raises(ValidationError) as info:
        engine.prepare("Person", "find_many", {"take": 1})
    assert info.value.code == "P2012" and "It is required because `take` was provided." in info.value.message
    with pytest.raises(ValidationError) as info:
        engine.prepare("Person", "find_many", {"skip": 1, "order_by": {}})
    assert info.value.code == "P2019" and "must not be empty when querying views" in info.value.message
    with pytest.raises(ValidationError) as info:
        engine.prepare("Person", "find_many", {"cursor": {"name": "a"}})
    assert info.value.code == "P2009"
    assert "LIMIT" in engine.prepare("Person", "find_many", {"take": 1, "order_by": {"name": "asc"}}).sql
