"""Improvement initiatives: POST/GET /v1/initiatives, GET /v1/initiatives/{id} with before/after figures."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Query, Request

from analytics.initiatives import service
from analytics.initiatives.schemas import Initiative, InitiativeIn, InitiativeWithFigures
from analytics.kpis.query import ScoringDep
from closeloop.auth import Principal, require_scopes
from closeloop.db import SessionDep

router = APIRouter(prefix="/v1/initiatives", tags=["initiatives"])


@router.post("", status_code=201, dependencies=[require_scopes("report:write")])
async def create_initiative(body: InitiativeIn, session: SessionDep, principal: Principal) -> Initiative:
    async with session.begin():
        return await service.create(session=session, initiative=body, created_by=principal.subject)


@router.get("", dependencies=[require_scopes("report:read")])
async def list_initiatives(session: SessionDep) -> list[Initiative]:
    async with session.begin():
        return await service.listed(session=session)


@router.get("/{initiative_id}", dependencies=[require_scopes("report:read")],
            description="The initiative and its scope's figures before and after its start date, side by side.")
async def get_initiative(
    initiative_id: str, request: Request, session: SessionDep, scoring: ScoringDep,
    days: Annotated[int, Query(ge=1, le=366, description="Length of each side of the comparison.")] = 30,
) -> InitiativeWithFigures:
    today = datetime.now(ZoneInfo(request.app.state.settings.default_timezone)).date()
    async with session.begin():
        return await service.with_figures(session=session, initiative_id=initiative_id, today=today, days=days,
                                          scoring=scoring)
