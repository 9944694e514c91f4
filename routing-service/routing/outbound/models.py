from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import DateTime, Index, Integer, String, Text, func, text
from sqlalchemy.orm import Mapped, mapped_column

from routing.db import Base


class OutboundMessage(Base):
    """One message to a customer, a staff member or the work group (工作群), and what became of it."""

    __tablename__ = "outbound_messages"
    __table_args__ = (
        Index("ix_outbound_messages_pending", "next_attempt_at", postgresql_where=text("status = 'pending'")),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=lambda: str(uuid.uuid4()))
    case_id: Mapped[str | None] = mapped_column(String(36), index=True)
    audience: Mapped[str] = mapped_column(String(16), doc="customer, staff or work_group.")
    purpose: Mapped[str] = mapped_column(String(32))
    channel: Mapped[str] = mapped_column(String(16), doc="sms, wechat, app_push or email.")
    recipient: Mapped[str] = mapped_column(
        String(128), doc="customer:<id>, feedback:<id> (the gateway finds the address), staff:<id> or group:<id>."
    )
    language: Mapped[str | None] = mapped_column(String(16))
    template_ids: Mapped[str | None] = mapped_column(String(200))
    body_sealed: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    adapter: Mapped[str | None] = mapped_column(String(32))
    dedupe_key: Mapped[str | None] = mapped_column(String(128), unique=True)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
