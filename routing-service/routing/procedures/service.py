"""Procedures as versioned data, the steps a case has done, and the due times sla reports for them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.contracts.case import CaseStepRecorded
from closeloop.contracts.sla import ClockBreached, ClockPaused, ClockResumed, ClockStarted, ClockStopped
from closeloop.problems import Conflict, NotFound
from routing.cases.models import Case
from routing.db import outbox
from routing.procedures.models import CaseDeadline, CaseStep, Procedure
from routing.procedures.schemas import ProcedureIn, StepSpec
from routing.procedures.standard import STANDARD_PROCEDURES
from routing.tasks.models import CaseTask

URGENCIES = ("urgent", "important", "general", "minor")


async def seed_procedures(*, session: AsyncSession) -> list[str]:
    """Version 1 of every urgency's standard procedure that is missing; an edited one is left alone."""
    added = []
    for urgency, procedure in STANDARD_PROCEDURES.items():
        if await session.scalar(select(Procedure.id).where(Procedure.urgency == urgency).limit(1)) is None:
            await _add_version(session=session, urgency=urgency, version=1, procedure=ProcedureIn.model_validate(procedure),
                               by="seed")
            added.append(urgency)
    return added


async def current_procedure(*, session: AsyncSession, urgency: str) -> Procedure:
    procedure = await session.scalar(
        select(Procedure).where(Procedure.urgency == urgency, Procedure.current.is_(True))
    )
    if procedure is None:
        raise NotFound("procedure", urgency)
    return procedure


async def current_procedures(*, session: AsyncSession) -> list[Procedure]:
    rows = (await session.scalars(select(Procedure).where(Procedure.current.is_(True)))).all()
    return sorted(rows, key=lambda p: URGENCIES.index(p.urgency) if p.urgency in URGENCIES else 99)


async def procedure_versions(*, session: AsyncSession, urgency: str) -> list[Procedure]:
    rows = list((await session.scalars(
        select(Procedure).where(Procedure.urgency == urgency).order_by(Procedure.version)
    )).all())
    if not rows:
        raise NotFound("procedure", urgency)
    return rows


async def revise_procedure(*, session: AsyncSession, urgency: str, procedure: ProcedureIn, by: str | None) -> Procedure:
    """A revision applies to cases opened (or changing urgency) from now on; open cases keep their version."""
    latest = await session.scalar(
        select(Procedure).where(Procedure.urgency == urgency, Procedure.current.is_(True)).with_for_update()
    )
    return await _add_version(session=session, urgency=urgency, version=(latest.version + 1) if latest else 1,
                              procedure=procedure, by=by)


async def _add_version(*, session: AsyncSession, urgency: str, version: int, procedure: ProcedureIn,
                       by: str | None) -> Procedure:
    await session.execute(update(Procedure).where(Procedure.urgency == urgency, Procedure.current.is_(True))
                          .values(current=False))
    row = Procedure(urgency=urgency, version=version, current=True, created_by=by,
                    **procedure.model_dump(mode="json"))
    session.add(row)
    await session.flush()
    return row


async def adopt(*, session: AsyncSession, case: Case) -> Procedure:
    """The case follows the current procedure of its urgency (at opening, and when its urgency changes)."""
    procedure = await current_procedure(session=session, urgency=case.urgency)
    case.procedure_id = procedure.id
    return procedure


async def procedure_of(*, session: AsyncSession, case: Case) -> Procedure:
    """The version the case follows; a case opened before procedures existed follows its urgency's current one."""
    if case.procedure_id is not None:
        procedure = await session.get(Procedure, case.procedure_id)
        if procedure is not None:
            return procedure
    return await current_procedure(session=session, urgency=case.urgency)


def rules_of(procedure: Procedure) -> ProcedureIn:
    return ProcedureIn.model_validate({name: getattr(procedure, name) for name in ProcedureIn.model_fields})


def step_of(procedure: Procedure, step: str) -> StepSpec | None:
    return rules_of(procedure).spec(step)


async def record_step(
    *, session: AsyncSession, case: Case, step: str, by: str, by_role: str | None, at: datetime,
    procedure: Procedure | None = None, department: str | None = None, staff_id: str | None = None,
    details: dict[str, Any] | None = None, text_sealed: str | None = None, publish: bool = True,
) -> CaseStep:
    """Record a step done; ``publish`` announces it as ``case.step_recorded`` (lifecycle steps such as the
    resolution are announced by their own events)."""
    row = CaseStep(case_id=case.id, step=step, department=department, staff_id=staff_id, done_at=at, done_by=by,
                   by_role=by_role, details=details or {}, text_sealed=text_sealed)
    session.add(row)
    if publish:
        procedure = procedure or await procedure_of(session=session, case=case)
        await outbox.add(session, CaseStepRecorded(
            case_id=case.id, occurred_at=at, step=step, by=by, by_role=by_role, department=department,
            staff_id=staff_id, procedure_version=procedure.version,
            due_at=await due_of(session=session, case=case, procedure=procedure, step=step),
        ))
    return row


