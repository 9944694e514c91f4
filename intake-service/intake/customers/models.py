"""A customer's record: personal data only sealed or masked, hashes for matching, a tombstone once erased."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Boolean, DateTime, Index, String, Text, func, text
from sqlalchemy.orm import Mapped, mapped_column

from intake.db import Base


class Customer(Base):
    __tablename__ = "customers"
    __table_args__ = (
        Index("uq_customers_phone_hash", "phone_hash", unique=True, postgresql_where=text("phone_hash IS NOT NULL")),
        Index("ix_customers_email_hash", "email_hash"),
        Index("ix_customers_member_id", "member_id"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=lambda: str(uuid.uuid4()))
    phone_hash: Mapped[str | None] = mapped_column(String(64))
    email_hash: Mapped[str | None] = mapped_column(String(64))
    phone_sealed: Mapped[str | None] = mapped_column(Text)
    email_sealed: Mapped[str | None] = mapped_column(Text)
    name_sealed: Mapped[str | None] = mapped_column(Text)
    phone_masked: Mapped[str | None] = mapped_column(String(32))
    email_masked: Mapped[str | None] = mapped_column(String(320))
    name_masked: Mapped[str | None] = mapped_column(String(100))
    member_id: Mapped[str | None] = mapped_column(String(64))
    gender: Mapped[str | None] = mapped_column(String(16))
    age_range: Mapped[str | None] = mapped_column(String(16))
    tier: Mapped[str | None] = mapped_column(String(16))
    special_needs: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    erased_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
