"""``speed_up_init`` keeps a frozen, slotted dataclass exactly as it was, only faster to build."""

from __future__ import annotations

import dataclasses
import inspect

import pytest

from refrakt.diagnostics import Span
from refrakt.ir._model import DataModel, Field, FrozenMap
from refrakt.psl import ast
from refrakt.psl._fast_init import speed_up_init


@dataclasses.dataclass(frozen=True, slots=True)
class _Plain:
    a: int
    b: str = "b"
    c: list[int] = dataclasses.field(default_factory=list[int])


@dataclasses.dataclass(frozen=True, slots=True)
class _Reference:  # the same class, left as dataclasses made it
    a: int
    b: str = "b"
    c: list[int] = dataclasses.field(default_factory=list[int])


speed_up_init(_Plain)


def test_same_defaults_equality_hash_repr_and_frozenness() -> None:
    assert _Plain(1) == _Plain(1, "b", [])
    assert _Plain(1).c is not _Plain(1).c  # a fresh default per instance
    assert _Plain(a=2, c=[3]).c == [3]
    assert repr(_Plain(1)) == repr(_Reference(1)).replace("_Reference", "_Plain")
    assert hash(ast.Identifier("x", Span(0, 1))) == hash(ast.Identifier("x", Span(0, 1)))
    with pytest.raises(dataclasses.FrozenInstanceError):
        ast.Identifier("x", Span(0, 1)).name = "y"  # type: ignore[misc]
    with pytest.raises(TypeError):
        _Plain()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        _Plain(1, "b", [], 4)  # type: ignore[call-arg]
    assert dataclasses.replace(_Plain(1), b="z") == _Plain(1, "z")


def test_signature_is_the_dataclass_one() -> None:
    assert str(inspect.signature(_Plain)).replace("_Plain", "") == str(inspect.signature(_Reference)).replace(
        "_Reference", ""
    )
    assert str(inspect.signature(DataModel)).endswith(
        "composite_types: 'FrozenMap[str, CompositeType]' = <factory>, relations: 'tuple[Relation, ...]' = (), "
        "relation_mode: 'str' = 'foreignKeys') -> None"
    )
    model = DataModel(None, FrozenMap(), FrozenMap())
    assert model.composite_types == FrozenMap() and model.relation_mode == "foreignKeys"
    assert Field("a", "a", "scalar", "Int", is_list=False, is_required=True).is_id is False


def test_only_plain_frozen_slotted_dataclasses_qualify() -> None:
    @dataclasses.dataclass(frozen=True)
    class NoSlots:
        a: int

    @dataclasses.dataclass(frozen=True, slots=True)
    class PostInit:
        a: int

        def __post_init__(self) -> None: ...

    @dataclasses.dataclass(frozen=True, slots=True)
    class KwOnly:
        a: int = dataclasses.field(kw_only=True)

    for cls in (NoSlots, PostInit, KwOnly, int):
        with pytest.raises(TypeError):
            speed_up_init(cls)
