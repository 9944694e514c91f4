from __future__ import annotations

from fastapi import APIRouter, status

from closeloop.auth import require_scopes
from closeloop.db import SessionDep
from closeloop.problems import NotFound
from intake.feedback import service
from intake.feedback.models import Feedback
from intake.feedback.schemas import FeedbackIn, FeedbackOut

router = APIRouter(prefix="/v1/feedback", tags=["feedback"])


@router.post("", status_code=status.HTTP_201_CREATED, dependencies=[require_scopes("feedback:write")])
async def submit_feedback(body: FeedbackIn, session: SessionDep) -> FeedbackOut:
    async with session.begin():
        feedback = await service.receive(session=session, submission=body)
    return FeedbackOut.model_validate(feedback)


@router.get("/{feedback_id}", dependencies=[require_scopes("feedback:read")])
async def get_feedback(feedback_id: str, session: SessionDep) -> FeedbackOut:
    feedback = await session.get(Feedback, feedback_id)
    if feedback is None:
        raise NotFound("feedback", feedback_id)
    return FeedbackOut.model_validate(feedback)
