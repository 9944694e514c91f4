from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from analytics.facts import service
from closeloop.auth import require_scopes
from closeloop.db import SessionDep

router = APIRouter(prefix="/v1/kpis", tags=["kpis"], dependencies=[require_scopes("kpi:read")])


class Kpis(BaseModel):
    volume: int


@router.get("")
async def get_kpis(
    session: SessionDep,
    start: Annotated[datetime | None, Query(alias="from")] = None,
    end: Annotated[datetime | None, Query(alias="to")] = None,
    store_id: str | None = None,
) -> Kpis:
    return Kpis(volume=await service.volume(session=session, start=start, end=end, store_id=store_id))
