"""``create`` and ``create_many``: plans of inserts, with the nested writes around them.

A :class:`InsertStep` inserts one record. Before it, its *parent* steps write the records its
foreign keys point to (nested ``create`` / ``connect`` / ``connect_or_create`` on relations
whose foreign key is on this model); after it, its *child* steps write the records that point
to it (to-many and back-relation creates, connects as an ``UPDATE`` of the child's foreign key,
and implicit m:n links in the join table). Plain to-many creates in a row share one multi-row
INSERT, as ``create_many`` (Prisma does the same). Values of a step come from the call (slots), from
the shape (constants), from engine-side defaults (``uuid()``, ``now()``...), or from records
written before (``known``, by field name, in their database form).

The new record's identifier comes back through ``RETURNING`` (SQLite, PostgreSQL), or from the
values it was given, ``LAST_INSERT_ID()`` and a read by primary key (MySQL). The result is then
read like ``find_unique`` with the call's ``select`` / ``include`` / ``omit``. A write with
nested writes runs in a transaction (unless the connection is in one already).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from refrakt._sql import Column, Compare, Insert, Null, OnConflict, Param, Raw, Select, Table, Update, and_
from refrakt.engine._context import Context
from refrakt.engine._defaults import generator
from refrakt.engine._defaults import now as default_now
from refrakt.engine._ir import Const, ReadArgs, ReadQuery, ScalarFilter, Slot
from refrakt.engine._meta import ModelMeta, RelationMeta
from refrakt.engine._plan import ROOT, Columns, Planner, ReadPlan
from refrakt.engine._runtime import KeyedStatement, KeyMarker, LevelPlan, Template
from refrakt.engine._sql_build import SqlBuilder, col, key_condition, table_of
from refrakt.engine._validate import check_arguments, given, parse_selection
from refrakt.engine._validate_create import CreateInput, NestedWrite, parse_create, parse_create_many_rows
from refrakt.errors import KnownRequestError, RecordNotFoundError, RelationViolationError
from refrakt.ir import Field

#: How a column's value is found: (SLOT, index) | (CONST, value) | (GENERATED, fn) | (KNOWN, field name)
#: | (NOW, fn): ``now()`` (``create_many``), computed once per call and shared by its rows.
SLOT, CONST, GENERATED, KNOWN, NOW = 0, 1, 2, 3, 4
Source = tuple[int, Any]


@dataclass(frozen=True, slots=True, eq=False)
class InsertStep:
    model: ModelMeta
    template: Template
    columns: tuple[Field, ...]
    sources: tuple[Source, ...]
    returning: tuple[Field, ...]
    """Fields read back by ``RETURNING`` (databases that have it)."""
    needed: tuple[Field, ...]
    """Fields the steps around this one (and the result) need once the record exists."""
    last_insert_id: Field | None
    uses_returning: bool
    fetch: Template | None
    """Reads ``needed`` by primary key where there is no RETURNING and some are database defaults."""
    fetch_key: tuple[Field, ...]
    parents: tuple[ParentStep, ...]
    children: tuple[ChildStep, ...]
    inherited: tuple[tuple[Field, Field], ...]
    """(this record's foreign key field, the parent's field it takes its value from)."""
    names: tuple[str, ...] = dataclasses.field(init=False, repr=False)
    direct: bool = dataclasses.field(init=False, repr=False)
    """The template's parameters are the columns' values in order (no ``Template.bind`` needed)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "names", tuple(f.name for f in self.columns))
        order = list(range(len(self.columns)))
        object.__setattr__(self, "direct", self.template.bind((), order) == order)

    def params(self, values: Sequence[Any], known: dict[str, Any]) -> list[Any]:
        """The insert's parameters; records given and generated values in ``known``."""
        out = [
            values[what] if kind == SLOT else what if kind == CONST else what() if kind == GENERATED else known[what]
            for kind, what in self.sources
        ]
        known.update(zip(self.names, out, strict=True))
        return out

    def bind(self, values: Sequence[Any], known: dict[str, Any]) -> list[Any]:
        """:meth:`params`, bound to the template."""
        params = self.params(values, known)
        return params if self.direct else self.template.bind((), params)


