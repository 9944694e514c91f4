"""What each action does to a case, whether staff asked through the API or an event brought it
(a survey verdict, an sla escalation). Every change is recorded on the timeline and announced."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.contracts.case import (
    CaseAcknowledged, CaseAssigned, CaseCallbackRecorded, CaseClosed, CaseEscalated, CaseReclassified, CaseReopened,
    CaseResolved,
)
from closeloop.contracts.feedback import SurveyRecorded
from closeloop.contracts.sla import ClockBreached, ClockWarned, EscalationRequested
from closeloop.logs import scrub
from closeloop.problems import Conflict, Problem
from routing.assignment.service import people_in_role, pick, pick_supervisor
from routing.cases.actions.authority import Actor, forbidden
from routing.cases.actions import steps
from routing.cases.actions.schemas import (
    Acknowledge, Action, AppointLiaison, Assessed, Callback, Close, CompleteTask, ContactCustomer, Escalate, Note,
    OnSite, Pause, PlanAgreed, PlanRecorded, PlanStarted, Reassign, Reclassify, Reopen, ReportHazard, ReportReviewed,
    ReportSubmitted, Resolve, Resume, Start,
)
from routing.cases.models import Case, TimelineEntry
from routing.cases.service import case_of_feedback, locked, move
from routing.cases.states import Status, next_status
from routing.cases.timeline import record
from routing.db import outbox
from routing.learning.service import record_correction
from routing.metrics import CASE_ACTIONS
from routing.org.models import Department, Staff
from routing.personal_data import seal, unseal
from routing.rules.matching import CaseFacts
from routing.rules.service import route
from routing.settings import Settings
from routing.tasks.service import announce as announce_tasks
from routing.procedures.service import adopt, procedure_of, record_step
from routing.reports import service as reports
from routing.tasks.hazards import hazards_in
from routing.tasks.service import cancel_not_required, complete, open_required, open_tasks
from routing.work_group.announcements import alert_supervisor

SLA = "sla"
CUSTOMER = "customer"


class CaseNotFoundYet(RuntimeError):
    """An event names a case this service has not opened yet; the consumer retries, then dead-letters it."""


async def already_done(*, session: AsyncSession, case: Case, idempotency_key: str | None) -> bool:
    """An action retried with the same Idempotency-Key was applied before: apply nothing twice."""
    if idempotency_key is None:
        return False
    return await session.scalar(
        select(TimelineEntry.id).where(TimelineEntry.case_id == case.id,
                                       TimelineEntry.idempotency_key == idempotency_key)
    ) is not None


async def perform(
    *, session: AsyncSession, case: Case, action: Action, actor: Actor, settings: Settings,
    idempotency_key: str | None = None, at: datetime | None = None,
) -> Case:
    """Apply one staff action to a locked case, stamped ``at`` (now, unless the caller knows better)."""
    now = at or datetime.now(UTC)
    entry = await record(session, case, action.type, actor=actor.id, at=now, idempotency_key=idempotency_key,
                         details=_public_details(action))
    if action.type in _STAYING:
        next_status(case.status, action.type)
    match action:
        case Acknowledge():
            await acknowledge(session=session, case=case, by=actor, at=now)
            entry.text_sealed = seal(settings, action.note)
        case Note():
            next_status(case.status, "note")
            entry.text_sealed = seal(settings, action.text)
        case Start():
            await move(session=session, case=case, action="start", by=actor.id, at=now)
            entry.text_sealed = seal(settings, action.plan)
        case Reassign():
            await reassign(session=session, case=case, action=action, by=actor, settings=settings, at=now)
            entry.text_sealed = seal(settings, action.reason)
        case Reclassify():
            await reclassify(session=session, case=case, action=action, by=actor, settings=settings, at=now)
        case Escalate():
            if action.to == "manager" and not actor.at_least("supervisor"):
                raise forbidden("staff escalate to their supervisor; a supervisor escalates to the manager")
            await escalate(session=session, case=case, role=action.to, by=actor.id, reason=action.reason, at=now)
        case Resolve():
            await resolve(session=session, case=case, action=action, by=actor, settings=settings, at=now)
        case Callback():
            entry.text_sealed = seal(settings, action.comment)
            await record_verdict(
                session=session, case=case, satisfied=action.satisfied, csat=action.csat, nps=action.nps,
                source="callback", by=actor.id, at=now,
            )
        case Reopen():
            entry.text_sealed = seal(settings, action.reason)
            await reopen(session=session, case=case, by=actor.id, reason="reopened by staff", at=now)
        case Close():
            await close(session=session, case=case, by=actor, reason=action.reason, at=now)
        case CompleteTask():
            next_status(case.status, "complete_task")
            await steps.check_task_owner(session=session, case=case, task_ref=action.task, by=actor)
            entry.text_sealed = seal(settings, action.note)
            await complete(session=session, case=case, task_ref=action.task, by=actor.id, details=action.details,
                           at=now)
        case PlanStarted():
            entry.text_sealed = seal(settings, action.plan)
            await steps.plan_started(session=session, case=case, action=action, by=actor, settings=settings, at=now)
        case AppointLiaison():
            await steps.appoint_liaison(session=session, case=case, action=action, by=actor, at=now)
        case OnSite():
            await steps.on_site(session=session, case=case, action=action, by=actor, at=now)
        case PlanAgreed():
            await steps.plan_agreed(session=session, case=case, action=action, by=actor, settings=settings, at=now)
        case PlanRecorded():
            await steps.plan_recorded(session=session, case=case, action=action, by=actor, settings=settings, at=now)
        case Assessed():
            await steps.assessed(session=session, case=case, action=action, by=actor, settings=settings, at=now)
        case ContactCustomer():
            first = action.outcome == "reached" and case.status in (Status.NEW, Status.ASSIGNED)
            contact = await steps.contact_customer(session=session, case=case, action=action, by=actor,
                                                   settings=settings, at=now, first_contact=first)
            entry.details = {**entry.details, "contact_id": contact.id, "message_id": contact.message_id}
            entry.text_sealed = contact.summary_sealed
            if first:
                await acknowledge(session=session, case=case, by=actor, at=now)
        case Pause():
            entry.text_sealed = seal(settings, action.reason)
            await steps.pause(session=session, case=case, action=action, by=actor, at=now)
        case Resume():
            if not await steps.resume(session=session, case=case, by=actor.id, at=now):
                raise Conflict(f"case {case.number} is not waiting on the customer")
        case ReportHazard():
            await steps.report_hazard(session=session, case=case, action=action, by=actor, at=now)
        case ReportSubmitted():
            await reports.submit(session=session, case=case, kind=action.report, texts=action.sections, by=actor,
                                 settings=settings, at=now)
        case ReportReviewed():
            entry.text_sealed = seal(settings, action.comment)
            await review_report(session=session, case=case, action=action, by=actor, settings=settings, at=now)
    case.updated_at = now
    CASE_ACTIONS.labels(action.type).inc()
    return case


_STAYING = ("plan_started", "appoint_liaison", "on_site", "plan_agreed", "plan_recorded", "assessed", "contact_customer",
            "pause", "resume", "report_hazard", "report_submitted", "report_reviewed", "escalate")
"""Actions that leave the status as it is, but only in the statuses their row of the state table lists."""


def _public_details(action: Action) -> dict[str, Any]:
    """What the timeline shows in clear: everything but free text, which is sealed separately."""
    free_text = {"note", "text", "plan", "reason", "resolution", "comment", "analysis", "summary", "sections"}
    return action.model_dump(mode="json", exclude={"type", *free_text}, exclude_none=True)


async def acknowledge(*, session: AsyncSession, case: Case, by: Actor, at: datetime) -> None:
    """First contact made; whoever makes it on an unassigned case takes it."""
    await move(session=session, case=case, action="acknowledge", by=by.id, at=at)
    case.acknowledged_at = at
    await outbox.add(session, CaseAcknowledged(case_id=case.id, occurred_at=at, by=by.id))
    await record_step(session=session, case=case, step="first_contact", by=by.id, by_role=by.role, at=at,
                      publish=False)
    if case.assignee_id is None:
        person = await session.get(Staff, by.id)
        if person is not None and person.active:
            await _assign(session, case, person=person, department=case.department or person.department_id,
                          by=by.id, reason="acknowledged by them", at=at)


async def _assign(
    session: AsyncSession, case: Case, *, person: Staff | None, department: str, by: str | None, reason: str | None,
    at: datetime,
) -> None:
    previous_department, previous_assignee = case.department, case.assignee_id
    case.department = department
    case.assignee_id = person.id if person else None
    if person is None and case.status == Status.ASSIGNED:
        case.status = Status.NEW  # back to the department queue
    elif person is not None and case.status == Status.NEW:
        await move(session=session, case=case, action="assign", by=by, at=at)
    await record(session, case, "assigned" if person else "queued", actor=by or "routing", at=at, details={
        "department": department, "assignee_id": case.assignee_id, "previous_department": previous_department,
        "previous_assignee_id": previous_assignee,
    })
    await outbox.add(session, CaseAssigned(
        case_id=case.id, occurred_at=at, department=department, assignee_id=case.assignee_id,
        assignee_role=person.role if person else None, previous_department=previous_department,
        previous_assignee_id=previous_assignee, by=by, reason=reason,
    ))


async def reassign(
    *, session: AsyncSession, case: Case, action: Reassign, by: Actor, settings: Settings, at: datetime
) -> None:
    """To a named person (their department takes the case) or to a department's least-loaded person."""
    next_status(case.status, "assign")
    claiming = action.assignee_id == by.id and case.assignee_id is None and action.department in (None, case.department)
    if not by.at_least("supervisor") and not claiming:
        raise forbidden("staff may only take an unassigned case of their department; reassigning needs a supervisor")
    if action.assignee_id is not None:
        person = await session.get(Staff, action.assignee_id)
        if person is None or not person.active:
            raise _invalid("assignee_id", f"staff {action.assignee_id} does not exist or is not active")
        if not person.covers(case.store_id):
            raise _invalid("assignee_id", f"staff {person.id} does not cover store {case.store_id}")
        if action.department is not None and action.department != person.department_id:
            raise _invalid("department", f"staff {person.id} belongs to {person.department_id}, not {action.department}")
        await _assign(session, case, person=person, department=person.department_id, by=by.id,
                      reason=action.reason and scrub(action.reason), at=at)
        return
    assert action.department is not None
    if await session.get(Department, action.department) is None:
        raise _invalid("department", f"department {action.department} does not exist")
    person = await pick(session=session, store_id=case.store_id, department_id=action.department,
                        exclude=[case.assignee_id] if case.assignee_id else [])
    await _assign(session, case, person=person, department=action.department, by=by.id,
                  reason=action.reason and scrub(action.reason), at=at)


