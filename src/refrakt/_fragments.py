"""``refrakt.sql``: SQL fragments whose values are always bound, never pasted into the text.

Prisma's ``Prisma.sql`` tagged template, ``Prisma.join``, ``Prisma.raw`` and ``Prisma.empty``,
in Python::

    from refrakt import sql

    q = sql("SELECT * FROM users WHERE email = {} AND age > {}", email, 18)
    q = sql("SELECT * FROM users WHERE id IN ({})", sql.join([1, 2, 3]))
    q = sql("SELECT * FROM {table} WHERE {cond}", table=sql.raw('"User"'), cond=sql("id = {}", 5))
    q = sql(t"SELECT * FROM users WHERE email = {email}")      # a t-string (Python 3.14+)
    rows = db.query_raw(q)

- ``{}`` / ``{0}`` / ``{name}`` mark values, as in :meth:`str.format`; ``{{`` and ``}}`` are
  literal braces. A value becomes a bound parameter, whatever it holds: a malicious string stays
  a string. A value that is itself a fragment (:class:`Sql`) is inlined, with its own values.
- :meth:`SqlFactory.join` joins values (bound) or fragments (inlined) with a separator (``", "``).
- :meth:`SqlFactory.raw` is trusted text, inlined as it is: never pass user input to it.
- :data:`SqlFactory.empty` is the empty fragment (for optional clauses).

A fragment's :attr:`Sql.text` numbers its values ``$1 … $n`` (the placeholders of ``query_raw``
on every database), and :attr:`Sql.values` holds them in order; the client translates the
placeholders to the driver's style. Fragments are immutable and can be added (``a + b``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from string import Formatter
from typing import Any, Final, Protocol, runtime_checkable

__all__ = ["Sql", "SqlFactory", "sql"]

_NUMBERED = re.compile(r"\$[0-9]")
_FORMATTER: Final = Formatter()


@runtime_checkable
class TemplateLike(Protocol):
    """What ``string.templatelib.Template`` (a t-string, Python 3.14) offers."""

    @property
    def strings(self) -> tuple[str, ...]: ...

    @property
    def interpolations(self) -> tuple[Any, ...]: ...


class Sql:
    """A fragment of SQL: ``strings`` interleaved with ``values`` (one more string than values).

    Build fragments with :data:`refrakt.sql` rather than with this class.
    """

    __slots__ = ("strings", "values")

    strings: tuple[str, ...]
    values: tuple[object, ...]

    def __init__(self, strings: Sequence[str], values: Sequence[object] = ()) -> None:
        if len(strings) != len(values) + 1:
            raise ValueError("a fragment has one more string than values")
        # Inline nested fragments so that a fragment never holds another one.
        out_strings: list[str] = [strings[0]]
        out_values: list[object] = []
        for value, after in zip(values, strings[1:], strict=True):
            if isinstance(value, Sql):
                out_strings[-1] += value.strings[0]
                out_values.extend(value.values)
                out_strings.extend(value.strings[1:])
                out_strings[-1] += after
            else:
                out_values.append(value)
                out_strings.append(after)
        object.__setattr__(self, "strings", tuple(out_strings))
        object.__setattr__(self, "values", tuple(out_values))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("SQL fragments are immutable")

    @property
    def text(self) -> str:
        """The SQL with ``$1 … $n`` placeholders (``query_raw``'s style on every database)."""
        parts = [self.strings[0]]
        for i, s in enumerate(self.strings[1:], 1):
            parts.append(f"${i}")
            parts.append(s)
        return "".join(parts)

    def __add__(self, other: object) -> Sql:
        if not isinstance(other, Sql):
            return NotImplemented  # a str would be pasted in unescaped: say sql.raw() explicitly
        return Sql(["", "", ""], [self, other])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sql):
            return NotImplemented
        return self.strings == other.strings and self.values == other.values

    def __hash__(self) -> int:
        return hash(self.strings)

    def __repr__(self) -> str:
        return f"Sql({self.text!r}, values={list(self.values)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Sql, (self.strings, self.values))


