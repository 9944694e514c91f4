"""Looking for the earlier feedback a new one repeats (the same customer, or the same store within a window)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from intake.duplicates.similarity import DuplicatePolicy, Sighting, first_of
from intake.feedback.models import Feedback
from intake.feedback.text import matching_key

_CANDIDATES = 50


async def find_original(
    *, session: AsyncSession, feedback: Feedback, policy: DuplicatePolicy, now: datetime
) -> tuple[str, float] | None:
    """The first feedback of the cluster ``feedback`` belongs to, with the similarity, or None.

    Candidates: the same customer's recent feedback, and the store's very recent feedback where one
    side is anonymous. The customer's advisory lock (taken when they were identified) keeps two
    submissions of one customer from missing each other.
    """
    length = func.char_length(Feedback.normalized_content)
    own_length = len(feedback.normalized_content)
    store_rule = and_(
        Feedback.store_id == feedback.store_id,
        Feedback.received_at >= now - policy.store_window,
        length >= policy.store_min_chars,
        # much longer or shorter texts cannot reach the store threshold (similarity <= 2*short/(short+long))
        length.between(int(own_length * 0.66), int(own_length * 1.5) + 1),
    )
    if feedback.customer_id is not None:
        condition = or_(
            and_(Feedback.customer_id == feedback.customer_id, Feedback.received_at >= now - policy.customer_window),
            and_(store_rule, Feedback.customer_id.is_(None)),
        )
    elif own_length < policy.store_min_chars:
        return None
    else:
        condition = store_rule
    rows = (
        await session.execute(
            select(
                Feedback.id, Feedback.customer_id, Feedback.store_id, Feedback.normalized_content,
                Feedback.received_at, Feedback.duplicate_of,
            )
            .where(condition)
            .order_by(Feedback.received_at.desc())
            .limit(_CANDIDATES)
        )
    ).all()
    if not rows:
        return None
    candidates = [
        Sighting(
            feedback_id=r.id, customer_id=r.customer_id, store_id=r.store_id, key=matching_key(r.normalized_content),
            received_at=r.received_at, duplicate_of=r.duplicate_of,
        )
        for r in rows
    ]
    new = Sighting(
        feedback_id=feedback.id or "",
        customer_id=feedback.customer_id,
        store_id=feedback.store_id,
        key=matching_key(feedback.normalized_content),
        received_at=now,
    )
    return first_of(new, candidates, policy)
