from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from closeloop.auth import Principal, require_scopes
from closeloop.db import SessionDep
from sla.escalations import service
from sla.escalations.schemas import EscalationOut, LadderCreate, LadderIn, LadderOut

router = APIRouter(tags=["escalations"])
READ, WRITE = [require_scopes("sla:read")], [require_scopes("sla:write")]


@router.get("/v1/escalations", dependencies=READ, summary="Every rung climbed, oldest first")
async def list_escalations(
    session: SessionDep, principal: Principal, case_id: str | None = None, limit: Annotated[int, Query(ge=1, le=500)] = 200
) -> list[EscalationOut]:
    async with session.begin():
        rows = await service.list_escalations(session=session, case_id=case_id, store_ids=principal.store_ids, limit=limit)
        return [EscalationOut.model_validate(e) for e in rows]


@router.get("/v1/ladders", dependencies=READ)
async def list_ladders(session: SessionDep) -> list[LadderOut]:
    async with session.begin():
        return [LadderOut.model_validate(row) for row in await service.list_ladders(session=session)]


@router.post("/v1/ladders", status_code=status.HTTP_201_CREATED, dependencies=WRITE)
async def create_ladder(body: LadderCreate, session: SessionDep) -> LadderOut:
    async with session.begin():
        ladder = await service.create_ladder(session=session, ladder_id=body.id, ladder=LadderIn.model_validate(body.model_dump(exclude={"id"})))
        return LadderOut.model_validate(ladder)


@router.get("/v1/ladders/{ladder_id}", dependencies=READ)
async def get_ladder(ladder_id: str, session: SessionDep) -> LadderOut:
    async with session.begin():
        return LadderOut.model_validate(await service.get_ladder(session=session, ladder_id=ladder_id))


@router.put("/v1/ladders/{ladder_id}", dependencies=WRITE)
async def update_ladder(ladder_id: str, body: LadderIn, session: SessionDep) -> LadderOut:
    async with session.begin():
        return LadderOut.model_validate(await service.update_ladder(session=session, ladder_id=ladder_id, ladder=body))
