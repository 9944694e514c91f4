"""Fixtures for the platform's integration tests."""

import pytest

from shared.tests.integration.platform import Platform


@pytest.fixture
async def platform(postgres_url, kafka_broker):
    p = Platform(postgres_url, kafka_broker.bootstrap_servers)
    await p.create()
    await p.create_applied_table()
    yield p
    await p.database.dispose()
