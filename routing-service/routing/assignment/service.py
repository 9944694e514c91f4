"""Finding the person a case goes to."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from routing.assignment.choice import Candidate, choose
from routing.cases.models import Case
from routing.cases.states import OPEN_STATUSES
from routing.org.models import Staff


async def open_loads(*, session: AsyncSession, staff_ids: Sequence[str]) -> dict[str, int]:
    """Open cases each person holds now: what capacity is measured against."""
    if not staff_ids:
        return {}
    rows = await session.execute(
        select(Case.assignee_id, func.count())
        .where(Case.assignee_id.in_(staff_ids), Case.status.in_(OPEN_STATUSES))
        .group_by(Case.assignee_id)
    )
    return {staff_id: count for staff_id, count in rows.all()}


async def _eligible(
    session: AsyncSession, *, store_id: str, department_id: str | None, role: str | None,
    required_skill: str | None, exclude: Sequence[str], lock: bool,
) -> list[Staff]:
    query = (
        select(Staff)
        .where(Staff.active.is_(True), Staff.on_shift.is_(True))
        .where((func.cardinality(Staff.store_ids) == 0) | Staff.store_ids.contains([store_id]))
        .order_by(Staff.id)
    )
    if lock:  # two cases opened at once must not both take someone's last free slot
        query = query.with_for_update()
    if department_id is not None:
        query = query.where(Staff.department_id == department_id)
    if role is not None:
        query = query.where(Staff.role == role)
    if required_skill is not None:
        query = query.where(Staff.skills.contains([required_skill]))
    if exclude:
        query = query.where(Staff.id.not_in(exclude))
    return list((await session.scalars(query)).all())


async def pick(
    *, session: AsyncSession, store_id: str, department_id: str | None, role: str | None = "staff",
    required_skill: str | None = None, over_capacity: bool = False, exclude: Sequence[str] = (),
) -> Staff | None:
    """The least-loaded eligible person on shift, or None (the case waits in the department queue).

    Ordinary cases go to ``staff``; supervisors and managers get theirs by urgency or escalation.
    """
    staff = await _eligible(
        session, store_id=store_id, department_id=department_id, role=role,
        required_skill=required_skill, exclude=exclude, lock=not over_capacity,
    )
    loads = await open_loads(session=session, staff_ids=[s.id for s in staff])
    chosen = choose(
        (Candidate(s.id, loads.get(s.id, 0), s.capacity, s.last_assigned_at) for s in staff),
        over_capacity=over_capacity,
    )
    if chosen is None:
        return None
    person = next(s for s in staff if s.id == chosen.staff_id)
    person.last_assigned_at = datetime.now(UTC)
    return person


async def pick_supervisor(*, session: AsyncSession, store_id: str, department_id: str) -> Staff | None:
    """The supervisor (客服主管) who starts the emergency plan or chairs the handling meeting.

    Prefers a supervisor of the owning department, then customer service's, then anyone's covering the
    store; busy supervisors still get it rather than the case waiting in a queue.
    """
    supervisors = await _eligible(session, store_id=store_id, department_id=None, role="supervisor",
                                  required_skill=None, exclude=(), lock=False)
    loads = await open_loads(session=session, staff_ids=[s.id for s in supervisors])
    for preferred in (department_id, "customer_service", None):
        pool = [s for s in supervisors if preferred is None or s.department_id == preferred]
        chosen = choose((Candidate(s.id, loads.get(s.id, 0), s.capacity, s.last_assigned_at) for s in pool),
                        over_capacity=True)
        if chosen is not None:
            person = next(s for s in pool if s.id == chosen.staff_id)
            person.last_assigned_at = datetime.now(UTC)
            return person
    return None


async def people_in_role(*, session: AsyncSession, store_id: str, role: str) -> list[Staff]:
    """Everyone active in ``role`` covering the store, on shift first: whom an escalation reaches."""
    query = (
        select(Staff)
        .where(Staff.active.is_(True), Staff.role == role)
        .where((func.cardinality(Staff.store_ids) == 0) | Staff.store_ids.contains([store_id]))
        .order_by(
            Staff.on_shift.desc(),
            (func.cardinality(Staff.store_ids) == 0).asc(),  # the store's own people before chain-wide roles
            func.cardinality(Staff.store_ids).asc(),
            Staff.id,
        )
    )
    return list((await session.scalars(query)).all())
