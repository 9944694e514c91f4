"""What every path that changes a case shares: moving it through the state machine, raising its urgency,
and finding cases for the queues."""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Select, and_, delete, exists, func, or_, select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.contracts.case import CaseStatusChanged, CaseUrgencyRaised
from closeloop.problems import NotFound, Problem
from routing.cases.models import Case, FeedbackLink, TimelineEntry
from routing.cases.opening.raising import raised
from routing.cases.states import OPEN_STATUSES, next_status
from routing.cases.timeline import SYSTEM, record
from routing.db import outbox
from routing.incidents.models import IncidentCase
from routing.learning.models import Correction
from routing.procedures.service import adopt


async def locked(*, session: AsyncSession, case_id: str) -> Case:
    """The case, locked for this unit of work: concurrent actions on one case apply one after another."""
    case = await session.get(Case, case_id, with_for_update=True, populate_existing=True)
    if case is None:
        raise NotFound("case", case_id)
    return case


async def find_case(*, session: AsyncSession, case_id: str) -> Case:
    """The case, or 404: the one lookup every case-scoped resource (contacts, reports, messages) starts from."""
    case = await session.get(Case, case_id)
    if case is None:
        raise NotFound("case", case_id)
    return case


async def case_of_feedback(*, session: AsyncSession, feedback_id: str) -> Case | None:
    """The case a feedback opened or was merged into."""
    case = await session.scalar(select(Case).where(Case.feedback_id == feedback_id))
    if case is not None:
        return case
    return await session.scalar(
        select(Case).join(FeedbackLink, FeedbackLink.case_id == Case.id).where(FeedbackLink.feedback_id == feedback_id)
    )


async def move(
    *, session: AsyncSession, case: Case, action: str, by: str | None, at: datetime | None = None
) -> bool:
    """Apply ``action``'s transition; records and announces a change of status. False when it stays put."""
    target = next_status(case.status, action)
    if target == case.status:
        return False
    now = at or datetime.now(UTC)
    previous = case.status
    case.status = target
    case.updated_at = now
    await record(session, case, "status_changed", actor=by or SYSTEM, at=now,
                 details={"from": previous, "to": str(target), "action": action})
    await outbox.add(
        session,
        CaseStatusChanged(case_id=case.id, occurred_at=now, from_status=previous, to_status=target,  # type: ignore[arg-type]
                          action=action, by=by),
    )
    return True


async def raise_urgency(
    *, session: AsyncSession, case: Case, reason: str, incident_id: str | None = None, announce: bool = True
) -> bool:
    """Apply one raising rule; records it and (for a case already announced) publishes the new urgency."""
    target = raised(case.urgency, reason)
    if reason not in case.raised_by:
        case.raised_by = [*case.raised_by, reason]
    if target == case.urgency:
        return False
    previous = case.urgency
    case.set_urgency(target)
    now = datetime.now(UTC)
    case.updated_at = now
    if case.procedure_id is not None:  # an open case follows its new urgency's procedure
        await adopt(session=session, case=case)
    await record(session, case, "urgency_raised", at=now,
                 details={"from": previous, "to": target, "reason": reason, "incident_id": incident_id})
    if announce:
        await outbox.add(
            session,
            CaseUrgencyRaised(case_id=case.id, occurred_at=now, urgency=target, previous_urgency=previous,  # type: ignore[arg-type]
                              reasons=[reason], incident_id=incident_id),
        )
    return True


@dataclass(frozen=True)
class QueueFilter:
    feedback_id: str | None = None
    number: str | None = None
    statuses: Sequence[str] = ()
    department: str | None = None
    store_id: str | None = None
    urgency: str | None = None
    category: str | None = None
    assignee: str | None = None
    unassigned: bool = False
    breached: bool | None = None
    open_only: bool = False
    incident_id: str | None = None
    visible_stores: frozenset[str] | None = None


ORDERS = {
    "newest": (Case.opened_at.desc(), Case.id.desc()),
    "priority": (Case.urgency_rank.asc(), Case.opened_at.asc(), Case.id.asc()),
}


class BadCursor(Problem):
    def __init__(self) -> None:
        super().__init__(400, "Bad cursor", "the cursor is not one this API handed out; start again without it")


