"""The procedure's own steps as actions: each checked against the owner its procedure names, recorded on the
case and announced as ``case.step_recorded`` (which stops its clock in sla), and contacts with the customer."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.contracts.case import CasePaused, CaseResumed
from closeloop.problems import Conflict, Problem
from routing.cases.actions.authority import Actor, forbidden
from routing.cases.actions.schemas import (
    AppointLiaison, Assessed, ContactCustomer, OnSite, Pause, PlanAgreed, PlanRecorded, PlanStarted, ReportHazard,
)
from routing.cases.models import Case
from routing.cases.timeline import record
from routing.contacts.models import CustomerContact
from routing.contacts.service import customer_address, record_contact
from routing.db import outbox
from routing.org.models import Department, Staff
from routing.outbound.service import queue
from routing.personal_data import seal
from routing.procedures.models import CaseStep, Procedure
from routing.procedures.schemas import StepSpec
from routing.procedures.service import departments_concerned, procedure_of, record_step, refuse_twice, step_of
from routing.replies.service import reply
from routing.settings import Settings
from routing.tasks.models import CaseTask
from routing.tasks.service import open_hazard


def _invalid(field: str, message: str) -> Problem:
    return Problem(422, "Invalid request", f"invalid fields: {field}: {message}",
                   type_="https://closeloop.dev/problems/invalid-request",
                   errors=[{"field": field, "message": message, "type": "reference"}])


async def step_in_procedure(*, session: AsyncSession, case: Case, step: str) -> tuple[Procedure, StepSpec]:
    """The step as the case's procedure defines it; a step its procedure does not have is refused (409)."""
    procedure = await procedure_of(session=session, case=case)
    spec = step_of(procedure, step)
    if spec is None:
        raise Conflict(f"{step.replace('_', ' ')} is not a step of the {procedure.urgency} procedure "
                       f"(version {procedure.version}) case {case.number} follows", step=step,
                       procedure=procedure.urgency, procedure_version=procedure.version)
    return procedure, spec


def check_owner(spec: StepSpec, *, case: Case, actor: Actor, department: str | None = None) -> None:
    """The step's owner: at least its role, and (for staff) of the department whose step it is."""
    if actor.admin:
        return
    if not actor.at_least(spec.owner_role):
        raise forbidden(f"{spec.step.replace('_', ' ')} is the {spec.owner_role}'s step ({spec.title})",
                        required_role=spec.owner_role)
    if actor.at_least("supervisor"):
        return
    if spec.owner_department == "concerned":
        wanted = department or actor.department
        if actor.department != wanted:
            raise forbidden(f"staff of {actor.department or 'no department'} record their own department's arrival, "
                            f"not {wanted}'s", department=wanted)
        return
    owner = spec.owner_department or case.department
    if actor.department == owner or (spec.owner_department is None and actor.id == case.assignee_id):
        return
    raise forbidden(f"{spec.step.replace('_', ' ')} on case {case.number} is for {owner}; staff of "
                    f"{actor.department or 'no department'} cannot record it", department=owner)


async def check_task_owner(*, session: AsyncSession, case: Case, task_ref: str, by: Actor) -> None:
    """A safety task is done by its owning department (food safety seals, security preserves the footage), by the
    case's own people, or by a supervisor."""
    if by.at_least("supervisor"):
        return
    task = await session.scalar(select(CaseTask).where(CaseTask.case_id == case.id,
                                                       (CaseTask.id == task_ref) | (CaseTask.code == task_ref)))
    if task is None:
        return  # completing it answers 404
    if by.department is not None and by.department in (task.owner_department, case.department):
        return
    if by.id in (case.assignee_id, case.liaison_id, task.owner_id) or by.id in case.watchers:
        return
    raise forbidden(f"task {task.code} belongs to {task.owner_department}; staff of "
                    f"{by.department or 'no department'} cannot complete it", department=task.owner_department)


