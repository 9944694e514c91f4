"""GET /v1/sla/breaches and /v1/sla/breached-cases."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from analytics.breaches import service
from analytics.breaches.schemas import BreachCounts, BreachedCases
from analytics.kpis.query import FigureQueryDep
from closeloop.auth import require_scopes
from closeloop.db import SessionDep

router = APIRouter(prefix="/v1/sla", tags=["sla breaches"], dependencies=[require_scopes("kpi:read")])


@router.get("/breaches", description="Clock breaches in the period by clock, department and store. Filters: store_id, "
            "region, department, category, urgency.")
async def get_breaches(session: SessionDep, query: FigureQueryDep) -> BreachCounts:
    async with session.begin():
        return await service.breach_counts(session=session, start=query.start, end=query.end, filters=query.filters)


@router.get("/breached-cases", description="Open cases that are past a deadline now (the period is ignored).")
async def get_breached_cases(
    session: SessionDep, query: FigureQueryDep, limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> BreachedCases:
    async with session.begin():
        return await service.breached_cases(session=session, filters=query.filters, limit=limit)
