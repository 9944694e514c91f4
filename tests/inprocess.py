"""The four services running in this test process against the session's real Postgres and Kafka.

Each fleet gets its own database and topic namespace, so tests never see each other's events.
"""

from __future__ import annotations

import base64
import contextlib
import importlib
import os
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import httpx
from fastapi import FastAPI

from closeloop.auth import ALL_SCOPES, mint_token
from closeloop.messaging.topics import ensure_topics

SERVICES = ("intake", "routing", "sla", "analytics")
JWT_SECRET = "in-process-fleet-secret-0123456789abcdef"


def _key() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


@dataclass
class InProcessFleet:
    database_url: str
    bootstrap_servers: str
    namespace: str
    apps: dict[str, FastAPI] = field(default_factory=dict)
    clients: dict[str, httpx.AsyncClient] = field(default_factory=dict)

    def token(self, *, scopes: tuple[str, ...] = ALL_SCOPES, stores: list[str] | None = None, roles: tuple[str, ...] = ("admin",)) -> str:
        return mint_token(secret=JWT_SECRET, subject="e2e", scopes=scopes, roles=roles, store_ids=stores)

    def headers(self, **kwargs) -> dict[str, str]:  # type: ignore[no-untyped-def]
        return {"Authorization": f"Bearer {self.token(**kwargs)}"}

    async def submit_feedback(self, **body: object) -> dict:  # type: ignore[type-arg]
        """POST a feedback, waiting out intake's read copy of stores catching up with routing's seed."""
        from fleet.testing import eventually

        async def accepted() -> httpx.Response | None:
            response = await self.clients["intake"].post("/v1/feedback", json=body, headers=self.headers())
            if response.status_code == 422 and "unknown store" in response.text:
                return None
            return response

        response = await eventually(accepted, timeout=30, what="intake knowing the store")
        assert response.status_code == 201, response.text
        return response.json()

    def settings_for(self, service: str, **overrides):  # type: ignore[no-untyped-def]
        settings_class = importlib.import_module(f"{service}.settings").Settings
        values = {
            "database_url": self.database_url,
            "kafka_bootstrap_servers": self.bootstrap_servers,
            "topic_namespace": self.namespace,
            "jwt_secret": JWT_SECRET,
            "pii_key": _key(),
            "pii_hash_key": _key(),
            "outbox_poll_seconds": 0.2,
            "consumer_retry_backoff_seconds": 0.05,
            "log_json": False,
        } | overrides
        return settings_class(**{k: v for k, v in values.items() if k in settings_class.model_fields})


@contextlib.asynccontextmanager
async def running_fleet(
    *,
    database_url: str,
    bootstrap_servers: str,
    services: tuple[str, ...] = SERVICES,
    seed: bool = True,
    settings_overrides: dict[str, object] | None = None,
) -> AsyncIterator[InProcessFleet]:
    """Seed and start the services in-process on a migrated database; stop them (draining workers) on exit."""
    fleet = InProcessFleet(database_url, bootstrap_servers, namespace=f"t{uuid.uuid4().hex[:8]}.")
    await ensure_topics(bootstrap_servers, namespace=fleet.namespace, partitions=3)
    async with contextlib.AsyncExitStack() as stack:
        for name in services:
            settings = fleet.settings_for(name, **(settings_overrides or {}))
            if seed:
                with contextlib.suppress(ModuleNotFoundError):
                    await importlib.import_module(f"{name}.seed").seed(settings)
            app = importlib.import_module(f"{name}.main").create_app(settings)
            await stack.enter_async_context(app.router.lifespan_context(app))
            client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=f"http://{name}")
            await stack.enter_async_context(client)
            fleet.apps[name] = app
            fleet.clients[name] = client
        yield fleet
