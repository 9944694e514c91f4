"""Opening cases from feedback; the classifier decides the labels, this module the case."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.contracts.case import CaseOpened
from closeloop.contracts.feedback import FeedbackReceived
from routing.cases.models import Case
from routing.db import outbox

SKELETON_CLASSIFIER = "skeleton-0"


async def open_case(*, session: AsyncSession, feedback: FeedbackReceived) -> Case:
    """One case per feedback; a feedback seen before returns its existing case."""
    existing = await session.scalar(select(Case).where(Case.feedback_id == feedback.feedback_id))
    if existing is not None:
        return existing
    now = datetime.now(UTC)
    case = Case(
        feedback_id=feedback.feedback_id,
        feedback_number=feedback.number,
        store_id=feedback.store_id,
        channel=feedback.channel,
        category="other",
        urgency="general",
        kind=feedback.kind or "complaint",
        theme_words=[],
        classifier_version=SKELETON_CLASSIFIER,
        received_at=feedback.received_at,
        opened_at=now,
    )
    session.add(case)
    await session.flush()
    await outbox.add(
        session,
        CaseOpened(
            case_id=case.id, occurred_at=now, feedback_id=case.feedback_id, feedback_number=case.feedback_number,
            store_id=case.store_id, channel=feedback.channel, received_at=case.received_at,
            category=case.category, urgency=case.urgency, kind=case.kind,  # type: ignore[arg-type]
            classifier_version=case.classifier_version, customer=feedback.customer,
        ),
    )
    return case
