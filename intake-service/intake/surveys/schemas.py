from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, model_validator


class SurveyIn(BaseModel):
    """The customer's verdict after handling (回訪/滿意度調查); at least one answer besides the token."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"token": "sv1.<feedback id>.1.<signature>", "satisfied": True, "csat": 5, "nps": 9,
                          "resolved": True, "comment": "处理很及时，谢谢"}]
        },
    )

    token: str = Field(min_length=10, max_length=200, description="From the feedback's receipt or a survey link.")
    satisfied: bool | None = None
    resolved: bool | None = None
    csat: int | None = Field(default=None, ge=1, le=5)
    nps: int | None = Field(default=None, ge=0, le=10)
    comment: str | None = Field(default=None, max_length=2000)

    @model_validator(mode="after")
    def _answers_something(self) -> SurveyIn:
        if all(v is None for v in (self.satisfied, self.resolved, self.csat, self.nps, self.comment)):
            raise ValueError("a survey response needs at least one answer")
        return self


class SurveyOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    feedback_id: str
    satisfied: bool | None
    resolved: bool | None
    csat: int | None
    nps: int | None
    comment: str | None
    recorded_at: datetime


class SurveyTokenOut(BaseModel):
    feedback_id: str
    round: int
    token: str
