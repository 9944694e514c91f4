"""GET /v1/kpis: translate HTTP to the KPI service and back."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from analytics.kpis import service
from analytics.kpis.periods import Granularity
from analytics.kpis.query import FigureQueryDep, ScoringDep
from analytics.kpis.schemas import PERIOD_RULES, Kpis
from closeloop.auth import require_scopes
from closeloop.db import SessionDep

router = APIRouter(prefix="/v1/kpis", tags=["kpis"], dependencies=[require_scopes("kpi:read")])


@router.get("", description="The service-quality figures for a period and filter. " + PERIOD_RULES)
async def get_kpis(
    session: SessionDep,
    query: FigureQueryDep,
    scoring: ScoringDep,
    granularity: Annotated[Granularity | None, Query(description="Also return the figures per period of this size.")] = None,
) -> Kpis:
    async with session.begin():
        return await service.kpis(
            session=session, start=query.start, end=query.end, filters=query.filters,
            granularity=granularity, scoring=scoring,
        )
