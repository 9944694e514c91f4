"""Events sla publishes: clocks (時限) and escalations (升級).

Every event names the clock by its metric (``clock``: first_contact, resolution, callback, ...), the
case and its store, never a customer. ``occurred_at`` is when the thing happened in the clock's life
(a breach occurs at the due time, whenever the timer noticed it).
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar, Literal

from pydantic import Field

from closeloop.contracts.envelope import EventPayload
from closeloop.contracts.topics import SLA

ClockUnit = Literal["wall", "working_time", "working_days"]
ClockOutcome = Literal["met", "breached", "cancelled"]


class _ClockEvent(EventPayload):
    topic: ClassVar[str] = SLA
    subject_field: ClassVar[str] = "case_id"

    case_id: str
    clock_id: str
    clock: str = Field(description="The clock's metric: first_contact, emergency_plan, resolution, callback, ...")
    occurred_at: datetime
    store_id: str | None = None
    region_id: str | None = None
    round: int = Field(default=1, description="2 and up: the clock started again (a callback after a reopen).")


class ClockStarted(_ClockEvent):
    event_type: ClassVar[str] = "closeloop.sla.clock_started.v1"

    due_at: datetime
    target_seconds: int
    warning_at: datetime | None = None
    unit: ClockUnit = "wall"
    calendar: str | None = Field(default=None, description="The business calendar's id; None for wall time.")
    policy_id: str | None = None
    policy_version: int | None = None


class ClockWarned(_ClockEvent):
    """The clock passed its warning threshold (default 75% of its target) and is still running."""

    event_type: ClassVar[str] = "closeloop.sla.clock_warned.v1"

    due_at: datetime
    assignee_id: str | None = None


class ClockPaused(_ClockEvent):
    """Waiting on the customer: the clock stops counting until it resumes."""

    event_type: ClassVar[str] = "closeloop.sla.clock_paused.v1"

    paused_seconds: int = Field(description="Paused time accumulated before this pause, in the clock's counted time.")


class ClockResumed(_ClockEvent):
    event_type: ClassVar[str] = "closeloop.sla.clock_resumed.v1"

    due_at: datetime
    paused_seconds: int


class ClockStopped(_ClockEvent):
    event_type: ClassVar[str] = "closeloop.sla.clock_stopped.v1"

    met: bool
    elapsed_seconds: int
    outcome: ClockOutcome | None = Field(default=None, description="met, breached, or cancelled (case closed or merged).")
    due_at: datetime | None = None
    paused_seconds: int = 0


class ClockBreached(_ClockEvent):
    event_type: ClassVar[str] = "closeloop.sla.clock_breached.v1"

    due_at: datetime
    assignee_id: str | None = None


class EscalationRequested(_ClockEvent):
    """A slipping clock climbed a rung of its ladder: someone in `role` must act now."""

    event_type: ClassVar[str] = "closeloop.sla.escalation_requested.v1"

    escalation_id: str
    level: int = Field(description="Rung of the ladder: 0 assignee, 1 supervisor (客服主管), 2 manager (行政經理), ...")
    role: str
    staff_ids: list[str] = Field(default=[], description="Who holds that role for the store, when sla knows.")
    reason: Literal["breached", "climbed", "reminder"]
    due_at: datetime
