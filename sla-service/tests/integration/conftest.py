"""sla running in this test process against the session's real Postgres and Kafka, on a private database
and topic namespace per test; events are put on the case and org topics as routing would."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx
import pytest_asyncio
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from fastapi import FastAPI

from closeloop.auth import ALL_SCOPES, mint_token
from closeloop.contracts import CloudEvent, EventPayload
from closeloop.contracts.case import CaseOpened
from closeloop.contracts.topics import SLA
from closeloop.db import Database
from closeloop.messaging.kafka import qualified
from closeloop.messaging.topics import ensure_topics
from fleet.testing import eventually
from sla.main import create_app
from sla.seed import seed
from sla.settings import Settings

SECRET = "sla-integration-secret-0123456789abcdef"


@dataclass
class RunningSla:
    app: FastAPI
    client: httpx.AsyncClient
    settings: Settings
    database: Database
    producer: AIOKafkaProducer

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": "Bearer " + mint_token(secret=SECRET, subject="tester", scopes=ALL_SCOPES, roles=["admin"])}

    async def send(self, payload: EventPayload, *, event: CloudEvent | None = None) -> CloudEvent:
        """Put an event on its topic the way routing's relay does (key = subject)."""
        event = event or CloudEvent.wrap(payload, source="/closeloop/routing")
        await self.producer.send_and_wait(
            qualified(payload.topic, self.settings.topic_namespace), json.dumps(event.model_dump(mode="json")).encode(),
            key=event.subject.encode(),
        )
        return event

    async def clocks(self, case_id: str) -> list[dict]:
        response = await self.client.get("/v1/clocks", params={"case_id": case_id}, headers=self.headers)
        assert response.status_code == 200, response.text
        return response.json()

    async def clocks_until(self, case_id: str, predicate, what: str) -> list[dict]:  # type: ignore[no-untyped-def]
        async def probe() -> list[dict] | None:
            found = await self.clocks(case_id)
            return found if predicate(found) else None
        return await eventually(probe, timeout=20, what=what)  # type: ignore[return-value]

    async def sla_events(self, case_id: str, *, expected: int, timeout: float = 20.0) -> list[dict]:
        """Events about one case on the sla topic, once at least `expected` arrived."""
        consumer = AIOKafkaConsumer(
            qualified(SLA, self.settings.topic_namespace), bootstrap_servers=self.settings.kafka_bootstrap_servers,
            auto_offset_reset="earliest", group_id=None, isolation_level="read_committed",
        )
        await consumer.start()
        seen: list[dict] = []
        try:
            async def more() -> bool:
                for records in (await consumer.getmany(timeout_ms=200)).values():
                    seen.extend(e for e in (json.loads(r.value) for r in records) if e["subject"] == case_id)
                return len(seen) >= expected
            await eventually(more, timeout=timeout, what=f"{expected} sla events for {case_id}")
            # anything published twice would be in the log by now: read what is left
            for records in (await consumer.getmany(timeout_ms=500)).values():
                seen.extend(e for e in (json.loads(r.value) for r in records) if e["subject"] == case_id)
        finally:
            await consumer.stop()
        return seen


def opened(*, urgency: str = "general", at: datetime | None = None, store_id: str = "S001", tier: str | None = None) -> CaseOpened:
    at = at or datetime.now(UTC)
    return CaseOpened(
        case_id=str(uuid.uuid4()), occurred_at=at, feedback_id=str(uuid.uuid4()), feedback_number="FB-20261122-000001",
        store_id=store_id, region_id="R1", channel="pos", received_at=at, category="service", urgency=urgency,
        kind="complaint", classifier_version="test", customer={"tier": tier} if tier else {},
    )


def sla_settings(database_url: str, bootstrap_servers: str, namespace: str, **overrides) -> Settings:  # type: ignore[no-untyped-def]
    return Settings(
        database_url=database_url, kafka_bootstrap_servers=bootstrap_servers, topic_namespace=namespace,
        jwt_secret=SECRET, outbox_poll_seconds=0.2, consumer_retry_backoff_seconds=0.05, log_json=False,
        sender_poll_seconds=0.1, webhook_backoff_seconds=0.2, webhook_allowed_networks=["127.0.0.1/32"],
        **overrides,
    )


@pytest_asyncio.fixture(loop_scope="session")
async def sla(request, fresh_database, kafka_broker) -> AsyncIterator[RunningSla]:
    """sla with its workers; `@pytest.mark.parametrize("sla", [{...settings}], indirect=True)` changes settings."""
    database_url = await fresh_database("sla")
    namespace = f"sla{uuid.uuid4().hex[:8]}."
    await ensure_topics(kafka_broker.bootstrap_servers, namespace=namespace, partitions=3)
    settings = sla_settings(database_url, kafka_broker.bootstrap_servers, namespace, **getattr(request, "param", {}))
    await seed(settings)
    app = create_app(settings)
    producer = AIOKafkaProducer(bootstrap_servers=kafka_broker.bootstrap_servers)
    await producer.start()
    database = Database(database_url, pool_size=2)
    try:
        async with app.router.lifespan_context(app):
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://sla") as client:
                yield RunningSla(app, client, settings, database, producer)
    finally:
        await producer.stop()
        await database.dispose()