def _invalid(field: str, message: str) -> Problem:
    return Problem(422, "Invalid request", f"invalid fields: {field}: {message}",
                   type_="https://closeloop.dev/problems/invalid-request",
                   errors=[{"field": field, "message": message, "type": "reference"}])


async def reclassify(
    *, session: AsyncSession, case: Case, action: Reclassify, by: Actor, settings: Settings, at: datetime
) -> None:
    """Staff correct the labels: stored as a labelled example, announced, and the case re-routed if its owner changes."""
    next_status(case.status, "reclassify")
    before = {"category": case.category, "subcategory": case.subcategory, "urgency": case.urgency, "kind": case.kind}
    category = action.category or case.category
    after = {
        "category": category,
        "subcategory": action.subcategory if action.subcategory is not None
        else (case.subcategory if category == case.category else None),
        "urgency": action.urgency or case.urgency,
        "kind": action.kind or case.kind,
    }
    if after == before:
        raise _invalid("type", "reclassify changes nothing: every label equals the case's current one")
    correction = await record_correction(
        session=session, case=case, text=unseal(settings, case.content_sealed) or "", corrected=after,
        predicted=before, by=by.id, reason=action.reason, settings=settings, at=at,
    )
    case.category, case.subcategory, case.kind = after["category"], after["subcategory"], after["kind"]
    case.set_urgency(after["urgency"])
    await record(session, case, "reclassified", actor=by.id, at=at,
                 details={"from": before, "to": after, "correction_id": correction.id})
    await outbox.add(session, CaseReclassified(
        case_id=case.id, occurred_at=at, by=by.id, correction_id=correction.id,
        previous_category=before["category"], previous_subcategory=before["subcategory"],  # type: ignore[arg-type]
        previous_urgency=before["urgency"], previous_kind=before["kind"],  # type: ignore[arg-type]
        **after,  # type: ignore[arg-type]
    ))
    if case.category == "safety" and not case.hazards:
        case.hazards = hazards_in(unseal(settings, case.content_sealed))
    await cancel_not_required(session=session, case=case, by=by.id)
    if case.status != Status.RESOLVED:
        await announce_tasks(session=session, case=case, tasks=await open_required(session=session, case=case))
    if after["urgency"] != before["urgency"]:
        procedure = await adopt(session=session, case=case)
        if procedure.supervisor_alert:
            await alert_supervisor(session=session, case=case, settings=settings, at=at)
    if not action.reroute or case.status == Status.RESOLVED:
        return
    routing = await route(
        session=session, default_department=settings.default_department,
        facts=CaseFacts(category=case.category, subcategory=case.subcategory, urgency=case.urgency,
                        store_id=case.store_id, channel=case.channel, tier=case.customer_tier),
    )
    if routing.department_id == case.department:
        return
    case.routing_rule_id = routing.rule_id
    person = None
    if case.urgency in settings.supervisor_first_urgencies:
        person = await pick_supervisor(session=session, store_id=case.store_id, department_id=routing.department_id)
    if person is None:
        person = await pick(session=session, store_id=case.store_id, department_id=routing.department_id,
                            required_skill=routing.required_skill)
    await _assign(session, case, person=person, department=routing.department_id, by=by.id,
                  reason=f"reclassified; routing rule {routing.rule_id or 'default'}", at=at)


