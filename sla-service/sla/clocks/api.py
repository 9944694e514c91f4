from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import select

from closeloop.auth import require_scopes
from closeloop.db import SessionDep
from sla.clocks.models import Clock
from sla.clocks.schemas import ClockOut

router = APIRouter(prefix="/v1/clocks", tags=["clocks"], dependencies=[require_scopes("sla:read")])


@router.get("")
async def list_clocks(session: SessionDep, case_id: str | None = None, limit: int = 50) -> list[ClockOut]:
    query = select(Clock).order_by(Clock.due_at).limit(min(limit, 200))
    if case_id:
        query = query.where(Clock.case_id == case_id)
    return [ClockOut.model_validate(c) for c in (await session.scalars(query)).all()]
