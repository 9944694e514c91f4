"""Events → facts: one handler for every event type on the topics analytics consumes."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from analytics.facts import service
from analytics.rollups.contributions import Rules
from closeloop.contracts import CloudEvent, registered_events
from closeloop.contracts.envelope import EventPayload
from closeloop.contracts.topics import consumed_by
from closeloop.messaging.consumer import Handler

KPI_EVENTS_IGNORED = ("closeloop.feedback.received.v1",)
"""Types consumed but not counted: the case opened from a feedback carries everything the figures need."""


def handled_types() -> list[str]:
    """Every registered event type on the topics analytics consumes (new types arrive with new contracts)."""
    topics = set(consumed_by("analytics"))
    return [t for t, model in registered_events().items() if model.topic in topics and t not in KPI_EVENTS_IGNORED]


def handlers_for(rules: Rules) -> dict[str, Handler]:
    """The per-event handlers (the consumer's fallback path and the tests' entry point)."""

    async def on_event(session: AsyncSession, event: CloudEvent) -> None:
        await service.apply_events(session=session, events=[(event.type, event.payload())], rules=rules)

    return {event_type: on_event for event_type in handled_types()}


def batch_handler_for(rules: Rules):  # type: ignore[no-untyped-def]
    """The batch path: a poll's events folded in one transaction."""

    async def on_events(session: AsyncSession, events: Sequence[tuple[str, EventPayload]]) -> None:
        await service.apply_events(session=session, events=events, rules=rules)

    return on_events