async def escalate(
    *, session: AsyncSession, case: Case, role: str, by: str, reason: str | None, at: datetime,
    level: int | None = None, clock: str | None = None, staff_ids: list[str] | None = None,
) -> list[str]:
    """Pass the case up (升級): the people in ``role`` for its store watch it; an unassigned case becomes theirs."""
    level = level if level is not None else {"supervisor": 1, "manager": 2}.get(role, 1)
    people = [s for s in await people_in_role(session=session, store_id=case.store_id, role=role)]
    if staff_ids:
        named = [s for s in (await session.scalars(select(Staff).where(Staff.id.in_(staff_ids)))).all()]
        people = named or people
    reached = [p.id for p in people]
    case.watchers = sorted(set(case.watchers) | set(reached))
    case.escalation_level = max(case.escalation_level, level)
    await record(session, case, "escalated", actor=by, at=at, details={
        "to_role": role, "to_staff_ids": reached, "level": level, "clock": clock,
        "reason": reason and scrub(reason),
    })
    await outbox.add(session, CaseEscalated(
        case_id=case.id, occurred_at=at, to_role=role, to_staff_ids=reached, level=level, clock=clock, by=by,
        reason=reason and scrub(reason),
    ))
    if case.assignee_id is None and people:
        owner = next((p for p in people if p.on_shift), people[0])
        await _assign(session, case, person=owner, department=case.department or owner.department_id, by=by,
                      reason=f"escalated to {role}", at=at)
    return reached


