from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict


class ClockOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    case_id: str
    name: str
    status: str
    target_seconds: int
    started_at: datetime
    due_at: datetime
    stopped_at: datetime | None
