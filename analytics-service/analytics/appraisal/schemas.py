from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from analytics.kpis.schemas import Figures


class Scorecard(BaseModel):
    key: str = Field(description="The assignee id or department ('' = cases with none yet).")
    rank: int = Field(description="Rank by SQS, best first (ties share the order of volume).")
    figures: Figures


class Appraisal(BaseModel):
    start: date
    end: date
    level: Literal["assignee", "department"]
    attribution: str = Field(
        default="A case counts for its current department and assignee (the latest assignment), with the same "
        "period rules as /v1/kpis.",
    )
    scorecards: list[Scorecard]
