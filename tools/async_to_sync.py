#!/usr/bin/env python3
"""Write the sync twin of each async module (psycopg 3's ``tools/async_to_sync.py`` idea).

    python tools/async_to_sync.py            # regenerate every twin
    python tools/async_to_sync.py --check    # exit 1 if a twin is out of date (CI runs this)
    python tools/async_to_sync.py src/refrakt/drivers/_pool_async.py ...

A module opts in with the line ``refrakt: async-to-sync`` in its docstring; ``x_async.py``
becomes ``x.py`` beside it. The rewrite works on tokens, so comments and layout survive:

- ``async def`` / ``async with`` / ``async for`` lose ``async``; ``await`` disappears;
- names are renamed by :data:`RENAMES` (``AsyncPool`` -> ``Pool``, ``asyncmy`` -> ``pymysql``,
  ``__aenter__`` -> ``__enter__``, ...); in strings and comments only the public ones, as whole words;
- ``if True:  # ASYNC`` / ``<a>`` / ``else:`` / ``<b>`` keeps only ``<b>``: the way to write
  the few lines that differ (psycopg's convention; the literal ``True`` makes type checkers
  treat ``<b>`` as dead code in the async module, and check it in the sync one);
- the result goes through ``ruff check --fix`` (import order, unused imports) and
  ``ruff format``, so that it passes the project's lint as it is.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import io
import re
import subprocess
import sys
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEARCH = [ROOT / "src" / "refrakt"]
MARKER = "refrakt: async-to-sync"

RENAMES: dict[str, str] = {
    # refrakt's names
    "AsyncConnection": "Connection",
    "AsyncTransaction": "Transaction",
    "AsyncPool": "Pool",
    "AsyncPostgresConnection": "PostgresConnection",
    "AsyncMysqlConnection": "MysqlConnection",
    "AsyncSqliteConnection": "SqliteConnection",
    "AsyncWaiter": "Waiter",
    "connect_async": "connect",
    "_compat_async": "_compat",
    "_connection_async": "_connection",
    "_mysql_async": "_mysql",
    "_pool_async": "_pool",
    "_postgres_async": "_postgres",
    # the client's names
    "AsyncBatch": "Batch",
    "AsyncCallRunner": "CallRunner",
    "AsyncClient": "Client",
    "AsyncClientBase": "ClientBase",
    "AsyncLoggedConnection": "LoggedConnection",
    "AsyncModelDelegate": "ModelDelegate",
    "AsyncPoolExecutor": "PoolExecutor",
    "AsyncTransactionClient": "TransactionClient",
    "AsyncTransactionContext": "TransactionContext",
    "AsyncTransactionExecutor": "TransactionExecutor",
    "_batch_async": "_batch",
    "_client_async": "_client",
    "_delegate_async": "_delegate",
    "_executor_async": "_executor",
    "_logged_async": "_logged",
    "run_async": "run",  # the engine's PreparedQuery.run_async / run
    "_execute_async": "_execute",  # the engine's executors
    "_execute_delete_async": "_execute_delete",
    "_execute_update_async": "_execute_update",
    "_execute_nested_async": "_execute_nested",
    # the drivers' names
    "AsyncRawCursor": "RawCursor",
    "asyncmy": "pymysql",
    # the standard library's
    "AsyncIterator": "Iterator",
    "AsyncGenerator": "Generator",
    "asynccontextmanager": "contextmanager",
    "AbstractAsyncContextManager": "AbstractContextManager",
    "__aenter__": "__enter__",
    "__aexit__": "__exit__",
    "__aiter__": "__iter__",
    "__anext__": "__next__",
    "StopAsyncIteration": "StopIteration",
}
# In strings and comments only refrakt's public names and the standard ones are renamed: prose
# about the drivers ("asyncmy and PyMySQL ...") and the module files stays as written.
_TEXT_RENAMES = {k: v for k, v in RENAMES.items() if not k.startswith("_") and k != "asyncmy"}
_WORD = re.compile(r"\b(" + "|".join(sorted(map(re.escape, _TEXT_RENAMES), key=len, reverse=True)) + r")\b")


class ConversionError(Exception):
    pass


def sync_path(path: Path) -> Path:
    if not path.stem.endswith("_async"):
        raise ConversionError(f"{path}: the name of an async module ends with `_async`")
    return path.with_name(path.stem.removesuffix("_async") + path.suffix)


def _is_async_branch(node: ast.If, lines: list[str]) -> bool:
    """``if True:  # ASYNC``: a literal test, so type checkers see the other branch as dead."""
    test = node.test
    return (
        isinstance(test, ast.Constant)
        and test.value is True
        and re.search(r"#\s*ASYNC\b", lines[node.lineno - 1]) is not None
    )


