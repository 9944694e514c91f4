from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


class ContactOut(BaseModel):
    id: str
    channel: str
    direction: str
    purpose: str
    outcome: str
    staff_id: str
    at: datetime
    summary: str | None = Field(description="What was said; phones and e-mails masked without pii:read.")
    template_id: str | None
    message_id: str | None
