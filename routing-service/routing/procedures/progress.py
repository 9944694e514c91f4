"""Where a case stands in its procedure: each step with its owner, due time, done time and who did it.

Due times come from sla's clocks when sla has reported them (routing keeps a copy of every clock event);
until then, or for a step without a clock, they are computed from the procedure: the step's start (the
opening, the resolution, another step) plus its deadline in minutes. Working-day deadlines need the store's
calendar, which only sla applies, so they show once sla reports them.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from routing.cases.models import Case
from routing.org.models import Staff
from routing.procedures.models import CaseDeadline, CaseStep
from routing.procedures.schemas import ProcedureProgress, StepOwner, StepProgress, StepSpec
from routing.procedures.service import deadlines_of, departments_concerned, procedure_of, rules_of, steps_done


async def progress_of(*, session: AsyncSession, case: Case, now: datetime) -> ProcedureProgress:
    procedure = await procedure_of(session=session, case=case)
    rules = rules_of(procedure)
    done = await steps_done(session=session, case_id=case.id)
    clocks: dict[str, CaseDeadline] = {}
    for deadline in await deadlines_of(session=session, case_id=case.id):
        clocks[deadline.clock] = deadline  # ordered by round: the latest round stays
    assignee = await session.get(Staff, case.assignee_id) if case.assignee_id else None
    concerned = await departments_concerned(session=session, case=case)
    steps: list[StepProgress] = []
    for spec in rules.steps:
        for department in (concerned if spec.per_department else None) or [None]:
            if department is None:
                rows = [r for r in done if r.step == spec.step]
            else:
                rows = [r for r in done if r.step == "department_arrived" and r.department == department]
            steps.append(_progress(spec, case=case, rows=rows, done=done, clock=clocks.get(spec.clock or ""),
                                   department=department, assignee=assignee, now=now))
    return ProcedureProgress(
        urgency=procedure.urgency, version=procedure.version, name=procedure.name,
        callback_required=procedure.callback_required, confirmation_required=procedure.confirmation_required,
        report=procedure.report, liaison=case.liaison_id, departments_concerned=concerned,
        steps=steps,
    )


def _progress(
    spec: StepSpec, *, case: Case, rows: list[CaseStep], done: list[CaseStep], clock: CaseDeadline | None,
    department: str | None, assignee: Staff | None, now: datetime,
) -> StepProgress:
    last = rows[-1] if rows else None
    if clock is not None:
        due_at, source = clock.due_at, "sla"
    else:
        due_at, source = _computed_due(spec, case=case, done=done), "computed"
    if due_at is None:
        source = "none"
    status = _status(spec, case=case, last=last, clock=clock, due_at=due_at, now=now)
    return StepProgress(
        step=spec.step, title=spec.title, department=department,
        owner=StepOwner(role=spec.owner_role, department=department or _owner_department(spec, case),
                        staff_id=_owner_id(spec, case=case, assignee=assignee)),
        clock=spec.clock, due_at=due_at, due_source=source,  # type: ignore[arg-type]
        done_at=last.done_at if last else None, done_by=last.done_by if last else None, times_done=len(rows),
        status=status,  # type: ignore[arg-type]
    )


def _status(spec: StepSpec, *, case: Case, last: CaseStep | None, clock: CaseDeadline | None,
            due_at: datetime | None, now: datetime) -> str:
    if clock is not None and spec.repeats:
        # a periodic step stands where its latest round stands
        if clock.status in ("running", "paused"):
            return "overdue" if due_at is not None and now > due_at else "pending"
        if clock.status == "cancelled":
            return "ended"
        if clock.status == "breached" and clock.stopped_at is None:
            return "overdue"
        return "done" if clock.status == "met" else "done_late"
    if last is not None:
        late = due_at is not None and last.done_at > due_at
        return "done_late" if late else "done"
    if clock is not None and clock.status == "cancelled":
        return "ended"
    if due_at is None:
        return "not_started" if not _started(spec, case) else "pending"
    return "overdue" if now > due_at else "pending"


def _started(spec: StepSpec, case: Case) -> bool:
    return spec.starts_on == "opened" or (spec.starts_on == "resolved" and case.resolved_at is not None)


def _computed_due(spec: StepSpec, *, case: Case, done: list[CaseStep]) -> datetime | None:
    if spec.due_minutes is None:
        return None
    if spec.starts_on == "opened":
        anchor: datetime | None = case.received_at
    elif spec.starts_on == "resolved":
        anchor = case.resolved_at
    else:
        anchor = next((r.done_at for r in reversed(done) if r.step == spec.starts_on), None)
    return anchor + timedelta(minutes=spec.due_minutes) if anchor is not None else None


def _owner_department(spec: StepSpec, case: Case) -> str | None:
    if spec.owner_department is None:
        return case.department
    return None if spec.owner_department == "concerned" else spec.owner_department


def _owner_id(spec: StepSpec, *, case: Case, assignee: Staff | None) -> str | None:
    if spec.step == "progress_contact":
        return case.liaison_id or case.assignee_id
    if assignee is None:
        return None
    if spec.owner_role == "staff" and spec.owner_department is None:
        return assignee.id
    if spec.owner_role == assignee.role and spec.owner_department in (None, assignee.department_id):
        return assignee.id
    return None
