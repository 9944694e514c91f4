"""Transactional outbox: events are rows first, Kafka records second.

A service adds an event in the transaction that changes its state; the relay publishes committed
rows in id order per key bucket and marks them published only after the broker acknowledged them.
Replicas share the work by bucket through advisory locks, so one aggregate's events (one key, one
bucket) are only ever published by one relay at a time, in order.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
import zlib
from datetime import UTC, datetime

from aiokafka import AIOKafkaProducer
from opentelemetry import propagate
from sqlalchemy import MetaData, Table, func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.contracts.envelope import CloudEvent, EventPayload
from closeloop.db import Database
from closeloop.messaging.kafka import qualified, reliable_producer
from closeloop.messaging.tables import outbox_table
from closeloop.web.metrics import OUTBOX_BACKLOG, OUTBOX_OLDEST_AGE, OUTBOX_PUBLISHED

log = logging.getLogger(__name__)
BACKLOG_OBSERVATION_SECONDS = 1.0


class Outbox:
    """A service's outbox: where its events wait for the relay."""

    def __init__(self, *, metadata: MetaData, source: str, buckets: int = 16) -> None:
        self.schema = metadata.schema or "public"
        self.table: Table = outbox_table(metadata)
        self.source = source
        self.buckets = buckets
        self.channel = f"outbox_{self.schema}"
        self.lock_class = zlib.crc32(self.channel.encode()) & 0x7FFFFFFF

    def bucket_of(self, key: str) -> int:
        return zlib.crc32(key.encode()) % self.buckets

    async def add(self, session: AsyncSession, payload: EventPayload, *, time: datetime | None = None) -> CloudEvent:
        """Record an event in the caller's transaction; it is published once that transaction commits."""
        event = CloudEvent.wrap(payload, source=f"/closeloop/{self.source}", time=time)
        headers: dict[str, str] = {}
        propagate.inject(headers)
        await session.execute(
            self.table.insert().values(
                event_id=event.id,
                event_type=event.type,
                topic=payload.topic,
                key=event.subject,
                bucket=self.bucket_of(event.subject),
                envelope=event.model_dump(mode="json"),
                headers=headers,
            )
        )
        await session.execute(text("SELECT pg_notify(:channel, '')"), {"channel": self.channel})
        return event


class OutboxRelay:
    """Publishes committed outbox rows to Kafka; wakes on NOTIFY, polls as a fallback."""

    def __init__(
        self,
        *,
        outbox: Outbox,
        database: Database,
        bootstrap_servers: str,
        namespace: str = "",
        batch_size: int = 500,
        poll_seconds: float = 1.0,
        producer: AIOKafkaProducer | None = None,
        idempotent: bool = True,
    ) -> None:
        self.idempotent = idempotent
        self.outbox = outbox
        self.database = database
        self.bootstrap_servers = bootstrap_servers
        self.namespace = namespace
        self.batch_size = batch_size
        self.poll_seconds = poll_seconds
        self._producer = producer
        self._wake = asyncio.Event()
        self._observed_at = 0.0
        self._stopping = asyncio.Event()

    async def run(self) -> None:
        """Publish until stopped; broker or database outages are waited out, never lost."""
        listener = None
        backoff = 0.2
        while not self._stopping.is_set():
            try:
                if self._producer is None:
                    self._producer = reliable_producer(
                        self.bootstrap_servers, client_id=f"{self.outbox.source}-relay", idempotent=self.idempotent
                    )
                    await self._producer.start()
                if listener is None:
                    listener = await self._listen()
                published = await self.publish_pending()
                backoff = 0.2
                if published == 0:
                    await self._sleep(self.poll_seconds)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # broker or database unavailable: wait and try again
                log.warning("outbox relay retrying after error: %s", exc)
                if listener is not None:
                    await self._close_listener(listener)
                    listener = None
                await self._sleep(backoff)
                backoff = min(backoff * 2, 5.0)
        if listener is not None:
            await self._close_listener(listener)
        if self._producer is not None:
            await self._producer.stop()
            self._producer = None

    def stop(self) -> None:
        self._stopping.set()
        self._wake.set()

    async def publish_pending(self) -> int:
        """One pass over the buckets holding unpublished events; returns how many this relay published."""
        table = self.outbox.table
        async with self.database.sessions() as session:
            pending = list(
                await session.scalars(select(table.c.bucket).where(table.c.published_at.is_(None)).distinct())
            )
        random.shuffle(pending)
        total = 0
        for bucket in pending:
            total += await self._publish_bucket(bucket)
        if time.monotonic() - self._observed_at >= BACKLOG_OBSERVATION_SECONDS:
            await self._observe_backlog()
            self._observed_at = time.monotonic()
        return total

    async def _publish_bucket(self, bucket: int) -> int:
        assert self._producer is not None
        table = self.outbox.table
        async with self.database.unit_of_work() as session:
            locked = await session.scalar(select(func.pg_try_advisory_xact_lock(self.outbox.lock_class, bucket)))
            if not locked:
                return 0
            rows = (
                await session.execute(
                    select(table.c.id, table.c.topic, table.c.key, table.c.envelope, table.c.headers)
                    .where(table.c.published_at.is_(None), table.c.bucket == bucket)
                    .order_by(table.c.id)
                    .limit(self.batch_size)
                )
            ).all()
            if not rows:
                return 0
            acks = []
            for row in rows:
                acks.append(
                    await self._producer.send(
                        qualified(row.topic, self.namespace),
                        value=_encode(row.envelope),
                        key=row.key.encode(),
                        headers=[(k, str(v).encode()) for k, v in (row.headers or {}).items()],
                    )
                )
            await asyncio.gather(*acks)
            await session.execute(
                update(table).where(table.c.id.in_([r.id for r in rows])).values(published_at=datetime.now(UTC))
            )
        OUTBOX_PUBLISHED.labels(self.outbox.source).inc(len(rows))
        return len(rows)

    async def _observe_backlog(self) -> None:
        table = self.outbox.table
        async with self.database.sessions() as session:
            count, oldest = (
                await session.execute(
                    select(func.count(), func.min(table.c.created_at)).where(table.c.published_at.is_(None))
                )
            ).one()
        OUTBOX_BACKLOG.labels(self.outbox.source).set(count)
        age = (datetime.now(UTC) - oldest).total_seconds() if oldest else 0.0
        OUTBOX_OLDEST_AGE.labels(self.outbox.source).set(age)

    async def _listen(self):  # type: ignore[no-untyped-def]
        conn = await self.database.engine.connect()
        raw = await conn.get_raw_connection()
        await raw.driver_connection.add_listener(self.outbox.channel, lambda *_: self._wake.set())
        return conn

    async def _close_listener(self, conn) -> None:  # type: ignore[no-untyped-def]
        try:
            await conn.close()
        except Exception:  # the connection may already be gone with the database
            pass

    async def _sleep(self, seconds: float) -> None:
        try:
            await asyncio.wait_for(self._wake.wait(), timeout=seconds)
        except TimeoutError:
            pass
        self._wake.clear()


def _encode(envelope: dict) -> bytes:  # type: ignore[type-arg]
    import json

    return json.dumps(envelope, ensure_ascii=False, separators=(",", ":")).encode()
