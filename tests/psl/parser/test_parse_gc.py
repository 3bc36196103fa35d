"""``refrakt.schema.parse`` pauses the cyclic garbage collector and restores its state."""

from __future__ import annotations

import gc

from refrakt.schema import parse

SCHEMA = "model User {\n  id Int @id\n}\n"


def test_the_collector_state_is_restored() -> None:
    was_enabled = gc.isenabled()
    try:
        gc.enable()
        assert parse(SCHEMA).is_valid
        assert gc.isenabled()
        gc.disable()
        assert parse(SCHEMA).is_valid
        assert not gc.isenabled()
        gc.enable()
        assert not parse("model {").is_valid  # errors too
        assert gc.isenabled()
    finally:
        (gc.enable if was_enabled else gc.disable)()
