"""The query engine: Prisma's query semantics, planned once per query shape, run on any driver.

::

    from refrakt.engine import Engine

    engine = Engine(datamodel, "postgres")         # one per client: it caches query shapes
    prepared = engine.prepare("User", "find_many", {"where": {"email": {"ends_with": "@x.io"}}})
    users = prepared.run(conn)                      # or: await prepared.run_async(async_conn)

The stages, each a pure function between frozen values (API.md §4 is the contract):

1. ``_validate*`` — keyword arguments -> query IR (``_ir``), with every value a slot; argument
   errors are :class:`~refrakt.errors.ValidationError` with a path, a "did you mean" and
   Prisma's code (P2009 / P2012 / P2019), raised before any SQL.
2. ``_plan`` / ``_aggregate`` — IR -> plan: SQL trees (``_sql_build``) rendered by the dialect
   once, paging decisions, record layouts.
3. ``_execute_async`` (and the generated ``_execute``) — the only I/O: bind, query, then
   ``_runtime`` pages, decodes (``_codecs``) and assembles records, one statement per include
   level (``WHERE fk IN (...)``), never one per parent.

``_shape`` keys the cache: the second call of a shape converts its values and runs.
"""

from refrakt.engine._engine import Engine, EngineStats, PreparedQuery

__all__ = ["Engine", "EngineStats", "PreparedQuery"]
