"""The migrations build the schema the models describe: a change to a model without its migration fails here."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.ext.asyncio import create_async_engine

from routing.db import metadata
from routing.models import load_models

PLATFORM_TABLES = {"inbox", "outbox", "alembic_version"}  # the platform library's, with its own migration


def _ours(name: str | None, kind: str, parent: dict) -> bool:  # type: ignore[type-arg]
    if kind == "schema":
        return name == "routing"
    if kind == "table":
        return name not in PLATFORM_TABLES
    return parent.get("table_name") not in PLATFORM_TABLES


def _modelled(item: object, name: str | None, kind: str, reflected: bool, compare_to: object) -> bool:
    table = item if kind == "table" else getattr(item, "table", None)
    return getattr(table, "name", None) not in PLATFORM_TABLES


async def test_migrated_schema_matches_the_models(postgres_server):
    load_models()
    url = await postgres_server.create_database(migrate=("routing",))
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            differences = await connection.run_sync(lambda sync: compare_metadata(MigrationContext.configure(
                sync, opts={"include_schemas": True, "include_name": _ours, "include_object": _modelled,
                      "compare_type": True}), metadata))
    finally:
        await engine.dispose()
        await postgres_server.drop_database(url)
    assert differences == []
