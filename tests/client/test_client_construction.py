"""Building clients: from_schema (text, path, mapping), datasource handling, delegates, datamodel,
lazy connect, context managers, the forwarding of delegate calls to the engine."""

from __future__ import annotations

import asyncio
import inspect
from pathlib import Path
from typing import Any

import pytest
from client_support import SCHEMA, install_fake_engine, logged_ops

import refrakt
from refrakt.client import AsyncModelDelegate, BatchModelDelegate, ModelDelegate
from refrakt.client._names import RESERVED, delegate_names, snake_case
from refrakt.errors import InitializationError, SchemaError, ValidationError

API_METHODS = {
    "find_unique": "where select include omit",
    "find_unique_or_raise": "where select include omit",
    "find_first": "where order_by cursor take skip distinct select include omit",
    "find_first_or_raise": "where order_by cursor take skip distinct select include omit",
    "find_many": "where order_by cursor take skip distinct select include omit",
    "create": "data select include omit",
    "create_many": "data skip_duplicates",
    "create_many_and_return": "data skip_duplicates select include omit",
    "update": "where data select include omit",
    "update_many": "where data limit",
    "update_many_and_return": "where data limit select include omit",
    "upsert": "where create update select include omit",
    "delete": "where select include omit",
    "delete_many": "where limit",
    "count": "where order_by cursor take skip distinct select",
    "aggregate": "where order_by cursor take skip _count _avg _sum _min _max",
    "group_by": "by where having order_by take skip _count _avg _sum _min _max",
}


def sqlite_url(tmp_path: Path) -> str:
    return f"file:{tmp_path}/c.db"


# --- construction ----------------------------------------------------------------------------------


def test_from_schema_without_datasource_takes_provider_from_the_url(tmp_path: Path) -> None:
    db = refrakt.Client.from_schema(SCHEMA, url=sqlite_url(tmp_path))
    assert db.provider == "sqlite"
    assert db.datamodel.provider == "sqlite"
    assert list(db.datamodel.models) == ["User", "Post", "OrderItem"]


def test_datamodel_fields_describe_the_schema(tmp_path: Path) -> None:
    db = refrakt.Client.from_schema(SCHEMA, url=sqlite_url(tmp_path), provider="sqlite")
    email = db.datamodel.models["User"].fields["email"]
    assert (email.kind, email.type, email.is_unique, email.is_list, email.is_required) == (
        "scalar",
        "String",
        True,
        False,
        True,
    )
    posts = db.datamodel.models["User"].fields["posts"]
    assert (posts.kind, posts.type, posts.is_list, posts.relation_name) == ("object", "Post", True, "PostToUser")
    assert db.datamodel.models["User"].fields["id"].is_id


def test_provider_alias_and_relation_mode_are_applied(tmp_path: Path) -> None:
    db = refrakt.Client.from_schema(
        SCHEMA, url="postgresql://u@127.0.0.1:1/x", provider="postgres", relation_mode="prisma"
    )
    assert db.provider == "postgresql"
    assert db.datamodel.relation_mode == "prisma"
    assert not db.is_connected  # constructing never connects


def test_added_datasource_follows_native_type_prefix_and_enables_views() -> None:
    schema = "model A {\n  id Int @id\n  s String @pg.VarChar(10)\n}\n\nview V {\n  id Int @unique\n}\n"
    db = refrakt.Client.from_schema(schema, url="postgresql://u@127.0.0.1:1/x")
    assert db.datamodel.models["A"].fields["s"].native_type is not None
    assert db.datamodel.models["V"].is_view and db.v.name == "V"


def test_schema_from_a_path_anchors_relative_sqlite_paths(tmp_path: Path) -> None:
    folder = tmp_path / "prisma"
    folder.mkdir()
    schema = folder / "schema.prisma"
    schema.write_text('datasource db {\n  provider = "sqlite"\n  url = "file:./dev.db"\n}\n' + SCHEMA)
    with refrakt.Client.from_schema(str(schema)) as db:
        assert db.query_raw("SELECT 1 AS one") == [{"one": 1}]
    assert (folder / "dev.db").exists()
    db2 = refrakt.Client.from_schema(schema)  # a Path works too
    assert db2.provider == "sqlite"


def test_schema_as_a_mapping_of_files(tmp_path: Path) -> None:
    files = {"a.prisma": "model A {\n  id Int @id\n}\n", "b.prisma": "model B {\n  id Int @id\n}\n"}
    db = refrakt.Client.from_schema(files, url=sqlite_url(tmp_path))
    assert set(db.datamodel.models) == {"A", "B"}