async def resolve(
    *, session: AsyncSession, case: Case, action: Resolve, by: Actor, settings: Settings, at: datetime
) -> None:
    """Record the resolution (處理結果); a first-contact resolution also records the first contact. A case whose
    procedure needs no confirmation (minor) closes as soon as its result is recorded; one that needs a report
    gets its draft, pre-filled from what happened."""
    first_contact = action.first_contact and case.status in (Status.NEW, Status.ASSIGNED, Status.ACKNOWLEDGED)
    if action.first_contact and case.status in (Status.NEW, Status.ASSIGNED):
        await acknowledge(session=session, case=case, by=by, at=at)
    rehandled = case.status == Status.REOPENED
    await steps.resume(session=session, case=case, by=by.id, at=at)
    await move(session=session, case=case, action="resolve", by=by.id, at=at)
    case.resolved_at = at
    case.resolution_sealed = seal(settings, action.resolution)
    case.first_contact_resolution = first_contact
    await outbox.add(session, CaseResolved(case_id=case.id, occurred_at=at, resolution=scrub(action.resolution),
                                           first_contact_resolution=first_contact, by=by.id))
    await record_step(session=session, case=case, step="rehandling" if rehandled else "resolution", by=by.id,
                      by_role=by.role, at=at, publish=False)
    procedure = await procedure_of(session=session, case=case)
    if procedure.report is not None:
        await reports.report_of(session=session, case=case, kind=procedure.report, create=True)
    if not procedure.confirmation_required and not await closing_blockers(session=session, case=case):
        case.loop_confirmed = True
        await _close(session, case, by=by.id, reason=f"{case.urgency} case: closed when its result is recorded",
                     loop_confirmed=True, at=at)