async def plan_started(*, session: AsyncSession, case: Case, action: PlanStarted, by: Actor, settings: Settings,
                       at: datetime) -> None:
    """The emergency plan (緊急處理預案) starts; the departments it names join those that must be on site."""
    procedure, spec = await step_in_procedure(session=session, case=case, step="plan_started")
    check_owner(spec, case=case, actor=by)
    await refuse_twice(session=session, case=case, step="plan_started")
    for department in action.departments:
        if await session.get(Department, department) is None:
            raise _invalid("departments", f"department {department} does not exist")
    case.departments_concerned = sorted(set(case.departments_concerned) | set(action.departments))
    await record_step(session=session, case=case, step="plan_started", by=by.id, by_role=by.role, at=at,
                      procedure=procedure, text_sealed=seal(settings, action.plan),
                      details={"departments": await departments_concerned(session=session, case=case)})
    if action.liaison_id is not None:
        await appoint_liaison(session=session, case=case, action=AppointLiaison(type="appoint_liaison",
                                                                                staff_id=action.liaison_id),
                              by=by, at=at)


async def appoint_liaison(*, session: AsyncSession, case: Case, action: AppointLiaison, by: Actor,
                          at: datetime) -> None:
    """A named liaison (專人) keeps the customer informed; progress contacts are due from now."""
    person = await session.get(Staff, action.staff_id)
    if person is None or not person.active or not person.covers(case.store_id):
        raise _invalid("staff_id", f"staff {action.staff_id} does not exist, is not active or does not cover "
                                   f"store {case.store_id}")
    previous = case.liaison_id
    case.liaison_id = person.id
    await record_step(session=session, case=case, step="liaison_appointed", by=by.id, by_role=by.role, at=at,
                      staff_id=person.id, details={"previous_liaison_id": previous})


async def on_site(*, session: AsyncSession, case: Case, action: OnSite, by: Actor, at: datetime) -> None:
    """Each department concerned records its own arrival; when the last has arrived, the case is on site."""
    procedure, spec = await step_in_procedure(session=session, case=case, step="on_site")
    department = action.department or by.department
    if department is None:
        raise _invalid("department", "name the department that arrived (your token names none)")
    concerned = await departments_concerned(session=session, case=case)
    if department not in concerned:
        raise Conflict(f"{department} is not among the departments concerned with case {case.number} "
                       f"({', '.join(concerned)}); the supervisor adds it with plan_started",
                       departments_concerned=concerned)
    check_owner(spec, case=case, actor=by, department=department)
    await refuse_twice(session=session, case=case, step="department_arrived", department=department)
    await record_step(session=session, case=case, step="department_arrived", by=by.id, by_role=by.role, at=at,
                      procedure=procedure, department=department)
    await session.flush()
    arrived = set((await session.scalars(select(CaseStep.department).where(
        CaseStep.case_id == case.id, CaseStep.step == "department_arrived"))).all())
    if arrived >= set(concerned):
        await record_step(session=session, case=case, step="on_site", by=by.id, by_role=by.role, at=at,
                          procedure=procedure, details={"departments": sorted(arrived)})


async def written_step(*, session: AsyncSession, case: Case, step: str, by: Actor, settings: Settings, at: datetime,
                       text: str, details: dict[str, object]) -> None:
    """A step whose substance is written (the agreed plan, the analysis and plan, the assessment)."""
    procedure, spec = await step_in_procedure(session=session, case=case, step=step)
    check_owner(spec, case=case, actor=by)
    await refuse_twice(session=session, case=case, step=step)
    await record_step(session=session, case=case, step=step, by=by.id, by_role=by.role, at=at, procedure=procedure,
                      text_sealed=seal(settings, text), details=details)


