"""The attribute-validation state machine shared by every attribute pass.

Every attribute on every model, field, enum and composite type field goes through
:class:`AttributeVisitor`: a pass *visits* the attributes it understands, then *visits* their
arguments; whatever is left over is reported (``Attribute not known``, ``No such argument.``),
so no attribute or argument can be silently ignored. The rules for duplicates, unnamed
arguments, empty arguments and trailing commas live here, once.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, field

from refrakt.diagnostics import Diagnostics, Span
from refrakt.psl import ast
from refrakt.psl.db._types import AttributeContainer, AttributeId


class ArgumentError(Exception):
    """A missing or conflicting argument; carries the diagnostic to report."""

    def __init__(self, message: str, span: Span) -> None:
        super().__init__(message)
        self.message = message
        self.span = span


@dataclass
class AttributeVisitor:
    diagnostics: Diagnostics
    _container: AttributeContainer | None = None
    _attributes: tuple[ast.Attribute, ...] = ()
    _unused: set[int] = field(default_factory=set[int])
    _current: int | None = None
    _args: dict[str | None, int] = field(default_factory=dict[str | None, int])
    # attribute name -> its indexes in `_attributes`, in order (the visits look attributes up by name)
    _by_name: dict[str, list[int]] = field(default_factory=dict[str, list[int]])

    # --- attribute sets ---------------------------------------------------------------------

    def visit_attributes(self, container: AttributeContainer, attributes: tuple[ast.Attribute, ...]) -> None:
        """Start validating one attribute list (a model's, a field's, ...)."""
        assert self._container is None and not self._unused, "previous attribute set not finished"
        self._container = container
        self._attributes = attributes
        self._unused = set(range(len(attributes)))
        by_name: dict[str, list[int]] = {}
        for i, a in enumerate(attributes):
            by_name.setdefault(a.name.name, []).append(i)
        self._by_name = by_name

    def validate_visited_attributes(self) -> None:
        """Finish the attribute list: every attribute nobody visited is unknown."""
        assert self._current is None and not self._args, "an attribute is still under validation"
        if self._unused:
            for idx in sorted(self._unused):
                attr = self._attributes[idx]
                self.diagnostics.error(f'Attribute not known: "@{attr.name.name}".', attr.span)
            self._unused = set()
        self._container = None
        self._attributes = ()
        self._by_name = {}

    @property
    def attribute_names(self) -> Container[str]:
        """The names in the current attribute list: a pass may skip the visits of absent ones."""
        return self._by_name

    def visit_optional_single_attr(self, name: str) -> bool:
        """Start validating attribute ``name`` if present exactly once; duplicates are errors."""
        matches = self._by_name.get(name)
        if matches is None:
            return False
        if len(matches) > 1:
            for i in matches:
                attr = self._attributes[i]
                self.diagnostics.error(f'Attribute "@{attr.name.name}" can only be defined once.', attr.span)
                self._unused.discard(i)
            return False
        self._unused.discard(matches[0])
        return self._set_attribute(matches[0])

    def visit_repeated_attr(self, name: str) -> bool:
        """Start validating the next unvisited ``name`` attribute; False when there are no more."""
        indexes = self._by_name.get(name)
        if indexes is None:
            return False
        while True:
            idx = next((i for i in indexes if i in self._unused), None)
            if idx is None:
                return False
            self._unused.discard(idx)
            if self._set_attribute(idx):
                return True

    def visit_datasource_scoped(self) -> tuple[str, str, ast.Attribute] | None:
        """The native type attribute (``@db.VarChar(...)``), if any: scope, type name, attribute."""
        found: tuple[str, str, ast.Attribute] | None = None
        for i, attr in enumerate(self._attributes):
            if "." not in attr.name.name or i not in self._unused:
                continue
            self._unused.discard(i)
            scope, _, type_name = attr.name.name.partition(".")
            if found is not None:
                self.diagnostics.error(f'Attribute "@{scope}" can only be defined once.', attr.span)
            found = (scope, type_name, attr)
        return found

    # --- the current attribute ----------------------------------------------------------------

    @property
    def current_attribute(self) -> ast.Attribute:
        assert self._current is not None
        return self._attributes[self._current]

    @property
    def current_attribute_id(self) -> AttributeId:
        assert self._container is not None and self._current is not None
        return (self._container, self._current)

    def push_attribute_validation_error(self, message: str) -> None:
        """``Error parsing attribute "@name": message`` on the current attribute."""
        attr = self.current_attribute
        self.diagnostics.error(f'Error parsing attribute "@{attr.name.name}": {message}', attr.span)

    def discard_arguments(self) -> None:
        self._current = None
        self._args.clear()

    def validate_visited_arguments(self) -> None:
        """Finish the current attribute: every argument nobody visited is an error."""
        if self._current is None:  # already discarded
            return
        attr = self.current_attribute
        for idx in sorted(self._args.values()):
            self.diagnostics.error("No such argument.", attr.arguments.arguments[idx].span)
        self.discard_arguments()

    # --- arguments ------------------------------------------------------------------------------

    def visit_default_arg_with_idx(self, name: str) -> tuple[int, ast.Expression]:
        """The argument ``name`` or, if absent, the unnamed one. Raises :class:`ArgumentError`."""
        named = self._args.pop(name, None)
        unnamed = self._args.pop(None, None)
        args = self.current_attribute.arguments.arguments
        if named is not None and unnamed is not None:
            raise ArgumentError(f'Argument "{name}" is already specified as unnamed argument.', args[named].span)
        idx = named if named is not None else unnamed
        if idx is None:
            raise ArgumentError(f'Argument "{name}" is missing.', self.current_attribute.span)
        return idx, args[idx].value

    def visit_default_arg(self, name: str) -> ast.Expression:
        return self.visit_default_arg_with_idx(name)[1]

    def visit_optional_arg(self, name: str) -> ast.Expression | None:
        idx = self._args.pop(name, None)
        return None if idx is None else self.current_attribute.arguments.arguments[idx].value

    def push_argument_error(self, err: ArgumentError) -> None:
        self.diagnostics.error(err.message, err.span)

    # --- internals ----------------------------------------------------------------------------

    def _set_attribute(self, idx: int) -> bool:
        assert self._current is None and not self._args, "previous attribute not finished"
        attribute = self._attributes[idx]
        name = attribute.name.name
        reasonably_valid = True
        lists = [attribute.arguments] + [
            a.value.arguments for a in attribute.arguments.arguments if isinstance(a.value, ast.Function)
        ]
        for args in lists:
            for empty in args.empty_arguments:
                self.diagnostics.error(
                    f'Error parsing attribute "@{name}": The `{empty.name.name}` argument is missing a value.',
                    empty.name.span,
                )
                reasonably_valid = False
            for arg in args.arguments:
                if not isinstance(arg.value, ast.Array):
                    continue
                for item in arg.value.items:
                    if isinstance(item, ast.Function):
                        for empty in item.arguments.empty_arguments:
                            self.diagnostics.error(
                                f'Error parsing attribute "@@{name}": The `{empty.name.name}` argument is missing '
                                "a value.",
                                empty.name.span,
                            )
            if args.trailing_comma is not None:
                self.diagnostics.error(
                    f'Error parsing attribute "@{name}": Trailing commas are not valid in attribute arguments, '
                    "please remove the comma.",
                    args.trailing_comma,
                )
        if not reasonably_valid:
            return False

        self._current = idx
        self._args.clear()
        unnamed: list[str] = []
        for arg_idx, arg in enumerate(attribute.arguments.arguments):
            key = arg.name.name if arg.name is not None else None
            existing = self._args.get(key)
            self._args[key] = arg_idx
            if existing is None:
                continue
            if arg.name is None:
                if not unnamed:
                    unnamed.append(ast.expression_to_string(attribute.arguments.arguments[existing].value))
                unnamed.append(ast.expression_to_string(arg.value))
            else:
                self.diagnostics.error(f'Argument "{arg.name.name}" is already specified.', arg.span)
        if unnamed:
            self.push_attribute_validation_error(
                "You provided multiple unnamed arguments. This is not possible. Did you forget the brackets? "
                f"Did you mean `[{', '.join(unnamed)}]`?"
            )
        return True
