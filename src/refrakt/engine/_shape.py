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

The rows of ``create_many`` (and ``create_many_and_return``) are keyed once when they all have
the same keys, in the same order, and one value type per key (:func:`rows_of`): the skeleton
then holds the row count, the keys and the types instead of every row, and the plan binds the
rows a column at a time. Rows that differ, or whose cells are not all bound values
(:class:`NotCompact`), are keyed row by row.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

Path = tuple[str | int, ...]

_DICT = object()
_LIST = object()
_END = object()
_ROWS = object()
_CONTAINERS = frozenset({dict, list, tuple})
#: A list of at least this many rows may be keyed as rows (see :func:`rows_of`).
MIN_ROWS = 8


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


def shape_key(model: str, operation: str, args: Any, leaves: list[Any], rows: str | None = None) -> Hashable:
    """The cache key of a call: its model, its operation and the skeleton of its arguments.

    ``rows`` names a top-level argument (``data`` of ``create_many``) that, when it is a list of
    rows (:func:`rows_of`), is keyed once for all its rows: the skeleton is a marker, the number
    of rows, their keys and their value types (the marker is never a key or a type, and what
    follows it has a fixed length, so the tuple still tells shapes apart). The list is then one
    node of ``leaves`` (its columns, a tuple of lists); its cells are not (the plan binds them a
    column at a time).
    """
    out: list[Any] = [model, operation]
    kind: type[object] = type(args)  # pyright: ignore[reportUnknownVariableType]
    if rows is None or kind is not dict:
        _walk(args, leaves, out)
        return tuple(out)
    leaves.append(args)
    items: dict[Any, Any] = args
    out.append(_DICT)
    for k, v in items.items():
        found = rows_of(v) if k == rows else None
        if found is not None:
            leaves.append(found[2])
            out += (k, _ROWS, len(v), found[0], found[1])
        elif type(v) in _CONTAINERS:  # pyright: ignore[reportUnknownArgumentType]
            out.append(k)
            _walk(v, leaves, out)
        else:
            leaves.append(v)
            out += (k, type(v))  # pyright: ignore[reportUnknownArgumentType]
    out.append(_END)
    return tuple(out)


_as_tuple: Callable[[dict[Any, Any]], tuple[Any, ...]] = tuple

Rows = tuple[tuple[Any, ...], tuple[type, ...], tuple[list[Any], ...]]
"""``(keys, value types, columns)`` of a list of rows: ``columns[c][i]`` is ``rows[i][keys[c]]``."""


def rows_of(value: Any) -> Rows | None:
    """The keys, value types and columns of a list of at least :data:`MIN_ROWS` dicts that all
    have the same keys in the same order and, per key, values of one type that is not a
    container; else ``None``."""
    kind: type[object] = type(value)  # pyright: ignore[reportUnknownVariableType]
    if (kind is not list and kind is not tuple) or len(value) < MIN_ROWS:
        return None
    elements: list[Any] | tuple[Any, ...] = value
    first: dict[Any, Any] = elements[0]
    if type(first) is not dict or not first or set(map(type, elements)) != {dict}:
        return None
    keys: tuple[Any, ...] = tuple(first)
    if any(map(keys.__ne__, map(_as_tuple, elements))):
        return None
    types: list[type] = []
    columns: list[list[Any]] = []
    for k in keys:
        column = list(map(itemgetter(k), elements))
        kinds: set[type] = set(map(type, column))
        if len(kinds) != 1:
            return None
        (kind,) = kinds
        if kind in _CONTAINERS:
            return None
        types.append(kind)
        columns.append(column)
    return keys, tuple(types), tuple(columns)


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


def index_paths(value: Any, rows: str | None = None) -> dict[Path, tuple[int, int]]:
    """``path -> (node index, subtree size)`` in :func:`walk`'s order (:func:`shape_key`'s with
    ``rows``: a list of rows is then one node, without paths for its cells)."""
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
                if not path and rows is not None and k == rows and rows_of(v) is not None:
                    out[(k,)] = (counter[0], 1)
                    counter[0] += 1
                    size += 1
                else:
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


class NotCompact(Exception):
    """The rows of a call cannot be bound a column at a time (a cell that is not a bound value,
    or one that chooses the variant): the call is keyed cell by cell instead."""


@dataclass(frozen=True, slots=True)
class RowCells:
    """The bound cells of a list of rows keyed once (:func:`shape_key`'s ``rows``)."""

    node: int
    """The node index of the rows' columns (see :func:`shape_key`)."""
    keys: tuple[Any, ...]
    types: tuple[type, ...]
    """The type of each key's values (the same in every row: it is part of the key)."""
    cells: dict[int, tuple[int, Any]]
    """``binding index -> (row, key)`` of each cell."""


def shape_entry(
    args: Any,
    leaves: Sequence[Any],
    bound: Sequence[Path],
    discriminators: Sequence[tuple[Path, Callable[[Any], Any]]],
    rows: str | None = None,
) -> tuple[ShapeEntry, tuple[int, ...], RowCells | None]:
    """The entry of a skeleton from its first validation, the node index of each binding (``-1``
    for a cell of the rows), and the rows' cells when ``rows`` were keyed once."""
    positions = index_paths(args, rows)
    found_rows = rows_of(args.get(rows)) if rows is not None and type(args) is dict else None  # pyright: ignore[reportUnknownMemberType]
    covered: set[int] = set()
    nodes: list[int] = []
    cells: dict[int, tuple[int, Any]] = {}
    for j, path in enumerate(bound):
        if found_rows is not None and path and path[0] == rows:
            if len(path) != 3:
                raise NotCompact
            cells[j] = (path[1], path[2])  # pyright: ignore[reportArgumentType]
            nodes.append(-1)
            continue
        index, size = positions[path]
        nodes.append(index)
        covered.update(range(index, index + size))
    row_cells: RowCells | None = None
    if found_rows is not None:
        keys, types, _ = found_rows
        count = len(args[rows])  # pyright: ignore[reportUnknownArgumentType]
        if len(set(cells.values())) != count * len(keys) or len(cells) != count * len(keys):
            raise NotCompact  # a cell that is not a bound value
        if any(len(path) > 1 and path[0] == rows for path, _ in discriminators):
            raise NotCompact
        row_cells = RowCells(positions[(rows,)][0], keys, types, cells)  # pyright: ignore[reportArgumentType]
    structural = tuple(i for i, leaf in enumerate(leaves) if i not in covered and not is_container(leaf))
    found = tuple((positions[path][0], fn) for path, fn in discriminators)
    return ShapeEntry(structural, found), tuple(nodes), row_cells
