"""Business calendars as data, and the one place a clock's calendar is turned into arithmetic."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import delete, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.problems import Conflict, NotFound
from sla.calendars.models import Calendar, Closure
from sla.calendars.schemas import CalendarIn, ClosureIn
from sla.calendars.working_time import BusinessCalendar, parse_hours


async def create_calendar(*, session: AsyncSession, calendar_id: str, calendar: CalendarIn) -> Calendar:
    if await session.get(Calendar, calendar_id) is not None:
        raise Conflict(f"calendar {calendar_id} already exists")
    row = Calendar(id=calendar_id, version=1, updated_at=datetime.now(UTC), **calendar.model_dump(mode="json"))
    session.add(row)
    await session.flush()
    return row


async def update_calendar(*, session: AsyncSession, calendar_id: str, calendar: CalendarIn) -> Calendar:
    """New hours apply to running clocks too; their paused time is kept, not recomputed."""
    row = await get_calendar(session=session, calendar_id=calendar_id, lock=True)
    for name, value in calendar.model_dump(mode="json").items():
        setattr(row, name, value)
    row.version += 1
    row.updated_at = datetime.now(UTC)
    await session.flush()
    return row


async def delete_calendar(*, session: AsyncSession, calendar_id: str, in_use: bool) -> None:
    row = await get_calendar(session=session, calendar_id=calendar_id, lock=True)
    if in_use:
        raise Conflict(f"calendar {calendar_id} is used by running clocks or overrides")
    await session.delete(row)


async def get_calendar(*, session: AsyncSession, calendar_id: str, lock: bool = False) -> Calendar:
    query = select(Calendar).where(Calendar.id == calendar_id)
    if lock:
        query = query.with_for_update()
    row = await session.scalar(query)
    if row is None:
        raise NotFound("calendar", calendar_id)
    return row


async def list_calendars(*, session: AsyncSession) -> list[Calendar]:
    return list((await session.scalars(select(Calendar).order_by(Calendar.id))).all())


async def add_closure(
    *, session: AsyncSession, closure: ClosureIn, calendar_id: str | None = None, store_id: str | None = None
) -> Closure:
    """A closure of a whole calendar, or of one store only (renovation, typhoon)."""
    if calendar_id is not None:
        await get_calendar(session=session, calendar_id=calendar_id)
    row = Closure(calendar_id=calendar_id, store_id=store_id, **closure.model_dump())
    session.add(row)
    await session.flush()
    return row


async def remove_closure(*, session: AsyncSession, closure_id: int) -> Closure:
    row = await session.get(Closure, closure_id)
    if row is None:
        raise NotFound("closure", closure_id)
    await session.execute(delete(Closure).where(Closure.id == closure_id))
    return row


async def closures_of(
    *, session: AsyncSession, calendar_id: str | None = None, store_id: str | None = None
) -> list[Closure]:
    conditions = []
    if calendar_id is not None:
        conditions.append(Closure.calendar_id == calendar_id)
    if store_id is not None:
        conditions.append(Closure.store_id == store_id)
    if not conditions:
        return []
    return list((await session.scalars(select(Closure).where(or_(*conditions)).order_by(Closure.starts_on))).all())


async def business_calendar(*, session: AsyncSession, calendar_id: str, store_id: str | None) -> BusinessCalendar:
    """The arithmetic of a calendar for one store: its hours and holidays, minus its and the store's closures."""
    row = await get_calendar(session=session, calendar_id=calendar_id)
    days: set[date] = set()
    for closure in await closures_of(session=session, calendar_id=calendar_id, store_id=store_id):
        day = closure.starts_on
        while day <= closure.ends_on:
            days.add(day)
            day += timedelta(days=1)
    adjusted = parse_hours({"x": row.adjusted_day_hours})["x"] if row.adjusted_day_hours else None
    return BusinessCalendar(
        timezone=row.timezone, hours=parse_hours(row.hours), holiday_region=row.holiday_region,
        closures=frozenset(days), adjusted_day_hours=adjusted,
    )
