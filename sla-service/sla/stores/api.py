from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, status

from closeloop.auth import require_scopes
from closeloop.db import SessionDep
from closeloop.problems import NotFound
from sla.calendars import service as calendars
from sla.calendars.schemas import ClosureIn, ClosureOut
from sla.clocks.service import recompute_clocks
from sla.escalations.service import get_ladder
from sla.stores import service
from sla.stores.models import Store
from sla.stores.schemas import OverrideIn, OverrideOut, StoreOut

router = APIRouter(tags=["stores"])
READ, WRITE = [require_scopes("sla:read")], [require_scopes("sla:write")]


@router.get("/v1/stores", dependencies=READ, summary="sla's copy of the stores, from the org topic")
async def list_stores(session: SessionDep) -> list[StoreOut]:
    async with session.begin():
        return [StoreOut.model_validate(s) for s in await service.list_stores(session=session)]


@router.get("/v1/stores/{store_id}", dependencies=READ, summary="A store with the calendar and ladder it ends up with")
async def get_store(store_id: str, session: SessionDep) -> StoreOut:
    async with session.begin():
        store = await session.get(Store, store_id)
        if store is None:
            raise NotFound("store", store_id)
        out = StoreOut.model_validate(store)
        out.effective_calendar_id = await service.calendar_id_for(session=session, store_id=store_id, region_id=store.region_id)
        out.effective_ladder_id = await service.ladder_id_for(session=session, store_id=store_id, region_id=store.region_id)
        return out


@router.put("/v1/overrides/{scope}/{scope_id}", dependencies=WRITE, summary="A region's or store's own calendar or ladder")
async def set_override(scope: Literal["region", "store"], scope_id: str, body: OverrideIn, session: SessionDep) -> OverrideOut:
    async with session.begin():
        if body.calendar_id:
            await calendars.get_calendar(session=session, calendar_id=body.calendar_id)
        if body.ladder_id:
            await get_ladder(session=session, ladder_id=body.ladder_id)
        override = await service.set_override(
            session=session, scope=scope, scope_id=scope_id, calendar_id=body.calendar_id, ladder_id=body.ladder_id
        )
        return OverrideOut.model_validate(override)


@router.post("/v1/stores/{store_id}/closures", status_code=status.HTTP_201_CREATED, dependencies=WRITE,
             summary="A day or days this store alone is closed")
async def add_store_closure(store_id: str, body: ClosureIn, session: SessionDep) -> ClosureOut:
    async with session.begin():
        closure = await calendars.add_closure(session=session, closure=body, store_id=store_id)
        await recompute_clocks(session=session, store_id=store_id)
        return ClosureOut.model_validate(closure)
