"""refrakt.sql fragments: values bound (never pasted in), fragments inlined, join/raw/empty."""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from typing import Any

import pytest

from refrakt import Sql, sql


def test_values_become_numbered_parameters() -> None:
    q = sql("SELECT * FROM users WHERE email = {} AND age > {}", "a@x.io", 18)
    assert q.text == "SELECT * FROM users WHERE email = $1 AND age > $2"
    assert q.values == ("a@x.io", 18)


def test_a_malicious_string_stays_a_value() -> None:
    evil = "x'; DROP TABLE users; --"
    q = sql("SELECT * FROM users WHERE name = {}", evil)
    assert evil not in q.text and q.values == (evil,)


def test_numbered_and_named_fields() -> None:
    q = sql("SELECT {1}, {0}, {1}, {name}", "a", "b", name="c")
    assert q.text == "SELECT $1, $2, $3, $4"
    assert q.values == ("b", "a", "b", "c")


def test_nested_fragments_are_inlined_with_their_values() -> None:
    cond = sql("id = {} AND {}", 5, sql("name = {}", "n"))
    q = sql("SELECT * FROM {} WHERE {} LIMIT {}", sql.raw('"User"'), cond, 10)
    assert q.text == 'SELECT * FROM "User" WHERE id = $1 AND name = $2 LIMIT $3'
    assert q.values == (5, "n", 10)


def test_join_binds_values_and_inlines_fragments() -> None:
    q = sql("SELECT * FROM t WHERE id IN ({})", sql.join([1, 2, 3]))
    assert q.text == "SELECT * FROM t WHERE id IN ($1, $2, $3)"
    assert q.values == (1, 2, 3)
    cols = sql.join([sql.raw("a"), sql.raw("b")], separator=" + ", prefix="(", suffix=")")
    assert cols.text == "(a + b)" and cols.values == ()
    with pytest.raises(ValueError, match="at least one"):
        sql.join([])


def test_empty_raw_and_addition() -> None:
    where = sql(" WHERE x = {}", 1)
    assert (sql("SELECT 1") + sql.empty).text == "SELECT 1"
    both = sql("SELECT * FROM t") + where
    assert both.text == "SELECT * FROM t WHERE x = $1" and both.values == (1,)
    with pytest.raises(TypeError):
        _ = sql("SELECT 1") + " OR 1=1"  # type: ignore[operator]
    assert sql.raw("a {} b").text == "a {} b"
    with pytest.raises(TypeError):
        sql.raw(5)  # type: ignore[arg-type]


def test_braces_are_escaped_by_doubling() -> None:
    q = sql("SELECT '{{\"a\": 1}}'::jsonb, {}", 2)
    assert q.text == "SELECT '{\"a\": 1}'::jsonb, $1"


@pytest.mark.parametrize(
    ("template", "args", "kwargs", "error"),
    [
        ("SELECT {}, {}", (1,), {}, IndexError),
        ("SELECT {}", (1, 2), {}, TypeError),
        ("SELECT {}, {0}", (1,), {}, ValueError),
        ("SELECT {!r}", (1,), {}, ValueError),
        ("SELECT {:>5}", (1,), {}, ValueError),
        ("SELECT {x}", (), {}, KeyError),
        ("SELECT {a.b}", (), {"a": 1}, ValueError),
        ("SELECT $1", (), {}, ValueError),
    ],
)
def test_template_mistakes_are_errors(
    template: str, args: tuple[Any, ...], kwargs: dict[str, Any], error: type
) -> None:
    with pytest.raises(error):
        sql(template, *args, **kwargs)


@dataclass
class _Interpolation:
    value: object
    expression: str = "v"
    conversion: str | None = None
    format_spec: str = ""


@dataclass
class _Template:  # what a t-string (string.templatelib.Template) offers
    strings: tuple[str, ...]
    interpolations: tuple[_Interpolation, ...]


def test_t_string_templates() -> None:
    evil = "1 OR 1=1"
    t = _Template(
        ("SELECT * FROM t WHERE id = ", " AND ", ""), (_Interpolation(evil), _Interpolation(sql("x = {}", 2)))
    )
    q = sql(t)
    assert q.text == "SELECT * FROM t WHERE id = $1 AND x = $2"
    assert q.values == (evil, 2)
    with pytest.raises(ValueError, match="conversion"):
        sql(_Template(("a ", ""), (_Interpolation(1, conversion="r"),)))
    with pytest.raises(TypeError):
        sql(t, 1)


def test_fragments_are_immutable_comparable_and_picklable() -> None:
    q = sql("SELECT {}", 1)
    assert q == sql("SELECT {}", 1) and q != sql("SELECT {}", 2)
    assert pickle.loads(pickle.dumps(q)) == q
    with pytest.raises(AttributeError):
        q.values = ()  # type: ignore[misc]
    assert repr(q) == "Sql('SELECT $1', values=[1])"
    assert isinstance(q, Sql) and repr(sql) == "refrakt.sql"
    with pytest.raises(TypeError):
        sql(42)  # type: ignore[arg-type]
