"""The idempotent consumer: apply an event and record its id in one transaction, then commit the offset.

An event whose handler keeps failing goes to ``<topic>.dlt.<service>`` with its error and origin after
a bounded number of attempts, so it never blocks the partition; a redelivered event finds its id in
the inbox and changes nothing.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from opentelemetry import propagate, trace
from pydantic import ValidationError
from sqlalchemy import MetaData
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.contracts.envelope import CloudEvent
from closeloop.contracts.topics import dead_letter_topic
from closeloop.db import Database
from closeloop.logs import correlation_id
from closeloop.messaging.kafka import qualified, reliable_producer
from closeloop.messaging.tables import inbox_table
from closeloop.web.metrics import CONSUMER_LAG, DEAD_LETTERS, EVENTS_PROCESSED, EVENT_SECONDS

log = logging.getLogger(__name__)
tracer = trace.get_tracer("closeloop.consumer")

Handler = Callable[[AsyncSession, CloudEvent], Awaitable[None]]


class PoisonEvent(Exception):
    """The record can never be applied (not a CloudEvent, or a payload that breaks its contract)."""


@dataclass(frozen=True)
class Outcome:
    status: str  # applied | duplicate | ignored | dead_lettered
    event_id: str | None = None


class EventConsumer:
    """Runs one consumer group of a service over its topics."""

    def __init__(
        self,
        *,
        service: str,
        database: Database,
        metadata: MetaData,
        handlers: Mapping[str, Handler],
        topics: list[str],
        bootstrap_servers: str,
        namespace: str = "",
        group_id: str | None = None,
        max_attempts: int = 5,
        retry_backoff_seconds: float = 0.2,
        batch_size: int = 200,
        idempotent: bool = True,
    ) -> None:
        self.idempotent = idempotent
        self.service = service
        self.database = database
        self.inbox = inbox_table(metadata)
        self.handlers = dict(handlers)
        self.namespace = namespace
        self.topics = topics
        self.bootstrap_servers = bootstrap_servers
        self.group_id = group_id or f"{namespace}closeloop-{service}"
        self.max_attempts = max_attempts
        self.retry_backoff_seconds = retry_backoff_seconds
        self.batch_size = batch_size
        self._stopping = asyncio.Event()
        self._consumer: AIOKafkaConsumer | None = None
        self._dead_letters: AIOKafkaProducer | None = None
        self.started = asyncio.Event()

    def _base_topic(self, topic: str) -> str:
        return topic[len(self.namespace) :] if self.namespace and topic.startswith(self.namespace) else topic

    async def start(self) -> None:
        self._consumer = AIOKafkaConsumer(
            *[qualified(t, self.namespace) for t in self.topics],
            bootstrap_servers=self.bootstrap_servers,
            group_id=self.group_id,
            client_id=f"{self.service}-consumer",
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            isolation_level="read_committed",
            heartbeat_interval_ms=500,
            session_timeout_ms=10000,
            max_poll_records=self.batch_size,
        )
        await self._consumer.start()
        await self._dead_letter_producer()
        self.started.set()

    async def _dead_letter_producer(self) -> AIOKafkaProducer:
        if self._dead_letters is None:
            producer = reliable_producer(self.bootstrap_servers, client_id=f"{self.service}-dlt", idempotent=self.idempotent)
            await producer.start()
            self._dead_letters = producer
        return self._dead_letters

    async def close(self, *, commit: bool = True) -> None:
        """Leave the group; ``commit=False`` is what a crash looks like to the broker."""
        if self._consumer is not None:
            await self._consumer.stop()
            self._consumer = None
        if self._dead_letters is not None:
            await self._dead_letters.stop()
            self._dead_letters = None

    def stop(self) -> None:
        """Ask the loop to finish the batch in hand, commit it and leave (SIGTERM)."""
        self._stopping.set()

    async def run(self) -> None:
        """Consume until stopped; reconnects through broker outages."""
        while not self._stopping.is_set():
            try:
                if self._consumer is None:
                    await self.start()
                await self.poll_once()
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning("consumer %s retrying after error: %s", self.group_id, exc)
                await self.close()
                await asyncio.sleep(1.0)
        await self.close()

    async def poll_once(self, timeout_ms: int = 500) -> list[Outcome]:
        """Fetch a batch, apply each record, then commit the offsets of what was applied."""
        assert self._consumer is not None
        batches = await self._consumer.getmany(timeout_ms=timeout_ms, max_records=self.batch_size)
        outcomes: list[Outcome] = []
        for tp, records in batches.items():
            for record in records:
                outcomes.append(await self.process(record))
            await self._consumer.commit({tp: records[-1].offset + 1})
            self._observe_lag(tp, records[-1].offset)
        return outcomes

    def _observe_lag(self, tp: TopicPartition, offset: int) -> None:
        assert self._consumer is not None
        highwater = self._consumer.highwater(tp)
        if highwater is not None:
            CONSUMER_LAG.labels(self.service, self._base_topic(tp.topic), str(tp.partition)).set(
                max(highwater - offset - 1, 0)
            )

    async def process(self, record: ConsumerRecord) -> Outcome:
        """Apply one record exactly once in effect; never raises for a bad event."""
        topic = self._base_topic(record.topic)
        started = time.perf_counter()
        try:
            event = _decode(record)
        except PoisonEvent as exc:
            await self._dead_letter(record, exc, attempts=0)
            return Outcome("dead_lettered")
        handler = self.handlers.get(event.type)
        if handler is None:
            EVENTS_PROCESSED.labels(self.service, topic, "ignored").inc()
            return Outcome("ignored", event.id)
        token = correlation_id.set(event.subject)
        try:
            last_error: Exception | None = None
            for attempt in range(1, self.max_attempts + 1):
                try:
                    with self.consume_span(record, event):
                        applied = await self._apply(topic, event, handler)
                    status = "applied" if applied else "duplicate"
                    EVENTS_PROCESSED.labels(self.service, topic, status).inc()
                    EVENT_SECONDS.labels(self.service, topic).observe(time.perf_counter() - started)
                    return Outcome(status, event.id)
                except (ValidationError, LookupError) as exc:
                    last_error = PoisonEvent(f"{type(exc).__name__}: {exc}")
                    break
                except Exception as exc:
                    last_error = exc
                    log.warning("event %s attempt %d failed: %s", event.id, attempt, exc)
                    if attempt < self.max_attempts:
                        await asyncio.sleep(self.retry_backoff_seconds * 2 ** (attempt - 1))
            assert last_error is not None
            await self._dead_letter(record, last_error, attempts=self.max_attempts)
            return Outcome("dead_lettered", event.id)
        finally:
            correlation_id.reset(token)

    def consume_span(self, record: ConsumerRecord, event: CloudEvent):  # type: ignore[no-untyped-def]
        """The span of applying one event, continuing the producer's trace from the ``traceparent`` header."""
        context = propagate.extract({k: v.decode() for k, v in (record.headers or ()) if v is not None})
        return tracer.start_as_current_span(
            f"consume {event.type}", context=context, kind=trace.SpanKind.CONSUMER,
            attributes={"closeloop.service": self.service, "messaging.destination.name": self._base_topic(record.topic),
                        "messaging.message.id": event.id, "closeloop.subject": event.subject},
        )

    async def _apply(self, topic: str, event: CloudEvent, handler: Handler) -> bool:
        async with self.database.unit_of_work() as session:
            claimed = await session.scalar(
                insert(self.inbox)
                .values(event_id=event.id, event_type=event.type, topic=topic)
                .on_conflict_do_nothing()
                .returning(self.inbox.c.event_id)
            )
            if claimed is None:
                return False
            await handler(session, event)
            return True

    async def _dead_letter(self, record: ConsumerRecord, error: Exception, *, attempts: int) -> None:
        """Park the record with its error and origin; retried until the broker takes it."""
        topic = self._base_topic(record.topic)
        target = qualified(dead_letter_topic(topic, self.service), self.namespace)
        headers = list(record.headers or ()) + [
            ("dlt.error", f"{type(error).__name__}: {error}"[:2000].encode()),
            ("dlt.origin.topic", topic.encode()),
            ("dlt.origin.partition", str(record.partition).encode()),
            ("dlt.origin.offset", str(record.offset).encode()),
            ("dlt.attempts", str(attempts).encode()),
            ("dlt.service", self.service.encode()),
        ]
        producer = await self._dead_letter_producer()
        await producer.send_and_wait(target, value=record.value, key=record.key, headers=headers)
        DEAD_LETTERS.labels(self.service, topic).inc()
        log.error("event dead-lettered to %s: %s", target, error)


def _decode(record: ConsumerRecord) -> CloudEvent:
    try:
        return CloudEvent.model_validate(json.loads(record.value))
    except (ValueError, TypeError, ValidationError) as exc:
        raise PoisonEvent(f"not a CloudEvent: {exc}") from exc