def _from_format(template: str, args: Sequence[object], kwargs: dict[str, object]) -> Sql:
    strings: list[str] = [""]
    values: list[object] = []
    auto = 0
    manual = False
    for literal, name, spec, conversion in _FORMATTER.parse(template):
        strings[-1] += literal
        if name is None:
            continue
        if spec or conversion:
            raise ValueError(
                f"refrakt.sql: `{{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}` "
                "formats a value into the text; values are bound as parameters, so write `{}` alone"
            )
        if name == "":
            if manual:
                raise ValueError("refrakt.sql: cannot mix `{}` with numbered fields such as `{0}`")
            if auto >= len(args):
                raise IndexError(f"refrakt.sql: the template has more `{{}}` than the {len(args)} value(s) given")
            value = args[auto]
            auto += 1
        elif name.isdigit():
            if auto:
                raise ValueError("refrakt.sql: cannot mix `{}` with numbered fields such as `{0}`")
            manual = True
            index = int(name)
            if index >= len(args):
                raise IndexError(f"refrakt.sql: `{{{name}}}` but only {len(args)} value(s) were given")
            value = args[index]
        elif name.isidentifier():
            if name not in kwargs:
                raise KeyError(f"refrakt.sql: no value named {name!r} was given")
            value = kwargs[name]
        else:
            raise ValueError(
                f"refrakt.sql: `{{{name}}}` is not a value name (attribute and index access are not supported)"
            )
        values.append(value)
        strings.append("")
    if not manual and auto < len(args):
        raise TypeError(f"refrakt.sql: {len(args)} value(s) given but the template has {auto} `{{}}`")
    return Sql(strings, values)


def _from_template(template: TemplateLike) -> Sql:
    values: list[object] = []
    for item in template.interpolations:
        if getattr(item, "conversion", None) or getattr(item, "format_spec", ""):
            raise ValueError(
                f"refrakt.sql: `{{{getattr(item, 'expression', '...')}}}` has a conversion or format spec; "
                "values are bound as parameters"
            )
        values.append(item.value)
    return Sql(list(template.strings), values)


def _check_numbered(strings: Iterable[str]) -> None:
    for s in strings:
        found = _NUMBERED.search(s)
        if found is not None:
            raise ValueError(
                f"refrakt.sql: the template contains `{s[found.start() : found.end() + 1].strip()}`; "
                "refrakt.sql binds values with `{}`, not `$1` (or pass the string to query_raw directly)"
            )


class SqlFactory:
    """The type of :data:`refrakt.sql`: call it to build a fragment; ``join``, ``raw``, ``empty``."""

    __slots__ = ()

    #: The empty fragment: ``sql("SELECT 1 {}", where if cond else sql.empty)``.
    empty: Final = Sql([""])

    def __call__(self, template: str | TemplateLike, /, *args: object, **kwargs: object) -> Sql:
        """A fragment from a ``str.format``-style template (``{}`` marks a value) or a t-string."""
        if isinstance(template, str):
            fragment = _from_format(template, args, kwargs)
        elif isinstance(template, TemplateLike):  # pyright: ignore[reportUnnecessaryIsInstance]
            if args or kwargs:
                raise TypeError("refrakt.sql(t-string) takes no other arguments: the values are in the t-string")
            fragment = _from_template(template)
        else:
            raise TypeError(f"refrakt.sql() takes a template string, not {type(template).__name__}")
        _check_numbered(fragment.strings)
        return fragment

    @staticmethod
    def join(values: Iterable[object], separator: str = ", ", prefix: str = "", suffix: str = "") -> Sql:
        """``prefix v1 separator v2 ... suffix``: values bound, fragments inlined (``Prisma.join``).
        ``separator``, ``prefix`` and ``suffix`` are trusted text."""
        items = list(values)
        if not items:
            raise ValueError("refrakt.sql.join() needs at least one value; use refrakt.sql.empty for nothing")
        strings = [prefix, *([separator] * (len(items) - 1)), suffix]
        return Sql(strings, items)

    @staticmethod
    def raw(text: str) -> Sql:
        """Trusted SQL text, inlined as it is (``Prisma.raw``): never pass user input to it."""
        if not isinstance(text, str):  # pyright: ignore[reportUnnecessaryIsInstance]
            raise TypeError(f"refrakt.sql.raw() takes a string, not {type(text).__name__}")
        return Sql([text])

    def __repr__(self) -> str:
        return "refrakt.sql"


#: Build SQL fragments with bound values: ``sql("... WHERE id = {}", 5)``; ``sql.join``, ``sql.raw``, ``sql.empty``.
sql: Final = SqlFactory()
