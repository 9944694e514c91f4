"""GET /v1/appraisal."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from analytics.appraisal import service
from analytics.appraisal.schemas import Appraisal
from analytics.kpis.query import FigureQueryDep, ScoringDep
from closeloop.auth import require_scopes
from closeloop.db import SessionDep

router = APIRouter(prefix="/v1/appraisal", tags=["appraisal"], dependencies=[require_scopes("kpi:read")])


@router.get("", description="Every figure of /v1/kpis per staff member or department, ranked by SQS.")
async def get_appraisal(
    session: SessionDep, query: FigureQueryDep, scoring: ScoringDep,
    level: Annotated[Literal["assignee", "department"], Query()] = "department",
) -> Appraisal:
    async with session.begin():
        return await service.appraisal(session=session, start=query.start, end=query.end, filters=query.filters,
                                       level=level, scoring=scoring)
