"""Case API: queues, one case, its timeline, and the actions staff take on it."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Body, Header, Path, Query
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.auth import AuthenticatedPrincipal, Principal, require_scopes
from closeloop.db import SessionDep
from closeloop.problems import NotFound
from routing.cases import service
from routing.cases.actions import service as actions
from routing.cases.actions.authority import actor_of, authorise, check_store, forbidden
from routing.cases.actions.schemas import STEP_ACTIONS, Action
from routing.cases.models import Case, FeedbackLink, TimelineEntry
from routing.cases.schemas import (
    CaseDetail, CaseOut, CasePage, CustomerOut, IncidentRef, ReportRef, TaskOut, TimelineEntryOut,
)
from routing.cases.states import Status, allowed_actions
from routing.incidents.service import incidents_of
from routing.personal_data import shown, unseal
from routing.procedures.progress import progress_of
from routing.reports.service import reports_of
from routing.wall_time import NowDep
from routing.settings import Settings, SettingsDep
from routing.tasks.service import tasks_of

router = APIRouter(prefix="/v1/cases", tags=["cases"])
CaseId = Annotated[str, Path(max_length=36)]
read = [require_scopes("case:read")]


def case_out(case: Case) -> CaseOut:
    return CaseOut(
        id=case.id, number=case.number, feedback_id=case.feedback_id, feedback_number=case.feedback_number,
        store_id=case.store_id, region_id=case.region_id, channel=case.channel, status=case.status,
        category=case.category, subcategory=case.subcategory, urgency=case.urgency,
        classified_urgency=case.classified_urgency, raised_by=case.raised_by, kind=case.kind,
        sentiment=case.sentiment, theme_words=case.theme_words, confidence=case.confidence,
        classifier_version=case.classifier_version, department=case.department,
        routing_rule_id=case.routing_rule_id, assignee=case.assignee_id, watchers=list(case.watchers),
        escalation_level=case.escalation_level, breached=case.breached, breached_clocks=case.breached_clocks,
        repeat_of=case.repeat_of, reopen_count=case.reopen_count,
        first_contact_resolution=case.first_contact_resolution, satisfied=case.satisfied, csat=case.csat,
        nps=case.nps, loop_confirmed=case.loop_confirmed,
        customer=CustomerOut(customer_id=case.customer_id, masked_phone=case.customer_masked_phone,
                             tier=case.customer_tier),
        received_at=case.received_at, opened_at=case.opened_at, acknowledged_at=case.acknowledged_at,
        resolved_at=case.resolved_at, closed_at=case.closed_at, updated_at=case.updated_at,
    )


async def case_detail(
    *, session: AsyncSession, case: Case, principal: AuthenticatedPrincipal, settings: Settings, now: datetime
) -> CaseDetail:
    pii = principal.has("pii:read")
    procedure = await progress_of(session=session, case=case, now=now)
    steps = {s.step for s in procedure.steps}
    duplicates = await session.scalars(
        select(FeedbackLink.feedback_id).where(FeedbackLink.case_id == case.id).order_by(FeedbackLink.received_at)
    )
    return CaseDetail(
        **case_out(case).model_dump(),
        content=shown(unseal(settings, case.content_sealed), may_read_personal_data=pii),
        resolution=shown(unseal(settings, case.resolution_sealed), may_read_personal_data=pii),
        explanation=case.explanation, items=case.items, duplicates=list(duplicates.all()),
        tasks=[TaskOut.model_validate(t, from_attributes=True) for t in await tasks_of(session=session, case_id=case.id)],
        incidents=[IncidentRef.model_validate(i, from_attributes=True)
                   for i in await incidents_of(session=session, case_id=case.id)],
        allowed_actions=[a for a in allowed_actions(case.status) if a not in STEP_ACTIONS or a in steps],
        procedure=procedure, liaison=case.liaison_id, hazards=list(case.hazards), ill_count=case.ill_count,
        waiting_since=case.waiting_since,
        reports=[ReportRef(kind=r.kind, status=r.status) for r in await reports_of(session=session, case_id=case.id)],
    )


@router.get("", dependencies=read)
async def list_cases(
    session: SessionDep,
    principal: Principal,
    feedback_id: str | None = None,
    number: str | None = None,
    status: Annotated[list[Status] | None, Query(description="Repeat for several.")] = None,
    department: str | None = None,
    store_id: str | None = None,
    urgency: Literal["urgent", "important", "general", "minor"] | None = None,
    category: Literal["service", "product", "environment", "safety", "other"] | None = None,
    assignee: Annotated[str | None, Query(description="A staff id, `me`, or `none` for the department queue.")] = None,
    breached: bool | None = None,
    open_only: Annotated[bool, Query(alias="open", description="Only cases still being handled.")] = False,
    incident_id: str | None = None,
    order: Literal["newest", "priority"] = "newest",
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> CasePage:
    """A queue: filter by status, department, store, urgency, assignee, breach; page with the cursor."""
    if store_id is not None and not principal.may_see_store(store_id):
        raise forbidden(f"store {store_id} is outside the stores of your token", store_id=store_id)
    rows, next_cursor = await service.queue(
        session=session, order=order, cursor=cursor, limit=limit,
        filter=service.QueueFilter(
            feedback_id=feedback_id, number=number, statuses=[str(s) for s in status or []], department=department,
            store_id=store_id, urgency=urgency, category=category,
            assignee=principal.subject if assignee == "me" else assignee, unassigned=assignee == "none",
            breached=breached, open_only=open_only, incident_id=incident_id, visible_stores=principal.store_ids,
        ),
    )
    return CasePage(items=[case_out(c) for c in rows], next_cursor=next_cursor)


async def _visible(session: AsyncSession, case_id: str, principal: AuthenticatedPrincipal) -> Case:
    case = await session.get(Case, case_id)
    if case is None:
        raise NotFound("case", case_id)
    check_store(principal, case)
    return case


@router.get("/{case_id}", dependencies=read)
async def get_case(case_id: CaseId, session: SessionDep, principal: Principal, settings: SettingsDep,
                   now: NowDep) -> CaseDetail:
    case = await _visible(session, case_id, principal)
    return await case_detail(session=session, case=case, principal=principal, settings=settings, now=now)


@router.get("/{case_id}/timeline", dependencies=read)
async def get_timeline(
    case_id: CaseId, session: SessionDep, principal: Principal, settings: SettingsDep
) -> list[TimelineEntryOut]:
    """Every event in the case's life, oldest first, with who did it."""
    await _visible(session, case_id, principal)
    pii = principal.has("pii:read")
    rows = await session.scalars(
        select(TimelineEntry).where(TimelineEntry.case_id == case_id).order_by(TimelineEntry.id)
    )
    return [
        TimelineEntryOut(at=r.at, actor=r.actor, entry=r.entry, details=r.details,
                         text=shown(unseal(settings, r.text_sealed), may_read_personal_data=pii))
        for r in rows
    ]


