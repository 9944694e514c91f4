"""routing against the session's real PostgreSQL and real Kafka.

One migrated, seeded database and one running app (relay and consumer included) for the whole package,
so the consumer group joins once. Tests stay independent by opening a store of their own with its own
staff (``new_store``) and by making up their own customers and feedback ids.
"""

from __future__ import annotations

import base64
import os
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest_asyncio
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from closeloop.auth import ALL_SCOPES, mint_token
from closeloop.contracts import CloudEvent
from closeloop.contracts.envelope import EventPayload
from closeloop.contracts.feedback import CustomerRef, FeedbackReceived, ItemRef
from closeloop.messaging.kafka import qualified, reliable_producer
from closeloop.messaging.topics import ensure_topics
from fleet.testing import eventually
from routing.main import create_app
from routing.seed import seed
from routing.settings import Settings

JWT_SECRET = "routing-tests-secret-0123456789abcdef0123"
DEPARTMENT_STAFF = {
    "CS1": ("customer_service", "staff"), "CS2": ("customer_service", "staff"), "SAL": ("sales", "staff"),
    "PUR": ("purchasing", "staff"), "FAC": ("facilities", "staff"), "FS": ("food_safety", "staff"),
    "SEC": ("security", "staff"),
}


@dataclass
class RoutingUnderTest:
    """The running routing app, a client, a producer onto its topics, and a look into its tables."""

    settings: Settings
    client: httpx.AsyncClient
    engine: AsyncEngine
    producer: Any
    app: Any = None

    def token(
        self, *, scopes: tuple[str, ...] | list[str] = ALL_SCOPES, roles: tuple[str, ...] = ("admin",),
        stores: list[str] | None = None, department: str | None = None, subject: str = "tester",
    ) -> str:
        return mint_token(secret=JWT_SECRET, subject=subject, scopes=scopes, roles=roles, store_ids=stores,
                          department=department)

    def headers(self, **kwargs: Any) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(**kwargs)}"}

    def staff_headers(self, staff_id: str, *, store: str, department: str, role: str = "staff") -> dict[str, str]:
        return self.headers(subject=staff_id, roles=(role,), stores=[store], department=department,
                            scopes=("case:read", "case:write"))

    async def publish(self, payload: EventPayload, *, event_id: str | None = None) -> CloudEvent:
        """Put an event on routing's input topic as its producer would."""
        event = CloudEvent.wrap(payload, source="/closeloop/tests")
        if event_id is not None:
            event = event.model_copy(update={"id": event_id})
        await self.producer.send_and_wait(
            qualified(payload.topic, self.settings.topic_namespace), value=event.model_dump_json().encode(),
            key=event.subject.encode(),
        )
        return event

    async def sql(self, statement: str, **params: Any) -> list[Any]:
        async with self.engine.connect() as connection:
            return list((await connection.execute(text(statement), params)).all())

    async def outbox_types(self, key: str) -> list[str]:
        rows = await self.sql("SELECT event_type FROM routing.outbox WHERE key = :key ORDER BY id", key=key)
        return [r.event_type for r in rows]

    async def cases_of_feedback(self, feedback_id: str) -> list[dict[str, Any]]:
        response = await self.client.get("/v1/cases", params={"feedback_id": feedback_id}, headers=self.headers())
        assert response.status_code == 200, response.text
        return response.json()["items"]  # type: ignore[no-any-return]

    async def case_opened_for(self, feedback: FeedbackReceived, *, timeout: float = 20) -> dict[str, Any]:
        """Publish the feedback and wait until routing opened its case; returns the case as the API shows it."""
        await self.publish(feedback)
        return await self.case_of(feedback.feedback_id, timeout=timeout)

    async def case_of(self, feedback_id: str, *, timeout: float = 20) -> dict[str, Any]:
        cases = await eventually(lambda: self.cases_of_feedback(feedback_id), timeout=timeout,
                                 what=f"a case for feedback {feedback_id}")
        return await self.case(cases[0]["id"])  # type: ignore[index]

    async def case(self, case_id: str) -> dict[str, Any]:
        response = await self.client.get(f"/v1/cases/{case_id}", headers=self.headers())
        assert response.status_code == 200, response.text
        return response.json()  # type: ignore[no-any-return]

    async def act(self, case_id: str, action: dict[str, Any], headers: dict[str, str] | None = None) -> httpx.Response:
        return await self.client.post(f"/v1/cases/{case_id}/actions", json=action, headers=headers or self.headers())

    @staticmethod
    def feedback(
        store_id: str, content: str = "收银员态度很差,找零还扔在台面上", *, customer: str | None = None,
        tier: str | None = None, kind: str | None = None, items: list[ItemRef] | None = None,
        received_at: datetime | None = None, channel: str = "pos",
    ) -> FeedbackReceived:
        return FeedbackReceived(
            feedback_id=str(uuid.uuid4()), number=f"FB-20261123-{uuid.uuid4().int % 10**6:06d}", channel=channel,  # type: ignore[arg-type]
            store_id=store_id, content=content, kind=kind, received_at=received_at or datetime.now(UTC),  # type: ignore[arg-type]
            customer=CustomerRef(customer_id=customer, masked_phone="138****5678" if customer else None,
                                 tier=tier),  # type: ignore[arg-type]
            items=items or [],
        )

    def person(self, store: str, suffix: str) -> dict[str, str]:
        """Headers of one of a test store's people: SUP, MGR, CS1, CS2, SAL, PUR, FAC, FS, SEC."""
        department, role = {"MGR": ("customer_service", "manager"), "SUP": ("customer_service", "supervisor"),
                            **DEPARTMENT_STAFF}[suffix]
        return self.staff_headers(f"{store}-{suffix}", store=store, department=department, role=role)

    @property
    def development_adapter(self) -> Any:
        return self.app.state.outbound_adapters.development

    async def new_store(self, *, region: str = "north", on_shift: bool = True) -> str:
        """A store of the test's own, with a supervisor, a manager and one or two people per department."""
        store_id = f"T{uuid.uuid4().hex[:8].upper()}"
        admin = self.headers()
        response = await self.client.put(f"/v1/stores/{store_id}", headers=admin,
                                         json={"name": f"測試店 {store_id}", "region_id": region})
        assert response.status_code == 201, response.text
        people = {"MGR": ("customer_service", "manager"), "SUP": ("customer_service", "supervisor"), **DEPARTMENT_STAFF}
        for suffix, (department, role) in people.items():
            response = await self.client.put(
                f"/v1/staff/{store_id}-{suffix}", headers=admin,
                json={"name": f"{store_id} {suffix}", "department_id": department, "role": role,
                      "store_ids": [store_id], "capacity": 5, "on_shift": on_shift},
            )
            assert response.status_code == 201, response.text
        return store_id


