"""A consumer that applies a whole poll batch in one transaction (for throughput), one event at a time on failure.

The platform consumer applies one event per transaction; analytics receives every event of every topic,
so it claims a batch's event ids in the inbox and folds the batch into facts and rollups in one unit of
work. If that fails, it falls back to the platform's per-event path, which retries and dead-letters the
event that keeps failing, so one bad event never blocks or loses the others.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence

from aiokafka import ConsumerRecord
from pydantic import ValidationError
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.contracts.envelope import CloudEvent, EventPayload
from closeloop.messaging.consumer import EventConsumer, Outcome, PoisonEvent
from closeloop.web.metrics import EVENT_SECONDS, EVENTS_PROCESSED

log = logging.getLogger(__name__)

BatchHandler = Callable[[AsyncSession, Sequence[tuple[str, EventPayload]]], Awaitable[None]]


class BatchConsumer(EventConsumer):
    def __init__(self, *, batch_handler: BatchHandler, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(**kwargs)
        self.batch_handler = batch_handler
        inbox = f'"{self.inbox.schema}".{self.inbox.name}'
        self._claim = text(
            f"INSERT INTO {inbox} (event_id, event_type, topic) "
            "SELECT * FROM unnest(CAST(:ids AS varchar[]), CAST(:types AS varchar[]), CAST(:topics AS varchar[])) "
            "ON CONFLICT DO NOTHING RETURNING event_id"
        )

    async def poll_once(self, timeout_ms: int = 500, linger_ms: int = 50) -> list[Outcome]:
        """Gather up to a full batch (waiting at most ``linger_ms`` for more once some records are in), apply
        it in one transaction, then commit every partition's offset at once."""
        assert self._consumer is not None
        batches = await self._consumer.getmany(timeout_ms=timeout_ms, max_records=self.batch_size)
        count = sum(len(rs) for rs in batches.values())
        deadline = time.monotonic() + linger_ms / 1000
        while 0 < count < self.batch_size and time.monotonic() < deadline:
            more = await self._consumer.getmany(timeout_ms=linger_ms // 5, max_records=self.batch_size - count)
            for tp, rs in more.items():
                batches.setdefault(tp, []).extend(rs)
                count += len(rs)
            if not more:
                break
        records = [r for rs in batches.values() for r in rs]
        outcomes: list[Outcome] = []
        if records:
            try:
                outcomes = await self.apply_batch(records)
            except Exception as exc:
                log.warning("batch of %d failed (%s); applying one by one", len(records), exc)
                outcomes = [await self.process(r) for r in records]
        # A rebalance during the batch may have taken partitions away: their records were applied (and are in
        # the inbox), so the new owner's redelivery changes nothing; only offsets still ours can be committed.
        assigned = self._consumer.assignment()
        offsets = {tp: rs[-1].offset + 1 for tp, rs in batches.items() if rs and tp in assigned}
        if offsets:
            await self._consumer.commit(offsets)  # one round trip for every partition of the poll
            for tp, offset in offsets.items():
                self._observe_lag(tp, offset - 1)
        return outcomes

    async def apply_batch(self, records: Sequence[ConsumerRecord], *, dead_letter: bool = True) -> list[Outcome]:
        """Claim and apply every applicable record in one transaction; bad records are dead-lettered after it
        (a rebuild, replaying records already dead-lettered once, skips them instead)."""
        started = time.perf_counter()
        poison: list[tuple[ConsumerRecord, Exception]] = []
        ignored: list[tuple[str, CloudEvent]] = []
        usable: list[tuple[str, CloudEvent, EventPayload]] = []
        records_of: dict[str, ConsumerRecord] = {}
        for record in records:
            topic = self._base_topic(record.topic)
            try:
                event = CloudEvent.model_validate_json(record.value)
            except (ValueError, TypeError) as exc:  # pydantic's ValidationError is a ValueError
                poison.append((record, PoisonEvent(f"not a CloudEvent: {exc}")))
                continue
            if event.type not in self.handlers:
                ignored.append((topic, event))
                continue
            try:
                usable.append((topic, event, event.payload()))
                records_of[event.id] = record
            except (ValidationError, LookupError) as exc:
                poison.append((record, PoisonEvent(f"{type(exc).__name__}: {exc}")))
        fresh: list[tuple[str, CloudEvent, EventPayload]] = []
        if usable:
            async with self.database.unit_of_work() as session:
                claimed = set(
                    await session.scalars(
                        self._claim,
                        {"ids": [e.id for _, e, _ in usable], "types": [e.type for _, e, _ in usable],
                         "topics": [t for t, _, _ in usable]},
                    )
                )
                seen: set[str] = set()
                for topic, event, payload in usable:
                    if event.id in claimed and event.id not in seen:
                        seen.add(event.id)
                        fresh.append((topic, event, payload))
                await self.batch_handler(session, [(e.type, p) for _, e, p in fresh])
        for _, event, _ in fresh:  # one span per applied event keeps each producer's trace going
            with self.consume_span(records_of[event.id], event) as span:
                span.set_attribute("closeloop.batch_size", len(fresh))
        outcomes = []
        counts: Counter[tuple[str, str]] = Counter()
        fresh_ids = {e.id for _, e, _ in fresh}
        for topic, event, _ in usable:
            status = "applied" if event.id in fresh_ids else "duplicate"
            fresh_ids.discard(event.id)
            counts[(topic, status)] += 1
            outcomes.append(Outcome(status, event.id))
        for topic, event in ignored:
            counts[(topic, "ignored")] += 1
            outcomes.append(Outcome("ignored", event.id))
        for (topic, status), n in counts.items():
            EVENTS_PROCESSED.labels(self.service, topic, status).inc(n)
        for record, error in poison:
            if dead_letter:
                await self._dead_letter(record, error, attempts=0)
            outcomes.append(Outcome("dead_lettered" if dead_letter else "ignored"))
        if usable:
            EVENT_SECONDS.labels(self.service, "batch").observe(time.perf_counter() - started)
        return outcomes
