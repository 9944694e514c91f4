"""Turning feedback into a case: exactly one case per feedback, classified, raised, linked, routed and assigned
in one transaction with the events that announce it."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.contracts.case import CaseAssigned, CaseDuplicateAttached, CaseOpened
from closeloop.contracts.feedback import CustomerRef, FeedbackMerged, FeedbackReceived
from routing.assignment.service import pick, pick_supervisor
from routing.cases.models import Case, FeedbackLink
from routing.cases.opening.classification import Labels, classify
from routing.cases.opening.numbering import next_number
from routing.cases.opening.raising import tier_reason
from routing.cases.service import case_of_feedback, raise_urgency
from routing.cases.states import Status
from routing.cases.timeline import record
from routing.contacts.service import auto_reply
from routing.db import outbox
from routing.incidents.service import VAGUE, link_group_complaint, link_product_incidents, linked_event
from routing.learning.service import active_model
from routing.metrics import CASES_OPENED, CLASSIFY_SECONDS
from routing.org.models import Staff, Store
from routing.personal_data import seal
from routing.procedures.service import adopt
from routing.rules.matching import CaseFacts
from routing.rules.service import route
from routing.settings import Settings
from routing.tasks.service import announce as announce_tasks
from routing.tasks.hazards import hazards_in
from routing.tasks.service import open_required
from routing.work_group.announcements import alert_supervisor, announce


def customer_key(customer: CustomerRef) -> str | None:
    """Who the customer is for repeat and group rules: their id, else the keyed hash of their phone."""
    if customer.customer_id:
        return f"id:{customer.customer_id}"
    if customer.phone_hash:
        return f"phone:{customer.phone_hash}"
    return None


async def open_case(
    *, session: AsyncSession, feedback: FeedbackReceived, settings: Settings, labels: Labels | None = None
) -> Case:
    """One case per feedback: a feedback seen before returns its existing case and announces nothing."""
    existing = await session.scalar(select(Case).where(Case.feedback_id == feedback.feedback_id))
    if existing is not None:
        return existing
    if labels is None:
        model = await active_model(session=session)
        with CLASSIFY_SECONDS.time():
            labels = await asyncio.to_thread(
                classify, feedback.content, channel=feedback.channel, kind_hint=feedback.kind, model=model
            )
    now = datetime.now(UTC)
    store = await session.get(Store, feedback.store_id)
    case = Case(
        number=await next_number(session=session, at=now, timezone=settings.case_number_timezone),
        feedback_id=feedback.feedback_id, feedback_number=feedback.number, store_id=feedback.store_id,
        region_id=store.region_id if store else None, channel=feedback.channel,
        content_sealed=seal(settings, feedback.content), language=feedback.language,
        customer_id=feedback.customer.customer_id, customer_key=customer_key(feedback.customer),
        customer_masked_phone=feedback.customer.masked_phone, customer_tier=feedback.customer.tier,
        customer=feedback.customer.model_dump(mode="json"),
        items=[i.model_dump(mode="json", exclude_none=True) for i in feedback.items],
        category=labels.category, subcategory=labels.subcategory, classified_urgency=labels.urgency,
        kind=labels.kind, sentiment=labels.sentiment, theme_words=list(labels.theme_words),
        confidence=labels.confidence, explanation=list(labels.explanation), classifier_version=labels.version,
        raised_by=[], watchers=[], breached_clocks=[], departments_concerned=[], hazards=[], status=Status.NEW, received_at=feedback.received_at,
        opened_at=now, updated_at=now,
    )
    case.set_urgency(labels.urgency)
    session.add(case)
    await session.flush()
    await record(session, case, "opened", at=now, details={
        "feedback_id": feedback.feedback_id, "feedback_number": feedback.number, "channel": feedback.channel,
        "category": case.category, "subcategory": case.subcategory, "urgency": case.urgency, "kind": case.kind,
        "confidence": case.confidence, "classifier_version": case.classifier_version,
        "explanation": case.explanation,
    })

    await _apply_customer_rules(session, case, settings)
    group = await link_group_complaint(
        session=session, case=case, window=timedelta(minutes=settings.group_complaint_window_minutes),
        min_customers=settings.group_complaint_min_customers,
    )
    products = await link_product_incidents(
        session=session, case=case, window=timedelta(days=settings.product_incident_window_days),
        min_cases=settings.product_incident_min_cases,
    )

    routing = await route(
        session=session, default_department=settings.default_department,
        facts=CaseFacts(category=case.category, subcategory=case.subcategory, urgency=case.urgency,
                        store_id=case.store_id, channel=case.channel, tier=case.customer_tier),
    )
    case.department = routing.department_id
    case.routing_rule_id = routing.rule_id
    await record(session, case, "routed", details={"department": routing.department_id, "rule_id": routing.rule_id})
    person = await _first_assignee(session, case, settings, required_skill=routing.required_skill)
    if person is not None:
        case.assignee_id = person.id
        case.status = Status.ASSIGNED
    await record(session, case, "assigned" if person else "queued", details={
        "department": case.department, "assignee_id": case.assignee_id, "role": person.role if person else None,
    })
    procedure = await adopt(session=session, case=case)
    if case.category == "safety":
        case.hazards = hazards_in(feedback.content)
    tasks = await open_required(session=session, case=case)

    await outbox.add(session, CaseOpened(
        case_id=case.id, occurred_at=now, number=case.number, feedback_id=case.feedback_id,
        feedback_number=case.feedback_number, store_id=case.store_id, region_id=case.region_id,
        channel=feedback.channel, received_at=case.received_at, category=case.category,  # type: ignore[arg-type]
        subcategory=case.subcategory, urgency=case.urgency, kind=case.kind,  # type: ignore[arg-type]
        sentiment=case.sentiment, theme_words=case.theme_words, department=case.department,
        classifier_version=case.classifier_version, customer=feedback.customer, status=case.status,  # type: ignore[arg-type]
        assignee_id=case.assignee_id, confidence=case.confidence,
        classified_urgency=case.classified_urgency, raised_by=case.raised_by,  # type: ignore[arg-type]
        routing_rule_id=case.routing_rule_id, items=feedback.items, procedure_version=procedure.version,
    ))
    await outbox.add(session, CaseAssigned(
        case_id=case.id, occurred_at=now, department=case.department, assignee_id=case.assignee_id,
        assignee_role=person.role if person else None, reason=f"routing rule {routing.rule_id or 'default'}",
    ))
    for linking in [group, *products]:
        if linking is not None and any(c.id == case.id for c in linking.linked):
            await outbox.add(session, linked_event(linking.incident, case, case_count=linking.case_count))
    await announce_tasks(session=session, case=case, tasks=tasks)
    await announce(session=session, case=case, settings=settings, at=now)
    if procedure.supervisor_alert:
        await alert_supervisor(session=session, case=case, settings=settings, at=now)
    await auto_reply(session=session, case=case, settings=settings, at=now)
    await _attach_waiting_duplicates(session, case, settings)
    CASES_OPENED.labels(case.category, case.urgency, case.department, "assigned" if person else "queued").inc()
    return case


async def _apply_customer_rules(session: AsyncSession, case: Case, settings: Settings) -> None:
    """A VIP or strategic customer, or a customer complaining about the same problem again, raises the case."""
    reason = tier_reason(case.customer_tier, kind=case.kind, urgency=case.urgency)
    if reason is not None:
        await raise_urgency(session=session, case=case, reason=reason, announce=False)
    if case.customer_key is None or case.kind != "complaint" or case.subcategory in VAGUE:
        return
    earlier = await session.scalar(
        select(Case).where(
            Case.customer_key == case.customer_key, Case.id != case.id, Case.kind == "complaint",
            Case.category == case.category, Case.subcategory.is_not_distinct_from(case.subcategory),
            Case.received_at >= case.received_at - timedelta(days=settings.repeat_complaint_window_days),
            Case.received_at <= case.received_at,
        ).order_by(Case.received_at.desc()).limit(1)
    )
    if earlier is not None:
        case.repeat_of = earlier.id
        await raise_urgency(session=session, case=case, reason="repeat_complaint", announce=False)


async def _first_assignee(
    session: AsyncSession, case: Case, settings: Settings, *, required_skill: str | None
) -> Staff | None:
    """Urgent and important cases go to the store's supervisor first (emergency plan, handling meeting);
    the rest to the least-loaded eligible person of the department; nobody eligible → the queue."""
    assert case.department is not None
    if case.urgency in settings.supervisor_first_urgencies:
        supervisor = await pick_supervisor(session=session, store_id=case.store_id, department_id=case.department)
        if supervisor is not None:
            return supervisor
    return await pick(session=session, store_id=case.store_id, department_id=case.department,
                      required_skill=required_skill)


async def attach_duplicate(*, session: AsyncSession, merged: FeedbackMerged, settings: Settings) -> FeedbackLink:
    """A near-duplicate joins the case of the feedback it duplicates; if that case is not open yet, the
    link waits and the opening picks it up, so the order the two events arrive in does not matter."""
    link = await session.get(FeedbackLink, merged.feedback_id)
    if link is not None:
        return link
    case = await case_of_feedback(session=session, feedback_id=merged.duplicate_of)
    link = FeedbackLink(
        feedback_id=merged.feedback_id, primary_feedback_id=merged.duplicate_of, feedback_number=merged.number,
        channel=merged.channel, customer=merged.customer.model_dump(mode="json"), received_at=merged.received_at,
    )
    session.add(link)
    await session.flush()
    if case is not None:
        await _attach(session, case, [link], settings)
    return link


async def _attach_waiting_duplicates(session: AsyncSession, case: Case, settings: Settings) -> None:
    waiting = list((await session.scalars(
        select(FeedbackLink).where(FeedbackLink.primary_feedback_id == case.feedback_id,
                                   FeedbackLink.case_id.is_(None)).with_for_update()
    )).all())
    if waiting:
        await _attach(session, case, waiting, settings)


async def _attach(session: AsyncSession, case: Case, links: list[FeedbackLink], settings: Settings) -> None:
    now = datetime.now(UTC)
    for link in links:
        link.case_id = case.id
        link.attached_at = now
        await record(session, case, "duplicate_attached", at=now, details={
            "feedback_id": link.feedback_id, "feedback_number": link.feedback_number, "channel": link.channel,
        })
        await outbox.add(session, CaseDuplicateAttached(
            case_id=case.id, occurred_at=now, feedback_id=link.feedback_id, feedback_number=link.feedback_number,
            channel=link.channel, received_at=link.received_at,  # type: ignore[arg-type]
            customer=CustomerRef.model_validate(link.customer),
        ))
    await session.flush()
    await _group_within_case(session, case, settings)


async def _group_within_case(session: AsyncSession, case: Case, settings: Settings) -> None:
    """Duplicates from different identified customers folded into one case are a group complaint too
    (anonymous duplicates may be one person sending twice, so they do not count)."""
    if case.kind != "complaint" or case.status in (Status.RESOLVED, Status.CLOSED):
        return
    customers = {case.customer_key} - {None}
    for link in await session.scalars(select(FeedbackLink).where(FeedbackLink.case_id == case.id)):
        customers.add(customer_key(CustomerRef.model_validate(link.customer)))
    customers.discard(None)
    if len(customers) >= settings.group_complaint_min_customers:
        await raise_urgency(session=session, case=case, reason="group_complaint")

