from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from closeloop.contracts.case import Urgency
from closeloop.contracts.feedback import Channel, Tier

Signal = str  # a case event reduced to a name: opened, acknowledged, resolved, reopened, pause, plan_started, ...
_NAME = r"^[a-z][a-z0-9_:.]*$"


class ClockSpec(BaseModel):
    """One clock a policy starts: which case signals start, stop, pause and resume it, and its target."""

    model_config = ConfigDict(extra="forbid")

    metric: str = Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64, examples=["first_contact"])
    starts_on: Signal = Field(default="opened", pattern=_NAME)
    stops_on: list[Signal] = Field(min_length=1, examples=[["acknowledged"]])
    pauses_on: list[Signal] = ["pause"]
    resumes_on: list[Signal] = ["resume"]
    cancels_on: list[Signal] = ["closed"]
    restarts_on: list[Signal] = Field(
        default=[], description="A periodic clock (progress contacts 過程溝通): a signal that stops a round of it "
        "also starts the next round at once.", examples=[["progress_contact"]],
    )
    unit: Literal["wall", "working_time", "working_days"] = "wall"
    target_seconds: int | None = Field(default=None, gt=0, le=366 * 86400)
    target_working_days: int | None = Field(default=None, gt=0, le=60)
    warn_fraction: float = Field(default=0.75, gt=0, lt=1)
    ladder_id: str | None = Field(default=None, description="Ladder for this clock; default: the store's ladder.")
    repeats: bool = Field(default=False, description="Starts a new round on each start signal once the last ended.")

    @model_validator(mode="after")
    def _target_matches_unit(self) -> ClockSpec:
        if self.unit == "working_days":
            if self.target_working_days is None or self.target_seconds is not None:
                raise ValueError("a working_days clock takes target_working_days and no target_seconds")
        elif self.target_seconds is None or self.target_working_days is not None:
            raise ValueError(f"a {self.unit} clock takes target_seconds and no target_working_days")
        if set(self.restarts_on) - set(self.stops_on):
            raise ValueError("restarts_on names signals that stop the clock: it starts the next round of one it stops")
        if self.restarts_on and not self.repeats:
            raise ValueError("a clock that restarts_on a signal must repeat (repeats: true)")
        for name in (*self.stops_on, *self.pauses_on, *self.resumes_on, *self.cancels_on):
            if not name or len(name) > 64:
                raise ValueError(f"signal name {name!r} must have 1 to 64 characters")
        return self


class PolicyIn(BaseModel):
    """A policy as written: the clocks of one urgency, optionally narrowed to a store, region, channel or tier."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    urgency: Urgency
    store_id: str | None = Field(default=None, max_length=64)
    region_id: str | None = Field(default=None, max_length=64)
    channel: Channel | None = None
    tier: Tier | None = None
    target_factor: float = Field(default=1.0, gt=0, le=10, description="Multiplies every target (VIP: 0.5).")
    clocks: list[ClockSpec] = Field(min_length=1)

    @model_validator(mode="after")
    def _metrics_unique(self) -> PolicyIn:
        metrics = [c.metric for c in self.clocks]
        duplicated = sorted({m for m in metrics if metrics.count(m) > 1})
        if duplicated:
            raise ValueError(f"each clock metric may appear once; repeated: {', '.join(duplicated)}")
        return self


class PolicyCreate(PolicyIn):
    key: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=100, examples=["general-vip"])


class PolicyOut(PolicyIn):
    model_config = ConfigDict(from_attributes=True, extra="forbid")

    id: str
    key: str
    version: int
    current: bool
    active: bool
    created_at: datetime
    created_by: str | None
