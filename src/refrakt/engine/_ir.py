"""The query IR: what a validated call asks for, as frozen dataclasses, with values as slots.

Validation (``_validate*``) turns the keyword arguments of a call into a :class:`ReadQuery`
(or :class:`CountQuery`, :class:`AggregateQuery`, :class:`GroupByQuery`). Every value the
caller gave is a :class:`Slot`: an index into the vector of bound values, which is computed
anew for every call of the same shape. The IR therefore describes the query's *shape* and can
be planned and rendered once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from refrakt.engine._meta import ModelMeta, RelationMeta
from refrakt.ir import Field


@dataclass(frozen=True, slots=True)
class Slot:
    """A bound value: ``values[index]`` of the call."""

    index: int


@dataclass(frozen=True, slots=True)
class Const:
    """A value fixed by the query's shape (not bound per call), e.g. the JSON ``null`` of JsonNull."""

    value: object


@dataclass(frozen=True, slots=True)
class ColumnRef:
    """A field of the same row (``refrakt.field("other")``), in place of a value."""

    field: Field


Operand = Slot | Const | ColumnRef | None
"""A comparison's right side: a bound value, a constant, another column, or SQL NULL."""

# --- filters ------------------------------------------------------------------------------------------

ScalarOp = Literal[
    "eq",
    "ne",
    "lt",
    "lte",
    "gt",
    "gte",
    "in",
    "not_in",
    "contains",
    "not_contains",
    "starts_with",
    "not_starts_with",
    "ends_with",
    "not_ends_with",
    "has_every",
    "has_some",
]
LIKE_OPS = frozenset({"contains", "not_contains", "starts_with", "not_starts_with", "ends_with", "not_ends_with"})
RelationCondition = Literal["some", "every", "none", "is", "is_not"]


@dataclass(frozen=True, slots=True)
class AndFilter:
    items: tuple[Filter, ...]


@dataclass(frozen=True, slots=True)
class OrFilter:
    """Any of ``items``; none at all is false."""

    items: tuple[Filter, ...]


@dataclass(frozen=True, slots=True)
class NotFilter:
    """None of ``items`` (Prisma's ``NOT: [a, b]`` is ``NOT a AND NOT b``)."""

    items: tuple[Filter, ...]


@dataclass(frozen=True, slots=True)
class ConstFilter:
    value: bool


@dataclass(frozen=True, slots=True)
class ScalarFilter:
    """``field <op> value``; for ``in``/``not_in`` the value is a tuple of operands."""

    field: Field
    op: ScalarOp
    value: Operand | tuple[Operand, ...]
    insensitive: bool = False


JsonOp = Literal[
    "eq",
    "ne",
    "is_null",
    "not_null",
    "string_contains",
    "string_starts_with",
    "string_ends_with",
    "array_contains",
    "array_starts_with",
    "array_ends_with",
    "lt",
    "lte",
    "gt",
    "gte",
]


@dataclass(frozen=True, slots=True)
class JsonFilter:
    """A filter on the JSON value of ``field`` (at ``path`` inside it, when given).

    Values are JSON text, except the patterns of the ``string_*`` filters. Under a ``NOT`` the
    type checks of Prisma's ``reverse`` rendering apply (``NOT {string_contains: x}`` keeps only
    strings that do not contain x).
    """

    field: Field
    path: tuple[str | int, ...] | None
    op: JsonOp
    value: Operand = None
    insensitive: bool = False
    numeric: bool = True


@dataclass(frozen=True, slots=True)
class RelationFilter:
    """``some``/``every``/``none`` of a to-many relation, ``is``/``is_not`` of a to-one."""

    relation: RelationMeta
    condition: RelationCondition
    nested: Filter | None


@dataclass(frozen=True, slots=True)
class RelationNullFilter:
    """A to-one relation has no related record (``negated``: it has one)."""

    relation: RelationMeta
    negated: bool = False


@dataclass(frozen=True, slots=True)
class AggregateFilter:
    """``having`` on an aggregate: ``_count``/``_avg``/... of ``field`` compared by ``inner``."""

    function: str
    field: Field
    inner: ScalarFilter