async def record_verdict(
    *, session: AsyncSession, case: Case, satisfied: bool | None, csat: int | None, nps: int | None, source: str,
    by: str, at: datetime, survey_id: str | None = None,
) -> None:
    """The customer's verdict: not satisfied reopens a resolved or closed case; satisfied confirms the loop
    and closes a resolved case (unless safety tasks are open or its report is not approved yet)."""
    if source == "callback":
        next_status(case.status, "callback")
    case.satisfied = satisfied if satisfied is not None else case.satisfied
    case.csat = csat if csat is not None else case.csat
    case.nps = nps if nps is not None else case.nps
    await record(session, case, "verdict", actor=by, at=at, details={
        "source": source, "satisfied": satisfied, "csat": csat, "nps": nps, "survey_id": survey_id,
    })
    await outbox.add(session, CaseCallbackRecorded(
        case_id=case.id, occurred_at=at, satisfied=satisfied, csat=csat, nps=nps, source=source,  # type: ignore[arg-type]
        survey_id=survey_id, by=by,
    ))
    await record_step(session=session, case=case, step="callback", by=by, by_role=None, at=at,
                      details={"source": source, "satisfied": satisfied}, publish=False)
    if satisfied is False and case.status in (Status.RESOLVED, Status.CLOSED):
        await reopen(session=session, case=case, by=by, reason=f"customer not satisfied ({source})", at=at)
    elif satisfied is True and case.status in (Status.RESOLVED, Status.CLOSED):
        case.loop_confirmed = True
        await close_if_done(session=session, case=case, by=by, reason=f"customer satisfied ({source})", at=at)


async def close_if_done(*, session: AsyncSession, case: Case, by: str, reason: str, at: datetime) -> bool:
    """Close a resolved case once nothing holds it open: the loop confirmed (or not required), no open safety
    task, its report approved."""
    if case.status != Status.RESOLVED:
        return False
    procedure = await procedure_of(session=session, case=case)
    confirmed = case.loop_confirmed or not procedure.confirmation_required
    if not confirmed or await closing_blockers(session=session, case=case):
        return False
    await _close(session, case, by=by, reason=reason, loop_confirmed=confirmed, at=at)
    return True


async def review_report(
    *, session: AsyncSession, case: Case, action: ReportReviewed, by: Actor, settings: Settings, at: datetime
) -> None:
    """A review step; a return may send the case back to handling, an approval may let it close."""
    await reports.review(session=session, case=case, kind=action.report, verdict=action.verdict,
                         comment_sealed=seal(settings, action.comment), reopen=action.reopen, by=by, at=at)
    if action.verdict == "returned" and action.reopen:
        await reopen(session=session, case=case, by=by.id, reason=f"{action.report} report returned", at=at)
    elif action.verdict == "approved":
        await close_if_done(session=session, case=case, by=by.id, reason=f"{action.report} report approved", at=at)


async def reopen(*, session: AsyncSession, case: Case, by: str, reason: str, at: datetime) -> None:
    """Handling starts again (再次處理) with the same owner."""
    await move(session=session, case=case, action="reopen", by=by, at=at)
    case.reopen_count += 1
    case.loop_confirmed = False
    case.resolved_at = None
    case.closed_at = None
    await outbox.add(session, CaseReopened(case_id=case.id, occurred_at=at, reason=reason,
                                           reopen_count=case.reopen_count, by=by))


async def close(*, session: AsyncSession, case: Case, by: Actor, reason: str | None, at: datetime) -> None:
    """Close a resolved case. Without the customer's confirmation (where the procedure requires it) only a
    supervisor may, and must say why."""
    next_status(case.status, "close")
    procedure = await procedure_of(session=session, case=case)
    confirmed = case.loop_confirmed or not procedure.confirmation_required
    if not confirmed:
        if not by.at_least("supervisor"):
            raise forbidden("the customer has not confirmed the result: record a satisfied callback, "
                            "or ask a supervisor to close it with a reason")
        if not reason:
            raise _invalid("reason", "closing without the customer's confirmation needs a reason")
    await _close(session, case, by=by.id, reason=reason and scrub(reason), loop_confirmed=confirmed, at=at)


