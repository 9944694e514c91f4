from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field


class BreachCounts(BaseModel):
    start: date
    end: date
    total: int = Field(description="Clock breaches that happened in the period (on the store's local day of the breach).")
    by_clock: dict[str, int]
    by_department: dict[str, int] = Field(description="By the case's current department ('' = none yet).")
    by_store: dict[str, int]


class BreachedCase(BaseModel):
    case_id: str
    store_id: str | None
    department: str | None
    assignee_id: str | None
    category: str | None
    urgency: str | None
    opened_at: datetime | None
    breached_clocks: list[str]
    first_breached_at: datetime | None


class BreachedCases(BaseModel):
    total: int = Field(description="Open cases with at least one clock past its deadline and not stopped.")
    items: list[BreachedCase]
