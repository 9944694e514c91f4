"""Alembic glue: each service migrates its own schema, with its version table inside it."""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy import MetaData, pool, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import async_engine_from_config


def run_migrations(*, schema: str, metadata: MetaData, database_url: str) -> None:
    """Body of a service's ``migrations/env.py``."""
    config = context.config
    if context.is_offline_mode():
        context.configure(
            url=database_url, target_metadata=metadata, literal_binds=True,
            version_table_schema=schema, include_schemas=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        return

    def migrate(connection: Connection) -> None:
        exists = connection.scalar(text("SELECT 1 FROM pg_namespace WHERE nspname = :s"), {"s": schema})
        if not exists:  # CREATE SCHEMA IF NOT EXISTS needs CREATE on the database even when it exists
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        connection.commit()
        context.configure(
            connection=connection,
            target_metadata=metadata,
            version_table_schema=schema,
            include_schemas=True,
            include_name=lambda name, type_, _parent: type_ != "schema" or name == schema,
        )
        with context.begin_transaction():
            context.run_migrations()

    async def run() -> None:
        section = config.get_section(config.config_ini_section, {})
        section["sqlalchemy.url"] = database_url
        engine = async_engine_from_config(section, prefix="sqlalchemy.", poolclass=pool.NullPool)
        async with engine.connect() as connection:
            await connection.run_sync(migrate)
        await engine.dispose()

    asyncio.run(run())
