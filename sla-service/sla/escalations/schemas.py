from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Step(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: str = Field(pattern=r"^[a-z][a-z_]*$", examples=["supervisor"])
    after_seconds: int = Field(ge=0, le=30 * 86400, description="After the breach; the first step is the owner.")


class LadderIn(BaseModel):
    """Rungs in order: the first is the clock's owner (warned), the next are asked as time passes after a breach."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    steps: list[Step] = Field(min_length=2)
    repeat_seconds: int | None = Field(default=None, ge=60, description="Remind the top rung this often while breached.")

    @model_validator(mode="after")
    def _ordered(self) -> LadderIn:
        delays = [s.after_seconds for s in self.steps[1:]]
        if delays != sorted(delays):
            raise ValueError("steps must be ordered by after_seconds")
        return self


class LadderCreate(LadderIn):
    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$", max_length=64)


class LadderOut(LadderIn):
    model_config = ConfigDict(from_attributes=True)

    id: str
    updated_at: datetime


class EscalationOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    clock_id: str
    case_id: str
    metric: str
    level: int
    role: str
    store_id: str
    region_id: str | None
    staff_ids: list[str]
    reason: str
    requested_at: datetime
