"""analytics against a real PostgreSQL: an app per test on a fresh migrated database, events fed through handlers."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from analytics_testkit.app import Feeder, running, settings_for


@pytest.fixture
async def analytics_db(fresh_database) -> str:  # type: ignore[no-untyped-def]
    return await fresh_database("analytics")


@pytest.fixture
async def feeder(analytics_db: str) -> AsyncIterator[Feeder]:
    feeder = Feeder(settings_for(analytics_db))
    yield feeder
    await feeder.database.dispose()


@pytest.fixture
async def client(analytics_db: str) -> AsyncIterator[httpx.AsyncClient]:
    async with running(settings_for(analytics_db)) as client:
        yield client
