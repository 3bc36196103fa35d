"""Query shapes: the cache key of a call, and the values a cached plan binds.

:func:`walk` turns a call's arguments into a *skeleton* (dicts with their keys in order, lists
with their lengths, and each scalar replaced by its type) and the list of every node in
pre-order (the *leaves*). Two calls with the same skeleton differ only in scalar values.

Which of those scalars are bound values and which change the SQL (``"desc"``, ``True`` in a
``select``, ``"insensitive"``) is learnt from the first validation of the skeleton: the
bindings the validator made, by argument path. A :class:`ShapeEntry` keeps the node index of
each binding; the other scalars (and what a few bound values say about the plan, such as the
sign of ``take``) select a variant of the shape. A call that hits a variant converts its bound
values and runs; no validation, planning or rendering happens again.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

Path = tuple[str | int, ...]

_DICT = object()
_LIST = object()
_END = object()
_CONTAINERS = frozenset({dict, list, tuple})


def walk(value: Any, leaves: list[Any]) -> Hashable:
    """The skeleton of ``value``; appends every node of it to ``leaves`` in pre-order.

    The skeleton is one flat tuple, cheaper to build and to hash than nested tuples: a dict is a
    marker, each key followed by its value's skeleton, and an end marker; a list likewise
    without keys; a scalar is its type. The markers are private objects (never a key, never a
    type), so two different skeletons never give the same tuple.
    """
    out: list[Any] = []
    _walk(value, leaves, out)
    return tuple(out)


def shape_key(model: str, operation: str, args: Any, leaves: list[Any]) -> Hashable:
    """The cache key of a call: its model, its operation and the skeleton of its arguments."""
    out: list[Any] = [model, operation]
    _walk(args, leaves, out)
    return tuple(out)


def _walk(value: Any, leaves: list[Any], out: list[Any]) -> None:
    leaves.append(value)
    kind: type[object] = type(value)  # pyright: ignore[reportUnknownVariableType]
    if kind is dict:
        items: dict[Any, Any] = value
        out.append(_DICT)
        for k, v in items.items():
            child: type[object] = type(v)  # pyright: ignore[reportUnknownVariableType]
            if child in _CONTAINERS:
                out.append(k)
                _walk(v, leaves, out)
            else:  # a scalar, without a call: most arguments end in dicts of scalars
                leaves.append(v)
                out += (k, child)
        out.append(_END)
    elif kind is list or kind is tuple:
        elements: list[Any] | tuple[Any, ...] = value
        out.append(_LIST)
        for v in elements:
            child = type(v)  # pyright: ignore[reportUnknownVariableType]
            if child in _CONTAINERS:
                _walk(v, leaves, out)
            else:
                leaves.append(v)
                out.append(child)
        out.append(_END)
    else:
        out.append(kind)


def index_paths(value: Any) -> dict[Path, tuple[int, int]]:
    """``path -> (node index, subtree size)`` in :func:`walk`'s order."""
    out: dict[Path, tuple[int, int]] = {}
    counter = [0]

    def visit(node: Any, path: Path) -> int:
        index = counter[0]
        counter[0] += 1
        size = 1
        kind: type[object] = type(node)  # pyright: ignore[reportUnknownVariableType]
        if kind is dict:
            items: dict[Any, Any] = node
            for k, v in items.items():
                size += visit(v, (*path, k))
        elif kind is list or kind is tuple:
            elements: list[Any] | tuple[Any, ...] = node
            for i, v in enumerate(elements):
                size += visit(v, (*path, i))
        out[path] = (index, size)
        return size

    visit(value, ())
    return out


def is_container(value: Any) -> bool:
    kind: type[object] = type(value)  # pyright: ignore[reportUnknownVariableType]
    return kind is dict or kind is list or kind is tuple


@dataclass(slots=True, eq=False)
class ShapeEntry:
    """What is known of one skeleton: where its bound values are, and its planned variants."""

    structural: tuple[int, ...]
    """Nodes whose values choose the variant (scalars that are not bound values)."""
    discriminators: tuple[tuple[int, Callable[[Any], Any]], ...]
    """Bound values that also choose the variant, through a function of them."""
    variants: dict[Hashable, Any] = field(default_factory=dict[Hashable, Any])
    fixed: bool = field(init=False)
    """No value chooses the variant: its key is always ``()``."""

    def __post_init__(self) -> None:
        self.fixed = not self.structural and not self.discriminators

    def variant_key(self, leaves: Sequence[Any]) -> Hashable:
        key = tuple([leaves[i] for i in self.structural])
        if self.discriminators:
            key += tuple([fn(leaves[i]) for i, fn in self.discriminators])
        return key


def shape_entry(
    args: Any,
    leaves: Sequence[Any],
    bound: Sequence[Path],
    discriminators: Sequence[tuple[Path, Callable[[Any], Any]]],
) -> tuple[ShapeEntry, tuple[int, ...]]:
    """The entry of a skeleton from its first validation, and the node index of each binding."""
    positions = index_paths(args)
    covered: set[int] = set()
    nodes: list[int] = []
    for path in bound:
        index, size = positions[path]
        nodes.append(index)
        covered.update(range(index, index + size))
    structural = tuple(i for i, leaf in enumerate(leaves) if i not in covered and not is_container(leaf))
    found = tuple((positions[path][0], fn) for path, fn in discriminators)
    return ShapeEntry(structural, found), tuple(nodes)
