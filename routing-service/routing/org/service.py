"""Keeping the organisation, and announcing every change on the org topic so other services' copies follow."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.contracts.org import DepartmentUpserted, RegionUpserted, StaffUpserted, StoreUpserted
from closeloop.problems import NotFound, Problem
from routing.db import Base, outbox
from routing.org.models import Department, Region, Staff, Store
from routing.org.schemas import DepartmentIn, RegionIn, StaffIn, StoreIn


def _invalid(field: str, message: str) -> Problem:
    return Problem(
        422, "Invalid request", f"invalid fields: {field}: {message}",
        type_="https://closeloop.dev/problems/invalid-request",
        errors=[{"field": field, "message": message, "type": "reference"}],
    )


def _apply(row: Base, values: dict[str, Any]) -> bool:
    """Copy values onto the row; True when anything differed (an unchanged PUT announces nothing)."""
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


async def _upsert(session: AsyncSession, model: type[Base], key: str, values: dict[str, Any]) -> tuple[Any, bool, bool]:
    """Insert or update by id; two PUTs creating the same id at once both succeed, one of them as an update."""
    now = datetime.now(UTC)
    inserted = await session.scalar(
        insert(model).values(id=key, updated_at=now, **values).on_conflict_do_nothing().returning(model.id)  # type: ignore[attr-defined]
    )
    row = await session.get(model, key, with_for_update=True, populate_existing=True)
    assert row is not None
    created = inserted is not None
    changed = created or _apply(row, values)
    if changed and not created:
        row.updated_at = now  # type: ignore[attr-defined]
        await session.flush()
    return row, created, changed


async def upsert_region(*, session: AsyncSession, region_id: str, region: RegionIn) -> tuple[Region, bool]:
    """Create or update a region (區域); returns whether it was created."""
    row, created, changed = await _upsert(session, Region, region_id, region.model_dump())
    if changed:
        await outbox.add(session, region_event(row))
    return row, created


async def upsert_store(*, session: AsyncSession, store_id: str, store: StoreIn) -> tuple[Store, bool]:
    """Create or update a store (門店); its region must exist."""
    if store.region_id is not None and await session.get(Region, store.region_id) is None:
        raise _invalid("region_id", f"region {store.region_id} does not exist")
    row, created, changed = await _upsert(session, Store, store_id, store.model_dump())
    if changed:
        await outbox.add(session, store_event(row))
    return row, created


async def upsert_department(
    *, session: AsyncSession, department_id: str, department: DepartmentIn
) -> tuple[Department, bool]:
    row, created, changed = await _upsert(session, Department, department_id, department.model_dump())
    if changed:
        await outbox.add(session, department_event(row))
    return row, created


async def upsert_staff(*, session: AsyncSession, staff_id: str, staff: StaffIn) -> tuple[Staff, bool]:
    """Create or update a staff member; department, stores and supervisor must exist."""
    if await session.get(Department, staff.department_id) is None:
        raise _invalid("department_id", f"department {staff.department_id} does not exist")
    if staff.store_ids:
        known = set(await session.scalars(select(Store.id).where(Store.id.in_(staff.store_ids))))
        missing = sorted(set(staff.store_ids) - known)
        if missing:
            raise _invalid("store_ids", f"unknown store(s): {', '.join(missing)}")
    if staff.supervisor_id is not None:
        if staff.supervisor_id == staff_id:
            raise _invalid("supervisor_id", "a staff member cannot be their own supervisor")
        if await session.get(Staff, staff.supervisor_id) is None:
            raise _invalid("supervisor_id", f"staff {staff.supervisor_id} does not exist")
    row, created, changed = await _upsert(session, Staff, staff_id, staff.model_dump())
    if changed:
        await outbox.add(session, staff_event(row))
    return row, created


async def set_shift(*, session: AsyncSession, staff_id: str, on_shift: bool) -> Staff:
    """Clock a staff member on or off shift: only people on shift receive new cases."""
    row = await session.get(Staff, staff_id, with_for_update=True)
    if row is None:
        raise NotFound("staff", staff_id)
    if row.on_shift != on_shift:
        row.on_shift = on_shift
        row.updated_at = datetime.now(UTC)
        await session.flush()
        await outbox.add(session, staff_event(row))
    return row


async def republish(*, session: AsyncSession) -> int:
    """Announce the whole organisation again, so a service can rebuild its copy from nothing."""
    count = 0
    for model, to_event in ((Region, region_event), (Department, department_event), (Store, store_event), (Staff, staff_event)):
        for row in await session.scalars(select(model).order_by(model.id)):  # type: ignore[attr-defined]
            await outbox.add(session, to_event(row))  # type: ignore[operator]
            count += 1
    return count


async def list_regions(*, session: AsyncSession) -> Sequence[Region]:
    return (await session.scalars(select(Region).order_by(Region.id))).all()


async def list_stores(*, session: AsyncSession, region_id: str | None = None) -> Sequence[Store]:
    query = select(Store).order_by(Store.id)
    if region_id is not None:
        query = query.where(Store.region_id == region_id)
    return (await session.scalars(query)).all()


async def list_departments(*, session: AsyncSession) -> Sequence[Department]:
    return (await session.scalars(select(Department).order_by(Department.id))).all()


async def list_staff(
    *, session: AsyncSession, department_id: str | None = None, store_id: str | None = None,
    role: str | None = None, on_shift: bool | None = None,
) -> Sequence[Staff]:
    query = select(Staff).order_by(Staff.id)
    if department_id is not None:
        query = query.where(Staff.department_id == department_id)
    if role is not None:
        query = query.where(Staff.role == role)
    if on_shift is not None:
        query = query.where(Staff.on_shift.is_(on_shift))
    if store_id is not None:
        query = query.where((func.cardinality(Staff.store_ids) == 0) | Staff.store_ids.contains([store_id]))
    return (await session.scalars(query)).all()


async def store_named(*, session: AsyncSession, store_id: str) -> Store | None:
    return await session.get(Store, store_id)


def region_event(row: Region) -> RegionUpserted:
    return RegionUpserted(region_id=row.id, name=row.name, active=row.active, updated_at=row.updated_at)


def store_event(row: Store) -> StoreUpserted:
    return StoreUpserted(
        store_id=row.id, name=row.name, region_id=row.region_id, timezone=row.timezone, calendar=row.calendar,
        active=row.active, updated_at=row.updated_at,
    )


def department_event(row: Department) -> DepartmentUpserted:
    return DepartmentUpserted(department_id=row.id, name=row.name, active=row.active, updated_at=row.updated_at)


def staff_event(row: Staff) -> StaffUpserted:
    return StaffUpserted(
        staff_id=row.id, department_id=row.department_id, role=row.role,  # type: ignore[arg-type]
        store_ids=list(row.store_ids), supervisor_id=row.supervisor_id, skills=list(row.skills),
        capacity=row.capacity, on_shift=row.on_shift, active=row.active, updated_at=row.updated_at,
    )
