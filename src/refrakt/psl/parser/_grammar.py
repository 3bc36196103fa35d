"""A hand-written PEG parser for Prisma's schema grammar.

It follows Prisma's pest grammar rule by rule (same ordered choices, same implicit
whitespace between the parts of a non-atomic rule, same catch-all rules for error
recovery), so the parse tree — and therefore every error position — is Prisma's. The
grammar never fails at the top level: a line that matches nothing becomes a ``CATCH_ALL``.

Each ``_rule`` method takes a start offset and returns a :class:`Pair` or ``None``.
"""

from __future__ import annotations

import re

from refrakt.psl.parser._pairs import Pair

# Unicode Zs (space separators) and tab: pest's WHITESPACE for this grammar.
_WHITESPACE = frozenset(
    " \t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)
_SKIP_WHITESPACE = re.compile("[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]*").match
# identifier = @{ ALPHANUMERIC ~ ("_" | "-" | ALPHANUMERIC)* }, ALPHANUMERIC being Unicode letters and
# digits: exactly what `str.isalnum()` accepts, which is `[^\W_]` in a `re` pattern (and `\w` is that
# plus "_").
_IDENTIFIER = re.compile(r"[^\W_][\w-]*").match
# path = @{ identifier ~ ("." ~ path?)* }
_PATH = re.compile(r"[^\W_][\w-]*(?:\.(?:[^\W_][\w-]*)?)*").match
_DIGITS = frozenset("0123456789")


class Grammar:
    """Parses one schema text into a ``schema`` pair."""

    __slots__ = ("n", "s")

    def __init__(self, text: str) -> None:
        self.s = text
        self.n = len(text)

    # --- building blocks ----------------------------------------------------------------

    def skip(self, pos: int) -> int:
        s = self.s
        if pos < self.n and s[pos] in _WHITESPACE:
            m = _SKIP_WHITESPACE(s, pos)  # a run of blanks: one regex match beats a Python loop
            if m is not None:
                return m.end()
        return pos

    def newline(self, pos: int) -> int:
        """End of a NEWLINE at ``pos``, or -1."""
        s = self.s
        if pos < self.n:
            c = s[pos]
            if c == "\n":
                return pos + 1
            if c == "\r":
                return pos + 2 if pos + 1 < self.n and s[pos + 1] == "\n" else pos + 1
        return -1

    def lit(self, pos: int, text: str) -> int:
        return pos + len(text) if self.s.startswith(text, pos) else -1

    def to_eol(self, pos: int) -> int:
        """Skip ``(!NEWLINE ~ ANY)*``."""
        s, n = self.s, self.n
        if pos >= n:
            return pos
        end = s.find("\n", pos)
        if end < 0:
            end = n
        cr = s.find("\r", pos, end)
        return end if cr < 0 else cr

    def identifier(self, pos: int) -> Pair | None:
        m = _IDENTIFIER(self.s, pos)
        return None if m is None else Pair("identifier", pos, m.end(), self.s, [])

    def path(self, pos: int) -> Pair | None:
        m = _PATH(self.s, pos)
        return None if m is None else Pair("path", pos, m.end(), self.s, [])

    # --- comments -------------------------------------------------------------------------

    def _comment_like(self, pos: int) -> Pair | None:
        """doc_comment | comment | multi_line_comment, with leading whitespace (no skipping)."""
        s = self.s
        p = self.skip(pos)
        if p >= self.n or s[p] != "/":
            return None
        if s.startswith("///", p):
            end = self.to_eol(p + 3)
            return Pair("doc_comment", pos, end, self.s, [Pair("doc_content", p + 3, end, s, [])])
        if s.startswith("//", p):
            end = self.to_eol(p + 2)
            return Pair("comment", pos, end, self.s, [Pair("doc_content", p + 2, end, s, [])])
        if s.startswith("/*", p):
            close = s.find("*/", p + 2)
            if close < 0:
                return None
            return Pair("multi_line_comment", pos, close + 2, self.s, [])
        return None

    def comment_block(self, pos: int) -> Pair | None:
        # ${ ((doc_comment | comment) ~ NEWLINE?)+ }
        children: list[Pair] = []
        p = pos
        while True:
            c = self._comment_like(p)
            if c is None:
                break
            children.append(c)
            p = c.end
            nl = self.newline(p)
            if nl >= 0:
                p = nl
        if not children:
            return None
        return Pair("comment_block", pos, p, self.s, children)

    def trailing_comment(self, pos: int) -> Pair | None:
        c = self._comment_like(pos)
        if c is None:
            return None
        return Pair("trailing_comment", pos, c.end, self.s, [c])

    def empty_lines(self, pos: int) -> Pair | None:
        # @{ (WHITESPACE* ~ NEWLINE)+ }
        p = pos
        end = -1
        while True:
            q = p
            while q < self.n and self.s[q] in _WHITESPACE:
                q += 1
            nl = self.newline(q)
            if nl < 0:
                break
            p = end = nl
        return Pair("empty_lines", pos, end, self.s, []) if end >= 0 else None

    def catch_all(self, pos: int) -> Pair | None:
        # { (!NEWLINE ~ ANY)+ ~ NEWLINE? }
        end = self.to_eol(pos)
        if end == pos:
            return None
        nl = self.newline(end)
        return Pair("CATCH_ALL", pos, nl if nl >= 0 else end, self.s, [])

    def block_level_catch_all(self, pos: int) -> Pair | None:
        if self.s.startswith("}", pos):
            return None
        inner = self.catch_all(pos)
        if inner is None:
            return None
        return Pair("BLOCK_LEVEL_CATCH_ALL", pos, inner.end, self.s, [inner])

    def block_open(self, pos: int) -> Pair | None:
        if not self.s.startswith("{", pos):
            return None
        end = self.newline(self.to_eol(pos + 1))
        return Pair("BLOCK_OPEN", pos, end, self.s, []) if end >= 0 else None

    # --- expressions ----------------------------------------------------------------------

    def numeric_literal(self, pos: int) -> Pair | None:
        s, n = self.s, self.n
        p = pos
        if p < n and s[p] == "-":
            p += 1
        q = p
        while q < n and s[q] in _DIGITS:
            q += 1
        if q == p:
            return None
        if q + 1 < n and s[q] == "." and s[q + 1] in _DIGITS:
            q += 2
            while q < n and s[q] in _DIGITS:
                q += 1
        return Pair("numeric_literal", pos, q, self.s, [])

    def string_literal(self, pos: int) -> Pair | None:
        s, n = self.s, self.n
        if pos >= n or s[pos] != '"':
            return None
        p = pos + 1
        while p < n:
            c = s[p]
            if c == "\\":
                if p + 1 >= n:
                    return None
                p += 2
                continue
            if c == '"':
                content = Pair("string_content", pos + 1, p, self.s, [])
                return Pair("string_literal", pos, p + 1, self.s, [content])
            if ord(c) < 0x20:
                return None
            p += 1
        return None

    def expression(self, pos: int) -> Pair | None:
        # function_call | array_expression | numeric_literal | string_literal | path, dispatched on
        # the first character: only an array starts with "[", only a string with '"'; the others
        # are tried in order, the path of a failed function call being the path alternative.
        s = self.s
        if pos >= self.n:
            return None
        c = s[pos]
        inner: Pair | None
        if c == "[":
            inner = self.array_expression(pos)
        elif c == '"':
            inner = self.string_literal(pos)
        else:
            inner = None
            path = self.path(pos)
            if path is not None:
                args = self.arguments_list(self.skip(path.end))
                if args is not None:
                    inner = Pair("function_call", pos, args.end, s, [path, args])
            if inner is None:
                inner = self.numeric_literal(pos) or path
        if inner is None:
            return None
        return Pair("expression", pos, inner.end, s, [inner])

    def function_call(self, pos: int) -> Pair | None:
        path = self.path(pos)
        if path is None:
            return None
        args = self.arguments_list(self.skip(path.end))
        if args is None:
            return None
        return Pair("function_call", pos, args.end, self.s, [path, args])

    def array_expression(self, pos: int) -> Pair | None:
        if not self.s.startswith("[", pos):
            return None
        children: list[Pair] = []
        p = self.skip(pos + 1)
        first = self.expression(p)
        if first is not None:
            children.append(first)
            p = first.end
            while True:
                q = self.skip(p)
                if not self.s.startswith(",", q):
                    break
                e = self.expression(self.skip(q + 1))
                if e is None:
                    break
                children.append(e)
                p = e.end
        p = self.skip(p)
        if not self.s.startswith("]", p):
            return None
        return Pair("array_expression", pos, p + 1, self.s, children)

    def _argument(self, pos: int) -> Pair | None:
        # named_argument | empty_argument | expression
        ident = self.identifier(pos)
        if ident is not None:
            colon = self.skip(ident.end)
            if self.s.startswith(":", colon):
                expr = self.expression(self.skip(colon + 1))
                if expr is not None:
                    return Pair("named_argument", pos, expr.end, self.s, [ident, expr])
                return Pair("empty_argument", pos, colon + 1, self.s, [ident])
        return self.expression(pos)

    def arguments_list(self, pos: int) -> Pair | None:
        # "(" ~ (argument ~ ("," ~ argument)*)? ~ trailing_comma? ~ ")"
        if not self.s.startswith("(", pos):
            return None
        children: list[Pair] = []
        p = self.skip(pos + 1)
        first = self._argument(p)
        if first is not None:
            children.append(first)
            p = first.end
            while True:
                q = self.skip(p)
                if not self.s.startswith(",", q):
                    break
                a = self._argument(self.skip(q + 1))
                if a is None:
                    break
                children.append(a)
                p = a.end
        p = self.skip(p)
        if self.s.startswith(",", p):
            children.append(Pair("trailing_comma", p, p + 1, self.s, []))
            p = self.skip(p + 1)
        if not self.s.startswith(")", p):
            return None
        return Pair("arguments_list", pos, p + 1, self.s, children)

    # --- attributes and fields ------------------------------------------------------------

    def _attribute(self, pos: int, marker: str, rule: str) -> Pair | None:
        if not self.s.startswith(marker, pos):
            return None
        path = self.path(self.skip(pos + len(marker)))
        if path is None:
            return None
        children = [path]
        # pest skips whitespace before an optional element even when the element is absent, so
        # the span of `@unique ` (no arguments) keeps its trailing blanks, as Prisma highlights.
        end = self.skip(path.end)
        args = self.arguments_list(end)
        if args is not None:
            children.append(args)
            end = args.end
        if rule == "block_attribute":
            end = self.skip(end)
            tc = self.trailing_comment(end)
            if tc is not None:
                children.append(tc)
                end = tc.end
        return Pair(rule, pos, end, self.s, children)

    def field_attribute(self, pos: int) -> Pair | None:
        return self._attribute(pos, "@", "field_attribute")

    def block_attribute(self, pos: int) -> Pair | None:
        return self._attribute(pos, "@@", "block_attribute")

    def base_type(self, pos: int) -> Pair | None:
        inner: Pair | None = None
        if self.s.startswith("Unsupported(", pos):
            lit = self.string_literal(self.skip(pos + 12))
            if lit is not None:
                close = self.skip(lit.end)
                if self.s.startswith(")", close):
                    inner = Pair("unsupported_type", pos, close + 1, self.s, [lit])
        if inner is None:
            inner = self.identifier(pos)
        if inner is None:
            return None
        return Pair("base_type", pos, inner.end, self.s, [inner])

    def field_type(self, pos: int) -> Pair | None:
        s = self.s
        inner: Pair | None = None
        base = self.base_type(pos)
        if base is not None:
            after = self.skip(base.end)
            c = s[after] if after < self.n else ""
            if c == "[" and s.startswith("[]", after):
                q = self.skip(after + 2)
                if s.startswith("?", q):
                    inner = Pair("unsupported_optional_list_type", pos, q + 1, self.s, [base])
                else:
                    inner = Pair("list_type", pos, after + 2, self.s, [base])
            elif c == "?":
                inner = Pair("optional_type", pos, after + 1, self.s, [base])
            elif c == "!":
                inner = Pair("legacy_required_type", pos, after + 1, self.s, [base])
        if inner is None and s.startswith("[", pos):
            b = self.base_type(self.skip(pos + 1))
            if b is not None:
                close = self.skip(b.end)
                if s.startswith("]", close):
                    inner = Pair("legacy_list_type", pos, close + 1, self.s, [b])
        if inner is None:
            inner = base
        if inner is None:
            return None
        return Pair("field_type", pos, inner.end, self.s, [inner])

    def field_declaration(self, pos: int) -> Pair | None:
        ident = self.identifier(pos)
        if ident is None:
            return None
        children = [ident]
        p = self.skip(ident.end)
        if self.s.startswith(":", p):
            children.append(Pair("LEGACY_COLON", p, p + 1, self.s, []))
            p = self.skip(p + 1)
        ft = self.field_type(p)
        if ft is not None:
            children.append(ft)
            p = self.skip(ft.end)
        return self._line_tail(pos, p, children, "field_declaration")

    def _line_tail(self, start: int, pos: int, children: list[Pair], rule: str) -> Pair | None:
        """``field_attribute* ~ trailing_comment? ~ NEWLINE``, ending a field or enum value line."""
        s, n = self.s, self.n
        p = pos
        while p < n and s[p] == "@":
            attr = self._attribute(p, "@", "field_attribute")
            if attr is None:
                break
            children.append(attr)
            p = self.skip(attr.end)
        tc = self.trailing_comment(p)
        if tc is not None:
            children.append(tc)
            p = self.skip(tc.end)
        nl = self.newline(p)
        if nl < 0:
            return None
        return Pair(rule, start, nl, self.s, children)

    def enum_value_declaration(self, pos: int) -> Pair | None:
        ident = self.identifier(pos)
        if ident is None:
            return None
        return self._line_tail(pos, self.skip(ident.end), [ident], "enum_value_declaration")

    def key_value(self, pos: int) -> Pair | None:
        ident = self.identifier(pos)
        if ident is None:
            return None
        eq = self.skip(ident.end)
        if not self.s.startswith("=", eq):
            return None
        children = [ident]
        end = eq + 1
        p = self.skip(end)
        expr = self.expression(p)
        if expr is not None:
            children.append(expr)
            end = expr.end
            p = self.skip(end)
        tc = self.trailing_comment(p)
        if tc is not None:
            children.append(tc)
            end = tc.end
        return Pair("key_value", pos, end, self.s, children)

    # --- blocks -----------------------------------------------------------------------------

    def _contents(self, pos: int, rule: str, item_kinds: tuple[str, ...]) -> Pair:
        """model_contents / enum_contents / config_contents: items until nothing matches."""
        children: list[Pair] = []
        p = pos
        while True:
            q = p if not children else self.skip(p)
            item = self._content_item(q, item_kinds)
            if item is None:
                break
            children.append(item[0])
            p = item[1]
        return Pair(rule, pos, p, self.s, children)

    def _content_item(self, pos: int, kinds: tuple[str, ...]) -> tuple[Pair, int] | None:
        """One item of a block body and the offset where it ends (after a silent NEWLINE)."""
        for kind in kinds:
            if kind == "field":
                f = self.field_declaration(pos)
                if f is not None:
                    return f, f.end
            elif kind == "enum_value":
                v = self.enum_value_declaration(pos)
                if v is not None:
                    return v, v.end
            elif kind == "key_value":
                kv = self.key_value(pos)
                if kv is not None:
                    nl = self.newline(self.skip(kv.end))
                    if nl >= 0:
                        return kv, nl
            elif kind == "block_attribute":
                a = self.block_attribute(pos)
                if a is not None:
                    nl = self.newline(self.skip(a.end))
                    if nl >= 0:
                        return a, nl
        c = self.comment_block(pos)
        if c is not None:
            return c, c.end
        e = self.empty_lines(pos)
        if e is not None:
            return e, e.end
        b = self.block_level_catch_all(pos)
        if b is not None:
            return b, b.end
        return None

    def _block(
        self, pos: int, keywords: tuple[str, ...], rule: str, contents: str, kinds: tuple[str, ...]
    ) -> Pair | None:
        for kw in keywords:
            if self.s.startswith(kw, pos):
                keyword = Pair(_KEYWORD_RULES[kw], pos, pos + len(kw), self.s, [])
                break
        else:
            return None
        ident = self.identifier(self.skip(keyword.end))
        if ident is None:
            return None
        bo = self.block_open(self.skip(ident.end))
        if bo is None:
            return None
        body = self._contents(self.skip(bo.end), contents, kinds)
        close = self.skip(body.end)
        if not self.s.startswith("}", close):
            return None
        bc = Pair("BLOCK_CLOSE", close, close + 1, self.s, [])
        return Pair(rule, pos, close + 1, self.s, [keyword, ident, bo, body, bc])

    def model_declaration(self, pos: int) -> Pair | None:
        return self._block(
            pos, ("model", "type", "view"), "model_declaration", "model_contents", ("field", "block_attribute")
        )

    def enum_declaration(self, pos: int) -> Pair | None:
        return self._block(pos, ("enum",), "enum_declaration", "enum_contents", ("enum_value", "block_attribute"))

    def config_block(self, pos: int) -> Pair | None:
        return self._block(pos, ("datasource", "generator"), "config_block", "config_contents", ("key_value",))

    def type_alias(self, pos: int) -> Pair | None:
        if not self.s.startswith("type", pos):
            return None
        ident = self.identifier(self.skip(pos + 4))
        if ident is None:
            return None
        eq = self.skip(ident.end)
        if not self.s.startswith("=", eq):
            return None
        base = self.base_type(self.skip(eq + 1))
        if base is None:
            return None
        # `base_type ~ field_attribute*`: pest skips the blanks before the repetition even when it
        # matches nothing, so they belong to the alias (the formatter keeps it verbatim)
        end = self.skip(base.end)
        children = [Pair("TYPE_KEYWORD", pos, pos + 4, self.s, []), ident, base]
        p = end
        while True:
            attr = self.field_attribute(p)
            if attr is None:
                break
            children.append(attr)
            end = attr.end
            p = self.skip(end)
        return Pair("type_alias", pos, end, self.s, children)

    def arbitrary_block(self, pos: int) -> Pair | None:
        ident = self.identifier(pos)
        if ident is None:
            return None
        bo = self.block_open(self.skip(ident.end))
        if bo is None:
            return None
        close = self.s.find("}", bo.end)
        if close < 0:
            return None
        return Pair("arbitrary_block", pos, close + 1, self.s, [ident, bo])

    def schema(self) -> Pair:
        tops: list[Pair] = []
        p = self.skip(0)
        n = self.n
        while p < n:
            item = (
                self.model_declaration(p)
                or self.enum_declaration(p)
                or self.config_block(p)
                or self.type_alias(p)
                or self.arbitrary_block(p)
                or self.comment_block(p)
                or self.empty_lines(p)
                or self.catch_all(p)
            )
            if item is None:  # unreachable: CATCH_ALL or empty_lines always match
                break
            tops.append(item)
            p = self.skip(item.end)
        return Pair("schema", 0, n, self.s, tops)


_KEYWORD_RULES = {
    "model": "MODEL_KEYWORD",
    "type": "TYPE_KEYWORD",
    "view": "VIEW_KEYWORD",
    "enum": "ENUM_KEYWORD",
    "datasource": "DATASOURCE_KEYWORD",
    "generator": "GENERATOR_KEYWORD",
}