def test_url_from_the_datasource_env_var(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    schema = 'datasource db {\n  provider = "sqlite"\n  url = env("CK_DB_URL")\n}\n' + SCHEMA
    db = refrakt.Client.from_schema(schema)
    monkeypatch.delenv("CK_DB_URL", raising=False)
    with pytest.raises(InitializationError) as info:
        db.query_raw("SELECT 1")
    assert info.value.code == "P1012" and "CK_DB_URL" in str(info.value)
    monkeypatch.setenv("CK_DB_URL", sqlite_url(tmp_path))
    assert db.query_raw("SELECT 2 AS two") == [{"two": 2}]
    db.close()


def test_url_from_a_dotenv_file_next_to_the_schema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CK_DOTENV_URL", raising=False)
    folder = tmp_path / "prisma"
    folder.mkdir()
    (folder / ".env").write_text(f'CK_DOTENV_URL="file:{tmp_path}/dotenv.db"\n')
    schema = folder / "schema.prisma"
    schema.write_text('datasource db {\n  provider = "sqlite"\n  url = env("CK_DOTENV_URL")\n}\n' + SCHEMA)
    with refrakt.Client.from_schema(schema) as db:
        assert db.query_raw("SELECT 1 AS one") == [{"one": 1}]
    assert (tmp_path / "dotenv.db").exists()
    assert "CK_DOTENV_URL" not in __import__("os").environ  # read, not loaded


def test_invalid_schema_raises_schema_error_with_location(tmp_path: Path) -> None:
    with pytest.raises(SchemaError) as info:
        refrakt.Client.from_schema("model User {\n  id Int @idd\n}\n", url=sqlite_url(tmp_path))
    assert info.value.code == "P1012"
    assert info.value.diagnostics[0].line == 2
    assert "@idd" in str(info.value)


def test_missing_provider_and_conflicts_are_value_errors(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="provider="):
        refrakt.Client.from_schema(SCHEMA)
    with pytest.raises(ValueError, match="does not fit the URL"):
        refrakt.Client.from_schema(SCHEMA, url=sqlite_url(tmp_path), provider="mysql")
    with_ds = 'datasource db {\n  provider = "sqlite"\n  url = "file:x.db"\n}\n' + SCHEMA
    with pytest.raises(ValueError, match="conflicts"):
        refrakt.Client.from_schema(with_ds, provider="postgresql")
    with pytest.raises(ValueError, match="relation_mode"):
        refrakt.Client.from_schema(with_ds, relation_mode="prisma")
    with pytest.raises(ValueError, match="unsupported provider"):
        refrakt.Client.from_schema(SCHEMA, provider="oracle")
    with pytest.raises(TypeError, match="unexpected keyword"):
        refrakt.Client.from_schema(SCHEMA, url=sqlite_url(tmp_path), nonsense=1)


def test_generated_style_subclass_and_keyword_construction(tmp_path: Path) -> None:
    class Client(refrakt.Client):
        __schema__ = SCHEMA

    db = Client(url=sqlite_url(tmp_path))
    assert isinstance(db, refrakt.Client) and db.order_item.name == "OrderItem"
    db2 = refrakt.Client(schema=SCHEMA, url=sqlite_url(tmp_path))
    assert db2.user.name == "User"
    with pytest.raises(TypeError, match="needs a schema"):
        refrakt.Client(url=sqlite_url(tmp_path))


# --- delegates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "attr"),
    [("OrderItem", "order_item"), ("User", "user"), ("HTTPRequest", "http_request"), ("User2Post", "user2_post")],
)
def test_snake_case(model: str, attr: str) -> None:
    assert snake_case(model) == attr


def test_delegate_names_avoid_client_methods_and_keywords() -> None:
    names = delegate_names(["Transaction", "Model", "Class", "Batch", "Query", "User"])
    assert names == {
        "transaction_": "Transaction",
        "model_": "Model",
        "class_": "Class",
        "batch_": "Batch",
        "query": "Query",
        "user": "User",
    }


def test_reserved_names_cover_every_public_client_attribute() -> None:
    for cls in (refrakt.Client, refrakt.AsyncClient, refrakt.client.TransactionClient, refrakt.client.Batch):
        public = {n for n in dir(cls) if not n.startswith("_")}
        assert public <= RESERVED, public - RESERVED


