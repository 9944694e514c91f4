"""Publishing an sla event: onto Kafka through the outbox, and to every channel that wants it."""

from __future__ import annotations

import random
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta

from opentelemetry import propagate
from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.contracts import CloudEvent, EventPayload
from sla.channels.models import Channel
from sla.db import outbox
from sla.deliveries.formats import short_type
from sla.deliveries.models import Delivery


def _wants(channel: Channel, event: CloudEvent, payload: EventPayload) -> bool:
    if channel.event_types and event.type not in channel.event_types and short_type(event.type) not in channel.event_types:
        return False
    if channel.store_id and channel.store_id != getattr(payload, "store_id", None):
        return False
    if channel.region_id and channel.region_id != getattr(payload, "region_id", None):
        return False
    role = getattr(payload, "role", None)
    return not (channel.roles and role is not None and role not in channel.roles)


_BATCH = "sla_batched_events"


@asynccontextmanager
async def batched(session: AsyncSession) -> AsyncIterator[None]:
    """Inside, events are collected and written to the outbox in one insert (in order) with one NOTIFY.

    The timer publishes two events per breached clock and hundreds of clocks per pass; one round trip
    per event (plus its NOTIFY) was most of its cost.
    """
    session.info[_BATCH] = []
    try:
        yield
        rows = session.info[_BATCH]
        if rows:
            await session.execute(outbox.table.insert(), rows)
            await session.execute(text("SELECT pg_notify(:channel, '')"), {"channel": outbox.channel})
    finally:
        session.info.pop(_BATCH, None)


async def _to_outbox(session: AsyncSession, payload: EventPayload, at: datetime | None) -> CloudEvent:
    pending = session.info.get(_BATCH)
    if pending is None:
        return await outbox.add(session, payload, time=at)
    event = CloudEvent.wrap(payload, source=f"/closeloop/{outbox.source}", time=at)
    headers: dict[str, str] = {}
    propagate.inject(headers)
    pending.append(
        {"event_id": event.id, "event_type": event.type, "topic": payload.topic, "key": event.subject,
         "bucket": outbox.bucket_of(event.subject), "envelope": event.model_dump(mode="json"), "headers": headers}
    )
    return event


async def publish(*, session: AsyncSession, payload: EventPayload, at: datetime | None = None) -> CloudEvent:
    """The event and the deliveries it owes are written in the caller's transaction, or not at all."""
    event = await _to_outbox(session, payload, at)
    channels = await _active_channels(session)
    now = datetime.now(UTC)
    envelope = event.model_dump(mode="json")
    for channel in channels:
        if _wants(channel, event, payload):
            session.add(
                Delivery(
                    id=f"msg_{uuid.uuid4().hex}", channel_id=channel.id, event_id=event.id, event_type=event.type,
                    case_id=getattr(payload, "case_id", None), envelope=envelope, status="pending", attempts=0,
                    next_attempt_at=now,
                )
            )
    return event


async def _active_channels(session: AsyncSession) -> list[Channel]:
    """Read once per transaction: the timer publishes hundreds of events in one."""
    cached = session.info.get("sla_active_channels")
    if cached is None:
        cached = list((await session.scalars(select(Channel).where(Channel.status == "active"))).all())
        session.info["sla_active_channels"] = cached
    return cached


def next_attempt(*, attempts: int, base: float, ceiling: float, now: datetime) -> datetime:
    """Exponential backoff with full jitter, so a recovering receiver is not hit by every sender at once."""
    delay = min(ceiling, base * 2 ** max(attempts - 1, 0))
    return now + timedelta(seconds=random.uniform(delay / 2, delay))


async def deliveries_of(*, session: AsyncSession, channel_id: str, limit: int = 100) -> list[Delivery]:
    query = select(Delivery).where(Delivery.channel_id == channel_id).order_by(Delivery.created_at.desc()).limit(limit)
    return list((await session.scalars(query)).all())


async def cancel_pending(*, session: AsyncSession, channel_id: str, reason: str) -> None:
    await session.execute(
        update(Delivery)
        .where(Delivery.channel_id == channel_id, Delivery.status == "pending")
        .values(status="cancelled", last_error=reason[:1000])
    )
