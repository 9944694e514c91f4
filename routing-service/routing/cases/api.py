from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import select

from closeloop.auth import require_scopes
from closeloop.db import SessionDep
from closeloop.problems import NotFound
from routing.cases.models import Case
from routing.cases.schemas import CaseOut

router = APIRouter(prefix="/v1/cases", tags=["cases"], dependencies=[require_scopes("case:read")])


@router.get("")
async def list_cases(session: SessionDep, feedback_id: str | None = None, limit: int = 50) -> list[CaseOut]:
    query = select(Case).order_by(Case.opened_at.desc()).limit(min(limit, 200))
    if feedback_id:
        query = query.where(Case.feedback_id == feedback_id)
    return [CaseOut.model_validate(c) for c in (await session.scalars(query)).all()]


@router.get("/{case_id}")
async def get_case(case_id: str, session: SessionDep) -> CaseOut:
    case = await session.get(Case, case_id)
    if case is None:
        raise NotFound("case", case_id)
    return CaseOut.model_validate(case)
