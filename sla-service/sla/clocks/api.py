from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from sqlalchemy import func, select

from closeloop.auth import Principal, require_scopes
from closeloop.db import SessionDep
from closeloop.problems import NotFound
from sla.cases.models import TrackedCase
from sla.clocks import service
from sla.clocks.schemas import CaseSummary, ClockDetail, ClockOut, LedgerEntryOut
from sla.escalations.models import Escalation

router = APIRouter(tags=["clocks"], dependencies=[require_scopes("sla:read")])
Status = Literal["running", "paused", "met", "breached", "cancelled"]


@router.get("/v1/clocks", summary="Clocks, earliest due first")
async def list_clocks(
    session: SessionDep, principal: Principal, case_id: str | None = None, status: Status | None = None,
    due_before: datetime | None = None, limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[ClockOut]:
    async with session.begin():
        clocks = await service.find_clocks(
            session=session, case_id=case_id, status=status, due_before=due_before, store_ids=principal.store_ids, limit=limit
        )
    return [ClockOut.of(c) for c in clocks]


@router.get("/v1/clocks/{clock_id}", summary="One clock with its ledger")
async def get_clock(clock_id: str, session: SessionDep, principal: Principal) -> ClockDetail:
    async with session.begin():
        clock = await service.get_clock(session=session, clock_id=clock_id)
        if not principal.may_see_store(clock.store_id):
            raise NotFound("clock", clock_id)
        ledger = await service.ledger_of(session=session, clock_id=clock_id)
    return ClockDetail(**ClockOut.of(clock).model_dump(), ledger=[LedgerEntryOut.model_validate(e) for e in ledger])


@router.get("/v1/cases/{case_id}/sla", summary="The case's SLA summary")
async def case_summary(case_id: str, session: SessionDep, principal: Principal) -> CaseSummary:
    async with session.begin():
        case = await session.get(TrackedCase, case_id)
        clocks = await service.clocks_of(session=session, case_id=case_id)
        if (case is None and not clocks) or (case is not None and not principal.may_see_store(case.store_id)):
            raise NotFound("case", case_id)
        escalations = await session.scalar(select(func.count()).where(Escalation.case_id == case_id)) or 0
    def since_opening(at: datetime | None) -> int | None:
        return round((at - case.opened_at).total_seconds()) if case is not None and at is not None else None
    return CaseSummary(
        case_id=case_id, urgency=case.urgency if case else None, clocks=[ClockOut.of(c) for c in clocks],
        breached=sum(1 for c in clocks if c.status == "breached"), escalations=escalations,
        first_resolution_seconds=since_opening(case.first_resolved_at if case else None),
        total_resolution_seconds=since_opening(case.last_resolved_at if case else None),
        reopen_count=case.reopen_count if case else 0,
    )