@router.post("/{case_id}/actions", dependencies=[require_scopes("case:write")])
async def act(
    case_id: CaseId,
    action: Annotated[Action, Body(openapi_examples={
        "acknowledge": {"value": {"type": "acknowledge"}},
        "resolve": {"value": {"type": "resolve", "resolution": "Refunded and apologised", "first_contact": True}},
        "callback": {"value": {"type": "callback", "satisfied": False, "csat": 2, "comment": "still waiting"}},
        "reclassify": {"value": {"type": "reclassify", "category": "safety", "subcategory": "food_safety",
                                 "urgency": "urgent"}},
    })],
    session: SessionDep,
    principal: Principal,
    settings: SettingsDep,
    now: NowDep,
    idempotency_key: Annotated[str | None, Header(max_length=128)] = None,
) -> CaseDetail:
    """Apply one action; 409 with the reason when the case's status (or its procedure) does not allow it."""
    actor = actor_of(principal)
    async with session.begin():
        case = await service.locked(session=session, case_id=case_id)
        authorise(principal, actor, case, action.type)
        if not await actions.already_done(session=session, case=case, idempotency_key=idempotency_key):
            await actions.perform(session=session, case=case, action=action, actor=actor, settings=settings,
                                  idempotency_key=idempotency_key, at=now)
    return await case_detail(session=session, case=case, principal=principal, settings=settings, now=now)
