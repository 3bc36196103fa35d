"""The magic reformat: what ``prisma format`` adds to a valid schema's relations.

Prisma's ``psl_core::reformat`` computes *missing bits* — ``(offset, text)`` insertions into the
original source — and only then lays the enriched text out. For every inline (1:1 or 1:n)
relation, in the order the relations were found:

1. a missing back-relation field on the referenced model (``posts Post[]``, with ``@ignore``
   when the referencing model is ignored), a missing forward relation field with its
   ``@relation(fields, references)``, and the missing underlying scalar fields (named
   ``<model><Field>``, typed and native-typed after the referenced field);
2. a missing ``@relation(fields: [...], references: [...])`` on a forward field without one;
3. missing ``fields`` / ``references`` arguments in an existing ``@relation``.

All of it only when the schema has no parse or resolution errors: the gate is the parser database
(:func:`refrakt.psl.db.build_database`), which also provides the relations (:mod:`._db_view`).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from refrakt.diagnostics import Diagnostics, Span
from refrakt.psl import ast
from refrakt.psl.format._inflect import lower_first, to_camel_case, to_plural, upper_first
from refrakt.psl.format._relations import ModelInfo, Relation, SchemaInfo
from refrakt.psl.parser import parse_schema

__all__ = ["MissingBit", "missing_bits"]

MissingBit = tuple[int, str]  # (offset in the file, text to insert there)


def missing_bits(sources: Sequence[str]) -> dict[int, list[MissingBit]]:
    """The insertions per file index; empty when the schema has errors or nothing is missing."""
    diagnostics = Diagnostics()
    asts = [parse_schema(text, diagnostics, file_id) for file_id, text in enumerate(sources)]
    if diagnostics.has_errors:
        return {}
    schema = _schema_info(sources, asts)
    if schema is None:
        return {}
    return _Magic(schema, sources).run()


def _schema_info(sources: Sequence[str], asts: list[ast.SchemaAst]) -> SchemaInfo | None:
    """The schema as the parser database resolves it; None when the database reports errors.

    Should the database fail on this schema (a bug), the formatter still lays the schema out,
    without completing relations, and says so on the ``refrakt`` logger.
    """
    try:
        from refrakt.diagnostics import SourceFile
        from refrakt.psl.db import SchemaFile, build_database
        from refrakt.psl.format._db_view import schema_from_database

        diagnostics = Diagnostics()
        files = [
            SchemaFile(f"schema{i}.prisma", SourceFile(f"schema{i}.prisma", text), tree)
            for i, (text, tree) in enumerate(zip(sources, asts, strict=True))
        ]
        db = build_database(files, diagnostics)
        if diagnostics.has_errors:
            return None
        return schema_from_database(db)
    except Exception:  # a bug in the database must not cost the user the layout
        logging.getLogger("refrakt").exception("format: relation completion skipped")
        return None


@dataclass(frozen=True, slots=True)
class _Inferred:
    """A scalar field the referencing side should have (Prisma's ``InferredScalarField``)."""

    name: str
    arity: ast.FieldArity
    builtin: str | None  # the built-in scalar type, None when it is not one
    blueprint_model: int  # the referenced model and field the scalar field is modelled on
    blueprint: int


class _Magic:
    def __init__(self, schema: SchemaInfo, sources: Sequence[str]) -> None:
        self.schema = schema
        self.models = schema.models
        self.sources = sources
        self.bits: dict[int, list[MissingBit]] = {}

    def run(self) -> dict[int, list[MissingBit]]:
        inline = [r for r in self.schema.relations if r.is_inline]
        for relation in inline:
            self._missing_relation_fields(relation)
            self._missing_scalar_fields(relation)
        for relation in inline:
            self._missing_relation_attribute(relation)
        for relation in inline:
            self._missing_relation_arguments(relation)
        for bits in self.bits.values():
            bits.sort(key=lambda bit: bit[0])  # stable: equal offsets keep their order
        return self.bits

    def _add(self, file_id: int, position: int, content: str) -> None:
        self.bits.setdefault(file_id, []).append((position, content))

    def _block_end(self, model: ModelInfo) -> tuple[int, int]:
        """Where fields are added: the closing brace of the model."""
        return model.file_id, model.ast_model.span.end - 1

    # --- walkers ---------------------------------------------------------------------------------

    def _infer_scalar_fields(self, relation: Relation) -> list[_Inferred]:
        """The referencing scalar fields, after the referenced model's first unique criteria."""
        referenced = self.models[relation.model_b]
        referencing = self.models[relation.model_a]
        criterias = referenced.unique_criterias
        if not criterias:
            return []
        out: list[_Inferred] = []
        for index in criterias[0]:
            blueprint = referenced.scalar_fields[index]
            name = lower_first(referenced.name) + upper_first(blueprint.name)
            existing = referencing.scalar_named(name)
            if existing is not None:
                out.append(_Inferred(name, existing.arity, existing.builtin, relation.model_b, index))
            else:
                forward = relation.field_a
                arity = forward.arity if forward is not None else ast.FieldArity.OPTIONAL
                out.append(_Inferred(name, arity, blueprint.builtin, relation.model_b, index))
        return out

    def _referenced_field_names(self, relation: Relation) -> list[str]:
        """``referenced_fields()``: the forward field's ``references``, else the first strict criteria."""
        referenced = self.models[relation.model_b]
        forward = relation.field_a
        if forward is not None and forward.references is not None:
            return [referenced.scalar_fields[i].name for i in forward.references]
        for criteria in referenced.unique_criterias:
            fields = [referenced.scalar_fields[i] for i in criteria]
            if not any(f.arity.is_optional or f.is_unsupported for f in fields):
                return [f.name for f in fields]
        return []

    def _fields_argument(self, relation: Relation) -> str:
        return "fields: [" + ", ".join(f.name for f in self._infer_scalar_fields(relation)) + "]"

    def _references_argument(self, relation: Relation) -> str:
        return "references: [" + ", ".join(self._referenced_field_names(relation)) + "]"

    # --- the three passes ---------------------------------------------------------------------------

    def _missing_relation_fields(self, relation: Relation) -> None:
        referencing = self.models[relation.model_a]
        referenced = self.models[relation.model_b]
        if relation.field_b is None:
            ignore = "@ignore" if referencing.is_ignored else ""
            if relation.kind == "one_to_one":
                arity, field_name = "?", to_camel_case(referencing.name)
            else:
                arity, field_name = "[]", to_plural(to_camel_case(referencing.name))
            file_id, position = self._block_end(referenced)
            self._add(file_id, position, f"{field_name} {referencing.name}{arity} {ignore}\n")
        if relation.field_a is None:
            optional = any(f.arity.is_optional for f in self._infer_scalar_fields(relation))
            arity = "?" if optional else ""
            field_name = to_camel_case(referenced.name)
            fields_arg = self._fields_argument(relation)
            references_arg = self._references_argument(relation)
            file_id, position = self._block_end(referencing)
            self._add(
                file_id,
                position,
                f"{field_name} {referenced.name}{arity} @relation({fields_arg}, {references_arg})\n",
            )

    def _missing_scalar_fields(self, relation: Relation) -> None:
        forward = relation.field_a
        if forward is not None and forward.fields is not None:
            return
        referencing = self.models[relation.model_a]
        existing = {f.name for f in referencing.scalar_fields}
        file_id, position = self._block_end(referencing)
        for field in self._infer_scalar_fields(relation):
            if field.name in existing:
                continue
            if field.builtin is None:
                return  # Prisma stops at the first field that is not a built-in scalar
            arity = {ast.FieldArity.REQUIRED: "", ast.FieldArity.OPTIONAL: "?", ast.FieldArity.LIST: "[]"}[field.arity]
            blueprint = self.models[field.blueprint_model]
            native = blueprint.scalar_fields[field.blueprint].native_type
            attributes = self._source(blueprint.file_id, native) if native is not None else ""
            self._add(file_id, position, f"{field.name} {field.builtin}{arity} {attributes}\n")

    def _missing_relation_attribute(self, relation: Relation) -> None:
        forward = relation.field_a
        if forward is None or forward.relation_attribute is not None:
            return
        content = f" @relation({self._fields_argument(relation)}, {self._references_argument(relation)})"
        file_id = self.models[forward.model].file_id
        type_end = forward.ast_field.field_type.span.end
        self._add(file_id, _after_type(self.sources[file_id], type_end), content)

    def _missing_relation_arguments(self, relation: Relation) -> None:
        forward = relation.field_a
        if forward is None or forward.relation_attribute is None:
            return
        attribute = forward.relation_attribute
        extra: list[str] = []
        if forward.fields is None:
            extra.append(self._fields_argument(relation))
        if forward.references is None:
            extra.append(self._references_argument(relation))
        joined = ", ".join(extra)
        file_id = self.models[forward.model].file_id
        if attribute.arguments.arguments:
            self._add(file_id, attribute.span.end - 1, ", " + joined)
        else:
            self._add(file_id, attribute.span.end, "(" + joined + ")")

    def _source(self, file_id: int, span: Span) -> str:
        return self.sources[file_id][span.start : span.end]


def _after_type(source: str, type_end: int) -> int:
    """The offset after a field type's ``[]``, ``?`` and ``!`` characters."""
    position = type_end
    while position < len(source) and source[position] in "[]?!":
        position += 1
    return position
