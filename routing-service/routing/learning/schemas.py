from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict


class VersionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    status: str
    created_at: datetime
    activated_at: datetime | None
    based_on: str | None
    training_examples: int
    corrections_used: int
    holdout_examples: int
    metrics: dict[str, Any]
    baseline_metrics: dict[str, Any]
    decision: str | None


class CorrectionOut(BaseModel):
    id: str
    case_id: str
    text: str | None
    channel: str | None
    classifier_version: str
    predicted: dict[str, Any]
    corrected: dict[str, Any]
    by: str
    reason: str | None
    created_at: datetime


class RetrainOut(BaseModel):
    version: VersionOut
    activated: bool
    baseline_version: str