async def closing_blockers(*, session: AsyncSession, case: Case) -> list[str]:
    """What still holds the case open: open safety tasks, a required report not approved."""
    blockers = [f"task:{t.code}" for t in await open_tasks(session=session, case_id=case.id)]
    report = await reports.unapproved_report(session=session, case=case)
    if report is not None:
        blockers.append(f"report:{report}")
    return blockers


async def _close(session: AsyncSession, case: Case, *, by: str, reason: str | None, loop_confirmed: bool,
                 at: datetime) -> None:
    waiting = await open_tasks(session=session, case_id=case.id)
    if waiting:
        raise Conflict(
            f"case {case.number} has open safety tasks: {', '.join(t.code for t in waiting)}; complete them first",
            open_tasks=[t.code for t in waiting],
        )
    report = await reports.unapproved_report(session=session, case=case)
    if report is not None:
        raise Conflict(f"case {case.number} needs its {report} report approved before it closes", report=report)
    await move(session=session, case=case, action="close", by=by, at=at)
    case.closed_at = at
    await outbox.add(session, CaseClosed(case_id=case.id, occurred_at=at, reason=reason,
                                         loop_confirmed=loop_confirmed, by=by))


async def apply_survey(*, session: AsyncSession, survey: SurveyRecorded) -> Case:
    """A survey (滿意度調查) answer from intake: the same verdict as a callback."""
    case = await case_of_feedback(session=session, feedback_id=survey.feedback_id)
    if case is None and survey.case_id:
        case = await session.get(Case, survey.case_id)
    if case is None:
        raise CaseNotFoundYet(f"no case for feedback {survey.feedback_id} yet")
    case = await locked(session=session, case_id=case.id)
    await record_verdict(session=session, case=case, satisfied=survey.satisfied, csat=survey.csat, nps=survey.nps,
                         source="survey", by=CUSTOMER, at=survey.recorded_at, survey_id=survey.survey_id)
    case.updated_at = datetime.now(UTC)
    return case


async def _case_for_clock(session: AsyncSession, case_id: str) -> Case:
    if await session.get(Case, case_id) is None:
        raise CaseNotFoundYet(f"sla reports on case {case_id}, which routing does not know")
    return await locked(session=session, case_id=case_id)


async def apply_breach(*, session: AsyncSession, breach: ClockBreached) -> Case:
    """A deadline slipped: the case shows it in queues (``breached=true``) and on its timeline."""
    case = await _case_for_clock(session, breach.case_id)
    case.breached = True
    if breach.clock not in case.breached_clocks:
        case.breached_clocks = [*case.breached_clocks, breach.clock]
    await record(session, case, "clock_breached", actor=SLA, at=breach.occurred_at, details={
        "clock": breach.clock, "clock_id": breach.clock_id, "due_at": breach.due_at.isoformat(),
    })
    return case


async def apply_warning(*, session: AsyncSession, warning: ClockWarned) -> Case:
    case = await _case_for_clock(session, warning.case_id)
    await record(session, case, "clock_warned", actor=SLA, at=warning.occurred_at, details={
        "clock": warning.clock, "clock_id": warning.clock_id, "due_at": warning.due_at.isoformat(),
    })
    return case


async def apply_escalation(*, session: AsyncSession, request: EscalationRequested) -> Case:
    """sla climbed a rung of the ladder: the supervisor or manager is added to the case (and takes it when
    nobody holds it); a request for the assignee is a reminder on the timeline. A closed case owes nothing."""
    case = await _case_for_clock(session, request.case_id)
    if case.status == Status.CLOSED:  # a resolved case still owes its callback and its report
        await record(session, case, "escalation_ignored", actor=SLA, at=request.occurred_at,
                     details={"clock": request.clock, "role": request.role, "status": case.status})
        return case
    if request.level == 0 or request.role in ("assignee", "staff"):
        await record(session, case, "reminded", actor=SLA, at=request.occurred_at, details={
            "clock": request.clock, "assignee_id": case.assignee_id, "reason": request.reason,
        })
        return case
    await escalate(session=session, case=case, role=request.role, by=SLA, reason=f"{request.clock} {request.reason}",
                   at=request.occurred_at, level=request.level, clock=request.clock, staff_ids=request.staff_ids)
    return case
