"""The relay publishes committed outbox rows, in order per key, once the broker acknowledged them."""

from __future__ import annotations

import asyncio
import json

from aiokafka import AIOKafkaConsumer
from sqlalchemy import func, select

from closeloop.messaging.outbox import OutboxRelay
from fleet.testing import eventually


async def _read_all(bootstrap: str, topic: str, expected: int, timeout: float = 30.0) -> list[dict]:
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest", group_id=None)
    await consumer.start()
    seen: list[dict] = []
    try:
        async def more() -> bool:
            batches = await consumer.getmany(timeout_ms=200)
            for records in batches.values():
                seen.extend(json.loads(r.value) | {"_key": r.key.decode()} for r in records)
            return len(seen) >= expected
        await eventually(more, timeout=timeout, what=f"{expected} records on {topic}")
    finally:
        await consumer.stop()
    return seen


def _relay(platform) -> OutboxRelay:  # type: ignore[no-untyped-def]
    return OutboxRelay(
        outbox=platform.outbox, database=platform.database, bootstrap_servers=platform.bootstrap_servers,
        namespace=platform.namespace, batch_size=7, poll_seconds=0.05,
    )


async def test_two_relay_replicas_keep_each_aggregates_order(platform):
    aggregates = [f"case-{i}" for i in range(6)]
    writes = [(a, seq) for seq in range(40) for a in aggregates]
    relays = [_relay(platform), _relay(platform)]
    tasks = [asyncio.create_task(r.run()) for r in relays]
    try:
        for a, seq in writes:  # written while both relays are publishing
            await platform.write_note(a, seq)
        records = await _read_all(platform.bootstrap_servers, platform.topic, len(writes))
    finally:
        for r in relays:
            r.stop()
        await asyncio.gather(*tasks)
    by_key: dict[str, list[int]] = {}
    for r in records:
        assert r["_key"] == r["subject"] == r["data"]["aggregate"]
        by_key.setdefault(r["_key"], []).append(r["data"]["seq"])
    assert by_key == {a: list(range(40)) for a in aggregates}
    assert len({r["id"] for r in records}) == len(writes)


async def test_rows_are_marked_published_only_after_the_broker_acknowledged(platform):
    await platform.write_note("case-x", 1)
    table = platform.outbox.table
    async with platform.database.sessions() as session:
        pending = await session.scalar(select(func.count()).where(table.c.published_at.is_(None)))
    assert pending == 1
    relay = _relay(platform)
    task = asyncio.create_task(relay.run())
    try:
        await _read_all(platform.bootstrap_servers, platform.topic, 1)

        async def none_pending() -> bool:
            async with platform.database.sessions() as session:
                return await session.scalar(select(func.count()).where(table.c.published_at.is_(None))) == 0
        await eventually(none_pending, what="outbox row marked published")
    finally:
        relay.stop()
        await task


async def test_a_rolled_back_change_leaves_no_event(platform):
    from shared.tests.integration.platform import NoteWritten

    class Refused(Exception):
        pass

    try:
        async with platform.database.unit_of_work() as session:
            await session.execute(platform.notes.insert().values(aggregate="case-r", seq=1))
            await platform.outbox.add(session, NoteWritten(aggregate="case-r", seq=1))
            raise Refused
    except Refused:
        pass
    async with platform.database.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(platform.outbox.table)) == 0
        assert await session.scalar(select(func.count()).select_from(platform.notes)) == 0
