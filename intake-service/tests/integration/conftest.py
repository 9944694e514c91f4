"""intake against the session's real PostgreSQL (and real Kafka where events matter).

One migrated database per test module (`intake_database`), one app per test (`intake`), so tests stay
fast and never see each other's customers: every test makes up its own phone numbers and stores.
"""

from __future__ import annotations

import base64
import contextlib
import os
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio
from cryptography.fernet import Fernet
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from closeloop.auth import ALL_SCOPES, mint_token
from closeloop.messaging.topics import ensure_topics
from intake.main import create_app
from intake.settings import Settings

JWT_SECRET = "intake-tests-secret-0123456789abcdef0123"


@dataclass
class IntakeUnderTest:
    """A running intake app, a client for it, and a way to look straight into its tables."""

    settings: Settings
    client: httpx.AsyncClient
    app: Any
    clients: dict[str, httpx.AsyncClient] = field(default_factory=dict)

    def token(
        self, *, scopes: tuple[str, ...] | list[str] = ALL_SCOPES, stores: list[str] | None = None,
        client_id: str = "pos-fleet", subject: str = "terminal-7",
    ) -> str:
        return mint_token(
            secret=JWT_SECRET, subject=subject, scopes=scopes, store_ids=stores, client_id=client_id
        )

    def headers(self, **kwargs: Any) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(**kwargs)}"}

    async def sql(self, statement: str, **params: Any) -> list[Any]:
        engine = create_async_engine(self.settings.database_url)
        try:
            async with engine.connect() as connection:
                return list((await connection.execute(text(statement), params)).all())
        finally:
            await engine.dispose()


def new_key() -> str:
    return Fernet.generate_key().decode()


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def intake_database(postgres_server) -> AsyncIterator[str]:  # type: ignore[no-untyped-def]
    url = await postgres_server.create_database(migrate=("intake",))
    yield url
    await postgres_server.drop_database(url)


@pytest.fixture
def intake_settings(intake_database: str, tmp_path: Path) -> Callable[..., Settings]:
    def make(**overrides: Any) -> Settings:
        values: dict[str, Any] = {
            "database_url": intake_database,
            "kafka_bootstrap_servers": "127.0.0.1:9",
            "topic_namespace": f"t{uuid.uuid4().hex[:8]}.",
            "jwt_secret": JWT_SECRET,
            "pii_key": new_key(),
            "pii_hash_key": base64.urlsafe_b64encode(os.urandom(32)).decode(),
            "run_relay": False,
            "run_consumers": False,
            "attachment_store_url": f"file://{tmp_path / 'objects'}",
            "rate_limits": "100000/second",
            "log_json": False,
            "outbox_poll_seconds": 0.1,
            "consumer_retry_backoff_seconds": 0.05,
            "store_check": False,
        } | overrides
        return Settings(**values)

    return make


@contextlib.asynccontextmanager
async def running(settings: Settings) -> AsyncIterator[IntakeUnderTest]:
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://intake") as client:
            yield IntakeUnderTest(settings=settings, client=client, app=app)


@pytest_asyncio.fixture(loop_scope="session")
async def intake(intake_settings: Callable[..., Settings]) -> AsyncIterator[IntakeUnderTest]:
    """intake without background workers: HTTP and the database only."""
    async with running(intake_settings()) as under_test:
        yield under_test


@pytest_asyncio.fixture(loop_scope="session")
async def intake_replicas(intake_settings: Callable[..., Settings]) -> AsyncIterator[list[IntakeUnderTest]]:
    """Two intake apps on one database, as two pods behind a load balancer (same keys, own pools)."""
    settings = intake_settings()
    async with running(settings) as first, running(settings) as second:
        yield [first, second]


@pytest_asyncio.fixture(loop_scope="session")
async def live_intake(  # type: ignore[no-untyped-def]
    intake_settings: Callable[..., Settings], kafka_broker
) -> AsyncIterator[IntakeUnderTest]:
    """intake with its outbox relay and org consumer running against the session's real Kafka."""
    settings = intake_settings(
        kafka_bootstrap_servers=kafka_broker.bootstrap_servers, run_relay=True, run_consumers=True, store_check=True
    )
    await ensure_topics(kafka_broker.bootstrap_servers, namespace=settings.topic_namespace, partitions=3)
    async with running(settings) as under_test:
        yield under_test


@pytest.fixture
def run_intake() -> Callable[[Settings], contextlib.AbstractAsyncContextManager[IntakeUnderTest]]:
    """``async with run_intake(settings) as intake:`` for tests that need their own settings or restarts."""
    return running
