"""Delegate names: the snake_case of a model's name (``OrderItem`` -> ``order_item``), with a
trailing underscore where it would collide with a client attribute (``db.transaction_``) or a
Python keyword (``db.class_``). The generated client uses the same rule, so that code moves
between the dynamic and the generated client unchanged.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Iterable, Mapping

__all__ = ["RESERVED", "delegate_names", "snake_case"]

_BOUNDARY_1 = re.compile(r"([A-Z]+)([A-Z][a-z])")
_BOUNDARY_2 = re.compile(r"([a-z0-9])([A-Z])")

#: The public attributes of the clients, transaction clients and batches: no delegate takes these.
RESERVED: frozenset[str] = frozenset(
    {
        "batch",
        "close",
        "connect",
        "datamodel",
        "disconnect",
        "execute_raw",
        "execute_raw_unsafe",
        "extend",
        "from_schema",
        "is_connected",
        "metrics",
        "model",
        "models",
        "off",
        "on",
        "provider",
        "query_raw",
        "query_raw_unsafe",
        "results",
        "transaction",
        "use",
    }
)


def snake_case(name: str) -> str:
    """``OrderItem`` -> ``order_item``, ``HTTPRequest`` -> ``http_request``, ``User2Post`` -> ``user2_post``."""
    out = _BOUNDARY_2.sub(r"\1_\2", _BOUNDARY_1.sub(r"\1_\2", name)).lower()
    return re.sub(r"_+", "_", out)


def delegate_names(models: Iterable[str], reserved: Iterable[str] = RESERVED) -> Mapping[str, str]:
    """``{attribute name: model name}`` for the models, in schema order.

    A name that collides with a reserved attribute, a keyword or an earlier delegate gets
    trailing underscores until it is free.
    """
    taken = set(reserved)
    out: dict[str, str] = {}
    for model in models:
        name = snake_case(model)
        while name in taken or name in out or keyword.iskeyword(name):
            name += "_"
        out[name] = model
    return out
