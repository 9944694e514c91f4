"""GET /v1/top-issues."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from analytics.issues import service
from analytics.issues.schemas import TopIssues
from analytics.kpis.query import FigureQueryDep
from closeloop.auth import require_scopes
from closeloop.db import SessionDep

router = APIRouter(prefix="/v1/top-issues", tags=["top issues"], dependencies=[require_scopes("kpi:read")])


@router.get("", description="The most raised subcategories and theme words (主題詞) of the cases opened in the period, "
            "with their change against the previous period. Filters: store_id, region, department, category, "
            "channel, urgency (kind and assignee are not kept for issues and answer 422).")
async def get_top_issues(
    session: SessionDep, query: FigureQueryDep, n: Annotated[int, Query(ge=1, le=50)] = 3,
) -> TopIssues:
    async with session.begin():
        return await service.top_issues(session=session, start=query.start, end=query.end, filters=query.filters, n=n)
