"""Feedback (顧客反饋) as received: the customer's words exactly as given, numbered, and a masked copy for matching."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import DateTime, Float, ForeignKey, Index, Integer, SmallInteger, String, Text, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intake.db import Base

if TYPE_CHECKING:
    from intake.attachments.models import Attachment
    from intake.customers.models import Customer


class Feedback(Base):
    """One item of feedback. ``content`` never holds a phone number or e-mail in clear: when the customer
    wrote one, the exact text is sealed in ``content_sealed`` and ``content`` keeps the masked form."""

    __tablename__ = "feedback"
    __table_args__ = (
        Index("ix_feedback_store_id_number", "store_id", "number"),
        Index("ix_feedback_customer_id_received_at", "customer_id", "received_at"),
        Index("ix_feedback_store_id_received_at", "store_id", "received_at"),
        Index(
            "uq_feedback_channel_external_ref", "channel", "external_ref", unique=True,
            postgresql_where=text("external_ref IS NOT NULL"),
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=lambda: str(uuid.uuid4()))
    number: Mapped[str] = mapped_column(String(20), unique=True)
    channel: Mapped[str] = mapped_column(String(32))
    store_id: Mapped[str] = mapped_column(String(32))
    location: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    content: Mapped[str] = mapped_column(Text)
    content_sealed: Mapped[str | None] = mapped_column(Text)
    normalized_content: Mapped[str] = mapped_column(Text)
    kind: Mapped[str | None] = mapped_column(String(16))
    occurred_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    rating: Mapped[int | None] = mapped_column(SmallInteger)
    items: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    customer_id: Mapped[str | None] = mapped_column(ForeignKey("customers.id"))
    order_ref: Mapped[str | None] = mapped_column(String(64))
    receipt_no: Mapped[str | None] = mapped_column(String(64))
    external_ref: Mapped[str | None] = mapped_column(String(128))
    language: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="received")
    duplicate_of: Mapped[str | None] = mapped_column(ForeignKey("feedback.id"), index=True)
    duplicate_score: Mapped[float | None] = mapped_column(Float)
    client_id: Mapped[str] = mapped_column(String(128))
    submitted_by: Mapped[str] = mapped_column(String(128))
    survey_rounds: Mapped[int] = mapped_column(Integer, default=1)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(), index=True)

    customer: Mapped[Customer | None] = relationship(lazy="raise")
    attachments: Mapped[list[Attachment]] = relationship(lazy="raise", order_by="Attachment.created_at")
