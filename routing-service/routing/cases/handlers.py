"""Feedback events → cases."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.contracts import CloudEvent
from closeloop.contracts.feedback import FeedbackReceived
from routing.cases import service


async def on_feedback_received(session: AsyncSession, event: CloudEvent) -> None:
    payload = event.payload()
    assert isinstance(payload, FeedbackReceived)
    await service.open_case(session=session, feedback=payload)


HANDLERS = {FeedbackReceived.event_type: on_feedback_received}
