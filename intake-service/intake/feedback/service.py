"""Receiving feedback: store it, number it, announce it, in the caller's transaction."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.contracts.feedback import FeedbackReceived
from intake.db import outbox
from intake.feedback.models import DailyCounter, Feedback
from intake.feedback.schemas import FeedbackIn

NUMBERING_ZONE = ZoneInfo("Asia/Shanghai")


async def next_number(*, session: AsyncSession, at: datetime) -> str:
    """``FB-YYYYMMDD-NNNNNN``: the day's counter row serialises replicas, so numbers never repeat."""
    day = at.astimezone(NUMBERING_ZONE).date()
    stmt = (
        insert(DailyCounter)
        .values(day=day, last=1)
        .on_conflict_do_update(index_elements=[DailyCounter.day], set_={"last": DailyCounter.last + 1})
        .returning(DailyCounter.last)
    )
    last = (await session.execute(stmt)).scalar_one()
    return f"FB-{day:%Y%m%d}-{last:06d}"


async def receive(*, session: AsyncSession, submission: FeedbackIn) -> Feedback:
    received_at = datetime.now(UTC).replace(microsecond=0)
    feedback = Feedback(
        number=await next_number(session=session, at=received_at),
        channel=submission.channel,
        store_id=submission.store_id,
        content=submission.content,
        kind=submission.kind,
        received_at=received_at,
        details={},
    )
    session.add(feedback)
    await session.flush()
    await outbox.add(
        session,
        FeedbackReceived(
            feedback_id=feedback.id,
            number=feedback.number,
            channel=submission.channel,
            store_id=feedback.store_id,
            content=feedback.content,
            kind=submission.kind,
            received_at=received_at,
        ),
    )
    return feedback
