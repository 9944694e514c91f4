"""The app and event feeding helpers the analytics tests share."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Iterable

import httpx

from analytics.ingest.handlers import batch_handler_for, handlers_for
from analytics.main import create_app
from analytics.settings import Settings
from closeloop.auth import mint_token
from closeloop.contracts.envelope import CloudEvent
from closeloop.db import Database

JWT_SECRET = "analytics-test-secret-0123456789abcdef"


def settings_for(database_url: str, **overrides) -> Settings:  # type: ignore[no-untyped-def]
    values = {
        "database_url": database_url, "jwt_secret": JWT_SECRET, "run_relay": False, "run_consumers": False,
        "run_snapshots": False, "log_json": False,
    } | overrides
    return Settings(**values)


def bearer(scopes: Iterable[str] = ("kpi:read", "report:read", "report:write"), stores: list[str] | None = None) -> dict[str, str]:
    token = mint_token(secret=JWT_SECRET, subject="analyst", scopes=scopes, roles=["supervisor"], store_ids=stores)
    return {"Authorization": f"Bearer {token}"}


class Feeder:
    """Applies events as the consumer does: one unit of work each, through the registered handlers."""

    def __init__(self, settings: Settings) -> None:
        self.database = Database(settings.database_url, pool_size=2)
        self.handlers = handlers_for(settings.rules())
        self.batch_handler = batch_handler_for(settings.rules())

    async def feed(self, events: Iterable[CloudEvent]) -> None:
        for event in events:
            async with self.database.unit_of_work() as session:
                await self.handlers[event.type](session, event)

    async def feed_batch(self, events: Iterable[CloudEvent]) -> None:
        """All in one unit of work, as the batch consumer applies a poll."""
        async with self.database.unit_of_work() as session:
            await self.batch_handler(session, [(e.type, e.payload()) for e in events])


@contextlib.asynccontextmanager
async def running(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://analytics") as client:
            yield client