async def plan_agreed(*, session: AsyncSession, case: Case, action: PlanAgreed, by: Actor, settings: Settings,
                      at: datetime) -> None:
    known = set((await session.scalars(select(Staff.id).where(Staff.id.in_(action.participants)))).all())
    missing = sorted(set(action.participants) - known)
    if missing:
        raise _invalid("participants", f"unknown staff: {', '.join(missing)}")
    await written_step(session=session, case=case, step="plan_agreed", by=by, settings=settings, at=at,
                       text=action.plan, details={"participants": sorted(set(action.participants))})


async def plan_recorded(*, session: AsyncSession, case: Case, action: PlanRecorded, by: Actor, settings: Settings,
                        at: datetime) -> None:
    await written_step(session=session, case=case, step="plan_recorded", by=by, settings=settings, at=at,
                       text=f"{action.analysis}\n{action.plan}", details={})


async def assessed(*, session: AsyncSession, case: Case, action: Assessed, by: Actor, settings: Settings,
                   at: datetime) -> None:
    await written_step(session=session, case=case, step="assessed", by=by, settings=settings, at=at,
                       text=action.text, details={"outcome": action.outcome})


async def contact_customer(
    *, session: AsyncSession, case: Case, action: ContactCustomer, by: Actor, settings: Settings, at: datetime,
    first_contact: bool,
) -> CustomerContact:
    """Record a contact (and send its template's text when asked). ``first_contact``: this one acknowledges the case."""
    not_yet_contacted = case.status in ("new", "assigned")
    purpose = action.purpose or ("first_contact" if first_contact or not_yet_contacted else "progress")
    message_id, template_id, text = None, None, action.summary
    if action.template is not None:
        wording = await reply(session=session, case=case, purpose=action.template, language=action.language,
                              staff_id=by.id, settings=settings)
        template_id = f"{action.template}.{wording.language}"
        text = action.summary or wording.text
        if action.send:
            recipient = customer_address(case)
            if recipient is None:
                raise Conflict(f"case {case.number} has no way to reach the customer (anonymous feedback)")
            message = await queue(
                session=session, settings=settings, audience="customer", purpose=action.template,
                channel=action.channel, recipient=recipient, body=wording.text, case_id=case.id,
                language=wording.language, template_ids=wording.template_ids,
            )
            message_id = message.id if message else None
    contact = await record_contact(
        session=session, case=case, channel=action.channel, direction=action.direction, purpose=purpose,
        outcome=action.outcome, staff_id=by.id, at=at, summary_sealed=seal(settings, text), template_id=template_id,
        message_id=message_id,
    )
    if action.outcome == "reached":
        await record_step(session=session, case=case, step="progress_contact", by=by.id, by_role=by.role, at=at,
                          details={"contact_id": contact.id, "channel": action.channel}, publish=False)
    return contact


async def pause(*, session: AsyncSession, case: Case, action: Pause, by: Actor, at: datetime) -> None:
    """Waiting on the customer: sla stops counting the clocks that allow it."""
    if case.waiting_since is not None:
        raise Conflict(f"case {case.number} already waits on the customer since {case.waiting_since.isoformat()}")
    case.waiting_since = at
    await outbox.add(session, CasePaused(case_id=case.id, occurred_at=at, by=by.id))


async def resume(*, session: AsyncSession, case: Case, by: str, at: datetime) -> bool:
    """The wait is over; False when the case was not waiting."""
    if case.waiting_since is None:
        return False
    waited = max(0, round((at - case.waiting_since).total_seconds()))
    case.waiting_since = None
    await record(session, case, "resumed", actor=by, at=at, details={"paused_seconds": waited})
    await outbox.add(session, CaseResumed(case_id=case.id, occurred_at=at, paused_seconds=waited, by=by))
    return True


async def report_hazard(*, session: AsyncSession, case: Case, action: ReportHazard, by: Actor, at: datetime) -> None:
    if action.hazard in case.hazards:
        raise Conflict(f"case {case.number} already carries the {action.hazard} removal tasks")
    await open_hazard(session=session, case=case, hazard=action.hazard, at=at)