@dataclass(frozen=True, slots=True, eq=False)
class ParentStep:
    """A nested write on a relation whose foreign key is on the record being created."""

    relation: RelationMeta
    lookup: Template | None
    """``SELECT <referenced fields> FROM <related> WHERE <unique>`` (connect, connect_or_create)."""
    create: InsertStep | None
    release: Template | None = None
    """One-to-one: the record that holds the connected one gives it up first (its unique foreign
    key set to NULL); with a required foreign key that is a P2014 (``holder`` finds it)."""
    holder: Template | None = None


@dataclass(frozen=True, slots=True, eq=False)
class ChildStep:
    """A nested write on a relation whose foreign key (or join table row) is elsewhere."""

    relation: RelationMeta
    create: InsertStep | None = None
    lookup: Template | None = None
    """``SELECT <related ids> FROM <related> WHERE <unique>`` (connect, connect_or_create)."""
    connect: Template | None = None
    """``UPDATE <related> SET <fk> = <parent> WHERE <ids>`` (one-to-x connect)."""
    link: Template | None = None
    """``INSERT INTO <join table> ...`` (m:n), parameters: (this id, related id)."""
    rows: InsertMany | None = None


#: ``create_many``: the rows of one INSERT carry at most this many parameters (PostgreSQL's wire
#: protocol stops at 65535, SQLite's default limit is 32766; Prisma splits at 32766 on PostgreSQL).
MAX_BIND_VALUES = {"mysql": 65535}
DEFAULT_MAX_BIND_VALUES = 32766


