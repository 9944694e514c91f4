from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict


class CaseOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    feedback_id: str
    feedback_number: str
    store_id: str
    channel: str
    category: str
    subcategory: str | None
    urgency: str
    kind: str
    department: str | None
    status: str
    classifier_version: str
    received_at: datetime
    opened_at: datetime
