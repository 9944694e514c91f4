from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, SmallInteger, String, func
from sqlalchemy.orm import Mapped, mapped_column

from intake.db import Base


class IdempotencyKey(Base):
    """A client's key, the fingerprint of the request it first came with, and what that request created.

    Responses are not stored (they may carry personal data in clear for a ``pii:read`` caller); a replay
    renders the created resource again, which yields the same id, number and time.
    """

    __tablename__ = "idempotency_keys"

    client_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    resource_kind: Mapped[str] = mapped_column(String(16))
    resource_id: Mapped[str | None] = mapped_column(String(36))
    status_code: Mapped[int | None] = mapped_column(SmallInteger)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
