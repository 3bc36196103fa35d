"""The client runtime behind the dynamic client and generated clients (API.md §3–§5).

::

    import refrakt

    with refrakt.Client.from_schema("prisma/schema.prisma") as db:      # connects lazily
        user = db.user.create(data={"email": "a@x.io"})
        rows = db.query_raw('SELECT * FROM "User" WHERE email LIKE $1', "%@x.io")
        with db.transaction(isolation_level="Serializable", timeout=5.0) as tx:
            tx.post.delete_many(where={"authorId": user.id})
        with db.batch() as b:                                           # one transaction
            b.user.count()
            b.model("Post").count()
        user_count, post_count = b.results

    async with refrakt.AsyncClient.from_schema("prisma/schema.prisma") as db:
        users = await db.user.find_many(take=10)
        async with db.transaction() as tx:
            await tx.execute_raw(refrakt.sql('UPDATE "User" SET name = {} WHERE id = {}', "Ann", 1))
        async with db.batch(transaction=False) as b:                    # no ``await`` inside
            b.user.count()

- :class:`Client` / :class:`AsyncClient`: delegates per model, ``model()``, ``datamodel``,
  ``connect()``/``disconnect()``, raw SQL, ``transaction()``, ``batch()``, ``on()``.
- :class:`TransactionClient` / :class:`AsyncTransactionClient`: what ``transaction()`` yields.
- :class:`Batch` / :class:`AsyncBatch`: what ``batch()`` yields.
- :class:`QueryEvent` / :class:`LogEvent`: what ``on()`` callbacks receive.

The sync modules (``_client``, ``_delegate``, ``_executor``, ``_batch``, ``_logged``) are
generated from their ``*_async`` twins by ``tools/async_to_sync.py``.
"""

from refrakt.client._batch import Batch
from refrakt.client._batch_async import AsyncBatch
from refrakt.client._batch_queue import BatchItem, BatchModelDelegate
from refrakt.client._client import Client, TransactionClient, TransactionContext
from refrakt.client._client_async import AsyncClient, AsyncTransactionClient, AsyncTransactionContext
from refrakt.client._delegate import ModelDelegate
from refrakt.client._delegate_async import AsyncModelDelegate
from refrakt.client._events import LogEvent, QueryEvent
from refrakt.client._names import snake_case

__all__ = [
    "AsyncBatch",
    "AsyncClient",
    "AsyncModelDelegate",
    "AsyncTransactionClient",
    "AsyncTransactionContext",
    "Batch",
    "BatchItem",
    "BatchModelDelegate",
    "Client",
    "LogEvent",
    "ModelDelegate",
    "QueryEvent",
    "TransactionClient",
    "TransactionContext",
    "snake_case",
]
