"""Org API: regions, stores, departments and staff, each PUT announced on the org topic."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response, status

from closeloop.auth import Principal, require_scopes
from closeloop.db import SessionDep
from closeloop.problems import NotFound, Problem
from routing.org import service
from routing.org.models import Staff, Store
from routing.org.schemas import (
    ORG_ID, DepartmentIn, DepartmentOut, RegionIn, RegionOut, ShiftIn, StaffIn, StaffOut, StaffRole, StoreIn, StoreOut,
)

router = APIRouter(prefix="/v1", tags=["organisation"])
OrgId = Annotated[str, Path(pattern=ORG_ID, description="Letters, digits, _ and -, up to 32 characters.")]
read = [require_scopes("org:read")]
write = [require_scopes("org:write")]


def _status(response: Response, created: bool) -> None:
    response.status_code = status.HTTP_201_CREATED if created else status.HTTP_200_OK


@router.get("/regions", dependencies=read)
async def list_regions(session: SessionDep) -> list[RegionOut]:
    return [RegionOut.model_validate(r) for r in await service.list_regions(session=session)]


@router.put("/regions/{region_id}", dependencies=write, responses={201: {"model": RegionOut}})
async def put_region(region_id: OrgId, body: RegionIn, session: SessionDep, response: Response) -> RegionOut:
    async with session.begin():
        region, created = await service.upsert_region(session=session, region_id=region_id, region=body)
    _status(response, created)
    return RegionOut.model_validate(region)


@router.get("/stores", dependencies=read)
async def list_stores(session: SessionDep, region_id: str | None = None) -> list[StoreOut]:
    return [StoreOut.model_validate(s) for s in await service.list_stores(session=session, region_id=region_id)]


@router.get("/stores/{store_id}", dependencies=read)
async def get_store(store_id: OrgId, session: SessionDep) -> StoreOut:
    store = await session.get(Store, store_id)
    if store is None:
        raise NotFound("store", store_id)
    return StoreOut.model_validate(store)


@router.put("/stores/{store_id}", dependencies=write, responses={201: {"model": StoreOut}})
async def put_store(store_id: OrgId, body: StoreIn, session: SessionDep, response: Response) -> StoreOut:
    async with session.begin():
        store, created = await service.upsert_store(session=session, store_id=store_id, store=body)
    _status(response, created)
    return StoreOut.model_validate(store)


@router.get("/departments", dependencies=read)
async def list_departments(session: SessionDep) -> list[DepartmentOut]:
    return [DepartmentOut.model_validate(d) for d in await service.list_departments(session=session)]


@router.put("/departments/{department_id}", dependencies=write, responses={201: {"model": DepartmentOut}})
async def put_department(department_id: OrgId, body: DepartmentIn, session: SessionDep, response: Response) -> DepartmentOut:
    async with session.begin():
        department, created = await service.upsert_department(
            session=session, department_id=department_id, department=body
        )
    _status(response, created)
    return DepartmentOut.model_validate(department)


@router.get("/staff", dependencies=read)
async def list_staff(
    session: SessionDep, department: str | None = None, store_id: str | None = None,
    role: StaffRole | None = None, on_shift: bool | None = None,
) -> list[StaffOut]:
    rows = await service.list_staff(
        session=session, department_id=department, store_id=store_id, role=role, on_shift=on_shift
    )
    return [StaffOut.model_validate(s) for s in rows]


@router.get("/staff/{staff_id}", dependencies=read)
async def get_staff(staff_id: OrgId, session: SessionDep) -> StaffOut:
    staff = await session.get(Staff, staff_id)
    if staff is None:
        raise NotFound("staff", staff_id)
    return StaffOut.model_validate(staff)


@router.put("/staff/{staff_id}", dependencies=write, responses={201: {"model": StaffOut}})
async def put_staff(staff_id: OrgId, body: StaffIn, session: SessionDep, response: Response) -> StaffOut:
    async with session.begin():
        staff, created = await service.upsert_staff(session=session, staff_id=staff_id, staff=body)
    _status(response, created)
    return StaffOut.model_validate(staff)


@router.put("/staff/{staff_id}/shift")
async def put_shift(staff_id: OrgId, body: ShiftIn, session: SessionDep, principal: Principal) -> StaffOut:
    """Clock on or off: staff do it for themselves, ``org:write`` for anyone."""
    if not principal.has("org:write") and principal.subject != staff_id:
        raise Problem(403, "Forbidden", "staff clock only themselves on or off shift; others need org:write",
                      type_="https://closeloop.dev/problems/forbidden")
    async with session.begin():
        staff = await service.set_shift(session=session, staff_id=staff_id, on_shift=body.on_shift)
    return StaffOut.model_validate(staff)


@router.post("/org/republish", dependencies=write)
async def republish(session: SessionDep) -> dict[str, int]:
    """Announce every region, department, store and staff member again (a consumer rebuilding its copy)."""
    async with session.begin():
        count = await service.republish(session=session)
    return {"published": count}
