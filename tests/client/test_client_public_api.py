"""The public names of ``refrakt``: sorted ``__all__``, lazy attributes, the Json null markers,
field references and UNSET."""

from __future__ import annotations

import copy
import pickle
import subprocess
import sys

import pytest

import refrakt
from refrakt._markers import UNSET, FieldRef, NullMarker


def test_all_is_sorted_and_complete() -> None:
    assert refrakt.__all__ == sorted(refrakt.__all__)
    for name in ("AnyNull", "AsyncClient", "Client", "DbNull", "JsonNull", "Record", "errors", "field", "sql"):
        assert name in refrakt.__all__
    for name in refrakt.__all__:
        assert getattr(refrakt, name) is not None
    assert refrakt.migrate.push is not None and refrakt.schema.parse is not None
    with pytest.raises(AttributeError):
        _ = refrakt.nope  # type: ignore[attr-defined]


def test_import_refrakt_does_not_load_the_clients_or_the_schema_parser() -> None:
    code = "import sys, refrakt; print('refrakt.client' in sys.modules, 'refrakt.schema' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_null_markers_are_distinct_singletons() -> None:
    markers = [refrakt.DbNull, refrakt.JsonNull, refrakt.AnyNull]
    assert len(set(markers)) == 3 and all(isinstance(m, NullMarker) for m in markers)
    for m in markers:
        assert pickle.loads(pickle.dumps(m)) is m and copy.deepcopy(m) is m
        assert m is not None and m != "DbNull"
    assert repr(refrakt.DbNull) == "refrakt.DbNull"


def test_field_references_are_frozen_values() -> None:
    ref = refrakt.field("list_price")
    assert isinstance(ref, FieldRef) and ref == FieldRef("list_price") and ref.model is None
    assert hash(ref) == hash(refrakt.field("list_price"))
    assert repr(ref) == "refrakt.field('list_price')"
    with pytest.raises(AttributeError):
        ref.name = "other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        refrakt.field("")


def test_unset_is_falsy_and_not_none() -> None:
    assert not UNSET and UNSET is not None and repr(UNSET) == "UNSET"
