from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class ClockOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    case_id: str
    store_id: str
    metric: str
    round: int
    unit: str
    target_seconds: int
    target_working_days: int | None
    calendar: str = Field(description="'wall', or the id of the business calendar the clock counts on.")
    started_at: datetime
    due_at: datetime
    warning_at: datetime | None
    warned_at: datetime | None
    paused_at: datetime | None
    paused_seconds: float
    status: str
    breached_at: datetime | None
    stopped_at: datetime | None
    escalation_level: int
    policy_id: str
    policy_version: int

    @classmethod
    def of(cls, clock: Any) -> ClockOut:
        return cls.model_validate({**{k: getattr(clock, k) for k in cls.model_fields if k != "calendar"},
                                   "calendar": clock.calendar_id or "wall"})


class LedgerEntryOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    kind: str
    at: datetime
    detail: dict[str, Any]


class ClockDetail(ClockOut):
    ledger: list[LedgerEntryOut]


class CaseSummary(BaseModel):
    """A case's SLA at a glance: every clock, how many breached, and first and total resolution times."""

    case_id: str
    urgency: str | None
    clocks: list[ClockOut]
    breached: int
    escalations: int
    first_resolution_seconds: int | None
    total_resolution_seconds: int | None
    reopen_count: int
