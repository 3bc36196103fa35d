"""``<node>_sql`` methods for statements and their clauses."""

from __future__ import annotations

from refrakt._sql._nodes import Delete, Expr, Insert, IsNull, Join, OnConflict, OrderBy, Select, Update
from refrakt._sql._render_base import Ctx, RendererBase


class StatementsMixin(RendererBase):
    # --- SELECT --------------------------------------------------------------------------------------

    def select_sql(self, node: Select, ctx: Ctx) -> str:
        parts = ["SELECT"]
        if node.distinct is True:
            parts.append("DISTINCT")
        elif isinstance(node.distinct, tuple) and node.distinct:
            if not self.SUPPORTS_DISTINCT_ON:
                raise self.unsupported("DISTINCT ON")
            parts.append(f"DISTINCT ON ({', '.join(self.sql(e, ctx) for e in node.distinct)})")
        parts.append(", ".join(self.sql(c, ctx) for c in node.columns) if node.columns else "*")
        if node.from_ is not None:
            parts.append(f"FROM {self.sql(node.from_, ctx)}")
        parts.extend(self.sql(join, ctx) for join in node.joins)
        if node.where is not None:
            parts.append(f"WHERE {self.sql(node.where, ctx)}")
        if node.group_by:
            parts.append(f"GROUP BY {', '.join(self.sql(e, ctx) for e in node.group_by)}")
        if node.having is not None:
            parts.append(f"HAVING {self.sql(node.having, ctx)}")
        if node.order_by:
            parts.append(f"ORDER BY {', '.join(self.sql(o, ctx) for o in node.order_by)}")
        parts.extend(self.limit_offset(node.limit, node.offset, ctx))
        if node.for_update:
            if not self.SUPPORTS_FOR_UPDATE:
                raise self.unsupported("FOR UPDATE")
            parts.append("FOR UPDATE")
        return " ".join(parts)

    def limit_offset(self, limit: Expr | None, offset: Expr | None, ctx: Ctx) -> list[str]:
        parts: list[str] = []
        if limit is not None:
            parts.append(f"LIMIT {self.sql(limit, ctx)}")
        elif offset is not None and self.LIMIT_ALL is not None:
            parts.append(f"LIMIT {self.LIMIT_ALL}")
        if offset is not None:
            parts.append(f"OFFSET {self.sql(offset, ctx)}")
        return parts

    def join_sql(self, node: Join, ctx: Ctx) -> str:
        if node.kind not in ("INNER", "LEFT", "CROSS"):
            raise ValueError(f"not a join kind: {node.kind!r}")
        text = f"{node.kind} JOIN {self.sql(node.table, ctx)}"
        if node.on is not None:
            text = f"{text} ON {self.sql(node.on, ctx)}"
        return text

    def order_by_sql(self, node: OrderBy, ctx: Ctx) -> str:
        term = f"{self.sql(node.item, ctx)} {'DESC' if node.desc else 'ASC'}"
        if node.nulls is None:
            return term
        if self.SUPPORTS_NULLS_ORDERING:
            return f"{term} NULLS {node.nulls.upper()}"
        # Emulation: NULLs sort as the smallest values; add a leading `x IS NULL` term only when
        # the requested placement differs from that.
        natural = "first" if node.desc != self.NULLS_ARE_SMALLEST else "last"
        if node.nulls == natural:
            return term
        flag = self.sql(IsNull(node.item), ctx)
        return f"{flag} {'DESC' if node.nulls == 'first' else 'ASC'}, {term}"

    # --- INSERT / UPDATE / DELETE ----------------------------------------------------------------------

    def insert_sql(self, node: Insert, ctx: Ctx) -> str:
        conflict = node.on_conflict
        ignore = conflict is not None and conflict.update is None and self.UPSERT_STYLE == "on_duplicate_key"
        parts = ["INSERT IGNORE INTO" if ignore else "INSERT INTO", self.sql(node.table, ctx)]
        if isinstance(node.values, Select):
            if node.columns:
                parts.append(f"({', '.join(self.quote(c) for c in node.columns)})")
            parts.append(self.sql(node.values, ctx))
        elif not node.columns:
            if len(node.values) > 1:
                raise self.unsupported("Insert of several rows without columns")
            parts.append(self.DEFAULT_VALUES_SQL)
        else:
            parts.append(f"({', '.join(self.quote(c) for c in node.columns)})")
            rows: list[str] = []
            for row in node.values:
                if len(row) != len(node.columns):
                    raise ValueError(f"an insert row has {len(row)} values for {len(node.columns)} columns")
                rows.append(f"({', '.join(self.sql(v, ctx) for v in row)})")
            parts.append(f"VALUES {', '.join(rows)}")
        if conflict is not None and not ignore:
            parts.append(self.sql(conflict, ctx))
        parts.extend(self.returning(node.returning, ctx))
        return " ".join(parts)

    def on_conflict_sql(self, node: OnConflict, ctx: Ctx) -> str:
        if self.UPSERT_STYLE == "on_duplicate_key":
            if node.update is None:
                raise self.unsupported("OnConflict without update outside INSERT")
            if node.where is not None:
                raise self.unsupported("OnConflict with a WHERE")
            return f"ON DUPLICATE KEY UPDATE {self.assignments(node.update, ctx)}"
        target = f" ({', '.join(self.quote(c) for c in node.columns)})" if node.columns else ""
        if node.update is None:
            return f"ON CONFLICT{target} DO NOTHING"
        text = f"ON CONFLICT{target} DO UPDATE SET {self.assignments(node.update, ctx)}"
        if node.where is not None:
            text = f"{text} WHERE {self.sql(node.where, ctx)}"
        return text

    def update_sql(self, node: Update, ctx: Ctx) -> str:
        parts = ["UPDATE", self.sql(node.table, ctx), "SET", self.assignments(node.set, ctx)]
        if node.where is not None:
            parts.append(f"WHERE {self.sql(node.where, ctx)}")
        parts.extend(self.returning(node.returning, ctx))
        return " ".join(parts)

    def delete_sql(self, node: Delete, ctx: Ctx) -> str:
        parts = ["DELETE FROM", self.sql(node.table, ctx)]
        if node.where is not None:
            parts.append(f"WHERE {self.sql(node.where, ctx)}")
        parts.extend(self.returning(node.returning, ctx))
        return " ".join(parts)

    def assignments(self, pairs: tuple[tuple[str, Expr], ...], ctx: Ctx) -> str:
        if not pairs:
            raise ValueError("an UPDATE needs at least one assignment")
        return ", ".join(f"{self.quote(column)} = {self.sql(value, ctx)}" for column, value in pairs)

    def returning(self, items: tuple[Expr, ...], ctx: Ctx) -> list[str]:
        if not items:
            return []
        if not self.SUPPORTS_RETURNING:
            raise self.unsupported("RETURNING")
        return [f"RETURNING {', '.join(self.sql(i, ctx) for i in items)}"]
