"""Events sla publishes: clocks (時限) and escalations (升級)."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from closeloop.contracts.envelope import EventPayload
from closeloop.contracts.topics import SLA


class _ClockEvent(EventPayload):
    topic: ClassVar[str] = SLA
    subject_field: ClassVar[str] = "case_id"

    case_id: str
    clock_id: str
    clock: str
    occurred_at: datetime


class ClockStarted(_ClockEvent):
    event_type: ClassVar[str] = "closeloop.sla.clock_started.v1"

    due_at: datetime
    target_seconds: int


class ClockStopped(_ClockEvent):
    event_type: ClassVar[str] = "closeloop.sla.clock_stopped.v1"

    met: bool
    elapsed_seconds: int


class ClockBreached(_ClockEvent):
    event_type: ClassVar[str] = "closeloop.sla.clock_breached.v1"

    due_at: datetime
