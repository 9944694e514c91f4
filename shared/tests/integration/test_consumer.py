"""The idempotent consumer: effects once, offsets after the database, poison to the dead-letter topic."""

from __future__ import annotations

import asyncio

from aiokafka import AIOKafkaProducer

from closeloop.contracts.topics import dead_letter_topic
from closeloop.messaging.consumer import EventConsumer
from closeloop.messaging.deadletter import read_dead_letters, replay
from closeloop.messaging.outbox import OutboxRelay
from shared.tests.integration.platform import TEST_TOPIC
from fleet.testing import eventually


def _consumer(platform, *, handler=None, group: str = "g1") -> EventConsumer:  # type: ignore[no-untyped-def]
    return EventConsumer(
        service="platformtest", database=platform.database, metadata=platform.metadata,
        handlers={"closeloop.platformtest.note_written.v1": handler or platform.apply_note},
        topics=[TEST_TOPIC], bootstrap_servers=platform.bootstrap_servers, namespace=platform.namespace,
        group_id=platform.namespace + group, max_attempts=3, retry_backoff_seconds=0.01,
    )


async def _publish_pending(platform) -> None:  # type: ignore[no-untyped-def]
    relay = OutboxRelay(outbox=platform.outbox, database=platform.database,
                        bootstrap_servers=platform.bootstrap_servers, namespace=platform.namespace)
    from closeloop.messaging.kafka import reliable_producer
    relay._producer = reliable_producer(platform.bootstrap_servers, client_id="test-relay")
    await relay._producer.start()
    try:
        await relay.publish_pending()
    finally:
        await relay._producer.stop()


async def test_consumer_killed_between_database_commit_and_offset_commit_changes_nothing_on_redelivery(platform):
    await platform.write_note("case-k", 1)
    await _publish_pending(platform)

    first = _consumer(platform)
    await first.start()
    batches = await eventually(lambda: first._consumer.getmany(timeout_ms=200), what="the event delivered")
    [record] = [r for records in batches.values() for r in records]
    assert (await first.process(record)).status == "applied"
    await first.close()  # dies here: database committed, offset never committed

    second = _consumer(platform)
    await second.start()
    try:
        outcomes = await eventually(second.poll_once, what="the event redelivered")
    finally:
        await second.close()
    assert [o.status for o in outcomes] == ["duplicate"]
    assert outcomes[0].event_id == (await _event_id(record))
    assert await platform.applied() == [("case-k", 1)]


async def _event_id(record) -> str:  # type: ignore[no-untyped-def]
    import json

    return json.loads(record.value)["id"]


async def test_poison_and_failing_events_are_dead_lettered_while_later_events_flow(platform):
    producer = AIOKafkaProducer(bootstrap_servers=platform.bootstrap_servers)
    await producer.start()
    try:
        await producer.send_and_wait(platform.topic, b"\x00 not json", key=b"case-p")
    finally:
        await producer.stop()
    await platform.write_note("case-p", 1, fail=True)
    await platform.write_note("case-p", 2)
    await _publish_pending(platform)

    consumer = _consumer(platform)
    task = asyncio.create_task(consumer.run())
    try:
        await eventually(platform.applied, what="the good event applied")
    finally:
        consumer.stop()
        await task
    assert await platform.applied() == [("case-p", 2)]

    dlt = platform.namespace + dead_letter_topic(TEST_TOPIC, "platformtest")
    parked = await eventually(
        lambda: read_dead_letters(bootstrap_servers=platform.bootstrap_servers, topic=dlt), what="two dead letters"
    )
    assert len(parked) == 2
    assert parked[0]["headers"]["dlt.error"].startswith("PoisonEvent")
    assert "cannot apply note 1" in parked[1]["headers"]["dlt.error"]
    assert parked[1]["headers"]["dlt.origin.topic"] == TEST_TOPIC
    assert parked[1]["headers"]["dlt.attempts"] == "3"


async def test_replayed_dead_letter_is_applied_once_the_cause_is_fixed(platform):
    await platform.write_note("case-d", 1, fail=True)
    await _publish_pending(platform)
    failing = _consumer(platform, group="g-replay")
    task = asyncio.create_task(failing.run())
    dlt = platform.namespace + dead_letter_topic(TEST_TOPIC, "platformtest")
    try:
        await eventually(lambda: read_dead_letters(bootstrap_servers=platform.bootstrap_servers, topic=dlt),
                         what="the event dead-lettered")
    finally:
        failing.stop()
        await task

    async def fixed_handler(session, event):  # type: ignore[no-untyped-def]
        from sqlalchemy import text

        payload = event.payload()
        await session.execute(text(f'INSERT INTO "{platform.schema}".applied (aggregate, seq) VALUES (:a, :s)'),
                              {"a": payload.aggregate, "s": payload.seq})

    assert await replay(bootstrap_servers=platform.bootstrap_servers, topic=dlt, offsets=None,
                        namespace=platform.namespace) == 1
    fixed = _consumer(platform, handler=fixed_handler, group="g-replay")
    task = asyncio.create_task(fixed.run())
    try:
        await eventually(platform.applied, what="the replayed event applied")
    finally:
        fixed.stop()
        await task
    assert await platform.applied() == [("case-d", 1)]
