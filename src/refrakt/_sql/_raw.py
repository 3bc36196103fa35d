"""Raw SQL: ``$1 … $n`` placeholders (API.md §5) in the driver's own style.

A small lexer walks the text and rewrites only placeholders that stand outside string
literals, quoted identifiers, comments and PostgreSQL dollar-quoted strings. ``?`` and ``%s``
cannot say which parameter they take, so the translation also returns the parameter order:
``SELECT $2, $1, $2`` becomes ``SELECT ?, ?, ?`` with order ``(1, 0, 1)``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from refrakt._sql._dialect import Dialect

_DOLLAR_TAG = re.compile(r"\$([A-Za-z_\x80-\uffff][A-Za-z0-9_\x80-\uffff]*)?\$")
_PLACEHOLDER = re.compile(r"\$([0-9]+)")
_IDENT_CHAR = re.compile(r"[A-Za-z0-9_$\x80-\uffff]")


def _skip_quoted(sql: str, start: int, closing: str, backslash: bool) -> int:
    """The index after the literal or identifier opened at ``start`` (doubled quotes continue it)."""
    i = start + 1
    n = len(sql)
    while i < n:
        c = sql[i]
        if backslash and c == "\\":
            i += 2
            continue
        if c == closing:
            if i + 1 < n and sql[i + 1] == closing:
                i += 2
                continue
            return i + 1
        i += 1
    return n


def _skip_protected(sql: str, i: int, dialect: Dialect) -> int:
    """If a literal, quoted name or comment starts at ``i``, the index after it; else ``i``."""
    c = sql[i]
    if c in dialect.STRING_QUOTES:
        backslash = dialect.STRING_BACKSLASH_ESCAPES or (
            dialect.E_STRINGS and i > 0 and sql[i - 1] in "eE" and (i == 1 or not _IDENT_CHAR.match(sql[i - 2]))
        )
        return _skip_quoted(sql, i, c, backslash)
    if c in dialect.IDENTIFIER_QUOTES:
        return _skip_quoted(sql, i, dialect.IDENTIFIER_QUOTES[c], False)
    if sql.startswith("--", i) or (c == "#" and dialect.HASH_COMMENTS):
        end = sql.find("\n", i)
        return len(sql) if end < 0 else end
    if sql.startswith("/*", i):
        end = sql.find("*/", i + 2)
        return len(sql) if end < 0 else end + 2
    if c == "$" and dialect.DOLLAR_QUOTED_STRINGS and (i == 0 or not _IDENT_CHAR.match(sql[i - 1])):
        tag = _DOLLAR_TAG.match(sql, i)
        if tag is not None:
            end = sql.find(tag.group(0), tag.end())
            return len(sql) if end < 0 else end + len(tag.group(0))
    return i


def translate_raw_placeholders(sql: str, dialect: Dialect) -> tuple[str, tuple[int, ...]]:
    """``sql`` with ``$1 … $n`` in ``dialect``'s parameter style, and the parameter order.

    The order lists, for each placeholder of the result, the 0-based index of the user's
    parameter it takes. With the ``numeric_dollar`` style the text keeps its placeholders and the
    order is ``0 … n-1`` for the highest ``$n`` used. With ``format`` (``%s``) every other ``%``
    is doubled, as psycopg and PyMySQL require.
    """
    style = dialect.param_style
    out: list[str] = []
    order: list[int] = []
    highest = 0
    i = 0
    n = len(sql)
    while i < n:
        end = _skip_protected(sql, i, dialect)
        if end > i:
            chunk = sql[i:end]
            out.append(chunk.replace("%", "%%") if style == "format" else chunk)
            i = end
            continue
        c = sql[i]
        if c == "$" and (i == 0 or not _IDENT_CHAR.match(sql[i - 1])):
            match = _PLACEHOLDER.match(sql, i)
            if match is not None:
                number = int(match.group(1))
                if number == 0:
                    raise ValueError("raw SQL placeholders start at $1")
                highest = max(highest, number)
                order.append(number - 1)
                out.append(match.group(0) if style == "numeric_dollar" else dialect.placeholder(len(order)))
                i = match.end()
                continue
        out.append("%%" if c == "%" and style == "format" else c)
        i += 1
    if style == "numeric_dollar":
        return sql, tuple(range(highest))
    return "".join(out), tuple(order)


def bind_raw(sql: str, params: Sequence[object], dialect: Dialect) -> tuple[str, tuple[object, ...]]:
    """``(sql, params)`` ready for the driver: placeholders translated, parameters reordered."""
    text, order = translate_raw_placeholders(sql, dialect)
    if order and max(order) >= len(params):
        raise ValueError(f"the query uses ${max(order) + 1} but {len(params)} parameter(s) were given")
    if dialect.param_style == "numeric_dollar":
        return text, tuple(params)
    return text, tuple(params[i] for i in order)


def translate_qmark_placeholders(sql: str, dialect: Dialect) -> tuple[str, int]:
    """``sql`` written with ``?`` placeholders in ``dialect``'s parameter style, and their number.

    Prisma's ``$queryRawUnsafe`` takes ``?`` on MySQL, where the driver wants ``%s``: each ``?``
    outside literals, quoted names and comments becomes the dialect's placeholder, and with the
    ``format`` style every other ``%`` is doubled.
    """
    out: list[str] = []
    count = 0
    i = 0
    n = len(sql)
    style = dialect.param_style
    while i < n:
        end = _skip_protected(sql, i, dialect)
        if end > i:
            chunk = sql[i:end]
            out.append(chunk.replace("%", "%%") if style == "format" else chunk)
            i = end
            continue
        c = sql[i]
        if c == "?":
            count += 1
            out.append(dialect.placeholder(count))
        else:
            out.append("%%" if c == "%" and style == "format" else c)
        i += 1
    return "".join(out), count
