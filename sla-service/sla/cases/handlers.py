"""Case events → clocks. Every case event type is handled: the policies decide which ones matter."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.contracts import CloudEvent, registered_events
from closeloop.contracts.case import CaseAssigned, CaseOpened, CaseReclassified, CaseUrgencyRaised
from closeloop.contracts.topics import CASE
from sla.cases import service
from sla.cases.signals import signal_names


async def on_case_opened(session: AsyncSession, event: CloudEvent) -> None:
    payload = event.payload()
    assert isinstance(payload, CaseOpened)
    await service.open_case(session=session, opened=payload, event_id=event.id)


async def on_case_assigned(session: AsyncSession, event: CloudEvent) -> None:
    payload = event.payload()
    assert isinstance(payload, CaseAssigned)
    await service.assign(session=session, assigned=payload, event_id=event.id)


async def on_urgency_changed(session: AsyncSession, event: CloudEvent) -> None:
    payload = event.payload()
    assert isinstance(payload, CaseReclassified | CaseUrgencyRaised)
    await service.change_urgency(
        session=session, case_id=payload.case_id, urgency=payload.urgency, at=payload.occurred_at, event_id=event.id
    )


async def on_case_event(session: AsyncSession, event: CloudEvent) -> None:
    payload = event.payload()
    await service.record_signal(
        session=session, case_id=payload.subject, names=signal_names(event.type, payload),
        at=payload.occurred_at, event_id=event.id,  # type: ignore[attr-defined]
    )


HANDLERS = {event_type: on_case_event for event_type, model in registered_events().items() if model.topic == CASE}
HANDLERS |= {
    CaseOpened.event_type: on_case_opened,
    CaseAssigned.event_type: on_case_assigned,
    CaseReclassified.event_type: on_urgency_changed,
    CaseUrgencyRaised.event_type: on_urgency_changed,
}
