"""Opening the tasks a safety case requires and completing them."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.contracts.case import CaseTaskCompleted, CaseTaskOpened
from closeloop.problems import NotFound, Problem
from routing.assignment.service import pick
from routing.cases.models import Case
from routing.cases.timeline import record
from routing.db import outbox
from routing.tasks.models import CaseTask
from routing.tasks.hazards import HAZARD_TEMPLATES, removal_tasks
from routing.tasks.playbook import GENERIC_HAZARD, HAZARD_SUBCATEGORIES, RECORD_ILLNESS, TaskRule, missing_details
from routing.tasks.playbook import required_tasks as playbook_tasks


def required_tasks(case: Case) -> tuple[TaskRule, ...]:
    """The playbook's tasks for the case's labels, plus the removal tasks of each hazard it carries (rule H)."""
    tasks = {t.code: t for t in playbook_tasks(case.category, case.subcategory)}
    if case.hazards:
        tasks |= {t.code: t for t in removal_tasks(list(case.hazards))}
    elif case.category == "safety" and case.subcategory in HAZARD_SUBCATEGORIES:
        tasks |= {t.code: t for t in GENERIC_HAZARD}
    return tuple(tasks.values())


async def _open(
    session: AsyncSession, case: Case, rules: Iterable[TaskRule], *, since: datetime, now: datetime | None = None
) -> list[CaseTask]:
    opened: list[CaseTask] = []
    now = now or datetime.now(UTC)
    for rule in rules:
        owner = await pick(session=session, store_id=case.store_id, department_id=rule.owner_department,
                           over_capacity=True)
        task_id = await session.scalar(
            insert(CaseTask).values(
                id=str(uuid.uuid4()), case_id=case.id, code=rule.code, title=rule.title,
                owner_department=rule.owner_department, owner_id=owner.id if owner else None,
                due_at=since + timedelta(minutes=rule.due_minutes), status="open", details={}, created_at=now,
            ).on_conflict_do_nothing().returning(CaseTask.id)
        )
        if task_id is None:  # the case already has this task
            continue
        task = await session.get(CaseTask, task_id)
        assert task is not None
        opened.append(task)
        await record(session, case, "task_opened", at=now, details={
            "task_id": task.id, "task": task.code, "due_at": task.due_at.isoformat(), "owner_id": task.owner_id,
            "owner_department": task.owner_department,
        })
    return opened


async def open_required(*, session: AsyncSession, case: Case) -> list[CaseTask]:
    """Open the tasks the playbook requires for the case's labels (none for a case that is not safety).

    Deadlines run from when the customer told us, not from when the case was routed.
    """
    return await _open(session, case, required_tasks(case), since=case.received_at)


async def open_hazard(*, session: AsyncSession, case: Case, hazard: str, at: datetime) -> list[CaseTask]:
    """Staff found a hazard on the case (or it appeared later): its template's removal tasks, due from now."""
    if hazard not in case.hazards:
        case.hazards = [*case.hazards, hazard]
    opened = await _open(session, case, HAZARD_TEMPLATES[hazard].tasks, since=at, now=at)
    await announce(session=session, case=case, tasks=opened)
    return opened


async def announce(*, session: AsyncSession, case: Case, tasks: Iterable[CaseTask]) -> None:
    for task in tasks:
        await outbox.add(session, CaseTaskOpened(
            case_id=case.id, occurred_at=task.created_at, task_id=task.id, task=task.code, due_at=task.due_at,
            owner_department=task.owner_department, owner_id=task.owner_id,
        ))


async def tasks_of(*, session: AsyncSession, case_id: str) -> list[CaseTask]:
    return list((await session.scalars(
        select(CaseTask).where(CaseTask.case_id == case_id).order_by(CaseTask.due_at, CaseTask.code)
    )).all())


async def open_tasks(*, session: AsyncSession, case_id: str) -> list[CaseTask]:
    return [t for t in await tasks_of(session=session, case_id=case_id) if t.status == "open"]


async def complete(
    *, session: AsyncSession, case: Case, task_ref: str, by: str, details: dict[str, Any], outcome: str = "done",
    at: datetime | None = None,
) -> CaseTask:
    """Mark a task done (with what it must record); recording the illness keeps the number ill on the case."""
    task = await session.scalar(
        select(CaseTask).where(CaseTask.case_id == case.id, (CaseTask.id == task_ref) | (CaseTask.code == task_ref))
        .with_for_update()
    )
    if task is None:
        raise NotFound("task", f"{task_ref} of case {case.number}")
    if task.status != "open":
        raise Problem(409, "Conflict", f"task {task.code} is already {task.status}",
                      type_="https://closeloop.dev/problems/conflict", task=task.code, task_status=task.status)
    if outcome == "done":
        problem = missing_details(task.code, details)
        if problem:
            raise Problem(422, "Invalid request", f"invalid fields: details: {problem}",
                          type_="https://closeloop.dev/problems/invalid-request",
                          errors=[{"field": "details", "message": problem, "type": "task"}])
    now = at or datetime.now(UTC)
    task.status = outcome
    task.details = details
    task.completed_at = now
    task.completed_by = by
    await record(session, case, "task_completed", actor=by, at=now,
                 details={"task_id": task.id, "task": task.code, "outcome": outcome, "details": details})
    await outbox.add(session, CaseTaskCompleted(case_id=case.id, occurred_at=now, task_id=task.id, task=task.code,
                                                outcome=outcome, by=by))  # type: ignore[arg-type]
    if outcome == "done" and task.code == RECORD_ILLNESS.code:
        case.ill_count = int(details["ill_count"])  # type: ignore[call-overload]
    return task


async def cancel_not_required(*, session: AsyncSession, case: Case, by: str) -> list[CaseTask]:
    """After a reclassification, tasks the new labels no longer require are cancelled, not left to block closing."""
    keep = {r.code for r in required_tasks(case)}
    cancelled = []
    for task in await open_tasks(session=session, case_id=case.id):
        if task.code not in keep:
            cancelled.append(await complete(session=session, case=case, task_ref=task.id, by=by, details={},
                                            outcome="cancelled"))
    return cancelled
