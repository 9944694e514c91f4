from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from closeloop.contracts.case import Category, Urgency
from closeloop.contracts.feedback import Channel, Tier

RULE_ID = r"^[a-z0-9][a-z0-9_-]{0,63}$"


class RuleIn(BaseModel):
    """A routing rule: every non-empty condition must hold; empty lists match anything."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    position: int = Field(ge=0, le=1_000_000, description="Rules are tried lowest position first.")
    name: str = Field(min_length=1, max_length=200)
    categories: list[Category] = []
    subcategories: list[str] = Field(default=[], max_length=50)
    urgencies: list[Urgency] = []
    store_ids: list[str] = Field(default=[], max_length=500)
    channels: list[Channel] = []
    tiers: list[Tier] = []
    department_id: str = Field(pattern=r"^[A-Za-z0-9_-]{1,32}$")
    required_skill: str | None = Field(default=None, max_length=32)
    active: bool = True


class RuleOut(RuleIn):
    model_config = ConfigDict(from_attributes=True)

    id: str
    updated_at: datetime


class RoutingPreviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    category: Category
    subcategory: str | None = None
    urgency: Urgency
    store_id: str
    channel: Channel
    tier: Tier | None = None


class RoutingOut(BaseModel):
    department_id: str
    rule_id: str | None = Field(description="None: no rule matched and the default department took it.")
    required_skill: str | None = None
    decided_by: Literal["rule", "default"]
