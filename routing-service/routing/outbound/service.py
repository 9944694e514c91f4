"""Queueing a message in the caller's transaction; the sender delivers it after the commit."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from routing.outbound.models import OutboundMessage
from routing.personal_data import seal
from routing.settings import Settings

WAKE_CHANNEL = "routing_outbound"


async def queue(
    *, session: AsyncSession, settings: Settings, audience: str, purpose: str, channel: str, recipient: str, body: str,
    case_id: str | None = None, language: str | None = None, template_ids: list[str] | None = None,
    dedupe_key: str | None = None,
) -> OutboundMessage | None:
    """One message to send; with ``dedupe_key``, a second one under the same key is not queued (None)."""
    message_id = await session.scalar(
        insert(OutboundMessage).values(
            id=str(uuid.uuid4()), case_id=case_id, audience=audience, purpose=purpose, channel=channel,
            recipient=recipient, language=language, template_ids=",".join(template_ids or []) or None,
            body_sealed=seal(settings, body), status="pending", attempts=0, dedupe_key=dedupe_key,
            next_attempt_at=func.now(),
        ).on_conflict_do_nothing(index_elements=[OutboundMessage.dedupe_key]).returning(OutboundMessage.id)
    )
    if message_id is None:
        return None
    await session.execute(text("SELECT pg_notify(:channel, '')"), {"channel": WAKE_CHANNEL})
    return await session.get(OutboundMessage, message_id)


async def messages(
    *, session: AsyncSession, case_id: str | None, audience: str | None, purpose: str | None, limit: int
) -> list[OutboundMessage]:
    query = select(OutboundMessage).order_by(OutboundMessage.created_at, OutboundMessage.id).limit(limit)
    if case_id is not None:
        query = query.where(OutboundMessage.case_id == case_id)
    if audience is not None:
        query = query.where(OutboundMessage.audience == audience)
    if purpose is not None:
        query = query.where(OutboundMessage.purpose == purpose)
    return list((await session.scalars(query)).all())