def _resolve_branches(source: str, name: str) -> str:
    """Replace each ``if True:  # ASYNC ... else: ...`` statement by its ``else`` branch."""
    tree = ast.parse(source, name)
    lines = source.splitlines(keepends=True)
    edits: list[tuple[int, int, list[str]]] = []  # (first line, last line, replacement), 1-based

    for node in ast.walk(tree):
        if not isinstance(node, ast.If) or not _is_async_branch(node, lines):
            continue
        keep = node.orelse
        if len(keep) == 1 and isinstance(keep[0], ast.If) and keep[0].col_offset == node.col_offset:
            raise ConversionError(f"{name}:{node.lineno}: no `elif` after `if True:  # ASYNC`")
        replacement: list[str] = []
        if keep:
            first = keep[0].lineno
            # Comments just above the first kept statement belong to it.
            while first - 1 > node.lineno and lines[first - 2].strip().startswith("#"):
                first -= 1
            last = keep[-1].end_lineno or keep[-1].lineno
            shift = keep[0].col_offset - node.col_offset
            for line in lines[first - 1 : last]:
                replacement.append(line[shift:] if line[:shift].strip() == "" else line.lstrip())
        edits.append((node.lineno, node.end_lineno or node.lineno, replacement))

    edits.sort(reverse=True)
    for (start, end, _), (next_start, _, _) in zip(edits[1:], edits, strict=False):
        if end >= next_start:
            raise ConversionError(f"{name}:{start}: nested `if True:  # ASYNC` blocks are not supported")
    for start, end, replacement in edits:
        lines[start - 1 : end] = replacement
    return "".join(lines)


def _rewrite_tokens(source: str) -> str:
    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    lines = source.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))

    def pos(row: int, col: int) -> int:
        return offsets[row - 1] + col

    out: list[str] = []
    cursor = 0
    for i, tok in enumerate(tokens):
        start, end = pos(*tok.start), pos(*tok.end)
        if start < cursor:
            continue
        out.append(source[cursor:start])
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if tok.type == tokenize.NAME and tok.string == "await":
            cursor = pos(*nxt.start) if nxt is not None else end  # drop `await ` up to the operand
            continue
        if tok.type == tokenize.NAME and tok.string == "async" and nxt and nxt.string in ("def", "with", "for"):
            cursor = pos(*nxt.start)
            continue
        if tok.type == tokenize.NAME:
            out.append(RENAMES.get(tok.string, tok.string))
        elif tok.type in (tokenize.STRING, tokenize.COMMENT):
            out.append(_WORD.sub(lambda m: _TEXT_RENAMES[m.group(1)], tok.string))
        else:
            out.append(tok.string)
        cursor = end
    out.append(source[cursor:])
    return "".join(out)


def _ruff(args: list[str], text: str, filename: Path) -> str:
    cmd = [sys.executable, "-m", "ruff", *args, "--stdin-filename", str(filename), "-"]
    proc = subprocess.run(cmd, input=text, capture_output=True, text=True, cwd=ROOT, check=False)
    if proc.returncode != 0 and not proc.stdout:
        raise ConversionError(f"ruff {' '.join(args)} failed on {filename}:\n{proc.stderr}")
    return proc.stdout


def convert(source: str, name: str, target: Path) -> str:
    """The sync twin's text of the async module ``source``."""
    text = _resolve_branches(source, name)
    text = _rewrite_tokens(text)
    note = f"Generated from ``{Path(name).name}`` by ``tools/async_to_sync.py``: edit that file, not this one."
    text = re.sub(re.escape(MARKER) + r"(?:\s*\([^)\n]*\))?\.?", lambda _: note, text, count=1)
    text = f"# WARNING: generated from {Path(name).name} by tools/async_to_sync.py: edit that file.\n" + text
    text = _ruff(["check", "--fix-only", "--exit-zero", "--select", "I,F401"], text, target)
    return _ruff(["format"], text, target)


def discover() -> list[Path]:
    return sorted(p for root in SEARCH for p in root.rglob("*_async.py") if MARKER in p.read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--check", action="store_true", help="write nothing; exit 1 if a twin is out of date")
    ap.add_argument("files", nargs="*", type=Path, help="async modules (default: every module that opts in)")
    args = ap.parse_args(argv)
    files = [f.resolve() for f in args.files] or discover()
    stale: list[Path] = []
    for path in files:
        target = sync_path(path)
        try:
            new = convert(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)), target)
        except ConversionError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        old = target.read_text(encoding="utf-8") if target.exists() else ""
        if new == old:
            continue
        rel = target.relative_to(ROOT)
        if args.check:
            stale.append(rel)
            diff = difflib.unified_diff(old.splitlines(True), new.splitlines(True), f"{rel} (on disk)", "generated")
            sys.stderr.writelines(list(diff)[:60])
        else:
            target.write_text(new, encoding="utf-8")
            print(f"wrote {rel}")
    if stale:
        names = ", ".join(str(s) for s in stale)
        print(f"error: out of date: {names}; run `python tools/async_to_sync.py`", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
