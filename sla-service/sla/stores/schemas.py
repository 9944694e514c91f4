from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class OverrideIn(BaseModel):
    """A region's or store's own calendar and ladder; null inherits from above."""

    model_config = ConfigDict(extra="forbid")

    calendar_id: str | None = Field(default=None, max_length=64)
    ladder_id: str | None = Field(default=None, max_length=64)


class OverrideOut(OverrideIn):
    model_config = ConfigDict(from_attributes=True)

    scope: str
    scope_id: str


class StoreOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    store_id: str
    name: str
    region_id: str | None
    timezone: str
    calendar: str
    active: bool
    updated_at: datetime
    effective_calendar_id: str | None = None
    effective_ladder_id: str | None = None