def _cursor_of(case: Case, order: str) -> str:
    key = [case.opened_at.isoformat(), case.id] if order == "newest" else [
        case.urgency_rank, case.opened_at.isoformat(), case.id]
    return base64.urlsafe_b64encode(json.dumps([order, *key]).encode()).decode()


def _after(cursor: str, order: str) -> object:
    try:
        decoded = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        if decoded[0] != order:
            raise BadCursor()
        if order == "newest":
            opened, case_id = datetime.fromisoformat(decoded[1]), str(decoded[2])
            return tuple_(Case.opened_at, Case.id) < tuple_(opened, case_id)
        rank, opened, case_id = int(decoded[1]), datetime.fromisoformat(decoded[2]), str(decoded[3])
        return tuple_(Case.urgency_rank, Case.opened_at, Case.id) > tuple_(rank, opened, case_id)
    except (ValueError, IndexError, TypeError, json.JSONDecodeError) as exc:
        raise BadCursor() from exc


def _filtered(f: QueueFilter) -> Select[tuple[Case]]:
    query = select(Case)
    if f.feedback_id is not None:
        query = query.where(or_(
            Case.feedback_id == f.feedback_id,
            exists().where(FeedbackLink.case_id == Case.id, FeedbackLink.feedback_id == f.feedback_id),
        ))
    if f.number is not None:
        query = query.where(Case.number == f.number)
    if f.statuses:
        query = query.where(Case.status.in_(f.statuses))
    if f.open_only:
        query = query.where(Case.status.in_(OPEN_STATUSES))
    if f.department is not None:
        query = query.where(Case.department == f.department)
    if f.store_id is not None:
        query = query.where(Case.store_id == f.store_id)
    if f.urgency is not None:
        query = query.where(Case.urgency == f.urgency)
    if f.category is not None:
        query = query.where(Case.category == f.category)
    if f.unassigned:
        query = query.where(Case.assignee_id.is_(None))
    elif f.assignee is not None:
        query = query.where(or_(Case.assignee_id == f.assignee, Case.watchers.contains([f.assignee])))
    if f.breached is not None:
        query = query.where(Case.breached.is_(f.breached))
    if f.incident_id is not None:
        query = query.where(
            exists().where(and_(IncidentCase.case_id == Case.id, IncidentCase.incident_id == f.incident_id))
        )
    if f.visible_stores is not None:
        query = query.where(Case.store_id.in_(f.visible_stores))
    return query


async def queue(
    *, session: AsyncSession, filter: QueueFilter, order: str = "newest", cursor: str | None = None, limit: int = 50
) -> tuple[list[Case], str | None]:
    """One page of cases and the cursor of the next page (None at the end)."""
    query = _filtered(filter).order_by(*ORDERS[order]).limit(limit + 1)
    if cursor:
        query = query.where(_after(cursor, order))  # type: ignore[arg-type]
    rows = list((await session.scalars(query)).all())
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, (_cursor_of(rows[-1], order) if more and rows else None)


async def count(*, session: AsyncSession, filter: QueueFilter) -> int:
    return int(await session.scalar(select(func.count()).select_from(_filtered(filter).subquery())) or 0)


async def erase_personal_data(*, session: AsyncSession, feedback_id: str, customer_id: str | None) -> Case | None:
    """The customer's personal data was erased at intake (PIPL): drop routing's copies of it too: the words of
    the feedback, the masked phone and the phone hash, callback comments, and the corrections built on the text."""
    case = await case_of_feedback(session=session, feedback_id=feedback_id)
    link = await session.get(FeedbackLink, feedback_id)
    if link is not None:
        link.customer = {"customer_id": None}
    if case is None:
        return None
    case = await locked(session=session, case_id=case.id)
    if case.feedback_id == feedback_id:
        case.content_sealed = None
        case.customer_masked_phone = None
        case.customer_key = None
        case.customer = {"customer_id": case.customer_id, "tier": case.customer_tier}
        await session.execute(delete(Correction).where(Correction.case_id == case.id))
        await session.execute(
            update(TimelineEntry).where(TimelineEntry.case_id == case.id, TimelineEntry.entry == "callback")
            .values(text_sealed=None)
        )
    await record(session, case, "personal_data_erased", details={"feedback_id": feedback_id,
                                                                  "customer_id": customer_id})
    return case