@dataclass(frozen=True, slots=True)
class SearchFilter:
    """Full-text search (``search``): ``fields``, searched as one text, match the query ``query``
    (``negated``: they do not). Searches with the same query in one group are merged into one
    (Prisma's ``merge_search_filters``)."""

    fields: tuple[Field, ...]
    query: Slot
    negated: bool = False


Filter = (
    AndFilter
    | OrFilter
    | NotFilter
    | ConstFilter
    | ScalarFilter
    | JsonFilter
    | RelationFilter
    | RelationNullFilter
    | AggregateFilter
    | SearchFilter
)

# --- ordering -------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OrderItem:
    """One ``order_by`` term: a scalar reached through to-one ``path`` hops, or the ``_count`` of
    the to-many relation ``count`` reached the same way, or an aggregate (``group_by``)."""

    path: tuple[RelationMeta, ...]
    field: Field | None
    desc: bool
    nulls: Literal["first", "last"] | None = None
    count: RelationMeta | None = None
    aggregate: str | None = None
    relevance: SearchFilter | None = None
    """``_relevance``: the full-text score of these fields for this query."""

    @property
    def is_plain_scalar(self) -> bool:
        return not self.path and self.field is not None and self.count is None and self.aggregate is None


# --- reads ------------------------------------------------------------------------------------------------

Count = Slot | int | None


@dataclass(frozen=True, slots=True)
class ReadArgs:
    """Filtering, ordering and paging of one model's records."""

    where: Filter | None = None
    order_by: tuple[OrderItem, ...] = ()
    cursor: tuple[tuple[Field, Slot], ...] = ()
    take: Count = None
    reverse: bool = False
    """``take`` is negative: page backwards (the order is reversed, then the page restored)."""
    skip: Count = None
    distinct: tuple[Field, ...] = ()

    @property
    def paginated(self) -> bool:
        return self.take is not None or self.skip is not None or bool(self.cursor)


@dataclass(frozen=True, slots=True)
class RelationCount:
    relation: RelationMeta
    where: Filter | None = None


@dataclass(frozen=True, slots=True)
class RelationSelection:
    relation: RelationMeta
    args: ReadArgs
    selection: Selection


@dataclass(frozen=True, slots=True)
class CountSelection:
    """``_count: {select: {...}}`` in a selection: a dict of relation counts."""

    items: tuple[RelationCount, ...]


SelectedItem = Field | RelationSelection | CountSelection


@dataclass(frozen=True, slots=True)
class Selection:
    """What a record of ``model`` holds, in output order."""

    model: ModelMeta
    items: tuple[SelectedItem, ...]

    @property
    def scalars(self) -> tuple[Field, ...]:
        return tuple(i for i in self.items if isinstance(i, Field))

    @property
    def relations(self) -> tuple[RelationSelection, ...]:
        return tuple(i for i in self.items if isinstance(i, RelationSelection))

    @property
    def counts(self) -> CountSelection | None:
        for i in self.items:
            if isinstance(i, CountSelection):
                return i
        return None


ReadKind = Literal["unique", "first", "many"]


@dataclass(frozen=True, slots=True)
class ReadQuery:
    model: ModelMeta
    kind: ReadKind
    raise_if_missing: bool
    args: ReadArgs
    selection: Selection


# --- aggregations --------------------------------------------------------------------------------------

AggregateFunction = Literal["_count", "_avg", "_sum", "_min", "_max"]


@dataclass(frozen=True, slots=True)
class AggregateField:
    """One output of an aggregation: ``function`` of ``field`` (``None``: ``_count._all``)."""

    function: AggregateFunction
    field: Field | None
    bare: bool = False
    """``_count=True``: the result is the count itself, not ``{"_all": n}``."""


@dataclass(frozen=True, slots=True)
class CountQuery:
    """``count(...)``: an ``int``, or with ``select`` a dict of per-field counts."""

    model: ModelMeta
    args: ReadArgs
    fields: tuple[AggregateField, ...] | None


@dataclass(frozen=True, slots=True)
class AggregateQuery:
    model: ModelMeta
    args: ReadArgs
    fields: tuple[AggregateField, ...]


@dataclass(frozen=True, slots=True)
class GroupByQuery:
    model: ModelMeta
    by: tuple[Field, ...]
    args: ReadArgs
    having: Filter | None
    fields: tuple[AggregateField, ...]


Query = ReadQuery | CountQuery | AggregateQuery | GroupByQuery
