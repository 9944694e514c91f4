from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Response, status
from sqlalchemy import select

from closeloop.auth import require_scopes
from closeloop.db import SessionDep
from closeloop.problems import Problem
from sla.calendars import service
from sla.calendars.schemas import CalendarCreate, CalendarIn, CalendarOut, ClosureIn, ClosureOut, WorkingTimeOut
from sla.calendars.working_time import NoWorkingTime
from sla.clocks.models import Clock
from sla.clocks.service import recompute_clocks
from sla.stores.models import Override

router = APIRouter(prefix="/v1/calendars", tags=["calendars"])
READ, WRITE = [require_scopes("sla:read")], [require_scopes("sla:write")]


async def _out(session, calendar) -> CalendarOut:  # type: ignore[no-untyped-def]
    closures = await service.closures_of(session=session, calendar_id=calendar.id)
    return CalendarOut.model_validate(
        {**{k: getattr(calendar, k) for k in CalendarOut.model_fields if k != "closures"},
         "closures": [ClosureOut.model_validate(c) for c in closures]}
    )


@router.get("", dependencies=READ)
async def list_calendars(session: SessionDep) -> list[CalendarOut]:
    async with session.begin():
        return [await _out(session, c) for c in await service.list_calendars(session=session)]


@router.post("", status_code=status.HTTP_201_CREATED, dependencies=WRITE)
async def create_calendar(body: CalendarCreate, session: SessionDep) -> CalendarOut:
    async with session.begin():
        calendar = await service.create_calendar(
            session=session, calendar_id=body.id, calendar=CalendarIn.model_validate(body.model_dump(exclude={"id"}))
        )
        return await _out(session, calendar)


@router.get("/{calendar_id}", dependencies=READ)
async def get_calendar(calendar_id: str, session: SessionDep) -> CalendarOut:
    async with session.begin():
        return await _out(session, await service.get_calendar(session=session, calendar_id=calendar_id))


@router.put("/{calendar_id}", dependencies=WRITE, summary="New hours; running clocks on it are rescheduled")
async def update_calendar(calendar_id: str, body: CalendarIn, session: SessionDep) -> CalendarOut:
    async with session.begin():
        calendar = await service.update_calendar(session=session, calendar_id=calendar_id, calendar=body)
        await recompute_clocks(session=session, calendar_id=calendar_id)
        return await _out(session, calendar)


@router.delete("/{calendar_id}", status_code=status.HTTP_204_NO_CONTENT, dependencies=WRITE)
async def delete_calendar(calendar_id: str, session: SessionDep) -> Response:
    async with session.begin():
        used = await session.scalar(
            select(Clock.id).where(Clock.calendar_id == calendar_id, Clock.status.in_(("running", "paused"))).limit(1)
        ) or await session.scalar(select(Override.scope_id).where(Override.calendar_id == calendar_id).limit(1))
        await service.delete_calendar(session=session, calendar_id=calendar_id, in_use=used is not None)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/{calendar_id}/closures", status_code=status.HTTP_201_CREATED, dependencies=WRITE)
async def add_closure(calendar_id: str, body: ClosureIn, session: SessionDep) -> ClosureOut:
    async with session.begin():
        closure = await service.add_closure(session=session, closure=body, calendar_id=calendar_id)
        await recompute_clocks(session=session, calendar_id=calendar_id)
        return ClosureOut.model_validate(closure)


@router.delete("/{calendar_id}/closures/{closure_id}", status_code=status.HTTP_204_NO_CONTENT, dependencies=WRITE)
async def remove_closure(calendar_id: str, closure_id: int, session: SessionDep) -> Response:
    async with session.begin():
        await service.remove_closure(session=session, closure_id=closure_id)
        await recompute_clocks(session=session, calendar_id=calendar_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/{calendar_id}/working-time", dependencies=READ, summary="Preview: when is `start` + N working hours/days due")
async def preview(
    calendar_id: str, session: SessionDep, start: datetime, store_id: str | None = None,
    hours: Annotated[float | None, Query(gt=0, le=24 * 366)] = None, days: Annotated[int | None, Query(gt=0, le=60)] = None,
) -> WorkingTimeOut:
    if (hours is None) == (days is None):
        raise Problem(422, "Invalid request", "give exactly one of hours or days")
    if start.tzinfo is None:
        raise Problem(422, "Invalid request", "start must carry a UTC offset, e.g. 2026-09-30T21:30:00+08:00")
    async with session.begin():
        calendar = await service.business_calendar(session=session, calendar_id=calendar_id, store_id=store_id)
    try:
        due = calendar.add(start, hours * 3600) if hours is not None else calendar.add_days(start, days or 0)
    except NoWorkingTime as exc:
        raise Problem(422, "Calendar never opens", str(exc)) from None
    return WorkingTimeOut(start=start, due_at=due, working_seconds=calendar.between(start, due))


