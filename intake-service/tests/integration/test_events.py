"""intake against real Kafka: events flow through the outbox, carry no personal data in clear, survive a
broker outage, and the org topic feeds intake's copy of the stores."""

from __future__ import annotations

import json
import re
import uuid
from datetime import UTC, datetime

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from closeloop.contracts import CloudEvent
from closeloop.contracts.org import StoreUpserted
from closeloop.contracts.topics import FEEDBACK, ORG, SURVEY
from fleet.testing import broker_outage, eventually

# A phone stands apart from letters and digits; a run of digits inside a hex hash or id is not a phone.
CLEAR_PHONE = re.compile(r"(?<![0-9A-Za-z*])1[3-9]\d{9}(?![0-9A-Za-z])")


def _store() -> str:
    return "S" + uuid.uuid4().hex[:8].upper()


def _phone() -> str:
    return "139" + str(uuid.uuid4().int)[:8]


class TopicReader:
    """Reads everything on some of a test's namespaced topics."""

    def __init__(self, bootstrap: str, namespace: str, topics: list[str]) -> None:
        self.consumer = AIOKafkaConsumer(
            *[namespace + t for t in topics], bootstrap_servers=bootstrap, group_id=f"reader-{uuid.uuid4().hex}",
            auto_offset_reset="earliest", enable_auto_commit=False,
        )
        self.records: list[bytes] = []

    async def __aenter__(self) -> TopicReader:
        await self.consumer.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.consumer.stop()

    async def events(self) -> list[dict]:
        batches = await self.consumer.getmany(timeout_ms=200)
        self.records += [r.value for records in batches.values() for r in records]
        return [json.loads(v) for v in self.records]


async def test_events_carry_no_clear_phone_numbers(live_intake, kafka_broker):
    intake, store, phone = live_intake, _store(), _phone()
    await _know_store(intake, kafka_broker, store)
    submitted = await intake.client.post(
        "/v1/feedback",
        json={"channel": "hotline", "store_id": store, "content": f"顾客留电话 {phone}，说牛奶坏了",
              "customer": {"name": "孙七", "phone": phone, "email": "sun.qi@example.com"}},
        headers=intake.headers(),
    )
    feedback = submitted.json()
    await intake.client.post(
        "/v1/surveys", json={"token": feedback["survey_token"], "satisfied": True, "comment": f"我的号码 {phone}"},
        headers=intake.headers(),
    )

    async with TopicReader(kafka_broker.bootstrap_servers, intake.settings.topic_namespace, [FEEDBACK, SURVEY]) as reader:

        async def both() -> list[dict] | None:
            events = await reader.events()
            return events if {e["type"] for e in events} >= {
                "closeloop.feedback.received.v1", "closeloop.survey.recorded.v1"
            } else None

        events = await eventually(both, timeout=30, what="feedback and survey events")

    raw = "\n".join(json.dumps(e, ensure_ascii=False) for e in events)
    assert not CLEAR_PHONE.search(raw)
    assert "孙七" not in raw and "sun.qi" not in raw
    received = next(e for e in events if e["type"] == "closeloop.feedback.received.v1")
    assert received["data"]["customer"]["masked_phone"] == f"{phone[:3]}****{phone[-4:]}"
    assert len(received["data"]["customer"]["phone_hash"]) == 64
    assert received["subject"] == feedback["id"]


async def test_feedback_is_accepted_while_kafka_is_down_and_announced_after(live_intake, kafka_broker):
    intake, store = live_intake, _store()
    await _know_store(intake, kafka_broker, store)

    async with broker_outage(kafka_broker):
        submitted = await intake.client.post(
            "/v1/feedback", json={"channel": "pos", "store_id": store, "content": "停车场的灯坏了很久了"},
            headers=intake.headers(),
        )
        assert submitted.status_code == 201

    async with TopicReader(kafka_broker.bootstrap_servers, intake.settings.topic_namespace, [FEEDBACK]) as reader:

        async def announced() -> bool:
            return any(e["subject"] == submitted.json()["id"] for e in await reader.events())

        assert await eventually(announced, timeout=60, what="the event after the outage")
        sent = [e for e in await reader.events() if e["subject"] == submitted.json()["id"]]
    assert len(sent) == 1


async def test_unknown_store_is_rejected_once_the_org_is_known(live_intake, kafka_broker):
    intake, known = live_intake, _store()
    await _know_store(intake, kafka_broker, known)

    unknown = await intake.client.post(
        "/v1/feedback", json={"channel": "pos", "store_id": "NOPE1", "content": "测试"}, headers=intake.headers()
    )
    accepted = await intake.client.post(
        "/v1/feedback", json={"channel": "pos", "store_id": known, "content": "测试"}, headers=intake.headers()
    )

    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["field"] == "store_id"
    assert accepted.status_code == 201


async def _know_store(intake, kafka_broker, store_id: str) -> None:  # type: ignore[no-untyped-def]
    """Publish a StoreUpserted on the org topic, as routing does, and wait until intake applied it."""
    event = CloudEvent.wrap(
        StoreUpserted(store_id=store_id, name=f"门店 {store_id}", updated_at=datetime.now(UTC)), source="/closeloop/routing"
    )
    producer = AIOKafkaProducer(bootstrap_servers=kafka_broker.bootstrap_servers)
    await producer.start()
    try:
        await producer.send_and_wait(
            intake.settings.topic_namespace + ORG, event.model_dump_json().encode(), key=store_id.encode()
        )
    finally:
        await producer.stop()

    async def applied() -> bool:
        return bool(await intake.sql("SELECT 1 FROM intake.stores WHERE store_id = :s", s=store_id))

    await eventually(applied, timeout=30, what=f"store {store_id} in intake's copy")
