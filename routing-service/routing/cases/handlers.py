"""Events → cases: feedback opens or joins a case, survey verdicts and sla clocks land on it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.contracts import CloudEvent
from closeloop.contracts.feedback import FeedbackMerged, FeedbackPiiErased, FeedbackReceived, SurveyRecorded
from closeloop.contracts.sla import (
    ClockBreached, ClockPaused, ClockResumed, ClockStarted, ClockStopped, ClockWarned, EscalationRequested,
)
from routing.cases import service as cases
from routing.cases.actions import service as actions
from routing.cases.opening import service as opening
from routing.procedures.service import note_clock
from routing.settings import Settings

Handler = Callable[[AsyncSession, CloudEvent], Awaitable[None]]


def handlers(settings: Settings) -> dict[str, Handler]:
    """The handlers routing registers with its consumer, bound to the service's settings."""

    async def on_feedback_received(session: AsyncSession, event: CloudEvent) -> None:
        payload = event.payload()
        assert isinstance(payload, FeedbackReceived)
        await opening.open_case(session=session, feedback=payload, settings=settings)

    async def on_feedback_merged(session: AsyncSession, event: CloudEvent) -> None:
        payload = event.payload()
        assert isinstance(payload, FeedbackMerged)
        await opening.attach_duplicate(session=session, merged=payload, settings=settings)

    async def on_personal_data_erased(session: AsyncSession, event: CloudEvent) -> None:
        payload = event.payload()
        assert isinstance(payload, FeedbackPiiErased)
        await cases.erase_personal_data(session=session, feedback_id=payload.feedback_id,
                                        customer_id=payload.customer_id)

    async def on_survey_recorded(session: AsyncSession, event: CloudEvent) -> None:
        payload = event.payload()
        assert isinstance(payload, SurveyRecorded)
        await actions.apply_survey(session=session, survey=payload)

    async def on_clock_breached(session: AsyncSession, event: CloudEvent) -> None:
        payload = event.payload()
        assert isinstance(payload, ClockBreached)
        await actions.apply_breach(session=session, breach=payload)
        await note_clock(session=session, event=payload)

    async def on_clock_moved(session: AsyncSession, event: CloudEvent) -> None:
        """sla started, paused, resumed or stopped a clock: the due time a step of the procedure shows."""
        payload = event.payload()
        assert isinstance(payload, ClockStarted | ClockPaused | ClockResumed | ClockStopped)
        await note_clock(session=session, event=payload)

    async def on_clock_warned(session: AsyncSession, event: CloudEvent) -> None:
        payload = event.payload()
        assert isinstance(payload, ClockWarned)
        await actions.apply_warning(session=session, warning=payload)

    async def on_escalation_requested(session: AsyncSession, event: CloudEvent) -> None:
        payload = event.payload()
        assert isinstance(payload, EscalationRequested)
        await actions.apply_escalation(session=session, request=payload)

    return {
        FeedbackReceived.event_type: on_feedback_received,
        FeedbackMerged.event_type: on_feedback_merged,
        FeedbackPiiErased.event_type: on_personal_data_erased,
        SurveyRecorded.event_type: on_survey_recorded,
        ClockBreached.event_type: on_clock_breached,
        ClockWarned.event_type: on_clock_warned,
        ClockStarted.event_type: on_clock_moved,
        ClockPaused.event_type: on_clock_moved,
        ClockResumed.event_type: on_clock_moved,
        ClockStopped.event_type: on_clock_moved,
        EscalationRequested.event_type: on_escalation_requested,
    }
