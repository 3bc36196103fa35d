"""The per-call work of a planned read, with no I/O: bind parameters, page in memory, build records.

A :class:`Template` is SQL rendered once per query shape, with a recipe for its parameters:
a bound value of the call (a slot), a parent key (nested loads), or a constant. A
:class:`LevelPlan` turns the rows of one level into records (decoding only the columns that
need it); a :class:`NestedPlan` loads one relation of a level for all its parents at once
(``WHERE fk IN (...)``), groups the children by parent and pages each group in memory, as
Prisma's ``InMemoryRecordProcessor`` does. The executor (``_execute_async``) only does the I/O
between these steps.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import itemgetter
from typing import Any

from refrakt._record import Record, set_data
from refrakt.engine._codecs import INLINE
from refrakt.engine._ir import Slot

Row = tuple[Any, ...]
Key = Any

#: Parent keys per nested statement: padded to a power of two (few distinct SQL texts to cache)
#: and split into chunks (far below every database's limit on bound parameters).
MAX_KEYS = 1024


@dataclass(frozen=True, slots=True)
class KeyMarker:
    """A parameter that takes part ``part`` of parent key number ``key`` of a nested load."""

    key: int
    part: int


class Template:
    """Rendered SQL and the recipe of its parameters."""

    __slots__ = ("_pick", "_slots", "_specs", "sql")

    def __init__(self, sql: str, params: Sequence[object]) -> None:
        self.sql = sql
        specs: list[tuple[int, Any, int]] = []
        for p in params:
            if isinstance(p, Slot):
                specs.append((0, p.index, 0))
            elif isinstance(p, KeyMarker):
                specs.append((1, p.key, p.part))
            else:
                specs.append((2, p, 0))
        self._specs = tuple(specs)
        self._slots = tuple(s[1] for s in specs) if all(s[0] == 0 for s in specs) else None
        #: Only slots, two or more of them: picked in C.
        self._pick = itemgetter(*self._slots) if self._slots is not None and len(self._slots) > 1 else None

    def bind(self, values: Sequence[Any], keys: Sequence[Key] | None = None) -> list[Any]:
        pick = self._pick
        if pick is not None:
            return list(pick(values))
        slots = self._slots
        if slots is not None:
            return [values[slots[0]]] if slots else []
        out: list[Any] = []
        for kind, a, b in self._specs:
            if kind == 0:
                out.append(values[a])
            elif kind == 1:
                assert keys is not None
                key = keys[a]
                out.append(key[b] if isinstance(key, tuple) else key)
            else:
                out.append(a)
        return out

    def __repr__(self) -> str:
        return f"Template({self.sql!r})"


def count_value(count: Slot | int | None, values: Sequence[Any]) -> int | None:
    if count is None:
        return None
    return values[count.index] if isinstance(count, Slot) else count


def _hashable(value: Any) -> Any:
    """A hashable stand-in for a column value (Json objects and lists compare by content)."""
    if isinstance(value, (dict, list)):
        return json.dumps(value, sort_keys=True)
    return value


@dataclass(frozen=True, slots=True)
class Paging:
    """Paging done in memory: distinct, then cursor (keep from the cursor row on), skip, take.

    Rows arrive in the query's order (reversed for a negative ``take``); ``reverse`` restores
    the requested order at the end.
    """

    reverse: bool = False
    cursor: tuple[tuple[int, Slot], ...] = ()
    skip: Slot | int | None = None
    take: Slot | int | None = None
    distinct: tuple[int, ...] = ()

    def apply(self, rows: list[Row], values: Sequence[Any]) -> list[Row]:
        if self.distinct:
            seen: set[Any] = set()
            kept: list[Row] = []
            idx = self.distinct
            for row in rows:
                key = tuple(_hashable(row[i]) for i in idx)
                if key not in seen:
                    seen.add(key)
                    kept.append(row)
            rows = kept
        if self.cursor:
            wanted = [(i, values[s.index]) for i, s in self.cursor]
            for pos, row in enumerate(rows):
                if all(row[i] == v for i, v in wanted):
                    rows = rows[pos:]
                    break
            else:
                rows = []
        skip = count_value(self.skip, values) or 0
        take = count_value(self.take, values)
        if skip or take is not None:
            rows = rows[skip : None if take is None else skip + take]
        if self.reverse:
            rows = rows[::-1]
        return rows


# --- records ------------------------------------------------------------------------------------------

_new = object.__new__

_SET_DATA = set_data
#: Runs an iterator to its end in C (``deque(maxlen=0)``): the records get their data with no Python loop.
_consume = deque[Any](maxlen=0).extend

SCALAR, RELATION, COUNTS, LIST = 0, 1, 2, 3


def make_record(cls: type[Record], data: dict[str, Any]) -> Record:
    """A record over ``data`` itself (no copy): nested loads fill its relation keys afterwards."""
    record = _new(cls)
    set_data(record, data)
    return record


Item = tuple[int, str, Any, "Callable[[Any], Any] | None"]
Builder = Callable[[Sequence[Row]], tuple[list[dict[str, Any]], list[Record]]]


def compile_builder(record_class: type[Record], items: tuple[Item, ...]) -> Builder:
    """A function from rows to ``(dicts, records)``, generated for one layout of columns.

    Each record is one dict display, ``{"id": r[0], "createdAt": <decode v1> if v1 is not None
    else None, ...}``, in one comprehension over the rows: no loop over the columns and no
    per-column call at run time. A column that needs decoding is bound once per row
    (``for v1 in (r[1],)``, which Python compiles to a plain assignment) and decoded by the
    codec's inline expression (``_codecs.INLINE``) or a call of its decoder; the other columns
    are copied as they are. Names and positions come from the schema and the plan; they are
    written with ``repr``.
    """
    namespace: dict[str, Any] = {
        "_new": _new,
        "_set_data": _SET_DATA,
        "_cls": record_class,
        "_int": int,
        "_map": map,
        "_repeat": repeat,
        "_consume": _consume,
    }
    parts: list[str] = []
    bound: dict[int, str] = {}

    def value(index: int) -> str:
        name = bound.get(index)
        if name is None:
            name = bound[index] = f"v{index}"
        return name

    def decoded(n: int, decode: Callable[[Any], Any], index: int) -> str:
        v = value(index)
        form = INLINE.get(decode)
        if form is None:
            namespace[f"_d{n}"] = decode
            return f"_d{n}({v})"
        template, names = form
        namespace.update(names)
        return "(" + template.format(v=v) + ")"

    for n, (kind, name, column, decode) in enumerate(items):
        key = repr(name)
        if kind == SCALAR:
            index = int(column)
            if decode is None:
                parts.append(f"{key}: r[{index}]")
            else:
                parts.append(f"{key}: {decoded(n, decode, index)} if {value(index)} is not None else None")
        elif kind == LIST:  # a scalar list: NULL (never set) reads as an empty list, as in Prisma
            index = int(column)
            parts.append(f"{key}: {decoded(n, decode or list, index)} if {value(index)} is not None else []")
        elif kind == RELATION:
            parts.append(f"{key}: None")
        else:
            counts = ", ".join(f"{rel!r}: _int(r[{int(c)}] or 0)" for rel, c in column)
            parts.append(f"{key}: {{{counts}}}")
    bindings = "".join(f" for {name} in (r[{index}],)" for index, name in bound.items())
    assignments = "".join(f"        {name} = r[{index}]\n" for index, name in bound.items())
    display = f"{{{', '.join(parts)}}}"
    source = (
        "def build(rows):\n"
        "    if len(rows) == 1:\n"  # find_unique and friends: no comprehension, no maps
        "        r = rows[0]\n"
        f"{assignments}"
        f"        d = {display}\n"
        "        record = _new(_cls)\n"
        "        _set_data(record, d)\n"
        "        return [d], [record]\n"
        f"    dicts = [{display} for r in rows{bindings}]\n"
        "    records = [*_map(_new, _repeat(_cls, len(dicts)))]\n"
        "    _consume(_map(_set_data, records, dicts))\n"
        "    return dicts, records\n"
    )
    exec(compile(source, f"<refrakt records of {record_class.__model__}>", "exec"), namespace)
    return namespace["build"]


@dataclass(frozen=True, slots=True, eq=False)
class LevelPlan:
    """How the rows of one level become records.

    ``items`` are in output order: ``(SCALAR, name, column, decode)``, ``(RELATION, name, 0,
    None)`` (filled by a nested load) or ``(COUNTS, "_count", columns, None)`` with
    ``columns`` a tuple of ``(relation name, column)``. ``build`` is compiled from them.
    """

    record_class: type[Record]
    items: tuple[Item, ...]
    build: Builder
    relations: tuple[NestedPlan, ...] = ()

    @classmethod
    def make(
        cls, record_class: type[Record], items: tuple[Item, ...], relations: tuple[NestedPlan, ...] = ()
    ) -> LevelPlan:
        return cls(record_class, items, compile_builder(record_class, items), relations)


@dataclass(frozen=True, slots=True, eq=False)
class NestedPlan:
    """Loads the relation ``name`` for all the parents of a level in one statement per chunk."""

    name: str
    to_one: bool
    parent_key: tuple[int, ...]
    child_key: tuple[int, ...]
    statement: KeyedStatement
    level: LevelPlan
    paging: Paging | None = None

    def parent_keys(self, rows: Sequence[Row]) -> list[Key]:
        """The distinct, non-NULL keys of the parents, in first-seen order."""
        idx = self.parent_key
        if len(idx) == 1:
            i = idx[0]
            return [k for k in dict.fromkeys(row[i] for row in rows) if k is not None]
        keys = dict.fromkeys(tuple(row[i] for i in idx) for row in rows)
        return [k for k in keys if None not in k]

    def statements(self, keys: list[Key], values: Sequence[Any]) -> Iterator[tuple[str, list[Any]]]:
        for start in range(0, len(keys), MAX_KEYS):
            chunk = keys[start : start + MAX_KEYS]
            template = self.statement.for_keys(len(chunk))
            size = self.statement.bucket(len(chunk))
            padded = chunk + [chunk[-1]] * (size - len(chunk))
            yield template.sql, template.bind(values, padded)

    def group(self, rows: Sequence[Row], values: Sequence[Any]) -> tuple[list[Row], dict[Key, tuple[int, int]]]:
        """The children kept (paged per parent) and, per parent key, their slice of that list."""
        idx = self.child_key
        by_key: dict[Key, list[Row]] = {}
        if len(idx) == 1:
            i = idx[0]
            for row in rows:
                by_key.setdefault(row[i], []).append(row)
        else:
            for row in rows:
                by_key.setdefault(tuple(row[i] for i in idx), []).append(row)
        kept: list[Row] = []
        groups: dict[Key, tuple[int, int]] = {}
        paging = self.paging
        for key, group in by_key.items():
            if paging is not None:
                group = paging.apply(group, values)
            start = len(kept)
            kept.extend(group)
            groups[key] = (start, len(kept))
        return kept, groups

    def attach(
        self,
        parent_rows: Sequence[Row],
        parent_dicts: Sequence[dict[str, Any]],
        groups: dict[Key, tuple[int, int]],
        children: list[Record],
    ) -> None:
        idx = self.parent_key
        name = self.name
        get = groups.get
        none = (0, 0)
        if len(idx) == 1:
            i = idx[0]
            keys: Iterator[Key] = (row[i] for row in parent_rows)
        else:
            keys = (tuple(row[i] for i in idx) for row in parent_rows)
        if self.to_one:
            for key, data in zip(keys, parent_dicts, strict=True):
                start, end = get(key, none)
                data[name] = children[start] if end > start else None
        else:
            for key, data in zip(keys, parent_dicts, strict=True):
                start, end = get(key, none)
                data[name] = children[start:end]


class KeyedStatement:
    """A nested load's SQL, rendered once per number of parent keys (a power of two)."""

    __slots__ = ("_build", "_cache")

    def __init__(self, build: Callable[[int], Template]) -> None:
        self._build = build
        self._cache: dict[int, Template] = {}

    @staticmethod
    def bucket(n: int) -> int:
        size = 1
        while size < n:
            size *= 2
        return size

    def for_keys(self, n: int) -> Template:
        size = self.bucket(n)
        template = self._cache.get(size)
        if template is None:
            template = self._build(size)
            self._cache[size] = template
        return template
