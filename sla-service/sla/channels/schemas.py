from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl


class ChannelIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    url: HttpUrl
    format: Literal["standard", "wecom", "dingtalk", "slack"] = "standard"
    event_types: list[str] = Field(default=[], description="e.g. clock_breached, escalation_requested; empty: all.")
    roles: list[str] = Field(default=[], description="Ladder roles this channel speaks for; empty: all.")
    store_id: str | None = Field(default=None, max_length=64)
    region_id: str | None = Field(default=None, max_length=64)


class ChannelOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    name: str
    url: str
    format: str
    event_types: list[str]
    roles: list[str]
    store_id: str | None
    region_id: str | None
    status: str
    disabled_reason: str | None
    created_at: datetime


class ChannelCreated(ChannelOut):
    secret: str = Field(description="The signing secret (whsec_...): shown once, at creation.")


class DeliveryOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    event_id: str
    event_type: str
    case_id: str | None
    status: str
    attempts: int
    next_attempt_at: datetime
    last_status: int | None
    last_error: str | None
    delivered_at: datetime | None
    created_at: datetime