@pytest_asyncio.fixture(scope="package", loop_scope="session")
async def routing(postgres_server, kafka_broker) -> AsyncIterator[RoutingUnderTest]:  # type: ignore[no-untyped-def]
    database_url = await postgres_server.create_database(migrate=("routing",))
    namespace = f"t{uuid.uuid4().hex[:8]}."
    settings = Settings(
        database_url=database_url, kafka_bootstrap_servers=kafka_broker.bootstrap_servers, topic_namespace=namespace,
        jwt_secret=JWT_SECRET, pii_key=base64.urlsafe_b64encode(os.urandom(32)).decode(), log_json=False,
        outbox_poll_seconds=0.2, consumer_retry_backoff_seconds=0.05, consumer_max_attempts=3,
    )
    await ensure_topics(kafka_broker.bootstrap_servers, namespace=namespace, partitions=3)
    await seed(settings)
    app = create_app(settings)
    engine = create_async_engine(database_url, pool_size=2)
    producer = reliable_producer(kafka_broker.bootstrap_servers, client_id="routing-tests")
    await producer.start()
    try:
        async with app.router.lifespan_context(app):
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://routing") as client:
                yield RoutingUnderTest(settings=settings, client=client, engine=engine, producer=producer, app=app)
    finally:
        await producer.stop()
        await engine.dispose()
        await postgres_server.drop_database(database_url)