class _Fill:
    """How the parameters of one multi-row INSERT are computed, a column at a time: the rows'
    ``width`` parameters are interleaved, so column ``c`` is the slice ``[c::width]``, filled by
    one C-level slice assignment from the call's values (slots), the plan (constants), one
    ``now()`` for the whole call (as Prisma's request-wide ``now()``), or per cell."""

    __slots__ = ("columns", "direct", "size", "template", "width")

    def __init__(self, template: Template, rows: Sequence[tuple[tuple[Field, Source], ...]]) -> None:
        self.template = template
        self.width = width = len(rows[0])
        self.size = size = width * len(rows)
        #: The parameters are the markers in order (always so for an INSERT's VALUES): no ``bind``.
        self.direct = template.bind((), list(range(size))) == list(range(size))
        columns: list[tuple[int, Any]] = []
        for c in range(width):
            sources = [row[c][1] for row in rows]
            kinds = {kind for kind, _ in sources}
            if kinds == {SLOT}:
                columns.append((SLOT, _picker([what for _, what in sources])))
            elif kinds == {CONST}:
                columns.append((CONST, [what for _, what in sources]))
            elif kinds <= {NOW, KNOWN} and len({what for _, what in sources}) == 1:
                columns.append(sources[0])  # the same value in every row
            else:
                columns.append((-1, tuple(sources)))
        self.columns = tuple(columns)

    def params(self, values: Sequence[Any], known: dict[str, Any], now: dict[int, Any]) -> list[Any]:
        width = self.width
        params: list[Any] = [None] * self.size
        for c, (kind, what) in enumerate(self.columns):
            if kind == SLOT:
                params[c::width] = what(values)
            elif kind == CONST:
                params[c::width] = what
            elif kind == NOW:
                params[c::width] = [_now_once(what, now)] * (self.size // width)
            elif kind == KNOWN:
                params[c::width] = [known[what]] * (self.size // width)
            else:
                params[c::width] = [_value(source, values, known, now) for source in what]
        return params if self.direct else self.template.bind((), params)


@dataclass(frozen=True, slots=True, eq=False)
class InsertMany:
    """``create_many``: one multi-row INSERT per run of rows with the same columns (and at most
    ``MAX_BIND_VALUES`` parameters)."""

    statements: tuple[tuple[Template, tuple[tuple[tuple[Field, Source], ...], ...]], ...]
    fills: tuple[_Fill | None, ...] = ()
    """Per statement, how its parameters are computed (``None``: a row without columns)."""

    def batches(self, values: Sequence[Any], known: dict[str, Any]) -> list[tuple[str, list[Any]]]:
        now: dict[int, Any] = {}
        out: list[tuple[str, list[Any]]] = []
        for (template, _), fill in zip(self.statements, self.fills, strict=True):
            out.append((template.sql, fill.params(values, known, now) if fill is not None else []))
        return out


def _picker(indexes: list[int]) -> Callable[[Sequence[Any]], Sequence[Any]]:
    """The values at ``indexes`` (picked in C)."""
    if len(indexes) == 1:
        index = indexes[0]
        return lambda values: (values[index],)
    return itemgetter(*indexes)


def _now_once(make: Callable[[], Any], now: dict[int, Any]) -> Any:
    key = id(make)
    if key not in now:
        now[key] = make()
    return now[key]


def _value(source: Source, values: Sequence[Any], known: dict[str, Any], now: dict[int, Any]) -> Any:
    kind, what = source
    if kind == SLOT:
        return values[what]
    if kind == CONST:
        return what
    if kind == GENERATED:
        return what()
    if kind == NOW:
        return _now_once(what, now)
    return known[what]


@dataclass(frozen=True, slots=True, eq=False)
class CreatePlan:
    root: InsertStep
    read: ReadPlan
    key: tuple[Field, ...]
    transaction: bool


@dataclass(frozen=True, slots=True, eq=False)
class CreateManyPlan:
    rows: InsertMany


@dataclass(frozen=True, slots=True, eq=False)
class CreateManyAndReturnPlan:
    """``create_many_and_return``: the inserts return the new primary keys, then the records are
    read by key (``read``, one statement per chunk of keys) in the order they were inserted."""

    rows: InsertMany
    read: KeyedStatement
    key: tuple[int, ...]
    """Positions of the primary key columns in the rows of ``read``."""
    level: LevelPlan


#: Where the database has no RETURNING (MySQL): the id an AUTO_INCREMENT column was given.
LAST_INSERT_ID = "SELECT LAST_INSERT_ID()"


def _kind(relation: RelationMeta) -> str:
    return relation.relation.kind.replace("_", "-")


def not_found_for_connect(model: str, relation: RelationMeta) -> KnownRequestError:
    """Prisma's error for a nested connect that found nothing, by where the foreign key is."""
    if relation.kind == "fk_here":
        return RecordNotFoundError.because(
            f"No '{relation.related}' record (needed to inline the relation on '{model}' record(s)) was found for a "
            f"nested connect on {_kind(relation)} relation '{relation.relation.name}'.",
            model_name=model,
        )
    if relation.kind == "fk_there" and relation.is_list:
        details = (
            f"Expected 1 records to be connected after connect operation on {_kind(relation)} relation "
            f"'{relation.relation.name}', found 0."
        )
        return KnownRequestError(
            f"The required connected records were not found. {details}", code="P2018", meta={"details": details}
        )
    return RecordNotFoundError.because("Expected 1 records to be connected, found only 0.", model_name=model)


def relation_violation(relation: RelationMeta) -> RelationViolationError:
    """P2014: a write would leave a required relation without its record."""
    return RelationViolationError.between(relation.relation.name, relation.related, relation.model)


def _positional(n: int) -> tuple[Param, ...]:
    return tuple(Param(KeyMarker(i, 0)) for i in range(n))


class WritePlanner:
    """Plans ``create`` and ``create_many`` for one database."""

    def __init__(self, planner: Planner) -> None:
        self.planner = planner
        self.schema = planner.schema
        self.dialect = planner.dialect
        self.codec = planner.codec
        self.returning = bool(self.dialect.SUPPORTS_RETURNING)

    def render(self, node: Any) -> Template:
        return self.planner.render(node)

    # --- create ----------------------------------------------------------------------------------------

    def plan_create(self, ctx: Context, model: ModelMeta, args: dict[str, Any]) -> CreatePlan:
        args = given(args)
        check_arguments(args, ("data", "select", "include", "omit"))
        if args.get("data") is None:
            from refrakt.engine._context import missing_argument

            raise missing_argument(("data",))
        data = parse_create(ctx, model, args["data"], ("data",))
        selection = parse_selection(ctx, model, args, ())
        key = model.primary
        first = len(ctx.binder.values)
        where = and_filters([ScalarFilter(f, "eq", Slot(first + i)) for i, f in enumerate(key)])
        read = self.planner.plan_read(ReadQuery(model, "unique", False, ReadArgs(where=where, take=1), selection))
        root = self.insert_step(data, {f.name for f in key})
        nested = bool(data.parents or data.children)
        return CreatePlan(root, read, key, transaction=nested)

    def insert_step(
        self, data: CreateInput, needed: set[str], inherit: tuple[tuple[Field, Field], ...] = ()
    ) -> InsertStep:
        """``needed`` names the fields read back after the INSERT (names: a Field whose default is a
        list cannot be hashed)."""
        model = data.model
        parents = tuple(self.parent_step(w) for w in data.parents)
        children = self.child_steps(data.children)
        for child in children:
            needed.update(f.name for f in child.relation.this_fields)
        columns: list[Field] = []
        sources: list[Source] = []
        for field, value in data.values:
            columns.append(field)
            sources.append(_source(value))
        written = {f.name for f in columns}
        for write in data.parents:
            for f in write.relation.this_fields:
                if f.name not in written:
                    columns.append(f)
                    sources.append((KNOWN, f.name))
                    written.add(f.name)
        for f in data.inherited:
            if f.name not in written:
                columns.append(f)
                sources.append((KNOWN, f.name))
                written.add(f.name)
        for name, field in model.scalars.items():
            make = generator(field)
            if name not in written and make is not None:
                encode = self.codec.encoder(field)
                columns.append(field)
                sources.append((GENERATED, make if encode is None else _encoded(make, encode)))
                written.add(name)
        table = Table(model.table, schema=model.schema)
        wanted = tuple(f for f in model.scalars.values() if f.name in needed)
        returning: tuple[Field, ...] = ()
        last_insert_id: Field | None = None
        fetch: Template | None = None
        fetch_key: tuple[Field, ...] = ()
        if self.returning:
            returning = wanted
        else:
            unknown = [f for f in wanted if f.name not in written]
            auto = [f for f in unknown if f.default is not None and f.default.function == "autoincrement"]
            if auto:
                last_insert_id = auto[0]
            rest = [f for f in unknown if f is not last_insert_id]
            if rest:
                fetch_key = model.primary
                alias = ROOT
                condition = and_(
                    *(Compare(col(f, alias), "=", Param(KeyMarker(i, 0))) for i, f in enumerate(fetch_key))
                )
                fetch = self.render(Select(tuple(col(f, alias) for f in rest), table_of(model, alias), where=condition))
                returning = tuple(rest)
        statement = Insert(
            table,
            tuple(f.db_name for f in columns),
            (_positional(len(columns)),) if columns else (),
            returning=tuple(Column(f.db_name) for f in returning) if self.returning else (),
        )
        return InsertStep(
            model=model,
            template=self.render(statement),
            columns=tuple(columns),
            sources=tuple(sources),
            returning=returning,
            needed=wanted,
            last_insert_id=last_insert_id,
            uses_returning=self.returning and bool(returning),
            fetch=fetch,
            fetch_key=fetch_key,
            parents=parents,
            children=children,
            inherited=inherit,
        )

    def _lookup(self, model: ModelMeta, where: Any, fields: Sequence[Field]) -> Template:
        builder = SqlBuilder(self.schema)
        condition = builder.condition(where, model, ROOT)
        return self.render(
            Select(tuple(col(f, ROOT) for f in fields), table_of(model, ROOT), where=condition, limit=Raw("1"))
        )

    def parent_step(self, write: NestedWrite) -> ParentStep:
        relation = write.relation
        related = self.schema.model(relation.related)
        lookup = self._lookup(related, write.where, relation.other_fields) if write.where is not None else None
        create = (
            self.insert_step(write.data, {f.name for f in relation.other_fields}) if write.data is not None else None
        )
        release = holder = None
        if lookup is not None and relation.relation.kind == "one_to_one":
            model = self.schema.model(relation.model)
            table = Table(model.table, schema=model.schema)
            same = and_(
                *(Compare(Column(f.db_name), "=", Param(KeyMarker(i, 0))) for i, f in enumerate(relation.this_fields))
            )
            if all(not f.is_required for f in relation.this_fields):
                release = self.render(
                    Update(table, tuple((f.db_name, Null()) for f in relation.this_fields), where=same)
                )
            else:
                holder = self.render(Select((Raw("1"),), table, where=same, limit=Raw("1")))
        return ParentStep(relation, lookup, create, release, holder)

    def child_steps(self, writes: Sequence[NestedWrite]) -> tuple[ChildStep, ...]:
        """The steps of the writes after an insert. A run of two or more plain creates on one
        to-many relation (no nested writes of their own, nothing read back) becomes one multi-row
        INSERT, as Prisma turns a nested ``create: [...]`` into a ``createMany``."""
        steps: list[ChildStep] = []
        i = 0
        while i < len(writes):
            write = writes[i]
            end = i + 1
            if _plain_create(write):
                while end < len(writes) and writes[end].relation is write.relation and _plain_create(writes[end]):
                    end += 1
            if end - i > 1:
                rows = [w.data for w in writes[i:end] if w.data is not None]
                steps.append(ChildStep(write.relation, rows=self.insert_many(rows, False)))
            else:
                steps.append(self.child_step(write))
            i = end
        return tuple(steps)

    def child_step(self, write: NestedWrite) -> ChildStep:
        relation = write.relation
        related = self.schema.model(relation.related)
        if write.kind == "create_many":
            return ChildStep(relation, rows=self.insert_many(write.rows, write.skip_duplicates))
        join = relation.kind == "join_table"
        create = None
        if write.data is not None:
            if join:
                create = self.insert_step(write.data, {f.name for f in relation.other_fields})
            else:
                create = self.insert_step(write.data, set(), inherited_pairs(relation))
        lookup = connect = link = None
        if write.where is not None:
            lookup = self._lookup(related, write.where, related.primary if not join else relation.other_fields)
            if not join:
                assignments = tuple((f.db_name, Param(KeyMarker(i, 0))) for i, f in enumerate(relation.other_fields))
                offset = len(assignments)
                condition = and_(
                    *(
                        Compare(Column(f.db_name), "=", Param(KeyMarker(offset + i, 0)))
                        for i, f in enumerate(related.primary)
                    )
                )
                connect = self.render(Update(Table(related.table, schema=related.schema), assignments, where=condition))
        if join:
            assert relation.join_table is not None and relation.this_column and relation.other_column
            link = self.render(
                Insert(
                    Table(relation.join_table, schema=related.schema),
                    (relation.this_column, relation.other_column),
                    (_positional(2),),
                    on_conflict=OnConflict(),
                )
            )
        return ChildStep(relation, create=create, lookup=lookup, connect=connect, link=link)

    # --- create_many -----------------------------------------------------------------------------------

    def plan_create_many(self, ctx: Context, model: ModelMeta, args: dict[str, Any]) -> CreateManyPlan:
        args = given(args)
        check_arguments(args, ("data", "skip_duplicates"))
        if args.get("data") is None:
            from refrakt.engine._context import missing_argument

            raise missing_argument(("data",))
        skip = args.get("skip_duplicates", False)
        if not isinstance(skip, bool):
            from refrakt.engine._context import wrong_type

            raise wrong_type(("skip_duplicates",), "Boolean", skip)
        rows = parse_create_many_rows(ctx, model, args["data"], ("data",))
        return CreateManyPlan(self.insert_many(rows, skip))

    def plan_create_many_and_return(
        self, ctx: Context, model: ModelMeta, args: dict[str, Any]
    ) -> CreateManyAndReturnPlan:
        """``create_many`` that returns the records; their selection may include to-one relations
        whose foreign key is on the model, as in Prisma (not on MySQL, which has no RETURNING)."""
        from refrakt.engine._context import missing_argument, query_error, unknown_argument, wrong_type
        from refrakt.engine._ir import CountSelection, RelationSelection

        if not self.returning:
            raise query_error((), "`create_many_and_return` is not available on MySQL: the database has no RETURNING")
        args = given(args)
        check_arguments(args, ("data", "skip_duplicates", "select", "include", "omit"))
        if args.get("data") is None:
            raise missing_argument(("data",))
        skip = args.get("skip_duplicates", False)
        if not isinstance(skip, bool):
            raise wrong_type(("skip_duplicates",), "Boolean", skip)
        rows = parse_create_many_rows(ctx, model, args["data"], ("data",))
        selection = parse_selection(ctx, model, args, ())
        allowed = [n for n, r in model.relations.items() if r.kind == "fk_here"]
        for item in selection.items:
            if isinstance(item, RelationSelection) and item.relation.kind != "fk_here":
                where = "select" if args.get("select") is not None else "include"
                raise unknown_argument(item.relation.name, (where, item.relation.name), allowed, what="field")
            if isinstance(item, CountSelection):
                where = "select" if args.get("select") is not None else "include"
                raise unknown_argument("_count", (where, "_count"), allowed, what="field")
        builder = SqlBuilder(self.schema)
        columns = Columns(ROOT)
        level = self.planner.plan_level(selection, builder, columns)
        key = tuple(columns.field(f) for f in model.primary)
        base = Select(tuple(columns.exprs), table_of(model, ROOT))
        key_columns = [col(f, ROOT) for f in model.primary]

        def build(n: int) -> Template:
            return self.render(
                Select(base.columns, base.from_, where=key_condition(key_columns, len(key_columns), n, KeyMarker))
            )

        return CreateManyAndReturnPlan(
            self.insert_many(rows, skip, returning=model.primary), KeyedStatement(build), key, level
        )

    def insert_many(
        self, rows: Sequence[CreateInput], skip_duplicates: bool, returning: tuple[Field, ...] = ()
    ) -> InsertMany:
        shaped: list[tuple[tuple[Field, Source], ...]] = []
        made: dict[str, Source] = {}  # one generator per field: ``now()`` is then shared by the rows
        for row in rows:
            entries: list[tuple[Field, Source]] = [(f, _source(v)) for f, v in row.values]
            written = {f.name for f, _ in entries}
            for f in row.inherited:
                if f.name not in written:
                    entries.append((f, (KNOWN, f.name)))
                    written.add(f.name)
            for name, field in row.model.scalars.items():
                if name in written:
                    continue
                source = made.get(name)
                if source is None:
                    make = generator(field)
                    if make is None:
                        continue
                    encode = self.codec.encoder(field)
                    kind = NOW if make is default_now else GENERATED
                    source = made[name] = (kind, make if encode is None else _encoded(make, encode))
                entries.append((field, source))
            shaped.append(tuple(entries))
        statements: list[tuple[Template, tuple[tuple[tuple[Field, Source], ...], ...]]] = []
        fills: list[_Fill | None] = []
        run: list[tuple[tuple[Field, Source], ...]] = []
        model = rows[0].model if rows else None
        limit = MAX_BIND_VALUES.get(self.dialect.NAME, DEFAULT_MAX_BIND_VALUES)

        def flush() -> None:
            if not run or model is None:
                return
            names = tuple(f.db_name for f, _ in run[0])
            width = len(names)
            values = tuple(tuple(Param(KeyMarker(r * width + i, 0)) for i in range(width)) for r in range(len(run)))
            statement = Insert(
                Table(model.table, schema=model.schema),
                names,
                values if width else (),
                on_conflict=OnConflict() if skip_duplicates else None,
                returning=tuple(Column(f.db_name) for f in returning),
            )
            if width == 0:
                statements.extend((self.render(statement), (row,)) for row in run)
                fills.extend(None for _ in run)
            else:
                template = self.render(statement)
                statements.append((template, tuple(run)))
                fills.append(_Fill(template, run))
            run.clear()

        for shaped_row in shaped:
            if run and (
                tuple(f.name for f, _ in run[0]) != tuple(f.name for f, _ in shaped_row)
                or (len(run) + 1) * len(shaped_row) > limit
            ):
                flush()
            run.append(shaped_row)
        flush()
        return InsertMany(tuple(statements), tuple(fills))


def _plain_create(write: NestedWrite) -> bool:
    """A nested create of a record on the many side of a one-to-many relation, with no nested
    writes of its own: nothing about it is needed after its INSERT."""
    data = write.data
    return (
        write.kind == "create"
        and write.where is None
        and data is not None
        and not data.parents
        and not data.children
        and write.relation.kind == "fk_there"
        and write.relation.is_list
    )


def inherited_pairs(relation: RelationMeta) -> tuple[tuple[Field, Field], ...]:
    """(child foreign key field, parent field) of a relation whose foreign key is on the child."""
    return tuple(zip(relation.other_fields, relation.this_fields, strict=True))


def and_filters(filters: list[ScalarFilter]) -> Any:
    from refrakt.engine._ir import AndFilter

    return filters[0] if len(filters) == 1 else AndFilter(tuple(filters))


def _source(value: Slot | Const | None) -> Source:
    if isinstance(value, Slot):
        return (SLOT, value.index)
    if isinstance(value, Const):
        return (CONST, value.value)
    return (CONST, None)


def _encoded(make: Callable[[], Any], encode: Callable[[Any], Any]) -> Callable[[], Any]:
    return lambda: encode(make())
