from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

SectionText = Annotated[str, Field(max_length=20000)]


class DraftIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sections: dict[str, SectionText] = Field(description="Section key → text; sections not named keep their text.")


class SectionOut(BaseModel):
    key: str
    title: str
    required: bool
    text: str = Field(description="What the author wrote, else the pre-filled suggestion (masked without pii:read).")
    prefilled: bool


class ReviewOut(BaseModel):
    reviewer: str
    role: str | None
    verdict: str
    comment: str | None
    reopened_handling: bool
    at: datetime


class ReportOut(BaseModel):
    id: str
    case_id: str
    case_number: str
    kind: str
    title: str
    status: str
    sections: list[SectionOut]
    submitted_at: datetime | None
    submitted_by: str | None
    reviewed_at: datetime | None
    reviewed_by: str | None
    approved_at: datetime | None
    approved_by: str | None
    times_returned: int
    reviews: list[ReviewOut]
    waiting_for: str | None = Field(description="Whose step is next: author, supervisor or manager; None once approved.")
