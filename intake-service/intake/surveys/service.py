"""Recording survey verdicts: one response per token; the same answer sent again is a replay, not a second vote."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.contracts.feedback import SurveyRecorded
from closeloop.problems import Conflict, NotFound
from intake.admission.errors import invalid_field
from intake.db import outbox
from intake.feedback.models import Feedback
from intake.privacy.masking import scrub_text
from intake.privacy.sealing import Sealer
from intake.surveys import tokens
from intake.surveys.models import SurveyResponse
from intake.surveys.schemas import SurveyIn


async def issue_token(*, session: AsyncSession, feedback: Feedback, sealer: Sealer) -> tuple[int, str]:
    """A fresh survey round (e.g. after rehandling 再次處理): a new token, so the customer may answer again."""
    round_ = await session.scalar(
        update(Feedback)
        .where(Feedback.id == feedback.id)
        .values(survey_rounds=Feedback.survey_rounds + 1)
        .returning(Feedback.survey_rounds)
    )
    assert round_ is not None
    return round_, tokens.issue(sealer=sealer, feedback_id=feedback.id, round_=round_)


def first_token(*, feedback: Feedback, sealer: Sealer) -> str:
    """The token printed on the submission receipt."""
    return tokens.issue(sealer=sealer, feedback_id=feedback.id, round_=1)


async def record(
    *, session: AsyncSession, answer: SurveyIn, sealer: Sealer, store_ids: frozenset[str] | None
) -> tuple[SurveyResponse, bool]:
    """Store the verdict and publish it; returns (response, replayed)."""
    try:
        feedback_id, round_ = tokens.verify(sealer=sealer, token=answer.token)
    except tokens.InvalidSurveyToken as exc:
        raise invalid_field("token", str(exc)) from exc
    feedback = await session.get(Feedback, feedback_id)
    if feedback is None or (store_ids is not None and feedback.store_id not in store_ids):
        raise NotFound("feedback", feedback_id)
    if round_ > feedback.survey_rounds:
        raise invalid_field("token", "this survey round was never issued")
    comment = scrub_text(answer.comment) if answer.comment else None
    fingerprint = sealer.fingerprint(
        "survey", json.dumps(answer.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    )
    recorded_at = datetime.now(UTC).replace(microsecond=0)
    inserted = await session.scalar(
        insert(SurveyResponse)
        .values(
            token=answer.token, feedback_id=feedback.id, store_id=feedback.store_id, satisfied=answer.satisfied,
            resolved=answer.resolved, csat=answer.csat, nps=answer.nps, comment=comment, fingerprint=fingerprint,
            recorded_at=recorded_at, id=str(uuid.uuid4()),
        )
        .on_conflict_do_nothing(index_elements=[SurveyResponse.token])
        .returning(SurveyResponse.id)
    )
    if inserted is None:
        existing = await session.scalar(select(SurveyResponse).where(SurveyResponse.token == answer.token))
        assert existing is not None
        if existing.fingerprint != fingerprint:
            raise Conflict("this survey has already been answered", errors=[
                {"field": "token", "message": "already answered", "type": "already_answered"}
            ])
        return existing, True
    response = await session.get(SurveyResponse, inserted)
    assert response is not None
    await outbox.add(
        session,
        SurveyRecorded(
            survey_id=response.id, feedback_id=feedback.id, store_id=feedback.store_id,
            satisfied=response.satisfied, resolved=response.resolved, csat=response.csat, nps=response.nps,
            comment=response.comment, recorded_at=recorded_at,
        ),
    )
    return response, False



