"""What a channel sends and what intake answers; OpenAPI examples included."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from closeloop.contracts.feedback import Channel, Kind
from intake.attachments.schemas import AttachmentOut
from intake.customers.schemas import CustomerIn, CustomerView
from intake.feedback.models import Feedback
from intake.privacy.sealing import Sealer

Status = Literal["received", "merged"]


class LocationIn(BaseModel):
    """Where in the store: floor and area (樓層, 區域)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    floor: str | None = Field(default=None, max_length=32, examples=["B1"])
    area: str | None = Field(default=None, max_length=64, examples=["生鲜区"])


class ItemIn(BaseModel):
    """The goods concerned."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    sku: str | None = Field(default=None, max_length=64, examples=["6901234567890"])
    name: str | None = Field(default=None, max_length=200, examples=["自有品牌原味豆浆 1L"])
    batch: str | None = Field(default=None, max_length=64, description="Batch/lot number.", examples=["L20261120A"])
    quantity: float | None = Field(default=None, gt=0, le=100000)


class FeedbackIn(BaseModel):
    """One customer's feedback from any channel; only ``channel``, ``store_id`` and ``content`` are required."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "channel": "app",
                    "store_id": "S001",
                    "content": "昨天买的豆浆已经过期了，喝了以后肚子不舒服",
                    "kind": "complaint",
                    "occurred_at": "2026-11-21T19:30:00+08:00",
                    "location": {"floor": "1F", "area": "乳品区"},
                    "items": [{"sku": "6901234567890", "name": "原味豆浆 1L", "batch": "L20261101", "quantity": 1}],
                    "customer": {"name": "张三", "phone": "13812345678", "member_id": "M00012345", "tier": "vip"},
                    "receipt_no": "R-0001-20261121-0042",
                    "language": "zh-CN",
                }
            ]
        },
    )

    channel: Channel
    store_id: str = Field(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9_.-]+$", examples=["S001"])
    location: LocationIn | None = None
    content: str = Field(min_length=1, max_length=5000, description="The customer's words, kept exactly as given.")
    kind: Kind | None = None
    occurred_at: datetime | None = Field(
        default=None, description="When it happened; without an offset it is read as the chain's local time."
    )
    rating: int | None = Field(default=None, ge=1, le=5)
    items: list[ItemIn] = Field(default=[], max_length=50)
    customer: CustomerIn | None = None
    order_ref: str | None = Field(default=None, max_length=64)
    receipt_no: str | None = Field(default=None, max_length=64)
    attachments: list[str] = Field(
        default=[], max_length=10, description="Ids returned by POST /v1/attachments; never URLs."
    )
    external_ref: str | None = Field(
        default=None, max_length=128, description="The partner platform's own id; unique per channel."
    )
    language: str | None = Field(default=None, max_length=16, pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")

    @field_validator("content")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("content must not be blank")
        return value

    @field_validator("attachments")
    @classmethod
    def _distinct(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("an attachment is listed twice")
        return value


class FeedbackOut(BaseModel):
    """A feedback as intake holds it; personal data masked unless the caller holds ``pii:read``."""

    id: str
    number: str = Field(examples=["FB-20261122-000123"])
    status: Status
    received_at: datetime
    duplicate_of: str | None = None
    channel: Channel
    store_id: str
    location: LocationIn | None = None
    content: str
    kind: Kind | None = None
    occurred_at: datetime | None = None
    rating: int | None = None
    items: list[ItemIn] = []
    customer: CustomerView | None = None
    order_ref: str | None = None
    receipt_no: str | None = None
    attachments: list[AttachmentOut] = []
    external_ref: str | None = None
    language: str | None = None
    survey_token: str | None = Field(
        default=None, description="Only in the submission's answer: lets the customer answer the survey later."
    )

    @classmethod
    def render(
        cls, feedback: Feedback, *, sealer: Sealer, reveal: bool, survey_token: str | None = None
    ) -> FeedbackOut:
        """Needs ``feedback.customer`` and ``feedback.attachments`` loaded."""
        content = sealer.open(feedback.content_sealed) if reveal and feedback.content_sealed else feedback.content
        customer = feedback.customer
        return cls(
            id=feedback.id,
            number=feedback.number,
            status=feedback.status,  # type: ignore[arg-type]
            received_at=feedback.received_at,
            duplicate_of=feedback.duplicate_of,
            channel=feedback.channel,  # type: ignore[arg-type]
            store_id=feedback.store_id,
            location=LocationIn.model_validate(feedback.location) if feedback.location else None,
            content=content,
            kind=feedback.kind,  # type: ignore[arg-type]
            occurred_at=feedback.occurred_at,
            rating=feedback.rating,
            items=[ItemIn.model_validate(i) for i in feedback.items],
            customer=CustomerView.render(customer, sealer=sealer, reveal=reveal) if customer else None,
            order_ref=feedback.order_ref,
            receipt_no=feedback.receipt_no,
            attachments=[AttachmentOut.render(a) for a in feedback.attachments],
            external_ref=feedback.external_ref,
            language=feedback.language,
            survey_token=survey_token,
        )


class FeedbackPage(BaseModel):
    items: list[FeedbackOut]
    next_cursor: str | None = Field(default=None, description="Pass as ``cursor`` for the next (older) page.")


class BatchIn(BaseModel):
    """Up to 500 items (suggestion-box transcriptions, CSV/Excel imports); each is judged on its own."""

    model_config = ConfigDict(extra="forbid")

    items: list[dict[str, Any]] = Field(min_length=1, description="Each item has the shape of POST /v1/feedback.")


class BatchItemResult(BaseModel):
    index: int
    status: int = Field(description="201 created, 200 replayed, or the item's own 4xx.")
    feedback: FeedbackOut | None = None
    problem: dict[str, Any] | None = None


class BatchOut(BaseModel):
    accepted: int
    rejected: int
    results: list[BatchItemResult]
