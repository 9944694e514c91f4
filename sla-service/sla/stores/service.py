"""The read copy of stores and staff, and what each store inherits from its region (calendar, ladder)."""

from __future__ import annotations

from sqlalchemy import any_, func, literal, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.contracts.org import StaffUpserted, StoreUpserted
from sla.stores.models import Override, Staff, Store

DEFAULT_LADDER = "default"


async def upsert_store(*, session: AsyncSession, store: StoreUpserted) -> Store:
    """Keep the newest description; an older event arriving late changes nothing."""
    row = await session.get(Store, store.store_id, with_for_update=True)
    if row is None:
        row = Store(store_id=store.store_id)
        session.add(row)
    elif row.updated_at >= store.updated_at:
        return row
    row.name, row.region_id, row.timezone = store.name, store.region_id, store.timezone
    row.calendar, row.active, row.updated_at = store.calendar, store.active, store.updated_at
    await session.flush()
    return row


async def upsert_staff(*, session: AsyncSession, staff: StaffUpserted) -> Staff:
    row = await session.get(Staff, staff.staff_id, with_for_update=True)
    if row is None:
        row = Staff(staff_id=staff.staff_id)
        session.add(row)
    elif row.updated_at >= staff.updated_at:
        return row
    row.department_id, row.role, row.store_ids = staff.department_id, staff.role, list(staff.store_ids)
    row.supervisor_id, row.active, row.updated_at = staff.supervisor_id, staff.active, staff.updated_at
    await session.flush()
    return row


async def set_override(
    *, session: AsyncSession, scope: str, scope_id: str, calendar_id: str | None, ladder_id: str | None
) -> Override:
    row = await session.get(Override, (scope, scope_id), with_for_update=True)
    if row is None:
        row = Override(scope=scope, scope_id=scope_id)
        session.add(row)
    row.calendar_id, row.ladder_id = calendar_id, ladder_id
    await session.flush()
    return row


async def overrides_of(*, session: AsyncSession, store_id: str, region_id: str | None) -> tuple[Override | None, Override | None]:
    store = await session.get(Override, ("store", store_id))
    region = await session.get(Override, ("region", region_id)) if region_id else None
    return store, region


async def calendar_id_for(*, session: AsyncSession, store_id: str, region_id: str | None) -> str:
    """Store override, else region override, else the default calendar of the store's holiday region."""
    store = await session.get(Store, store_id)
    region_id = region_id or (store.region_id if store else None)
    own, region = await overrides_of(session=session, store_id=store_id, region_id=region_id)
    for override in (own, region):
        if override is not None and override.calendar_id:
            return override.calendar_id
    return f"default-{store.calendar if store else 'CN'}"


async def ladder_id_for(*, session: AsyncSession, store_id: str, region_id: str | None) -> str:
    store = await session.get(Store, store_id)
    region_id = region_id or (store.region_id if store else None)
    own, region = await overrides_of(session=session, store_id=store_id, region_id=region_id)
    for override in (own, region):
        if override is not None and override.ladder_id:
            return override.ladder_id
    return DEFAULT_LADDER


async def staff_holding(
    *, session: AsyncSession, role: str, store_id: str, assignee_id: str | None
) -> list[str]:
    """Who holds a ladder role for a store: the assignee, their supervisor, or the store's managers."""
    if role == "assignee":
        return [assignee_id] if assignee_id else []
    if role == "supervisor" and assignee_id:
        assignee = await session.get(Staff, assignee_id)
        if assignee is not None and assignee.supervisor_id:
            return [assignee.supervisor_id]
    staff_role = {"supervisor": "supervisor", "manager": "manager", "region": "manager"}.get(role, role)
    covers = (
        func.cardinality(Staff.store_ids) == 0
        if role == "region"
        else or_(literal(store_id) == any_(Staff.store_ids), func.cardinality(Staff.store_ids) == 0)
    )
    rows = await session.scalars(
        select(Staff.staff_id).where(Staff.role == staff_role, Staff.active.is_(True), covers).order_by(Staff.staff_id)
    )
    return list(rows.all())


async def list_stores(*, session: AsyncSession) -> list[Store]:
    return list((await session.scalars(select(Store).order_by(Store.store_id))).all())
