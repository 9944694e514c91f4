from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


class MessageOut(BaseModel):
    id: str
    case_id: str | None
    audience: str
    purpose: str
    channel: str
    recipient: str
    language: str | None
    template_ids: list[str]
    body: str = Field(description="What was (or will be) sent; phones and e-mails masked without pii:read.")
    status: str
    attempts: int
    adapter: str | None
    sent_at: datetime | None
    last_error: str | None
    created_at: datetime
