"""Events analytics publishes for analysts: a daily snapshot of the figures."""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

from closeloop.contracts.envelope import EventPayload
from closeloop.contracts.topics import KPI


class KpiSnapshot(EventPayload):
    event_type: ClassVar[str] = "closeloop.kpi.snapshot.v1"
    topic: ClassVar[str] = KPI
    subject_field: ClassVar[str] = "period"

    period: date
    scope: str = "chain"
    figures: dict[str, float | int | None]
    computed_at: datetime
