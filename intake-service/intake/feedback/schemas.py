from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from closeloop.contracts.feedback import Channel, Kind


class FeedbackIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    channel: Channel
    store_id: str = Field(min_length=1, max_length=32, examples=["S001"])
    content: str = Field(min_length=1, max_length=5000, examples=["收银员态度很差,找零还扔在台面上"])
    kind: Kind | None = None


class FeedbackOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    number: str
    channel: str
    store_id: str
    content: str
    kind: str | None
    status: Literal["received", "merged"] | str
    received_at: datetime
