from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from analytics.kpis.schemas import Figures

ScopeKey = Literal["store_id", "region", "department", "category", "channel", "urgency", "kind", "assignee"]
TargetFigure = Literal[
    "timeliness_rate", "satisfaction_rate", "resolution_rate", "closure_rate", "fcr_rate", "escalation_rate",
    "repeat_rate", "volume", "complaints",
]


class InitiativeIn(BaseModel):
    """An improvement project (服務改進項目): what it should move, where, from when."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=200)
    owner_department: str | None = Field(default=None, max_length=64)
    problem: str | None = Field(default=None, max_length=4000, description="The problem statement.")
    theme_words: list[str] = Field(default=[], max_length=50, description="The theme words behind it.")
    scope: dict[ScopeKey, str] = Field(default={}, description="The KPI filters it is judged on, e.g. {\"store_id\": \"S1\"}.")
    start_date: date
    target_figure: TargetFigure
    target_value: float = Field(description="The value the figure should reach (0-1 for rates).")

    @field_validator("scope")
    @classmethod
    def _values_present(cls, scope: dict[str, str]) -> dict[str, str]:
        for key, value in scope.items():
            if not value or len(value) > 64:
                raise ValueError(f"scope {key} must be 1-64 characters")
        return scope


class Initiative(InitiativeIn):
    id: str
    created_by: str | None
    created_at: datetime


class Comparison(BaseModel):
    before_start: date
    before_end: date
    after_start: date
    after_end: date
    before: Figures
    after: Figures
    target_figure: str
    target_value: float
    before_value: float | None
    after_value: float | None
    target_met: bool | None = Field(description="Whether the figure after the start reaches the target.")


class InitiativeWithFigures(Initiative):
    comparison: Comparison = Field(description="The figures in the same number of days before and after the start date, side by side.")