def test_delegates_by_attribute_and_by_model_name(tmp_path: Path) -> None:
    schema = SCHEMA + "model Transaction {\n  id Int @id\n}\n"
    db = refrakt.Client.from_schema(schema, url=sqlite_url(tmp_path))
    assert isinstance(db.order_item, ModelDelegate)
    assert db.model("OrderItem") is db.order_item
    assert db.transaction_.name == "Transaction" and callable(db.transaction)
    assert "order_item" in dir(db)
    with pytest.raises(AttributeError, match="Did you mean `order_item`"):
        _ = db.orderitem
    with pytest.raises(KeyError, match="Did you mean `OrderItem`"):
        db.model("Orderitem")


def test_every_api_method_with_keyword_only_arguments_on_every_delegate_kind() -> None:
    for cls in (ModelDelegate, AsyncModelDelegate, BatchModelDelegate):
        for name, args in API_METHODS.items():
            params = list(inspect.signature(getattr(cls, name)).parameters.values())[1:]
            assert [p.name for p in params] == args.split(), (cls, name)
            assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params), (cls, name)
        assert inspect.iscoroutinefunction(AsyncModelDelegate.find_many)
        assert not inspect.iscoroutinefunction(ModelDelegate.find_many)


def test_delegates_forward_only_the_given_arguments_to_the_engine(log_table: str) -> None:
    with refrakt.Client.from_schema(SCHEMA, url=log_table) as db:
        engine = install_fake_engine(db)
        out = db.user.find_many(where={"id": 1}, take=None)
        assert out == {"model": "User", "operation": "find_many", "args": {"where": {"id": 1}, "take": None}}
        for name in API_METHODS:
            getattr(db.order_item, name)()
        assert [op for _, op, _ in engine.prepared[1:]] == list(API_METHODS)
        assert all(args == {} for _, _, args in engine.prepared[1:])
    assert logged_ops(log_table)[:2] == ["User.find_many", "OrderItem.find_unique"]


def test_validation_errors_come_before_any_connection(tmp_path: Path) -> None:
    db = refrakt.Client.from_schema(SCHEMA, url=sqlite_url(tmp_path))
    install_fake_engine(db)
    with pytest.raises(ValidationError):
        db.user.find_first(where="invalid")
    assert not db.is_connected


def test_query_methods_say_when_the_engine_is_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    real = importlib.import_module

    def no_engine(name: str, *args: Any) -> Any:
        if name == "refrakt.engine":
            raise ModuleNotFoundError("No module named 'refrakt.engine'", name="refrakt.engine")
        return real(name, *args)

    monkeypatch.setattr(importlib, "import_module", no_engine)
    db = refrakt.Client.from_schema(SCHEMA, url=sqlite_url(tmp_path))
    with pytest.raises(NotImplementedError, match="find_many: the query engine is not available yet"):
        db.user.find_many()


# --- connecting ------------------------------------------------------------------------------------


def test_lazy_connect_and_reconnect_after_disconnect(tmp_path: Path) -> None:
    db = refrakt.Client.from_schema(SCHEMA, url=sqlite_url(tmp_path))
    assert not db.is_connected
    assert db.query_raw("SELECT 1 AS x") == [{"x": 1}]
    assert db.is_connected
    db.disconnect()
    assert not db.is_connected
    assert db.query_raw("SELECT 2 AS x") == [{"x": 2}]
    db.close()


def test_connect_fails_early_on_an_unreachable_server() -> None:
    db = refrakt.Client.from_schema(SCHEMA, url="postgresql://postgres@127.0.0.1:1/x?connect_timeout=2")
    with pytest.raises(InitializationError) as info:
        db.connect()
    assert info.value.code == "P1001"
    assert "127.0.0.1:1" in str(info.value)
    db.close()


def test_context_managers_close_the_pool(tmp_path: Path) -> None:
    with refrakt.Client.from_schema(SCHEMA, url=sqlite_url(tmp_path)) as db:
        db.connect()
        assert db.is_connected
    assert not db.is_connected

    async def main() -> tuple[bool, bool, list[dict[str, Any]]]:
        async with refrakt.AsyncClient.from_schema(SCHEMA, url=sqlite_url(tmp_path)) as adb:
            before = adb.is_connected
            rows = await adb.query_raw("SELECT 3 AS x")
        return before, adb.is_connected, rows

    assert asyncio.run(main()) == (False, False, [{"x": 3}])


def test_async_client_has_the_same_surface(tmp_path: Path) -> None:
    sync_names = {n for n in dir(refrakt.Client) if not n.startswith("_")}
    async_names = {n for n in dir(refrakt.AsyncClient) if not n.startswith("_")}
    assert sync_names == async_names
    adb = refrakt.AsyncClient.from_schema(SCHEMA, url=sqlite_url(tmp_path))
    assert isinstance(adb.order_item, AsyncModelDelegate)
    assert repr(adb) == "<AsyncClient sqlite models=3 not connected>"