async def steps_done(*, session: AsyncSession, case_id: str) -> list[CaseStep]:
    return list((await session.scalars(
        select(CaseStep).where(CaseStep.case_id == case_id).order_by(CaseStep.done_at, CaseStep.id)
    )).all())


async def refuse_twice(*, session: AsyncSession, case: Case, step: str, department: str | None = None) -> None:
    """A one-off step is recorded once (per department for on site); a second time is a mistake, not news."""
    query = select(CaseStep.id).where(CaseStep.case_id == case.id, CaseStep.step == step)
    if department is not None:
        query = query.where(CaseStep.department == department)
    if await session.scalar(query.limit(1)) is not None:
        where = f" for {department}" if department else ""
        raise Conflict(f"{step.replace('_', ' ')}{where} is already recorded on case {case.number}", step=step)


async def departments_concerned(*, session: AsyncSession, case: Case) -> list[str]:
    """Who must be on site: the owning department, every department a safety task belongs to, and any the
    emergency plan named."""
    owners = await session.scalars(select(CaseTask.owner_department).where(
        CaseTask.case_id == case.id, CaseTask.status != "cancelled", CaseTask.owner_department.is_not(None)))
    return sorted({case.department, *owners.all(), *case.departments_concerned} - {None})  # type: ignore[arg-type]


async def deadlines_of(*, session: AsyncSession, case_id: str) -> list[CaseDeadline]:
    return list((await session.scalars(
        select(CaseDeadline).where(CaseDeadline.case_id == case_id).order_by(CaseDeadline.clock, CaseDeadline.round)
    )).all())


async def due_of(*, session: AsyncSession, case: Case, procedure: Procedure, step: str) -> datetime | None:
    """The step's deadline as sla last reported it (its clock's latest round), if sla has."""
    spec = step_of(procedure, step)
    if spec is None or spec.clock is None:
        return None
    return await session.scalar(
        select(CaseDeadline.due_at).where(CaseDeadline.case_id == case.id, CaseDeadline.clock == spec.clock)
        .order_by(CaseDeadline.round.desc()).limit(1)
    )


async def resolution_due(*, session: AsyncSession, case: Case) -> datetime | None:
    """When the customer may expect the result: sla's resolution (or re-handling) due time."""
    return await session.scalar(
        select(CaseDeadline.due_at).where(CaseDeadline.case_id == case.id,
                                          CaseDeadline.clock.in_(("resolution", "rehandling")))
        .order_by(CaseDeadline.started_at.desc().nulls_last(), CaseDeadline.round.desc()).limit(1)
    )


async def note_clock(
    *, session: AsyncSession, event: ClockStarted | ClockResumed | ClockPaused | ClockStopped | ClockBreached
) -> None:
    """Keep routing's copy of sla's clocks: due times move on a resume, the status on a pause, stop or breach.
    One case's clock events arrive in order (the case id is the key), so the last one stands."""
    if isinstance(event, ClockPaused):
        await session.execute(update(CaseDeadline).where(CaseDeadline.clock_id == event.clock_id)
                              .values(status="paused", updated_at=event.occurred_at))
        return
    values: dict[str, Any] = {"case_id": event.case_id, "clock": event.clock, "round": event.round,
                              "updated_at": event.occurred_at}
    if isinstance(event, ClockStarted):
        values |= {"status": "running", "started_at": event.occurred_at, "due_at": event.due_at}
    elif isinstance(event, ClockResumed):
        values |= {"status": "running", "due_at": event.due_at}
    elif isinstance(event, ClockBreached):
        values |= {"status": "breached", "due_at": event.due_at}
    else:
        values |= {"status": event.outcome or ("met" if event.met else "breached"), "stopped_at": event.occurred_at}
        if event.due_at is None:
            return
        values["due_at"] = event.due_at
    statement = insert(CaseDeadline).values(clock_id=event.clock_id, **values)
    await session.execute(statement.on_conflict_do_update(
        index_elements=[CaseDeadline.clock_id],
        set_={k: statement.excluded[k] for k in values if k not in ("case_id", "clock", "round", "started_at")},
    ))
