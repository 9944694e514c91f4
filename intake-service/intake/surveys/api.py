"""HTTP for surveys: record a verdict, issue a new survey round."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Response, status

from closeloop.auth import AuthenticatedPrincipal, require_scopes
from closeloop.db import SessionDep
from intake.admission.media import json_body
from intake.admission.rates import throttled
from intake.context import IntakeDep
from intake.feedback import service as feedback_service
from intake.idempotency.service import REPLAY_HEADER
from intake.surveys import service
from intake.surveys.schemas import SurveyIn, SurveyOut, SurveyTokenOut

router = APIRouter(tags=["surveys"], dependencies=[Depends(throttled)])

SurveyWriter = Annotated[AuthenticatedPrincipal, require_scopes("survey:write")]


@router.post(
    "/v1/surveys", status_code=status.HTTP_201_CREATED, dependencies=[Depends(json_body)],
    summary="Record a customer's verdict after handling; publishes survey.recorded",
    responses={409: {"description": "This survey was already answered differently"}},
)
async def record_survey(
    answer: SurveyIn, response: Response, principal: SurveyWriter, session: SessionDep, ctx: IntakeDep
) -> SurveyOut:
    async with session.begin():
        recorded, replayed = await service.record(
            session=session, answer=answer, sealer=ctx.sealer, store_ids=principal.store_ids
        )
    if replayed:
        response.status_code = status.HTTP_200_OK
        response.headers[REPLAY_HEADER] = "true"
    return SurveyOut.model_validate(recorded)


@router.post(
    "/v1/feedback/{reference}/survey-tokens", status_code=status.HTTP_201_CREATED,
    summary="Issue a new survey round for a feedback (e.g. after rehandling)",
)
async def issue_survey_token(reference: str, principal: SurveyWriter, session: SessionDep, ctx: IntakeDep) -> SurveyTokenOut:
    async with session.begin():
        feedback = await feedback_service.get(session=session, reference=reference, store_ids=principal.store_ids)
        round_, token = await service.issue_token(session=session, feedback=feedback, sealer=ctx.sealer)
    return SurveyTokenOut(feedback_id=feedback.id, round=round_, token=token)
