"""Events intake publishes: feedback received, merged or erased of personal data, and survey verdicts.

Personal data never appears here: a customer is an id, a masked phone and a keyed hash.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from closeloop.contracts.envelope import EventPayload
from closeloop.contracts.topics import FEEDBACK, SURVEY

Channel = Literal[
    "pos", "app", "web", "wechat", "hotline", "counter", "suggestion_box",
    "review_platform", "email", "sms", "social",
]
Kind = Literal["complaint", "suggestion", "praise", "inquiry"]
Tier = Literal["new", "regular", "vip", "strategic"]


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CustomerRef(_Part):
    """The customer as other services may see them (顧客): no name, phone or e-mail in clear."""

    customer_id: str | None = None
    masked_phone: str | None = Field(default=None, examples=["138****5678"])
    phone_hash: str | None = Field(default=None, description="Keyed HMAC of the normalised phone, for matching.")
    member_id: str | None = None
    tier: Tier | None = None
    special_needs: bool = False


class ItemRef(_Part):
    sku: str | None = None
    name: str | None = None
    batch: str | None = None
    quantity: float | None = None


class Location(_Part):
    floor: str | None = None
    area: str | None = None


class FeedbackReceived(EventPayload):
    """A customer's words, stored and numbered by intake (顧客反饋)."""

    event_type: ClassVar[str] = "closeloop.feedback.received.v1"
    topic: ClassVar[str] = FEEDBACK
    subject_field: ClassVar[str] = "feedback_id"

    feedback_id: str
    number: str = Field(examples=["FB-20261122-000123"])
    channel: Channel
    store_id: str
    content: str
    language: str | None = None
    kind: Kind | None = None
    location: Location | None = None
    occurred_at: datetime | None = None
    received_at: datetime
    rating: int | None = None
    items: list[ItemRef] = []
    customer: CustomerRef = CustomerRef()
    attachment_count: int = 0
    external_ref: str | None = None
    normalized_content: str | None = Field(
        default=None, description="Simplified script, half-width, folded case and spacing: for matching."
    )
    order_ref: str | None = None
    receipt_no: str | None = None
    attachment_ids: list[str] = Field(default=[], description="Evidence, readable at intake's /v1/attachments/{id}.")


class FeedbackMerged(EventPayload):
    """A near-duplicate folded into an earlier feedback's case instead of opening its own."""

    event_type: ClassVar[str] = "closeloop.feedback.merged.v1"
    topic: ClassVar[str] = FEEDBACK
    subject_field: ClassVar[str] = "feedback_id"

    feedback_id: str
    number: str
    duplicate_of: str
    channel: Channel
    store_id: str
    received_at: datetime
    customer: CustomerRef = CustomerRef()
    content: str | None = Field(default=None, description="The duplicate's words, phones and e-mails masked.")
    kind: Kind | None = None
    similarity: float | None = Field(default=None, ge=0, le=100)


class FeedbackPiiErased(EventPayload):
    """A customer's personal data was erased (PIPL right to deletion): drop what you copied of it."""

    event_type: ClassVar[str] = "closeloop.feedback.pii_erased.v1"
    topic: ClassVar[str] = FEEDBACK
    subject_field: ClassVar[str] = "feedback_id"

    feedback_id: str
    customer_id: str
    erased_at: datetime


class SurveyRecorded(EventPayload):
    """The customer's verdict after handling, from a survey or a callback (回訪)."""

    event_type: ClassVar[str] = "closeloop.survey.recorded.v1"
    topic: ClassVar[str] = SURVEY
    subject_field: ClassVar[str] = "feedback_id"

    survey_id: str
    feedback_id: str
    case_id: str | None = None
    store_id: str | None = None
    satisfied: bool | None = None
    resolved: bool | None = None
    csat: int | None = Field(default=None, ge=1, le=5)
    nps: int | None = Field(default=None, ge=0, le=10)
    comment: str | None = None
    recorded_at: datetime
