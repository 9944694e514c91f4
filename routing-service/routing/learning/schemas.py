from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from closeloop.contracts.feedback import Channel, Kind, Tier


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


class ClassifyIn(BaseModel):
    """A text to classify without opening a case (partners' previews, measuring)."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=4000)
    channel: Channel | None = None
    store_id: str | None = Field(default=None, max_length=32, description="Given: the routing the case would get.")
    customer_tier: Tier | None = None
    kind: Kind | None = Field(default=None, description="What the customer chose (complaint, suggestion, ...).")


class RoutingPreview(BaseModel):
    department: str
    rule_id: str | None


class ClassificationOut(BaseModel):
    category: str
    subcategory: str | None
    urgency: str
    classified_urgency: str = Field(description="The urgency the words alone give, before the customer's tier.")
    raised_by: list[str]
    kind: str
    sentiment: float
    theme_words: list[str]
    confidence: float | None
    explanation: list[dict[str, Any]]
    version: str
    routing: RoutingPreview | None = None
