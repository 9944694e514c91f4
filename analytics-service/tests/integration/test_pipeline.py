"""The scripted month over real Kafka: the batch consumer counts redelivered events once, skips poison, and a
rebuild from the topics reproduces the same figures in a fresh database."""

from __future__ import annotations

import uuid

import pytest

from analytics.ingest.rebuild import rebuild
from analytics_testkit.app import bearer, running, settings_for
from analytics_testkit.scenario import EVENTS, EXPECTED_NOVEMBER, envelope
from closeloop.messaging.kafka import qualified, reliable_producer
from closeloop.messaging.topics import ensure_topics
from fleet.testing import eventually

NOVEMBER = {"from": "2026-11-01", "to": "2026-11-30"}


@pytest.fixture
async def namespace(kafka_broker) -> str:  # type: ignore[no-untyped-def]
    ns = f"an{uuid.uuid4().hex[:8]}."
    await ensure_topics(kafka_broker.bootstrap_servers, namespace=ns, partitions=3)
    return ns


async def _publish(bootstrap: str, namespace: str, records: list[tuple[str, bytes, bytes]]) -> None:
    producer = reliable_producer(bootstrap, client_id="analytics-test")
    await producer.start()
    try:
        for topic, key, value in records:
            await producer.send_and_wait(qualified(topic, namespace), key=key, value=value)
    finally:
        await producer.stop()


async def test_consumer_counts_redelivered_events_once_and_rebuild_reproduces_figures(
    kafka_broker, namespace, fresh_database
):
    events = [(p.topic, envelope(p)) for p in EVENTS]
    records = [(topic, e.subject.encode(), e.model_dump_json().encode()) for topic, e in events]
    redelivered = records[5:25]
    poison = [("closeloop.case.v1", b"C1", b"{not json")]
    await _publish(kafka_broker.bootstrap_servers, namespace, records + redelivered + poison)
    live_db = await fresh_database("analytics")
    settings = settings_for(
        live_db, run_consumers=True, kafka_bootstrap_servers=kafka_broker.bootstrap_servers, topic_namespace=namespace,
    )

    async with running(settings) as client:
        async def caught_up() -> dict | None:
            body = (await client.get("/v1/kpis", params=NOVEMBER, headers=bearer())).json()
            done = body["volume"] == 6 and body["csat"]["answers"] == 4 and body["timeliness_rate"]["denominator"] == 3
            return body if done else None

        live = await eventually(caught_up, timeout=60, what="the month consumed")

    assert live["satisfaction_rate"]["numerator"] == EXPECTED_NOVEMBER["satisfaction_rate"][0]
    assert live["repeat_rate"]["numerator"] == 1
    assert live["breaches"] == 1

    rebuilt_db = await fresh_database("analytics")
    report = await rebuild(settings_for(
        rebuilt_db, kafka_bootstrap_servers=kafka_broker.bootstrap_servers, topic_namespace=namespace,
    ))
    async with running(settings_for(rebuilt_db)) as client:
        rebuilt = (await client.get("/v1/kpis", params={**NOVEMBER, "granularity": "week"}, headers=bearer())).json()
    async with running(settings_for(live_db)) as client:
        again = (await client.get("/v1/kpis", params={**NOVEMBER, "granularity": "week"}, headers=bearer())).json()

    assert report.records == len(records) + len(redelivered) + len(poison)
    assert report.applied == len(records)
    assert rebuilt == again
